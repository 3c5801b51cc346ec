"""Signing in to the console through the city's identity provider: OIDC authorization code
with PKCE (S256), Authlib's OAuth 2 client doing the protocol, PyJWT checking the ID token
against the provider's published keys.

`/signin/oidc` sends the browser to the provider with a fresh state, nonce and code verifier,
which wait in a short-lived cookie sealed with a key of this gateway (Fernet: encrypted and
authenticated), so any gateway process can finish the sign-in. `/signin/oidc/callback` checks
the state, exchanges the code with the verifier, checks the ID token (signature, issuer,
audience, nonce, times on the gateway's clock) and opens a console session for the principal
its DATAGATE_JWT_PRINCIPAL_CLAIM names, who must be known and active here.
"""
from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import hmac
import importlib
import json
import threading
import time
import warnings
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import jwt
from cryptography.fernet import Fernet, InvalidToken
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.access.console_sessions import SESSION_HOURS, open_session
from gateway.errors import REFUSALS, Unauthenticated
from gateway.web.console.page import SESSION_COOKIE, page_for
from gateway.web.console.signin import local_path

PENDING_COOKIE = "datagate_oidc"
ID_TOKEN_COOKIE = "datagate_oidc_id"  # the ID token, sealed: the provider's logout hint
PENDING_SECONDS = 600  # to sign in at the provider
DISCOVERY_SECONDS = 3600


@functools.cache
def _http() -> SimpleNamespace:
    """httpx and Authlib, loaded at the first sign-in through a provider: a gateway without
    one does not hold their 18 MiB."""
    import httpx
    from authlib.common.security import generate_token

    with warnings.catch_warnings():  # Authlib 1.9 points httpx users to httpx2, which we do not use;
        importlib.import_module("authlib.deprecate")  # sets its own "always" filter, undone below
        warnings.simplefilter("ignore")  # its httpx client is the one this module needs
        from authlib.integrations.httpx_client import OAuth2Client
    return SimpleNamespace(httpx=httpx, OAuth2Client=OAuth2Client, generate_token=generate_token,
                           timeout=httpx.Timeout(10.0))


@dataclasses.dataclass
class Provider:
    """The provider's discovery document and keys, fetched once an hour at most."""

    issuer: str
    fetched_at: float = 0.0
    metadata: dict = dataclasses.field(default_factory=dict)
    keys: jwt.PyJWKSet | None = None
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def current(self) -> dict:
        with self.lock:
            if time.monotonic() - self.fetched_at > DISCOVERY_SECONDS or not self.metadata:
                url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
                http = _http()
                self.metadata = http.httpx.get(url, timeout=http.timeout).raise_for_status().json()
                self.keys = jwt.PyJWKSet.from_dict(http.httpx.get(
                    self.metadata["jwks_uri"], timeout=http.timeout).raise_for_status().json())
                self.fetched_at = time.monotonic()
            return self.metadata


_providers: dict[str, Provider] = {}


def _provider(settings) -> Provider:
    return _providers.setdefault(settings.oidc_issuer, Provider(settings.oidc_issuer))


def configured(settings) -> bool:
    return bool(settings.oidc_issuer and settings.oidc_client_id and settings.oidc_redirect_url)


