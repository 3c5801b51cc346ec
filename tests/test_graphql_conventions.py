"""GraphQL conventions (docs/api.md, "Ids and times"): object ids are `ID`s, every instant is
ISO 8601 at the platform's offset (+08:00)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import codes

ASK = """mutation { requestShare(input: {dataset: "population", modes: [LOOKUP], fields: ["name"],
  purpose: "conventions-check", purposeDescription: "ids and times", expiresOn: "2027-06-30"}) {
  id status filedAt } }"""
READ = "query($id: ID!) { shareRequest(id: $id) { id status filedAt } }"


@pytest.fixture
def asked(api):
    body = api("renshe-steward").query(ASK)
    assert "errors" not in body, body
    return body["data"]["requestShare"]


def test_an_id_is_a_string_and_is_taken_as_string_or_number(api, asked):
    assert isinstance(asked["id"], str) and asked["id"].isdigit()
    steward = api("gongan-steward")
    as_string = steward.query(READ, {"id": asked["id"]})["data"]["shareRequest"]
    as_number = steward.query(READ, {"id": int(asked["id"])})["data"]["shareRequest"]
    literal = steward.query("{ shareRequest(id: %s) { id } }" % asked["id"])["data"]["shareRequest"]
    assert as_string == as_number and literal["id"] == asked["id"]


@pytest.mark.parametrize("bad", ["abc", "-1", "1.5", "99999999999", "9" * 40, "１２", " "])
def test_an_id_this_api_never_gave_is_not_found_never_a_fault(api, bad):
    body = api("gongan-steward").query(READ, {"id": bad})
    assert codes(body) == ["NOT_FOUND"], body
    assert "id" in body["errors"][0]["message"]
    assert bad.strip() == "" or bad not in json.dumps(body, ensure_ascii=False)  # not echoed


def test_every_instant_is_given_at_the_platform_offset(api, asked):
    submitted = dt.datetime.fromisoformat(asked["filedAt"])
    assert submitted.utcoffset() == dt.timedelta(hours=8)
    # the audit trail is stored in UTC; the API shows it at +08:00 as well
    trail = api("auditor").query("{ auditLog(first: 5) { nodes { id at } } }")
    nodes = trail["data"]["auditLog"]["nodes"]
    assert nodes and all(n["at"].endswith("+08:00") and isinstance(n["id"], str) for n in nodes)
