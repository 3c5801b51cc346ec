"""The layers every HTTP request passes, /graphql included (GatewayApp sends /graphql around
Starlette's router and its middleware, so these wrap the whole app instead): `Observed`, the
request's id (``X-Request-ID``, gateway.web.request_logging), echoed in the answer, and one
counter and one histogram of gateway.web.metrics per request.
"""
from __future__ import annotations

from gateway.web.metrics import GatewayMetrics, Timer
from gateway.web.request_logging import RequestInfo, current_request, request_id_from

REQUEST_ID = b"x-request-id"


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
            endpoint = scope.get("endpoint")
            route = "graphql" if scope.get("path") == "/graphql" else (
                getattr(endpoint, "__name__", None) or type(endpoint).__name__
                if endpoint is not None else "unmatched")
            self.metrics.observe_request(route, scope["method"], status, timer.seconds())
            current_request.reset(token)


def outer_layers(app, settings, metrics: GatewayMetrics):
    """`app` wrapped in the layers of the module doc, outermost first."""
    return Observed(app, metrics)
