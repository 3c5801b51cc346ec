"""Sessions of the web console, kept in the store (gateway.store.console_models).

The browser's cookie holds a random token and nothing else; the store keeps its SHA-256 with
the principal, a CSRF token and the session's end. Signing out ends the row, so the same
cookie replayed afterwards names no live session: a signed client-side cookie could not be
withdrawn that way. Sign-in and sign-out are audited.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.access.principals import Caller, load_caller
from gateway.audit import record_for
from gateway.store.console_models import ConsoleSession

if TYPE_CHECKING:
    from gateway.services import Services

SESSION_HOURS = 8  # a working day; then the person signs in again


@dataclasses.dataclass(frozen=True)
class LiveSession:
    principal: str
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(services: Services, principal: str, how: str) -> tuple[str, Caller]:
    """A new session of `principal` (known and active, else Unauthenticated): the cookie's
    token to hand the browser, and the caller. `how` says how they signed in (audited)."""
    now = services.clock.now()
    with services.store() as session, session.begin():
        caller = load_caller(session, principal)
        # sessions ended or expired a day ago are worth nothing to keep: swept at each sign-in
        session.execute(sa.delete(ConsoleSession).where(
            ConsoleSession.expires_at < now - dt.timedelta(days=1)))
        token = secrets.token_urlsafe(32)
        session.add(ConsoleSession(token_digest=_digest(token), principal=principal,
                                   csrf_token=secrets.token_urlsafe(32), created_at=now,
                                   expires_at=now + dt.timedelta(hours=SESSION_HOURS)))
    services.audit.append(record_for(caller, "ALLOWED", action="CONSOLE_SIGN_IN", detail=how))
    return token, caller


def live_session(services: Services, token: str | None) -> LiveSession | None:
    """The session a cookie's token names, if it is neither ended nor expired."""
    if not token or len(token) > 200:
        return None
    with services.store() as session:
        row = session.get(ConsoleSession, _digest(token))
    if row is None or row.ended_at is not None or row.expires_at <= services.clock.now():
        return None
    return LiveSession(principal=row.principal, csrf_token=row.csrf_token)


def csrf_matches(live: LiveSession, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(live.csrf_token.encode(), sent.encode())


def end_session(services: Services, token: str, caller: Caller | None) -> None:
    """Sign out: the session ends in the store; its cookie is worth nothing after."""
    now = services.clock.now()
    with services.store() as session, session.begin():
        session.execute(sa.update(ConsoleSession)
                        .where(ConsoleSession.token_digest == _digest(token),
                               ConsoleSession.ended_at.is_(None))
                        .values(ended_at=now))
    services.audit.append(record_for(caller, "ALLOWED", action="CONSOLE_SIGN_OUT"))
