"""Bearer tokens (PyJWT).

- Development and demo: HS256 with a secret from DATAGATE_JWT_SECRET, or one generated once
  into the data directory; `datagate token NAME` mints tokens.
- Production: RS256 tokens from the city's identity provider, verified with the keys served
  at its JWKS URL (DATAGATE_JWKS_URL: cached and rotated, gateway.access.jwks), a JWKS file
  (DATAGATE_JWKS_FILE) or a PEM public key (DATAGATE_JWT_PUBLIC_KEY_FILE); the gateway mints
  none while any of them is configured.
Issuer and audience are checked; exp, nbf and iat against the gateway's clock with
DATAGATE_JWT_LEEWAY_SECONDS of skew. Which claims name the principal, its department and its
roles is configured (docs/identity.md); roles and department are otherwise the store's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections import OrderedDict

import jwt

from gateway.access.jwks import RemoteKeySet, pick, signing_keys, unknown_key
from gateway.errors import Unauthenticated
from gateway.settings import Settings, stored_secret
from gateway.store.models import Department, Principal
from gateway.store.text_limits import text_lengths

VERIFIED_CACHE = 10_000
MAX_NAME_CHARS = text_lengths(Principal)["name"]
MAX_DEPARTMENT_CHARS = Department.__table__.c.code.type.length
# PyJWT checks the times against the machine's clock; they are checked here against the
# gateway's (which tests and demos freeze), on every use of a cached token too
_SIGNATURE_ONLY = {"verify_exp": False, "verify_nbf": False, "verify_iat": False}


@dataclasses.dataclass(frozen=True)
class VerifiedToken:
    """What a token whose signature, issuer and audience were checked says of its caller."""
    principal: str
    expires: float  # exp, in seconds since the epoch
    not_before: float | None = None  # the later of nbf and iat
    department: str | None = None  # the department claim's code (read for provisioning)
    roles: frozenset[str] | None = None  # the roles claim's; None when none is configured
    client: bool = False  # a client-credentials token: an app's own, no person's


class TokenService:
    def __init__(self, settings: Settings):
        self._settings = settings
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._leeway = settings.jwt_leeway_seconds
        self._remote: RemoteKeySet | None = None
        self._file_keys: dict | None = None
        self._public_key = None
        if settings.jwks_url:
            self._remote = RemoteKeySet(settings.jwks_url, settings.jwks_refresh_seconds,
                                        settings.jwks_max_age_seconds)
        elif settings.jwks_file:
            self._file_keys = signing_keys(json.loads(settings.jwks_file.read_text()))
        elif settings.jwt_public_key_file:
            self._public_key = settings.jwt_public_key_file.read_bytes()
        self._secret = None if self.production else _dev_secret(settings)
        # token -> (what it says, the key set's generation it was verified under)
        self._verified: OrderedDict[str, tuple[VerifiedToken, int]] = OrderedDict()
        self._verified_lock = threading.Lock()

    @property
    def production(self) -> bool:
        """Tokens come from the identity provider (some production key source is configured)."""
        return any(s is not None for s in (self._remote, self._file_keys, self._public_key))

    def issue(self, principal: str, now: dt.datetime, ttl_hours: int | None = None) -> str:
        if self.production:
            raise RuntimeError("tokens come from the identity provider when DATAGATE_JWKS_URL, "
                               "DATAGATE_JWKS_FILE or DATAGATE_JWT_PUBLIC_KEY_FILE is configured")
        ttl = dt.timedelta(hours=ttl_hours or self._settings.token_ttl_hours)
        claims = {"sub": principal, "iss": self._issuer, "aud": self._audience,
                  "iat": int(now.timestamp()), "exp": int((now + ttl).timestamp())}
        if "." not in self._settings.jwt_principal_claim:
            claims[self._settings.jwt_principal_claim] = principal
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def key_set_status(self) -> str | None:
        """For /readyz: "ok" or what is wrong with the JWKS URL's keys; None without one."""
        return None if self._remote is None else self._remote.status()

    @property
    def can_verify(self) -> bool:
        """False only while a JWKS URL is set and none of its keys could ever be fetched."""
        return self._remote is None or self._remote.holds_keys

    def verify(self, token: str, now: dt.datetime) -> VerifiedToken:
        """What a valid token says; Unauthenticated with the reason otherwise.

        A token's signature, issuer and audience cannot change, so a token verified once is
        remembered (up to VERIFIED_CACHE tokens) until the JWKS URL's key set changes (a key
        withdrawn there stops its tokens); its times are checked on every call.
        """
        generation = 0
        if self._remote is not None:
            self._remote.refresh_if_stale()
            generation = self._remote.generation
        with self._verified_lock:
            known = self._verified.get(token)
        if known is None or known[1] != generation:
            known = (self._verify_signed(token), generation)
            with self._verified_lock:
                self._verified[token] = known
                if len(self._verified) > VERIFIED_CACHE:
                    self._verified.popitem(last=False)
        verified = known[0]
        instant = now.timestamp()
        if verified.expires + self._leeway <= instant:
            raise Unauthenticated("the bearer token has expired; get a new one")
        if verified.not_before is not None and verified.not_before - self._leeway > instant:
            raise Unauthenticated(
                f"the bearer token is not valid yet (its nbf or iat is more than {self._leeway} "
                "seconds after the gateway's clock); check the identity provider's clock")
        return verified

    def _verify_signed(self, token: str) -> VerifiedToken:
        try:
            key, algorithms = self._key_for(token)
            claims = jwt.decode(token, key, algorithms=algorithms, audience=self._audience,
                                issuer=self._issuer, options=_SIGNATURE_ONLY)
        except jwt.InvalidIssuerError:
            raise Unauthenticated(f"the bearer token was not issued by the identity provider "
                                  f"this gateway trusts (issuer {self._issuer!r}); get a token "
                                  "from it") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated(f"the bearer token is not meant for this gateway (audience "
                                  f"{self._audience!r}); ask the identity provider for a token "
                                  "with that audience") from None
        except jwt.InvalidTokenError as exc:
            # PyJWT's and gateway.access.jwks' messages quote nothing of the token or the keys
            raise Unauthenticated(f"the bearer token is not valid here: {exc}") from None
        settings = self._settings
        principal = _claim(claims, settings.jwt_principal_claim)
        if not isinstance(principal, str) or not principal or len(principal) > MAX_NAME_CHARS \
                or not principal.isprintable():
            raise Unauthenticated(
                f"the bearer token's {settings.jwt_principal_claim} claim is not a principal "
                f"name (printable text of at most {MAX_NAME_CHARS} characters)")
        return VerifiedToken(
            principal=principal, expires=_time(claims, "exp", required=True),
            not_before=max((t for t in (_time(claims, "nbf"), _time(claims, "iat"))
                            if t is not None), default=None),
            department=_department(_claim(claims, settings.jwt_department_claim)),
            roles=_roles(claims, settings.jwt_roles_claim),
            client=_client_credentials(claims, principal))

    def _key_for(self, token: str):
        if self._remote is not None or self._file_keys is not None:
            kid = jwt.get_unverified_header(token).get("kid")
            if kid is not None and not isinstance(kid, str):
                raise jwt.InvalidTokenError("the token's kid header is not text")
            if self._remote is not None:
                return self._remote.key_for(kid).key, ["RS256"]
            key = pick(self._file_keys, kid)
            if key is None:
                raise unknown_key(kid)
            return key.key, ["RS256"]
        if self._public_key is not None:
            return self._public_key, ["RS256"]
        return self._secret, ["HS256"]


