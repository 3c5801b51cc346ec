"""The steward's inbox: share requests to the department, their deadlines in working days,
approved as asked or narrower (ticked modes and fields), or rejected with a reason.

The use cases are the GraphQL mutations' own (gateway.workflows.share_requests): approving
wider than asked is refused there (WIDENING_NOT_ALLOWED), whatever a form sends.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.audit import audit_refusal
from gateway.errors import REFUSALS
from gateway.workflows import share_requests
from gateway.workflows.authority_view import Owed, soonest_first
from gateway.web.console.page import checked_post, page_for
from gateway.web.console.steward_applications import owed_applications
from gateway.web.console.steward_disputes import owed_disputes
from gateway.web.console.workbench import steward_releases

ROLE = "steward"


def _inbox(services, caller) -> tuple[list[Owed], list]:
    rows = share_requests.list_requests(services, caller, "INBOX", None)
    answered = [r for r in rows if r.status != "PENDING"]
    return soonest_first(services, [r for r in rows if r.status == "PENDING"]), answered[::-1]


async def inbox_page(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    if not page.caller.has_role(ROLE):
        return page.forbid("the share-request inbox is a steward's page", "CONSOLE_INBOX")
    # one hop to a worker thread for the page's four reads, not one each
    (pending, answered), releases, disputes, open_applications = await page.door.run_blocking(
        lambda: [read(page.services, page.caller)
                 for read in (_inbox, steward_releases, owed_disputes, owed_applications)])
    done = ""
    just = request.query_params.get("answered", "")
    for r in answered:
        if str(r.id) == just:
            done = (page.t("inbox.approved_ok", id=r.id, modes=", ".join(r.modes),
                           fields=", ".join(r.fields)) if r.status == "APPROVED"
                    else page.t("inbox.rejected_ok", id=r.id))
    if released := request.query_params.get("release", ""):
        done = page.t("wb.release_decided", id=released)
    if answered_dispute := request.query_params.get("dispute", ""):
        done = page.t("disputes.answered_ok", id=answered_dispute)
    if decided := request.query_params.get("application", ""):
        done = page.t("apps.decided_ok", id=decided)
    return page.render("inbox.html", pending=pending, answered=answered[:20], done=done,
                       error=None, releases=releases, disputes=disputes,
                       open_applications=open_applications)


async def _answer(request: Request, action: str) -> Response:
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    if not page.caller.has_role(ROLE):
        return page.forbid("answering share requests is a steward's act", action)
    request_id = page.path_id()
    if request_id is None:
        return page.not_found()
    services, caller = page.services, page.caller
    try:
        if action == "APPROVE_SHARE_REQUEST":
            answered = await page.door.run_blocking(
                share_requests.approve, services, caller, request_id,
                form.get("mode", []), form.get("field", []))
        else:
            answered = await page.door.run_blocking(
                share_requests.reject, services, caller, request_id,
                (form.get("reason") or [""])[0], (form.get("legal_basis") or [""])[0])
    except REFUSALS as exc:
        audit_refusal(services.audit.append, caller, exc, action=action)
        pending, answered_list = await page.door.run_blocking(_inbox, services, caller)
        return page.render("inbox.html", status=exc.http_status, pending=pending,
                           answered=answered_list[:20], done="", error=exc)
    # POST, then GET: a reload does not answer twice
    return RedirectResponse(f"/steward/inbox?answered={answered.id}", status_code=303)


async def approve(request: Request) -> Response:
    return await _answer(request, "APPROVE_SHARE_REQUEST")


async def reject(request: Request) -> Response:
    return await _answer(request, "REJECT_SHARE_REQUEST")
