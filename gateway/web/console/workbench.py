"""The researcher's workbench (§36): the caller's approved sandbox applications, opening a
session on them, an SQL editor beside the session's tables and columns, results as a table,
the output check's refusal with a form to ask for a release, the releases and their state,
and the usage reports owed. The steward's release decision (from the inbox) is here too.

The use cases are the sandbox's own (gateway.sandbox_service, as /sandbox/* and GraphQL call
them; each call audits itself, refusals included) and gateway.open_data's usage reports.
With htmx, a query's answer is a fragment swapped under the editor; a refusal is shown in
that fragment with status 200 (htmx swaps no 4xx), and without htmx as a page with its status.
"""
from __future__ import annotations

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.errors import REFUSALS
from gateway.open_data import applications, usage_reports
from gateway.store.sandbox_models import SandboxSessionRecord
from gateway.web.console.page import checked_post, page_for

ROLE = "researcher"
OUTPUT_CHECK = "OUTPUT_CHECK_FAILED"


def _first(form: dict, name: str) -> str:
    return (form.get(name) or [""])[0]


def _overview(services, caller) -> dict:
    """The workbench's front page: approved applications (with their usage reports),
    the caller's live sessions and release requests."""
    today, now = services.clock.today(), services.clock.now()
    mine = [a for a in applications.list_applications(services, caller, "APPROVED")
            if a.applicant == caller.principal]
    reports = {a.id: usage_reports.list_reports(services, caller, a.id) for a in mine}
    sandbox = [a for a in mine if a.channel == "SANDBOX" and a.expires_on and a.expires_on >= today]
    with services.store() as session:
        sessions = list(session.scalars(sa.select(SandboxSessionRecord).where(
            SandboxSessionRecord.owner == caller.principal,
            SandboxSessionRecord.closed_at.is_(None),
            SandboxSessionRecord.expires_at > now).order_by(SandboxSessionRecord.opened_at.desc())))
    return {"applications": mine, "sandbox_datasets": sorted({a.dataset_code for a in sandbox}),
            "reports": reports, "sessions": sessions, "today": today,
            "releases": services.sandbox.releases(caller, "OUTBOX")}


async def _researcher(request: Request):
    """The page, or the response refusing it (sign in; 403 audited for another role)."""
    page = await page_for(request)
    if page.session is None:
        return page, page.sign_in_first()
    if not page.caller.has_role(ROLE):
        return page, page.forbid("the sandbox workbench is a researcher's page", "CONSOLE_WORKBENCH")
    return page, None


async def _researcher_post(request: Request):
    page, form, refused = await checked_post(request)
    if refused is None and not page.caller.has_role(ROLE):
        refused = page.forbid("the sandbox workbench is a researcher's page", "CONSOLE_WORKBENCH")
    return page, form, refused


async def workbench_page(request: Request) -> Response:
    page, refused = await _researcher(request)
    if refused is not None:
        return refused
    try:
        found = await page.door.run_blocking(_overview, page.services, page.caller)
    except REFUSALS as exc:
        page.door.refuse(page.caller, exc, action="CONSOLE_WORKBENCH")
        return page.refused(exc)
    return page.render("workbench.html", **found, error=None,
                       done=request.query_params.get("done", ""))


async def open_session(request: Request) -> Response:
    page, form, refused = await _researcher_post(request)
    if refused is not None:
        return refused
    try:  # SANDBOX_OPEN audits itself, refusals included
        opened = await page.door.run_blocking(page.services.sandbox.open, page.caller,
                                              form.get("dataset", []))
    except REFUSALS as exc:
        found = await page.door.run_blocking(_overview, page.services, page.caller)
        return page.render("workbench.html", status=exc.http_status, **found, error=exc, done="")
    return RedirectResponse(f"/workbench/sessions/{opened['id']}", status_code=303)


async def _described(page, session_id: str):
    try:
        return await page.door.run_blocking(page.services.sandbox.describe, page.caller,
                                            session_id), None
    except REFUSALS as exc:  # describing is not audited by the service: refused here
        page.door.refuse(page.caller, exc, action="SANDBOX_DESCRIBE")
        return None, page.refused(exc)


async def session_page(request: Request) -> Response:
    page, refused = await _researcher(request)
    if refused is not None:
        return refused
    described, refused = await _described(page, request.path_params["id"])
    if refused is not None:
        return refused
    return page.render("workbench_session.html", s=described,
                       **_result_values(page, described["id"], ""))


