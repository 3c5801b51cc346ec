"""The data authority's console pages over HTTP (gateway/web/console/authority.py): catalog
drafts reviewed, scenarios defined and ended, overdue work and the §17 clocks, the dashboard's
charts; another role refused (403, audited), CSRF refused, user text escaped. The browser
tests are test_console_authority_browser.py."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pytest

from gateway.store.models import CatalogDraft, CatalogDuty
from tests.conftest import Api, audited_since, newest_audit_id
from tests.test_console_http import ATTACK, browser, sign_in

AUTHORITY, STEWARD = "shuju-admin", "renshe-steward"
DRAFT = "mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }"
DRAFTS = "{ catalogDrafts { id code status reviewNote } }"
_codes = itertools.count(1)


def entry(code: str, name: str = "参保缴费基数（控制台测试）", **extra) -> dict:
    return {"code": code, "name": name, "shareType": "CONDITIONAL", "openType": "CONDITIONAL",
            "keyField": "idNumber", "sourceCode": "renshe-db", "tableName": "social_insurance",
            "description": "控制台审核测试", "updateFrequency": "monthly",
            "fields": [{"name": "idNumber", "column": "id_number", "dataType": "STRING",
                        "sensitivity": "DIRECT_IDENTIFIER", "identifierKind": "ID_NUMBER",
                        "masking": {"open": "hash"}},
                       {"name": "district", "dataType": "STRING", "sensitivity": "INTERNAL",
                        "dimension": True}], **extra}


def submitted_draft(client, gateway, code: str = "", **extra) -> int:
    """A draft saved and submitted by renshe's steward over GraphQL; its id."""
    steward = Api(client, gateway, STEWARD)
    saved = steward.query(DRAFT, {"e": entry(code or f"consoleReview{next(_codes)}", **extra)})
    assert "errors" not in saved, saved
    draft_id = int(saved["data"]["saveCatalogDraft"]["id"])
    submitted = steward.query(f"mutation {{ submitCatalogDraft(id: {draft_id}) {{ status }} }}")
    assert submitted["data"]["submitCatalogDraft"]["status"] == "SUBMITTED", submitted
    return draft_id


def draft_state(gateway, draft_id: int) -> tuple[str, str | None]:
    with gateway.services.store() as session:
        draft = session.get(CatalogDraft, draft_id)
        return draft.status, draft.review_note


def test_the_authority_publishes_and_sends_back_drafts(gateway, client):
    published_id, returned_id = submitted_draft(client, gateway), submitted_draft(client, gateway)
    web = browser(gateway)
    csrf = sign_in(web, AUTHORITY)
    assert 'href="/authority"' in web.get("/").text
    listed = web.get("/authority/drafts")
    assert listed.status_code == 200
    assert f'href="/authority/drafts/{published_id}"' in listed.text
    detail = web.get(f"/authority/drafts/{published_id}")
    assert detail.status_code == 200 and "<code>open: hash</code>" in detail.text
    assert "新目录条目" in detail.text and 'action="/authority/drafts/%d/publish"' % published_id in detail.text
    before = newest_audit_id(gateway)
    empty = web.post(f"/authority/drafts/{returned_id}/return", data={"csrf": csrf, "note": " "})
    assert empty.status_code == 400 and "BAD_INPUT" in empty.text  # a note says what to change
    [refusal] = [r for r in audited_since(gateway, before) if r.outcome == "DENIED"]
    assert (refusal.principal, refusal.action) == (AUTHORITY, "RETURN_CATALOG_DRAFT")
    sent_back = web.post(f"/authority/drafts/{returned_id}/return",
                         data={"csrf": csrf, "note": "字段说明不全"})
    assert sent_back.status_code == 303
    published = web.post(f"/authority/drafts/{published_id}/publish",
                         data={"csrf": csrf, "note": "同意发布"}, follow_redirects=True)
    assert published.status_code == 200 and 'id="done"' in published.text
    assert draft_state(gateway, returned_id) == ("RETURNED", "字段说明不全")
    assert draft_state(gateway, published_id) == ("PUBLISHED", "同意发布")
    seen = {int(d["id"]): d for d in Api(client, gateway, STEWARD).query(DRAFTS)["data"]["catalogDrafts"]}
    assert seen[returned_id]["status"] == "RETURNED" and seen[published_id]["status"] == "PUBLISHED"
    again = web.post(f"/authority/drafts/{published_id}/publish", data={"csrf": csrf})
    assert again.status_code == 400  # reviewed once only
    assert web.get("/authority/drafts/nine").status_code == 404
    code = seen[published_id]["code"]
    changed = submitted_draft(client, gateway, code, fields=[
        entry(code)["fields"][0], {"name": "monthlyBase", "column": "monthly_base",
                                   "dataType": "DECIMAL", "sensitivity": "PERSONAL"}])
    detail = web.get(f"/authority/drafts/{changed}").text
    assert "发布后替换现行第 1 版" in detail
    assert re.search(r"<code>monthlyBase</code>.*?<td>新增</td></tr>", detail, re.S)
    assert re.search(r'<tr class="removed"><td><code>district</code></td><td colspan="5"></td><td>删除</td>', detail)
    assert web.get("/authority/drafts/999999").status_code == 404


