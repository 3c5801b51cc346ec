"""Signing out: the console's session ended in the store (the same cookie replayed names no
session), then, for a person who signed in through the identity provider, the provider's
own logout (RP-initiated logout, gateway.web.console.oidc.provider_logout_url), which sends
the browser back to the console's root."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.access.console_sessions import end_session
from gateway.web.console.oidc import ID_TOKEN_COOKIE, provider_logout_url
from gateway.web.console.page import SESSION_COOKIE, checked_post


async def signout(request: Request) -> Response:
    page, _, refused = await checked_post(request)
    if refused is not None:
        return refused
    await page.door.run_blocking(end_session, page.services, request.cookies[SESSION_COOKIE],
                                 page.caller)
    at_provider = await page.door.run_blocking(provider_logout_url, page.services,
                                               request.cookies.get(ID_TOKEN_COOKIE))
    secure = request.url.scheme == "https"
    response = RedirectResponse(at_provider or "/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure)
    response.delete_cookie(ID_TOKEN_COOKIE, path="/signout", httponly=True, samesite="lax",
                           secure=secure)
    return response
