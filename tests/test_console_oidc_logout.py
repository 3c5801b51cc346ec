"""Signing out of a console session opened through the identity provider: the session is
ended in the store first, then the browser goes to the provider's end_session_endpoint (from
its discovery document) with the ID token as id_token_hint and the console's root as
post_logout_redirect_uri (RP-initiated logout). The provider is test_console_oidc's."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.conftest import audited_since, newest_audit_id
from tests import test_console_oidc as oidc_tests
from tests.test_console_oidc import CLIENT_ID, console, through_provider
from tests.test_console_http import browser, sign_in

provider = oidc_tests.provider  # the tests' identity provider, served per test


def test_signing_out_ends_the_session_then_the_providers(gateway, provider):
    with console(gateway, provider.issuer) as web:
        *_, done = through_provider(web)
        assert done.status_code == 303
        cookie = web.cookies.get("datagate_session")
        id_cookie = done.headers.get_list("set-cookie")
        assert any("datagate_oidc_id=" in c and "HttpOnly" in c and "Path=/signout" in c
                   for c in id_cookie)
        assert provider.issued[-1] not in " ".join(id_cookie)  # sealed, not the token itself
        csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/").text).group(1)
        before = newest_audit_id(gateway)
        out = web.post("/signout", data={"csrf": csrf})
        assert out.status_code == 303
        target = urlsplit(out.headers["location"])
        assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.issuer}/logout"
        sent = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert sent == {"id_token_hint": provider.issued[-1], "client_id": CLIENT_ID,
                        "post_logout_redirect_uri": "http://testserver/"}
        # the console's session was ended before the browser left: the cookie names nothing
        assert [r.outcome for r in audited_since(gateway, before)
                if r.action == "CONSOLE_SIGN_OUT"] == ["ALLOWED"]
        web.cookies.set("datagate_session", cookie)
        assert 'id="signed-in-as"' not in web.get("/").text
        assert web.get("/steward/inbox").status_code == 303  # sign in first
        back = httpx.get(out.headers["location"], follow_redirects=False)
        assert back.status_code == 302 and back.headers["location"] == "http://testserver/"
        assert provider.logouts[-1]["id_token_hint"] == provider.issued[-1]


def test_a_picker_session_signs_out_here_only(gateway):
    web = browser(gateway)
    csrf = sign_in(web, "gongan-steward")
    out = web.post("/signout", data={"csrf": csrf})
    assert out.status_code == 303 and out.headers["location"] == "/"
