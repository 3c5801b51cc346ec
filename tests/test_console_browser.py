"""The web console in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium;
Playwright never downloads one) against the gateway served by uvicorn on a local port.
A failing test leaves a screenshot of the page, its path in the failure's message."""
from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import uvicorn

from gateway.demo.setup import ensure_demo_world
from gateway.store.models import Department, Principal, RoleAssignment
from gateway.web.app import Gateway, create_app
from tests.conftest import make_settings

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                               "(pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium: apt-get install -y chromium "
                                  "(.ci/run does); Playwright is never let download a browser")

DEPT = "webtest"
STEWARD, APP = f"{DEPT}-steward", f"{DEPT}-app"
OWNER = "gongan-steward"
PURPOSE = "console-browser-test"
REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }"""
APPROVE = """mutation($id: ID!) { approveShareRequest(id: $id) { status } }"""
STATUS = """query($id: ID!) { shareRequest(id: $id) { status modes fields } }"""
LOOKUP = """query($k: String!) { population(purpose: "%s") { lookup(key: $k) { %s } } }"""


@pytest.fixture(scope="module")
def served(demo_source_urls, tmp_path_factory):
    """A gateway of its own (SQLite store, the demo world) served over HTTP by uvicorn."""
    settings = make_settings(tmp_path_factory.mktemp("console-data"), None)
    gateway = Gateway(settings)
    ensure_demo_world(gateway.services, settings.data_dir, source_urls=demo_source_urls,
                      populate=False)
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        session.add(Department(code=DEPT, name="浏览器测试局"))
        session.flush()
        for name, kind, role in ((STEWARD, "PERSON", "steward"), (APP, "APP", "app")):
            principal = Principal(name=name, display_name=name, kind=kind, department_code=DEPT)
            principal.roles = [RoleAssignment(role=role, assigned_at=now)]
            session.add(principal)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, gateway), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield gateway, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    gateway.close()


@pytest.fixture(scope="module")
def chromium():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, served):
    """A fresh browser context (its own cookies) and page."""
    context = chromium.new_context(base_url=served[1], accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@contextlib.contextmanager
def shot_on_failure(page, request, tmp_path_factory):
    """A screenshot of the page when what runs inside fails, its path in the message."""
    try:
        yield
    except BaseException as exc:
        folder = tmp_path_factory.getbasetemp() / "console-screenshots"
        folder.mkdir(exist_ok=True)
        path = folder / f"{request.node.name}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(path), full_page=True)
        raise AssertionError(f"{exc} (screenshot: {path}; page at {page.url})") from exc


def graphql(base: str, gateway: Gateway, principal: str, query: str, variables=None) -> dict:
    token = gateway.services.tokens.issue(principal, gateway.services.clock.now())
    answer = httpx.post(f"{base}/graphql", json={"query": query, "variables": variables or {}},
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)
    return answer.json()


def file_request(base, gateway, modes, fields) -> int:
    filed = graphql(base, gateway, APP, REQUEST, {"input": {
        "dataset": "population", "modes": modes, "fields": fields, "purpose": PURPOSE,
        "purposeDescription": "浏览器测试：核对身份", "users": "测试科（2人）",
        "expiresOn": "2027-06-30"}})
    return filed["data"]["requestShare"]["id"]


def sign_in(page, principal: str, then: str = "/") -> None:
    page.goto(f"/signin?next={then}")
    page.select_option("#principal", principal)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(re.escape(then) + r"$"))
    assert page.inner_text("#signed-in-as") == principal


def citizen_id(gateway) -> str:
    with gateway.services.store() as session:
        return session.scalar(sa.select(Principal.id_number).where(Principal.name == "citizen-demo"))


def test_portal_search_dataset_page_download_and_language(page, served, request, tmp_path_factory):
    expect = sync_api.expect
    with shot_on_failure(page, request, tmp_path_factory):
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        rows = page.locator(".dataset-row")
        every = rows.count()
        assert every >= 2
        page.evaluate("window.notReloaded = true")
        page.fill("#q", "企业")  # typed: htmx fetches the results, the page stays
        expect(rows).not_to_have_count(every)
        assert 1 <= rows.count() < every
        assert page.evaluate("window.notReloaded") is True
        assert "q=" in page.url  # the search is in the address, to share or reload
        page.fill("#q", "")
        expect(rows).to_have_count(every)
        page.select_option("#filter-open_type", "UNCONDITIONAL")
        expect(rows).not_to_have_count(every)
        page.locator(".dataset-row a").first.click()
        page.wait_for_selector("#dataset-name")
        assert page.locator("#fields tbody tr").count() >= 1
        with page.expect_download() as downloaded:
            page.locator("#downloads a", has_text="CSV").click()
        csv = Path(downloaded.value.path()).read_text(encoding="utf-8")
        assert csv.count("\n") >= 2, csv[:200]
        page.get_by_role("link", name="English").click()
        page.wait_for_selector("text=Fields")
        assert page.locator("html").get_attribute("lang") == "en"
        page.goto("/notices")
        assert page.locator("h1").inner_text() == "Notices"  # the choice is remembered


def test_steward_approves_narrower_and_the_app_sees_exactly_that(page, served, people, request,
                                                                 tmp_path_factory):
    gateway, base = served
    request_id = file_request(base, gateway, ["LOOKUP", "COMPARE"], ["name", "gender", "district"])
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, OWNER, "/steward/inbox")
        section = page.locator(f"#request-{request_id}")
        assert "浏览器测试：核对身份" in section.inner_text()
        assert re.search(r"剩余 \d+ 个工作日", section.inner_text())
        section.locator("input[name=mode][value=COMPARE]").uncheck()
        section.locator("input[name=field][value=gender]").uncheck()
        section.get_by_role("button", name="批准（按勾选范围）").click()
        page.wait_for_selector("#done")
        assert f"申请 {request_id} 已批准" in page.inner_text("#done")
        assert page.locator(f"#request-{request_id}").count() == 0
    status = graphql(base, gateway, APP, STATUS, {"id": request_id})["data"]["shareRequest"]
    assert status == {"status": "APPROVED", "modes": ["LOOKUP"], "fields": ["district", "name"]}
    person = people[3]
    found = graphql(base, gateway, APP, LOOKUP % (PURPOSE, "name district"), {"k": person["id_number"]})
    assert found.get("errors") is None, found
    assert found["data"]["population"]["lookup"] == {"name": person["name"],
                                                     "district": person["district"]}
    refused = graphql(base, gateway, APP, LOOKUP % (PURPOSE, "name gender"), {"k": person["id_number"]})
    assert refused.get("data") is None and refused["errors"], refused


def test_a_citizen_sees_who_looked_them_up(page, served, request, tmp_path_factory):
    gateway, base = served
    request_id = file_request(base, gateway, ["LOOKUP"], ["name"])
    assert graphql(base, gateway, OWNER, APPROVE, {"id": request_id})["data"][
        "approveShareRequest"]["status"] == "APPROVED"
    looked = graphql(base, gateway, APP, LOOKUP % (PURPOSE, "name"), {"k": citizen_id(gateway)})
    assert looked.get("errors") is None, looked
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, "citizen-demo")
        assert page.get_by_role("link", name="共享申请待办").count() == 0  # not a steward's
        page.get_by_role("link", name="谁查询了我的信息").click()
        rows = page.locator("#accesses tr.access")
        first = rows.first.inner_text()
        assert APP in first and "population" in first and "查询" in first and "允许" in first
        page.get_by_role("button", name="退出").click()
        page.wait_for_url(re.compile(r"/$"))
        page.goto("/me/accesses")
        assert "/signin" in page.url  # signed out: the page asks to sign in again


def test_a_citizen_withdraws_a_consent_in_place(page, served, request, tmp_path_factory):
    gateway, base = served
    expect = sync_api.expect
    before = graphql(base, gateway, "citizen-demo", "{ consents { id withdrawnAt } }")
    live = [c["id"] for c in before["data"]["consents"] if c["withdrawnAt"] is None]
    assert live, before  # the demo world's citizen consented once
    with shot_on_failure(page, request, tmp_path_factory):
        sign_in(page, "citizen-demo")
        page.get_by_role("link", name="我的授权同意").click()
        row = page.locator(f"#consent-{live[0]}")
        expect(row.locator(".state")).to_have_text("有效")
        page.evaluate("window.notReloaded = true")
        row.get_by_role("button", name="撤回").click()  # htmx swaps the row in place
        expect(row.locator(".state")).to_have_text("已撤回")
        assert row.get_by_role("button").count() == 0
        assert page.evaluate("window.notReloaded") is True
    after = graphql(base, gateway, "citizen-demo", "{ consents { id withdrawnAt } }")
    assert [c["withdrawnAt"] is not None for c in after["data"]["consents"] if c["id"] == live[0]] == [True]
