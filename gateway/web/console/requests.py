"""The requester's side: a department's steward (or app) files a share request (§26) and
follows its own requests; an organisation applies for conditional open data (§36(2)),
reading and signing the dataset's commitment, and follows its applications.

The use cases are GraphQL's requestShare and applyForOpenData
(gateway.workflows.share_requests, gateway.open_data.applications); every refusal is
audited under the mutation's action name and the form comes back with what was typed.
"""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.catalog.datasets import MODES
from gateway.errors import REFUSALS, BadInput, NotFound
from gateway.open_data import applications
from gateway.workflows import share_requests
from gateway.workflows.common import published_entry
from gateway.web.console.page import checked_post, page_for

REQUESTERS = ("steward", "app")  # requestShare's roles


def _one(form: dict, name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def requestable(services, caller) -> list:
    """Published datasets the caller's department may ask for: shared, and not its own."""
    return sorted((d for d in services.published.datasets.values()
                   if d.share_type != "NONE" and d.owner_department != caller.department),
                  key=lambda d: d.code)


def _outbox(services, caller):
    return share_requests.list_requests(services, caller, "OUTBOX", None)[::-1]


async def _requests_view(page, status: int = 200, error=None, typed: dict | None = None):
    services, caller = page.services, page.caller
    choices = requestable(services, caller)
    code = (typed or {}).get("dataset") or page.request.query_params.get("dataset", "")
    chosen = services.published.get(code) if code in {d.code for d in choices} else None
    mine = await page.door.run_blocking(_outbox, services, caller)
    filed = page.request.query_params.get("filed", "")
    return page.render("requests.html", status=status, choices=choices, chosen=chosen,
                       modes=MODES, mine=mine, error=error, typed=typed or {},
                       filed=filed if filed.isdigit() else "",
                       today=services.clock.today())


def _may_request(page) -> bool:
    return page.caller.department is not None and any(page.caller.has_role(r) for r in REQUESTERS)


async def requests_page(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    if not _may_request(page):
        return page.forbid("share requests are filed by a department's steward or app",
                           "CONSOLE_REQUESTS")
    return await _requests_view(page)


async def file_request(request: Request) -> Response:
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    typed = {name: _one(form, name) for name in
             ("dataset", "purpose", "purpose_description", "users", "expires_on")}
    typed["modes"], typed["fields"] = form.get("mode", []), form.get("field", [])
    try:
        try:
            expires = dt.date.fromisoformat(typed["expires_on"])
        except ValueError:
            raise BadInput("give the date the use ends (YYYY-MM-DD)")
        ask = share_requests.RequestInput(
            dataset=typed["dataset"], modes=typed["modes"], fields=typed["fields"],
            purpose=typed["purpose"], purpose_description=typed["purpose_description"],
            users=typed["users"], expires_on=expires)
        filed = await page.door.run_blocking(share_requests.request_share, page.services,
                                             page.caller, ask)
    except REFUSALS as exc:
        page.door.refuse(page.caller, exc, action="REQUEST_SHARE", dataset=typed["dataset"] or None)
        if not _may_request(page):
            return page.refused(exc)
        return await _requests_view(page, status=exc.http_status, error=exc, typed=typed)
    return RedirectResponse(f"/requests?filed={filed.id}", status_code=303)


# --- conditional open data -------------------------------------------------------------

def _entry(services, code: str):
    with services.store() as session:
        entry = published_entry(session, code, NotFound)
        if entry.open_type != "CONDITIONAL":
            raise NotFound(f"{code} is not conditionally open data")
        return {"code": entry.code, "name": entry.name, "commitment": entry.open_commitment or "",
                "channels": [c for c in applications.CHANNELS if c in (entry.provision_methods or [])],
                "fields": [f.name for f in entry.fields]}


async def _applications_view(page, status: int = 200, error=None, typed: dict | None = None):
    services, caller = page.services, page.caller
    mine = await page.door.run_blocking(applications.list_applications, services, caller)
    mine = [a for a in mine if a.applicant == caller.principal][::-1]
    code = (typed or {}).get("dataset") or page.request.query_params.get("dataset", "")
    entry = None
    if code:
        try:
            entry = await page.door.run_blocking(_entry, services, code)
        except REFUSALS as exc:
            error = error or exc
    digest = applications.commitment_digest(entry["commitment"]) if entry else ""
    applied = page.request.query_params.get("applied", "")
    return page.render("applications.html", status=status, entry=entry, digest=digest,
                       mine=mine, error=error, typed=typed or {},
                       applied=applied if applied.isdigit() else "")


async def applications_page(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    if page.caller.kind != "ORGANIZATION":
        return page.forbid("conditional open data is applied for by an organisation",
                           "CONSOLE_APPLICATIONS")
    return await _applications_view(page)


async def apply(request: Request) -> Response:
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    typed = {name: _one(form, name) for name in
             ("dataset", "purpose", "purpose_description", "channel", "commitment_sha256")}
    typed["fields"] = form.get("field", [])
    ask = applications.ApplicationInput(
        dataset=typed["dataset"], fields=typed["fields"], purpose=typed["purpose"],
        purpose_description=typed["purpose_description"], channel=typed["channel"],
        commitment_accepted=_one(form, "commitment_accepted") == "yes",
        commitment_sha256=typed["commitment_sha256"] or None)
    try:
        made = await page.door.run_blocking(applications.apply, page.services, page.caller, ask)
    except REFUSALS as exc:
        page.door.refuse(page.caller, exc, action="APPLY_OPEN_DATA", dataset=typed["dataset"] or None)
        if page.caller.kind != "ORGANIZATION":
            return page.refused(exc)
        return await _applications_view(page, status=exc.http_status, error=exc, typed=typed)
    return RedirectResponse(f"/applications?applied={made.id}", status_code=303)
