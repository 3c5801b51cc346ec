"""Hostile input to the HTTP routes other than /graphql (api.md, "Sandbox" and "Open data"),
property-based.

The sandbox routes (sessions, queries, release requests, the release queue, decisions) and the
open-data portal (catalog, JSON-LD, one entry, downloads) get JSON bodies of the wrong shapes
and types, huge, unicode, NUL and control-character strings (200, 5,000 and 100,000 characters:
the PostgreSQL store's String(N) columns refuse what SQLite keeps), odd path ids (traversal,
encoded slashes, very long, unicode, integers beyond 64 bits), odd query strings, wrong methods
and content types, and no token, a garbage one or the real token of a researcher, a steward or
another principal. Every answer is below 500; a JSON body, and for a refusal api.md's
{"error": {"code", "message"}} (a download is its file, a DELETE a bare 204, a 304 empty);
never a stack trace, a host path, SQL driver text or an exception class name; and the gateway
answers a known-good sandbox query and an open-data request correctly afterwards.

The examples are derandomized (the same ones every run) and few, so that the file stays
quick; tests/fuzzing.py says how to hunt longer.
"""
from __future__ import annotations

import json
import re
import string
from urllib.parse import quote, unquote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import caller, fuzz_settings
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app

JSON = "application/json"
JSONLD = "application/ld+json"
DOWNLOAD_TYPES = ("text/csv", "application/x-ndjson", "application/vnd.apache.parquet")


# --- Defects these properties found, fixed since (their inputs are still generated) --------
# 1. Starlette's own refusals for a path no route matches or a method a route does not take
#    were plain text ("Not Found", "Method Not Allowed"), not the JSON error body.
# 2. A release id beyond the store's INTEGER (`/sandbox/releases/2147483648` on PostgreSQL,
#    `9223372036854775808` on both stores, 5,000 digits anywhere): 500 INTERNAL.
# 3. On a PostgreSQL store, a NUL in a release's `justification` or `sql` or in a decision's
#    `note`: 500 INTERNAL.
# 4. On a PostgreSQL store, a session id holding a NUL: 500 INTERNAL.
# 5. A JSON body nested deeper than Python's recursion limit: a bare 500.
# 6. On a PostgreSQL store, a lone surrogate in a body's string (the audit detail): 500.
OVERFLOWING_RELEASE_IDS = ["2147483648", "9223372036854775808", "9" * 30, "9" * 5000]

# --- what every answer must look like -------------------------------------------------------

LEAKS = ("Traceback", 'File "', "/tmp/", "/work/", '.py"', ".py:", "site-packages", "sqlalchemy",
         "psycopg", "sqlite3", "Background on this error", "<module>", "object at 0x")
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b")
CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def check_response(response, sent: str = "", *, download: bool = False) -> dict | None:
    """The contract for one answer; its JSON body (None for an empty answer or a file).
    `sent` is what the caller sent (an echo of it is not a leak)."""
    text = response.text if not response.headers.get("content-type", "").startswith(
        "application/vnd.apache.parquet") else ""
    assert response.status_code < 500, (response.status_code, text[:2000])
    for leak in LEAKS:
        assert leak not in text or leak in sent, (leak, text[:2000])
    names = {n for n in EXCEPTION_NAME.findall(text) if n not in sent}
    assert not names, (names, text[:2000])
    if response.status_code in (204, 304):
        assert response.content == b"", response.content[:200]
        return None
    content_type = response.headers.get("content-type", "")
    if download and response.status_code == 200 and content_type.startswith(DOWNLOAD_TYPES):
        assert "attachment" in response.headers.get("content-disposition", "")
        return None
    assert content_type.startswith((JSON, JSONLD)), (response.status_code, content_type, text[:500])
    body = response.json()
    assert isinstance(body, dict), body
    if response.status_code >= 400:
        assert set(body) == {"error"}, body
        error = body["error"]
        assert isinstance(error, dict), body
        assert isinstance(error.get("code"), str) and CODE.match(error["code"]), body
        assert isinstance(error.get("message"), str) and error["message"].strip(), body
        assert error["code"] != "INTERNAL", ("hostile input is not a gateway fault", body)
        if response.status_code == 401:
            assert error["code"] == "UNAUTHENTICATED" and response.headers.get(
                "www-authenticate", "").startswith("Bearer"), body
    else:
        assert "error" not in body, body
    return body