def _result_values(page, session_id: str, sql: str, result=None, exc=None, release=None) -> dict:
    checks = []
    if exc is not None and exc.code == OUTPUT_CHECK:
        checks = list(getattr(exc, "failures", []))
    return {"session_id": session_id, "sql": sql, "result": result, "refusal": exc,
            "failed_checks": checks, "release": release}


async def run_query(request: Request) -> Response:
    page, form, refused = await _researcher_post(request)
    if refused is not None:
        return refused
    session_id, sql = request.path_params["id"], _first(form, "sql")
    status, result, exc = 200, None, None
    try:  # SANDBOX_QUERY audits itself: allowed with its rows, or refused with its code
        result = await page.door.run_blocking(page.services.sandbox.run_query, page.caller,
                                              session_id, sql)
    except REFUSALS as refusal:
        exc, status = refusal, refusal.http_status
    values = _result_values(page, session_id, sql, result, exc)
    if request.headers.get("hx-request"):
        return page.render("workbench_result.html", **values)
    described, refused = await _described(page, session_id)
    if refused is not None:
        return refused
    return page.render("workbench_session.html", status=status, s=described, **values)


async def ask_release(request: Request) -> Response:
    page, form, refused = await _researcher_post(request)
    if refused is not None:
        return refused
    session_id, sql = request.path_params["id"], _first(form, "sql")
    try:  # SANDBOX_RELEASE_REQUEST audits itself
        release = await page.door.run_blocking(page.services.sandbox.request_release, page.caller,
                                               session_id, sql, _first(form, "justification"))
    except REFUSALS as exc:
        if request.headers.get("hx-request"):
            return page.render("workbench_result.html", **_result_values(page, session_id, sql, exc=exc))
        return page.refused(exc)
    if request.headers.get("hx-request"):
        return page.render("workbench_result.html",
                           **_result_values(page, session_id, sql, release=release))
    return RedirectResponse(f"/workbench/releases/{release['id']}", status_code=303)


async def release_page(request: Request) -> Response:
    page, refused = await _researcher(request)
    if refused is not None:
        return refused
    try:  # SANDBOX_RELEASE_FETCH audits itself
        release = await page.door.run_blocking(page.services.sandbox.release, page.caller,
                                               request.path_params["id"])
    except REFUSALS as exc:
        return page.refused(exc)
    return page.render("workbench_release.html", r=release)


async def close_session(request: Request) -> Response:
    page, _, refused = await _researcher_post(request)
    if refused is not None:
        return refused
    try:  # SANDBOX_CLOSE audits itself
        await page.door.run_blocking(page.services.sandbox.close, page.caller,
                                     request.path_params["id"])
    except REFUSALS as exc:
        return page.refused(exc)
    return RedirectResponse("/workbench?done=closed", status_code=303)


async def file_report(request: Request) -> Response:
    page, form, refused = await _researcher_post(request)
    if refused is not None:
        return refused
    try:
        application_id = int(request.path_params["id"])
        await page.door.run_blocking(usage_reports.submit, page.services, page.caller,
                                     application_id, _first(form, "body"))
    except ValueError:
        return page.not_found()
    except REFUSALS as exc:
        page.door.refuse(page.caller, exc, action="SUBMIT_USAGE_REPORT")
        found = await page.door.run_blocking(_overview, page.services, page.caller)
        return page.render("workbench.html", status=exc.http_status, **found, error=exc, done="")
    return RedirectResponse("/workbench?done=report", status_code=303)


# --- the steward's side: deciding a release from the inbox --------------------------------

def steward_releases(services, caller) -> list[dict]:
    """The releases waiting for the decision of the steward's department, newest first."""
    if not caller.department:
        return []
    return [r for r in services.sandbox.releases(caller, "INBOX", "PENDING")
            if any(v["department"] == caller.department and v["status"] == "PENDING"
                   for v in r["reviews"])]


async def decide_release(request: Request) -> Response:
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    if not page.caller.has_role("steward"):
        return page.forbid("deciding a sandbox release is a steward's act", "SANDBOX_RELEASE_DECISION")
    approve = _first(form, "approve") == "true"
    try:  # SANDBOX_RELEASE_DECISION audits itself
        decided = await page.door.run_blocking(page.services.sandbox.decide, page.caller,
                                               request.path_params["id"], approve,
                                               _first(form, "note"))
    except REFUSALS as exc:
        return page.refused(exc)
    return RedirectResponse(f"/steward/inbox?release={decided['id']}", status_code=303)

