"""Hostile input the HTTP fuzzer (test_http_fuzz.py) found answered with a 500 or INTERNAL,
each pinned by its smallest example, on both stores: undefined fragments and empty selection
sets, a stats dimension selected but not grouped by, NUL characters, over-long purposes, and
a token whose subject is no principal name."""
from __future__ import annotations

import datetime as dt

import jwt
import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from gateway.audit import verify_chain
from tests.conftest import audited_since, newest_audit_id, PURPOSE, Api, codes

GQL = "application/graphql-response+json"
PADDING = "# " + "x" * 8100 + "\n"  # past the prepared-document size: strawberry's own path


def post(client, query: str, variables: dict | None = None, token: str | None = None):
    headers = {"Accept": GQL}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


@pytest.mark.parametrize("padding", ["", PADDING], ids=["prepared", "long"])
def test_an_undefined_fragment_is_named_not_a_server_error(client, padding):
    for query in ("{ ...A }", "{ me { kind ...Nope } }"):
        response = post(client, padding + query)
        assert response.status_code == 400, response.text
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_INPUT" and "Unknown fragment" in error["message"]


@pytest.mark.parametrize("padding", ["", PADDING], ids=["prepared", "long"])
def test_an_empty_selection_set_is_refused_with_a_message(client, padding):
    for query in ("{}", "{ me { } }", "query { }"):
        response = post(client, padding + query)
        assert response.status_code == 400, response.text
        messages = [e["message"] for e in response.json()["errors"]]
        assert any("selection set may not be empty" in m for m in messages), messages
    assert client.get("/graphql", params={"query": "{}"}, headers={"Accept": GQL}).status_code == 400


@pytest.mark.parametrize("padding", ["", PADDING], ids=["prepared", "long"])
def test_the_depth_limit_still_measures_documents_through_their_fragments(gateway, padding):
    shallow = Gateway(gateway.settings.with_(max_query_depth=2))
    try:
        with TestClient(create_app(shallow.settings, shallow)) as client:
            renshe = Api(client, shallow, "renshe-app")
            body = renshe.query(padding + 'fragment F on Query { enterprises(purpose: "p") '
                                '{ rows { pageInfo { hasNextPage } } } } { ...F }')
            shallow_enough = renshe.query(padding + "fragment F on Query { catalog { code } } { ...F }")
    finally:
        shallow.close()
    assert codes(body) == ["BAD_INPUT"]
    assert body["errors"][0]["extensions"]["limit"] == "max_query_depth"
    assert "errors" not in shallow_enough and shallow_enough["data"]["catalog"]


def test_a_stats_dimension_selected_but_not_grouped_by_is_bad_input_and_audited(api, gateway):
    before = newest_audit_id(gateway)
    body = api("renshe-app").query(
        '{ enterprises(purpose: "p") { stats(groupBy: [DISTRICT]) { groups { district industry count } } } }')
    assert codes(body) == ["BAD_INPUT"]
    assert "industry" in body["errors"][0]["message"] and "INDUSTRY" in body["errors"][0]["message"]
    assert body.get("data") is None  # stats is non-null: the refusal nulls the answer
    [record] = audited_since(gateway, before)
    assert (record.outcome, record.error_code, record.mode) == ("DENIED", "BAD_INPUT", "STATS")
    # grouped by it, the same selection is answered
    body = api("renshe-app").query(
        '{ enterprises(purpose: "p") { stats(groupBy: [DISTRICT, INDUSTRY]) { groups { district industry count } } } }')
    assert "errors" not in body and body["data"]["enterprises"]["stats"]["groups"]


@pytest.mark.parametrize("request_body", [
    {"query": "query($v: String) { catalog(owner: $v) { code } }", "variables": {"v": "a\x00b"}},
    {"query": "{ catalog(owner: \"a\\u0000b\") { code } }"},
    {"query": "query($v: [String]) { catalog(owner: \"x\") { code } }", "variables": {"v": [["\x00"]]}},
    {"query": "{ catalog { code } }", "variables": {"k\x00": 1}},
    {"query": "{ me { principal } }", "operationName": "\x00"},
], ids=["variable", "escape", "nested", "key", "operation"])
def test_a_nul_character_is_refused_at_the_door(client, request_body):
    response = client.post("/graphql", json=request_body, headers={"Accept": GQL})
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST" and "NUL" in error["message"]
    assert "data" not in response.json()


def test_a_purpose_longer_than_a_purpose_code_is_bad_input_and_audited(api, gateway, people):
    long_purpose = "p" * 101
    for principal, query, variables in (
            ("renshe-app", "query($p: String) { enterprises(purpose: $p) { rows(first: 1) { nodes { name } } } }",
             {"p": long_purpose}),
            ("minzheng-app", "query($k: String!, $p: String) { population(purpose: $p) { lookup(key: $k) { name } } }",
             {"k": people[0]["id_number"], "p": long_purpose})):
        before = newest_audit_id(gateway)
        body = api(principal).query(query, variables)
        assert codes(body) == ["BAD_INPUT"] and "at most 100 characters" in body["errors"][0]["message"]
        assert people[0]["name"] not in str(body) and "nodes" not in str(body)  # nothing answered
        [record] = audited_since(gateway, before)
        assert record.outcome == "DENIED" and record.error_code == "BAD_INPUT"
        assert record.purpose == "p" * 99 + "…"  # kept, cut to its column
    body = api("minzheng-app").query(
        "query($k: String!) { population(purpose: \"%s\") { lookup(key: $k) { name } } }" % PURPOSE,
        {"k": people[0]["id_number"]})
    assert body["data"]["population"]["lookup"]["name"] == people[0]["name"]
    with gateway.services.store() as session:
        assert verify_chain(session).ok


@pytest.mark.parametrize("subject", ["a\x00b", "renshe-app\n", "x" * 101, ""])
def test_a_token_whose_subject_is_no_principal_name_is_unauthenticated(client, gateway, subject):
    now = gateway.services.clock.now()
    token = jwt.encode({"sub": subject, "iss": gateway.settings.jwt_issuer,
                        "aud": gateway.settings.jwt_audience, "iat": int(now.timestamp()),
                        "exp": int((now + dt.timedelta(hours=1)).timestamp())},
                       gateway.settings.jwt_secret, algorithm="HS256")
    response = post(client, "{ me { principal } }", token=token)
    assert response.status_code == 401, response.text
    assert codes(response.json()) == ["UNAUTHENTICATED"] and "data" not in response.json()
    assert response.headers["WWW-Authenticate"] == "Bearer"




def test_text_longer_than_its_column_is_bad_input_on_every_store_and_stores_nothing(api, gateway):
    """raiseDispute with a 101-character key answered INTERNAL on PostgreSQL (VARCHAR(100)) and
    was stored on SQLite; found by tests/test_mutation_fuzz.py."""
    from gateway.store.models import Dispute

    with gateway.services.store() as session:
        before = session.scalar(sa.select(sa.func.count()).select_from(Dispute))
    body = api("minzheng-app").query(
        """mutation($k: String!) { raiseDispute(dataset: "population", key: $k, field: "address",
           description: "地址与申请材料不一致") { id } }""", {"k": "4" * 101})
    assert codes(body) == ["BAD_INPUT"], body
    message = body["errors"][0]["message"]
    assert "at most 100 characters" in message and "101" in message
    with gateway.services.store() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Dispute)) == before