def send(client, method: str, url: str, *, headers: dict | None = None, content=None):
    """One request and its check; header values as bytes, so that any octets arrive as sent."""
    raw = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in (headers or {}).items()}
    response = client.request(method, url, headers=raw, content=content)
    sent = url + " " + (content.decode("utf-8", "replace") if isinstance(content, bytes) else "")
    for value in raw.values():
        sent += " " + value.decode("utf-8", "replace")
    return response, sent


def dumps(value) -> bytes:
    return json.dumps(value).encode()


# --- hostile values ----------------------------------------------------------------------------

LONG_CHARS = ["x", "长", "\x00", "\U0001F600", "'", "%", "\u202e", " "]
LONG_STRINGS = st.builds(lambda c, n: c * n, st.sampled_from(LONG_CHARS), st.sampled_from([200, 5000, 100_000]))
NASTY_STRINGS = st.sampled_from([
    "", " ", "\x00", "a\x00b", "socialInsurance\x00", "'; DROP TABLE sandbox_sessions; --", "%", "_",
    "\\", "中文" * 300, "x" * 64, "x" * 65, "x" * 100, "x" * 101, "长" * 101, "\U0001F600" * 50,
    "\u202etxt.exe", "null", "NaN", "../../etc/passwd", "..\\..\\windows", "${jndi:ldap://x}",
    "{{7*7}}", "<script>alert(1)</script>", "\ud7ff\ue000\uffff", "socialInsurance", "SOCIALINSURANCE",
    "enterprises", "population", "INBOX", "OUTBOX", "PENDING", "inbox", "APPROVED", "REJECTED"])
HOSTILE_TEXT = st.one_of(
    NASTY_STRINGS,
    LONG_STRINGS,
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Co"]), max_size=20),
)
HUGE_NUMBERS = st.sampled_from([2**31, -2**31 - 1, 2**53 + 1, 2**63, -2**63 - 1, 2**64, 10**30,
                                1e308, -1e308, 5e-324, 0.1, -0.0, 1.5])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), HUGE_NUMBERS,
                    st.floats(allow_nan=False, allow_infinity=False), HOSTILE_TEXT)
KEYS = ["datasets", "sql", "justification", "approve", "note", "id", ""]
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)),
    max_leaves=10)


def deep(levels: int):
    value = "socialInsurance"
    for _ in range(levels):
        value = [value]
    return value


DEEP_BODIES = [b"[" * 5000 + b"]" * 5000, b'{"a":' * 2000 + b"1" + b"}" * 2000]


RAW_BODIES = st.one_of(
    st.binary(max_size=200),
    JSON_VALUES.map(dumps),
    st.sampled_from([b"", b"{", b"[", b"null", b"0", b'"x"', b"[]", b"{}", b"\x00" * 64,
                     b'\xef\xbb\xbf{"sql": "SELECT 1"}', b'{"sql": "SELECT 1"} trailing',
                     b'{"sql": NaN}', b'{"datasets": 1e999}', b'{"sql": "\\ud800"}', b'{"sql": "\xff\xfe"}',
                     b'{"approve": true, "approve": "yes"}', b"x" * 1_000_001,
                     b'{"datasets": ["socialInsurance"], "pad": "' + b"x" * 1_000_000 + b'"}',
                     b"sql=SELECT+1", b"datasets=socialInsurance"] + DEEP_BODIES),
)
CONTENT_TYPES = [JSON, JSON + "; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/xml",
                 "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", None,
                 "\u00e9/\u00e9"]

