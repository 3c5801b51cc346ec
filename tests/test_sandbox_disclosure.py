"""A researcher who tries to single out one insured person through the sandbox's HTTP API.

The demo's socialInsurance rows (the source itself, read here directly) give a person who
is the only one insured through their employer, in a district of many, and a handful of
people whose two largest bases dominate their total. Every spelling of a conditional aggregate that would
return that person's base is refused with OUTPUT_CHECK_FAILED naming `contributors`,
audited, and without the value; the dominated sum is refused naming `dominance`; the
researcher may still put the result to the steward.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from tests.test_sandbox_http import SANDBOX_SETTINGS, Sandbox, audit_since, last_audit_id

T = "socialInsurance"


@pytest.fixture(scope="module")
def world(gateway, tmp_path_factory):
    """A gateway on the shared store with the sandbox tests' tight limits."""
    settings = gateway.settings.with_(sandbox_dir=tmp_path_factory.mktemp("sandbox"), **SANDBOX_SETTINGS)
    gw = Gateway(settings)
    with TestClient(create_app(settings, gw)) as client:
        yield gw, client
    gw.close()


@pytest.fixture(scope="module")
def researcher(world) -> Sandbox:
    return Sandbox(world[1], world[0], "researcher")


@pytest.fixture(scope="module")
def session_id(researcher) -> str:
    return researcher.opened()


@pytest.fixture(scope="module")
def rows(demo_source_urls) -> list[dict]:
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        found = [dict(r) for r in conn.execute(sa.text(
            "SELECT district, employer_credit_code, monthly_base, status FROM social_insurance")).mappings()]
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def lone(rows) -> dict:
    """The one person insured through their employer, in a district of many people."""
    by_employer: dict = {}
    districts: dict = {}
    for r in rows:
        by_employer.setdefault(r["employer_credit_code"], []).append(r)
        districts[r["district"]] = districts.get(r["district"], 0) + 1
    return next(group[0] for code, group in sorted(by_employer.items(), key=lambda kv: str(kv[0]))
                if code and len(group) == 1 and districts[group[0]["district"]] >= 50)


def _shown(value) -> list[str]:
    """How a base could appear in an answer."""
    number = float(value)
    return [f"{number:.2f}", f"{number:.1f}", repr(number), str(int(number)) if number == int(number) else repr(number)]


def _attacks(lone: dict) -> list[str]:
    one = f"employerCreditCode = '{lone['employer_credit_code']}'"
    other = f"employerCreditCode IS DISTINCT FROM '{lone['employer_credit_code']}'"
    district = lone["district"]
    return [
        f"SELECT sum(CASE WHEN {one} THEN monthlyBase ELSE 0 END) FROM {T}",
        f"SELECT avg(CASE WHEN {one} THEN monthlyBase END) FROM {T} WHERE district = '{district}'",
        f"SELECT sum(if({one}, monthlyBase, 0)) FROM {T}",
        f"SELECT sum(monthlyBase * ({one})::INTEGER) FROM {T}",
        f"SELECT sum(monthlyBase) FILTER (WHERE {one}) FROM {T}",
        f"SELECT sum(monthlyBase) - sum(monthlyBase) FILTER (WHERE {other}) FROM {T}",
        f"SELECT sum(monthlyBase) - sum(CASE WHEN {other} THEN monthlyBase ELSE 0 END) FROM {T}",
        f"SELECT sum(coalesce(nullif({one}, false)::INTEGER * monthlyBase, 0)) FROM {T}",
        f"SELECT sum(coalesce(nullif(employerCreditCode, '{lone['employer_credit_code']}') IS NULL "
        f"AND employerCreditCode IS NOT NULL, false)) AS hits FROM {T}",
        f"SELECT sum(CASE WHEN {one} THEN monthlyBase ELSE 1000 END) - 1000 * (count(*) - 1) FROM {T}",
        f"SELECT sum(v) FROM (SELECT CASE WHEN {one} THEN monthlyBase ELSE 0 END AS v FROM {T})",
        f"WITH g AS (SELECT district, sum(monthlyBase) FILTER (WHERE {one}) AS s FROM {T} GROUP BY 1) "
        "SELECT sum(s) FROM g",
        f"SELECT district, sum(sum(CASE WHEN {one} THEN monthlyBase END)) OVER () AS hit FROM {T} GROUP BY 1",
        f"SELECT district, count(*) FROM {T} GROUP BY 1 HAVING count_if({one}) = 1",
        f"SELECT district, bool_or({one}) FROM {T} GROUP BY 1",
    ]