def test_another_role_is_refused_and_audited(gateway, client):
    draft_id = submitted_draft(client, gateway)
    web = browser(gateway)
    csrf = sign_in(web, "gongan-steward")
    assert 'href="/authority"' not in web.get("/").text
    before = newest_audit_id(gateway)
    pages = ("/authority", "/authority/drafts", f"/authority/drafts/{draft_id}",
             "/authority/scenarios", "/authority/overdue")
    for path in pages:
        refused = web.get(path)
        assert refused.status_code == 403 and "FORBIDDEN" in refused.text, path
    acts = {f"/authority/drafts/{draft_id}/publish": "PUBLISH_CATALOG_ENTRY",
            f"/authority/drafts/{draft_id}/return": "RETURN_CATALOG_DRAFT",
            "/authority/scenarios": "DEFINE_SCENARIO", "/authority/scenarios/1/end": "END_SCENARIO"}
    for path in acts:
        assert web.post(path, data={"csrf": csrf, "note": "x"}).status_code == 403, path
    denied = [(r.principal, r.action, r.outcome, r.error_code) for r in audited_since(gateway, before)]
    assert denied == [("gongan-steward", "CONSOLE_AUTHORITY", "DENIED", "FORBIDDEN")] * len(pages) + [
        ("gongan-steward", action, "DENIED", "FORBIDDEN") for action in acts.values()]
    assert draft_state(gateway, draft_id) == ("SUBMITTED", None)
    anonymous = browser(gateway)
    assert anonymous.get("/authority").headers["location"] == "/signin?next=/authority"
    assert anonymous.post(f"/authority/drafts/{draft_id}/publish").status_code == 303


def test_a_post_without_the_sessions_csrf_token_is_refused(gateway, client):
    draft_id = submitted_draft(client, gateway)
    web = browser(gateway)
    csrf = sign_in(web, AUTHORITY)
    before = newest_audit_id(gateway)
    for sent in ({}, {"csrf": "forged"}, {"csrf": csrf[:-1]}):
        assert web.post(f"/authority/drafts/{draft_id}/publish", data=sent).status_code == 403
        assert web.post("/authority/scenarios/1/end", data={"reason": "x", **sent}).status_code == 403
    denied = audited_since(gateway, before)
    assert [(r.action, r.principal, r.outcome) for r in denied] == [("CONSOLE_CSRF", AUTHORITY, "DENIED")] * 6
    assert draft_state(gateway, draft_id) == ("SUBMITTED", None)