SQL_SEEDS = [
    "SELECT district, count(*) AS n FROM socialInsurance GROUP BY district ORDER BY district",
    "SELECT district, status, insuranceType, since, count(*) AS n FROM socialInsurance "
    "GROUP BY ALL ORDER BY ALL",
    "SELECT 1", "SELECT * FROM socialInsurance", "SELECT idNumber FROM socialInsurance",
    "SELECT * FROM read_csv('/etc/passwd')", "COPY socialInsurance TO '/tmp/x.csv'",
    "ATTACH '/tmp/x.db' AS x", "SET memory_limit='10GB'", "PRAGMA database_list",
    "SELECT * FROM duckdb_settings()", "SELECT current_setting('temp_directory')",
    "SELECT * FROM nope", "SELECT nope FROM socialInsurance", "SELEC 1", "SELECT '\\x00'",
    "SELECT 1; SELECT 2", "DROP TABLE socialInsurance", "SELECT 1/0", "SELECT 'x'::INTEGER",
    "SELECT 9223372036854775807 + 1", "SELECT avg(monthlyBase) FROM socialInsurance",
]
SQL_VALUES = st.one_of(
    st.sampled_from(SQL_SEEDS),
    st.builds(lambda s, t: s + " -- " + t, st.sampled_from(SQL_SEEDS), HOSTILE_TEXT),
    st.builds(lambda s, n: s + " " * n, st.sampled_from(SQL_SEEDS[:2]), st.sampled_from([200, 5000, 100_000])),
    HOSTILE_TEXT, JSON_VALUES,
)

PATH_IDS = st.one_of(
    st.sampled_from(["", ".", "..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "../releases", "%00", "a%00b",
                     "a%2Fb", "%2F", "%5C", "x" * 200, "x" * 5000, "x" * 60_000, "%E4%B8%AD%E6%96%87",
                     "%ff%fe", "%20", "-1", "0", "1", "99999999999999999999", "1e3", "null", "%3F",
                     "%23", "%25", "~", "'", "%27%3B--", "%0A", "%0D%0A", "a%C0%AF"]),
    st.text(max_size=30).map(lambda s: quote(s, safe="")),
    st.text(alphabet=string.ascii_letters + string.digits + "-_.~%", max_size=40),
)
RELEASE_IDS = st.sampled_from(["0", "1", "2", "3", "01", "000001", "2147483647", "-1", "+1", "1.0",
                               "1e3", "abc", "%31", "１", "%00", "x" * 5000, "1%2F2"]
                              + OVERFLOWING_RELEASE_IDS)

# --- callers -----------------------------------------------------------------------------------

PRINCIPALS = ["researcher", "researcher", "renshe-steward", "renshe-app", "minzheng-app", "auditor",
              "gongan-steward", "minzheng-steward"]


def rest_caller(tokens, preferred: str | None = "researcher"):
    """Callers weighted towards the researcher (or `preferred`), garbage made from its token."""
    return caller(tokens, PRINCIPALS, preferred, garbage_from="researcher", own_weight=3)


def check_caller(kind: str, response, body) -> None:
    """No token or a garbage one never gets an answer from the sandbox."""
    if kind in ("anonymous", "garbage"):
        assert response.status_code >= 400, (kind, body)


# --- the world ---------------------------------------------------------------------------------

SANDBOX_SETTINGS = dict(sandbox_timeout_seconds=1.5, sandbox_memory_mb=96, sandbox_temp_mb=32,
                        sandbox_max_rows=1000, sandbox_max_sessions=20)
BY_DISTRICT = SQL_SEEDS[0]
SMALL_GROUPS = SQL_SEEDS[1]


@pytest.fixture(scope="module")
def rest(gateway, tmp_path_factory):
    """A gateway on the shared store with the sandbox tests' tight limits; its client; tokens;
    a canary session no property is told of; a target session and a pending release."""
    settings = gateway.settings.with_(sandbox_dir=tmp_path_factory.mktemp("sandbox-fuzz"), **SANDBOX_SETTINGS)
    gw = Gateway(settings)
    client = TestClient(create_app(settings, gw))
    client.__enter__()
    tokens = {p: gw.services.tokens.issue(p, gw.services.clock.now()) for p in set(PRINCIPALS)}
    researcher = {"Authorization": f"Bearer {tokens['researcher']}"}
    opened = [client.post("/sandbox/sessions", json={"datasets": ["socialInsurance"]}, headers=researcher)
              for _ in range(2)]
    assert [r.status_code for r in opened] == [201, 201], [r.text for r in opened]
    canary, target = (r.json()["id"] for r in opened)
    requested = client.post(f"/sandbox/sessions/{target}/releases", headers=researcher,
                            json={"sql": SMALL_GROUPS, "justification": "for the fuzzer"})
    assert requested.status_code == 201, requested.text
    expected = client.post(f"/sandbox/sessions/{canary}/query", json={"sql": BY_DISTRICT}, headers=researcher)
    assert expected.status_code == 200, expected.text
    world = {"gateway": gw, "client": client, "tokens": tokens, "canary": canary, "target": target,
             "release": requested.json()["id"], "expected": expected.json(),
             "enterprises": client.get("/open/datasets/enterprises").json()}
    yield world
    client.__exit__(None, None, None)
    gw.close()


