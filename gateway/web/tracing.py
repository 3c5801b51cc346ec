"""The server span of each HTTP request, when tracing is on (gateway.tracing).

Inside the request-id layer (gateway.web.http_layers.Observed), so that the span carries the
request's id, and outside CORS and gzip, so that it carries the status the client got. A
client's W3C ``traceparent`` makes the span its child. Attributes: the method, the route
(the endpoint's name, as the metrics label it: never the path, which may carry what a
caller typed, nor the query string), the status and the request id. The work of the request
runs in the span's context (Door.run_blocking copies it to the worker thread), so the spans
of gateway.tracing become its children.
"""
from __future__ import annotations

from gateway.tracing import Tracing
from gateway.web.request_logging import current_request

_PROPAGATED = (b"traceparent", b"tracestate")


def route_name(scope) -> str:
    """The route as the metrics and the traces name it, once the app has routed `scope`."""
    if scope.get("path") == "/graphql":
        return "graphql"
    endpoint = scope.get("endpoint")
    if endpoint is None:
        return "unmatched"
    return getattr(endpoint, "__name__", None) or type(endpoint).__name__


class Traced:
    """A server span around `app` (only made when tracing is on: `traced`)."""

    def __init__(self, app, tracing):
        self.app, self.tracing = app, tracing

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        carrier = {k.decode("latin-1"): v.decode("latin-1")
                   for k, v in scope["headers"] if k in _PROPAGATED}
        status = 500

        async def sending(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with self.tracing.server(scope["method"], carrier) as span:
            info = current_request.get()
            if info is not None:
                span.set_attribute("datagate.request_id", info.request_id)
            try:
                await self.app(scope, receive, sending)
            finally:
                route = route_name(scope)
                span.update_name(f"{scope['method']} {route}")
                span.set_attribute("http.route", route)
                span.set_attribute("http.response.status_code", status)
                if status >= 500:
                    span.set_status(self.tracing.trace.Status(
                        self.tracing.trace.StatusCode.ERROR, str(status)))


def traced(app, tracing: Tracing):
    """`app` in a server span per request when tracing is on; `app` itself when off."""
    return Traced(app, tracing) if tracing.enabled else app
