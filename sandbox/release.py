"""Results that failed the output checks, held back for a steward to review.

`Session.request_release` builds a ReleaseRequest: the query, the researcher's
justification, the checks that failed and the withheld result itself. The
gateway queues it for the data steward; the researcher never sees the rows
unless the steward releases them.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ReleaseRequest:
    """A withheld result, waiting for a steward's decision."""

    session_id: str
    owner: str
    sql: str
    justification: str
    failed_checks: list[tuple[str, str]]
    tables: list[str]
    columns: list[str]
    rows: list[list[Any]]
    requested_at: datetime
    id: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    def to_dict(self) -> dict:
        """A JSON-friendly summary for the steward's queue (rows included)."""
        return {
            "id": self.id,
            "sessionId": self.session_id,
            "owner": self.owner,
            "sql": self.sql,
            "justification": self.justification,
            "failedChecks": [{"check": c, "message": m} for c, m in self.failed_checks],
            "tables": list(self.tables),
            "columns": list(self.columns),
            "rows": [list(r) for r in self.rows],
            "requestedAt": self.requested_at.isoformat(),
        }