def still_serves(world) -> None:
    client, tokens = world["client"], world["tokens"]
    response = client.post(f"/sandbox/sessions/{world['canary']}/query", json={"sql": BY_DISTRICT},
                           headers={"Authorization": f"Bearer {tokens['researcher']}"})
    assert response.status_code == 200 and response.json() == world["expected"], response.text[:500]
    entry = client.get("/open/datasets/enterprises")
    assert entry.status_code == 200 and entry.json() == world["enterprises"], entry.text[:500]


def still_serves_fully(world) -> None:
    still_serves(world)
    client = world["client"]
    assert client.get("/healthz").json() == {"status": "ok"}
    catalog = client.get("/open/datasets")
    assert "enterprises" in {d["code"] for d in catalog.json()["datasets"]}
    download = client.get("/open/datasets/enterprises.csv")
    assert download.status_code == 200 and download.text.count("\n") > 10
    mine = client.get("/sandbox/releases", headers={"Authorization": f"Bearer {world['tokens']['researcher']}"})
    assert mine.status_code == 200 and world["release"] in {r["id"] for r in mine.json()["releases"]}


def close_if_opened(world, response) -> None:
    """A session the fuzzer opened is closed again (sandbox_max_sessions)."""
    if response.status_code == 201 and "tables" in response.json():
        closed = world["client"].delete(f"/sandbox/sessions/{response.json()['id']}",
                                        headers={"Authorization": f"Bearer {world['tokens']['researcher']}"})
        assert closed.status_code == 204, closed.text


def open_session_body(draw) -> tuple[bytes, object]:
    choice = draw(st.integers(0, 5))
    if choice == 0:
        raw = draw(RAW_BODIES)
        return raw, None
    if choice == 1:
        datasets = draw(JSON_VALUES)
    elif choice == 2:
        datasets = draw(st.lists(HOSTILE_TEXT | st.sampled_from(["socialInsurance", "enterprises"]),
                                 min_size=1, max_size=4))
    elif choice == 3:
        datasets = draw(st.sampled_from([["socialInsurance"], ["socialInsurance"] * 2, ["population"],
                                         ["socialInsurance", "enterprises"], ["socialInsurance"] * 50,
                                         deep(50), deep(900), [["socialInsurance"]], "socialInsurance",
                                         {"socialInsurance": True}, [None], [1], [""], [True]]))
    else:
        datasets = draw(HOSTILE_TEXT)
    body = {"datasets": datasets}
    for key in draw(st.lists(st.sampled_from(KEYS[1:]) | st.text(max_size=8), max_size=2)):
        body[key] = draw(SCALARS)
    return dumps(body), body


# --- the properties --------------------------------------------------------------------------

def test_open_session_bodies(rest):
    """POST /sandbox/sessions with bodies of the wrong shapes and types, hostile dataset names,
    raw bytes and other content types: 201 only for a researcher naming what it may load."""
    client = rest["client"]

    @fuzz_settings(70)
    @given(data=st.data())
    def run(data):
        raw, body = open_session_body(data.draw)
        kind, headers = data.draw(rest_caller(rest["tokens"]))
        content_type = data.draw(st.sampled_from(CONTENT_TYPES))
        if content_type is not None:
            headers["Content-Type"] = content_type
        response, sent = send(client, "POST", "/sandbox/sessions", headers=headers, content=raw)
        result = check_response(response, sent)
        check_caller(kind, response, result)
        if response.status_code == 201:
            assert body is not None and body["datasets"] == ["socialInsurance"], body
            assert set(result) >= {"id", "tables", "expiresAt"}, result
            close_if_opened(rest, response)
        elif body is not None and not (isinstance(body["datasets"], list) and body["datasets"]
                                       and all(isinstance(d, str) and d for d in body["datasets"])) \
                and kind == "own":
            assert response.status_code in (400, 422), result

    run()
    still_serves_fully(rest)


