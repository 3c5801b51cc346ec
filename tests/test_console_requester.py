"""The console's citizen consents and requester's side over HTTP (gateway/web/console/
consents.py, requests.py): giving a consent through giveConsent's use case; filing a share
request and applying for conditional open data through requestShare's and applyForOpenData's.
Refusals audited, HTML a person typed escaped, CSRF required."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from gateway.store.models import Department
from tests.conftest import Api, audited_since, newest_audit_id
from tests.test_console_http import ATTACK, browser, sign_in

CITIZEN = "citizen-demo"
CONSENT_DEPT = "h8consent"  # eligible for the tests' scenario only: nobody gains a grant
SCENARIO = "mutation($input: ScenarioInput!) { defineScenario(input: $input) { id } }"
END = "mutation($id: ID!, $r: String!) { endScenario(id: $id, reason: $r) { id } }"
CONSENTS = "{ consents { id department scenarioId dataset fields withdrawnAt } }"


@pytest.fixture(scope="module")
def scenario(gateway, client):
    """A live scenario named with HTML, using population's consent-required ethnicity."""
    with gateway.services.store() as session, session.begin():
        if session.get(Department, CONSENT_DEPT) is None:
            session.add(Department(code=CONSENT_DEPT, name="同意测试局"))
    admin = Api(client, gateway, "shuju-admin")
    until = (gateway.services.clock.today() + dt.timedelta(days=300)).isoformat()
    made = admin.query(SCENARIO, {"input": {
        "name": f"同意测试{ATTACK}", "purpose": "h8-consent-test", "departments": [CONSENT_DEPT],
        "validUntil": until,
        "items": [{"dataset": "population", "modes": ["LOOKUP"], "fields": ["district", "ethnicity"]}]}})
    scenario_id = made["data"]["defineScenario"]["id"]
    yield scenario_id
    admin.query(END, {"id": scenario_id, "r": "测试结束"})


def _offer_form(page_text: str, scenario_id) -> str:
    forms = re.findall(r'<form method="post" action="/me/consents" class="give-consent".*?</form>',
                       page_text, re.S)
    mine = [f for f in forms if f'name="scenario" value="{scenario_id}"' in f]
    assert len(mine) == 1, page_text
    return mine[0]


def test_a_citizen_gives_a_consent_as_giveConsent_does(gateway, client, scenario):
    web = browser(gateway)
    csrf = sign_in(web, CITIZEN)
    page = web.get("/me/consents")
    assert page.status_code == 200
    form = _offer_form(page.text, scenario)
    # only the consent-required field the scenario uses is offered, not district
    assert re.findall(r'name="field" value="([^"]+)"', form) == ["ethnicity"]
    assert f'name="department" value="{CONSENT_DEPT}"' in form
    # the scenario's name is shown escaped, never as markup
    assert ATTACK not in page.text and "&lt;script&gt;alert(" in page.text
    until = (gateway.services.clock.today() + dt.timedelta(days=30)).isoformat()
    before = newest_audit_id(gateway)
    given = web.post("/me/consents", data={
        "csrf": csrf, "scenario": scenario, "department": CONSENT_DEPT, "dataset": "population",
        "field": "ethnicity", "valid_until": until})
    assert given.status_code == 303, given.text
    consent_id = int(given.headers["location"].split("given=")[1])
    listed = Api(client, gateway, CITIZEN).query(CONSENTS)["data"]["consents"]
    mine = [c for c in listed if int(c["id"]) == consent_id]
    assert mine and mine[0]["department"] == CONSENT_DEPT and mine[0]["fields"] == ["ethnicity"]
    assert mine[0]["withdrawnAt"] is None
    audited = [r for r in audited_since(gateway, before) if r.action == "GIVE_CONSENT"]
    assert [(r.outcome, r.principal) for r in audited] == [("ALLOWED", CITIZEN)]
    shown = web.get(given.headers["location"])
    assert f'id="consent-{consent_id}"' in shown.text and 'id="done"' in shown.text


def test_a_consent_wider_than_the_consent_required_fields_is_refused(gateway, scenario):
    web = browser(gateway)
    csrf = sign_in(web, CITIZEN)
    until = (gateway.services.clock.today() + dt.timedelta(days=30)).isoformat()
    before = newest_audit_id(gateway)
    refused = web.post("/me/consents", data={
        "csrf": csrf, "scenario": scenario, "department": CONSENT_DEPT, "dataset": "population",
        "field": ["ethnicity", "name"], "valid_until": until})
    assert refused.status_code == 400 and 'id="refusal"' in refused.text
    assert "BAD_INPUT" in refused.text and "give-consent" in refused.text  # the forms stay
    bad_date = web.post("/me/consents", data={
        "csrf": csrf, "scenario": scenario, "department": CONSENT_DEPT, "dataset": "population",
        "field": "ethnicity", "valid_until": "not-a-date"})
    assert bad_date.status_code == 400
    denied = [r for r in audited_since(gateway, before) if r.action == "GIVE_CONSENT"]
    assert [r.outcome for r in denied] == ["DENIED", "DENIED"]


def test_giving_a_consent_needs_the_sessions_csrf_token_and_a_citizen(gateway, client, scenario):
    web = browser(gateway)
    sign_in(web, CITIZEN)
    count = len(Api(client, gateway, CITIZEN).query(CONSENTS)["data"]["consents"])
    form = {"scenario": scenario, "department": CONSENT_DEPT, "dataset": "population",
            "field": "ethnicity", "valid_until": "2030-01-01"}
    assert web.post("/me/consents", data=form).status_code == 403
    assert len(Api(client, gateway, CITIZEN).query(CONSENTS)["data"]["consents"]) == count
    steward = browser(gateway)
    csrf = sign_in(steward, "gongan-steward")
    before = newest_audit_id(gateway)
    assert steward.post("/me/consents", data={"csrf": csrf, **form}).status_code == 403
    denied = [r for r in audited_since(gateway, before) if r.action in ("GIVE_CONSENT", "LIST_CONSENTS")]
    assert denied and {r.outcome for r in denied} == {"DENIED"}
