"""Hostile input over HTTP (api.md, "HTTP" and "Errors"), property-based.

Malformed documents, variables of the wrong JSON types, wrong `operationName`s, raw bodies
that are not GraphQL requests, odd GET query strings and odd Authorization headers, sent
anonymously and with real bearer tokens: every answer is a 4xx, or a 200 whose `errors` each
carry a `message` and an `extensions.code`; never a 5xx, never a Python stack trace, an
exception class name, SQL driver text or a host path; and the gateway answers a known-good
query correctly afterwards.

The examples are derandomized (the same ones every run) and few, so that the file stays
quick; tests/fuzzing.py says how to hunt longer.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import string
from urllib.parse import parse_qsl, urlencode

import orjson
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.fuzzing import caller, fuzz_settings
from tests.conftest import PURPOSE, Api

GQL = "application/graphql-response+json"
JSON = "application/json"


# --- what every answer must look like -------------------------------------------------------

LEAKS = ("Traceback", 'File "', "/work/", '.py"', ".py:", "site-packages", "sqlalchemy",
         "psycopg", "sqlite3.", "Background on this error", "<module>", "object at 0x")
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b")
CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def check_response(response, *, accept: str | None = GQL) -> dict | None:
    """The contract for one answer; returns its JSON body (None for the GraphiQL page)."""
    text = response.text
    assert response.status_code < 500, (response.status_code, text[:2000])
    for leak in LEAKS:
        assert leak not in text, (leak, text[:2000])
    names = set(EXCEPTION_NAME.findall(text))
    assert not names, (names, text[:2000])
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("text/html"):
        assert response.status_code == 200 and "graphiql" in text.lower()
        return None
    assert content_type.startswith((GQL, JSON)), content_type
    body = response.json()
    assert isinstance(body, dict), body
    assert set(body) <= {"data", "errors", "extensions"}, body
    if response.status_code >= 400:
        assert body.get("errors"), "a refused request says why"
    if "data" in body:
        assert response.status_code == 200, (response.status_code, body)
        assert body["data"] is None or isinstance(body["data"], dict)
    elif accept in (GQL, "") and response.status_code == 200:
        raise AssertionError(f"graphql-response+json without data must be a 4xx: {body}")
    if "errors" in body:
        assert isinstance(body["errors"], list) and body["errors"], body
        for error in body["errors"]:
            assert isinstance(error, dict), error
            assert isinstance(error.get("message"), str) and error["message"].strip(), error
            code = (error.get("extensions") or {}).get("code")
            assert isinstance(code, str) and CODE.match(code), error
            if code == "INTERNAL":
                raise AssertionError(("hostile input is not a gateway fault", error))
    return body


def dumps(value) -> bytes:
    """JSON as a client would send it (json, not orjson: integers beyond 64 bits, deep nesting)."""
    return json.dumps(value).encode()


# --- Defects these properties found, fixed since (the shapes are still generated) ----------
# 1. A fragment spread naming no fragment of the document (`{ ...A }`) and an empty selection
#    set (`{}`) crashed strawberry's depth-limit rule: a bare 500 (resolvers/depth_limit.py).
# 2. `stats { groups { <dimension> } }` for a dimension not grouped by answered INTERNAL; it is
#    BAD_INPUT naming the dimension.
# 3. On a PostgreSQL store, a NUL character in any string the gateway looks up or stores, or
#    a purpose longer than the audit trail's 100 characters, answered INTERNAL: NUL is refused
#    at the door (400), a purpose is at most 100 characters (BAD_INPUT), and the audit trail
#    stores what a caller sent cut to its columns.
# 4. On a PostgreSQL store, a signed token whose `sub` held a NUL was a bare 500; such a `sub`
#    is UNAUTHENTICATED.


def send(client, method: str, url: str, *, headers: dict | None = None, **kwargs):
    """One request; header values as bytes, so that any octets reach the gateway as sent."""
    raw = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in (headers or {}).items()}
    return client.request(method, url, headers=raw, **kwargs)


# --- the demo world's real requests, the seeds of the mutations -----------------------------

ROWS = ('query Page($n: Int, $after: String, $p: String = "p") { enterprises(purpose: $p) { '
        'rows(first: $n, after: $after) { nodes { name district } pageInfo { hasNextPage endCursor } } } }')
ENTERPRISE_STATS = ('query($w: EnterprisesWhere, $g: [EnterprisesDimension!] = [DISTRICT], $p: String) { '
                    'enterprises(purpose: $p) { '
                    'stats(groupBy: $g, where: $w) { groups { district count '
                    'sum(field: REGISTERED_CAPITAL) } suppressed } } }')
FILTERED_ROWS = ('query($p: String, $w: EnterprisesWhere, $n: Int) { enterprises(purpose: $p) { '
                 'rows(first: $n, where: $w) { nodes { creditCode name } } } }')
LOOKUP = ('query($k: String!, $p: String) { population(purpose: $p) { lookup(key: $k) { name district } } }')
SOCIAL_STATS = ('{ socialInsurance(purpose: "%s") { stats(groupBy: [DISTRICT, INSURANCE_TYPE]) { '
                'groups { district insuranceType count avg(field: MONTHLY_BASE) } suppressed } } }' % PURPOSE)
AUDIT = ('query($p: String, $d: String, $after: String, $n: Int!) { auditLog(first: $n, principal: $p, '
         'dataset: $d, after: $after) { nodes { id outcome mode } pageInfo { hasNextPage endCursor } } }')

# (principal it is meant for, document, variables, operationName)
SEEDS = [
    (None, "{ me { principal kind roles department { code name } } }", None, None),
    (None, "query($o: String, $s: ShareType) { catalog(owner: $o, shareType: $s) { code } }",
     {"o": "shichang"}, None),
    ("renshe-app", ROWS, {"n": 3}, "Page"),
    ("renshe-app", ENTERPRISE_STATS, {"w": {"district": {"eq": "南海区"}}, "p": "p"}, None),
    ("renshe-app", FILTERED_ROWS, {"p": "p", "w": {"registeredCapital": {"gte": 100}}, "n": 2}, None),
    ("minzheng-app", LOOKUP, {"k": "PERSON", "p": PURPOSE}, None),
    ("minzheng-app", SOCIAL_STATS, None, None),
    ("auditor", AUDIT, {"p": "renshe-app", "d": "enterprises", "n": 3}, None),
    ("gongan-steward", "query($b: Box!, $s: RequestStatus) { shareRequests(box: $b, status: $s) { id status } }",
     {"b": "INBOX"}, None),
    (None, "query($c: String!) { catalogHistory(code: $c) { version } }", {"c": "enterprises"}, None),
    (None, "query($id: ID!) { shareRequest(id: $id) { id status } }", {"id": 1}, None),
    (None, "query Q { ...F } fragment F on Query { me { principal } catalog { code } }", None, "Q"),
    (None, "query A { me { kind } } query B { catalog { code owner { code } } }", None, "B"),
    ("renshe-app", '{ __type(name: "EnterprisesAccess") { fields { name args { name } } } }', None, None),
]

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\.\.\.|[A-Za-z_]\w*|-?\d[\w.+-]*|\S')
HOSTILE_TOKENS = [
    "{", "}", "(", ")", "[", "]", ":", "$", "@", "!", "...", "=", "|", "&", "#", ",", '"', '"""',
    "query", "mutation", "subscription", "fragment", "on", "true", "false", "null", "__typename",
    '__type(name: "Query") { name }', "__schema", "@skip(if: true)", "@include(if: $nope)", "@nope",
    "@nope(x: 1)", "@deprecated", "$undefined", "$o", "...F", "... on Query { me { kind } }",
    "... on Nope { x }", "99999999999999999999999999", "1e99999", "-0", "0x1F", "1.5", "-2147483649",
    "2147483648", '"\\u0000"', '"\\uD800"', '"\\x"', '"中文"', "中文", "\x00", "\x01", "\x1b[31m",
    "\u2028", "\ufeff", "\U0001F600", "\u202e", "\\", "a" * 3000, "_" + "x" * 300,
    "(first: 99999999999)", "(first: -1)", "(purpose: null)", '(purpose: "")', '(owner: [[["x"]]])',
    '(key: "110101199003077777")', "{ ...A }", "(groupBy: [NOPE])", "(where: {nope: {eq: 1}})",
]
CYCLES = [
    "fragment A on Query { ...B } fragment B on Query { ...A }",
    "fragment F on Query { ...F me { kind } }",
    "fragment A on Query { me { kind } } fragment A on Query { catalog { code } }",
]
TYPES = ["Int", "Int!", "Float", "[String!]!", "Boolean", "EnterprisesWhere", "Nope", "String!",
         "[[String]]", "Box", "ID", "String", "[Int]", "EnterprisesWhere!", "Query", "PopulationRecord"]


