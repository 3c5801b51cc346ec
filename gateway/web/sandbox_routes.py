"""The sandbox over plain HTTP, for scripts (api.md, section "Sandbox").

    POST   /sandbox/sessions                  {"datasets": [...]}  -> 201 {"id", "tables", "expiresAt", "masking"}
    GET    /sandbox/sessions/{id}                                  -> 200 {"id", "tables", "expiresAt"}
    POST   /sandbox/sessions/{id}/query       {"sql"}              -> 200 {"columns", "rows"}
    POST   /sandbox/sessions/{id}/releases    {"sql", "justification"} -> 201 the release (no rows)
    DELETE /sandbox/sessions/{id}                                  -> 204
    GET    /sandbox/releases?box=INBOX|OUTBOX&status=...           -> 200 {"releases": [...]}
    GET    /sandbox/releases/{id}                                  -> 200 the release (rows once approved)
    POST   /sandbox/releases/{id}/decision    {"approve", "note"}  -> 200 the release

Refusals are `{"error": {"code", "message", ...}}` with the code's HTTP status (401, 403,
404, 408, 410, 413, 422, 429); a fault of the gateway is 500 INTERNAL with a reference found
in the log. The work runs in worker threads: a query that runs until its time limit does not
hold up other requests.
"""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.errors import REFUSALS, BadInput
from gateway.sandbox_service.audit import MODE
from gateway.store.storable_text import MESSAGE, holds_unstorable
from gateway.web.door import fault_problem, problem

MAX_BODY_BYTES = 1_000_000
_UNSTORABLE = MESSAGE[0].upper() + MESSAGE[1:] + "."  # as a sentence


def sandbox_routes() -> list[Route]:
    return [
        Route("/sandbox/sessions", open_session, methods=["POST"]),
        Route("/sandbox/sessions/{id}", session_resource, methods=["GET", "DELETE"]),
        Route("/sandbox/sessions/{id}/query", run_query, methods=["POST"]),
        Route("/sandbox/sessions/{id}/releases", request_release, methods=["POST"]),
        Route("/sandbox/releases", list_releases, methods=["GET"]),
        Route("/sandbox/releases/{id}", get_release, methods=["GET"]),
        Route("/sandbox/releases/{id}/decision", decide_release, methods=["POST"]),
    ]


async def _body(request: Request) -> dict:
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise BadInput(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise BadInput("The request body is not JSON; send a JSON object.") from None
    except RecursionError:
        raise BadInput("The request body nests too deeply; send a flat JSON object.") from None
    if not isinstance(body, dict):
        raise BadInput("The request body must be a JSON object.")
    if holds_unstorable(body):
        raise BadInput(_UNSTORABLE)
    return body


async def _serve(request: Request, action: str, work, status: int = 200) -> Response:
    """Resolve the caller, run `work(service, caller)` in a worker thread, answer in JSON."""
    door = request.app.state.gateway.door

    def served():  # one trip to a worker thread for the caller and the work
        caller = door.caller(request.headers.get("authorization"), mode=MODE, action=action)
        return work(door.services.sandbox, caller)

    try:
        result = await door.run_blocking(served)
    except REFUSALS as exc:
        return problem(exc)
    except Exception as exc:  # noqa: BLE001 - a fault: logged with a reference, never a trace
        return fault_problem(exc, "sandbox fault")
    if result is None:
        return Response(status_code=204)
    return JSONResponse(result, status_code=status)


async def open_session(request: Request) -> Response:
    try:
        body = await _body(request)
    except REFUSALS as exc:
        return problem(exc)
    return await _serve(request, "SANDBOX_OPEN",
                        lambda service, caller: service.open(caller, body.get("datasets")), 201)


async def session_resource(request: Request) -> Response:
    session_id = request.path_params["id"]
    if request.method == "DELETE":
        return await _serve(request, "SANDBOX_CLOSE",
                            lambda service, caller: service.close(caller, session_id))
    return await _serve(request, "SANDBOX_DESCRIBE",
                        lambda service, caller: service.describe(caller, session_id))


async def run_query(request: Request) -> Response:
    session_id = request.path_params["id"]
    try:
        body = await _body(request)
    except REFUSALS as exc:
        return problem(exc)
    return await _serve(request, "SANDBOX_QUERY",
                        lambda service, caller: service.run_query(caller, session_id, body.get("sql")))


async def request_release(request: Request) -> Response:
    session_id = request.path_params["id"]
    try:
        body = await _body(request)
    except REFUSALS as exc:
        return problem(exc)
    return await _serve(request, "SANDBOX_RELEASE_REQUEST", lambda service, caller: service.request_release(
        caller, session_id, body.get("sql"), body.get("justification")), 201)


async def list_releases(request: Request) -> Response:
    box, status = request.query_params.get("box"), request.query_params.get("status")
    if holds_unstorable([box, status]):
        return problem(BadInput(_UNSTORABLE))
    result = await _serve(request, "SANDBOX_RELEASE_LIST",
                          lambda service, caller: {"releases": service.releases(caller, box, status)})
    return result


async def get_release(request: Request) -> Response:
    release_id = request.path_params["id"]  # read, and refused if malformed, under the audit
    return await _serve(request, "SANDBOX_RELEASE_FETCH",
                        lambda service, caller: service.release(caller, release_id))


async def decide_release(request: Request) -> Response:
    release_id = request.path_params["id"]
    try:
        body = await _body(request)
    except REFUSALS as exc:
        return problem(exc)
    approve = body.get("approve")
    if not isinstance(approve, bool):
        return problem(BadInput('Say {"approve": true} or {"approve": false, "note": "why"}.'))
    return await _serve(request, "SANDBOX_RELEASE_DECISION", lambda service, caller: service.decide(
        caller, release_id, approve, body.get("note") if isinstance(body.get("note"), str) else None))
