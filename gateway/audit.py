"""The hash-chained audit trail (§44).

Every data access and every denial is one record, committed before the answer leaves. Each
record stores the SHA-256 of its own content and of the record before it, so a changed,
removed or inserted record breaks the chain at that point; `datagate audit verify` names it.
Appends are serialised: an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite (both hold
across gateway processes), and concurrent appends of one process are committed together.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.request_text import UNSTORABLE as _UNSTORABLE
from gateway.store.db import driver_connection, retrying_once
from gateway.store.text_limits import text_lengths
from gateway.store.models import AuditRecord

GENESIS = "0" * 64
_PG_LOCK_KEY = 0x6461746167617465  # "datagate"
_LAST_HASH = (sa.select(AuditRecord.__table__.c.hash)
              .order_by(AuditRecord.__table__.c.id.desc()).limit(1))


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


_LIMITS = text_lengths(AuditRecord)


def storable(entry: AuditEntry) -> AuditEntry:
    """The entry as every store can keep it: what a caller sent (a purpose, an id, a query) is
    cut to its column's length, marked with "…", and a NUL, which PostgreSQL text cannot hold,
    or an unpaired surrogate, which UTF-8 cannot, becomes U+FFFD. Otherwise such a request
    would fail to be audited, and so fail as a whole. The record's hash is of what is stored.
    (Unlike a workflow's text, which is refused when too long: gateway.store.text_limits.)"""
    changes = {}
    for key, value in vars(entry).items():
        if not isinstance(value, str):
            continue
        clean = _UNSTORABLE.sub("\ufffd", value)
        limit = _LIMITS.get(key)
        if limit is not None and len(clean) > limit:
            clean = clean[:limit - 1] + "…"
        if clean != value:
            changes[key] = clean
    if any(_UNSTORABLE.search(f) for f in entry.fields):
        changes["fields"] = [_UNSTORABLE.sub("\ufffd", f) for f in entry.fields]
    return dataclasses.replace(entry, **changes) if changes else entry


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


class _Pending:
    __slots__ = ("entry", "id", "error")

    def __init__(self, entry: AuditEntry):
        self.entry = entry
        self.id: int | None = None
        self.error: BaseException | None = None


class AuditLog:
    """Appends records, committing each before append() returns.

    Concurrent appends are committed together (group commit): a thread that finds the writer
    busy queues its record, and the next writer writes every queued record in one transaction,
    chained in queue order. Each caller still returns only after its own record is committed,
    so no answer leaves before its audit record is durable.
    """

    def __init__(self, engine, clock):
        self._engine = engine
        self._clock = clock
        self._queue: list[_Pending] = []
        self._queue_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._statements: _AuditStatements | None = None

    def append(self, entry: AuditEntry) -> int:
        """Write one record and commit it; returns its id."""
        ticket = _Pending(storable(entry))
        with self._queue_lock:
            self._queue.append(ticket)
        with self._write_lock:
            if ticket.id is None and ticket.error is None:  # no other writer took it along
                with self._queue_lock:
                    batch, self._queue = self._queue, []
                try:
                    for pending, record_id in zip(batch, self._write(batch)):
                        pending.id = record_id
                except BaseException as exc:  # every record of the batch failed with it
                    for pending in batch:
                        pending.error = exc
        if ticket.error is not None:
            raise ticket.error
        return ticket.id

    def _write(self, batch: list[_Pending]) -> list[int]:
        """One transaction on the driver's connection (through SQLAlchemy's pool and its
        compiled INSERT): the same statements as through a Core connection, at a fifth of the
        CPU, which matters on a path every request takes. Retried once, whole, if the store
        had dropped the connection: nothing of a failed transaction is kept, and a commit
        whose answer was lost is at worst recorded twice, never lost."""
        statements = self._statements
        if statements is None:
            statements = self._statements = _AuditStatements(self._engine.dialect)
        return retrying_once(lambda: self._write_once(statements, batch))

    def _write_once(self, statements: "_AuditStatements", batch: list[_Pending]) -> list[int]:
        with driver_connection(self._engine) as raw:
            cursor = raw.cursor()
            if statements.lock is not None:
                # take the write lock before reading the last hash, so that no other process
                # appends in between (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL)
                cursor.execute(statements.lock)
            cursor.execute(statements.last_hash)
            last = cursor.fetchone()
            prev = last[0] if last else GENESIS
            ids = []
            for pending in batch:
                at = self._clock.now()
                digest = record_hash(prev, at, pending.entry)
                cursor.execute(statements.insert, statements.parameters(
                    {"at": at, "prev_hash": prev, "hash": digest, **vars(pending.entry)}))
                ids.append(cursor.fetchone()[0] if statements.returning else cursor.lastrowid)
                prev = digest
            cursor.close()
            raw.commit()
            return ids


class _AuditStatements:
    """The audit write's statements compiled once for the store's dialect."""

    def __init__(self, dialect):
        table = AuditRecord.__table__
        keys = [c.key for c in table.columns if c.key != "id"]
        self.returning = dialect.name == "postgresql"
        insert = table.insert().returning(table.c.id) if self.returning else table.insert()
        compiled = insert.compile(dialect=dialect, column_keys=keys)
        self.insert = compiled.string
        self._order = compiled.positiontup if compiled.positional else None
        self._processors = [(c.key, c.type.dialect_impl(dialect).bind_processor(dialect))
                            for c in table.columns if c.key != "id"]
        self.last_hash = str(_LAST_HASH.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        self.lock = {"sqlite": "BEGIN IMMEDIATE",
                     "postgresql": f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})"}.get(dialect.name)

    def parameters(self, values: dict):
        processed = {key: (values[key] if process is None else process(values[key]))
                     for key, process in self._processors}
        return processed if self._order is None else [processed[name] for name in self._order]


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
