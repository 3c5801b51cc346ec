"""The release queue: a result refused by the output checks, submitted with a justification,
waits withheld for the stewards of every owning department; all must approve."""
from __future__ import annotations

import sqlalchemy as sa

from gateway.errors import BadInput, Forbidden, NotFound
from gateway.access.principals import Caller
from gateway.sandbox_service.access import _detail, _require_principal, _sql_text
from gateway.sandbox_service.json_values import json_rows, shanghai
from gateway.store.sandbox_models import SandboxRelease, SandboxReleaseReview
from gateway.store.text_limits import text_lengths
from gateway.workflows.common import notify

MAX_JUSTIFICATION_CHARS = text_lengths(SandboxRelease)["justification"]


class _ReleaseQueue:
    """The release methods of SandboxService (mixed into it: uses its gateway, `_meta_of`,
    `_session`, `_check_applications`, `_audit` and `_audited`)."""

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
            now = self.services.clock.now()
            with self.services.store() as session, session.begin():
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
        with self.services.store() as session:
            return [release_dict(r, rows=box == "INBOX") for r in session.scalars(statement)]

    def release(self, caller: Caller, release_id: int | str) -> dict:
        """One release: its requester gets the rows once approved; a reviewing steward always.
        Every fetch is audited, refused ones (no such release of the caller's) included."""
        with self._audited(caller, "SANDBOX_RELEASE_FETCH", detail=_release_detail(release_id)) as audit:
            _require_principal(caller)
            number = release_number(release_id)
            with self.services.store() as session:
                release = _stored_release(session, number)
                reviewer = release is not None and caller.has_role("steward") and any(
                    r.department_code == caller.department for r in release.reviews)
                if release is None or not (reviewer or release.requester == caller.principal):
                    raise NotFound(f"there is no sandbox release {number} of yours or for your department")
                with_rows = reviewer or release.status == "APPROVED"
                body = release_dict(release, rows=with_rows)
            audit.update(dataset=",".join(body["datasets"])[:64], rows=len(body["rows"]) if with_rows else 0)
        return body

    def decide(self, caller: Caller, release_id: int | str, approve: bool, note: str | None = None) -> dict:
        """The owner steward's decision; all owners approving releases the result."""
        with self._audited(caller, "SANDBOX_RELEASE_DECISION",
                           detail=f"{_release_detail(release_id)}: {'approve' if approve else 'reject'}") as audit:
            _require_principal(caller)
            release_id = release_number(release_id)
            if not caller.has_role("steward") or not caller.department:
                raise Forbidden("only a data steward of the owning department decides on a release")
            note = (note or "").strip()
            if not approve and not note:
                raise BadInput("Say why the result may not be released (`note`); the researcher sees it.")
            now = self.services.clock.now()
            with self.services.store() as session, session.begin():
                release = _stored_release(session, release_id)
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


def release_dict(release: SandboxRelease, rows: bool) -> dict:
    body = {
        "id": str(release.id), "sessionId": release.session_id, "requester": release.requester,
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


def release_number(release_id: int | str) -> int:
    """A release id as the routes take it (digits; Starlette's int converter fails on
    thousands of them) or as GraphQL gives it."""
    if isinstance(release_id, int):
        return release_id
    if not (release_id.isascii() and release_id.isdigit()) or len(release_id) > 18:
        raise NotFound("There is no sandbox release with this id; ids are whole numbers.")
    return int(release_id)


def _release_detail(release_id: int | str) -> str:
    text = str(release_id)
    return f"release {text if len(text) <= 40 else text[:40] + '...'}"


def _stored_release(session, release_id: int) -> SandboxRelease | None:
    """The release of that id; None for an id no release can have (the routes take any
    digits, and the store's ids are 32-bit integers)."""
    if not 0 < release_id <= 2**31 - 1:
        return None
    return session.get(SandboxRelease, release_id)