def tokens_of(document: str) -> list[str]:
    return TOKEN.findall(document)


@st.composite
def mutation(draw, document: str) -> str:
    kind = draw(st.sampled_from([
        "delete_char", "insert_char", "delete_token", "insert_token", "replace_token",
        "duplicate", "truncate", "nest", "cycle", "directive", "retype", "swap", "pad"]))
    if kind in ("delete_char", "insert_char", "truncate", "duplicate"):
        at = draw(st.integers(0, len(document)))
        if kind == "delete_char":
            return document[:at] + document[at + draw(st.integers(1, 5)):]
        if kind == "insert_char":
            char = draw(st.one_of(st.sampled_from("{}()[]:$@!.=|&#,\"\\ \n\t\r"),
                                  st.characters(codec="utf-8"),
                                  st.sampled_from(["\x00", "\x07", "\x1f", "\x7f", "\ufffe"])))
            return document[:at] + char + document[at:]
        if kind == "truncate":
            return document[:at]
        end = draw(st.integers(at, len(document)))
        return document[:end] + document[at:end] * draw(st.integers(1, 3)) + document[end:]
    parts = tokens_of(document)
    if kind in ("delete_token", "insert_token", "replace_token", "swap"):
        at = draw(st.integers(0, max(0, len(parts) - 1)))
        pool = st.one_of(st.sampled_from(HOSTILE_TOKENS), st.sampled_from(parts or ["{"]))
        if kind == "delete_token":
            del parts[at:at + 1]
        elif kind == "insert_token":
            parts.insert(at, draw(pool))
        elif kind == "replace_token":
            parts[at:at + 1] = [draw(pool)]
        elif len(parts) > 1:
            other = draw(st.integers(0, len(parts) - 1))
            parts[at], parts[other] = parts[other], parts[at]
        return " ".join(parts)
    if kind == "pad":  # past PREPARED_MAX_CHARS: strawberry's own path, not the prepared one
        return "# " + "x" * 8100 + "\n" + document
    if kind == "nest":
        depth = draw(st.integers(1, 1500))
        shape = draw(st.sampled_from(["braces", "fields", "lists", "parens"]))
        if shape == "braces":
            return document.replace("{", "{" * depth, 1)
        if shape == "fields":
            inner = "{ me " + "{ department " * depth + "{ code }" + "}" * depth + " }"
            return inner if draw(st.booleans()) else document + " " + inner
        if shape == "lists":
            literal = re.search(r'"(?:[^"\\]|\\.)*"', document)
            if literal is None:
                return document + " " + "[" * depth + "]" * depth
            return (document[:literal.start()] + "[" * depth + literal.group() + "]" * depth
                    + document[literal.end():])
        return document.replace("(", "(" * depth, 1)
    if kind == "cycle":
        spread = draw(st.sampled_from(["...A", "...B", "...F"]))
        body = document.replace("{", "{ " + spread + " ", 1)
        return body + " " + draw(st.sampled_from(CYCLES))
    if kind == "directive":
        directive = draw(st.sampled_from(["@nope", "@skip", "@include(if: 5)", "@skip(if: $x)",
                                          "@deprecated(reason: 1)", "@specifiedBy(url: \"x\")",
                                          "@skip(if: true) @skip(if: false)"]))
        names = [i for i, p in enumerate(parts) if re.match(r"[a-z]\w*$", p)]
        if not names:
            return document + directive
        at = draw(st.sampled_from(names))
        parts.insert(at + 1, directive)
        return " ".join(parts)
    if kind == "retype":
        declared = list(re.finditer(r"\$\w+\s*:\s*([\w\[\]!]+)", document))
        if not declared:
            return "query($x: " + draw(st.sampled_from(TYPES)) + ") " + document.lstrip("query ")
        found = draw(st.sampled_from(declared))
        return document[:found.start(1)] + draw(st.sampled_from(TYPES)) + document[found.end(1):]
    raise AssertionError(kind)


