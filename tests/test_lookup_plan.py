"""Plain lookups answered by their plan (resolvers/lookup_plan.py) answer exactly as
graphql-core's executor does, and leave the same audit trail.

Each case is sent twice over HTTP: as the plain document, which is planned, and with
``@include(if: true)`` on its lookup, which no plan takes (a directive), so graphql-core
executes it. Both must give the same answer, errors, locations and paths included, and the
same audit records.
"""
from __future__ import annotations

import pytest

from masking.check_digits import id_check_digit
from resolvers.lookup_plan import plan_for
from tests.conftest import PURPOSE, audited_since, newest_audit_id

PLAIN = """query($k: String!) { population(purpose: "%s") {
  lookup(key: $k) { name gender birthDate district } } }""" % PURPOSE
NO_PURPOSE = """query($k: String!) { population {
  lookup(key: $k) { district name } } }"""
PURPOSE_VARIABLE = """query($k: String!, $p: String) { population(purpose: $p) {
  lookup(key: $k) { birthDate } } }"""
LITERAL_KEY = """{ population(purpose: "%s") { lookup(key: "%%s") { name } } }""" % PURPOSE


DIRECTIVE = " @include(if: true)"


def _directive_at(document: str) -> int:
    return document.index(")", document.index("lookup(key: ")) + 1


def executed(document: str) -> str:
    """The same document with a directive on its lookup: graphql-core's executor answers it
    (the directive comes after the arguments, so the lookup's location is the same)."""
    end = _directive_at(document)
    return document[:end] + DIRECTIVE + document[end:]


def as_planned(document: str, answer: dict) -> dict:
    """``answer`` to ``executed(document)`` with its errors' locations moved back to where they
    are in ``document``: a field after the directive, on its line, sits further right."""
    at = _directive_at(document)
    line = document.count("\n", 0, at) + 1
    column = at - (document.rfind("\n", 0, at) + 1) + 1
    for error in answer.get("errors", []):
        for location in error.get("locations", []):
            if location["line"] == line and location["column"] > column:
                location["column"] -= len(DIRECTIVE)
    return answer


def trail(gateway, before: int) -> list[tuple]:
    return [(r.principal, r.dataset, r.mode, tuple(r.fields), r.purpose, r.rows, r.outcome,
             r.error_code, r.action, r.detail, r.subject_digest)
            for r in audited_since(gateway, before)]


def both_ways(api, gateway, document: str, variables: dict | None, principal="minzheng-app"):
    caller = api(principal)
    before = newest_audit_id(gateway)
    planned = caller.query(document, variables)
    planned_trail = trail(gateway, before)
    before = newest_audit_id(gateway)
    general = as_planned(document, caller.query(executed(document), variables))
    assert planned == general
    assert planned_trail == trail(gateway, before)
    return planned


def unknown_id(people) -> str:
    taken = {p["id_number"] for p in people}
    for serial in range(100, 999):
        body = f"44060619700101{serial:03d}"
        candidate = body + id_check_digit(body)
        if candidate not in taken:
            return candidate
    raise AssertionError("no free ID number")


def test_a_found_record_and_a_missing_one(api, gateway, people):
    person = people[5]
    body = both_ways(api, gateway, PLAIN, {"k": person["id_number"]})
    assert body["data"]["population"]["lookup"] == {
        "name": person["name"], "gender": person["gender"],
        "birthDate": str(person["birth_date"]), "district": person["district"]}
    body = both_ways(api, gateway, PLAIN, {"k": unknown_id(people)})
    assert body == {"data": {"population": {"lookup": None}}}


def test_refusals_are_the_same_field_errors(api, gateway, people):
    wrong = people[2]["id_number"][:-1] + ("0" if people[2]["id_number"][-1] != "0" else "1")
    body = both_ways(api, gateway, PLAIN, {"k": wrong})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_ID_NUMBER"]
    assert body["errors"][0]["path"] == ["population", "lookup"]
    body = both_ways(api, gateway, NO_PURPOSE, {"k": people[2]["id_number"]})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["PURPOSE_REQUIRED"]
    # a principal without this dataset has no such field: validation answers, not the plan
    body = both_ways(api, gateway, PLAIN, {"k": people[2]["id_number"]}, principal="renshe-app")
    assert body["errors"] and "data" not in body


@pytest.mark.parametrize("variables", [{}, {"k": None}, {"k": 440606}, {"k": ["x"]}, None])
def test_variables_the_plan_cannot_take_get_graphql_cores_errors(api, gateway, variables):
    body = both_ways(api, gateway, PLAIN, variables)
    assert body["errors"] and "data" not in body


def test_purpose_by_variable_and_key_by_literal(api, gateway, people):
    person = people[7]
    body = both_ways(api, gateway, PURPOSE_VARIABLE, {"k": person["id_number"], "p": PURPOSE})
    assert body["data"]["population"]["lookup"] == {"birthDate": str(person["birth_date"])}
    body = both_ways(api, gateway, PURPOSE_VARIABLE, {"k": person["id_number"], "p": None})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["PURPOSE_REQUIRED"]
    body = both_ways(api, gateway, LITERAL_KEY % person["id_number"], None)
    assert body["data"]["population"]["lookup"] == {"name": person["name"]}


def test_only_the_plain_shape_is_planned(gateway):
    """What the plan declines goes to the executor: aliases, fragments, directives,
    __typename, a field asked twice, a second root field, defaults, other operations."""
    from graphql import parse

    context = gateway.context_for("Bearer " + gateway.services.tokens.issue(
        "minzheng-app", gateway.services.clock.now()))
    schema = gateway.schemas.get(context.catalog, context.profile, context.view)
    fields = schema._dataset_fields
    assert plan_for(schema._schema, parse(PLAIN), fields) is not None
    assert plan_for(schema._schema, parse(LITERAL_KEY % "x"), fields) is not None
    declined = [
        PLAIN.replace("lookup(key: $k)", "found: lookup(key: $k)"),
        PLAIN.replace("{ name gender", "{ __typename name gender"),
        PLAIN.replace("{ name gender", "{ name name gender"),
        PLAIN.replace("lookup(key: $k)", "lookup(key: $k) @skip(if: false)"),
        PLAIN.replace("{ name gender birthDate district }", "{ ...F }")
        + " fragment F on PopulationRecord { name }",
        PLAIN.replace("($k: String!)", '($k: String! = "1")'),
        PLAIN.replace("population(", "me { principal } population("),
        PLAIN.replace("query(", "query Q("),  # a name alone is fine ...
    ]
    assert plan_for(schema._schema, parse(declined[-1]), fields) is not None
    for text in declined[:-1]:
        assert plan_for(schema._schema, parse(text), fields) is None, text
