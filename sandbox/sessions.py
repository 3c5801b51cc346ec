"""Sandbox sessions: private, locked-down DuckDB databases with an expiry.

A `SandboxManager` opens a session for an owner from Arrow snapshots of the
granted datasets. Each session is a folder `root_dir/<id>/` holding its own
DuckDB file and temp directory; the id is `secrets.token_urlsafe`. Sessions are
found by id *and* owner (another owner's id is NOT_FOUND), expire after
`SandboxLimits.session_ttl` (SESSION_EXPIRED, files removed) and run one query
at a time in each process.

Any manager on the same root directory can serve a session another one opened:
the folder's manifest (manifest.py) says whose it is, until when, and what its
tables and policies are, and the DuckDB file is opened read-only, which DuckDB
allows to several processes at once. So a session works through every worker
of a gateway host and survives a restart of the gateway until it expires; when
one process closes it (or finds it expired) the folder goes, and every other
process finds the manifest gone at its next request and lets go too.

`Session.run(sql)` goes through, in order: the plan (planning.py: statement
classification, what the query may reach, the static output checks and the rewrite
that adds the people count and the row checks), made in one request to the session's
query process (query_process.py, worker.py); the limited run (execution.py) there; and
the result checks. DuckDB tokenizes, parses, renders, binds and runs what a researcher
wrote only in that process. The checked plan of a query text is kept (128 per
session), so re-running the same text skips straight to the run and the result checks.
"""
from __future__ import annotations

import logging
import secrets
from collections import OrderedDict
import shutil
import threading
import time as _time
from time import perf_counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping

import pyarrow as pa

from sandbox import execution, manifest, output_checks
from sandbox.errors import (OutputCheckFailed, SandboxError, SandboxTimeout, SessionExpired,
                            SessionNotFound, SessionUnreadable)
from sandbox.lockdown import open_for_loading
from sandbox.limits import SandboxLimits
from sandbox.query_process import GRACE_SECONDS, QueryProcess
from sandbox.planning import nesting_refused
from sandbox.reach import check_reach
from sandbox.release import ReleaseRequest
from sandbox.statements import parse
from sandbox.syntax import deserialize, with_row_cap
from sandbox.tables import GrantedTable, TablePolicy, load_tables

