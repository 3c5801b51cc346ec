"""Accessibility checked automatically: axe-core (vendored in tests/vendor, run in Debian's
Chromium through Playwright, the fixtures of test_console_browser.py) on each main page of
the console, in Chinese and in English, signed in as the role that opens it. A serious or
critical violation fails the test with its rule, what it says and the elements it names.

The pages' Content-Security-Policy forbids inline scripts, so the checking context bypasses
it to inject axe; nothing of the pages is changed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import test_console_browser as browser_tests
from tests.test_console_browser import CHROMIUM, shot_on_failure, sign_in

served, chromium = browser_tests.served, browser_tests.chromium

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# (who signs in, the page): the portal, a dataset, sign-in, and each role's main page
PAGES = [
    (None, "/"), (None, "/datasets/enterprises"), (None, "/signin"), (None, "/notices"),
    ("gongan-steward", "/steward/inbox"), ("renshe-steward", "/requests?dataset=population"),
    ("shuju-admin", "/authority"), ("shuju-admin", "/authority/drafts"),
    ("shuju-admin", "/authority/scenarios"), ("shuju-admin", "/authority/overdue"),
    ("researcher", "/workbench"), ("researcher", "/applications?dataset=socialInsurance"),
    ("auditor", "/audit"), ("citizen-demo", "/me/accesses"), ("citizen-demo", "/me/consents"),
]
FAILING = ("serious", "critical")


def violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_serious_accessibility_violation_on_the_main_pages(chromium, served, lang, request,
                                                              tmp_path_factory):
    found = {}
    for who, path in PAGES:
        context = chromium.new_context(base_url=served[1], bypass_csp=True,
                                       locale="zh-CN" if lang == "zh" else "en-GB")
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            with shot_on_failure(page, request, tmp_path_factory):
                if who:
                    sign_in(page, who) if lang == "zh" else _sign_in_en(page, who)
                answer = page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
                assert answer.status == 200, f"{path} as {who}: {answer.status}"
                bad = [v for v in violations(page) if v["impact"] in FAILING]
                if bad:
                    found[f"{path} ({who or 'anonymous'}, {lang})"] = bad
        finally:
            context.close()
    assert not found, "\n".join(f"{where}: {v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
                                for where, bad in found.items() for v in bad)


def test_axe_finds_an_unlabelled_field_and_an_image_without_text(chromium, served):
    """The check above can fail: markup that breaks the rules is reported as critical."""
    context = chromium.new_context(base_url=served[1], bypass_csp=True)
    page = context.new_page()
    try:
        page.goto("/")
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<input type=text name=x><img src=/console-assets/none.png>')")
        found = {v["id"]: v["impact"] for v in violations(page)}
        assert found.get("label") == "critical" and found.get("image-alt") == "critical"
    finally:
        context.close()


def _sign_in_en(page, principal: str) -> None:
    page.goto("/signin?next=/&lang=en")
    page.select_option("#principal", principal)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.inner_text("#signed-in-as") == principal
