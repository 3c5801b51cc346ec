"""The app factory: the Starlette app over one process's services (gateway.services)."""
from __future__ import annotations

import contextlib
import logging

import anyio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.catalog.readiness import OK
from gateway.errors import fault_reference
from gateway.services import Services
from gateway.settings import Settings
from gateway.web.console.routes import console_routes
from gateway.web.door import Door
from gateway.gc_tuning import tune_collector
from gateway.web.graphiql import graphiql_assets_mount
from gateway.web.graphql_http import graphql_endpoint, is_graphql
from gateway.web.http_layers import outer_layers
from gateway.web.metrics import GatewayMetrics, metrics_endpoint
from gateway.web.open_data_routes import open_data_routes
from gateway.web.sandbox_routes import sandbox_routes
from resolvers.context import RequestContext
from resolvers.schema_builder import SchemaCache

log = logging.getLogger("datagate")


def _sandbox_service(services: Services):
    """The process's sandbox service, made when a session is first asked for: DuckDB and
    Arrow stay unloaded in a worker that serves none."""
    from gateway.sandbox_service.service import SandboxService

    return SandboxService(services)


class Gateway:
    """The web side of one gateway process: its services, its door, and the GraphQL schemas
    built from the catalog per caller view."""

    def __init__(self, settings: Settings, *, run_migrations: bool = True,
                 services: Services | None = None):
        self.settings = settings
        self.services = services or Services(settings, run_migrations=run_migrations,
                                             sandbox=_sandbox_service)
        self.door = Door(self.services)
        self.schemas = SchemaCache(settings)
        self.metrics = GatewayMetrics(self.services)

    def context_for(self, authorization: str | None) -> RequestContext:
        """The GraphQL context of a request: its caller's access through the door."""
        access, catalog = self.door.access(authorization)
        now = self.services.clock.now()
        profile, view = access.profile_for(catalog, now)
        return RequestContext(services=self.services, caller=access.caller, grants=access.grants,
                              catalog=catalog, now=now, profile=profile, view=view)

    def execute(self, query, variables, operation_name, authorization, allowed_operations,
                defer_audit: bool = False):
        """Run one GraphQL request for its caller (called in a worker thread).

        With ``defer_audit`` the request's audit records are left in ``ctx.deferred_audit``
        for the caller to commit before the answer leaves (gateway.web.graphql_http awaits
        AuditLog.committed); if the request fails past them, they are committed here."""
        audit = self.services.audit
        ctx = self.context_for(authorization)  # a bad token is refused and audited there
        ctx.variables = variables
        if defer_audit:
            ctx.deferred_audit = []
        schema = self.schemas.get(ctx.catalog, ctx.profile, ctx.view)
        try:
            result = schema.execute_document(query, variables, ctx, operation_name,
                                             allowed_operations)
        except BaseException:
            if ctx.deferred_audit:
                audit.append_all(ctx.deferred_audit)
            raise
        if ctx.deferred_audit:
            try:
                if audit.write_if_idle(ctx.deferred_audit):
                    ctx.deferred_audit = []  # committed here
            except Exception:  # noqa: BLE001 - left to the caller, which retries them once
                log.warning("audit records not committed on the request's thread", exc_info=True)
        return result, ctx

    def close(self) -> None:
        self.services.close()
        self.door.close()


async def routing_refusal(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's own refusals (no route, a method the route does not take) in the JSON
    error shape of the gateway's other routes, not as plain text."""
    if exc.status_code == 404:
        body = {"code": "NOT_FOUND",
                "message": f"nothing is served at {request.url.path}; docs/api.md, "
                           "docs/open-data.md and docs/sandbox.md list the gateway's routes"}
    elif exc.status_code == 405:
        body = {"code": "BAD_REQUEST", "message": f"{request.method} is not taken here; use "
                f"{(exc.headers or {}).get('Allow', 'another method')}"}
    else:
        body = {"code": "BAD_REQUEST", "message": exc.detail}
    return JSONResponse({"error": body}, status_code=exc.status_code, headers=exc.headers)


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    report = await anyio.to_thread.run_sync(request.app.state.gateway.services.readiness)
    # a provider that is down while its keys are held is a warning (tokens still verify);
    # one whose keys were never fetched refuses every token, so the process is not ready
    ready = report["store"] == OK and request.app.state.gateway.services.tokens.can_verify and all(
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
    to their endpoint; Starlette's router and middleware layers would cost CPU and add nothing
    there (the endpoint answers every error itself). What it
    raises unexpectedly is logged and answered 500 with the GraphQL error shape. The layers
    of gateway.web.http_layers (request id, metrics, CORS, gzip) wrap both ways."""

    layers = None  # set by create_app: outer_layers around _dispatch

    async def __call__(self, scope, receive, send) -> None:
        await (self.layers or self._dispatch)(scope, receive, send)

    async def _dispatch(self, scope, receive, send) -> None:
        if not is_graphql(scope):
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
        except Exception as exc:
            reference = fault_reference(exc, log, "unexpected error answering /graphql")
            if started:
                raise
            await JSONResponse({"errors": [{"message": "internal error", "extensions": {
                "code": "INTERNAL", "reference": reference}}]}, status_code=500)(scope, receive, send)


def create_app(settings: Settings, gateway: Gateway | None = None) -> Starlette:
    gateway = gateway or Gateway(settings)
    app = GatewayApp(routes=[
        Route("/graphql", graphql_endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
        *open_data_routes(),
        *sandbox_routes(),
        graphiql_assets_mount(),
        *console_routes(),
    ], lifespan=_lifespan(gateway), exception_handlers={HTTPException: routing_refusal})
    app.state.gateway = gateway
    app.layers = outer_layers(app._dispatch, settings, gateway.metrics)
    return app
