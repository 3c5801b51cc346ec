"""The researcher's workbench over HTTP (gateway/web/console/workbench.py), on both stores:
a session opened on the approved application, a query's table, a withheld result's refusal
and its release asked for, decided by the steward from the inbox and then shown; usage
reports filed; SQL, column names and reasons escaped; another role refused and audited;
CSRF. The browser-driven flow is in test_console_workbench_browser.py."""
from __future__ import annotations

import re

import pytest

from tests.conftest import audited_since, newest_audit_id
from tests.test_console_http import ATTACK, browser, sign_in

RESEARCHER, OWNER = "researcher", "renshe-steward"  # socialInsurance's steward
BY_DISTRICT = "SELECT district, count(*) AS n FROM socialInsurance GROUP BY district ORDER BY district"
SMALL_GROUPS = ("SELECT district, status, insuranceType, since, count(*) AS n FROM socialInsurance "
                "GROUP BY ALL ORDER BY ALL")
HX = {"HX-Request": "true"}


@pytest.fixture
def researcher(gateway):
    web = browser(gateway)
    csrf = sign_in(web, RESEARCHER)
    return web, csrf


def opened(web, csrf) -> str:
    """A new session's id, opened from the workbench's form."""
    front = web.get("/workbench")
    assert front.status_code == 200 and 'value="socialInsurance"' in front.text, front.text
    answer = web.post("/workbench/sessions", data={"csrf": csrf, "dataset": "socialInsurance"})
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].rsplit("/", 1)[1]


@pytest.fixture
def session_id(researcher):
    """A session opened from the workbench, closed afterwards (a principal may hold three)."""
    web, csrf = researcher
    opened_id = opened(web, csrf)
    yield opened_id
    web.post(f"/workbench/sessions/{opened_id}/close", data={"csrf": csrf})


def test_a_query_a_withheld_result_its_release_and_the_stewards_decision(gateway, researcher, session_id):
    web, csrf = researcher
    page = web.get(f"/workbench/sessions/{session_id}")
    assert page.status_code == 200
    assert 'id="table-socialInsurance"' in page.text and "<code>district</code>" in page.text
    assert "<code>name</code>" not in page.text  # not an approved field: not loaded

    table = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": csrf, "sql": BY_DISTRICT},
                     headers=HX)
    assert table.status_code == 200 and 'id="result-table"' in table.text
    assert '<th scope="col">district</th>' in table.text and "<html" not in table.text  # a fragment

    withheld = web.post(f"/workbench/sessions/{session_id}/query",
                        data={"csrf": csrf, "sql": SMALL_GROUPS}, headers=HX)
    assert withheld.status_code == 200  # htmx swaps no 4xx: the refusal is in the fragment
    assert 'id="result-table"' not in withheld.text
    assert '<code id="refusal-code">OUTPUT_CHECK_FAILED</code>' in withheld.text
    assert "<code>small_groups</code>" in withheld.text and 'id="ask-release"' in withheld.text
    plain = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": csrf, "sql": SMALL_GROUPS})
    assert plain.status_code == 403 and "OUTPUT_CHECK_FAILED" in plain.text  # without htmx: a page

    asked = web.post(f"/workbench/sessions/{session_id}/releases", headers=HX,
                     data={"csrf": csrf, "sql": SMALL_GROUPS, "justification": "课题报告附录需要"})
    release_id = re.search(r'href="/workbench/releases/(\d+)"', asked.text).group(1)
    assert "待处理" in asked.text
    waiting = web.get(f"/workbench/releases/{release_id}")
    assert "待处理" in waiting.text and 'id="result-table"' not in waiting.text
    assert f'href="/workbench/releases/{release_id}"' in web.get("/workbench").text

    steward = browser(gateway)
    steward_csrf = sign_in(steward, OWNER)
    inbox = steward.get("/steward/inbox")
    assert f'id="sandbox-release-{release_id}"' in inbox.text and "课题报告附录需要" in inbox.text
    decided = steward.post(f"/steward/releases/{release_id}/decision",
                           data={"csrf": steward_csrf, "approve": "true", "note": ""})
    assert decided.status_code == 303
    assert f'id="sandbox-release-{release_id}"' not in steward.get("/steward/inbox").text

    released = web.get(f"/workbench/releases/{release_id}")
    assert "已批准" in released.text and 'id="result-table"' in released.text
    assert '<th scope="col">insuranceType</th>' in released.text


