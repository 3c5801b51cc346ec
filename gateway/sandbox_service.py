"""The SQL sandbox as the gateway offers it (§36): who may open a session on what, running
queries, and the steward's release queue. HTTP (gateway/sandbox_http.py) and GraphQL
(resolvers/sandbox_fields.py) both call this service; every call is audited.

- Opening needs an approved conditional-open application with channel SANDBOX for every
  named dataset (gateway.open_data.applications: APPROVED, not past its `expires_on`,
  not suspended); the session gets exactly the
  approved fields, masked by the open-channel policy (gateway.sandbox_snapshots). The
  applications are checked again before every query: suspending one closes the session.
- One `SandboxManager` per Gateway; sessions live in the process that opened them (their
  DuckDB files under DATAGATE_SANDBOX_DIR). The store keeps a record of each session, so any
  process sharing the store answers SESSION_EXPIRED for an expired one.
- A result refused by the output checks may be submitted for release with a justification;
  it waits, withheld, in the queue of the steward of every department owning a dataset of the
  session. All must approve; one rejection rejects it (and deletes the withheld rows).
- Audit actions: SANDBOX_OPEN, SANDBOX_QUERY (every query: allowed with its row count, or
  refused with its code, escape attempts included; detail = the first 500 characters of
  the SQL), SANDBOX_RELEASE_REQUEST, SANDBOX_RELEASE_DECISION, SANDBOX_RELEASE_FETCH,
  SANDBOX_CLOSE. Mode is SANDBOX.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import threading
import time
import uuid
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from gateway.audit import AuditEntry
from gateway.catalog import Dataset
from gateway.clock import SHANGHAI
from gateway.errors import (ApplicationExpired, ApplicationRequired, ApplicationSuspended,
                            BadInput, DatagateError, Forbidden, ForbiddenDataset, NotFound,
                            RateLimited, Unauthenticated)
from gateway.open_data.applications import approved_sandbox_application, live_application
from gateway.principals import Caller
from gateway.sandbox_snapshots import open_snapshot, source_error
from gateway.store.models import OpenApplication
from gateway.store.sandbox_models import SandboxRelease, SandboxReleaseReview, SandboxSessionRecord
from gateway.workflows.common import notify
from sandbox import SandboxLimits, SandboxManager, SessionExpired

log = logging.getLogger("datagate.sandbox")

MAX_DATASETS = 8
MAX_SQL_CHARS = 20_000
MAX_JUSTIFICATION_CHARS = 4_000
SWEEP_EVERY_SECONDS = 60.0
MODE = "SANDBOX"


def limits_from(settings) -> SandboxLimits:
    return SandboxLimits(
        timeout_seconds=float(settings.sandbox_timeout_seconds),
        memory_limit_mb=settings.sandbox_memory_mb, max_temp_mb=settings.sandbox_temp_mb,
        threads=settings.sandbox_threads, max_rows=settings.sandbox_max_rows,
        max_result_bytes=settings.sandbox_max_result_mb * 1024 * 1024,
        session_ttl=dt.timedelta(minutes=settings.sandbox_ttl_minutes),
        min_group_size=settings.min_group_size)


def _why_not_approved(session, principal: str, dataset: Dataset, today: dt.date) -> ForbiddenDataset:
    """FORBIDDEN_DATASET saying why (no application, suspended, expired; `reason` its code)."""
    try:
        live_application(session, principal, dataset.code, "SANDBOX", today)
    except ApplicationRequired:
        return ForbiddenDataset(
            f"you have no approved sandbox application for {dataset.code}; apply for its "
            f"conditional open use (§36(2), applyForOpenData with channel SANDBOX), sign the "
            f"commitment, and wait for the approval of {dataset.owner_department}",
            extensions={"reason": ApplicationRequired.code})
    except (ApplicationSuspended, ApplicationExpired) as exc:
        return ForbiddenDataset(exc.message, extensions={"reason": exc.code})
    return ForbiddenDataset(f"no approved sandbox application for {dataset.code}")


@dataclasses.dataclass(frozen=True)
class _Approval:
    dataset: Dataset
    application_id: int
    purpose: str
    fields: tuple[str, ...]


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


def json_value(value: Any) -> Any:
    """A JSON-safe value: non-finite floats as strings, dates in ISO 8601, others as text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def json_rows(rows) -> list[list[Any]]:
    return [[json_value(v) for v in row] for row in rows]


def shanghai(instant: dt.datetime | None) -> str | None:
    return instant.astimezone(SHANGHAI).isoformat() if instant else None


