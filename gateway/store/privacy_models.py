"""Store tables of the stronger privacy modes: the privacy-budget ledger and compare key use."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.store.models import DETAIL_CHARS, Base, UTCDateTime, bounded


class PrivacySpend(Base):
    """Epsilon spent by one differentially private stats query under a grant."""

    __tablename__ = "privacy_spends"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id"), index=True)
    epsilon: Mapped[float] = mapped_column(Float)
    spent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    principal: Mapped[str] = mapped_column(String(100))
    query: Mapped[str] = mapped_column(Text, default="", info=bounded(DETAIL_CHARS))


class CompareKeyUse(Base):
    """A key a department compared on a day: for the daily cap of distinct keys, and the
    key's non-matching compares that day (the guessing limit)."""

    __tablename__ = "compare_key_uses"
    __table_args__ = (UniqueConstraint("department", "dataset_code", "day", "key_digest"),
                      Index("ix_compare_key_uses_day", "department", "dataset_code", "day"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    department: Mapped[str] = mapped_column(String(100))
    dataset_code: Mapped[str] = mapped_column(String(64))
    day: Mapped[dt.date] = mapped_column(Date)
    key_digest: Mapped[str] = mapped_column(String(64))

    # mismatches plus compares still under way, each of which holds one until it matches
    reserved_mismatches: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mismatches: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    limit_reached_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class CompareKeyDay(Base):
    """How many distinct keys a department compared in a dataset on a day: one row that a
    conditional increment keeps under the cap, whatever compares run at the same time."""

    __tablename__ = "compare_key_days"
    __table_args__ = (UniqueConstraint("department", "dataset_code", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    department: Mapped[str] = mapped_column(String(100))
    dataset_code: Mapped[str] = mapped_column(String(64))
    day: Mapped[dt.date] = mapped_column(Date)
    distinct_keys: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