def test_opening_without_an_approved_application_is_refused_with_its_reason(gateway, researcher):
    web, csrf = researcher
    before = newest_audit_id(gateway)
    refused = web.post("/workbench/sessions", data={"csrf": csrf, "dataset": "population"})
    assert refused.status_code == 403 and 'id="refusal"' in refused.text
    assert "FORBIDDEN_DATASET" in refused.text
    [record] = [r for r in audited_since(gateway, before) if r.action == "SANDBOX_OPEN"]
    assert (record.principal, record.outcome, record.error_code) == (RESEARCHER, "DENIED", "FORBIDDEN_DATASET")


def test_without_htmx_the_page_comes_back_with_the_result_and_the_sql(gateway, researcher, session_id):
    web, csrf = researcher
    page = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": csrf, "sql": BY_DISTRICT})
    assert page.status_code == 200 and "<html" in page.text and 'id="result-table"' in page.text
    assert f">{BY_DISTRICT}</textarea>" in page.text  # the editor keeps the query
    assert 'id="table-socialInsurance"' in page.text
    closed = web.post(f"/workbench/sessions/{session_id}/close", data={"csrf": csrf})
    assert closed.status_code == 303
    gone = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": csrf, "sql": BY_DISTRICT},
                    headers=HX)
    assert 'id="result-table"' not in gone.text and 'id="refusal-code"' in gone.text


def test_sql_column_names_and_reasons_are_escaped(gateway, researcher, session_id):
    web, csrf = researcher
    column = '"' + ATTACK.replace('"', '""') + '"'
    sql = f"SELECT district AS {column}, count(*) AS n FROM socialInsurance GROUP BY 1 -- {ATTACK}"
    for headers in (HX, {}):
        answer = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": csrf, "sql": sql},
                          headers=headers)
        assert answer.status_code == 200, answer.text
        assert ATTACK not in answer.text and "<script>alert" not in answer.text
        assert "&lt;script&gt;" in answer.text
    refused = f"SELECT district, status, insuranceType, since, count(*) AS n FROM socialInsurance GROUP BY ALL -- {ATTACK}"
    withheld = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": csrf, "sql": refused},
                        headers=HX)
    assert 'id="ask-release"' in withheld.text and ATTACK not in withheld.text
    asked = web.post(f"/workbench/sessions/{session_id}/releases", headers=HX,
                     data={"csrf": csrf, "sql": refused, "justification": ATTACK})
    release_id = re.search(r'href="/workbench/releases/(\d+)"', asked.text).group(1)
    for page in (web.get(f"/workbench/releases/{release_id}").text, web.get("/workbench").text):
        assert ATTACK not in page and "<script>alert" not in page
    steward = browser(gateway)
    sign_in(steward, OWNER)
    inbox = steward.get("/steward/inbox").text
    assert f'id="sandbox-release-{release_id}"' in inbox
    assert ATTACK not in inbox and "<script>alert" not in inbox and "&lt;img src=x" in inbox


