"""The app factory: the gateway's services, and the Starlette app that serves them."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import anyio

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, get_route_path

from gateway.access.caller_cache import AccessCache, CallerAccess
from gateway.access.generation import GenerationReader, restore_triggers, triggers_present
from gateway.audit import AuditLog
from gateway.access.tokens import TokenService, bearer_token
from gateway.catalog.datasets import CatalogSnapshot, catalog_generation, load_snapshot
from gateway.catalog.disclosure import defaults_from
from gateway.clock import Clock
from gateway.access.compare_limits import CompareLimits
from gateway.web.graphiql import graphiql_assets_mount
from gateway.web.graphql_http import graphql_endpoint
from gateway.access.grants import load_grants
from gateway.web.gc_tuning import tune_collector
from gateway.web.open_data_routes import open_data_routes
from gateway.access.principals import ANONYMOUS, load_caller
from gateway.catalog.readiness import OK, CatalogCheck
from gateway.web.sandbox_routes import sandbox_routes
from gateway.settings import Settings, stored_secret
from gateway.sources.registry import SourceRegistry
from gateway.store.db import make_engine, migrate, session_factory
from gateway.workdays import WorkingCalendar
from resolvers.context import RequestContext
from resolvers.schema_builder import SchemaCache

log = logging.getLogger("datagate")


class Gateway:
    """Everything a request needs, built once per process from the settings."""

    def __init__(self, settings: Settings, *, run_migrations: bool = True):
        self.settings = settings
        self.clock = Clock(settings.clock)
        self.engine = make_engine(settings.store_url, echo=settings.sql_echo)
        if run_migrations:
            migrate(self.engine)
            if restore_triggers(self.engine):
                log.warning("the store's access-generation triggers were missing and are "
                            "re-created; cached callers and grants of every process are renewed")
        self.sessions = session_factory(self.engine)
        self.sources = SourceRegistry(self.sessions, echo=settings.sql_echo)
        self.catalog_check = CatalogCheck(self.sources, settings.readiness_cache_seconds)
        self.tokens = TokenService(settings)
        self.audit = AuditLog(self.engine, self.clock)
        self.calendar = WorkingCalendar(settings.holidays_file)
        self.schemas = SchemaCache(settings)
        self.compare_limits = CompareLimits(
            settings, self.sessions, self.clock,
            settings.hash_secret or stored_secret(settings.data_dir, "hash-secret"))
        self._catalog = CatalogSnapshot(generation=-1, datasets={})
        self._catalog_lock = threading.Lock()
        self.access = AccessCache()
        self._anonymous = CallerAccess(ANONYMOUS, [])
        self._workers: ThreadPoolExecutor | None = None  # made on first use
        self.generations = GenerationReader(settings.store_url, settings.worker_threads)
        with self.engine.connect() as conn:
            self.access_cached = triggers_present(conn)
        if not self.access_cached:
            log.warning("the store has no access-generation triggers (migration 0008); callers "
                        "and grants are read from the store on every request")

    def catalog(self, session, generation: int | None = None) -> CatalogSnapshot:
        """The published catalog, reloaded when any process changed it."""
        if generation is None:
            generation = catalog_generation(session)
        if generation != self._catalog.generation:
            with self._catalog_lock:
                if generation != self._catalog.generation:
                    self._catalog = load_snapshot(session, self.settings.min_group_size,
                                                  defaults_from(self.settings))
                    self.sources.invalidate()
        return self._catalog

    def context_for(self, authorization: str | None) -> RequestContext:
        """The caller, its grants and the catalog: one read of two counters when cached."""
        now = self.clock.now()
        token = bearer_token(authorization)
        principal = self.tokens.verify(token, now) if token is not None else None
        catalog_generation, access_generation = self.generations.read()
        access = self._anonymous if principal is None else None
        cached = self.access_cached and access_generation is not None
        if principal is not None and cached:
            access = self.access.get(principal, access_generation)
        if access is None or catalog_generation != self._catalog.generation:
            with self.sessions() as session:
                self.catalog(session, catalog_generation)  # reloads it if it moved
                if access is None:
                    caller = load_caller(session, principal)
                    access = CallerAccess(caller, load_grants(session, caller))
                    if cached:
                        self.access.put(principal, access_generation, access)
        catalog = self._catalog
        profile, view = access.profile_for(catalog, now)
        return RequestContext(gateway=self, caller=access.caller, grants=access.grants,
                              catalog=catalog, now=now, profile=profile, view=view)

    def execute(self, query, variables, operation_name, authorization, allowed_operations,
                defer_audit: bool = False):
        """Run one GraphQL request for its caller (called in a worker thread).

        With ``defer_audit`` the request's audit records are left in ``ctx.deferred_audit``
        for the caller to commit before the answer leaves (gateway.web.graphql_http awaits
        AuditLog.committed); if the request fails past them, they are committed here."""
        ctx = self.context_for(authorization)
        ctx.variables = variables
        if defer_audit:
            ctx.deferred_audit = []
        schema = self.schemas.get(ctx.catalog, ctx.profile, ctx.view)
        try:
            result = schema.run(query, variables, ctx, operation_name, allowed_operations)
        except BaseException:
            if ctx.deferred_audit:
                self.audit.append_all(ctx.deferred_audit)
            raise
        if ctx.deferred_audit:
            try:
                if self.audit.write_if_idle(ctx.deferred_audit):
                    ctx.deferred_audit = []  # committed here
            except Exception:  # noqa: BLE001 - left to the caller, which retries them once
                log.warning("audit records not committed on the request's thread", exc_info=True)
        return result, ctx

    async def run_blocking(self, fn, *args):
        """Run blocking request work on the gateway's worker threads, through the running
        loop's executor: what Starlette's anyio.to_thread does, without its per-call
        bookkeeping (capacity limiter, cancel scope, backend lookups), which cost the event
        loop about a tenth of a lookup's CPU."""
        workers = self._workers
        if workers is None:  # closed by an app's shutdown, and served again (tests do)
            with self._catalog_lock:
                workers = self._workers = self._workers or ThreadPoolExecutor(
                    self.settings.worker_threads, thread_name_prefix="datagate")
        return await asyncio.get_running_loop().run_in_executor(workers, fn, *args)

    def readiness(self) -> dict:
        report: dict = {"store": "ok", "sources": {}, "datasets": {}, "warnings": []}
        try:
            with self.sessions() as session:
                session.execute(sa.text("SELECT 1"))
                catalog = self.catalog(session)
        except Exception as exc:  # noqa: BLE001 - reported to the operator
            report["store"] = f"unreachable: {type(exc).__name__}"
            return report
        report["sources"] = self.sources.check()
        reachable = {code for code, state in report["sources"].items() if state == OK}
        report["datasets"] = self.catalog_check.report(catalog, reachable)
        year = self.clock.today().year
        report["warnings"] = self.calendar.check_years(year, year + 1)
        if not self.access_cached:
            report["warnings"].append(
                "the store has no access-generation triggers (migration 0008): callers and "
                "grants are read on every request, which is slower; run `datagate migrate`")
        return report

    _sandbox = None
    _sandbox_lock = threading.Lock()

    @property
    def sandbox(self):
        """The SQL sandbox (gateway.sandbox_service), made on first use: one per Gateway."""
        if self._sandbox is None:
            with self._sandbox_lock:
                if self._sandbox is None:
                    from gateway.sandbox_service import SandboxService
                    self._sandbox = SandboxService(self)
        return self._sandbox

    def close(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close_all()
        self.sources.invalidate()
        self.generations.close()
        self.audit.close()
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.shutdown(wait=False)
        self.engine.dispose()


async def routing_refusal(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's own refusals (no route, a method the route does not take) in the JSON
    error shape of the gateway's other routes, not as plain text."""
    if exc.status_code == 404:
        body = {"code": "NOT_FOUND", "message": f"nothing is served at {request.url.path}; the "
                "README and api.md list the gateway's routes"}
    elif exc.status_code == 405:
        body = {"code": "BAD_REQUEST", "message": f"{request.method} is not taken here; use "
                f"{(exc.headers or {}).get('Allow', 'another method')}"}
    else:
        body = {"code": "BAD_REQUEST", "message": exc.detail}
    return JSONResponse({"error": body}, status_code=exc.status_code, headers=exc.headers)


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    report = await anyio.to_thread.run_sync(request.app.state.gateway.readiness)
    ready = report["store"] == OK and all(
        state == OK for state in (*report["sources"].values(), *report["datasets"].values()))
    report["status"] = "ready" if ready else "not ready"
    return JSONResponse(report, status_code=200 if ready else 503)


def _lifespan(gateway: Gateway):
    @contextlib.asynccontextmanager
    async def lifespan(app):
        tune_collector()
        yield
        gateway.close()

    return lifespan


class GatewayApp(Starlette):
    """The gateway's ASGI app. Requests to /graphql, nearly all of its traffic, go straight
    to their endpoint; Starlette's router and middleware layers cost about a twentieth of a
    lookup's CPU and add nothing there (the endpoint answers every error itself). What it
    raises unexpectedly is logged and answered 500 with the GraphQL error shape."""

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or get_route_path(scope) != "/graphql":
            await super().__call__(scope, receive, send)
            return
        scope["app"] = self
        started = False

        async def sending(message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await graphql_endpoint(scope, receive, sending)
        except Exception:
            log.exception("unexpected error answering /graphql")
            if started:
                raise
            await JSONResponse({"errors": [{"message": "internal error", "extensions": {
                "code": "INTERNAL"}}]}, status_code=500)(scope, receive, send)


def create_app(settings: Settings, gateway: Gateway | None = None) -> Starlette:
    gateway = gateway or Gateway(settings)
    app = GatewayApp(routes=[
        Route("/graphql", graphql_endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        *open_data_routes(),
        *sandbox_routes(),
        graphiql_assets_mount(),
    ], lifespan=_lifespan(gateway), exception_handlers={HTTPException: routing_refusal})
    app.state.gateway = gateway
    return app