def _claim(claims: dict, name: str | None):
    """A claim's value; a dotted name reaches into objects (Keycloak's realm_access.roles)."""
    if name is None:
        return None
    if name in claims:
        return claims[name]
    value = claims
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _time(claims: dict, name: str, required: bool = False) -> float | None:
    value = claims.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unauthenticated(f"the bearer token's {name} claim is missing or not a number; "
                              "get a token from the identity provider")
    return float(value)


def _department(value) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= MAX_DEPARTMENT_CHARS and value.isprintable():
        return value
    return None


def _roles(claims: dict, name: str | None) -> frozenset[str] | None:
    """The roles the token allows: None when no roles claim is configured, none when the
    token has no such claim (the claim can only take roles away: absent takes them all)."""
    if name is None:
        return None
    value = _claim(claims, name)
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    raise Unauthenticated(f"the bearer token's {name} claim is neither a list of role names nor "
                          "role names separated by spaces; ask the identity provider's "
                          "administrator to fix its mapping")


def _client_credentials(claims: dict, principal: str) -> bool:
    """A token an app got for itself by client credentials: its subject is the client
    (RFC 9068: sub equals client_id; azp the same for OIDC providers), or the provider
    says so (Auth0's gty, Microsoft Entra's idtyp)."""
    clients = {claims.get("client_id"), claims.get("azp")} - {None}
    return bool(clients & {claims.get("sub"), principal}) \
        or claims.get("gty") == "client-credentials" or claims.get("idtyp") == "app"


def _dev_secret(settings: Settings) -> str:
    return settings.jwt_secret or stored_secret(settings.data_dir, "jwt-secret")


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("send the token as 'Authorization: Bearer <token>'")
    return token.strip()
