"""One console request as the pages see it: its language, its session and caller (through the
door, gateway.web.door.Door.session_access), its CSRF check, and rendering a template.

Cookies: `datagate_session` holds the session's random token (HttpOnly, SameSite=Lax, Secure
when served over https); `datagate_lang` the chosen language. Nothing else of a session is
in the browser, and no token is ever put where a script could read it.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import parse_qs

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from gateway.access.caller_cache import CallerAccess
from gateway.access.console_sessions import LiveSession, csrf_matches, live_session
from gateway.access.principals import ANONYMOUS, Caller
from gateway.clock import iso_at_platform
from gateway.errors import Forbidden, Unauthenticated
from gateway.web.console.messages import choose_language, translator

SESSION_COOKIE = "datagate_session"
LANG_COOKIE = "datagate_lang"
MAX_FORM_BYTES = 64 * 1024

# what a page may load: only this host's files; no inline script, no framing
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
                               "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # every value is escaped unless a template says otherwise (none does)
    undefined=jinja2.StrictUndefined,
)


TEMPLATES.filters["local"] = lambda instant, timespec="seconds": iso_at_platform(instant, timespec) or ""


@dataclasses.dataclass
class Page:
    request: Request
    lang: str
    session: LiveSession | None
    access: CallerAccess | None

    @property
    def caller(self) -> Caller:
        return self.access.caller if self.access else ANONYMOUS

    @property
    def door(self):
        return self.request.app.state.gateway.door

    @property
    def services(self):
        return self.door.services

    def t(self, key: str, **values) -> str:
        return translator(self.lang)(key, **values)

    def render(self, template: str, status: int = 200, **values) -> HTMLResponse:
        body = TEMPLATES.get_template(template).render(
            t=translator(self.lang), lang=self.lang, caller=self.caller, page=self,
            path=self.request.url.path, csrf=self.session.csrf_token if self.session else "",
            **values)
        response = HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)
        if self.request.query_params.get("lang") == self.lang:
            response.set_cookie(LANG_COOKIE, self.lang, max_age=365 * 86400, httponly=True,
                                samesite="lax", secure=self.request.url.scheme == "https")
        return response

    def refused(self, exc, status: int | None = None) -> HTMLResponse:
        """The error page of a refusal (already audited by whoever refused it)."""
        return self.render("error.html", status=status or exc.http_status, code=exc.code,
                           message=exc.message)

    def forbid(self, message: str, action: str) -> HTMLResponse:
        """403 for a page the caller's roles do not open, audited as a refusal."""
        exc = Forbidden(message)
        self.door.refuse(self.caller, exc, action=action)
        return self.render("error.html", status=403, code=exc.code,
                           message=self.t("error.forbidden"))

    def path_id(self) -> int | None:
        """The number in the path's ``{id}``, or None where it is none (then ``not_found``)."""
        try:
            return int(self.request.path_params["id"])
        except ValueError:
            return None

    def not_found(self) -> HTMLResponse:
        return self.render("error.html", status=404, code="NOT_FOUND",
                           message=self.t("error.not_found"))

    def sign_in_first(self) -> Response:
        return RedirectResponse(f"/signin?next={self.request.url.path}", status_code=303)


async def page_for(request: Request) -> Page:
    """The request's page: a live session's caller resolved through the door, else anonymous.
    A cookie naming no live session (ended, expired, forged) is treated as none."""
    door = request.app.state.gateway.door
    lang = choose_language(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE),
                           request.headers.get("accept-language"))
    token = request.cookies.get(SESSION_COOKIE)
    session = await door.run_blocking(live_session, door.services, token) if token else None
    access = None
    if session is not None:
        try:
            access, _ = await door.run_blocking(door.session_access, session.principal)
        except Unauthenticated:  # deactivated since sign-in: audited by the door
            session = None
    return Page(request=request, lang=lang, session=session, access=access)


async def form_of(request: Request) -> dict[str, list[str]]:
    """An urlencoded form's fields, each with all its values (checkboxes repeat a name)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


async def checked_post(request: Request) -> tuple[Page, dict[str, list[str]] | None, Response | None]:
    """A POST of a signed-in page with its form, or the response that refuses it: sign in
    first, or 403 when the form's CSRF token is not the session's (audited)."""
    page = await page_for(request)
    form = await form_of(request)
    if page.session is None:
        return page, None, page.sign_in_first()
    sent = (form.get("csrf") or [request.headers.get("x-csrf-token")])[0]
    if not csrf_matches(page.session, sent):
        exc = Forbidden("the form's CSRF token is not this session's; the console refuses it")
        page.door.refuse(page.caller, exc, action="CONSOLE_CSRF")
        return page, None, page.render("error.html", status=403, code=exc.code,
                                       message=page.t("error.csrf"))
    return page, form, None