@st.composite
def mutated_request(draw):
    principal, document, variables, operation = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        document = draw(mutation(document))
    return principal, document, variables, operation


# --- hostile JSON values ---------------------------------------------------------------------

NASTY_STRINGS = st.sampled_from([
    "", " ", "\x00", "a\x00b", "p\x00", "'; DROP TABLE grants; --", "%", "_", "\\", "%_\\%",
    "中文" * 300, "x" * 5000, "p" * 100, "p" * 101, "长" * 101, "\U0001F600" * 50, "\u202etxt.exe",
    "null", "undefined", "1e999", "NaN", "110101199003077777", "91440604MA4UJXXX1X", "2026-02-30",
    "99999-01-01", "-0001-01-01", "../../etc/passwd", "${jndi:ldap://x}", "{{7*7}}",
    "<script>alert(1)</script>", "YWJj", "eyJhIjoxfQ==", "!!!", "\ud7ff\ue000\uffff"])
HOSTILE_TEXT = st.one_of(
    NASTY_STRINGS,
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Co"]), max_size=20),
    st.text(min_size=95, max_size=110),
)
HUGE_NUMBERS = st.sampled_from([2**31, -2**31 - 1, 2**53 + 1, 2**63, -2**63 - 1, 2**64, 10**30,
                                1e308, -1e308, 5e-324, 0.1, -0.0, 1.5])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), HUGE_NUMBERS,
                    st.floats(allow_nan=False, allow_infinity=False), HOSTILE_TEXT)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["eq", "ne", "in", "gte", "lt", "startsWith",
                                                             "district", "name", "nope", ""]) | st.text(max_size=8),
                                            inner, max_size=4)),
    max_leaves=12)
