"""The hash-chained audit trail (§44).

Every data access and every denial is one record, committed before the answer leaves. Each
record stores the SHA-256 of its own content and of the record before it, so a changed,
removed or inserted record breaks the chain at that point; `datagate audit verify` names it.
Appends are serialised: an advisory lock on PostgreSQL (several gateway processes), a process
lock on SQLite (the embedded default is one process).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.store.models import AuditRecord

GENESIS = "0" * 64
_PG_LOCK_KEY = 0x6461746167617465  # "datagate"
_LAST_HASH = (sa.select(AuditRecord.__table__.c.hash)
              .order_by(AuditRecord.__table__.c.id.desc()).limit(1))
_INSERT = AuditRecord.__table__.insert()  # values come as parameters: compiled once, cached


@dataclasses.dataclass
class AuditEntry:
    principal: str | None
    department: str | None
    outcome: str  # ALLOWED | DENIED
    dataset: str | None = None
    mode: str | None = None
    fields: list[str] = dataclasses.field(default_factory=list)
    purpose: str | None = None
    grant_id: int | None = None
    rows: int = 0
    error_code: str | None = None
    action: str = "QUERY"
    detail: str = ""


def record_hash(prev_hash: str, at: dt.datetime, entry: AuditEntry) -> str:
    body = dict(vars(entry))
    body["fields"] = sorted(body["fields"])
    body["at"] = at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def _entry_of(row: AuditRecord) -> AuditEntry:
    return AuditEntry(principal=row.principal, department=row.department, outcome=row.outcome,
                      dataset=row.dataset, mode=row.mode, fields=list(row.fields or []),
                      purpose=row.purpose, grant_id=row.grant_id, rows=row.rows,
                      error_code=row.error_code, action=row.action, detail=row.detail)


class AuditLog:
    def __init__(self, engine, clock):
        self._engine = engine
        self._clock = clock
        self._lock = threading.Lock()

    def append(self, entry: AuditEntry) -> int:
        """Write one record and commit it; returns its id."""
        with self._lock, self._engine.begin() as conn:  # Core: an ORM session adds nothing here
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
            prev = conn.scalar(_LAST_HASH) or GENESIS
            at = self._clock.now()
            result = conn.execute(_INSERT, {"at": at, "prev_hash": prev,
                                            "hash": record_hash(prev, at, entry), **vars(entry)})
            return result.inserted_primary_key[0]


@dataclasses.dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the chain in id order; report the first record whose hashes do not hold."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = session.scalars(sa.select(AuditRecord).where(AuditRecord.id > last_id)
                               .order_by(AuditRecord.id).limit(batch)).all()
        if not rows:
            return ChainReport(checked=checked, first_broken=None, reason=None)
        for row in rows:
            if row.prev_hash != prev:
                return ChainReport(checked, row.id, "its prev_hash does not match the record "
                                   "before it (a record was removed or inserted)")
            if record_hash(prev, row.at, _entry_of(row)) != row.hash:
                return ChainReport(checked, row.id, "its content does not match its hash "
                                   "(the record was changed)")
            prev = row.hash
            checked += 1
            last_id = row.id
        session.expunge_all()
