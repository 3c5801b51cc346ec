"""The web console over HTTP (gateway/web/console): the portal anonymous, sessions in the
store, CSRF on every POST, another role's page refused and audited, a cookie replayed after
sign-out refused, user text escaped. The browser-driven tests are test_console_browser.py."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from starlette.testclient import TestClient

from gateway.store.models import Department, Principal, RoleAssignment, ShareRequest
from gateway.web.app import create_app
from gateway.web.console.messages import MESSAGES
from tests.conftest import Api, audited_since, newest_audit_id

DEPT = "console"  # the requesting department of these tests: no demo department gains a grant
STEWARD, APP = f"{DEPT}-steward", f"{DEPT}-app"
OWNER = "gongan-steward"  # population's steward
REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }"""
STATUS = """query($id: ID!) { shareRequest(id: $id) { status modes fields reason } }"""
ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def requester(gateway):
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        if session.get(Department, DEPT) is None:
            session.add(Department(code=DEPT, name="控制台测试局"))
            session.flush()
            for name, kind, role in ((STEWARD, "PERSON", "steward"), (APP, "APP", "app")):
                principal = Principal(name=name, display_name=name, kind=kind, department_code=DEPT)
                principal.roles = [RoleAssignment(role=role, assigned_at=now)]
                session.add(principal)
    return DEPT


def browser(gateway) -> TestClient:
    """A client with its own cookie jar (the shared `client` fixture's would leak sessions)."""
    return TestClient(create_app(gateway.settings, gateway), follow_redirects=False)


def sign_in(web: TestClient, principal: str) -> str:
    """Sign in with the dev principal picker; the session's CSRF token."""
    form = web.get("/signin")
    token = re.search(r'name="signin_token" value="([^"]+)"', form.text).group(1)
    signed = web.post("/signin", data={"signin_token": token, "principal": principal, "next": "/"})
    assert signed.status_code == 303, signed.text
    cookie = signed.headers["set-cookie"]
    assert "datagate_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    home = web.get("/")
    return re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)


def ask(client, gateway, **overrides) -> int:
    ask = {"dataset": "population", "modes": ["LOOKUP"], "fields": ["name", "gender", "district"],
           "purpose": "console-test", "purposeDescription": "核对", "users": "测试科",
           "expiresOn": "2027-06-30", **overrides}
    filed = Api(client, gateway, STEWARD).query(REQUEST, {"input": ask})
    return filed["data"]["requestShare"]["id"]