WHERE_FIELDS = ["creditCode", "name", "legalRepresentative", "registeredCapital", "industry",
                "district", "establishedOn", "status", "nope"]
WHERE_OPS = ["eq", "ne", "in", "startsWith", "gt", "gte", "lt", "lte", "nope"]
WHERE = st.dictionaries(st.sampled_from(WHERE_FIELDS),
                        st.dictionaries(st.sampled_from(WHERE_OPS), JSON_VALUES | SCALARS, max_size=3),
                        max_size=3)


def deep(levels: int, leaf=None):
    value = leaf
    for _ in range(levels):
        value = [value]
    return value


DEEP_VALUES = st.builds(deep, st.integers(50, 900), SCALARS) | st.builds(
    lambda n: json.loads('{"a":' * n + "1" + "}" * n), st.integers(50, 900))


def variable_names(document: str) -> list[str]:
    return sorted(set(re.findall(r"\$(\w+)\s*:", document)))


# --- callers ---------------------------------------------------------------------------------

PRINCIPALS = ["renshe-app", "minzheng-app", "auditor", "gongan-steward"]


@pytest.fixture(scope="module")
def tokens(gateway):
    return {p: gateway.services.tokens.issue(p, gateway.services.clock.now()) for p in PRINCIPALS}


def check_caller(kind: str, body: dict | None, response) -> None:
    """A garbage Authorization header is refused as such (never silently anonymous), unless the
    request was refused before anyone was asked who sent it."""
    if kind == "garbage" and body is not None and "data" in body:
        raise AssertionError(f"garbage credentials got an answer: {body}")
    if kind == "garbage" and response.status_code == 401:
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"], body
        assert response.headers.get("www-authenticate", "").startswith("Bearer")


