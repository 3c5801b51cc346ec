"""POST/GET /graphql following the GraphQL-over-HTTP specification.

- POST takes `application/json` bodies {query, variables, operationName}; GET takes the same
  as query parameters and runs queries only (a mutation over GET is 405).
- The answer is `application/graphql-response+json` when the client accepts it, else
  `application/json`. With the former, a request that fails before execution (unparsable,
  invalid, refused as a whole) is a 4xx; with the latter such answers are 200, as the
  specification asks for legacy clients. A body that is not GraphQL at all is always 4xx.
- A browser's GET without a query gets GraphiQL, served from the gateway's own files.

The endpoint is a plain ASGI app (Starlette routes to it without its Request/Response
wrappers): every request of every caller comes through here, and the event loop's share of
a lookup was about half of the gateway's CPU before. The GraphQL work itself runs on the
gateway's worker threads (Gateway.run_blocking).
"""
from __future__ import annotations

import gzip
import logging
from urllib.parse import parse_qsl

import orjson
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from starlette.routing import get_route_path
from strawberry.types.graphql import OperationType

from gateway.errors import DatagateError, fault_reference
from gateway.web.graphiql import local_graphiql_html
from resolvers.errors import FORBIDDEN_CODES, format_error
from gateway.store.storable_text import ESCAPED_NUL, MESSAGE, holds_unstorable
from gateway.web.negotiation import GRAPHQL_RESPONSE, JSON, answer_media_type

log = logging.getLogger("datagate.http")

MAX_BODY_BYTES = 1_000_000
_HEADERS = (b"accept", b"content-type", b"authorization", b"accept-encoding")
GZIP_MINIMUM = 1000  # as the gzip layer of the other routes (gateway.web.http_layers)
AUDIT_FAILED = ("the audit trail could not be written, so this answer is withheld (§44). "
                "Try again; if it persists, tell the gateway's operators")