Clock = Callable[[], datetime]
log = logging.getLogger("datagate.sandbox")
_MARKER = ".datagate-sandbox"
_PLAN_CACHE_SIZE = 128


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Result:
    """A released result: column names and rows (tuples of Python values)."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    @classmethod
    def from_fetched(cls, fetched: execution.Fetched, dedupe: bool = False) -> "Result":
        return cls.from_rows(fetched.columns, fetched.rows, dedupe)

    @classmethod
    def from_rows(cls, columns: list[str], rows: list[tuple[Any, ...]], dedupe: bool = False) -> "Result":
        """A result over `rows` as they are (a list no one else holds)."""
        if dedupe:
            seen, unique = set(), []
            for row in rows:
                key = repr(row)
                if key not in seen:
                    seen.add(key)
                    unique.append(row)
            rows = unique
        return cls(list(columns), rows)

    def to_dict(self) -> dict:
        """`{"columns": [...], "rows": [[...]]}` with JSON-safe values."""
        return {"columns": list(self.columns), "rows": [[_jsonable(v) for v in r] for r in self.rows]}


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    return value


class Session:
    """One owner's sandbox: its granted tables in a private database, queried (locked down)
    in a process of the session's own."""

    def __init__(self, session_id: str, owner: str, folder: Path,
                 tables: dict[str, GrantedTable], limits: SandboxLimits, clock: Clock,
                 created_at: datetime, expires_at: datetime, on_expired: Callable[["Session"], None],
                 queries: QueryProcess):
        self.id = session_id
        self.owner = owner
        self.folder = folder
        self.tables = tables
        self.limits = limits
        self.created_at = created_at
        self.expires_at = expires_at
        # DuckDB opens the session's database only in the query process (the gateway keeps no
        # connection to it); the manager hands it over ready
        self._queries = queries
        self._clock = clock
        self._on_expired = on_expired
        self._query_lock = threading.Lock()
        self._plans: OrderedDict[str, output_checks.ReleasePlan] = OrderedDict()
        self._closed = False
        self.last_timings: dict[str, float] = {}

    def describe(self) -> dict:
        """`{"id", "tables", "expiresAt"}` as the HTTP API returns it."""
        return {
            "id": self.id,
            "tables": [t.describe() for t in self.tables.values()],
            "expiresAt": self.expires_at.isoformat(),
        }

    def end_idle_process(self) -> bool:
        """End the session's query process if it has been idle past limits.process_idle."""
        return self._queries.stop_if_idle()

    def query_settings(self) -> dict[str, str]:
        """DuckDB's settings where the session's queries run (its query process)."""
        with self._exclusive():
            return self._queries.settings()

    def is_expired(self) -> bool:
        return self._clock() >= self.expires_at

    def run(self, sql: str) -> Result:
        """Run one SELECT and return its result if it passes the output checks.

        `last_timings` then holds the seconds each step took, for benchmarks: for a text
        not run before, as the query process measured them (planning.prepare), parse
        (DuckDB's parser), checks (reach and static output checks), plan (rewrite and row
        cap, of which render: DuckDB turning the amended tree into SQL), and prepare (the
        whole request, the trip to the process included); for every run, run (DuckDB, fetch
        and size cap) and result (result checks).
        """
        with nesting_refused():
            return self._run(sql)

    def _run(self, sql: str) -> Result:
        timings: dict[str, float] = {}
        self.last_timings = timings
        with self._exclusive():
            plan = self._plans.get(sql)
            if plan is None:
                started = perf_counter()
                prepared, measured = self._queries.prepare(sql, self.tables)
                timings.update(measured)
                timings["prepare"] = perf_counter() - started
                if prepared.plan is None:  # DESCRIBE or EXPLAIN: shows no rows of the data
                    return Result.from_fetched(self._queries.run(prepared.sql, capped=not prepared.explain))
                plan = prepared.plan
                self._remember(sql, plan)
            else:
                self._plans.move_to_end(sql)
            started = perf_counter()
            try:
                fetched = self._checked_run(plan)
            except execution.RecheckNeeded:
                plan = self._exact_plan(sql)
                fetched = self._checked_run(plan)
            ran_at = perf_counter()
            timings["run"] = ran_at - started
            failures = output_checks.check_result(fetched)
            if failures:
                raise OutputCheckFailed(failures)
            result = Result.from_rows(fetched.columns, fetched.rows, dedupe=plan.dedupe)
            timings["result"] = perf_counter() - ran_at
            return result

    def _exact_plan(self, sql: str) -> output_checks.ReleasePlan:
        """The plan of a query whose dominance check the quick bounds could not settle, with
        each group's largest values computed; kept in place of the quick one."""
        prepared, _ = self._queries.prepare(sql, self.tables, exact_dominance=True)
        if prepared.plan is None:
            raise OutputCheckFailed([output_checks.SHAPE_FAILURE])
        self._remember(sql, prepared.plan)
        return prepared.plan

    def _checked_run(self, plan: output_checks.ReleasePlan) -> execution.Fetched:
        try:
            return self._queries.run(plan.sql, people_floor=plan.people_floor)
        except execution.GroupTooSmall as exc:
            raise OutputCheckFailed([plan.failure(exc.check)] + self._column_failures(plan.sql)) from None
        except execution.PeopleCountLost:
            raise OutputCheckFailed([output_checks.SHAPE_FAILURE]) from None

    def request_release(self, sql: str, justification: str = "") -> ReleaseRequest:
        """Hold back a result that failed the output checks for a steward's review.

        The query must still pass the statement and reach checks and the limits;
        the result is computed without the output checks and returned only inside
        the ReleaseRequest, for the gateway to queue.
        """
        try:
            self.run(sql)
            failures: list[tuple[str, str]] = []
        except OutputCheckFailed as exc:
            failures = exc.failures
        with nesting_refused(), self._exclusive():
            parsed = parse(self._queries, sql)
            check_reach(parsed.tree, self.tables)
            unchecked = deserialize(self._queries, with_row_cap(parsed.tree, self.limits.max_rows + 1))
            withheld = Result.from_fetched(self._queries.run(unchecked))
        return ReleaseRequest(
            session_id=self.id, owner=self.owner, sql=sql, justification=justification,
            failed_checks=failures, tables=[t.name for t in self.tables.values()],
            columns=withheld.columns, rows=withheld.rows, requested_at=self._clock(),
        )

    def _remember(self, sql: str, plan: output_checks.ReleasePlan) -> None:
        """Keep the checked plan of a query text: the session's tables, policies and
        limits never change, so the same text always gets the same plan."""
        self._plans[sql] = plan
        while len(self._plans) > _PLAN_CACHE_SIZE:
            self._plans.popitem(last=False)

    def _column_failures(self, sql: str) -> list[tuple[str, str]]:
        """The failures of the columns `sql` would return (bound, not run; none if it
        cannot be bound, as the caller refuses the result anyway)."""
        try:
            columns, types = self._queries.bind(sql)
        except SandboxError:
            return []
        return output_checks.check_result(execution.Fetched(columns, types, []))

    def close(self, delete_files: bool = True) -> None:
        """Stop any running query and the query process and (unless told not to, on
        shutdown) delete the session's files."""
        if self._closed:
            if delete_files:
                shutil.rmtree(self.folder, ignore_errors=True)
            return
        self._queries.stop()  # ends a running query too
        acquired = self._query_lock.acquire(timeout=self.limits.timeout_seconds + GRACE_SECONDS)
        self._closed = True
        if acquired:
            self._query_lock.release()
        if delete_files:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _exclusive(self) -> "_Exclusive":
        return _Exclusive(self)


