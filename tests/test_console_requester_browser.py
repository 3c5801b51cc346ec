"""The requester's side in a real browser (Playwright driving Debian's Chromium, the fixtures
of test_console_browser.py): a department's steward files a share request from the console,
the owner's steward approves it narrower in the inbox, and the requester's page shows the
grant and what it covers, as GraphQL does. A failing test leaves a screenshot."""
from __future__ import annotations

import re

import pytest

from tests import test_console_browser as browser_tests
from tests.test_console_browser import (CHROMIUM, OWNER, STEWARD, graphql, shot_on_failure,
                                        sign_in, sync_api)

served, chromium, page = browser_tests.served, browser_tests.chromium, browser_tests.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")

STATUS = """query($id: ID!) { shareRequest(id: $id) { status modes fields grant { id } } }"""


@pytest.fixture
def owner_page(chromium, served):
    context = chromium.new_context(base_url=served[1], locale="zh-CN")
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def test_filed_in_the_console_approved_narrower_and_the_grant_seen(page, owner_page, served,
                                                                   request, tmp_path_factory):
    gateway, base = served
    expect = sync_api.expect
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, STEWARD)
        page.get_by_role("link", name="我的共享申请").click()
        page.select_option("#choose-dataset", "population")
        page.get_by_role("button", name="选择").click()
        form = page.locator("form.file-request")
        for mode in ("LOOKUP", "COMPARE"):
            form.locator(f'input[name="mode"][value="{mode}"]').check()
        for field in ("name", "gender", "district"):
            form.locator(f'input[name="field"][value="{field}"]').check()
        form.get_by_label("用途代码").fill("browser-requester-test")
        form.get_by_label("用途说明").fill("浏览器测试：申请方提交")
        form.get_by_label("使用人员").fill("测试科（1人）")
        form.get_by_label("有效期至").fill("2027-06-30")
        form.get_by_role("button", name="提交申请").click()
        expect(page.locator("#done")).to_be_visible()
        request_id = re.search(r"filed=(\d+)", page.url).group(1)
        row = page.locator(f"#my-request-{request_id}")
        expect(row.locator(".state")).to_have_text("待处理")

    with shot_on_failure(owner_page, request, tmp_path_factory):
        sign_in(owner_page, OWNER)
        owner_page.get_by_role("link", name="共享申请待办").click()
        section = owner_page.locator(f"#request-{request_id}")
        section.locator('input[name="mode"][value="COMPARE"]').uncheck()
        section.locator('input[name="field"][value="gender"]').uncheck()
        section.get_by_role("button", name="批准").click()
        expect(owner_page.locator("#done")).to_be_visible()

    with shot_on_failure(page, request, tmp_path_factory):
        page.reload()
        row = page.locator(f"#my-request-{request_id}")
        expect(row.locator(".state")).to_have_text("已批准")
        expect(row.locator(".modes")).to_have_text("LOOKUP")
        expect(row.locator(".fields")).to_have_text("district, name")
        seen = graphql(base, gateway, STEWARD, STATUS, {"id": request_id})["data"]["shareRequest"]
        assert seen["modes"] == ["LOOKUP"] and seen["fields"] == ["district", "name"]
        expect(row.locator(".grant")).to_have_text(str(seen["grant"]["id"]))