def test_user_text_in_a_draft_and_a_note_is_escaped(gateway, client):
    draft_id = submitted_draft(client, gateway, name=ATTACK, description=ATTACK)
    web = browser(gateway)
    csrf = sign_in(web, AUTHORITY)
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    for path in ("/authority/drafts", f"/authority/drafts/{draft_id}"):
        page = web.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page and escaped in page, path
    returned = web.post(f"/authority/drafts/{draft_id}/return", data={"csrf": csrf, "note": ATTACK},
                        follow_redirects=True)
    assert returned.status_code == 200 and "<img src=x" not in returned.text
    assert returned.text.count(escaped) >= 2  # the name and the note
    defined = web.post("/authority/scenarios", data={
        "csrf": csrf, "name": ATTACK, "purpose": "console-escape-test", "dataset": "population",
        "mode": "LOOKUP", "fields": "name", "department": "minzheng", "valid_until": "2099-01-01"},
        follow_redirects=True)
    assert defined.status_code == 200 and escaped in defined.text and "<script>alert" not in defined.text


def test_scenarios_are_defined_and_ended_as_the_workflow_allows(gateway, client):
    web = browser(gateway)
    csrf = sign_in(web, AUTHORITY)
    form = {"csrf": csrf, "name": "控制台场景", "purpose": "console-scenario-test",
            "dataset": "population", "mode": ["LOOKUP"], "fields": "name， district",
            "department": ["minzheng"], "valid_until": "2099-12-31"}
    wider = web.post("/authority/scenarios", data={**form, "fields": "name, noSuchField"})
    assert wider.status_code == 400 and "BAD_INPUT" in wider.text and 'value="控制台场景"' in wider.text  # the form is kept
    bad_date = web.post("/authority/scenarios", data={**form, "valid_until": "someday"})
    assert bad_date.status_code == 400 and "BAD_INPUT" in bad_date.text
    defined = web.post("/authority/scenarios", data=form)
    assert defined.status_code == 303
    scenario_id = int(defined.headers["location"].rsplit("-", 1)[1])
    listed = Api(client, gateway, AUTHORITY).query("{ scenarios { id name items { dataset fields modes } endedAt } }")
    [mine] = [s for s in listed["data"]["scenarios"] if int(s["id"]) == scenario_id]
    assert mine["name"] == "控制台场景" and mine["endedAt"] is None
    assert mine["items"] == [{"dataset": "population", "fields": ["name", "district"], "modes": ["LOOKUP"]}]
    page = web.get(f"/authority/scenarios?done=defined-{scenario_id}").text
    assert f'id="scenario-{scenario_id}"' in page and f"场景 {scenario_id} 已定义" in page
    ended = web.post(f"/authority/scenarios/{scenario_id}/end", data={"csrf": csrf, "reason": "试点结束"},
                     follow_redirects=True)
    assert ended.status_code == 200 and f"场景 {scenario_id} 已结束" in ended.text
    row = ended.text[ended.text.index(f'id="scenario-{scenario_id}"'):]
    assert "已结束" in row[:row.index("</tr>")] and "<form" not in row[:row.index("</tr>")]
    again = web.post(f"/authority/scenarios/{scenario_id}/end", data={"csrf": csrf})
    assert again.status_code == 400 and "already ended" in again.text


def test_overdue_work_and_the_update_clocks(gateway, client):
    code = "socialInsurance"
    recorded = Api(client, gateway, AUTHORITY).query(
        'mutation { recordCatalogChange(code: "%s", reason: "《条例》修订，职责调整") { id dueOn } }' % code)
    duty_id = int(recorded["data"]["recordCatalogChange"]["id"])
    today = gateway.services.clock.today()
    late = today - dt.timedelta(days=21)
    with gateway.services.store() as session, session.begin():
        session.get(CatalogDuty, duty_id).due_on = late
    behind = gateway.services.calendar.working_days_between(late, today)
    web = browser(gateway)
    sign_in(web, AUTHORITY)
    page = web.get("/authority/overdue").text
    clocks = page[page.index('id="clocks"'):]
    assert "《条例》修订，职责调整" in clocks and f"已逾期 {behind} 个工作日" in clocks
    overdue = page[page.index('id="overdue"'):page.index('id="clocks"')]
    assert f"update {code}: 《条例》修订，职责调整" in overdue and "目录更新" in overdue
    with gateway.services.store() as session, session.begin():
        session.get(CatalogDuty, duty_id).done_at = gateway.services.clock.now()
    assert "《条例》修订，职责调整" not in web.get("/authority/overdue").text


