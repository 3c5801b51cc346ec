"""Signing in to the console (signing out is signout.py).

In dev/demo mode (DATAGATE_DEV_MODE) a principal picker: any active principal of the store,
as `datagate token` mints a token for any. Through the identity provider (OIDC authorization
code with PKCE, gateway.web.console.oidc) when DATAGATE_OIDC_* are set; with neither, the
sign-in page says so and signs nobody in.

The picker's form is protected against login CSRF by a double-submit cookie: a random value
set with the form, which the POST must carry back.
"""
from __future__ import annotations

import hmac
import secrets

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.access.console_sessions import SESSION_HOURS, open_session
from gateway.errors import Forbidden, Unauthenticated
from gateway.store.models import Principal
from gateway.web.console.page import SESSION_COOKIE, form_of, page_for

SIGNIN_COOKIE = "datagate_signin"


def local_path(target: str | None) -> str:
    """Where to go after signing in: a path on this host only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _principals(services) -> list[tuple[str, str, str]]:
    with services.store() as session:
        return [tuple(r) for r in session.execute(
            sa.select(Principal.name, Principal.display_name, Principal.kind)
            .where(Principal.active).order_by(Principal.name))]


async def signin_page(request: Request) -> Response:
    page = await page_for(request)
    settings = page.services.settings
    oidc = bool(settings.oidc_issuer and settings.oidc_client_id and settings.oidc_redirect_url)
    next_path = local_path(request.query_params.get("next"))
    if not settings.dev_mode:
        return page.render("signin.html", status=200 if oidc else 501, principals=[],
                           signin_token="", next=next_path, error="", oidc=oidc)
    principals = await page.door.run_blocking(_principals, page.services)
    token = secrets.token_urlsafe(24)
    response = page.render("signin.html", principals=principals, signin_token=token,
                           next=next_path, error="", oidc=oidc)
    response.set_cookie(SIGNIN_COOKIE, token, max_age=1800, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/signin")
    return response


async def signin(request: Request) -> Response:
    page = await page_for(request)
    form = await form_of(request)
    door = page.door
    if not page.services.settings.dev_mode:
        return page.render("signin.html", status=501, principals=[], signin_token="",
                           next="/", error="", oidc=False)
    sent = (form.get("signin_token") or [""])[0]
    expected = request.cookies.get(SIGNIN_COOKIE) or ""
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        exc = Forbidden("the sign-in form's CSRF token does not match its cookie")
        door.refuse(None, exc, action="CONSOLE_SIGN_IN")
        return page.render("error.html", status=403, code=exc.code, message=page.t("error.csrf"))
    principal = (form.get("principal") or [""])[0][:100]
    try:
        token, _ = await door.run_blocking(open_session, page.services, principal,
                                           "development principal picker")
    except Unauthenticated as exc:
        door.refuse(None, exc, action="CONSOLE_SIGN_IN")
        principals = await door.run_blocking(_principals, page.services)
        return page.render("signin.html", status=401, principals=principals,
                           signin_token=expected, next="/", error=page.t("signin.unknown"),
                           oidc=False)
    response = RedirectResponse(local_path((form.get("next") or ["/"])[0]), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/")
    response.delete_cookie(SIGNIN_COOKIE, path="/signin")
    return response
