"""The SandboxService and its sessions: opening one on approved datasets, running queries,
describing, closing, and sweeping expired ones (one SandboxManager per Gateway)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt
import logging
import re
import threading
import time

import sqlalchemy as sa

from gateway.audit import record_for
from gateway.errors import NotFound, RateLimited, SessionElsewhere
from gateway.access.grants import MAX_PURPOSE_CHARS
from gateway.access.principals import Caller
from gateway.sandbox_service.access import (_AccessChecks, _Approval, _codes_for_audit,
                                            _dataset_list, _detail, _require_principal,
                                            _sql_text)
from gateway.sandbox_service.audit import MODE, _AuditScope
from gateway.sandbox_service.json_values import json_rows, shanghai
from gateway.sandbox_service.releases import _ReleaseQueue
from gateway.sandbox_service.snapshots import open_snapshot, source_error
from gateway.store.models import OpenApplication
from gateway.store.sandbox_models import SandboxOpening, SandboxSessionRecord
from sandbox import (SandboxLimits, SandboxManager, SessionExpired, SessionNotFound,
                     SessionUnreadable)
from sandbox.manifest import is_session_id

if TYPE_CHECKING:
    from gateway.services import Services

log = logging.getLogger("datagate.sandbox")
SWEEP_EVERY_SECONDS = 60.0
# an opening left by a host that died while loading stops counting against the cap then
OPENING_LAPSES_AFTER = dt.timedelta(minutes=10)
SESSION_INSTANCE = re.compile(r"[a-z0-9]{1,16}")  # DATAGATE_INSTANCE_NAME's form


def limits_from(settings) -> SandboxLimits:
    return SandboxLimits(
        timeout_seconds=float(settings.sandbox_timeout_seconds),
        memory_limit_mb=settings.sandbox_memory_mb, max_temp_mb=settings.sandbox_temp_mb,
        threads=settings.sandbox_threads, max_rows=settings.sandbox_max_rows,
        max_result_bytes=settings.sandbox_max_result_mb * 1024 * 1024,
        session_ttl=dt.timedelta(minutes=settings.sandbox_ttl_minutes),
        min_group_size=settings.min_group_size,
        process_idle=dt.timedelta(minutes=settings.sandbox_process_idle_minutes))


@dataclasses.dataclass(frozen=True)
class _Meta:
    owner: str
    datasets: tuple[str, ...]
    owners: tuple[str, ...]  # owner departments of the datasets
    applications: tuple[int, ...]
    purpose: str
    expires_at: dt.datetime

    @property
    def audit_dataset(self) -> str:
        return ",".join(self.datasets)[:64]


class SandboxService(_AccessChecks, _ReleaseQueue):
    """The gateway's sandbox: one SandboxManager and the store records around it."""

    def __init__(self, services: Services):
        self.services = services
        settings = services.settings
        self.limits = limits_from(settings)
        self.root = settings.sandbox_dir or (settings.data_dir / "sandbox")
        # a named instance's session ids begin "<name>-", so a load balancer can route by them
        self.instance = settings.instance_name
        self.manager = SandboxManager(self.root, self.limits, clock=lambda: services.clock.now(),
                                      id_prefix=f"{self.instance}-" if self.instance else "")
        self._meta: dict[str, _Meta] = {}
        self._lock = threading.Lock()
        self._last_sweep = 0.0
        self.sweep(force=True)

    # --- sessions ------------------------------------------------------------------------

    def open(self, caller: Caller, datasets) -> dict:
        """Open a session on `datasets`; returns `{"id", "tables", "expiresAt", "masking"}`."""
        with self._audited(caller, "SANDBOX_OPEN", dataset=_codes_for_audit(datasets)) as audit:
            _require_principal(caller)
            codes = _dataset_list(datasets)
            self.sweep(force=True)
            today = self.services.clock.today()
            with self.services.store() as session:
                catalog = self.services.catalog(session)
                approvals = [self._approval(session, caller, catalog.get(code), code, today)
                             for code in codes]
            opening = self._reserve(caller.principal)
            try:
                sandbox, snapshots = self._load(caller, approvals)
            except BaseException:
                self._unreserve(opening)
                raise
            meta = _Meta(owner=caller.principal, datasets=tuple(a.dataset.code for a in approvals),
                         owners=tuple(sorted({a.dataset.owner_department for a in approvals})),
                         applications=tuple(a.application_id for a in approvals),
                         purpose=",".join(sorted({a.purpose for a in approvals}))[:MAX_PURPOSE_CHARS],
                         expires_at=sandbox.expires_at)
            with self._lock:
                self._meta[sandbox.id] = meta
            row_counts = {s.plan.dataset.code: s.rows for s in snapshots}
            with self.services.store() as session, session.begin():
                session.add(SandboxSessionRecord(
                    id=sandbox.id, owner=caller.principal, datasets=list(meta.datasets),
                    fields={s.plan.dataset.code: [f.name for f in s.plan.fields] for s in snapshots},
                    applications=list(meta.applications), row_counts=row_counts,
                    owner_departments=list(meta.owners), purpose=meta.purpose,
                    opened_at=sandbox.created_at, expires_at=sandbox.expires_at))
                # counted as a session from here on, no longer as an opening
                session.execute(sa.delete(SandboxOpening).where(SandboxOpening.id == opening))
            audit.update(outcome="ALLOWED", purpose=meta.purpose, rows=sum(row_counts.values()),
                         fields=sorted(f"{s.plan.dataset.code}.{f.name}" for s in snapshots
                                       for f in s.plan.fields),
                         detail=f"session {sandbox.id}")
            described = sandbox.describe()
            described["expiresAt"] = shanghai(sandbox.expires_at)
            described["masking"] = {s.plan.dataset.code: s.plan.masking for s in snapshots}
            return described

    def run_query(self, caller: Caller, session_id: str, sql) -> dict:
        """Run one SELECT; `{"columns", "rows"}` if the result passes the output checks."""
        meta = self._meta_of(session_id)
        with self._audited(caller, "SANDBOX_QUERY", meta=meta, detail=_detail(sql)) as audit:
            _require_principal(caller)
            sql = _sql_text(sql)
            sandbox = self._session(caller, session_id)
            self._check_applications(sandbox.id)
            result = sandbox.run(sql)
            audit.update(outcome="ALLOWED", rows=len(result.rows))
            return {"columns": list(result.columns), "rows": json_rows(result.rows)}

    def describe(self, caller: Caller, session_id: str) -> dict:
        _require_principal(caller)
        sandbox = self._session(caller, session_id)
        described = sandbox.describe()
        described["expiresAt"] = shanghai(sandbox.expires_at)
        return described

    def close(self, caller: Caller, session_id: str) -> None:
        meta = self._meta_of(session_id)
        with self._audited(caller, "SANDBOX_CLOSE", meta=meta, detail=f"session {session_id}"[:500]) as audit:
            _require_principal(caller)
            self._session(caller, session_id)  # NOT_FOUND / SESSION_EXPIRED as for queries
            self.manager.close(session_id, caller.principal)
            self._forget(session_id, closed=True)
            audit.update(outcome="ALLOWED")

    def sweep(self, force: bool = False) -> list[str]:
        """Remove expired sessions and leftover folders (at most once a minute unless forced)."""
        now = time.monotonic()
        if not force and now - self._last_sweep < SWEEP_EVERY_SECONDS:
            return []
        self._last_sweep = now
        removed = self.manager.sweep()
        instant = self.services.clock.now()
        with self.services.store() as session, session.begin():  # a dead host's openings
            session.execute(sa.delete(SandboxOpening).where(SandboxOpening.expires_at <= instant))
        with self._lock:
            for sid, meta in list(self._meta.items()):
                if sid in removed or meta.expires_at <= instant:
                    del self._meta[sid]
        return removed

    def close_all(self) -> None:
        self.manager.close_all()
        with self._lock:
            self._meta.clear()


    # --- internals -----------------------------------------------------------------------

    def _load(self, caller: Caller, approvals: list[_Approval]):
        snapshots = []
        try:
            for approval in approvals:
                snapshots.append(open_snapshot(self.services, approval.dataset, approval.fields,
                                               application_id=approval.application_id))
            try:
                sandbox = self.manager.open(
                    caller.principal, {s.plan.dataset.code: s.reader for s in snapshots},
                    {s.plan.dataset.code: s.policy for s in snapshots})
            except Exception as exc:
                failed = next((s for s in snapshots if s.error is not None), None)
                if failed is not None:
                    raise source_error(failed.error, failed.plan.dataset, failed.dbapi) from exc
                raise
        finally:
            for snapshot in snapshots:
                snapshot.close()
        return sandbox, snapshots

    def _reserve(self, owner: str) -> int:
        """Count the owner's live sessions and openings under way in the store (those of every
        gateway process) against DATAGATE_SANDBOX_MAX_SESSIONS, and add this opening; under the
        owner's lock (an advisory lock on PostgreSQL; one process at a time on a SQLite store),
        so that opens at the same moment on two hosts cannot both pass. The opening's id."""
        now = self.services.clock.now()
        limit = self.services.settings.sandbox_max_sessions
        with self._lock, self.services.store() as session, session.begin():
            if session.bind.dialect.name == "postgresql":
                session.execute(sa.select(sa.func.pg_advisory_xact_lock(
                    sa.func.hashtextextended("datagate-sandbox-open:" + owner, 0))))
            live = session.scalar(
                sa.select(sa.func.count()).select_from(SandboxSessionRecord)
                .where(SandboxSessionRecord.owner == owner,
                       SandboxSessionRecord.closed_at.is_(None),
                       SandboxSessionRecord.expires_at > now))
            opening = session.scalar(
                sa.select(sa.func.count()).select_from(SandboxOpening)
                .where(SandboxOpening.owner == owner, SandboxOpening.expires_at > now))
            if live + opening >= limit:
                raise RateLimited(
                    f"you have {live} open sandbox session(s)"
                    + (f" and {opening} being opened" if opening else "")
                    + f", the most one principal may have (DATAGATE_SANDBOX_MAX_SESSIONS={limit}); "
                    "close one (DELETE /sandbox/sessions/{id}) or let it expire",
                    extensions={"retryAfter": 60})
            row = SandboxOpening(owner=owner, started_at=now, expires_at=now + OPENING_LAPSES_AFTER)
            session.add(row)
            session.flush()
            return row.id

    def _unreserve(self, opening: int) -> None:
        """Drop a failed opening; if the store cannot, the opening's own error is the one to
        answer with, and the row lapses (OPENING_LAPSES_AFTER)."""
        try:
            with self.services.store() as session, session.begin():
                session.execute(sa.delete(SandboxOpening).where(SandboxOpening.id == opening))
        except Exception:  # noqa: BLE001 - logged; the caller re-raises the opening's error
            log.warning("sandbox opening %s could not be removed; it lapses in %s",
                        opening, OPENING_LAPSES_AFTER, exc_info=True)

    def _meta_of(self, session_id) -> _Meta | None:
        """What the session rests on, for audits and checks: kept by the process that opened
        it, read from the store by any other (None for no live session of that id)."""
        if not is_session_id(session_id):
            return None
        with self._lock:
            meta = self._meta.get(session_id)
        if meta is None:
            meta = self._stored_meta(session_id)
            if meta is not None:
                with self._lock:
                    self._meta[session_id] = meta
        return meta

    def _stored_meta(self, session_id: str) -> _Meta | None:
        with self.services.store() as session:
            record = session.get(SandboxSessionRecord, session_id)
            if record is None or record.closed_at is not None \
                    or record.expires_at <= self.services.clock.now():
                return None
            owners, purpose = record.owner_departments, record.purpose
            if owners is None or purpose is None:  # opened before migration 0009
                catalog = self.services.catalog(session)
                owners = sorted({d.owner_department for d in map(catalog.get, record.datasets) if d})
                purpose = ",".join(sorted(set(session.scalars(
                    sa.select(OpenApplication.purpose)
                    .where(OpenApplication.id.in_(record.applications))))))[:MAX_PURPOSE_CHARS]
            return _Meta(owner=record.owner, datasets=tuple(record.datasets),
                         owners=tuple(owners), applications=tuple(record.applications),
                         purpose=purpose, expires_at=record.expires_at)

    def _session(self, caller: Caller, session_id):
        """The caller's live session here, or NOT_FOUND / SESSION_EXPIRED."""
        self.sweep()
        if not is_session_id(session_id):  # never reaches a store or a path otherwise
            raise NotFound("No sandbox session with this id belongs to you.")
        try:
            return self.manager.get(session_id, caller.principal)
        except SessionExpired:
            self._forget(session_id)
            raise
        except SessionUnreadable:  # here, but its database cannot be opened: say so
            raise
        except SessionNotFound:
            pass
        # Not in this process: the store says whether it expired, was closed or lives elsewhere.
        with self.services.store() as session:
            record = session.get(SandboxSessionRecord, session_id)
        if record is None or record.owner != caller.principal:
            raise NotFound("No sandbox session with this id belongs to you.")
        if record.closed_at is not None:
            raise NotFound("This sandbox session was closed; open a new one.")
        if record.expires_at <= self.services.clock.now():
            raise SessionExpired("This sandbox session has expired and its data was deleted. "
                                 "Open a new session to continue.")
        raise _elsewhere(session_id, self.instance)

    def _forget(self, session_id: str, closed: bool = False) -> None:
        with self._lock:
            self._meta.pop(session_id, None)
        if closed:
            with self.services.store() as session, session.begin():
                record = session.get(SandboxSessionRecord, session_id)
                if record is not None and record.closed_at is None:
                    record.closed_at = self.services.clock.now()

    def _audit(self, caller: Caller, action: str, **values) -> None:
        self.services.audit.append(record_for(caller, values.pop("outcome", "ALLOWED"), mode=MODE,
                                              action=action, **values))

    def _audited(self, caller: Caller, action: str, *, meta: _Meta | None = None,
                 dataset: str | None = None, detail: str = ""):
        return _AuditScope(self, caller, action, meta, dataset, detail)


def _elsewhere(session_id: str, here: str) -> SessionElsewhere:
    """SESSION_ELSEWHERE for a live session this host does not hold: naming the instance
    that does when its id says so (a load balancer that routes by it sends it there)."""
    named = session_id.split("-", 1)[0] if "-" in session_id else ""
    # only named instances make named ids; an unnamed one's random id may hold a "-" too
    if here and named and named != here and SESSION_INSTANCE.fullmatch(named):
        return SessionElsewhere(
            f"This sandbox session is held by gateway instance {named!r}, not this one "
            f"({here or 'unnamed'}); send its requests through the load balancer, which routes "
            f"/sandbox/sessions/{named}-… there, or open a new session.",
            extensions={"instance": named})
    return SessionElsewhere(
        "This sandbox session's data is on another gateway host (a session lives on the host "
        "that opened it, where every gateway process serves it); send its requests to that "
        "host, or open a new session.")
