"""GET /metrics over HTTP: Prometheus' text format, parsed as Prometheus parses it; who may
read it (DATAGATE_METRICS); what a lookup, a refusal and a download add; no principal or key
in any label (gateway.web.metrics)."""
from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from tests.conftest import PURPOSE

LOOKUP = '{ population(purpose: "%s") { lookup(key: "%s") { name district } } }'


def bearer(gateway, principal: str) -> dict:
    return {"Authorization": "Bearer " + gateway.services.tokens.issue(
        principal, gateway.services.clock.now())}


def scrape(client, gateway) -> dict:
    """{(name, sorted label items): value} of one scrape, as Prometheus reads it."""
    got = client.get("/metrics", headers=bearer(gateway, "auditor"))
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(got.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: dict, name: str, **labels) -> float:
    """The sum of the samples of `name` whose labels include `labels`."""
    return sum(v for (n, items), v in samples.items()
               if n == name and labels.items() <= dict(items).items())


def test_only_auditors_and_security_admins_read_the_metrics_by_default(client, gateway):
    assert gateway.settings.metrics == "token"
    anonymous = client.get("/metrics")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "UNAUTHENTICATED"
    app = client.get("/metrics", headers=bearer(gateway, "minzheng-app"))
    assert app.status_code == 403 and app.json()["error"]["code"] == "FORBIDDEN"
    for principal in ("auditor", "security-admin"):
        assert client.get("/metrics", headers=bearer(gateway, principal)).status_code == 200


def test_requests_accesses_and_downloads_are_counted(client, gateway, api, people):
    before = scrape(client, gateway)
    person = people[3]
    app = api("minzheng-app")
    assert app.query(LOOKUP % (PURPOSE, person["id_number"]))["data"]["population"]["lookup"]
    refused = app.query(LOOKUP % ("not-my-purpose", person["id_number"]))
    assert refused["errors"][0]["extensions"]["code"] == "PURPOSE_MISMATCH"
    assert client.get("/open/datasets/no-such-thing-4711.csv").status_code == 404
    after = scrape(client, gateway)

    def grew(name, **labels) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("datagate_accesses_total", dataset="population", mode="LOOKUP",
                outcome="ALLOWED", code="") == 1
    assert grew("datagate_accesses_total", dataset="population", outcome="DENIED",
                code="PURPOSE_MISMATCH") == 1
    # what a caller typed is no label: an unknown dataset counts as `other`
    assert grew("datagate_accesses_total", dataset="other", action="OPEN_DOWNLOAD") == 1
    assert grew("datagate_http_requests_total", route="graphql", method="POST", status="200") == 2
    assert grew("datagate_http_request_duration_seconds_count", route="graphql") == 2
    assert grew("datagate_http_requests_total", route="open_dataset_file", status="404") == 1
    assert grew("datagate_open_downloads_total", dataset="other", format="csv",
                outcome="404") == 1
    # the scrape before this one is counted too, under its endpoint's name
    assert grew("datagate_http_requests_total", route="metrics_endpoint", status="200") >= 1
    assert grew("datagate_audit_committed_records_total") >= 3
    assert grew("datagate_audit_commit_seconds_count") >= 1
    assert value(after, "datagate_audit_queue_records") >= 0
    assert value(after, "datagate_sandbox_sessions") >= 0
    # the lookup's source pool holds connections of this process
    assert value(after, "datagate_source_pool_connections", source="gongan-db", state="size") > 0
    # no principal, key or value in any label
    labels = {v for (_, items) in after for _, v in items}
    assert not labels & {"minzheng-app", "auditor", person["id_number"], person["name"],
                         "no-such-thing-4711", "not-my-purpose"}


def test_metrics_open_or_off(gateway):
    """Another Gateway on the same services with DATAGATE_METRICS=open or off."""
    try:
        for setting, status in (("open", 200), ("off", 404)):
            other = Gateway(gateway.settings.with_(metrics=setting), services=gateway.services)
            got = TestClient(create_app(other.settings, other)).get("/metrics")
            assert got.status_code == status, (setting, got.text)
            if status == 200:
                names = {f.name for f in text_string_to_metric_families(got.text)}
                assert {"datagate_http_requests", "datagate_accesses",
                        "datagate_audit_queue_records"} <= names
    finally:
        gateway.services.audit.observer = gateway.metrics