def _chart_row(page: str, chart: str, category: str) -> list[int]:
    """The numbers of one category in a chart's table alternative."""
    table = page[page.index(f'id="{chart}"'):]
    table = table[:table.index("</figure>")]
    row = re.search(rf'<tr><th scope="row">{re.escape(category)}</th>(.*?)</tr>', table)
    return [int(n) for n in re.findall(r"<td>(\d+)</td>", row.group(1))] if row else []


def test_the_dashboard_counts_what_happened(gateway, client, people):
    web = browser(gateway)
    sign_in(web, AUTHORITY)
    before = web.get("/authority")
    assert before.status_code == 200
    for chart in ("chart-requests", "chart-accesses"):  # the overdue one may have nothing yet
        assert 'role="img" width=' in before.text
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in before.text
    assert 'id="chart-overdue-heading"' in before.text
    today = gateway.services.clock.today().strftime("%m-%d")
    requests_before = _chart_row(before.text, "chart-requests", "gongan") or [0, 0, 0, 0]
    accesses_before = _chart_row(before.text, "chart-accesses", today)
    filed = Api(client, gateway, STEWARD).query(
        "mutation($i: RequestShareInput!) { requestShare(input: $i) { id } }",
        {"i": {"dataset": "population", "modes": ["LOOKUP"], "fields": ["name"],
               "purpose": "console-dashboard", "purposeDescription": "看板", "users": "一人",
               "expiresOn": "2099-06-30"}})
    assert "errors" not in filed, filed
    looked = Api(client, gateway, "minzheng-app").query(
        'query($k: String!) { population(purpose: "subsistence-allowance-review") { lookup(key: $k) { name } } }',
        {"k": people[0]["id_number"]})
    assert "errors" not in looked, looked
    refused = Api(client, gateway, "minzheng-app").query(
        'query($k: String!) { population(purpose: "console-no-grant") { lookup(key: $k) { name } } }',
        {"k": people[0]["id_number"]})
    assert refused.get("errors"), refused
    after = web.get("/authority").text
    pending, approved, rejected, total = requests_before
    assert _chart_row(after, "chart-requests", "gongan") == [pending + 1, approved, rejected, total + 1]
    allowed, denied, total = accesses_before
    now = _chart_row(after, "chart-accesses", today)
    assert now[0] == allowed + 1 and now[1] == denied + 1 and now[2] == sum(now[:2])
    english = web.get("/authority?lang=en").text
    assert "Share requests by department and state" in english and "<title id=\"chart-accesses-title\">" in english


def test_charts_scale_to_round_steps():
    from gateway.web.console.charts import Series, nice_step, stacked
    assert [nice_step(n) for n in (1, 4, 7, 10, 37, 180, 999)] == [1, 1, 2, 5, 10, 50, 500]
    chart = stacked("c", "t", "d", ["a", "b"], [Series("x", "X", "#000"), Series("y", "Y", "#111")],
                    {"a": {"x": 3, "y": 1}, "b": {"y": 8}})
    assert chart.rows == [("a", [3, 1], 4), ("b", [0, 8], 8)]
    widths = {r.tip: r.width for r in chart.rects}
    assert widths["a X: 3"] * 8 == pytest.approx(widths["b Y: 8"] * 3)  # one scale for all bars
    assert json.dumps([r.tip for r in chart.rects]) == '["a X: 3", "a Y: 1", "b Y: 8"]'


