"""The data authority's and the steward's catalog and dispute work in a real browser
(Playwright driving Debian's Chromium, the fixtures of test_console_browser.py): a draft
published by the data authority is found by an anonymous visitor on the portal; a dispute is
answered by the source department's steward and the raising app's next query sees the answer.
A failing test leaves a screenshot, its path in the failure's message."""
from __future__ import annotations

import re

import pytest

from tests import test_console_browser as browser_tests
from tests.test_console_browser import CHROMIUM, graphql, shot_on_failure, sign_in, sync_api

# the served gateway, the browser and a fresh page: test_console_browser's fixtures
served, chromium, page = browser_tests.served, browser_tests.chromium, browser_tests.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")

CODE, NAME = "insuranceBrowserReview", "参保缴费基数开放目录（浏览器审核）"
DRAFT = "mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }"
RAISE = """mutation($k: String!, $d: String!) { raiseDispute(dataset: "population", key: $k,
  field: "address", description: $d) { id } }"""


@pytest.fixture
def visitor(chromium, served):
    """An anonymous visitor's browser (its own cookies)."""
    context = chromium.new_context(base_url=served[1], locale="zh-CN")
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def submitted_draft(base, gateway) -> int:
    entry = {"code": CODE, "name": NAME, "shareType": "CONDITIONAL", "openType": "CONDITIONAL",
             "keyField": "idNumber", "sourceCode": "renshe-db", "tableName": "social_insurance",
             "description": "各区参保缴费基数，按申请开放", "updateFrequency": "monthly",
             "openConditions": "签署使用承诺",
             "fields": [{"name": "idNumber", "column": "id_number", "dataType": "STRING",
                         "sensitivity": "DIRECT_IDENTIFIER", "identifierKind": "ID_NUMBER",
                         "masking": {"open": "hash"}},
                        {"name": "district", "dataType": "STRING", "sensitivity": "INTERNAL",
                         "dimension": True}]}
    saved = graphql(base, gateway, "renshe-steward", DRAFT, {"e": entry})
    assert "errors" not in saved, saved
    draft_id = int(saved["data"]["saveCatalogDraft"]["id"])
    submitted = graphql(base, gateway, "renshe-steward",
                        f"mutation {{ submitCatalogDraft(id: {draft_id}) {{ status }} }}")
    assert submitted["data"]["submitCatalogDraft"]["status"] == "SUBMITTED", submitted
    return draft_id


def test_the_authority_publishes_a_draft_and_a_visitor_finds_it(page, visitor, served, request,
                                                                 tmp_path_factory):
    gateway, base = served
    expect = sync_api.expect
    draft_id = submitted_draft(base, gateway)
    with shot_on_failure(visitor, request, tmp_path_factory):
        visitor.goto(f"/datasets?q={NAME}")
        expect(visitor.locator(".dataset-row")).to_have_count(0)  # not yet published
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, "shuju-admin")
        page.get_by_role("link", name="数据主管部门").click()
        page.get_by_role("link", name="目录审核").click()
        page.locator("#submitted").get_by_role("link", name=CODE).click()
        page.wait_for_url(re.compile(rf"/authority/drafts/{draft_id}$"))
        fields = page.locator("#draft-fields").inner_text()
        assert "idNumber" in fields and "open: hash" in fields
        assert "新目录条目" in page.inner_text("main")
        page.get_by_label("发布说明（可选）").fill("同意按申请开放")
        page.get_by_role("button", name="发布", exact=True).click()
        page.wait_for_selector("#done")
        assert f"{CODE} 已发布" in page.inner_text("#done")
        assert page.locator("#submitted").get_by_role("link", name=CODE).count() == 0
        assert "同意按申请开放" in page.locator("#reviewed").inner_text()
    with shot_on_failure(visitor, request, tmp_path_factory):
        visitor.goto("/")
        visitor.fill("#q", "缴费基数开放目录")
        expect(visitor.locator(".dataset-row")).to_have_count(1)
        visitor.locator(".dataset-row a").first.click()
        visitor.wait_for_selector("#dataset-name")
        assert visitor.inner_text("#dataset-name") == NAME
        assert "签署使用承诺" in visitor.inner_text("main")


def test_a_steward_answers_a_dispute_and_the_app_sees_the_answer(page, served, people, request,
                                                                 tmp_path_factory):
    gateway, base = served
    raised = graphql(base, gateway, "minzheng-app", RAISE,
                     {"k": people[7]["id_number"], "d": "浏览器测试：申请人户籍地址与库中不一致"})
    assert "errors" not in raised, raised
    dispute_id = int(raised["data"]["raiseDispute"]["id"])
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, "gongan-steward", "/steward/inbox")
        section = page.locator(f"#dispute-{dispute_id}")
        assert "浏览器测试：申请人户籍地址与库中不一致" in section.inner_text()
        assert re.search(r"剩余 \d+ 个工作日", section.inner_text())
        section.get_by_label("已更正").check()
        section.get_by_label("核查说明").fill("已按户籍档案更正地址")
        section.get_by_role("button", name="答复异议").click()
        page.wait_for_selector("#done")
        assert f"异议 {dispute_id} 已答复" in page.inner_text("#done")
        assert page.locator(f"#dispute-{dispute_id}").count() == 0
    seen = graphql(base, gateway, "minzheng-app", '{ disputes { id status outcomeNote } }')
    [mine] = [d for d in seen["data"]["disputes"] if int(d["id"]) == dispute_id]
    assert mine == {"id": mine["id"], "status": "CORRECTED", "outcomeNote": "已按户籍档案更正地址"}
    told = graphql(base, gateway, "minzheng-app", "{ notifications { kind message } }")
    assert any(n["kind"] == "DISPUTE_RESOLVED" and "已按户籍档案更正地址" in n["message"]
               for n in told["data"]["notifications"])
