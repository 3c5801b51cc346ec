"""Signing in to the console through an OIDC provider: authorization code with PKCE (S256).

The provider is a small OIDC server of these tests, served by uvicorn from a thread: discovery,
authorize (the person is already signed in there), token (the code once, only with the
verifier whose S256 challenge came with it), keys. The gateway runs without dev mode, so the
principal picker is off."""
from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import socket
import threading
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import jwt
import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from tests.conftest import audited_since, newest_audit_id

CLIENT_ID, CLIENT_SECRET = "datagate-console", "console-secret-for-tests-only"
REDIRECT = "http://testserver/signin/oidc/callback"


class Provider:
    """An OIDC provider of one signed-in person (`subject`); `nonce` overrides the ID token's."""

    def __init__(self, now):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.now = now  # the gateway's frozen clock: ID tokens are dated by it
        self.subject = "gongan-steward"
        self.nonce: str | None = None
        self.codes: dict[str, dict] = {}
        self.exchanged: list[dict] = []
        self.issued: list[str] = []  # ID tokens handed out
        self.logouts: list[dict] = []  # what each end-session request carried
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.issuer = f"http://127.0.0.1:{self.port}/realms/city"
        app = Starlette(routes=[
            Route("/realms/city/.well-known/openid-configuration", self.discovery),
            Route("/realms/city/auth", self.authorize),
            Route("/realms/city/token", self.token, methods=["POST"]),
            Route("/realms/city/certs", self.certs),
            Route("/realms/city/logout", self.logout),
        ])
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)

    async def discovery(self, request: Request):
        return JSONResponse({"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/auth",
                             "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/certs",
                             "end_session_endpoint": f"{self.issuer}/logout",
                             "code_challenge_methods_supported": ["S256"]})

    async def certs(self, request: Request):
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return JSONResponse({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]})

    async def authorize(self, request: Request):
        q = request.query_params
        if (q.get("response_type") != "code" or q.get("client_id") != CLIENT_ID
                or q.get("code_challenge_method") != "S256" or not q.get("code_challenge")):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(16)
        self.codes[code] = dict(q)
        return RedirectResponse(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}",
                                status_code=302)

    async def token(self, request: Request):
        form = parse_qs((await request.body()).decode())
        sent = {k: v[0] for k, v in form.items()}
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        asked = self.codes.pop(sent.get("code", ""), None)  # a code is good once
        verifier = sent.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        self.exchanged.append({"verifier": verifier, "ok": asked is not None})
        if request.headers.get("authorization") != f"Basic {basic}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if asked is None or challenge != asked["code_challenge"] or sent.get("redirect_uri") != asked["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        at = int(self.now.timestamp())
        id_token = jwt.encode({"iss": self.issuer, "aud": CLIENT_ID, "sub": self.subject,
                               "nonce": self.nonce or asked["nonce"], "iat": at, "exp": at + 300},
                              self.key, algorithm="RS256", headers={"kid": "k1"})
        self.issued.append(id_token)
        return JSONResponse({"access_token": "opaque", "token_type": "Bearer", "expires_in": 300,
                             "id_token": id_token})

    async def logout(self, request: Request):
        """RP-initiated logout: ends the person's session here, then back to the client."""
        self.logouts.append(dict(request.query_params))
        return RedirectResponse(request.query_params.get("post_logout_redirect_uri", "/"),
                                status_code=302)

    def close(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def provider(gateway):
    served = Provider(gateway.services.clock.now())
    yield served
    served.close()


@contextlib.contextmanager
def console(gateway, issuer: str):
    settings = gateway.settings.with_(dev_mode=False, oidc_issuer=issuer, oidc_client_id=CLIENT_ID,
                                      oidc_client_secret=CLIENT_SECRET, oidc_redirect_url=REDIRECT)
    gw = Gateway(settings)
    try:
        yield TestClient(create_app(settings, gw), follow_redirects=False)
    finally:
        gw.close()


def through_provider(web: TestClient, next_path: str = "/steward/inbox"):
    """Start at the console, pass the provider, and come back: the callback's answer."""
    start = web.get(f"/signin/oidc?next={next_path}")
    assert start.status_code == 302, start.text
    at_provider = httpx.get(start.headers["location"], follow_redirects=False)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["location"])
    return start, back, web.get(f"{back.path}?{back.query}")


def test_a_person_signs_in_through_the_provider_with_pkce(gateway, provider):
    with console(gateway, provider.issuer) as web:
        page = web.get("/signin")
        assert 'id="oidc-signin"' in page.text and 'id="principal"' not in page.text  # no picker
        before = newest_audit_id(gateway)
        start, back, done = through_provider(web)
        asked = parse_qs(urlsplit(start.headers["location"]).query)
        assert asked["code_challenge_method"] == ["S256"] and asked["scope"] == ["openid"]
        verifier = provider.exchanged[-1]["verifier"]
        assert len(verifier) >= 43 and verifier not in start.headers["location"]
        assert verifier not in start.headers["set-cookie"]  # the pending cookie is sealed
        assert done.status_code == 303 and done.headers["location"] == "/steward/inbox"
        inbox = web.get("/steward/inbox")
        assert inbox.status_code == 200 and '<strong id="signed-in-as">gongan-steward</strong>' in inbox.text
        [signed] = [r for r in audited_since(gateway, before) if r.action == "CONSOLE_SIGN_IN"]
        assert (signed.principal, signed.outcome) == ("gongan-steward", "ALLOWED")
        assert "PKCE" in signed.detail
        # the same answer again: the code was used and the pending sign-in is gone
        again = web.get(f"{back.path}?{back.query}")
        assert again.status_code == 401


def test_the_callback_refuses_what_is_not_this_sign_in(gateway, provider):
    with console(gateway, provider.issuer) as web:
        before = newest_audit_id(gateway)
        start = web.get("/signin/oidc")
        at_provider = httpx.get(start.headers["location"], follow_redirects=False)
        back = urlsplit(at_provider.headers["location"])
        code = parse_qs(back.query)["code"][0]
        forged = web.get(f"{back.path}?{urlencode({'code': code, 'state': 'someone-elses'})}")
        assert forged.status_code == 401 and "state" in forged.text
        other_browser = TestClient(web.app, follow_redirects=False)
        assert other_browser.get(f"{back.path}?{back.query}").status_code == 401
        refused = [r for r in audited_since(gateway, before) if r.action == "CONSOLE_SIGN_IN"]
        assert [r.outcome for r in refused] == ["DENIED", "DENIED"]
        assert "datagate_session" not in web.cookies

        provider.nonce = "replayed-from-another-sign-in"
        *_, done = through_provider(web)
        assert done.status_code == 401 and "nonce" in done.text
        provider.nonce = None
        provider.subject = "nobody-known-here"
        *_, done = through_provider(web)
        assert done.status_code == 401 and "datagate_session" not in web.cookies


def test_an_unreachable_provider_is_said_so(gateway):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with console(gateway, f"http://127.0.0.1:{port}/realms/city") as web:
        down = web.get("/signin/oidc")
        assert down.status_code == 503 and "统一身份认证" in down.text
