"""POST/GET /graphql following the GraphQL-over-HTTP specification.

- POST takes `application/json` bodies {query, variables, operationName}; GET takes the same
  as query parameters and runs queries only (a mutation over GET is 405).
- The answer is `application/graphql-response+json` when the client accepts it, else
  `application/json`. With the former, a request that fails before execution (unparsable,
  invalid, refused as a whole) is a 4xx; with the latter such answers are 200, as the
  specification asks for legacy clients. A body that is not GraphQL at all is always 4xx.
- A browser's GET without a query gets GraphiQL, served from the gateway's own files.
"""
from __future__ import annotations

import json
import logging

import anyio
import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from gateway.errors import DatagateError
from gateway.graphiql import local_graphiql_html
from gateway.graphql_errors import FORBIDDEN_CODES, format_error

log = logging.getLogger("datagate.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MAX_BODY_BYTES = 1_000_000

class RequestProblem(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

def _media_type(request: Request) -> str:
    accept = request.headers.get("accept", "")
    if not accept or GRAPHQL_RESPONSE in accept:
        return GRAPHQL_RESPONSE
    if JSON in accept or "*/*" in accept or "application/*" in accept:
        return JSON
    raise RequestProblem(406, f"this endpoint answers {GRAPHQL_RESPONSE} or {JSON}; "
                              f"the Accept header allows neither")

def _problem_response(problem: RequestProblem, media_type: str = JSON) -> Response:
    body = {"errors": [{"message": problem.message, "extensions": {"code": "BAD_REQUEST"}}]}
    return JSONResponse(body, status_code=problem.status, media_type=media_type,
                        headers=problem.headers)

async def _read_params(request: Request) -> dict:
    if request.method == "GET":
        params = dict(request.query_params)
        if "variables" in params:
            try:
                params["variables"] = json.loads(params["variables"])
            except ValueError:
                raise RequestProblem(400, "the `variables` query parameter is not JSON") from None
        if "extensions" in params:
            params.pop("extensions")
        return params
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != JSON:
        raise RequestProblem(415, f"send the GraphQL request as {JSON}, not "
                                  f"{content_type or 'a body without Content-Type'}")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise RequestProblem(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
    try:
        params = json.loads(body)
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
    return query, variables, operation

def _wants_graphiql(request: Request) -> bool:
    return (request.method == "GET" and "query" not in request.query_params
            and "text/html" in request.headers.get("accept", ""))

async def graphql_endpoint(request: Request) -> Response:
    gateway = request.app.state.gateway
    if _wants_graphiql(request):
        return HTMLResponse(local_graphiql_html())
    if request.method not in ("GET", "POST"):
        return _problem_response(RequestProblem(405, "use POST (or GET for queries)",
                                                {"Allow": "GET, POST"}))
    try:
        media_type = _media_type(request)
    except RequestProblem as problem:
        return _problem_response(problem)
    try:
        params = await _read_params(request)
        query, variables, operation = _check_params(params)
    except RequestProblem as problem:
        return _problem_response(problem, media_type)
    allowed = (OperationType.QUERY,) if request.method == "GET" else None
    authorization = request.headers.get("authorization")
    try:
        outcome = await anyio.to_thread.run_sync(
            gateway.execute, query, variables, operation, authorization, allowed)
    except CannotGetOperationTypeError:
        return _problem_response(RequestProblem(
            400, f"the document has no operation named {operation!r}, or has several and "
                 "no operationName chose one"), media_type)
    except InvalidOperationTypeError:
        return _problem_response(RequestProblem(
            405, "mutations must be sent with POST", {"Allow": "POST"}), media_type)
    except DatagateError as exc:
        body = {"errors": [{"message": exc.message, "extensions": exc.as_extensions()}]}
        headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else {}
        return JSONResponse(body, status_code=exc.http_status, media_type=media_type,
                            headers=headers)
    result, ctx = outcome
    errors = [format_error(e, ctx) for e in result.errors or []]
    body: dict = {}
    if errors:
        body["errors"] = errors
    executed = result.data is not None or any(e.path for e in result.errors or [])
    if executed:
        body["data"] = result.data
    status = 200
    if "data" not in body and media_type == GRAPHQL_RESPONSE:
        codes = {e["extensions"].get("code") for e in errors}
        status = 403 if codes and codes <= FORBIDDEN_CODES else 400
    return Response(orjson.dumps(body, default=str), status_code=status, media_type=media_type)