# --- the gateway still serves ----------------------------------------------------------------

def still_serves(client, tokens) -> None:
    response = client.post("/graphql", json={"query": "{ me { principal } }"},
                           headers={"Accept": GQL, "Authorization": f"Bearer {tokens['renshe-app']}"})
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"principal": "renshe-app"}}}


def still_serves_fully(client, gateway, people) -> None:
    renshe = Api(client, gateway, "renshe-app")
    rows = renshe.query('{ enterprises(purpose: "p") { rows(first: 2) { nodes { name } } } }')
    assert "errors" not in rows and len(rows["data"]["enterprises"]["rows"]["nodes"]) == 2
    person = people[3]
    found = Api(client, gateway, "minzheng-app").query(
        'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name } } }' % PURPOSE,
        {"k": person["id_number"]})
    assert found == {"data": {"population": {"lookup": {"name": person["name"]}}}}
    assert client.get("/healthz").json() == {"status": "ok"}
    anonymous = client.get("/graphql", params={"query": "{ me { principal } }"}, headers={"Accept": GQL})
    assert anonymous.json() == {"data": {"me": {"principal": None}}}


def with_real_key(variables, people):
    if variables and variables.get("k") == "PERSON":
        return {**variables, "k": people[0]["id_number"]}
    return variables


# --- the properties --------------------------------------------------------------------------

def post(client, gateway, payload: dict, headers: dict, accept: str = GQL):
    """POST one GraphQL request and check the answer; (answer, body)."""
    content = dumps(payload)
    response = send(client, "POST", "/graphql", content=content,
                    headers={**headers, "Accept": accept, "Content-Type": JSON})
    body = check_response(response, accept=accept)
    return response, body


def test_mutated_documents(client, gateway, tokens, people):
    """Real queries of the demo world with characters and tokens deleted, inserted, replaced,
    duplicated, truncated; braces, fields, lists nested deep; cycling and duplicate fragments;
    unknown or misused directives; variables declared with other types."""

    @fuzz_settings(110)
    @given(request=mutated_request(), data=st.data())
    def run(request, data):
        principal, document, variables, operation = request
        kind, headers = data.draw(caller(tokens, PRINCIPALS, principal, garbage_from="renshe-app"))
        accept = data.draw(st.sampled_from([GQL, GQL, JSON]))
        response, body = post(client, gateway, {
            "query": document, "variables": with_real_key(variables, people),
            "operationName": operation}, headers, accept)
        check_caller(kind, body, response)
        still_serves(client, tokens)

    run()
    still_serves_fully(client, gateway, people)


STRING_VARIABLES = {"o", "p", "d", "c", "k", "after"}


@st.composite
def variable_value(draw, name: str):
    if name == "w" and draw(st.booleans()):
        return draw(WHERE)
    choice = draw(st.integers(0, 9))
    if choice < (6 if name in STRING_VARIABLES else 3):
        return draw(HOSTILE_TEXT)
    if choice < 8:
        return draw(JSON_VALUES)
    if choice < 9:
        return draw(HUGE_NUMBERS)
    return draw(DEEP_VALUES)


