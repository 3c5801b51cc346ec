"""Traces (DATAGATE_TRACING=otlp, gateway.tracing) read back by a real OTLP/HTTP receiver on
loopback: the spans of one lookup over HTTP, their parent/child links under the client's
traceparent, and no key or value of the dataset in any of them. Off (the default), nothing
is exported and nothing of OpenTelemetry is imported."""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from tests.conftest import PURPOSE
from tests.served_world import ROOT

LOOKUP = ('query($k: String!) { population(purpose: "%s") '
          '{ lookup(key: $k) { name gender birthDate district } } }')
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CLIENT_SPAN = "00f067aa0ba902b7"


class Receiver:
    """An OTLP/HTTP trace receiver: POST /v1/traces with a protobuf
    ExportTraceServiceRequest; keeps every span with its service name."""

    def __init__(self):
        from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
            ExportTraceServiceRequest, ExportTraceServiceResponse)
        self.spans: list = []
        self.posts = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                receiver.posts += 1
                if self.path == "/v1/traces":
                    request = ExportTraceServiceRequest.FromString(body)
                    for resource_spans in request.resource_spans:
                        service = {a.key: a.value.string_value
                                   for a in resource_spans.resource.attributes}["service.name"]
                        for scope_spans in resource_spans.scope_spans:
                            receiver.spans += [(service, s) for s in scope_spans.spans]
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200 if self.path == "/v1/traces" else 404)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    with contextlib.closing(Receiver()) as found:
        yield found


def attributes(span) -> dict:
    return {a.key: _value(a.value) for a in span.attributes}


def _value(value):
    kind = value.WhichOneof("value")
    return getattr(value, kind) if kind else None


def test_a_lookup_is_traced_under_the_clients_traceparent(gateway, people, receiver,
                                                          monkeypatch):
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
    monkeypatch.setenv("OTEL_SERVICE_NAME", "datagate-under-test")
    traced = Gateway(gateway.settings.with_(tracing="otlp"))
    token = traced.services.tokens.issue("minzheng-app", traced.services.clock.now())
    person = people[3]
    with TestClient(create_app(traced.settings, traced)) as client:
        answer = client.post("/graphql", json={"query": LOOKUP % PURPOSE,
                                               "variables": {"k": person["id_number"]}},
                             headers={"Authorization": f"Bearer {token}",
                                      "traceparent": f"00-{TRACE_ID}-{CLIENT_SPAN}-01",
                                      "X-Request-ID": "trace-check-1"})
        assert answer.status_code == 200, answer.text
        found = answer.json()["data"]["population"]["lookup"]
        assert found["name"] == person["name"]
        refused = client.post("/graphql", json={"query": LOOKUP % "not-my-purpose",
                                                "variables": {"k": person["id_number"]}},
                              headers={"Authorization": f"Bearer {token}",
                                       "X-Request-ID": "trace-check-2"})
        assert refused.json()["errors"][0]["extensions"]["code"] == "PURPOSE_MISMATCH"
    # the app's shutdown closed the gateway, which flushed its spans to the receiver
    assert {service for service, _ in receiver.spans} == {"datagate-under-test"}
    spans = [span for _, span in receiver.spans]
    servers = {attributes(s)["datagate.request_id"]: s for s in spans if s.kind == s.SPAN_KIND_SERVER}
    server = servers["trace-check-1"]
    assert server.trace_id.hex() == TRACE_ID and server.parent_span_id.hex() == CLIENT_SPAN
    assert server.name == "POST graphql"
    assert attributes(server) == {"http.request.method": "POST", "http.route": "graphql",
                                  "http.response.status_code": 200,
                                  "datagate.request_id": "trace-check-1"}
    children = {s.name: s for s in spans if s.trace_id == server.trace_id and s is not server}
    assert set(children) == {"datagate.auth", "datagate.grant_check", "datagate.source_query",
                             "datagate.masking", "datagate.audit_commit"}
    for child in children.values():
        assert child.parent_span_id == server.span_id, child.name
        assert server.start_time_unix_nano <= child.start_time_unix_nano
        assert child.end_time_unix_nano <= server.end_time_unix_nano
    assert attributes(children["datagate.auth"]) == {"datagate.principal": "minzheng-app"}
    assert attributes(children["datagate.grant_check"]) == {
        "datagate.dataset": "population", "datagate.mode": "LOOKUP"}
    assert attributes(children["datagate.source_query"]) == {
        "datagate.dataset": "population", "datagate.mode": "LOOKUP",
        "datagate.source": "gongan-db", "db.system.name": "sqlite"}
    assert attributes(children["datagate.masking"]) == {
        "datagate.dataset": "population", "datagate.mode": "LOOKUP",
        "datagate.channel": "shared", "datagate.records": 1}
    assert attributes(children["datagate.audit_commit"]) == {"datagate.records": 1}

    # the refused request: its own trace (no traceparent), the grant check failed with the
    # refusal's code and nothing of its message
    other = servers["trace-check-2"]
    assert other.trace_id != server.trace_id and not other.parent_span_id
    check = next(s for s in spans if s.trace_id == other.trace_id
                 and s.name == "datagate.grant_check")
    assert check.status.code == check.status.STATUS_CODE_ERROR
    assert check.status.message == "PURPOSE_MISMATCH"
    assert attributes(check)["datagate.code"] == "PURPOSE_MISMATCH"

    # neither the key nor any value the lookup returned, in any name, attribute or status
    said = [s.name for s in spans] + [s.status.message for s in spans] + [
        str(v) for s in spans for v in attributes(s).values()] + [
        e.name for s in spans for e in s.events]
    values = [person["id_number"], *(str(v) for v in found.values())]
    for text in said:
        for value in values:
            assert value not in text if len(value) >= 4 else value != text, (value, text)