class _Exclusive:
    """One query at a time in a live session (SESSION_EXPIRED, SANDBOX_TIMEOUT, NOT_FOUND)."""

    __slots__ = ("_session",)

    def __init__(self, session: Session):
        self._session = session

    def __enter__(self) -> None:
        session = self._session
        if session.is_expired():
            session._on_expired(session)
            raise SessionExpired(_expired_message())
        # A query runs at most the time limit, and its process is ended GRACE_SECONDS later
        # if it does not stop: waiting that long lets a queued query in behind any query that
        # ends as it should (one in a just-started process may also wait for it to be ready).
        if not session._query_lock.acquire(timeout=session.limits.timeout_seconds + GRACE_SECONDS):
            raise SandboxTimeout("Another query is still running in this session; "
                                 "wait for it to finish, then try again.")
        if session._closed:
            session._query_lock.release()
            raise SessionNotFound("This sandbox session has been closed.")

    def __exit__(self, *exc) -> None:
        self._session._query_lock.release()


def _expired_message() -> str:
    return ("This sandbox session has expired and its data was deleted. "
            "Open a new session to continue.")


class SandboxManager:
    """Opens, finds, expires and closes sandbox sessions under `root_dir`."""

    def __init__(self, root_dir: str | Path, limits: SandboxLimits | None = None,
                 clock: Clock | None = None, id_prefix: str = ""):
        self.root_dir = Path(root_dir)
        self.id_prefix = id_prefix  # new ids start with it: a load balancer routes by it
        self.root_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.limits = limits or SandboxLimits()
        self._clock = clock or utc_now
        self._sessions: dict[str, Session] = {}
        self._expired: dict[str, tuple[str, datetime]] = {}
        self._lock = threading.Lock()
        self._adopt_lock = threading.Lock()

    def open_count(self) -> int:
        """Sessions open in this process."""
        return len(self._sessions)

    def open(self, owner: str, tables: Mapping[str, pa.RecordBatchReader | pa.Table],
             policies: Mapping[str, TablePolicy] | None = None, *, ttl: timedelta | None = None) -> Session:
        """Load the snapshots into a new private database and return the locked session."""
        session_id = self.id_prefix + secrets.token_urlsafe(24)
        folder = self.root_dir / session_id
        folder.mkdir(mode=0o700)
        (folder / _MARKER).write_text(owner)
        temp_dir = folder / "tmp"
        temp_dir.mkdir(mode=0o700)
        db_path = folder / "data.duckdb"
        # started first, so that Python and DuckDB load in that process while the data loads here
        queries = QueryProcess(db_path, temp_dir, self.limits)
        try:
            queries.start()
            loader = open_for_loading(db_path, self.limits, temp_dir)
            try:
                granted = load_tables(loader, tables, policies or {})
                loader.execute("CHECKPOINT")
            finally:
                loader.close()
            now = self._clock()
            expires_at = now + (ttl or self.limits.session_ttl)
            manifest.write(folder, owner, now, expires_at, granted)
            queries.ready()  # the database opens locked down where queries run
        except BaseException:
            queries.stop()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        session = Session(session_id, owner, folder, granted, self.limits, self._clock,
                          now, expires_at, self._expire, queries)
        with self._lock:
            self._sessions[session_id] = session
        return session

    def get(self, session_id: str, owner: str) -> Session:
        """The owner's session; NOT_FOUND for unknown ids and other owners' sessions."""
        with self._lock:
            session = self._sessions.get(session_id)
            tomb = self._expired.get(session_id)
        if session is None and tomb is None:
            session = self._adopt(session_id, owner)
        if session is None or not _same(session.owner, owner):
            if session is None and tomb and _same(tomb[0], owner):
                raise SessionExpired(_expired_message())
            raise SessionNotFound("No sandbox session with this id belongs to you.")
        if session.is_expired():
            self._expire(session)
            raise SessionExpired(_expired_message())
        if not manifest.present(session.folder):
            self._let_go(session)
            raise SessionNotFound("This sandbox session has been closed.")
        return session

    def _adopt(self, session_id: str, owner: str) -> Session | None:
        """Open a session that another manager on this root opened (None if there is none
        for this owner). SESSION_EXPIRED, and its files removed, if it has expired; NOT_FOUND
        saying so if its database cannot be opened."""
        if not manifest.is_session_id(session_id):
            return None
        folder = self.root_dir / session_id
        with self._adopt_lock:
            with self._lock:
                if session_id in self._sessions:
                    return self._sessions[session_id]
            try:
                found = manifest.read(folder)
            except manifest.Unreadable as exc:
                log.warning("sandbox session %s cannot be served: %s", session_id, exc)
                return None
            if found is None or not _same(found.owner, owner):
                return None
            if self._clock() >= found.expires_at:
                shutil.rmtree(folder, ignore_errors=True)
                with self._lock:
                    self._expired[session_id] = (found.owner, self._clock())
                raise SessionExpired(_expired_message())
            queries = QueryProcess(folder / "data.duckdb", folder / "tmp", self.limits)
            try:
                queries.ready()
            except RuntimeError as exc:
                # damaged, gone meanwhile, or held in a way this process cannot share
                log.warning("cannot open sandbox session %s here: %s", session_id, exc)
                queries.stop()
                raise SessionUnreadable("This sandbox session's database cannot be opened (damaged or "
                                        "removed since the session was opened); open a new session.") from None
            session = Session(session_id, found.owner, folder, found.tables, self.limits,
                              self._clock, found.created_at, found.expires_at, self._expire, queries)
            with self._lock:
                self._sessions[session_id] = session
            return session

    def _let_go(self, session: Session) -> None:
        """Close this process's connection to a session another process closed."""
        with self._lock:
            if self._sessions.get(session.id) is session:
                del self._sessions[session.id]
        session.close(delete_files=False)

    def run(self, session_id: str, owner: str, sql: str) -> Result:
        """Shorthand for `get(session_id, owner).run(sql)`."""
        return self.get(session_id, owner).run(sql)

    def close(self, session_id: str, owner: str) -> None:
        """Close the owner's session and delete its files (an expired one is just removed)."""
        try:
            session = self.get(session_id, owner)
        except SessionExpired:
            return
        with self._lock:
            self._sessions.pop(session_id, None)
        session.close()

    def sweep(self) -> list[str]:
        """Remove expired sessions and leftover session folders, and end the query processes
        of sessions idle past limits.process_idle; returns the ids of the sessions removed."""
        with self._lock:
            expired = [s for s in self._sessions.values() if s.is_expired()]
            closed = [s for s in self._sessions.values()
                      if not s.is_expired() and not manifest.present(s.folder)]
        for session in expired:
            self._expire(session)
        for session in closed:  # by another process
            self._let_go(session)
        with self._lock:
            live = list(self._sessions.values())
        for session in live:  # ends the query processes of sessions no one has queried lately
            session.end_idle_process()
        removed = [s.id for s in expired]
        now = self._clock()
        with self._lock:
            known = set(self._sessions)
            for sid, (_, at) in list(self._expired.items()):
                if now - at > self.limits.session_ttl:
                    del self._expired[sid]
        for folder in self.root_dir.iterdir():
            if folder.name in known or not (folder / _MARKER).exists():
                continue
            # A folder this manager does not serve: another process's session, or one left by
            # a crash or a shutdown. Its manifest says until when it lives; without one (the
            # process stopped while loading) the folder's age decides.
            try:
                found = manifest.read(folder)
            except manifest.Unreadable:
                found = None
            if found is not None:
                over = now >= found.expires_at
            else:
                try:
                    age = _time.time() - (folder / _MARKER).stat().st_mtime
                except FileNotFoundError:  # another process removed it meanwhile
                    continue
                over = age > self.limits.session_ttl.total_seconds()
            if over:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        return removed

    def close_all(self) -> None:
        """Close this process's connections to its sessions (on shutdown). Sessions that have
        not expired keep their files, for the deployment's other processes or a restart to
        serve until they expire; `sweep` (of any manager on this root) removes them then."""
        with self._lock:
            sessions = list(self._sessions.values())
            self._sessions.clear()
        for session in sessions:
            session.close(delete_files=session.is_expired())

    def _expire(self, session: Session) -> None:
        with self._lock:
            if self._sessions.get(session.id) is session:
                del self._sessions[session.id]
            self._expired[session.id] = (session.owner, self._clock())
        session.close()


def _same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode(), b.encode())
