"""GraphQL over HTTP (api.md): media types, status codes, GET, limits, GraphiQL, health."""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import codes

GQL_RESPONSE = "application/graphql-response+json"


def test_get_runs_queries(client):
    response = client.get("/graphql", params={"query": "{ me { principal } }"},
                          headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"principal": None}}}


def test_get_with_variables(client):
    response = client.get("/graphql", params={
        "query": "query($o: String) { catalog(owner: $o) { code owner { code } } }",
        "variables": json.dumps({"o": "shichang"})}, headers={"Accept": GQL_RESPONSE})
    entries = response.json()["data"]["catalog"]
    # other tests may publish more of shichang's datasets into the shared world
    assert {"code": "enterprises", "owner": {"code": "shichang"}} in entries
    assert {e["owner"]["code"] for e in entries} == {"shichang"}


def test_get_refuses_bad_variables_json(client):
    response = client.get("/graphql", params={"query": "{ me { kind } }", "variables": "{nope"},
                          headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 400


def test_post_needs_json(client):
    response = client.post("/graphql", content="{ me { kind } }",
                           headers={"Content-Type": "text/plain", "Accept": GQL_RESPONSE})
    assert response.status_code == 415
    assert "application/json" in response.json()["errors"][0]["message"]


def test_malformed_json_body_is_400(client):
    response = client.post("/graphql", content='{"query": ', headers={
        "Content-Type": "application/json", "Accept": GQL_RESPONSE})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["errors"][0]["message"]


def test_body_without_query_is_400(client):
    for body in ({}, {"query": 5}, {"query": "{ me { kind } }", "variables": [1]}, [1, 2]):
        response = client.post("/graphql", json=body, headers={"Accept": GQL_RESPONSE})
        assert response.status_code == 400, body


def test_unparsable_query_is_400_with_graphql_response_json(client):
    response = client.post("/graphql", json={"query": "{ me { "}, headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(GQL_RESPONSE)
    body = response.json()
    assert codes(body) == ["BAD_INPUT"] and "data" not in body
    assert "Traceback" not in response.text


def test_invalid_query_is_200_with_application_json(client):
    response = client.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert codes(response.json()) == ["BAD_INPUT"]


@pytest.mark.parametrize("accept,answer", [
    ("application/graphql-response+json;q=0, application/json", "application/json"),
    ("application/json;q=0.5, application/graphql-response+json;q=0.4", "application/json"),
    ("application/json, application/graphql-response+json", GQL_RESPONSE),
    ("application/graphql-response+json;q=0", None), ("*/*;q=0", None),
    ("application/json;q=0, text/html", None),
])
def test_the_accept_header_is_read_with_its_q_values(client, accept, answer):
    response = client.post("/graphql", json={"query": "{ me { kind } }"}, headers={"Accept": accept})
    if answer is None:
        assert response.status_code == 406, response.text
    else:
        assert response.status_code == 200 and response.headers["content-type"].startswith(answer)


def test_unacceptable_accept_header_is_406(client):
    response = client.post("/graphql", json={"query": "{ me { kind } }"}, headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_other_methods_are_405(client):
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"):
        response = client.request(method, "/graphql", headers={"Accept": GQL_RESPONSE})
        assert response.status_code == 405, method
        assert response.headers["allow"] == "GET, POST"
        assert codes(response.json()) == ["BAD_REQUEST"], method


def test_wrong_variable_types_are_bad_input(client):
    response = client.post("/graphql", json={
        "query": "query($k: String!) { me { kind } }", "variables": {"k": 5}},
        headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_INPUT"]


def test_depth_limit(gateway):
    from starlette.testclient import TestClient

    from gateway.web.app import Gateway, create_app
    from tests.conftest import Api

    shallow = Gateway(gateway.settings.with_(max_query_depth=2))
    try:
        with TestClient(create_app(shallow.settings, shallow)) as client:
            renshe = Api(client, shallow, "renshe-app")
            assert "errors" not in renshe.query("{ catalog { owner { code } } }")
            body = renshe.query('{ enterprises(purpose: "p") { rows { pageInfo { hasNextPage } } } }')
    finally:
        shallow.close()
    assert codes(body) == ["BAD_INPUT"]
    assert body["errors"][0]["extensions"]["limit"] == "max_query_depth"
    assert "2 levels" in body["errors"][0]["message"]


def test_alias_limit(api, gateway):
    limit = gateway.settings.max_aliases
    query = "{ " + " ".join(f"a{i}: me {{ kind }}" for i in range(limit + 1)) + " }"
    body = api("minzheng-app").query(query)
    assert codes(body) == ["BAD_INPUT"]
    assert body["errors"][0]["extensions"]["limit"] == "max_aliases"


def test_token_limit(api, gateway):
    limit = gateway.settings.max_tokens
    query = "{ me { " + "kind " * (limit + 1) + "} }"
    body = api("minzheng-app").query(query)
    assert codes(body) == ["BAD_INPUT"]
    assert body["errors"][0]["extensions"]["limit"] == "max_tokens"


def test_graphiql_is_served_from_local_files(client):
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page.text)
    assert sources, "the page loads scripts and styles"
    for url in sources:
        assert not url.startswith(("http://", "https://", "//")), url
        asset = client.get(url)
        assert asset.status_code == 200, url


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    report = ready.json()
    assert report["status"] == "ready" and report["store"] == "ok"
    assert set(report["sources"]) == {"gongan-db", "shichang-db", "renshe-db", "weijian-db"}
    assert any("2027" in w for w in report["warnings"]), "next year's calendar falls back"


def test_me(api):
    body = api("minzheng-app").query("{ me { principal kind roles department { code name } } }")
    assert body["data"]["me"] == {"principal": "minzheng-app", "kind": "APP", "roles": ["app"],
                                  "department": {"code": "minzheng", "name": "市民政局"}}


def test_operation_name_picks_one_of_several_operations_every_time(api):
    """A document runs from the prepared-document cache after its first use; the operation
    it runs is still chosen (and checked) per request."""
    document = "query Me { me { principal } } query Catalog { catalog { code } }"
    steward = api("gongan-steward")
    for _ in range(2):
        me = steward.post(document)
        assert me.status_code == 400 and "operationName" in me.json()["errors"][0]["message"]
        chosen = steward.client.post("/graphql", headers=steward.headers,
                                     json={"query": document, "operationName": "Me"})
        assert chosen.json() == {"data": {"me": {"principal": "gongan-steward"}}}
        other = steward.client.post("/graphql", headers=steward.headers,
                                    json={"query": document, "operationName": "Catalog"})
        assert "me" not in other.json()["data"] and other.json()["data"]["catalog"]
        unknown = steward.client.post("/graphql", headers=steward.headers,
                                      json={"query": document, "operationName": "Nope"})
        assert unknown.status_code == 400 and "'Nope'" in unknown.json()["errors"][0]["message"]


def test_a_mutation_run_over_post_is_still_refused_over_get(api, client):
    mutation = 'mutation { markNotificationsRead(ids: []) }'
    steward = api("gongan-steward")
    assert steward.post(mutation).status_code == 200  # prepared now
    response = client.get("/graphql", params={"query": mutation}, headers=steward.headers)
    assert response.status_code == 405 and response.headers["allow"] == "POST"


def test_a_body_over_the_limit_is_413_and_a_streamed_body_is_read_whole(client, gateway):
    """The endpoint reads the body itself: one larger than 1 MB is refused, one that arrives
    in several chunks is put together."""
    from gateway.web.graphql_http import MAX_BODY_BYTES

    big = json.dumps({"query": "{ me { principal } }", "variables": {"pad": "x" * MAX_BODY_BYTES}})
    response = client.post("/graphql", content=big, headers={"Content-Type": "application/json",
                                                             "Accept": GQL_RESPONSE})
    assert response.status_code == 413 and "larger than" in response.json()["errors"][0]["message"]

    def chunks():
        body = json.dumps({"query": "{ me { principal } }"}).encode()
        for i in range(0, len(body), 7):
            yield body[i:i + 7]

    streamed = client.post("/graphql", content=chunks(), headers={
        "Content-Type": "application/json", "Accept": GQL_RESPONSE})
    assert streamed.status_code == 200 and streamed.json() == {"data": {"me": {"principal": None}}}


def test_a_long_document_is_answered_without_being_kept(api):
    """Documents over PREPARED_MAX_CHARS take strawberry's path every time, with the same
    limits and the same answers."""
    from resolvers.schema_builder import PREPARED_MAX_CHARS

    padding = "# " + "说明" * PREPARED_MAX_CHARS + "\n"
    steward = api("gongan-steward")
    for _ in range(2):
        body = steward.query(padding + "{ me { principal } }")
        assert body == {"data": {"me": {"principal": "gongan-steward"}}}
        assert codes(steward.query(padding + "{ me { nope } }")) == ["BAD_INPUT"]


def test_an_unexpected_fault_is_a_json_500_that_names_no_internals(client, gateway, monkeypatch,
                                                                    caplog):
    """/graphql is served past Starlette's middleware (gateway.web.app.GatewayApp): a fault it did
    not foresee is still logged and answered, as a GraphQL error with code INTERNAL and
    nothing of the fault in it, and the gateway goes on serving."""
    def broken(*_args):
        raise RuntimeError("the store caught fire at /var/lib/datagate")

    monkeypatch.setattr(gateway, "execute", broken)
    response = client.post("/graphql", json={"query": "{ me { kind } }"})
    assert response.status_code == 500
    assert codes(response.json()) == ["INTERNAL"] and "data" not in response.json()
    assert "caught fire" not in response.text and "Traceback" not in response.text
    assert any(r.exc_info and "caught fire" in str(r.exc_info[1]) for r in caplog.records)
    monkeypatch.undo()
    assert client.post("/graphql", json={"query": "{ me { kind } }"}).json()["data"]["me"]