OFF_SCRIPT = """
import json, sys
from starlette.testclient import TestClient
from gateway.asgi import create_from_env
with TestClient(create_from_env()) as client:
    answer = client.post("/graphql", json=json.loads(sys.argv[1]),
                         headers={"Authorization": "Bearer " + sys.argv[2],
                                  "traceparent": "00-%s-%s-01"})
print(json.dumps({"status": answer.status_code, "body": answer.json(),
                  "otel": sorted(m for m in sys.modules if m.startswith("opentelemetry"))}))
""" % (TRACE_ID, CLIENT_SPAN)


def test_off_by_default_nothing_is_exported_or_imported(gateway, people, receiver):
    settings = gateway.settings
    assert settings.tracing == "off"
    env = {**os.environ, "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url,
           "OTEL_BSP_SCHEDULE_DELAY": "10",
           "DATAGATE_DATA_DIR": str(settings.data_dir),
           "DATAGATE_DATABASE_URL": settings.database_url, "DATAGATE_DEV_MODE": "true",
           "DATAGATE_JWT_SECRET": settings.jwt_secret, "DATAGATE_HASH_SECRET": settings.hash_secret,
           "DATAGATE_CLOCK": settings.clock.isoformat()}
    env.pop("DATAGATE_TRACING", None)
    token = gateway.services.tokens.issue("minzheng-app", gateway.services.clock.now())
    request = {"query": LOOKUP % PURPOSE, "variables": {"k": people[3]["id_number"]}}
    run = subprocess.run([sys.executable, "-c", OFF_SCRIPT, json.dumps(request), token],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["status"] == 200
    assert out["body"]["data"]["population"]["lookup"]["name"] == people[3]["name"]
    assert out["otel"] == []
    assert receiver.posts == 0 and receiver.spans == []


def test_tracing_on_without_the_extra_names_the_extra_at_start(gateway):
    """With OpenTelemetry not importable, the gateway refuses to start and says what to
    install."""
    script = ("import sys; sys.modules['opentelemetry'] = None\n"
              "from gateway.asgi import create_from_env\n"
              "create_from_env()\n")
    settings = gateway.settings
    env = {**os.environ, "DATAGATE_TRACING": "otlp", "DATAGATE_DATA_DIR": str(settings.data_dir),
           "DATAGATE_DATABASE_URL": settings.database_url,
           "DATAGATE_HASH_SECRET": settings.hash_secret}
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert "SettingsError: DATAGATE_TRACING=otlp needs the tracing extra" in run.stderr
    assert "pip install 'datagate[tracing]'" in run.stderr