@st.composite
def session_id(draw, world):
    choice = draw(st.integers(0, 4))
    if choice < 2:
        return world["target"]
    if choice == 2:
        real = world["target"]
        return draw(st.sampled_from([real.upper(), real + "%00", real + "%2F", real + "/", real[:-1],
                                     real + "x", "%20" + real, quote(real + "\u00e9"), real * 3]))
    return draw(PATH_IDS)


def session_body(draw, action: str) -> bytes:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(RAW_BODIES)
    if choice == 1:
        return dumps(draw(JSON_VALUES))
    body = {"sql": draw(SQL_VALUES)}
    if action == "releases":
        body["justification"] = draw(HOSTILE_TEXT | SCALARS | st.just("needed for the report"))
    if draw(st.booleans()):
        body[draw(st.sampled_from(KEYS))] = draw(SCALARS)
    return dumps(body)


def test_session_routes(rest, store_url):
    """GET and DELETE /sandbox/sessions/{id}, POST .../query and .../releases with odd ids
    (the real one, near misses, traversal, encoded slashes, very long, unicode) and hostile
    bodies (wrong shapes, SQL seeds with hostile comments and padding, escapes)."""
    client = rest["client"]

    @fuzz_settings(130)
    @given(data=st.data())
    def run(data):
        action = data.draw(st.sampled_from(["describe", "delete", "query", "query", "query",
                                            "releases", "releases"]))
        sid = data.draw(session_id(rest))
        kind, headers = data.draw(rest_caller(rest["tokens"]))
        if action in ("describe", "delete"):
            method, url, raw = ("GET" if action == "describe" else "DELETE"), f"/sandbox/sessions/{sid}", None
        else:
            method, url, raw = "POST", f"/sandbox/sessions/{sid}/{action}", session_body(data.draw, action)
            headers["Content-Type"] = data.draw(st.sampled_from(CONTENT_TYPES[:4]))
        response, sent = send(client, method, url, headers=headers, content=raw)
        body = check_response(response, sent)
        check_caller(kind, response, body)
        if response.status_code == 204:
            assert method == "DELETE"
        if method == "DELETE" and response.status_code == 204 and sid == rest["target"]:
            reopen(rest)
        still_serves(rest)

    run()
    still_serves_fully(rest)


def reopen(world) -> None:
    """The fuzzer closed the target session: open another one for the examples to come."""
    response = world["client"].post("/sandbox/sessions", json={"datasets": ["socialInsurance"]},
                                    headers={"Authorization": f"Bearer {world['tokens']['researcher']}"})
    assert response.status_code == 201, response.text
    world["target"] = response.json()["id"]


BOX_VALUES = st.sampled_from(["INBOX", "OUTBOX", "inbox", "Outbox", "", " ", "NOPE", "INBOX\x00",
                              "ınbox", "x" * 5000, "INBOX,OUTBOX", "%00"]) | HOSTILE_TEXT
STATUS_VALUES = st.sampled_from(["PENDING", "APPROVED", "REJECTED", "pending", "", "NOPE",
                                 "PENDING\x00", "x" * 5000]) | HOSTILE_TEXT


@st.composite
def release_query(draw) -> str:
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(["box", "box=", "&&&", "=", "box=%ff%fe", "box=%00", "status=%",
                                     "box=INBOX&box=OUTBOX", "status=PENDING&status=nope", "%%%",
                                     "box=" + "%7B" * 3000, "box[]=INBOX", "box=INBOX#frag"]))
    pairs = []
    if draw(st.booleans()):
        pairs.append(("box", draw(BOX_VALUES)))
    if draw(st.booleans()):
        pairs.append(("status", draw(STATUS_VALUES)))
    for _ in range(draw(st.integers(0, 2))):
        pairs.append((draw(st.sampled_from(["box", "status", "id", "", "Box"]) | st.text(max_size=6)),
                      draw(HOSTILE_TEXT)))
    encoded = urlencode(pairs)
    return encoded[:60_000]


