"""Disputes in the steward's inbox (§30): records a user of the department's data reported as
wrong, answered within 10 working days as confirmed or corrected, with a note the raiser is
told. The use case is GraphQL resolveDispute's (gateway.workflows.disputes.resolve): only a
steward of the dataset's department answers, once."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.audit import audit_refusal
from gateway.errors import REFUSALS
from gateway.workflows import disputes
from gateway.workflows.authority_view import Owed, soonest_first
from gateway.web.console.page import checked_post

ACTION = "RESOLVE_DISPUTE"


def owed_disputes(services, caller) -> list[Owed]:
    """The open disputes on the caller's department's data, nearest deadline first."""
    return soonest_first(services, [d for d in disputes.list_disputes(services, caller, "OPEN")
                                    if d.owner_department == caller.department])


async def resolve(request: Request) -> Response:
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    if not page.caller.has_role("steward"):
        return page.forbid("answering a dispute is a steward's act", ACTION)
    dispute_id = page.path_id()
    if dispute_id is None:
        return page.not_found()
    outcome, note = ((form.get(name) or [""])[0] for name in ("outcome", "note"))
    try:
        await page.door.run_blocking(disputes.resolve, page.services, page.caller, dispute_id,
                                     outcome, note)
    except REFUSALS as exc:
        audit_refusal(page.services.audit.append, page.caller, exc, action=ACTION)
        return page.refused(exc)
    return RedirectResponse(f"/steward/inbox?dispute={dispute_id}", status_code=303)
