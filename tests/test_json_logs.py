"""JSON log lines (DATAGATE_LOG_FORMAT=json) from a gateway started as operators start it:
one JSON object per line, each request's line with its request id (taken from or given to
X-Request-ID and echoed), its principal and its refusal code; the log redaction still
applies (gateway.web.request_logging, gateway.web.log_redaction)."""
from __future__ import annotations

import json
import os
import re
import subprocess

import httpx
import pytest

from tests.conftest import PURPOSE
from tests import test_log_redaction
from tests.served_world import free_port, wait_until_serving
from tests.test_log_redaction import LOOKUP, LOOKUP_VARS, ROOT, STARTS

world = test_log_redaction.world  # that module's store and sources, as a fixture here


@pytest.fixture(params=sorted(STARTS))
def served_json(request, world):
    port = free_port()
    log = world["folder"] / f"json-{request.param.replace(' ', '-')}.log"
    env = {**os.environ, **world["env"], "DATAGATE_LOG_FORMAT": "json"}
    with log.open("wb") as out:
        process = subprocess.Popen(STARTS[request.param](port), cwd=ROOT, stdout=out,
                                   stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, 90)
    except RuntimeError as exc:
        pytest.fail(f"{request.param} did not start ({exc}): {log.read_text()[-3000:]}")

    def stop() -> str:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        return log.read_text(encoding="utf-8")

    yield base, stop
    stop()


def test_json_lines_carry_request_id_principal_and_code(served_json, world):
    base, stop = served_json
    people = world["people"]
    app = {"Authorization": f"Bearer {world['tokens']['minzheng-app']}",
           "Accept": "application/graphql-response+json"}
    ask = lambda method, **kw: httpx.request(method, base + "/graphql", timeout=60,  # noqa: E731
                                             **{**kw, "headers": {**app, **kw.get("headers", {})}})
    sent = [people[1]["id"], people[1]["name"], people[2]["id"], people[2]["name"]]
    ok = ask("GET", params={"query": LOOKUP % (PURPOSE, people[1]["id"])},
             headers={"X-Request-ID": "ops-check.0001"})
    assert ok.status_code == 200 and ok.headers["x-request-id"] == "ops-check.0001"
    refused = ask("POST", json={"query": LOOKUP % ("not-granted-purpose", people[2]["id"])},
                  headers={"X-Request-ID": "forged id\tlevel=ERROR"})
    assert refused.json()["errors"][0]["extensions"]["code"] == "PURPOSE_MISMATCH"
    given = refused.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", given)  # not the one sent: it was no plain token
    faulty = world["faulty"]
    sent += [faulty["id"], faulty["birth_date"], faulty["name"]]
    fault = ask("POST", json={"query": LOOKUP_VARS.replace("name district", "name birthDate"),
                              "variables": {"k": faulty["id"]}})
    assert fault.json()["errors"][0]["extensions"]["code"] == "INTERNAL"
    fault_id = fault.headers["x-request-id"]

    text = stop()
    lines = [line for line in text.splitlines() if line.strip()]
    logged = [json.loads(line) for line in lines if line.startswith("{")]
    # what is not JSON is the command's own words to the person starting it, not the log
    assert all(line.startswith(("GraphiQL:", "note:")) for line in lines if not line.startswith("{"))
    assert len(logged) >= 4 and all({"time", "level", "logger", "message"} <= e.keys() for e in logged)
    access = {e["request_id"]: e for e in logged
              if e["logger"] == "uvicorn.access" and "request_id" in e}
    first = access["ops-check.0001"]
    assert first["method"] == "GET" and first["status"] == 200
    assert first["principal"] == "minzheng-app" and "code" not in first
    assert re.fullmatch(r"/graphql\?query=~#[0-9a-f]{12}", first["path"])  # still redacted
    second = access[given]
    assert (second["status"], second["code"], second["principal"]) == (
        200, "PURPOSE_MISMATCH", "minzheng-app")
    # the fault's own line: same request id, the trace redacted
    errors = [e for e in logged if e["level"] == "ERROR" and e.get("request_id") == fault_id]
    assert errors and "Traceback" in errors[0]["exception"]
    assert access[fault_id]["status"] == 200
    leaked = [value for value in sent if value in text]
    assert not leaked, f"the log quotes {leaked}"