def test_usage_reports_are_filed_and_listed(gateway, researcher):
    web, csrf = researcher
    front = web.get("/workbench").text
    application_id = re.search(r'action="/workbench/applications/(\d+)/reports"', front).group(1)
    before = newest_audit_id(gateway)
    filed = web.post(f"/workbench/applications/{application_id}/reports",
                     data={"csrf": csrf, "body": f"本期用于就业结构分析 {ATTACK}"}, follow_redirects=True)
    if filed.status_code == 200:  # a period was owed (unless another test filed it): listed, escaped
        assert "本期用于就业结构分析" in filed.text and ATTACK not in filed.text
        assert "&lt;script&gt;" in filed.text
        [record] = [r for r in audited_since(gateway, before) if r.action == "SUBMIT_USAGE_REPORT"]
        assert record.outcome == "ALLOWED"
    # the next period has not started: refused with the use case's reason, and audited
    before = newest_audit_id(gateway)
    ahead = web.post(f"/workbench/applications/{application_id}/reports",
                     data={"csrf": csrf, "body": "提前报告"})
    assert ahead.status_code == 400 and 'id="refusal"' in ahead.text and "BAD_INPUT" in ahead.text
    [record] = [r for r in audited_since(gateway, before) if r.action == "SUBMIT_USAGE_REPORT"]
    assert (record.principal, record.outcome) == (RESEARCHER, "DENIED")


def test_another_roles_workbench_is_403_and_audited(gateway, researcher):
    steward = browser(gateway)
    steward_csrf = sign_in(steward, OWNER)
    before = newest_audit_id(gateway)
    assert steward.get("/workbench").status_code == 403
    assert steward.post("/workbench/sessions", data={"csrf": steward_csrf,
                                                      "dataset": "socialInsurance"}).status_code == 403
    records = [r for r in audited_since(gateway, before) if r.action == "CONSOLE_WORKBENCH"]
    assert [(r.principal, r.outcome) for r in records] == [(OWNER, "DENIED")] * 2
    web, csrf = researcher
    before = newest_audit_id(gateway)
    assert web.post("/steward/releases/1/decision", data={"csrf": csrf, "approve": "true"}).status_code == 403
    [record] = [r for r in audited_since(gateway, before) if r.action == "SANDBOX_RELEASE_DECISION"]
    assert (record.principal, record.outcome) == (RESEARCHER, "DENIED")
    anonymous = browser(gateway)
    assert anonymous.get("/workbench").headers["location"].startswith("/signin")


def test_a_query_without_the_sessions_csrf_token_is_refused(gateway, researcher, session_id):
    web, csrf = researcher
    before = newest_audit_id(gateway)
    for token in ("", "forged"):
        answer = web.post(f"/workbench/sessions/{session_id}/query", data={"csrf": token, "sql": BY_DISTRICT})
        assert answer.status_code == 403 and 'id="result-table"' not in answer.text
    denied = [r for r in audited_since(gateway, before) if r.action == "CONSOLE_CSRF"]
    assert len(denied) == 2
    assert not [r for r in audited_since(gateway, before) if r.action == "SANDBOX_QUERY"]


def test_a_release_rejected_from_the_inbox_needs_a_note_the_researcher_reads(gateway, researcher, session_id):
    web, csrf = researcher
    asked = web.post(f"/workbench/sessions/{session_id}/releases", headers=HX,
                     data={"csrf": csrf, "sql": SMALL_GROUPS, "justification": "需要"})
    release_id = re.search(r'href="/workbench/releases/(\d+)"', asked.text).group(1)
    steward = browser(gateway)
    steward_csrf = sign_in(steward, OWNER)
    bare = steward.post(f"/steward/releases/{release_id}/decision",
                        data={"csrf": steward_csrf, "approve": "false", "note": " "})
    assert bare.status_code == 400 and "BAD_INPUT" in bare.text
    assert f'id="sandbox-release-{release_id}"' in steward.get("/steward/inbox").text  # still waiting
    rejected = steward.post(f"/steward/releases/{release_id}/decision",
                            data={"csrf": steward_csrf, "approve": "false", "note": "小于最小分组，不予发布"})
    assert rejected.status_code == 303
    seen = web.get(f"/workbench/releases/{release_id}").text
    assert "已驳回" in seen and "小于最小分组，不予发布" in seen and 'id="result-table"' not in seen
