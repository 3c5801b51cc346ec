"""The hash-chained audit trail (§44).

Every data access and every denial is one record, committed before the answer leaves. Each
record stores the SHA-256 of its own content and of the record before it, so a changed,
removed or inserted record breaks the chain at that point; `datagate audit verify` names it.
Appends are serialised across gateway processes: on PostgreSQL by the chain's head (one row,
migration 0016), moved from the hash a process last wrote to its new last hash in the same
statement that inserts the records, on SQLite by BEGIN IMMEDIATE; concurrent appends of one
process are committed together.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import hmac
import logging
import threading
import time

import orjson
import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.identifiers import normalize_identifier
from gateway.store.storable_text import UNSTORABLE as _UNSTORABLE
from gateway.store.db import ConnectionLost, retrying_once
from gateway.store.text_limits import text_lengths
from gateway.store.models import AuditRecord
from gateway.tracing import OFF, Tracing

log = logging.getLogger("datagate.audit")
GENESIS = "0" * 64
_LAST_HASH = (sa.select(AuditRecord.__table__.c.hash)
              .order_by(AuditRecord.__table__.c.id.desc()).limit(1))
_COLUMNS = [c.key for c in AuditRecord.__table__.columns if c.key != "id"]
# PostgreSQL: the records go in only if the head still holds the hash this process last wrote
# (an UPDATE that waited for another append's row lock re-checks its WHERE on the row that
# append committed, so two processes cannot both chain onto one hash). One statement in
# autocommit: one round trip, committed when it returns. The rows travel as one JSON array,
# typed by the table's own row type.
_PG_APPEND = (
    "WITH head AS (UPDATE audit_head SET hash = %(last)s WHERE id = 1 AND hash = %(expected)s "
    "RETURNING 1) "
    f"INSERT INTO audit_records ({', '.join(_COLUMNS)}) "
    f"SELECT {', '.join(_COLUMNS)} FROM json_populate_recordset(NULL::audit_records, %(rows)s) "
    "WHERE EXISTS (SELECT 1 FROM head)")
# the head as the last append committed it, waited for if one is under way: FOR UPDATE reads
# the newest committed version, where a plain SELECT would see the statement's snapshot
_PG_LOCK_HEAD = "SELECT hash FROM audit_head WHERE id = 1 FOR UPDATE"


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
    # the keyed digest of the record's key (subject_digest) for lookups and compares: who
    # reached whose record, answerable without the key being stored
    subject_digest: str | None = None


def subject_digest(hash_key: str | bytes, key) -> str:
    """The keyed digest of a dataset key as audit records carry it: HMAC-SHA256 with the
    gateway's hash key over the normalised key, so one ID written two ways is one subject.
    Its own domain ("audit-subject:"), so it links to no masked pseudonym or compare count."""
    text = normalize_identifier(str(key))
    secret = hash_key if isinstance(hash_key, bytes) else hash_key.encode()
    return hmac.new(secret, f"audit-subject:{text}".encode(), hashlib.sha256).hexdigest()


def record_for(caller, outcome: str, **where) -> AuditEntry:
    """The record of one act of `caller` (a Caller, or None when there is none, e.g. a bad
    token): the one place records are made from what a request did."""
    return AuditEntry(principal=getattr(caller, "principal", None),
                      department=getattr(caller, "department", None), outcome=outcome, **where)


def refusal_record(caller, refused, **where) -> AuditEntry:
    """The record of a refusal: its code and, unless `detail` says otherwise, its message."""
    where.setdefault("detail", refused.message)
    where["fields"] = sorted(where.get("fields") or [])
    return record_for(caller, "DENIED", error_code=refused.code, **where)


def audit_refusal(append, caller, refused, **where) -> None:
    """Audit a refusal, through `append` (AuditLog.append, or a request's deferred list):
    the one function every door and use case calls for its refusals."""
    append(refusal_record(caller, refused, **where))


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
        limit = _LIMITS.get(key)
        if (limit is None or len(value) <= limit) and not _UNSTORABLE.search(value):
            continue  # the usual case, decided without copying the text
        clean = _UNSTORABLE.sub("\ufffd", value)
        if limit is not None and len(clean) > limit:
            clean = clean[:limit - 1] + "…"
        changes[key] = clean
    if _UNSTORABLE.search("".join(entry.fields)):
        changes["fields"] = [_UNSTORABLE.sub("\ufffd", f) for f in entry.fields]
    return dataclasses.replace(entry, **changes) if changes else entry


def record_hash(prev_hash: str, at: dt.datetime, entry: AuditEntry) -> str:
    body = dict(vars(entry))
    body["fields"] = sorted(body["fields"])
    if body["subject_digest"] is None:
        # records without a subject hash as every record did before it existed (migration
        # 0013), so the chain's older records still verify
        del body["subject_digest"]
    # as strftime("%Y-%m-%dT%H:%M:%S.%fZ") wrote it (the chain's older records), at a
    # fraction of its cost
    body["at"] = at.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat(
        timespec="microseconds") + "Z"
    # the text json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # gave the chain's older records: orjson escapes every character as it does (checked for
    # every code point), writes no spaces, and sorts the keys the same way
    canonical = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(prev_hash.encode() + canonical).hexdigest()


def _entry_of(row: AuditRecord) -> AuditEntry:
    return AuditEntry(principal=row.principal, department=row.department, outcome=row.outcome,
                      dataset=row.dataset, mode=row.mode, fields=list(row.fields or []),
                      purpose=row.purpose, grant_id=row.grant_id, rows=row.rows,
                      error_code=row.error_code, action=row.action, detail=row.detail,
                      subject_digest=row.subject_digest)


class _Pending:
    """Records queued together (one request's, or one append's) and who waits for their
    transaction to end: a thread (``event``) or a coroutine (``future`` in ``loop``)."""

    __slots__ = ("entries", "event", "loop", "future", "error")

    def __init__(self, entries: list[AuditEntry], event: threading.Event | None = None,
                 loop: asyncio.AbstractEventLoop | None = None,
                 future: asyncio.Future | None = None):
        self.entries = entries
        self.event, self.loop, self.future = event, loop, future
        self.error: BaseException | None = None


class AuditLog:
    """Appends records; nobody is told a record is written before it is committed.

    On a quiet gateway records are committed on the caller's thread (write_if_idle). When
    another commit is under way or queued, they are queued for the gateway's writer thread,
    which commits everything queued since its last transaction in one transaction (group
    commit), chained in queue order. append() and append_all() wait for their commit
    (workflows, the sandbox, the REST routes); committed() waits in the event loop, so that
    a busy gateway's request thread is free at once while the answer waits for the commit
    before it leaves (gateway.web.graphql_http): under load, request threads would otherwise
    wait in turn for one another's commits.
    """

    def __init__(self, engine, clock, tracing: Tracing = OFF):
        self._engine = engine
        self._clock = clock
        self._tracing = tracing  # a span per transaction (gateway.tracing)
        self._queue: list[_Pending] = []
        self._ready = threading.Condition()
        self._writer: threading.Thread | None = None
        self._closing = False
        self._write_lock = threading.Lock()  # one transaction of this process at a time
        self._statements: _AuditStatements | None = None
        # PostgreSQL: the hash this process's last append left at the chain's head (None:
        # not known, read it under the head's lock); how often another process had moved it
        self._head: str | None = None
        self.head_misses = 0
        self._connection = None  # the store connection appends are sent on, kept between them
        # told of records as they are queued (in the caller's context) and of each commit:
        # gateway.web.metrics; None outside a web process
        self.observer = None

    def append(self, entry: AuditEntry) -> None:
        """Write one record and commit it."""
        self.append_all([entry])

    def append_all(self, entries: list[AuditEntry]) -> None:
        """Write records (in their order) and commit them."""
        if self.write_if_idle(entries):
            return
        pending = self._queue_up(_Pending(entries, event=threading.Event()))
        pending.event.wait()
        if pending.error is not None:
            raise pending.error

    async def committed(self, entries: list[AuditEntry]) -> None:
        """Queue records and wait, in the event loop, until they are committed."""
        loop = asyncio.get_running_loop()
        pending = self._queue_up(_Pending(entries, loop=loop, future=loop.create_future()))
        await pending.future

    def write_if_idle(self, entries: list[AuditEntry]) -> bool:
        """Commit records on this thread if no other commit is under way or queued (a quiet
        gateway: handing them to the writer would only add two thread switches); False, and
        nothing written, if there is."""
        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            with self._ready:
                if self._queue:
                    return False
            self._write(entries)
            if self.observer is not None:
                self.observer.queued(entries)
            return True
        finally:
            self._write_lock.release()

    def queued_records(self) -> int:
        """Records waiting for the writer thread now."""
        with self._ready:
            return sum(len(pending.entries) for pending in self._queue)

    def close(self) -> None:
        """Let the writer commit what is queued, then stop it (a later append starts it
        again)."""
        with self._ready:
            writer, self._closing = self._writer, True
            self._ready.notify()
        if writer is not None:
            writer.join(timeout=30)
        with self._write_lock:
            self._release_connection(None)

    def _queue_up(self, pending: _Pending) -> _Pending:
        if self.observer is not None:
            self.observer.queued(pending.entries)
        with self._ready:
            self._queue.append(pending)
            if self._writer is None or not self._writer.is_alive():
                self._closing = False
                self._writer = threading.Thread(target=self._write_queued, daemon=True,
                                                name="datagate-audit")
                self._writer.start()
            self._ready.notify()
        return pending

    def _write_queued(self) -> None:
        """The writer thread: commits what is queued, then wakes who waits for it (each
        event loop once per transaction, however many of its requests were in it)."""
        while True:
            with self._ready:
                while not self._queue and not self._closing:
                    self._ready.wait()
                if not self._queue:
                    self._writer = None
                    return
                batch, self._queue = self._queue, []
            error = None
            try:
                with self._write_lock:
                    self._write([entry for pending in batch for entry in pending.entries])
            except BaseException as exc:  # noqa: BLE001 - every record of the batch failed with it
                error = exc
            waiting: dict[asyncio.AbstractEventLoop, list[asyncio.Future]] = {}
            for pending in batch:
                pending.error = error
                if pending.event is not None:
                    pending.event.set()
                else:
                    waiting.setdefault(pending.loop, []).append(pending.future)
            for loop, futures in waiting.items():
                try:
                    loop.call_soon_threadsafe(_settle, futures, error)
                except RuntimeError:  # that loop is closed: no one is waiting any more
                    pass

    def _write(self, entries: list[AuditEntry]) -> None:
        """One transaction on the driver's connection (one of SQLAlchemy's pool, kept checked
        out between appends, and its compiled INSERT): the same statements as through a Core
        connection, at a fifth of the CPU, which matters on a path every request takes; the
        records are made storable, chained, and sent with one executemany (one round trip in
        psycopg's pipeline).
        Retried once, whole, if the store had dropped the connection: nothing of a failed
        transaction is kept, and a commit whose answer was lost is at worst recorded twice,
        never lost."""
        statements = self._statements
        if statements is None:
            statements = self._statements = _AuditStatements(self._engine.dialect)
        entries = [storable(e) for e in entries]
        started = time.perf_counter()
        write = self._append_pg if statements.dialect == "postgresql" else self._write_once
        with self._tracing.audit_commit(len(entries)):
            retrying_once(lambda: write(statements, entries))
        if self.observer is not None:
            self.observer.committed(len(entries), time.perf_counter() - started)

    def _append_pg(self, statements: "_AuditStatements", entries: list[AuditEntry]) -> None:
        """PostgreSQL: one statement chained onto the head this process last wrote; if another
        process has appended since (or nothing is known yet), the head is read under its row
        lock and the same statement sent in a transaction.

        On one store connection of its own, in autocommit, kept checked out of the store's
        pool between appends (they are one at a time, under _write_lock): the pool's checkout
        and checkin cost as much CPU as the append's round trip."""
        expected, self._head = self._head, None  # unknown until a commit says otherwise
        pooled = self._connection
        if pooled is None:
            pooled = self._engine.raw_connection()
            try:
                pooled.dbapi_connection.autocommit = True
            except BaseException:
                pooled.close()
                raise
            self._connection = pooled
        connection = pooled.dbapi_connection
        try:
            if expected is not None:
                payload, last = self._chained(expected, entries)
                appended = connection.execute(
                    _PG_APPEND, {"last": last, "expected": expected, "rows": payload}).rowcount
                if appended == len(entries):
                    self._head = last
                    return
                self.head_misses += 1
            with connection.transaction():
                row = connection.execute(_PG_LOCK_HEAD).fetchone()
                if row is None:
                    raise RuntimeError("the audit chain's head (table audit_head) has no row; "
                                       "restore it with the hash of the last record")
                payload, last = self._chained(row[0], entries)
                inserted = connection.execute(
                    _PG_APPEND, {"last": last, "expected": row[0], "rows": payload}).rowcount
                if inserted != len(entries):  # cannot be while the lock is held
                    raise RuntimeError("the audit chain's head moved while locked")
            self._head = last
        except BaseException as error:
            lost = self._give_back_after(error, connection)
            if lost is not None:
                raise lost from error
            raise

    def _give_back_after(self, error: BaseException, connection) -> ConnectionLost | None:
        """After a failed append, the writer's connection given back to the store's pool:
        renewed with the pool if the store had dropped it (then the ConnectionLost for the
        caller to raise, and retrying_once to retry on), else as it is."""
        dialect = self._engine.dialect
        if (isinstance(error, dialect.loaded_dbapi.Error)
                and dialect.is_disconnect(error, connection, None)):
            self._release_connection(error)
            self._engine.dispose()  # the store's other connections died with it
            return ConnectionLost(str(error))
        self._release_connection(None)
        return None

    def _release_connection(self, lost: BaseException | None) -> None:
        """The writer's connection back to the store's pool: out of autocommit, or
        invalidated (renewed on its next checkout) if it was lost or cannot be reset."""
        pooled, self._connection = self._connection, None
        if pooled is None:
            return
        try:
            if lost is None and self._engine.dialect.name == "postgresql":
                pooled.dbapi_connection.autocommit = False
        except Exception as error:  # noqa: BLE001 - never back to the pool in autocommit
            lost = error
        try:
            if lost is not None:
                pooled.invalidate(lost)
            pooled.close()
        except Exception:  # noqa: BLE001 - a connection that is gone already
            pass

    def _chained(self, prev: str, entries: list[AuditEntry]) -> tuple[str, str]:
        """The records chained onto ``prev``, as the JSON array _PG_APPEND inserts, and the
        hash of the last."""
        rows = []
        for entry in entries:
            at = self._clock.now()
            if at.tzinfo is None:  # as the store's UTCDateTime refuses it
                raise ValueError("naive datetime given to the audit trail; use aware datetimes")
            digest = record_hash(prev, at, entry)
            rows.append({**vars(entry), "at": at, "prev_hash": prev, "hash": digest})
            prev = digest
        # orjson writes an aware datetime as RFC 3339 with its microseconds: timestamptz reads
        # it to the same instant the hash was made of
        return orjson.dumps(rows).decode(), prev

    def _write_once(self, statements: "_AuditStatements", entries: list[AuditEntry]) -> None:
        """SQLite (and other stores): read the last hash under the write lock, insert, commit;
        on a store connection kept checked out between appends, as on PostgreSQL."""
        raw = self._connection
        if raw is None:
            raw = self._connection = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            if statements.lock is not None:
                # take the write lock before reading the last hash, so that no other process
                # appends in between (BEGIN IMMEDIATE on SQLite)
                cursor.execute(statements.lock)
            cursor.execute(statements.last_hash)
            last = cursor.fetchone()
            prev = last[0] if last else GENESIS
            rows = []
            for entry in entries:
                at = self._clock.now()
                digest = record_hash(prev, at, entry)
                rows.append(statements.parameters(
                    {"at": at, "prev_hash": prev, "hash": digest, **vars(entry)}))
                prev = digest
            cursor.executemany(statements.insert, rows)
            cursor.close()
            raw.commit()
        except BaseException as error:
            with contextlib.suppress(Exception):
                raw.rollback()
            lost = self._give_back_after(error, raw.dbapi_connection)
            if lost is not None:
                raise lost from error
            raise


def _settle(futures: list[asyncio.Future], error: BaseException | None) -> None:
    for future in futures:
        if future.done():  # the request was cancelled (its client went away)
            continue
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)


