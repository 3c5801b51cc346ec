"""Applications for conditionally open data in the steward's inbox (§36(2)): approved as asked
or narrower (fewer fields; ROWS and/or STATS for the API channel), with an expiry and a
usage-report schedule, or rejected with a reason. The use cases are GraphQL's
approveOpenApplication and rejectOpenApplication (gateway.open_data.applications): widening,
a past expiry and a release under k-anonymity are refused there, whatever a form sends."""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.audit import audit_refusal
from gateway.errors import REFUSALS, BadInput
from gateway.open_data import applications
from gateway.workflows.authority_view import Owed, soonest_first
from gateway.web.console.page import checked_post

DEFAULT_REPORT_EVERY_DAYS = 90


def owed_applications(services, caller) -> list[Owed]:
    """Pending applications on the caller's department's data, nearest deadline first."""
    return soonest_first(services, [a for a in applications.list_applications(services, caller, "PENDING")
                                    if a.owner_department == caller.department])


def _decide(services, caller, application_id: int, form: dict):
    first = {name: (form.get(name) or [""])[0] for name in ("decision", "expires_on", "every", "reason")}
    if first["decision"] == "reject":
        return "REJECT_OPEN_APPLICATION", applications.reject(
            services, caller, application_id, first["reason"])
    try:
        expires_on = dt.date.fromisoformat(first["expires_on"])
        every = int(first["every"] or DEFAULT_REPORT_EVERY_DAYS)
    except ValueError:
        raise BadInput("give the expiry as a date (YYYY-MM-DD) and the report interval in days") from None
    modes = form.get("mode") or None
    return "APPROVE_OPEN_APPLICATION", applications.approve(
        services, caller, application_id, expires_on, every, form.get("field", []), modes)


async def decide(request: Request) -> Response:
    page, form, refused = await checked_post(request)
    action = ("REJECT_OPEN_APPLICATION" if form and (form.get("decision") or [""])[0] == "reject"
              else "APPROVE_OPEN_APPLICATION")
    if refused is not None:
        return refused
    if not page.caller.has_role("steward"):
        return page.forbid("deciding an open-data application is a steward's act", action)
    application_id = page.path_id()
    if application_id is None:
        return page.not_found()
    try:
        await page.door.run_blocking(_decide, page.services, page.caller, application_id, form)
    except REFUSALS as exc:
        audit_refusal(page.services.audit.append, page.caller, exc, action=action)
        return page.refused(exc)
    return RedirectResponse(f"/steward/inbox?application={application_id}", status_code=303)