class SandboxService:
    """The gateway's sandbox: one SandboxManager and the store records around it."""

    def __init__(self, gateway):
        self.gateway = gateway
        settings = gateway.settings
        self.limits = limits_from(settings)
        self.root = settings.sandbox_dir or (settings.data_dir / "sandbox")
        self.manager = SandboxManager(self.root, self.limits, clock=lambda: gateway.clock.now())
        self._meta: dict[str, _Meta] = {}
        self._opening: dict[str, int] = {}
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
            today = self.gateway.clock.today()
            with self.gateway.sessions() as session:
                catalog = self.gateway.catalog(session)
                approvals = [self._approval(session, caller, catalog.get(code), code, today)
                             for code in codes]
            self._reserve(caller.principal)
            try:
                sandbox, snapshots = self._load(caller, approvals)
            finally:
                self._unreserve(caller.principal)
            meta = _Meta(owner=caller.principal, datasets=tuple(a.dataset.code for a in approvals),
                         owners=tuple(sorted({a.dataset.owner_department for a in approvals})),
                         applications=tuple(a.application_id for a in approvals),
                         purpose=",".join(sorted({a.purpose for a in approvals}))[:100],
                         expires_at=sandbox.expires_at)
            with self._lock:
                self._meta[sandbox.id] = meta
            row_counts = {s.plan.dataset.code: s.rows for s in snapshots}
            with self.gateway.sessions() as session, session.begin():
                session.add(SandboxSessionRecord(
                    id=sandbox.id, owner=caller.principal, datasets=list(meta.datasets),
                    fields={s.plan.dataset.code: [f.name for f in s.plan.fields] for s in snapshots},
                    applications=list(meta.applications), row_counts=row_counts,
                    opened_at=sandbox.created_at, expires_at=sandbox.expires_at))
            audit.update(outcome="ALLOWED", purpose=meta.purpose, rows=sum(row_counts.values()),
                         fields=sorted(f"{s.plan.dataset.code}.{f.name}" for s in snapshots
                                       for f in s.plan.fields),
                         detail=f"session {sandbox.id}")
            described = sandbox.describe()
            described["expiresAt"] = shanghai(sandbox.expires_at)
            described["masking"] = {s.plan.dataset.code: s.plan.masking for s in snapshots}
            return described

    def run(self, caller: Caller, session_id: str, sql) -> dict:
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
        instant = self.gateway.clock.now()
        with self._lock:
            for sid, meta in list(self._meta.items()):
                if sid in removed or meta.expires_at <= instant:
                    del self._meta[sid]
        return removed

    def close_all(self) -> None:
        self.manager.close_all()
        with self._lock:
            self._meta.clear()

    # --- releases ------------------------------------------------------------------------

    def request_release(self, caller: Caller, session_id: str, sql, justification) -> dict:
        """Queue a refused result for the owner stewards; returns the release (without rows)."""
        meta = self._meta_of(session_id)
        with self._audited(caller, "SANDBOX_RELEASE_REQUEST", meta=meta, detail=_detail(sql)) as audit:
            _require_principal(caller)
            sql = _sql_text(sql)
            why = justification.strip() if isinstance(justification, str) else ""
            if not why:
                raise BadInput("Say why you need this result (`justification`); the data "
                               "steward decides on it.")
            if len(why) > MAX_JUSTIFICATION_CHARS:
                raise BadInput(f"The justification is longer than {MAX_JUSTIFICATION_CHARS} characters.")
            sandbox = self._session(caller, session_id)
            self._check_applications(sandbox.id)
            meta = self._meta_of(session_id)
            withheld = sandbox.request_release(sql, why)
            if not withheld.failed_checks:
                raise BadInput("This result passes the output checks; run it as a query. "
                               "Only refused results need a release.")
            now = self.gateway.clock.now()
            with self.gateway.sessions() as session, session.begin():
                release = SandboxRelease(
                    session_id=sandbox.id, requester=caller.principal, datasets=list(meta.datasets),
                    sql=sql, justification=why,
                    failed_checks=[{"check": c, "message": m} for c, m in withheld.failed_checks],
                    columns=list(withheld.columns), rows=json_rows(withheld.rows),
                    row_count=len(withheld.rows), status="PENDING", requested_at=now)
                release.reviews = [SandboxReleaseReview(department_code=d, status="PENDING")
                                   for d in meta.owners]
                session.add(release)
                session.flush()
                for department in meta.owners:
                    notify(session, now, department=department, kind="SANDBOX_RELEASE_REQUESTED",
                           message=(f"{caller.principal} asks to release a sandbox result on "
                                    f"{', '.join(meta.datasets)} that failed the output checks "
                                    f"({', '.join(sorted({c for c, _ in withheld.failed_checks}))})"),
                           subject_kind="SANDBOX_RELEASE", subject_id=release.id)
                body = release_dict(release, rows=False)
            audit.update(outcome="ALLOWED", rows=0)
            return body

    def releases(self, caller: Caller, box: str | None = None, status: str | None = None) -> list[dict]:
        """INBOX: releases waiting for (or decided by) the caller's department, rows included;
        OUTBOX: the caller's own requests, without rows (fetch one to get its rows)."""
        _require_principal(caller)
        box = (box or ("INBOX" if caller.has_role("steward") else "OUTBOX")).upper()
        if box not in ("INBOX", "OUTBOX"):
            raise BadInput("box is INBOX (to review) or OUTBOX (your requests)")
        if status is not None and status not in ("PENDING", "APPROVED", "REJECTED"):
            raise BadInput("status is PENDING, APPROVED or REJECTED")
        statement = sa.select(SandboxRelease).order_by(SandboxRelease.id.desc()).limit(500)
        if box == "INBOX":
            if not caller.has_role("steward") or not caller.department:
                raise Forbidden("the release queue is for data stewards of the owning department")
            statement = statement.where(SandboxRelease.id.in_(
                sa.select(SandboxReleaseReview.release_id)
                .where(SandboxReleaseReview.department_code == caller.department)))
        else:
            statement = statement.where(SandboxRelease.requester == caller.principal)
        if status:
            statement = statement.where(SandboxRelease.status == status)
        with self.gateway.sessions() as session:
            return [release_dict(r, rows=box == "INBOX") for r in session.scalars(statement)]

    def release(self, caller: Caller, release_id: int) -> dict:
        """One release: its requester gets the rows once approved; a reviewing steward always."""
        _require_principal(caller)
        with self.gateway.sessions() as session:
            release = session.get(SandboxRelease, release_id)
            reviewer = release is not None and caller.has_role("steward") and any(
                r.department_code == caller.department for r in release.reviews)
            if release is None or not (reviewer or release.requester == caller.principal):
                raise NotFound(f"there is no sandbox release {release_id} of yours or for your department")
            with_rows = reviewer or release.status == "APPROVED"
            body = release_dict(release, rows=with_rows)
        if with_rows:
            self._audit(caller, "SANDBOX_RELEASE_FETCH", outcome="ALLOWED",
                        dataset=",".join(body["datasets"])[:64], rows=len(body["rows"]),
                        detail=f"release {release_id}")
        return body

    def decide(self, caller: Caller, release_id: int, approve: bool, note: str | None = None) -> dict:
        """The owner steward's decision; all owners approving releases the result."""
        with self._audited(caller, "SANDBOX_RELEASE_DECISION",
                           detail=f"release {release_id}: {'approve' if approve else 'reject'}") as audit:
            _require_principal(caller)
            if not caller.has_role("steward") or not caller.department:
                raise Forbidden("only a data steward of the owning department decides on a release")
            note = (note or "").strip()
            if not approve and not note:
                raise BadInput("Say why the result may not be released (`note`); the researcher sees it.")
            now = self.gateway.clock.now()
            with self.gateway.sessions() as session, session.begin():
                release = session.get(SandboxRelease, release_id)
                if release is None:
                    raise NotFound(f"there is no sandbox release {release_id}")
                review = next((r for r in release.reviews if r.department_code == caller.department), None)
                if review is None:
                    raise Forbidden(f"release {release_id} is for the stewards of "
                                    f"{', '.join(r.department_code for r in release.reviews)}")
                if release.status != "PENDING" or review.status != "PENDING":
                    raise BadInput(f"release {release_id} was already decided ({release.status})")
                review.status = "APPROVED" if approve else "REJECTED"
                review.decided_by, review.decided_at, review.note = caller.principal, now, note or None
                if not approve:
                    release.status, release.decided_at = "REJECTED", now
                    release.rows = []  # the withheld result is not kept once refused
                elif all(r.status == "APPROVED" for r in release.reviews):
                    release.status, release.decided_at = "APPROVED", now
                if release.status != "PENDING":
                    notify(session, now, department=None, principal=release.requester,
                           kind="SANDBOX_RELEASE_DECIDED",
                           message=f"your sandbox release {release.id} was {release.status.lower()}"
                                   + (f": {note}" if note else ""),
                           subject_kind="SANDBOX_RELEASE", subject_id=release.id)
                audit.update(dataset=",".join(release.datasets)[:64])
                body = release_dict(release, rows=False)
            audit.update(outcome="ALLOWED")
            return body

    # --- internals -----------------------------------------------------------------------

    def _approval(self, session, caller: Caller, dataset: Dataset | None, code: str,
                  today: dt.date) -> _Approval:
        if dataset is None:
            raise ForbiddenDataset(f"there is no published dataset {code!r}; `catalog` lists the codes")
        if dataset.open_type == "NONE":
            raise ForbiddenDataset(f"{code} is not open data (open type NONE, §15); "
                                   "it cannot be used in the sandbox")
        app = approved_sandbox_application(session, caller.principal, code, today)
        if app is None:
            raise _why_not_approved(session, caller.principal, dataset, today)
        fields = tuple(f for f in dataset.field_names if f in set(app.fields or []))
        if not fields:
            raise ForbiddenDataset(f"your sandbox application {app.id} for {code} names no field "
                                   "the catalog still has")
        return _Approval(dataset, app.id, app.purpose, fields)

    def _load(self, caller: Caller, approvals: list[_Approval]):
        snapshots = []
        try:
            for approval in approvals:
                snapshots.append(open_snapshot(self.gateway, approval.dataset, approval.fields))
            try:
                sandbox = self.manager.open(
                    caller.principal, {s.plan.dataset.code: s.reader for s in snapshots},
                    {s.plan.dataset.code: s.policy for s in snapshots})
            except Exception as exc:
                failed = next((s for s in snapshots if s.error is not None), None)
                if failed is not None:
                    raise source_error(failed.error, failed.plan.dataset) from exc
                raise
        finally:
            for snapshot in snapshots:
                snapshot.close()
        return sandbox, snapshots

    def _reserve(self, owner: str) -> None:
        with self._lock:
            live = sum(1 for m in self._meta.values() if m.owner == owner)
            if live + self._opening.get(owner, 0) >= self.gateway.settings.sandbox_max_sessions:
                raise RateLimited(
                    f"you have {live} open sandbox session(s), the most one principal may have "
                    f"(DATAGATE_SANDBOX_MAX_SESSIONS={self.gateway.settings.sandbox_max_sessions}); "
                    "close one (DELETE /sandbox/sessions/{id}) or let it expire",
                    extensions={"retryAfter": 60})
            self._opening[owner] = self._opening.get(owner, 0) + 1

    def _unreserve(self, owner: str) -> None:
        with self._lock:
            self._opening[owner] -= 1
            if not self._opening[owner]:
                del self._opening[owner]

    def _meta_of(self, session_id) -> _Meta | None:
        with self._lock:
            return self._meta.get(session_id) if isinstance(session_id, str) else None

    def _session(self, caller: Caller, session_id):
        """The caller's live session here, or NOT_FOUND / SESSION_EXPIRED."""
        self.sweep()
        if not isinstance(session_id, str) or not session_id or len(session_id) > 64:
            raise NotFound("No sandbox session with this id belongs to you.")
        try:
            return self.manager.get(session_id, caller.principal)
        except SessionExpired:
            self._forget(session_id)
            raise
        except NotFound:
            pass
        # Not in this process: the store says whether it expired, was closed or lives elsewhere.
        with self.gateway.sessions() as session:
            record = session.get(SandboxSessionRecord, session_id)
        if record is None or record.owner != caller.principal:
            raise NotFound("No sandbox session with this id belongs to you.")
        if record.closed_at is not None:
            raise NotFound("This sandbox session was closed; open a new one.")
        if record.expires_at <= self.gateway.clock.now():
            raise SessionExpired("This sandbox session has expired and its data was deleted. "
                                 "Open a new session to continue.")
        raise NotFound("This sandbox session is held by another gateway process, which is no "
                       "longer reachable or not the one you reached; open a new session.")

    def _check_applications(self, session_id: str) -> None:
        """Every application the session rests on must still be approved and unexpired."""
        meta = self._meta_of(session_id)
        if meta is None:
            return
        today = self.gateway.clock.today()
        with self.gateway.sessions() as session:
            apps = session.scalars(sa.select(OpenApplication)
                                   .where(OpenApplication.id.in_(meta.applications))).all()
        for app in apps:
            if app.status != "APPROVED" or (app.expires_on is not None and app.expires_on < today):
                self.manager.close(session_id, meta.owner)
                self._forget(session_id, closed=True)
                state = "is suspended" if app.status == "SUSPENDED" else (
                    f"expired on {app.expires_on}" if app.status == "APPROVED" else f"is {app.status}")
                raise ForbiddenDataset(f"your sandbox application {app.id} for {app.dataset_code} "
                                       f"{state}; the session was closed and its data deleted")

    def _forget(self, session_id: str, closed: bool = False) -> None:
        with self._lock:
            self._meta.pop(session_id, None)
        if closed:
            with self.gateway.sessions() as session, session.begin():
                record = session.get(SandboxSessionRecord, session_id)
                if record is not None and record.closed_at is None:
                    record.closed_at = self.gateway.clock.now()

    def _audit(self, caller: Caller, action: str, **values) -> None:
        self.gateway.audit.append(AuditEntry(principal=caller.principal, department=caller.department,
                                             mode=MODE, action=action, **values))

    def _audited(self, caller: Caller, action: str, *, meta: _Meta | None = None,
                 dataset: str | None = None, detail: str = ""):
        return _AuditScope(self, caller, action, meta, dataset, detail)