class _AuditStatements:
    """The audit write's statements compiled once for the store's dialect."""

    def __init__(self, dialect):
        table = AuditRecord.__table__
        keys = [c.key for c in table.columns if c.key != "id"]
        compiled = table.insert().compile(dialect=dialect, column_keys=keys)
        self.insert = compiled.string
        self._order = compiled.positiontup if compiled.positional else None
        self._processors = [(c.key, c.type.dialect_impl(dialect).bind_processor(dialect))
                            for c in table.columns if c.key != "id"]
        self.last_hash = str(_LAST_HASH.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        self.dialect = dialect.name
        self.lock = {"sqlite": "BEGIN IMMEDIATE"}.get(dialect.name)

    def parameters(self, values: dict):
        processed = {key: (values[key] if process is None else process(values[key]))
                     for key, process in self._processors}
        return processed if self._order is None else [processed[name] for name in self._order]


@dataclasses.dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken: int | None
    reason: str | None
    head_id: int | None = None     # the last record checked, and its hash: an operator keeps
    head_hash: str | None = None   # them off the store to anchor a later verify (docs/operations.md)

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def _stored_head(session: Session) -> str | None:
    """The hash audit_head holds (PostgreSQL stores, migration 0016), None where there is none."""
    if session.bind.dialect.name != "postgresql":
        return None
    return session.scalar(sa.text("SELECT hash FROM audit_head WHERE id = 1"))


def verify_chain(session: Session, batch: int = 5000,
                 anchors: dict[int, str] | None = None) -> ChainReport:
    """Walk the chain in id order; report the first record whose hashes do not hold.

    ``anchors`` are (record id → hash) pairs kept off the store: the chain alone cannot tell
    a rewrite of every record from a given one on (by someone with write access to the store,
    who can recompute the hashes); a record that no longer has its anchored hash, or is gone,
    can."""
    prev = GENESIS
    checked = 0
    last_id = 0
    pending = dict(anchors or {})
    while True:
        rows = session.scalars(sa.select(AuditRecord).where(AuditRecord.id > last_id)
                               .order_by(AuditRecord.id).limit(batch)).all()
        if not rows:
            if pending:
                gone = min(pending)
                return ChainReport(checked, gone, "an anchored record is missing (the trail was "
                                   "cut or rewritten)", last_id or None, prev if checked else None)
            head = _stored_head(session)
            if head is not None and head != prev:
                if session.scalar(sa.select(sa.func.count()).where(AuditRecord.id > last_id)):
                    continue  # appended while this walk read: walk on to the new head
                return ChainReport(checked, last_id,  # 0: no record left, all were removed
                                   "the chain's head row (audit_head) does not hold the last "
                                   "record's hash: it was changed, or a process of a version "
                                   "before migration 0016 appended; appends would fork here",
                                   last_id or None, prev if checked else None)
            return ChainReport(checked=checked, first_broken=None, reason=None,
                               head_id=last_id or None, head_hash=prev if checked else None)
        for row in rows:
            if row.prev_hash != prev:
                return ChainReport(checked, row.id, "its prev_hash does not match the record "
                                   "before it (a record was removed or inserted)")
            if record_hash(prev, row.at, _entry_of(row)) != row.hash:
                return ChainReport(checked, row.id, "its content does not match its hash "
                                   "(the record was changed)")
            for anchored in [a for a in pending if a <= row.id]:
                expected = pending.pop(anchored)
                if anchored < row.id or row.hash != expected:
                    return ChainReport(checked, anchored, "it does not have its anchored hash "
                                       "(the trail was rewritten from here on)")
            prev = row.hash
            checked += 1
            last_id = row.id
        session.expunge_all()
