"""The one front door: every way into the gateway comes through here.

GraphQL (graphql_http.py), the sandbox routes and the open-data routes, and any door added
later, each
- resolve the caller from the request's bearer token (`access`, `caller`): the principal,
  its department and roles and its grants, cached per process behind the store's access
  generation; a bad token is refused and audited at every door alike; an unknown principal
  is provisioned if the operator turned that on (gateway.access.provisioning), and a token's
  roles claim only limits the roles held (`_within_token_roles`);
- run blocking work off the event loop on the gateway's worker threads (`run_blocking`);
- audit their refusals once, through gateway.audit.audit_refusal (`refuse`), and faults
  under one reference scheme (gateway.errors.fault_reference);
- shape errors for their protocol: GraphQL errors (resolvers/errors.py) or the JSON problem
  `{"error": {"code", "message", ...}}` of the other routes (`problem`, `fault_problem`).
"""
from __future__ import annotations

import dataclasses
import logging
import threading

from starlette.responses import JSONResponse

from gateway.access.caller_cache import CallerAccess
from gateway.access.grants import load_grants
from gateway.access.principals import ANONYMOUS, Caller
from gateway.access.provisioning import caller_for
from gateway.access.tokens import VerifiedToken, bearer_token
from gateway.audit import audit_refusal
from gateway.catalog.datasets import CatalogSnapshot
from gateway.errors import Refusal, Unauthenticated, fault_reference
from gateway.services import Services
from gateway.web.worker_threads import WorkerThreads

log = logging.getLogger("datagate.door")


class Door:
    """The door of one gateway process over its services."""

    def __init__(self, services: Services):
        self.services = services
        self._anonymous = CallerAccess(ANONYMOUS, [])
        self._workers: WorkerThreads | None = None  # made on first use
        self._workers_lock = threading.Lock()

    def access(self, authorization: str | None,
               **refused_as) -> tuple[CallerAccess, CatalogSnapshot]:
        """The caller with its grants, and the catalog: one read of two counters when cached.
        A bad token (or one of an unknown or disabled principal) is refused with
        Unauthenticated, audited with `refused_as` (its action, mode, dataset)."""
        try:
            with self.services.tracing.auth() as span:
                found = self._access(authorization)
                span.set_attribute("datagate.principal", found[0].caller.principal or "")
                return found
        except Unauthenticated as exc:
            self.refuse(None, exc, **refused_as)
            raise

    def _access(self, authorization: str | None) -> tuple[CallerAccess, CatalogSnapshot]:
        services = self.services
        now = services.clock.now()
        token = bearer_token(authorization)
        verified = services.tokens.verify(token, now) if token is not None else None
        return self._resolve(verified)

    def session_access(self, principal: str,
                       **refused_as) -> tuple[CallerAccess, CatalogSnapshot]:
        """The caller of a web console session (gateway.web.console): the principal its
        store row names, resolved as a token naming it would be, with the store's roles.
        A principal deactivated since sign-in is refused and audited like a bad token."""
        try:
            return self._resolve(VerifiedToken(principal=principal, expires=float("inf")))
        except Unauthenticated as exc:
            self.refuse(None, exc, **refused_as)
            raise

    def _resolve(self, verified: VerifiedToken | None) -> tuple[CallerAccess, CatalogSnapshot]:
        services = self.services
        principal = None if verified is None else verified.principal
        catalog_generation, access_generation = services.generations.read()
        found = self._anonymous if principal is None else None
        cached = services.access_cached and access_generation is not None
        if principal is not None and cached:
            found = services.callers.get(principal, access_generation)
        if found is None or catalog_generation != services.published.generation:
            with services.store() as session:
                services.catalog(session, catalog_generation)  # reloads it if it moved
                if found is None:
                    caller = caller_for(services, session, verified)  # provisioned if due
                    found = CallerAccess(caller, load_grants(session, caller))
                    if cached:
                        services.callers.put(principal, access_generation, found)
        return _within_token_roles(found, verified), services.published

    def caller(self, authorization: str | None, **refused_as) -> Caller:
        """The caller of a request to a JSON door (a bad token refused as `access` says)."""
        return self.access(authorization, **refused_as)[0].caller

    def refuse(self, caller: Caller | None, exc: Refusal, **where) -> None:
        audit_refusal(self.services.audit.append, caller, exc, **where)

    async def run_blocking(self, fn, *args):
        """Run blocking request work on the gateway's worker threads (gateway.web.worker_threads),
        in a copy of the request's context: its log notes (gateway.web.request_logging)."""
        workers = self._workers
        if workers is None:  # closed by an app's shutdown, and served again (tests do)
            with self._workers_lock:
                workers = self._workers = self._workers or WorkerThreads(
                    self.services.settings.worker_threads, "datagate")
        return await workers.run(fn, *args)

    def close(self) -> None:
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.close()


def _within_token_roles(found: CallerAccess, token: VerifiedToken | None) -> CallerAccess:
    """The caller with only those of its roles the token's roles claim also names: the
    identity provider may withdraw a role at once, never grant one (§42). The cached entry
    stays the store's, so one token's roles never reach another token's request."""
    if token is None or token.roles is None or found.caller.roles <= token.roles:
        return found
    caller = dataclasses.replace(found.caller, roles=found.caller.roles & token.roles)
    # grants and the visible profile do not depend on roles: shared with the cached entry
    return CallerAccess(caller, found.grants, found.known)


def problem(exc: Refusal) -> JSONResponse:
    """A refusal as the JSON doors answer it: its code's status, code, message, extensions."""
    headers = {}
    if exc.http_status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if "retryAfter" in exc.extensions:
        headers["Retry-After"] = str(exc.extensions["retryAfter"])
    body = {"error": {"code": exc.code, "message": exc.message,
                      **{k: v for k, v in exc.extensions.items() if k != "code"}}}
    return JSONResponse(body, status_code=exc.http_status, headers=headers)


def fault_problem(exc: BaseException, what: str, message: str = "the gateway failed to answer") -> JSONResponse:
    """A fault as the JSON doors answer it: 500 INTERNAL with the reference found in the log."""
    reference = fault_reference(exc, log, what)
    return JSONResponse({"error": {"code": "INTERNAL", "reference": reference,
                                   "message": f"{message}; tell the operators reference {reference}"}},
                        status_code=500)
