"""Store table of the web console's sessions (gateway.access.console_sessions)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.store.models import Base, UTCDateTime


class ConsoleSession(Base):
    """One signed-in session of the console. The cookie holds a random token; only its
    SHA-256 is kept, so the table cannot be replayed from a copy of the store."""

    __tablename__ = "console_sessions"
    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    principal: Mapped[str] = mapped_column(String(100), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