def test_release_queue(rest):
    """GET /sandbox/releases with odd `box` and `status` values and query strings, GET
    /sandbox/releases/{id} with odd ids, as researchers, stewards and others."""
    client = rest["client"]

    @fuzz_settings(90)
    @given(data=st.data())
    def run(data):
        kind, headers = data.draw(rest_caller(rest["tokens"], data.draw(st.sampled_from(["researcher", "renshe-steward"]))))
        if data.draw(st.booleans()):
            qs = data.draw(release_query())
            response, sent = send(client, "GET", "/sandbox/releases?" + qs, headers=headers)
            body = check_response(response, sent)
            if response.status_code == 200:
                assert isinstance(body["releases"], list), body
        else:
            rid = data.draw(RELEASE_IDS | st.just(str(rest["release"])))
            response, sent = send(client, "GET", f"/sandbox/releases/{rid}", headers=headers)
            body = check_response(response, sent)
            if response.status_code == 200:
                assert body["id"] == str(int(unquote(rid))), body  # ids are strings, as in GraphQL
        check_caller(kind, response, body)

    run()
    still_serves_fully(rest)


def decision_body(draw) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(RAW_BODIES)
    if choice == 1:
        return dumps(draw(JSON_VALUES))
    body = {"approve": draw(st.booleans() | SCALARS), "note": draw(HOSTILE_TEXT | SCALARS)}
    if draw(st.booleans()):
        del body[draw(st.sampled_from(["approve", "note"]))]
    return dumps(body)


def test_release_decisions(rest, store_url):
    """POST /sandbox/releases/{id}/decision with odd ids and bodies (approve of the wrong type,
    hostile notes), as stewards of the owning department, others and researchers."""
    client = rest["client"]

    @fuzz_settings(60)
    @given(data=st.data())
    def run(data):
        kind, headers = data.draw(rest_caller(rest["tokens"], "renshe-steward"))
        rid = data.draw(RELEASE_IDS | st.just(str(rest["release"])))
        raw = decision_body(data.draw)
        content_type = data.draw(st.sampled_from(CONTENT_TYPES))
        if content_type is not None:
            headers["Content-Type"] = content_type
        response, sent = send(client, "POST", f"/sandbox/releases/{rid}/decision", headers=headers, content=raw)
        body = check_response(response, sent)
        check_caller(kind, response, body)
        if response.status_code == 200:
            assert body["id"] == str(int(unquote(rid))) and body["status"] in ("APPROVED", "REJECTED"), body

    run()
    still_serves_fully(rest)


OPEN_NAMES = st.one_of(
    st.sampled_from(["enterprises", "enterprises.csv", "enterprises.json", "enterprises.parquet",
                     "enterprises.CSV", "enterprises.xlsx", "enterprises.", ".csv", ".", "..", "...",
                     "enterprises.csv.csv", "socialInsurance", "socialInsurance.csv", "population.json",
                     "medicalVisits.parquet", "%2e%2e%2fapp.py", "..%2F..%2Fetc%2Fpasswd.csv",
                     "enterprises%00.csv", "enterprises.csv%00", "%00", "enterprises%2Fcsv", "x" * 200,
                     "x" * 5000 + ".csv", "y" * 60_000, "%E4%B8%AD%E6%96%87.json", "%ff.csv", "enterprises%20",
                     "ENTERPRISES.csv", "enterprises;.csv", "enterprises%3F.csv", "enterprises%23.csv"]),
    st.tuples(st.text(max_size=20), st.sampled_from(["", ".csv", ".json", ".parquet", ".x"])).map(
        lambda t: quote(t[0] + t[1], safe="")),
)
OPEN_PATHS = st.one_of(
    st.just("/open/datasets"), st.just("/open/catalog.jsonld"),
    OPEN_NAMES.map(lambda name: "/open/datasets/" + name),
)
OPEN_HEADERS = st.dictionaries(
    st.sampled_from(["If-None-Match", "If-Modified-Since", "Accept", "Range", "Accept-Encoding"]),
    st.sampled_from(["*", '"x"', "W/\"x\"", "", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
                     "not a date", "bytes=0-10", "text/csv", "application/json;q=0", "gzip", "\u00e9"])
    | HOSTILE_TEXT.map(lambda s: s.encode("utf-8", "surrogatepass").replace(b"\r", b"").replace(b"\n", b"")
                        .replace(b"\x00", b"")[:8000]),
    max_size=2)


