"""The identity provider's signing keys: a JWKS document, from a file or fetched from a URL.

Only RSA signing keys are taken (tokens are RS256; a symmetric key in the set must never
verify anything). The URL's key set (`RemoteKeySet`) is fetched on first use and kept:
- refetched after DATAGATE_JWKS_MAX_AGE_SECONDS, so a key the provider withdrew stops
  verifying tokens (TokenService re-verifies cached tokens when the set changed);
- refetched when a token names a key the set does not hold (the provider rotated its key),
  at most once per DATAGATE_JWKS_REFRESH_SECONDS, so tokens with made-up key ids cannot make
  the gateway hammer the provider;
- kept when a fetch fails (logged without the URL's query or the document's content).
"""
from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import jwt

from gateway.settings import SettingsError

log = logging.getLogger("datagate.jwks")

MAX_DOCUMENT_BYTES = 1 << 20
FETCH_TIMEOUT_SECONDS = 5.0
# with no keys at all every token is refused: retry sooner than the usual refresh interval
EMPTY_RETRY_SECONDS = 10.0


class KeySetError(ValueError):
    """A JWKS document the gateway cannot use (the message quotes nothing of it)."""


class UnknownKey(jwt.InvalidTokenError):
    """The token names (or, without a kid, leaves ambiguous) a key the set does not hold."""


def signing_keys(document) -> dict[str | None, jwt.PyJWK]:
    """The RSA signing keys of a JWKS document, by kid. Raises KeySetError, which quotes
    nothing of the document (PyJWT's messages about a bad key would)."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise KeySetError("not a JWKS document (an object with a 'keys' list)")
    keys: dict[str | None, jwt.PyJWK] = {}
    for data in document["keys"]:
        if not isinstance(data, dict) or data.get("kty") != "RSA" or data.get("use", "sig") != "sig":
            continue
        if data.get("alg", "RS256") != "RS256":
            continue
        try:
            keys[data.get("kid")] = jwt.PyJWK(data, algorithm="RS256")
        except jwt.PyJWTError:
            continue  # an unusable key is skipped, as PyJWKSet does
    if not keys:
        raise KeySetError("the key set holds no RSA signing key")
    return keys


def pick(keys: dict[str | None, jwt.PyJWK], kid: str | None) -> jwt.PyJWK | None:
    """The key a token's kid names; without a kid, the set's only key."""
    if kid is None:
        return next(iter(keys.values())) if len(keys) == 1 else None
    return keys.get(kid)


def unknown_key(kid: str | None) -> UnknownKey:
    if kid is None:
        return UnknownKey("the token names no signing key (kid) and the identity provider has "
                          "several; get a token whose header names its key")
    # the kid is not quoted: it is the caller's text, and says nothing the caller lacks
    return UnknownKey("the token's signing key (its kid) is not one of the identity provider's "
                      "keys; get a new token from the identity provider")


class RemoteKeySet:
    """The key set served at a JWKS URL, cached as the module doc says (thread-safe)."""

    def __init__(self, url: str, refresh_seconds: float, max_age_seconds: float, *,
                 timeout: float = FETCH_TIMEOUT_SECONDS, monotonic=time.monotonic):
        if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
            raise SettingsError("DATAGATE_JWKS_URL must be an https:// (or http://) URL")
        self._url = url
        self._refresh_seconds = refresh_seconds
        self._max_age_seconds = max_age_seconds
        self._timeout = timeout
        self._now = monotonic
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._error: str | None = None
        self._lock = threading.Lock()
        # moves with every successful fetch: tokens verified under an older set are re-verified
        self.generation = 0

    def key_for(self, kid: str | None) -> jwt.PyJWK:
        """The key a token names, refetching the set (rate-limited) if it lacks it."""
        self.refresh_if_stale()
        key = pick(self._keys, kid)
        if key is None and self._refresh():
            key = pick(self._keys, kid)
        if key is None and not self._keys:
            raise UnknownKey("the gateway could not fetch the identity provider's keys to check "
                             "the token; try again later, and tell the operators if it persists")
        if key is None:
            raise unknown_key(kid)
        return key

    def refresh_if_stale(self) -> None:
        fetched = self._fetched_at
        if fetched is None or self._now() - fetched >= self._max_age_seconds:
            self._refresh()

    @property
    def holds_keys(self) -> bool:
        """Whether any token can be verified now (keys fetched at least once and kept)."""
        return bool(self._keys)

    def status(self) -> str:
        """"ok", or what is wrong with the key set, for /readyz (fetches it if it is due)."""
        self.refresh_if_stale()
        if self._error is None and self._keys:
            return "ok"
        held = (f"{len(self._keys)} keys kept from {self._now() - self._fetched_at:.0f} s ago"
                if self._keys else "no keys: every token is refused")
        return f"the identity provider's keys could not be fetched ({self._error}); {held}"

    def _refresh(self) -> bool:
        """Fetch the set unless a fetch was tried too recently; True if the keys changed."""
        with self._lock:
            now = self._now()
            interval = self._refresh_seconds if self._keys else min(self._refresh_seconds,
                                                                      EMPTY_RETRY_SECONDS)
            if self._attempted_at is not None and now - self._attempted_at < interval:
                return False
            self._attempted_at = now
            try:
                keys = signing_keys(self._fetch())
            except Exception as exc:  # noqa: BLE001 - any failure keeps the keys held
                self._error = _describe(exc)
                log.warning("the identity provider's keys could not be fetched from %s (%s); "
                            "keeping the %d keys held", _shown(self._url), self._error,
                            len(self._keys))
                return False
            self._keys, self._fetched_at, self._error = keys, now, None
            self.generation += 1
            return True

    def _fetch(self):
        request = urllib.request.Request(self._url, headers={"Accept": "application/json",
                                                              "User-Agent": "datagate"})
        with urllib.request.urlopen(request, timeout=self._timeout) as response:
            body = response.read(MAX_DOCUMENT_BYTES + 1)
        if len(body) > MAX_DOCUMENT_BYTES:
            raise KeySetError(f"the key set is larger than {MAX_DOCUMENT_BYTES} bytes")
        return json.loads(body)


def _describe(exc: Exception) -> str:
    """What went wrong, without echoing a response, a document or a URL's query."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP status {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return f"not reachable: {type(exc.reason).__name__}"
    if isinstance(exc, KeySetError):
        return str(exc)
    if isinstance(exc, ValueError):
        return "the answer is not a JSON document"
    return type(exc).__name__


def _shown(url: str) -> str:
    """The URL as logged: no user, password, query or fragment."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))
