"""A citizen's pages: who accessed my record (the use case of GraphQL's myAccessLog,
gateway.access.own_access_log), and my consents, withdrawn with a click (the consents and
withdrawConsent use cases, gateway.workflows.consent); giving one is consents.py's."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.access.own_access_log import own_accesses
from gateway.access.request import AccessContext
from gateway.errors import REFUSALS
from gateway.web.console.consents import consents_page
from gateway.web.console.page import checked_post, page_for
from gateway.workflows import consent

PAGE_SIZE = 100


def _accesses(page):
    services, access = page.services, page.access
    ctx = AccessContext(services=services, caller=access.caller, grants=access.grants,
                        catalog=services.published, now=services.clock.now())
    return own_accesses(ctx, PAGE_SIZE, None)


async def my_accesses_page(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    try:
        found = await page.door.run_blocking(_accesses, page)
    except REFUSALS as exc:  # not a citizen with an ID number: refused and audited there
        return page.render("error.html", status=exc.http_status, code=exc.code,
                           message=page.t("error.forbidden"))
    return page.render("my_accesses.html", accesses=found.accesses, more=found.has_next_page)


async def my_consents_page(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    return await consents_page(page)


async def withdraw_consent(request: Request) -> Response:
    """Withdraw one consent (§31). With htmx the answer is the consent's row as it now is."""
    page, _, refused = await checked_post(request)
    if refused is not None:
        return refused
    try:
        consent_id = int(request.path_params["id"])
        withdrawn = await page.door.run_blocking(consent.withdraw, page.services, page.caller,
                                                 consent_id)
    except ValueError:
        return page.not_found()
    except REFUSALS as exc:
        page.door.refuse(page.caller, exc, action="WITHDRAW_CONSENT")
        return page.refused(exc)
    if request.headers.get("hx-request"):
        return page.render("consent_row.html", c=withdrawn, today=page.services.clock.today())
    return RedirectResponse("/me/consents", status_code=303)
