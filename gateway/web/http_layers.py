"""The layers every HTTP request passes, /graphql included (GatewayApp sends /graphql around
Starlette's router and its middleware, so these wrap the whole app instead):

1. `Observed`: the request's id (``X-Request-ID``, gateway.web.request_logging), echoed in
   the answer; one counter and one histogram of gateway.web.metrics per request;
2. CORS for the origins in DATAGATE_CORS_ORIGINS (none by default: no CORS headers at all);
3. gzip of answers of 1,000 bytes or more to clients that accept it (JSON, GraphQL, CSV;
   /graphql compresses its own, gateway.web.graphql_http),
   but never of a ``206`` range (Starlette's GZipMiddleware leaves those alone), of Parquet
   (compressed already) or of open-data downloads, which compress themselves so that their
   ETag can tell the encodings apart (gateway.web.open_data_routes).
Between 1 and 2, when DATAGATE_TRACING is on, each request's server span (gateway.web.tracing).
"""
from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

from gateway.web.graphql_http import is_graphql
from gateway.web.metrics import GatewayMetrics, Timer
from gateway.web.request_logging import RequestInfo, current_request, request_id_from
from gateway.web.tracing import route_name, traced

REQUEST_ID = b"x-request-id"
# downloads set their own Content-Encoding (GZipMiddleware then passes them); these are the
# formats that are never compressed again
NOT_COMPRESSED = DEFAULT_EXCLUDED_CONTENT_TYPES + ("application/vnd.apache.parquet",)


class Observed:
    """Request id and per-request metrics around `app`."""

    def __init__(self, app, metrics: GatewayMetrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent_id = next((v for k, v in scope["headers"] if k == REQUEST_ID), None)
        info = RequestInfo(request_id_from(sent_id))
        token = current_request.set(info)
        timer = Timer()
        status = 500

        async def sending(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()),
                                      (REQUEST_ID, info.request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self.metrics.observe_request(route_name(scope), scope["method"], status,
                                         timer.seconds())
            current_request.reset(token)


class _GzipButGraphQL:
    """The gzip layer for every route but /graphql, whose answers are written and compressed
    on the worker thread that executed them (gateway.web.graphql_http): the layer's work on
    every request's start and body was the event loop's."""

    def __init__(self, app, gzipped):
        self.app, self.gzipped = app, gzipped

    async def __call__(self, scope, receive, send) -> None:
        if is_graphql(scope):
            await self.app(scope, receive, send)
        else:
            await self.gzipped(scope, receive, send)


def cors_origins(setting: str) -> list[str]:
    return [origin.strip().rstrip("/") for origin in setting.split(",") if origin.strip()]


def outer_layers(app, settings, metrics: GatewayMetrics):
    """`app` wrapped in the layers of the module doc, outermost first."""
    wrapped = _GzipButGraphQL(app, GZipMiddleware(app, minimum_size=1000, compresslevel=6,
                                                  exclude_content_types=NOT_COMPRESSED))
    origins = cors_origins(settings.cors_origins)
    if origins:
        wrapped = CORSMiddleware(
            wrapped, allow_origins=origins, allow_methods=["GET", "HEAD", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept", "X-Request-ID",
                           "Range", "If-None-Match", "If-Range"],
            expose_headers=["X-Request-ID", "ETag", "Content-Range", "Content-Disposition",
                            "Datagate-Anonymity", "Retry-After"],
            max_age=600)
    return Observed(traced(wrapped, metrics.services.tracing), metrics)
