"""Bearer tokens (PyJWT).

- Development and demo: HS256 with a secret from DATAGATE_JWT_SECRET, or one generated once
  into the data directory; `datagate token NAME` mints tokens.
- Production: RS256 tokens from the city's identity provider, verified with a PEM public key
  (DATAGATE_JWT_PUBLIC_KEY_FILE) or a JWKS file (DATAGATE_JWKS_FILE); the gateway mints none.
The token's ``sub`` is the principal's name; its roles and department come from the store.
"""
from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict

import jwt

from gateway.errors import Unauthenticated
from gateway.settings import Settings, stored_secret
from gateway.store.models import Principal
from gateway.store.text_limits import text_lengths

VERIFIED_CACHE = 10_000
MAX_NAME_CHARS = text_lengths(Principal)["name"]


class TokenService:
    def __init__(self, settings: Settings):
        self._settings = settings
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._jwks: jwt.PyJWKSet | None = None
        self._public_key = None
        if settings.jwks_file:
            self._jwks = jwt.PyJWKSet.from_dict(json.loads(settings.jwks_file.read_text()))
        elif settings.jwt_public_key_file:
            self._public_key = settings.jwt_public_key_file.read_bytes()
        self._secret = None if self.production else _dev_secret(settings)
        # token -> (subject, exp) of tokens whose signature and claims were verified once
        self._verified: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._verified_lock = threading.Lock()

    @property
    def production(self) -> bool:
        return self._jwks is not None or self._public_key is not None

    def issue(self, principal: str, now: dt.datetime, ttl_hours: int | None = None) -> str:
        if self.production:
            raise RuntimeError("tokens come from the identity provider when RS256 is configured")
        ttl = dt.timedelta(hours=ttl_hours or self._settings.token_ttl_hours)
        claims = {"sub": principal, "iss": self._issuer, "aud": self._audience,
                  "iat": int(now.timestamp()), "exp": int((now + ttl).timestamp())}
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def verify(self, token: str, now: dt.datetime) -> str:
        """The principal a valid token names; Unauthenticated with the reason otherwise.

        A token's signature, issuer and audience cannot change, so a token verified once is
        remembered (up to VERIFIED_CACHE tokens); its expiry is checked on every call.
        """
        with self._verified_lock:
            known = self._verified.get(token)
        if known is None:
            known = self._verify_signed(token)
            with self._verified_lock:
                self._verified[token] = known
                if len(self._verified) > VERIFIED_CACHE:
                    self._verified.popitem(last=False)
        subject, expires = known
        if expires <= now.timestamp():
            raise Unauthenticated("the bearer token has expired; get a new one")
        return subject

    def _verify_signed(self, token: str) -> tuple[str, float]:
        options = {"require": ["sub", "exp"]}
        try:
            key, algorithms = self._key_for(token)
            claims = jwt.decode(token, key, algorithms=algorithms, audience=self._audience,
                                issuer=self._issuer, options={**options, "verify_exp": False})
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"the bearer token is not valid here: {exc}") from None
        try:
            expires = float(claims["exp"])
        except (TypeError, ValueError):
            raise Unauthenticated("the bearer token's exp claim is not a number") from None
        subject = claims["sub"]
        if not isinstance(subject, str) or not subject or len(subject) > MAX_NAME_CHARS \
                or not subject.isprintable():
            raise Unauthenticated("the bearer token's sub claim is not a principal name "
                                  f"(printable text of at most {MAX_NAME_CHARS} characters)")
        return subject, expires

    def _key_for(self, token: str):
        if self._jwks is not None:
            kid = jwt.get_unverified_header(token).get("kid")
            for key in self._jwks.keys:
                if kid is None or key.key_id == kid:
                    return key.key, ["RS256"]
            raise jwt.InvalidTokenError(f"no key with kid {kid!r} in the JWKS file")
        if self._public_key is not None:
            return self._public_key, ["RS256"]
        return self._secret, ["HS256"]


def _dev_secret(settings: Settings) -> str:
    return settings.jwt_secret or stored_secret(settings.data_dir, "jwt-secret")


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("send the token as 'Authorization: Bearer <token>'")
    return token.strip()
