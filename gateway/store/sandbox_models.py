"""Store tables of the SQL sandbox (§36): sessions, and results held back for a steward.

- `SandboxSessionRecord`: one opened session (who, which datasets and fields, under which
  conditional-open applications and purpose, whose stewards review its releases, until
  when). The session's data lives in its private DuckDB folder on the host that opened it,
  where every gateway process of that host can serve it (sandbox.manifest); the record lets
  every process sharing the store audit it and answer SESSION_EXPIRED or closed for it, and
  the auditor see what was opened.
- `SandboxOpening`: a session being opened (its snapshot loading), counted with the open
  sessions against DATAGATE_SANDBOX_MAX_SESSIONS by every gateway process sharing the store.
- `SandboxRelease`: a result that failed the output checks, with the withheld result itself,
  waiting for the owner department's steward (`SandboxReleaseReview`, one per owner
  department of the session's datasets; all must approve).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gateway.store.models import (JUSTIFICATION_CHARS, NOTE_CHARS, SQL_CHARS, Base, UTCDateTime,
                                  bounded)


class SandboxSessionRecord(Base):
    __tablename__ = "sandbox_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100), index=True)  # principal name
    datasets: Mapped[list] = mapped_column(JSON)  # dataset codes
    fields: Mapped[dict] = mapped_column(JSON)  # dataset -> field names loaded
    applications: Mapped[list] = mapped_column(JSON)  # OpenApplication ids
    owner_departments: Mapped[list | None] = mapped_column(JSON)  # of the datasets (0009)
    purpose: Mapped[str | None] = mapped_column(String(100))  # of the applications (0009)
    row_counts: Mapped[dict] = mapped_column(JSON, default=dict)  # dataset -> rows loaded
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SandboxOpening(Base):
    """A session under way on some host: taken under the owner's lock before its snapshot
    loads, removed when its record is written or the opening fails; one left by a host that
    died mid-opening lapses at `expires_at`."""

    __tablename__ = "sandbox_openings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(100), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SandboxRelease(Base):
    """A withheld result and the researcher's reason to release it anyway."""

    __tablename__ = "sandbox_releases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    requester: Mapped[str] = mapped_column(String(100), index=True)
    datasets: Mapped[list] = mapped_column(JSON)
    sql: Mapped[str] = mapped_column(Text, info=bounded(SQL_CHARS))
    justification: Mapped[str] = mapped_column(Text, info=bounded(JUSTIFICATION_CHARS))
    failed_checks: Mapped[list] = mapped_column(JSON)  # [{"check", "message"}]
    columns: Mapped[list] = mapped_column(JSON)
    rows: Mapped[list] = mapped_column(JSON)  # JSON-safe values
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="PENDING", index=True)  # PENDING|APPROVED|REJECTED
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reviews: Mapped[list["SandboxReleaseReview"]] = relationship(
        back_populates="release", lazy="selectin", cascade="all, delete-orphan",
        order_by="SandboxReleaseReview.department_code")


class SandboxReleaseReview(Base):
    """One owner department's decision on a release."""

    __tablename__ = "sandbox_release_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("sandbox_releases.id"), index=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="PENDING")  # PENDING|APPROVED|REJECTED
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS))
    release: Mapped[SandboxRelease] = relationship(back_populates="reviews")