class RequestProblem(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class _Answer:
    __slots__ = ("status", "body", "content_type", "headers")

    def __init__(self, status: int, body: bytes, content_type: str, headers: dict | None = None):
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = headers or {}

    async def send(self, send) -> None:
        headers = [(b"content-type", self.content_type.encode()),
                   (b"content-length", str(len(self.body)).encode())]
        headers += [(k.lower().encode(), v.encode()) for k, v in self.headers.items()]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


def _json_answer(body: dict, status: int, media_type: str, headers: dict | None = None,
                 zipped: bool = False) -> _Answer:
    """``zipped``: the client accepts gzip; an answer of GZIP_MINIMUM bytes or more is then
    sent compressed (/graphql is left out of the gzip layer, gateway.web.http_layers)."""
    data = orjson.dumps(body, default=str)
    if len(data) >= GZIP_MINIMUM:
        headers = {**(headers or {}), "Vary": "Accept-Encoding"}
        if zipped:
            data = gzip.compress(data, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
    return _Answer(status, data, media_type, headers)


def _problem(problem: RequestProblem, media_type: str = JSON) -> _Answer:
    body = {"errors": [{"message": problem.message, "extensions": {"code": "BAD_REQUEST"}}]}
    return _json_answer(body, problem.status, media_type, problem.headers)


def _media_type(accept: str) -> str:
    media_type = answer_media_type(accept)
    if media_type is None:
        raise RequestProblem(406, f"this endpoint answers {GRAPHQL_RESPONSE} or {JSON}; "
                                  f"the Accept header allows neither")
    return media_type


def _get_params(query_string: bytes) -> dict:
    # the last of repeated parameters wins, as with Starlette's query_params before
    params: dict = dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    if "variables" in params:
        try:
            params["variables"] = orjson.loads(params["variables"])
        except ValueError:
            raise RequestProblem(400, "the `variables` query parameter is not JSON") from None
    params.pop("extensions", None)
    return params


async def _post_params(content_type: str, receive) -> dict:
    content_type = content_type.split(";")[0].strip().lower()
    if content_type != JSON:
        raise RequestProblem(415, f"send the GraphQL request as {JSON}, not "
                                  f"{content_type or 'a body without Content-Type'}")
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise RequestProblem(400, "the client went away before the body arrived")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RequestProblem(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    try:
        params = orjson.loads(b"".join(chunks))
    except ValueError as exc:
        raise RequestProblem(400, f"the request body is not valid JSON: {exc}") from None
    if not isinstance(params, dict):
        raise RequestProblem(400, "the request body must be a JSON object with a `query`")
    return params


def _check_params(params: dict) -> tuple[str, dict | None, str | None]:
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RequestProblem(400, "the request has no `query` string")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestProblem(400, "`variables` must be a JSON object")
    operation = params.get("operationName")
    if operation is not None and not isinstance(operation, str):
        raise RequestProblem(400, "`operationName` must be a string")
    if ESCAPED_NUL.search(query) or holds_unstorable([query, operation, variables]):
        raise RequestProblem(400, MESSAGE)
    return query, variables, operation


def is_graphql(scope) -> bool:
    """An HTTP request to /graphql (sent around Starlette's router and the gzip layer)."""
    return scope["type"] == "http" and get_route_path(scope) == "/graphql"


class GraphQLEndpoint:
    """The ASGI app of /graphql (an instance, so that Starlette routes to it as an app)."""

    async def __call__(self, scope, receive, send) -> None:
        headers: dict[bytes, str] = {}
        for name, value in scope["headers"]:
            if name in _HEADERS and name not in headers:
                headers[name] = value.decode("latin-1")
        answer = await _answer(scope["app"].state.gateway, scope["method"], scope, headers,
                               receive)
        await answer.send(send)


graphql_endpoint = GraphQLEndpoint()


async def _answer(gateway, method: str, scope, headers: dict[bytes, str], receive) -> _Answer:
    accept = headers.get(b"accept", "")
    if method == "GET" and "text/html" in accept and "query" not in {
            name for name, _ in parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                                          keep_blank_values=True)}:
        return _Answer(200, local_graphiql_html().encode(), "text/html; charset=utf-8")
    if method not in ("GET", "POST"):
        return _problem(RequestProblem(405, "use POST (or GET for queries)", {"Allow": "GET, POST"}))
    try:
        media_type = _media_type(accept)
    except RequestProblem as problem:
        return _problem(problem)
    try:
        if method == "GET":
            params = _get_params(scope.get("query_string", b""))
        else:
            params = await _post_params(headers.get(b"content-type", ""), receive)
        query, variables, operation = _check_params(params)
    except RequestProblem as problem:
        return _problem(problem, media_type)
    allowed = (OperationType.QUERY,) if method == "GET" else None
    zipped = "gzip" in headers.get(b"accept-encoding", "")
    try:
        answer, ctx = await gateway.door.run_blocking(
            _executed, gateway, query, variables, operation, headers.get(b"authorization"),
            allowed, media_type, zipped)
    except CannotGetOperationTypeError:
        return _problem(RequestProblem(
            400, f"the document has no operation named {operation!r}, or has several and "
                 "no operationName chose one"), media_type)
    except InvalidOperationTypeError:
        return _problem(RequestProblem(405, "mutations must be sent with POST", {"Allow": "POST"}),
                        media_type)
    except DatagateError as exc:
        body = {"errors": [{"message": exc.message, "extensions": exc.as_extensions()}]}
        extra = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else {}
        return _json_answer(body, exc.http_status, media_type, extra)
    if ctx.deferred_audit:
        try:  # no answer leaves before its audit records are committed
            await gateway.services.audit.committed(ctx.deferred_audit)
        except Exception as exc:  # noqa: BLE001 - the store's fault, logged; the answer is withheld
            reference = fault_reference(exc, log, "a request's audit records were not committed")
            error = {"message": f"{AUDIT_FAILED} (reference {reference})",
                     "extensions": {"code": "INTERNAL", "reference": reference}}
            return _json_answer({"errors": [error]}, 500, media_type)
    return answer


def _executed(gateway, query, variables, operation, authorization, allowed, media_type: str,
              zipped: bool):
    """The request executed and its answer written (gzipped if the client takes it) on the
    worker thread: the event loop, which every request waits on, only sends it. The answer
    leaves once its audit records are committed (_answer)."""
    result, ctx = gateway.execute(query, variables, operation, authorization, allowed, True)
    errors = [format_error(e, ctx) for e in result.errors or []]  # audits refusals it finds
    body: dict = {}
    if errors:
        body["errors"] = errors
    if result.data is not None or any(e.path for e in result.errors or []):
        body["data"] = result.data
    status = 200
    if "data" not in body and media_type == GRAPHQL_RESPONSE:
        codes = {e["extensions"].get("code") for e in errors}
        status = 403 if codes and codes <= FORBIDDEN_CODES else 400
    return _json_answer(body, status, media_type, zipped=zipped), ctx