def test_wrong_variables(client, gateway, tokens, people):
    """The seeds' own variable names given values of the wrong JSON types: lists, numbers,
    nested objects, null, huge numbers, control characters, deep nesting; filters with
    hostile operands; names the document does not declare."""
    with_variables = [s for s in SEEDS if variable_names(s[1])]

    @fuzz_settings(110)
    @given(seed=st.sampled_from(with_variables), data=st.data())
    def run(seed, data):
        principal, document, variables, operation = seed
        variables = dict(with_real_key(variables, people) or {})
        names = variable_names(document)
        for name in data.draw(st.lists(st.sampled_from(names + ["undeclared"]), min_size=1, max_size=3)):
            variables[name] = data.draw(variable_value(name))
        kind, headers = data.draw(caller(tokens, PRINCIPALS, principal, garbage_from="renshe-app"))
        response, body = post(client, gateway, {"query": document, "variables": variables,
                                                "operationName": operation}, headers)
        check_caller(kind, body, response)
        still_serves(client, tokens)

    run()
    still_serves_fully(client, gateway, people)


def test_wrong_request_members(client, gateway, tokens, people):
    """`query`, `variables` and `operationName` of the wrong JSON types, and unknown members:
    400 with a message (the request is not GraphQL), or the operation it names."""

    @fuzz_settings(60)
    @given(seed=st.sampled_from(SEEDS), data=st.data())
    def run(seed, data):
        principal, document, variables, operation = seed
        payload = {"query": document, "variables": variables, "operationName": operation}
        member = data.draw(st.sampled_from(["query", "variables", "operationName", "extra"]))
        value = data.draw(JSON_VALUES | HOSTILE_TEXT)
        payload[member if member != "extra" else data.draw(st.text(max_size=10))] = value
        kind, headers = data.draw(caller(tokens, PRINCIPALS, principal, garbage_from="renshe-app"))
        response, body = post(client, gateway, payload, headers)
        check_caller(kind, body, response)
        query, variables, operation = (payload.get("query"), payload.get("variables"),
                                       payload.get("operationName"))
        if (not isinstance(query, str) or not query.strip()
                or (variables is not None and not isinstance(variables, dict))
                or (operation is not None and not isinstance(operation, str))):
            assert response.status_code == 400 and "data" not in body, body
            assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST", body
        still_serves(client, tokens)

    run()
    still_serves_fully(client, gateway, people)


RAW_BODIES = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=100).map(str.encode),
    JSON_VALUES.map(dumps),
    st.sampled_from([b"", b"{", b"[", b"null", b"0", b'"query"', b"[]", b"{}", b'{"query": ""}',
                     b'{"query": " \\t\\n "}', b'{"query": "{ me { kind } }"} trailing',
                     b'\xef\xbb\xbf{"query": "{ me { kind } }"}', b'{"query": "{ me { kind } }", "query": 5}',
                     b'{"query": "{ me { kind } }", "variables": NaN}', b'{"query": 1e999}',
                     b'{"query": "\\ud800"}', b'{"query": "\xff\xfe"}', b"\x00" * 64,
                     b'{"query": "{ me { kind } }", "variables": "{}"}',
                     b'{"query": ["{ me { kind } }"]}', b"[" * 5000 + b"]" * 5000,
                     b'{"a":' * 2000 + b"1" + b"}" * 2000,
                     b'query=%7B%20me%20%7B%20kind%20%7D%20%7D']),
)
CONTENT_TYPES = [JSON, JSON + "; charset=utf-8", "APPLICATION/JSON", " application/json ; x=y",
                 "application/json-patch+json", "text/plain", "application/graphql",
                 "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", None,
                 "application/jsonx", "json", "\u00e9/\u00e9"]


