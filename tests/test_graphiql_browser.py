"""GraphiQL in a real browser (Playwright driving Debian's Chromium, the fixtures of
test_console_browser.py): the schema is fetched again when the Authorization header changes,
the editor opens with an example for the caller's schema, and no token reaches localStorage."""
from __future__ import annotations

import json

import httpx
import pytest

from tests import test_console_browser as browser_tests
from tests.test_console_browser import CHROMIUM, graphql, shot_on_failure

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")

# the served gateway, the browser and a fresh page: test_console_browser's fixtures
served, chromium, page = browser_tests.served, browser_tests.chromium, browser_tests.page

QUERY_TEXT = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
# the headers' editor: the one the "Headers" tab shows (variables' is hidden then)
SET_HEADERS = """(text) => document.querySelector(
  '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').CodeMirror.setValue(text)"""


def test_the_schema_follows_the_authorization_header_and_no_token_is_stored(page, served, request,
                                                                            tmp_path_factory):
    gateway, base = served
    token = gateway.services.tokens.issue("minzheng-app", gateway.services.clock.now())
    introspections: list[str | None] = []
    page.on("request", lambda r: introspections.append(r.headers.get("authorization"))
            if r.method == "POST" and "IntrospectionQuery" in (r.post_data or "") else None)
    with shot_on_failure(page, request, tmp_path_factory):
        page.goto("/graphql")
        page.wait_for_function(f"{QUERY_TEXT}.includes('No dataset your token may look up')")
        assert "lookup" not in page.evaluate(QUERY_TEXT)  # the anonymous schema's example
        assert introspections and introspections[-1] is None
        page.get_by_role("button", name="Headers").click()
        page.evaluate(SET_HEADERS, json.dumps({"Authorization": f"Bearer {token}"}))
        # no re-fetch clicked: the new header alone brings the caller's schema and example
        page.wait_for_function(f"{QUERY_TEXT}.includes('lookup(key: $key)')")
        assert introspections[-1] == f"Bearer {token}"
        example = page.evaluate(QUERY_TEXT)
        first = example.split("An example for your token: ", 1)[1].split(",", 1)[0]
        assert f"  {first}(purpose: $purpose) {{" in example and "    name\n" in example
        # a dataset of the app's own schema, which the anonymous schema does not have
        roots = '{ __schema { queryType { fields { name } } } }'
        names = [f["name"] for f in graphql(base, gateway, "minzheng-app", roots)["data"]["__schema"]["queryType"]["fields"]]
        anonymous = httpx.post(f"{base}/graphql", json={"query": roots}).json()
        assert first in names and first not in [f["name"] for f in anonymous["data"]["__schema"]["queryType"]["fields"]]
        stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
        session = page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))")
        assert token not in stored and "Bearer" not in stored, stored
        assert token not in session and "Bearer" not in session, session
        assert token not in page.url
        # an edited query is the person's: a later schema no longer replaces it
        page.evaluate("document.querySelector('.graphiql-query-editor .CodeMirror')"
                      ".CodeMirror.setValue('{ me { principal } }')")
        page.evaluate(SET_HEADERS, "{}")
        for _ in range(100):  # the header settles, then the schema is fetched
            if len(introspections) >= 3:
                break
            page.wait_for_timeout(100)
        assert introspections[-1] is None  # fetched again, anonymously
        assert page.evaluate(QUERY_TEXT) == "{ me { principal } }"
    # the page kept nothing for the next visit either
    page.reload()
    page.wait_for_function(f"{QUERY_TEXT}.includes('No dataset your token may look up')")
    assert page.evaluate("localStorage.length") == 0
