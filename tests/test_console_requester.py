"""The console's citizen consents and requester's side over HTTP (gateway/web/console/
consents.py, requests.py): giving a consent through giveConsent's use case; filing a share
request and applying for conditional open data through requestShare's and applyForOpenData's.
Refusals audited, HTML a person typed escaped, CSRF required."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from gateway.identifiers import make_credit_code
from gateway.store.models import Department, Principal, RoleAssignment
from tests.conftest import Api, audited_since, newest_audit_id
from tests.test_console_http import ATTACK, browser, sign_in

CITIZEN = "citizen-demo"
CONSENT_DEPT = "h8consent"  # eligible for the tests' scenario only: nobody gains a grant
SCENARIO = "mutation($input: ScenarioInput!) { defineScenario(input: $input) { id } }"
END = "mutation($id: ID!, $r: String!) { endScenario(id: $id, reason: $r) { id } }"
REQUESTER_DEPT, REQ_STEWARD, ORG = "h8req", "h8req-steward", "h8-org"
OWNER = "gongan-steward"  # population's steward
STATUS = """query($id: ID!) { shareRequest(id: $id) { status modes fields grant { id } } }"""
APPLICATION = """query($id: ID!) { openApplication(id: $id) { status fields channel } }"""
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


@pytest.fixture(scope="module")
def requester(gateway):
    """A department of the tests' own with a steward, and an organisation: no demo principal
    gains a grant or an application from these tests."""
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        if session.get(Department, REQUESTER_DEPT) is None:
            session.add(Department(code=REQUESTER_DEPT, name="申请测试局"))
            session.flush()
            steward = Principal(name=REQ_STEWARD, display_name="申请测试局管理员", kind="PERSON",
                                department_code=REQUESTER_DEPT)
            steward.roles = [RoleAssignment(role="steward", assigned_at=now)]
            org = Principal(name=ORG, display_name="测试研究所", kind="ORGANIZATION",
                            credit_code=make_credit_code("91440600MA4H8T3X0"))
            org.roles = [RoleAssignment(role="researcher", assigned_at=now)]
            session.add_all([steward, org])
    return REQUESTER_DEPT


def _form(text: str, css_class: str) -> str:
    found = re.findall(rf'<form method="post" action="[^"]+" class="{css_class}">.*?</form>', text, re.S)
    assert len(found) == 1, text
    return found[0]


def test_a_steward_files_a_share_request_and_sees_its_state(gateway, client, requester):
    web = browser(gateway)
    csrf = sign_in(web, REQ_STEWARD)
    assert 'href="/requests"' in web.get("/").text
    page = web.get("/requests")
    assert page.status_code == 200
    offered = re.findall(r'<option value="([^"]+)"', page.text)
    assert "population" in offered
    form = _form(web.get("/requests?dataset=population").text, "file-request")
    assert 'name="field" value="ethnicity"' in form and 'name="mode" value="LOOKUP"' in form
    expires = (gateway.services.clock.today() + dt.timedelta(days=200)).isoformat()
    before = newest_audit_id(gateway)
    filed = web.post("/requests", data={
        "csrf": csrf, "dataset": "population", "mode": ["LOOKUP", "COMPARE"],
        "field": ["name", "district"], "purpose": "h8-console-request",
        "purpose_description": f"核对{ATTACK}", "users": f"测试科{ATTACK}", "expires_on": expires})
    assert filed.status_code == 303, filed.text
    request_id = filed.headers["location"].split("filed=")[1]
    assert [r.outcome for r in audited_since(gateway, before) if r.action == "REQUEST_SHARE"] == ["ALLOWED"]
    status = Api(client, gateway, REQ_STEWARD).query(STATUS, {"id": request_id})["data"]["shareRequest"]
    assert status == {"status": "PENDING", "modes": ["COMPARE", "LOOKUP"], "fields": ["district", "name"],
                      "grant": None}
    mine = web.get(filed.headers["location"])
    assert f'id="my-request-{request_id}"' in mine.text and 'id="done"' in mine.text
    # the owner's inbox shows what was typed escaped
    owner = browser(gateway)
    owner_csrf = sign_in(owner, OWNER)
    inbox = owner.get("/steward/inbox").text
    assert ATTACK not in inbox and "测试科&lt;script&gt;" in inbox
    # approved narrower there; the requester's page shows the grant and what it covers
    approved = owner.post(f"/steward/requests/{request_id}/approve",
                          data={"csrf": owner_csrf, "mode": "LOOKUP", "field": "district"})
    assert approved.status_code == 303
    row = re.search(rf'<tr id="my-request-{request_id}">.*?</tr>', web.get("/requests").text, re.S).group(0)
    grant = Api(client, gateway, REQ_STEWARD).query(STATUS, {"id": request_id})["data"]["shareRequest"]["grant"]
    assert grant and f'<td class="grant">{grant["id"]}</td>' in row
    assert '<td class="modes">LOOKUP</td>' in row and '<td class="fields">district</td>' in row


def test_a_refused_request_keeps_the_form_and_is_audited(gateway, requester):
    web = browser(gateway)
    csrf = sign_in(web, REQ_STEWARD)
    before = newest_audit_id(gateway)
    refused = web.post("/requests", data={
        "csrf": csrf, "dataset": "population", "field": "name", "purpose": f"p{ATTACK}",
        "purpose_description": "x", "users": "y", "expires_on": "2030-01-01"})  # no mode
    assert refused.status_code == 400 and 'id="refusal"' in refused.text
    assert ATTACK not in refused.text and 'value="p&lt;script&gt;' in refused.text
    assert [r.outcome for r in audited_since(gateway, before) if r.action == "REQUEST_SHARE"] == ["DENIED"]
    assert web.post("/requests", data={"dataset": "population"}).status_code == 403  # no CSRF token
    citizen = browser(gateway)
    sign_in(citizen, CITIZEN)
    before = newest_audit_id(gateway)
    assert citizen.get("/requests").status_code == 403
    assert [r.outcome for r in audited_since(gateway, before) if r.action == "CONSOLE_REQUESTS"] == ["DENIED"]


def test_an_organisation_applies_signing_the_commitment(gateway, client, requester):
    web = browser(gateway)
    csrf = sign_in(web, ORG)
    assert 'href="/applications"' in web.get("/").text
    dataset = web.get("/datasets/socialInsurance").text
    assert 'href="/applications?dataset=socialInsurance"' in dataset
    page = web.get("/applications?dataset=socialInsurance")
    form = _form(page.text, "apply")
    assert "本单位承诺" in form  # the commitment to sign is shown
    digest = re.search(r'name="commitment_sha256" value="([0-9a-f]{64})"', form).group(1)
    typed = {"csrf": csrf, "dataset": "socialInsurance", "field": ["district"], "channel": "API",
             "purpose": "h8-research", "purpose_description": f"研究{ATTACK}",
             "commitment_sha256": digest}
    before = newest_audit_id(gateway)
    unsigned = web.post("/applications", data=typed)
    assert unsigned.status_code == 400 and 'id="refusal"' in unsigned.text
    assert ATTACK not in unsigned.text and "研究&lt;script&gt;" in unsigned.text
    changed = web.post("/applications", data={**typed, "commitment_accepted": "yes",
                                              "commitment_sha256": "0" * 64})
    assert changed.status_code == 400
    applied = web.post("/applications", data={**typed, "commitment_accepted": "yes"})
    assert applied.status_code == 303, applied.text
    application_id = applied.headers["location"].split("applied=")[1]
    outcomes = [r.outcome for r in audited_since(gateway, before) if r.action == "APPLY_OPEN_DATA"]
    assert outcomes == ["DENIED", "DENIED", "ALLOWED"]
    seen = Api(client, gateway, ORG).query(APPLICATION, {"id": application_id})["data"]["openApplication"]
    assert seen == {"status": "PENDING", "fields": ["district"], "channel": "API"}
    mine = web.get("/applications").text
    assert f'id="my-application-{application_id}"' in mine
    steward = browser(gateway)
    sign_in(steward, REQ_STEWARD)
    before = newest_audit_id(gateway)
    assert steward.get("/applications").status_code == 403
    assert [r.outcome for r in audited_since(gateway, before)
            if r.action == "CONSOLE_APPLICATIONS"] == ["DENIED"]


def test_the_catalog_filtered_by_theme(gateway):
    web = browser(gateway)
    every = web.get("/datasets").text
    themes = sorted(set(re.findall(r'<td class="theme">([^<]*)</td>', every)) - {""})
    assert len(themes) >= 2, every  # the demo's open datasets are of different themes
    options = re.search(r'<select name="theme" id="filter-theme">.*?</select>', every, re.S).group(0)
    assert all(f'value="{theme}"' in options for theme in themes)
    counts = []
    for theme in themes:
        shown = web.get("/datasets", params={"theme": theme}).text
        cells = re.findall(r'<td class="theme">([^<]*)</td>', shown)
        assert cells and set(cells) == {theme}
        counts.append(len(cells))
    assert sum(counts) <= every.count('class="dataset-row"')
    assert "dataset-row" not in web.get("/datasets", params={"theme": "没有这个主题"}).text


def test_the_audit_trail_filtered_by_days(gateway, requester):
    from gateway.clock import SHANGHAI
    citizen = browser(gateway)
    sign_in(citizen, CITIZEN)
    citizen.get("/requests")  # refused: one CONSOLE_REQUESTS record of the citizen, today
    records = [r for r in audited_since(gateway, 0)
               if r.principal == CITIZEN and r.action == "CONSOLE_REQUESTS"]
    day = records[-1].at.astimezone(SHANGHAI).date()
    web = browser(gateway)
    sign_in(web, "auditor")
    base = {"principal": CITIZEN, "action": "CONSOLE_REQUESTS"}

    def shown(**days) -> int:
        page = web.get("/audit", params={**base, **days})
        assert page.status_code == 200, page.text
        return page.text.count('class="record"')

    one, before, after = day.isoformat(), (day - dt.timedelta(days=1)).isoformat(), \
        (day + dt.timedelta(days=1)).isoformat()
    assert shown() == len(records) and len(records) >= 1
    assert shown(since=one, until=one) == shown(since=one) == len(records)  # until is inclusive
    assert shown(until=before) == 0 and shown(since=after) == 0
    assert 'name="since" value="%s"' % one in web.get("/audit", params={**base, "since": one}).text
    csv_rows = web.get("/audit.csv", params={**base, "until": before}).text.strip().splitlines()
    assert len(csv_rows) == 1  # the header only
    assert web.get("/audit", params={"since": "31/12/2026"}).status_code == 400
