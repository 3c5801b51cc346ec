"""The researcher's workbench and the auditor's citizen search in a real browser (Playwright
driving Debian's Chromium, the fixtures of test_console_browser.py): a withheld sandbox
result asked for release, released by the steward from the inbox, then seen by the
researcher; the auditor finds an app's lookups of one citizen, and the citizen sees them."""
from __future__ import annotations

import re

import pytest

from tests import test_console_browser as browser_tests
from tests.test_console_browser import CHROMIUM, citizen_id, graphql, shot_on_failure, sign_in, sync_api

# the served gateway, the browser and a fresh page: test_console_browser's fixtures
served, chromium, page = browser_tests.served, browser_tests.chromium, browser_tests.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")

SMALL_GROUPS = ("SELECT district, status, insuranceType, since, count(*) AS n FROM socialInsurance "
                "GROUP BY ALL ORDER BY ALL")
BY_DISTRICT = "SELECT district, count(*) AS n FROM socialInsurance GROUP BY district ORDER BY district"
LOOKUP = ('query($k: String!) { population(purpose: "subsistence-allowance-review") '
          '{ lookup(key: $k) { name } } }')


@pytest.fixture
def second(chromium, served):
    """Another person's browser (its own cookies)."""
    context = chromium.new_context(base_url=served[1], locale="zh-CN")
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def test_a_withheld_result_is_asked_for_released_and_then_seen(page, second, served, request,
                                                               tmp_path_factory):
    expect = sync_api.expect
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, "researcher")
        page.get_by_role("link", name="沙箱工作台").click()
        page.get_by_role("button", name="打开会话").click()
        page.wait_for_url(re.compile(r"/workbench/sessions/[^/]+$"))
        columns = page.locator("#table-socialInsurance").inner_text()
        assert "district" in columns and "insuranceType" in columns
        page.evaluate("window.notReloaded = true")
        page.fill("#sql", BY_DISTRICT)
        page.get_by_role("button", name="运行").click()  # htmx puts the table under the editor
        expect(page.locator("#result-table tbody tr").first).to_be_visible()
        assert page.locator("#result-table th").all_inner_texts() == ["district", "n"]
        page.fill("#sql", SMALL_GROUPS)
        page.get_by_role("button", name="运行").click()
        expect(page.locator("#refusal-code")).to_have_text("OUTPUT_CHECK_FAILED")
        assert "small_groups" in page.inner_text("#failed-checks")
        assert page.locator("#result-table").count() == 0
        page.fill("textarea[name=justification]", "课题报告附录需要完整交叉表")
        page.get_by_role("button", name="申请发布该结果").click()
        expect(page.locator("#release-asked .state")).to_have_text("待处理")
        assert page.evaluate("window.notReloaded") is True
        link = page.locator("#release-asked a").get_attribute("href")
        release_id = link.rsplit("/", 1)[1]
    with shot_on_failure(second, request, tmp_path_factory):
        sign_in(second, "renshe-steward", "/steward/inbox")
        asked = second.locator(f"#sandbox-release-{release_id}")
        assert "课题报告附录需要完整交叉表" in asked.inner_text()
        assert asked.locator("table.withheld tbody tr").count() >= 1  # the steward sees the rows
        asked.get_by_role("button", name="批准发布").click()
        second.wait_for_selector("#done")
        assert second.locator(f"#sandbox-release-{release_id}").count() == 0
    with shot_on_failure(page, request, tmp_path_factory):
        page.goto("/workbench")
        row = page.locator(f"#release-{release_id}")
        expect(row.locator(".state")).to_have_text("已批准")
        row.get_by_role("link", name=release_id).click()
        expect(page.locator("#release-state")).to_have_text("已批准")
        assert page.locator("#result-table tbody tr").count() >= 1
        assert "insuranceType" in page.locator("#result-table thead").inner_text()


def test_the_auditor_finds_a_citizens_lookups_and_the_citizen_sees_them(page, second, served,
                                                                        request, tmp_path_factory):
    gateway, base = served
    key = citizen_id(gateway)
    looked = graphql(base, gateway, "minzheng-app", LOOKUP, {"k": key})
    assert looked.get("errors") is None, looked
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, "auditor")
        page.get_by_role("link", name="审计日志").click()
        page.fill("#subject", key)
        page.get_by_role("button", name="查找对其信息的访问").click()
        page.wait_for_selector("#subject-shown")
        assert key not in page.url  # the key went in the form's body
        rows = page.locator("#trail tr.record")
        assert rows.count() >= 1
        texts = rows.all_inner_texts()
        assert any("minzheng-app" in t and "population" in t and "LOOKUP" in t for t in texts), texts
        # only records naming this citizen: not the auditor's own sign-in, nor other reads
        assert all(re.search(r"\t(LOOKUP|COMPARE|AUDIT_READ)\t", t) for t in texts), "\n".join(texts)
    with shot_on_failure(second, request, tmp_path_factory):
        sign_in(second, "citizen-demo")
        second.get_by_role("link", name="谁查询了我的信息").click()
        mine = second.locator("#accesses tr.access").all_inner_texts()
        assert any("minzheng-app" in t and "population" in t and "查询" in t for t in mine), mine