def _sealer(services) -> Fernet:
    key = services.masking_keys.hash_key
    secret = key if isinstance(key, bytes) else key.encode()
    derived = hmac.new(secret, b"console-oidc-pending", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def _client(settings, **extra):
    http = _http()
    return http.OAuth2Client(settings.oidc_client_id, settings.oidc_client_secret, scope="openid",
                             redirect_uri=settings.oidc_redirect_url, code_challenge_method="S256",
                             timeout=http.timeout, **extra)


def _start(services, next_path: str) -> tuple[str, str]:
    """The provider's authorization URL and the sealed cookie of what the callback checks."""
    settings = services.settings
    metadata = _provider(settings).current()
    token = _http().generate_token
    state, nonce, verifier = token(32), token(32), token(64)
    with _client(settings) as client:
        url, _ = client.create_authorization_url(metadata["authorization_endpoint"], state=state,
                                                 nonce=nonce, code_verifier=verifier)
    pending = json.dumps({"state": state, "nonce": nonce, "verifier": verifier, "next": next_path})
    return url, _sealer(services).encrypt(pending.encode()).decode()


def _finish(services, sealed: str | None, state: str | None,
            code: str | None) -> tuple[str, str, str]:
    """Check the callback and exchange its code: (the session's token, where to go next, the
    ID token sealed for the provider's logout).
    Unauthenticated with what went wrong, for the person to try again."""
    settings = services.settings
    try:
        pending = json.loads(_sealer(services).decrypt((sealed or "").encode(), ttl=PENDING_SECONDS))
    except (InvalidToken, ValueError):
        raise Unauthenticated("the sign-in took too long or did not start here; sign in again") from None
    if not state or not code or not hmac.compare_digest(state.encode(), pending["state"].encode()):
        raise Unauthenticated("the identity provider's answer is not for this sign-in (state "
                              "differs); sign in again")
    provider = _provider(settings)
    metadata = provider.current()
    try:
        with _client(settings) as client:
            answer = client.fetch_token(metadata["token_endpoint"], grant_type="authorization_code",
                                        code=code, code_verifier=pending["verifier"])
    except Exception as exc:  # noqa: BLE001 - the provider refused or failed; said, not raised
        raise Unauthenticated(f"the identity provider did not exchange the code ({type(exc).__name__}: "
                              f"{str(exc)[:200]}); sign in again") from None
    claims = _id_token_claims(services, provider, answer.get("id_token"), pending["nonce"])
    principal = claims.get(settings.jwt_principal_claim)
    if not isinstance(principal, str) or not principal:
        raise Unauthenticated(f"the ID token has no {settings.jwt_principal_claim} claim naming "
                              "a principal; ask the identity provider's administrator")
    token, _ = open_session(services, principal, "OIDC authorization code with PKCE")
    sealed_id_token = _sealer(services).encrypt(answer["id_token"].encode()).decode()
    return token, local_path(pending["next"]), sealed_id_token


def _id_token_claims(services, provider: Provider, id_token: str | None, nonce: str) -> dict:
    settings = services.settings
    if not id_token:
        raise Unauthenticated("the identity provider sent no ID token (is `openid` in the scope?)")
    try:
        key = _key_for(provider, jwt.get_unverified_header(id_token).get("kid"))
        claims = jwt.decode(id_token, key.key, algorithms=["RS256", "ES256", "PS256"],
                            audience=settings.oidc_client_id, issuer=settings.oidc_issuer,
                            options={"verify_exp": False, "verify_iat": False, "verify_nbf": False,
                                     "require": ["exp", "iat", "sub", "nonce"]})
    except (jwt.PyJWTError, KeyError, IndexError) as exc:
        raise Unauthenticated(f"the ID token does not verify ({type(exc).__name__}); sign in "
                              "again, or ask the operators to check DATAGATE_OIDC_*") from None
    if not hmac.compare_digest(str(claims["nonce"]).encode(), nonce.encode()):
        raise Unauthenticated("the ID token's nonce is not this sign-in's; sign in again")
    now, leeway = services.clock.now().timestamp(), settings.jwt_leeway_seconds
    if claims["exp"] + leeway <= now or claims["iat"] - leeway > now:
        raise Unauthenticated("the ID token is expired or not valid yet on the gateway's clock")
    return claims


def _key_for(provider: Provider, kid: str | None) -> jwt.PyJWK:
    try:
        return provider.keys[kid] if kid else provider.keys.keys[0]
    except KeyError:  # rotated at the provider since the keys were fetched: fetch them once more
        provider.fetched_at = 0.0
        provider.current()
        return provider.keys[kid]


async def oidc_start(request: Request) -> Response:
    page = await page_for(request)
    if not configured(page.services.settings):
        return page.render("signin.html", status=501, principals=[], signin_token="",
                           next="/", error="", oidc=False)
    try:
        url, sealed = await page.door.run_blocking(
            _start, page.services, local_path(request.query_params.get("next")))
    except (_http().httpx.HTTPError, KeyError, ValueError) as exc:
        page.door.refuse(None, Unauthenticated(f"the identity provider cannot be reached "
                                               f"({type(exc).__name__})"), action="CONSOLE_SIGN_IN")
        return page.render("error.html", status=503, code="SOURCE_UNAVAILABLE",
                           message=page.t("signin.provider_down"))
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(PENDING_COOKIE, sealed, max_age=PENDING_SECONDS, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/signin/oidc")
    return response


async def oidc_callback(request: Request) -> Response:
    page = await page_for(request)
    params = request.query_params
    try:
        if not configured(page.services.settings):
            raise Unauthenticated("OIDC sign-in is not configured on this gateway")
        if params.get("error"):
            raise Unauthenticated(f"the identity provider refused: {params['error'][:100]}")
        token, target, id_token = await page.door.run_blocking(
            _finish, page.services, request.cookies.get(PENDING_COOKIE), params.get("state"),
            params.get("code"))
    except REFUSALS as exc:
        page.door.refuse(None, exc, action="CONSOLE_SIGN_IN")
        response = page.render("error.html", status=exc.http_status, code=exc.code,
                               message=exc.message)
        response.delete_cookie(PENDING_COOKIE, path="/signin/oidc")
        return response
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/")
    response.delete_cookie(PENDING_COOKIE, path="/signin/oidc")
    # only the sign-out reads it: HttpOnly, sealed, sent to /signout alone
    response.set_cookie(ID_TOKEN_COOKIE, id_token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/signout")
    return response


def provider_logout_url(services, sealed: str | None) -> str | None:
    """RP-initiated logout: the provider's end_session_endpoint (from its discovery document)
    with the ID token as id_token_hint and the console's root as post_logout_redirect_uri
    (the redirect URL's origin + "/", to be registered at the provider); None when the
    person did not sign in through the provider, or it offers no logout or cannot be reached
    (the console's own session is ended either way)."""
    settings = services.settings
    if not sealed or not configured(settings):
        return None
    try:
        id_token = _sealer(services).decrypt(sealed.encode()).decode()
        endpoint = _provider(settings).current().get("end_session_endpoint")
    except (InvalidToken, ValueError, _http().httpx.HTTPError, KeyError):
        return None
    if not endpoint:
        return None
    parts = urlsplit(settings.oidc_redirect_url)
    query = urlencode({"id_token_hint": id_token, "client_id": settings.oidc_client_id,
                       "post_logout_redirect_uri": f"{parts.scheme}://{parts.netloc}/"})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