def test_open_data(rest):
    """GET /open/datasets, /open/catalog.jsonld and /open/datasets/{name} with odd names, formats,
    query parameters, conditional headers and tokens: JSON, JSON-LD or the file; JSON refusals."""
    client = rest["client"]

    @fuzz_settings(110)
    @given(path=OPEN_PATHS, qs=release_query(), extra=OPEN_HEADERS, data=st.data())
    def run(path, qs, extra, data):
        kind, headers = data.draw(rest_caller(rest["tokens"], "renshe-app"))
        headers.update(extra)
        method = data.draw(st.sampled_from(["GET", "GET", "GET", "HEAD"]))
        url = path + ("?" + qs if qs and data.draw(st.booleans()) else "")
        url = url[:60_000]  # httpx refuses longer URLs
        response, sent = send(client, method, url, headers=headers)
        if method == "HEAD":
            assert response.status_code < 500 and response.content == b"", response.status_code
            return
        body = check_response(response, sent, download=True)
        if path in ("/open/datasets", "/open/catalog.jsonld") and kind != "garbage":
            assert response.status_code == 200, body
        if response.status_code == 200 and path.startswith("/open/datasets/") and body is not None \
                and "datasets" not in body:  # `/open/datasets/.` is the catalog
            assert body["code"] == path.rpartition("/")[2], body

    run()
    still_serves_fully(rest)


ROUTES = [
    ("/sandbox/sessions", {"POST"}), ("/sandbox/sessions/{sid}", {"GET", "DELETE"}),
    ("/sandbox/sessions/{sid}/query", {"POST"}), ("/sandbox/sessions/{sid}/releases", {"POST"}),
    ("/sandbox/releases", {"GET"}), ("/sandbox/releases/{rid}", {"GET"}),
    ("/sandbox/releases/{rid}/decision", {"POST"}), ("/open/datasets", {"GET"}),
    ("/open/catalog.jsonld", {"GET"}), ("/open/datasets/{name}", {"GET"}),
    ("/sandbox", set()), ("/sandbox/", set()), ("/open", set()), ("/open/", set()),
    ("/sandbox/sessions/", {"POST"}), ("/open/datasets/", {"GET"}),  # redirected to the route ("/sandbox//sessions", set()),
]


def test_methods_and_content_types(rest):
    """Every route with every method, any Content-Type and Accept header: 405 for a method it
    does not take, never a 5xx."""
    client = rest["client"]

    @fuzz_settings(60)
    @given(route=st.sampled_from(ROUTES),
           method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD"]),
           content_type=st.sampled_from(CONTENT_TYPES),
           accept=st.sampled_from(["text/csv", "application/xml", JSON, "*/*", "", "text/html"]),
           data=st.data())
    def run(route, method, content_type, accept, data):
        path, methods = route
        if method == "DELETE" and "{sid}" in path:
            methods = methods  # a DELETE of the canary or target is not generated: ids are fake
        url = path.format(sid="not-a-session", rid=str(rest["release"]), name="enterprises")
        kind, headers = data.draw(rest_caller(rest["tokens"]))
        headers["Accept"] = accept
        if content_type is not None:
            headers["Content-Type"] = content_type
        raw = data.draw(st.sampled_from([None, b"", b"{}", dumps({"sql": BY_DISTRICT}), b"\x00\xff"]))
        if path.endswith("/decision") and raw == dumps({"sql": BY_DISTRICT}):
            raw = b"{}"
        response, sent = send(client, method, url, headers=headers, content=raw)
        if method == "HEAD":
            assert response.status_code < 500
            return
        body = check_response(response, sent, download=True)
        if method not in methods | ({"HEAD"} if "GET" in methods else set()):
            assert response.status_code in (404, 405), (method, path, response.status_code, body)

    run()
    still_serves_fully(rest)