def test_every_spelling_of_a_one_person_aggregate_is_refused_and_audited(world, researcher, session_id, lone):
    gw, _client = world
    for sql in _attacks(lone):
        before = last_audit_id(gw)
        response = researcher.query(session_id, sql)
        assert response.status_code == 403, (sql, response.text)
        error = response.json()["error"]
        assert error["code"] == "OUTPUT_CHECK_FAILED", (sql, error)
        assert set(error["failedChecks"]) & {"contributors", "aggregate"}, (sql, error)
        assert not any(shown in response.text for shown in _shown(lone["monthly_base"])), sql
        [record] = [r for r in audit_since(gw, before) if r.action == "SANDBOX_QUERY"]
        assert (record.outcome, record.error_code, record.rows) == ("DENIED", "OUTPUT_CHECK_FAILED", 0), sql
        assert "employerCreditCode" in record.detail  # the SQL is in the trail


def test_the_graphql_mirror_refuses_the_same(researcher, session_id, lone):
    sql = _attacks(lone)[0]
    body = researcher.graphql('mutation($s: ID!, $q: String!) { runSandboxQuery(sessionId: $s, sql: $q) '
                              '{ rows } }', {"s": session_id, "q": sql})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "OUTPUT_CHECK_FAILED"
    assert error["extensions"]["failedChecks"] == ["contributors"]


def test_a_dominated_sum_is_refused_naming_the_rule(world, researcher, session_id, rows):
    counts: dict = {}
    for r in rows:
        counts[float(r["monthly_base"])] = counts.get(float(r["monthly_base"]), 0) + 1
    once = sorted(b for b, n in counts.items() if n == 1)  # bases no one else has
    chosen = once[-2:] + once[:3]  # the two largest and three smallest: five people
    assert sum(once[-2:]) > 0.85 * sum(chosen), "the demo data changed"
    listed = ", ".join(repr(b) for b in chosen)
    response = researcher.query(session_id, f"SELECT count(*) AS n, sum(monthlyBase) AS s FROM {T} "
                                            f"WHERE monthlyBase IN ({listed})")
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["failedChecks"] == ["dominance"] and "sum(monthlyBase)" in error["message"]
    assert f"{sum(chosen):.2f}" not in response.text and f"{sum(chosen):.1f}" not in response.text
    fine = researcher.query(session_id, f"SELECT count(*) AS n FROM {T} WHERE monthlyBase IN ({listed})")
    assert fine.status_code == 200 and fine.json()["rows"] == [[5]]


def test_large_conditional_cells_pass_with_the_sources_values(researcher, session_id, rows):
    response = researcher.query(session_id, f"SELECT district, count_if(status = '参保缴费') AS paying, "
                                            f"count(*) AS n FROM {T} GROUP BY 1 HAVING count(*) >= 50 ORDER BY 1")
    assert response.status_code == 200, response.text
    expected: dict = {}
    for r in rows:
        paying, n = expected.get(r["district"], (0, 0))
        expected[r["district"]] = (paying + (r["status"] == "参保缴费"), n + 1)
    got = {d: (a, n) for d, a, n in response.json()["rows"]}
    assert got == {d: v for d, v in expected.items() if v[1] >= 50}
    assert all(0 < a < n for a, n in got.values())


def test_a_refused_conditional_result_may_be_put_to_the_steward(world, researcher, session_id, lone):
    sql = _attacks(lone)[0]
    asked = researcher.release(session_id, sql, "课题需要核对一个样本")
    assert asked.status_code == 201, asked.text
    assert {c["check"] for c in asked.json()["failedChecks"]} == {"contributors"}