def test_catalog_in_both_languages_from_one_catalog(gateway):
    assert MESSAGES["zh"].keys() == MESSAGES["en"].keys()
    web = browser(gateway)
    zh = web.get("/")
    assert zh.status_code == 200 and "开放数据目录" in zh.text
    assert "default-src 'self'" in zh.headers["content-security-policy"]
    listed = re.findall(r'href="/datasets/([^"]+)"', zh.text)
    assert listed, zh.text
    en = web.get("/datasets", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Open data catalog" in en.text and "开放数据目录" not in en.text
    assert "Open data catalog" in web.get("/datasets?lang=en").text
    assert "Open data catalog" in web.get("/datasets").text  # the choice is remembered
    page = web.get(f"/datasets/{listed[0]}")
    assert page.status_code == 200 and "/open/catalog.jsonld" in page.text
    assert web.get("/datasets/population").status_code == 404  # not open: not listed


def test_catalog_filters(gateway):
    web = browser(gateway)
    every = re.findall(r'class="dataset-row"', web.get("/datasets").text)
    conditional = web.get("/datasets?open_type=CONDITIONAL")
    unconditional = web.get("/datasets?open_type=UNCONDITIONAL")
    shown = [len(re.findall('class="dataset-row"', r.text)) for r in (conditional, unconditional)]
    assert sum(shown) == len(every) and all(shown)
    assert "dataset-row" not in web.get("/datasets?q=no-such-words-anywhere").text


def test_a_post_without_the_sessions_csrf_token_is_refused_and_audited(gateway, client, requester):
    request_id = ask(client, gateway)
    web = browser(gateway)
    csrf = sign_in(web, OWNER)
    before = newest_audit_id(gateway)
    for sent in ({}, {"csrf": "forged"}, {"csrf": csrf[:-1]}):
        refused = web.post(f"/steward/requests/{request_id}/approve", data={"mode": "LOOKUP", **sent})
        assert refused.status_code == 403
    denied = [r for r in audited_since(gateway, before) if r.action == "CONSOLE_CSRF"]
    assert len(denied) == 3 and {r.outcome for r in denied} == {"DENIED"}
    assert {r.principal for r in denied} == {OWNER}
    status = Api(client, gateway, STEWARD).query(STATUS, {"id": request_id})
    assert status["data"]["shareRequest"]["status"] == "PENDING"
    # another session's token is not this one's either
    other = browser(gateway)
    other_csrf = sign_in(other, OWNER)
    assert web.post(f"/steward/requests/{request_id}/approve",
                    data={"csrf": other_csrf, "mode": "LOOKUP", "field": "name"}).status_code == 403
    assert web.post(f"/steward/requests/{request_id}/reject",
                    data={"csrf": csrf, "reason": "重复申请"}).status_code == 303


def test_another_roles_page_is_403_and_audited(gateway):
    web = browser(gateway)
    sign_in(web, "citizen-demo")
    before = newest_audit_id(gateway)
    page = web.get("/steward/inbox")
    assert page.status_code == 403 and "FORBIDDEN" in page.text
    [record] = [r for r in audited_since(gateway, before) if r.action == "CONSOLE_INBOX"]
    assert (record.principal, record.outcome, record.error_code) == ("citizen-demo", "DENIED", "FORBIDDEN")
    steward = browser(gateway)
    sign_in(steward, OWNER)
    before = newest_audit_id(gateway)
    assert steward.get("/me/accesses").status_code == 403  # a citizen's page
    [record] = [r for r in audited_since(gateway, before) if r.outcome == "DENIED"]
    assert (record.principal, record.mode) == (OWNER, "ACCESS_LOG_READ")
    anonymous = browser(gateway)
    assert anonymous.get("/steward/inbox").headers["location"] == "/signin?next=/steward/inbox"


def test_a_cookie_replayed_after_sign_out_is_refused(gateway, client, requester):
    request_id = ask(client, gateway)
    web = browser(gateway)
    csrf = sign_in(web, OWNER)
    cookie = web.cookies["datagate_session"]
    assert web.get("/steward/inbox").status_code == 200
    assert web.post("/signout", data={"csrf": csrf}).status_code == 303
    replay = browser(gateway)
    replay.cookies.set("datagate_session", cookie)
    assert replay.get("/steward/inbox").status_code == 303  # to sign-in: no session
    approve = replay.post(f"/steward/requests/{request_id}/approve",
                          data={"csrf": csrf, "mode": "LOOKUP", "field": "name"})
    assert approve.status_code == 303 and approve.headers["location"].startswith("/signin")
    status = Api(client, gateway, STEWARD).query(STATUS, {"id": request_id})
    assert status["data"]["shareRequest"]["status"] == "PENDING"
    assert browser(gateway).post("/signin", data={"principal": OWNER}).status_code == 403


def test_user_text_is_escaped(gateway, client, requester):
    request_id = ask(client, gateway, purposeDescription=ATTACK, users=ATTACK)
    web = browser(gateway)
    csrf = sign_in(web, OWNER)
    inbox = web.get("/steward/inbox").text
    assert ATTACK not in inbox and "<script>alert" not in inbox
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in inbox
    rejected = web.post(f"/steward/requests/{request_id}/reject",
                        data={"csrf": csrf, "reason": ATTACK}, follow_redirects=True)
    assert rejected.status_code == 200 and "<img src=x" not in rejected.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in rejected.text
    assert "<script>alert" not in web.get('/datasets?q=<script>alert(1)</script>').text
    assert web.get("/signin?next=//evil.example/").text.count('value="/"') == 1  # no open redirect


def test_approving_wider_than_asked_is_refused(gateway, client, requester):
    request_id = ask(client, gateway)
    web = browser(gateway)
    csrf = sign_in(web, OWNER)
    wider = web.post(f"/steward/requests/{request_id}/approve",
                     data={"csrf": csrf, "mode": ["LOOKUP", "COMPARE"], "field": "name"})
    assert wider.status_code == 400 and "WIDENING_NOT_ALLOWED" in wider.text
    status = Api(client, gateway, STEWARD).query(STATUS, {"id": request_id})
    assert status["data"]["shareRequest"]["status"] == "PENDING"


def test_the_auditor_filters_the_trail_and_exports_it_as_csv(gateway, client, requester):
    formula = '=HYPERLINK("http://127.0.0.1/x","y")'
    request_id = ask(client, gateway, purposeDescription="核对")
    owner = browser(gateway)
    owner_csrf = sign_in(owner, OWNER)
    assert owner.post(f"/steward/requests/{request_id}/reject",
                      data={"csrf": owner_csrf, "reason": formula}).status_code == 303
    assert owner.get("/audit").status_code == 403  # a steward is no auditor
    web = browser(gateway)
    sign_in(web, "auditor")
    assert 'href="/audit"' in web.get("/").text
    before = newest_audit_id(gateway)
    page = web.get("/audit?principal=gongan-steward&action=REJECT_SHARE_REQUEST")
    assert page.status_code == 200
    shown = re.findall(r'<tr class="record"><td>(\d+)</td>', page.text)
    assert shown and f"request {request_id}" in page.text
    denied = web.get("/audit?outcome=DENIED&principal=gongan-steward")
    assert "AUDIT_READ" in denied.text  # the steward's refused look at the trail
    assert "REJECT_SHARE_REQUEST" not in denied.text
    exported = web.get("/audit.csv?principal=gongan-steward&action=REJECT_SHARE_REQUEST")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "at", "principal"]
    assert {r[2] for r in rows[1:]} == {OWNER} and len(rows) - 1 >= len(shown)
    detail = [r[13] for r in rows[1:] if r[13].startswith(f"request {request_id}:")]
    assert detail == [f"request {request_id}: {formula}"]  # in the middle of a cell: text
    reads = [r for r in audited_since(gateway, before) if r.action == "AUDIT_READ"]
    assert len(reads) == 3 and {r.principal for r in reads} == {"auditor"}
    assert web.get("/audit?outcome=MAYBE").status_code == 400