class _AuditScope:
    """Writes one audit record when the block ends: ALLOWED as the block says, or DENIED with
    the refusal's code (INTERNAL with a reference for a fault, which is logged)."""

    def __init__(self, service: SandboxService, caller: Caller, action: str, meta: _Meta | None,
                 dataset: str | None, detail: str):
        self.service, self.caller, self.action = service, caller, action
        self.values: dict = {"dataset": meta.audit_dataset if meta else dataset,
                             "purpose": meta.purpose if meta else None, "detail": detail}

    def __enter__(self) -> dict:
        return self.values

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None:
            self.values.setdefault("outcome", "ALLOWED")
        elif isinstance(exc, DatagateError):
            self.values.update(outcome="DENIED", error_code=exc.code)
        elif isinstance(exc, Exception):
            reference = uuid.uuid4().hex[:12]
            log.error("sandbox fault (reference %s)", reference, exc_info=exc)
            self.values.update(outcome="DENIED", error_code="INTERNAL",
                               detail=f"reference {reference}; " + self.values.get("detail", ""))
            exc.reference = reference
        else:
            return False
        self.values["detail"] = (self.values.get("detail") or "")[:500]
        self.service._audit(self.caller, self.action, **self.values)
        return False


def release_dict(release: SandboxRelease, rows: bool) -> dict:
    body = {
        "id": release.id, "sessionId": release.session_id, "requester": release.requester,
        "datasets": list(release.datasets), "sql": release.sql,
        "justification": release.justification, "failedChecks": list(release.failed_checks),
        "status": release.status, "rowCount": release.row_count,
        "requestedAt": shanghai(release.requested_at), "decidedAt": shanghai(release.decided_at),
        "reviews": [{"department": r.department_code, "status": r.status, "decidedBy": r.decided_by,
                     "decidedAt": shanghai(r.decided_at), "note": r.note} for r in release.reviews],
    }
    if rows:
        body["columns"] = list(release.columns)
        body["rows"] = list(release.rows)
    return body


def _require_principal(caller: Caller) -> None:
    if caller.anonymous:
        raise Unauthenticated("the sandbox needs a bearer token: send 'Authorization: Bearer <token>'")


def _dataset_list(datasets) -> list[str]:
    if not isinstance(datasets, list) or not datasets or not all(isinstance(d, str) and d for d in datasets):
        raise BadInput('Name the datasets to load: {"datasets": ["socialInsurance"]}.')
    if len(set(datasets)) != len(datasets):
        raise BadInput("A dataset is named twice.")
    if len(datasets) > MAX_DATASETS:
        raise BadInput(f"At most {MAX_DATASETS} datasets go into one session.")
    return list(datasets)


def _codes_for_audit(datasets) -> str | None:
    if isinstance(datasets, list):
        return ",".join(str(d) for d in datasets)[:64] or None
    return None


def _sql_text(sql) -> str:
    if not isinstance(sql, str) or not sql.strip():
        raise BadInput('Send one SQL SELECT statement: {"sql": "SELECT ..."}.')
    if len(sql) > MAX_SQL_CHARS:
        raise BadInput(f"The SQL is longer than {MAX_SQL_CHARS} characters.")
    return sql


def _detail(sql) -> str:
    return sql[:500] if isinstance(sql, str) else ""
