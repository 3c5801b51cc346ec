"""A citizen's page: who accessed my record (the use case of GraphQL's myAccessLog,
gateway.access.own_access_log), through the door like every other caller."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from gateway.access.own_access_log import own_accesses
from gateway.access.request import AccessContext
from gateway.errors import REFUSALS
from gateway.web.console.page import page_for

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