RAISE = """mutation($k: String!, $d: String!) { raiseDispute(dataset: "population", key: $k,
  field: "address", description: $d) { id } }"""


def test_a_steward_answers_a_dispute_in_the_inbox(gateway, client, people):
    key = people[5]["id_number"]
    raised = Api(client, gateway, "minzheng-app").query(RAISE, {"k": key, "d": ATTACK})
    dispute_id = int(raised["data"]["raiseDispute"]["id"])
    other = browser(gateway)
    other_csrf = sign_in(other, STEWARD)  # renshe's steward: not population's department
    assert f'id="dispute-{dispute_id}"' not in other.get("/steward/inbox").text
    web = browser(gateway)
    csrf = sign_in(web, "gongan-steward")
    inbox = web.get("/steward/inbox").text
    section = inbox[inbox.index(f'id="dispute-{dispute_id}"'):]
    section = section[:section.index("</section>")]
    assert "<script>alert" not in section and "&lt;img src=x onerror=alert(1)&gt;" in section
    assert re.search(r"剩余 \d+ 个工作日", section) and key in section
    before = newest_audit_id(gateway)
    assert web.post(f"/steward/disputes/{dispute_id}/resolve",
                    data={"outcome": "CORRECTED", "note": "x"}).status_code == 403  # no CSRF token
    refused = other.post(f"/steward/disputes/{dispute_id}/resolve",
                         data={"csrf": other_csrf, "outcome": "CORRECTED", "note": "x"})
    assert refused.status_code == 403 and "FORBIDDEN" in refused.text
    assert web.post(f"/steward/disputes/{dispute_id}/resolve",
                    data={"csrf": csrf, "outcome": "MAYBE", "note": "x"}).status_code == 400
    denied = [(r.principal, r.action, r.error_code) for r in audited_since(gateway, before)]
    assert denied == [("gongan-steward", "CONSOLE_CSRF", "FORBIDDEN"),
                      (STEWARD, "RESOLVE_DISPUTE", "FORBIDDEN"),
                      ("gongan-steward", "RESOLVE_DISPUTE", "BAD_INPUT")]
    answered = web.post(f"/steward/disputes/{dispute_id}/resolve",
                        data={"csrf": csrf, "outcome": "CORRECTED", "note": ATTACK}, follow_redirects=True)
    assert answered.status_code == 200 and f"异议 {dispute_id} 已答复" in answered.text
    assert f'id="dispute-{dispute_id}"' not in answered.text
    seen = Api(client, gateway, "minzheng-app").query('{ disputes(status: "CORRECTED") { id outcomeNote } }')
    assert {"id": str(dispute_id), "outcomeNote": ATTACK} in [
        {"id": str(d["id"]), "outcomeNote": d["outcomeNote"]} for d in seen["data"]["disputes"]]


def test_every_authority_page_speaks_english_too(gateway, client):
    draft_id = submitted_draft(client, gateway)
    web = browser(gateway)
    sign_in(web, AUTHORITY)
    for path in ("/authority", "/authority/drafts", f"/authority/drafts/{draft_id}",
                 "/authority/scenarios", "/authority/overdue", "/steward/inbox"):
        english = web.get(f"{path}?lang=en")
        if path == "/steward/inbox":  # the data authority is no steward
            assert english.status_code == 403
            continue
        assert english.status_code == 200, path
        assert not re.search(r"\b(authority|disputes|status|outcome)\.[A-Za-z_]", english.text), path
        assert '<html lang="en">' in english.text
    steward = browser(gateway)
    sign_in(steward, "gongan-steward")
    inbox = steward.get("/steward/inbox?lang=en").text
    assert "Disputes" in inbox and not re.search(r"\bdisputes\.[A-Za-z_]", inbox)