def test_raw_bodies(client, gateway, tokens, people):
    """POST bodies that are random bytes, broken or wrongly shaped JSON, or sent with another
    Content-Type: 415 for anything but application/json, else 400 unless a GraphQL request."""

    @fuzz_settings(100)
    @given(raw=RAW_BODIES, content_type=st.sampled_from(CONTENT_TYPES), data=st.data())
    def run(raw, content_type, data):
        kind, headers = data.draw(caller(tokens, PRINCIPALS, garbage_from="renshe-app"))
        if content_type is not None:
            headers["Content-Type"] = content_type
        headers["Accept"] = data.draw(st.sampled_from([GQL, JSON, "*/*", ""]))
        response = send(client, "POST", "/graphql", content=raw, headers=headers)
        body = check_response(response, accept=headers["Accept"])
        media = (content_type or "").split(";")[0].strip().lower()
        if media != JSON:
            assert response.status_code == 415, body
            return
        try:
            parsed = orjson.loads(raw)
        except orjson.JSONDecodeError:
            assert response.status_code == 400 and "not valid JSON" in body["errors"][0]["message"], body
            return
        if not isinstance(parsed, dict) or not isinstance(parsed.get("query"), str):
            assert response.status_code == 400, body
        check_caller(kind, body, response)

    run()
    still_serves(client, tokens)
    still_serves_fully(client, gateway, people)


QUERY_KEYS = ["query", "variables", "operationName", "extensions", "Query", "query[]", ""]


@st.composite
def query_string(draw):
    if draw(st.booleans()):
        pairs = draw(st.lists(st.tuples(
            st.sampled_from(QUERY_KEYS) | st.text(max_size=6),
            st.one_of(st.sampled_from([s[1] for s in SEEDS]), mutated_request().map(lambda r: r[1]),
                      JSON_VALUES.map(json.dumps), HOSTILE_TEXT,
                      st.sampled_from(["mutation { markNotificationsRead(ids: []) }",
                                       "subscription { me { kind } }", "{nope", "[1]", "null"]))),
            max_size=4))
        encoded = urlencode(pairs)
        assume(len(encoded) < 60_000)  # httpx refuses longer URLs
        return encoded
    return draw(st.one_of(
        st.text(alphabet=string.ascii_letters + string.digits + "%&=+;#[]{}$._-~!*'(),:@/?", max_size=80),
        st.sampled_from(["query", "query=", "&&&", "=", "query=%ff%fe", "query=%00", "query=%7B%20me%20%7B%20kind",
                         "variables=%5B", "query=%7Bme%7Bkind%7D%7D&variables=%5B1%5D",
                         "query=%7Bme%7Bkind%7D%7D&operationName=%5B%5D",
                         "query=%7Bme%7Bkind%7D%7D&query=", "query=%", "query=%zz", "%%%",
                         "query=" + "%7B" * 3000])))


def test_get_query_strings(client, gateway, tokens, people):
    """GET /graphql with odd query strings and Accept headers: GraphiQL for a browser asking
    for no query, else JSON as for POST; a mutation over GET is 405."""

    @fuzz_settings(80)
    @given(qs=query_string(), accept=st.sampled_from([GQL, JSON, "text/html", "text/html, */*", "*/*", ""]),
           data=st.data())
    def run(qs, accept, data):
        params = dict(parse_qsl(qs.split("#")[0], keep_blank_values=True))
        kind, headers = data.draw(caller(tokens, PRINCIPALS, garbage_from="renshe-app"))
        response = send(client, "GET", "/graphql?" + qs, headers={**headers, "Accept": accept})
        body = check_response(response, accept=accept)
        if body is None:
            assert "text/html" in accept and "query" not in params
            return
        check_caller(kind, body, response)
        if re.match(r"\s*mutation\b", params.get("query", "")) and "operationName" not in params \
                and response.status_code != 401:
            assert response.status_code in (400, 405) and "data" not in body, body
        still_serves(client, tokens)

    run()
    still_serves_fully(client, gateway, people)


