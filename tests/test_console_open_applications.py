"""Applications for conditionally open data decided in the steward's inbox: as asked or
narrower, never wider; a rejection needs a reason; the applicant's text is escaped; the
decision is the GraphQL mutation's own (what GraphQL shows after it)."""
from __future__ import annotations

import hashlib
import re

from gateway.store.models import Principal, RoleAssignment
from tests.conftest import Api, audited_since, newest_audit_id
import pytest

from tests.test_console_http import browser as web_client, sign_in

APPLY = """mutation($i: ApplyForOpenDataInput!) { applyForOpenData(input: $i) { id status } }"""
READ = "query($id: ID!) { openApplication(id: $id) { status fields reason expiresOn reportEveryDays } }"


APPLICANT = "console-apply-org"  # its own organisation: the demo researcher's applications stay as they are


@pytest.fixture
def browser(gateway):
    return web_client(gateway)


@pytest.fixture(scope="module", autouse=True)
def applicant(gateway):
    with gateway.services.store() as session, session.begin():
        if session.get(Principal, APPLICANT) is None:
            person = Principal(name=APPLICANT, display_name="课题组（控制台测试）", kind="ORGANIZATION",
                               department_code=None, credit_code="91440604MA4W1XKR8K")
            person.roles = [RoleAssignment(role="researcher", assigned_by="test",
                                           assigned_at=gateway.services.clock.now())]
            session.add(person)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _apply(client, gateway, fields, description="研究就业结构") -> str:
    researcher = Api(client, gateway, APPLICANT)
    text = researcher.query('{ openCommitment(dataset: "socialInsurance") { text } }')[
        "data"]["openCommitment"]["text"]
    filed = researcher.query(APPLY, {"i": {
        "dataset": "socialInsurance", "fields": fields, "purpose": "labour-market-research",
        "purposeDescription": description, "channel": "SANDBOX", "commitmentAccepted": True,
        "commitmentSha256": hashlib.sha256(text.encode()).hexdigest()}})
    assert "errors" not in filed, filed
    return filed["data"]["applyForOpenData"]["id"]


def test_the_steward_approves_narrower_and_graphql_sees_exactly_that(gateway, client, browser):
    application = _apply(client, gateway, ["district", "insuranceType", "monthlyBase"],
                         description=HOSTILE)
    csrf = sign_in(browser, "renshe-steward")
    inbox = browser.get("/steward/inbox")
    assert f'id="application-{application}"' in inbox.text
    assert HOSTILE not in inbox.text and "&lt;script&gt;" in inbox.text
    before = newest_audit_id(gateway)
    wider = browser.post(f"/steward/applications/{application}/decision", data={
        "csrf": csrf, "decision": "approve", "field": ["district", "salary"],
        "expires_on": "2027-06-30", "every": "30"})
    assert wider.status_code == 400 and "WIDENING_NOT_ALLOWED" in wider.text
    decided = browser.post(f"/steward/applications/{application}/decision", data={
        "csrf": csrf, "decision": "approve", "field": ["district", "insuranceType"],
        "expires_on": "2027-06-30", "every": "30"})
    assert decided.status_code == 303, decided.text
    read = Api(client, gateway, APPLICANT).query(READ, {"id": application})["data"]["openApplication"]
    assert (read["status"], read["fields"], read["expiresOn"], read["reportEveryDays"]) == \
        ("APPROVED", ["district", "insuranceType"], "2027-06-30", 30)
    actions = [(r.action, r.outcome, r.error_code) for r in audited_since(gateway, before)]
    assert ("APPROVE_OPEN_APPLICATION", "DENIED", "WIDENING_NOT_ALLOWED") in actions
    assert ("APPROVE_OPEN_APPLICATION", "ALLOWED", None) in actions
    assert f'id="application-{application}"' not in browser.get("/steward/inbox").text


def test_a_rejection_needs_a_reason_and_other_roles_and_forged_forms_are_refused(gateway, client, browser):
    application = _apply(client, gateway, ["district"])
    csrf = sign_in(browser, "renshe-steward")
    url = f"/steward/applications/{application}/decision"
    no_reason = browser.post(url, data={"csrf": csrf, "decision": "reject", "reason": "  "})
    assert no_reason.status_code == 400
    forged = browser.post(url, data={"csrf": "x" * len(csrf), "decision": "reject", "reason": "不符合"})
    assert forged.status_code == 403
    rejected = browser.post(url, data={"csrf": csrf, "decision": "reject", "reason": "用途与数据不符"})
    assert rejected.status_code == 303
    read = Api(client, gateway, APPLICANT).query(READ, {"id": application})["data"]["openApplication"]
    assert (read["status"], read["reason"]) == ("REJECTED", "用途与数据不符")
    other = _apply(client, gateway, ["district"])
    gongan_csrf = sign_in(browser, "gongan-steward")  # a steward of another department
    refused = browser.post(f"/steward/applications/{other}/decision", data={
        "csrf": gongan_csrf, "decision": "approve", "field": ["district"], "expires_on": "2027-06-30"})
    assert refused.status_code == 403 and "FORBIDDEN" in refused.text
    assert not re.search(rf'id="application-{other}"', browser.get("/steward/inbox").text)
