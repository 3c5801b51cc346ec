"""A refused workflow act on a request, release, grant or application names its dataset in
the audit trail, as the allowed act does: an auditor who filters the trail by dataset finds
refused reviews and probes of another department's ids too, not only the allowed ones."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from gateway.store.models import AuditRecord
from gateway.web.app import Gateway, create_app
from gateway.demo.setup import ensure_demo_world
from tests.conftest import Api, audited_since, codes, make_settings, newest_audit_id

REQUEST = "mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }"
REJECT_REQUEST = 'mutation($id: ID!) { rejectShareRequest(id: $id, reason: "不属于本部门") { id } }'
SUBMIT_RELEASE = "mutation($c: String!) { submitOpenRelease(code: $c) { id } }"
REVIEW_RELEASE = """mutation($id: ID!, $ok: Boolean!) {
  reviewOpenRelease(id: $id, approve: $ok, note: "") { id status } }"""


@pytest.fixture(scope="module")
def world(tmp_path_factory, demo_source_urls):
    data_dir = tmp_path_factory.mktemp("refusals")
    gateway = Gateway(make_settings(data_dir, f"sqlite:///{data_dir / 'store.sqlite'}"))
    ensure_demo_world(gateway.services, data_dir, source_urls=demo_source_urls, populate=False)
    with TestClient(create_app(gateway.settings, gateway)) as client:
        yield gateway, lambda principal: Api(client, gateway, principal)
    gateway.close()


def _refused(gateway, before: int, action: str) -> AuditRecord:
    found = [r for r in audited_since(gateway, before) if r.action == action and r.outcome == "DENIED"]
    assert len(found) == 1, [(r.action, r.outcome) for r in audited_since(gateway, before)]
    return found[0]


def test_a_refused_review_of_an_open_release_names_its_dataset(world):
    gateway, api = world
    submitted = api("shichang-steward").query(SUBMIT_RELEASE, {"c": "enterprises"})
    assert "errors" not in submitted, submitted
    release_id = submitted["data"]["submitOpenRelease"]["id"]
    before = newest_audit_id(gateway)
    rejected = api("shuju-admin").query(REVIEW_RELEASE, {"id": release_id, "ok": False})
    assert codes(rejected) == ["BAD_INPUT"]  # a rejection says why
    assert _refused(gateway, before, "REJECT_OPEN_RELEASE").dataset == "enterprises"
    before = newest_audit_id(gateway)
    probed = api("renshe-steward").query(REVIEW_RELEASE, {"id": release_id, "ok": True})
    assert codes(probed) == ["FORBIDDEN"]
    assert _refused(gateway, before, "APPROVE_OPEN_RELEASE").dataset == "enterprises"


def test_a_refused_decision_on_a_share_request_names_its_dataset(world):
    gateway, api = world
    ask = {"dataset": "population", "modes": ["LOOKUP"], "fields": ["name", "district"],
           "purpose": "refusal-audit", "purposeDescription": "核对", "users": "测试科",
           "expiresOn": "2027-06-30"}
    filed = api("minzheng-steward").query(REQUEST, {"input": ask})
    assert "errors" not in filed, filed
    before = newest_audit_id(gateway)
    probed = api("renshe-steward").query(REJECT_REQUEST, {"id": filed["data"]["requestShare"]["id"]})
    assert codes(probed) == ["FORBIDDEN"]  # population is gongan's
    assert _refused(gateway, before, "REJECT_SHARE_REQUEST").dataset == "population"


def test_an_unknown_id_is_refused_with_no_dataset(world):
    gateway, api = world
    before = newest_audit_id(gateway)
    assert codes(api("shuju-admin").query(REVIEW_RELEASE, {"id": "987654", "ok": True})) == ["NOT_FOUND"]
    assert _refused(gateway, before, "APPROVE_OPEN_RELEASE").dataset is None