def test_methods_and_accept_headers(client, gateway, tokens, people):
    """Any method and Accept header: 405 for methods other than GET and POST (with Allow),
    406 when the Accept header allows neither JSON media type, never a 5xx."""

    @fuzz_settings(50)
    @given(method=st.sampled_from(["PUT", "DELETE", "PATCH", "OPTIONS", "POST", "GET", "HEAD"]),
           accept=st.sampled_from(["text/csv", "image/png", "application/xml", "text/*", GQL, JSON,
                                   "application/graphql-response+json;q=0", "*/*;q=0"])
           | st.text(alphabet=string.printable.strip("\r\n\x0b\x0c"), max_size=30),
           seed=st.sampled_from(SEEDS))
    def run(method, accept, seed):
        principal, document, variables, operation = seed
        response = send(client, method, "/graphql", headers={"Accept": accept, "Content-Type": JSON},
                        content=dumps({"query": document, "variables": variables,
                                       "operationName": operation}))
        if method in ("HEAD", "OPTIONS"):  # 405 too, HEAD with no body to read
            assert response.status_code < 500 and "Traceback" not in response.text
            if method == "OPTIONS":
                assert response.status_code == 405 and "POST" in response.headers["allow"]
            return
        body = check_response(response, accept=accept)
        if method not in ("GET", "POST"):
            assert response.status_code == 405 and "POST" in response.headers["allow"], body
        elif body is not None and GQL not in accept and JSON not in accept \
                and "*/*" not in accept and "application/*" not in accept and accept:
            assert response.status_code == 406, body

    run()
    still_serves(client, tokens)
    still_serves_fully(client, gateway, people)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed(header: dict, claims: dict, secret: str) -> str:
    """A JWT signed with HS256 by hand: PyJWT refuses to encode some of these claims."""
    signing_input = f"{b64(dumps(header))}.{b64(dumps(claims))}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def test_hostile_token_claims(client, gateway, tokens, people):
    """Tokens signed with the gateway's own key but with claims and headers of the wrong types
    or naming unknown principals: 401 UNAUTHENTICATED, never a 5xx; a valid one still works."""
    secret = gateway.settings.jwt_secret
    now = int(gateway.services.clock.now().timestamp())
    base = {"sub": "renshe-app", "iss": gateway.settings.jwt_issuer, "aud": gateway.settings.jwt_audience,
            "iat": now, "exp": now + 3600}
    assert signed({"alg": "HS256", "typ": "JWT"}, base, secret).count(".") == 2
    claim_values = st.one_of(JSON_VALUES, st.sampled_from(["nobody", "", "RENSHE-APP", "renshe-app ",
                                                           "x" * 5000, now - 10, now + 10, 1e300]))
    header_values = st.sampled_from([{}, {"alg": "none"}, {"alg": "HS512"}, {"alg": "RS256"},
                                     {"kid": "../../etc/passwd"}, {"crit": ["exp"]}, {"alg": None},
                                     {"typ": 5}, {"jku": "http://example.invalid/jwks"}])

    @fuzz_settings(40)
    @given(changes=st.dictionaries(st.sampled_from(["sub", "iss", "aud", "iat", "exp", "nbf", "extra"]),
                                   claim_values, min_size=1, max_size=3),
           header=header_values, seed=st.sampled_from(SEEDS))
    def run(changes, header, seed):
        claims = {**base, **changes}
        token = signed({"alg": "HS256", "typ": "JWT", **header}, claims, secret)
        principal, document, variables, operation = seed
        response, body = post(client, gateway, {
            "query": document, "variables": with_real_key(variables, people),
            "operationName": operation}, {"Authorization": f"Bearer {token}"})
        if claims["sub"] != "renshe-app":
            assert response.status_code == 401, (claims, body)
        if response.status_code == 401:
            assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"], body
        still_serves(client, tokens)

    run()
    valid = signed({"alg": "HS256", "typ": "JWT"}, base, secret)
    me = send(client, "POST", "/graphql", json={"query": "{ me { principal } }"},
              headers={"Accept": GQL, "Authorization": f"Bearer {valid}"})
    assert me.json() == {"data": {"me": {"principal": "renshe-app"}}}
    still_serves_fully(client, gateway, people)