def test_a_csv_cell_never_starts_a_formula():
    from gateway.web.console.auditor import cell
    assert [cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "plain", None, ["a", "b"])] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "plain", "", "a, b"]


def test_consents_are_a_citizens_page(gateway):
    web = browser(gateway)
    csrf = sign_in(web, OWNER)
    before = newest_audit_id(gateway)
    assert web.get("/me/consents").status_code == 403
    assert web.post("/me/consents/1/withdraw", data={"csrf": csrf}).status_code == 403
    refused = [r for r in audited_since(gateway, before) if r.outcome == "DENIED"]
    assert [(r.principal, r.action) for r in refused] == [(OWNER, "LIST_CONSENTS"),
                                                          (OWNER, "WITHDRAW_CONSENT")]
    citizen = browser(gateway)
    sign_in(citizen, "citizen-demo")
    listed = citizen.get("/me/consents")
    assert listed.status_code == 200 and 'id="consents"' in listed.text
    assert citizen.post("/me/consents/1/withdraw", data={}).status_code == 403  # no CSRF token


def test_the_inbox_counts_working_days_and_marks_the_overdue(gateway, client, requester):
    overdue_id, due_id = ask(client, gateway), ask(client, gateway)
    today = gateway.services.clock.today()
    late = today - dt.timedelta(days=14)
    with gateway.services.store() as session, session.begin():
        session.get(ShareRequest, overdue_id).due_on = late
    web = browser(gateway)
    sign_in(web, OWNER)
    inbox = web.get("/steward/inbox").text
    calendar = gateway.services.calendar
    behind = calendar.working_days_between(late, today)
    assert 8 <= behind <= 10  # two weeks back, holidays aside
    section = inbox[inbox.index(f'id="request-{overdue_id}"'):]
    assert re.search(rf'<span class="overdue">已逾期 {behind} 个工作日</span>', section[:3000])
    with gateway.services.store() as session:
        due_on = session.get(ShareRequest, due_id).due_on
    left = calendar.working_days_between(today, due_on)
    section = inbox[inbox.index(f'id="request-{due_id}"'):]
    assert f"剩余 {left} 个工作日" in section[:3000] and "overdue" not in section[:3000]
    assert inbox.index(f'id="request-{overdue_id}"') < inbox.index(f'id="request-{due_id}"')
