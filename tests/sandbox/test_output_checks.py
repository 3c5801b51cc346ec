"""What may leave the sandbox: aggregates over large groups, never records,
identifiers or small groups."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import OutputCheckFailed, TablePolicy
from tests.sandbox.conftest import DISTRICTS, ROWS, TINY_DISTRICT, assert_serving

T = "socialInsurance"


def failed_checks(session, sql) -> list[str]:
    with pytest.raises(OutputCheckFailed) as caught:
        session.run(sql)
    assert caught.value.code == "OUTPUT_CHECK_FAILED"
    assert "steward" in caught.value.message
    return caught.value.extensions["failedChecks"]


# -- what passes -----------------------------------------------------------------

def test_group_by_district_with_large_groups_passes(session, snapshot):
    result = session.run(f"SELECT district, count(*) AS n, avg(monthlyBase) AS avg_base FROM {T} "
                         f"WHERE district <> '{TINY_DISTRICT}' GROUP BY district ORDER BY district")
    assert result.columns == ["district", "n", "avg_base"]
    expected = duckdb.sql(f"SELECT district, count(*) FROM snapshot WHERE district <> '{TINY_DISTRICT}' "
                          "GROUP BY 1 ORDER BY 1").fetchall()
    assert [(r[0], r[1]) for r in result.rows] == expected
    assert {r[0] for r in result.rows} == set(DISTRICTS)


@pytest.mark.parametrize("sql", [
    f"SELECT count(*) FROM {T}",
    f"SELECT avg(monthlyBase), median(monthlyBase), stddev(monthlyBase), min(since), max(since) FROM {T}",
    f"SELECT insuranceType, status, count(*) FROM {T} GROUP BY ALL HAVING count(*) >= 5 ORDER BY 1, 2",
    f"SELECT year(since) AS y, count(*) FROM {T} GROUP BY y HAVING count(*) >= 5",
    f"SELECT count(DISTINCT idNumber) AS people FROM {T}",
    f"SELECT district, quantile_cont(monthlyBase, 0.9) FROM {T} WHERE district IN ('禅城区', '南海区') GROUP BY 1",
    f"SELECT DISTINCT insuranceType FROM {T}",
    f"WITH g AS (SELECT district, count(*) AS n FROM {T} GROUP BY 1) SELECT * FROM g WHERE n > 100",
    f"WITH p AS (SELECT district, monthlyBase FROM {T} WHERE insuranceType = 'pension') "
    "SELECT district, avg(monthlyBase) FROM p WHERE district <> '西樵镇' GROUP BY 1",
    f"WITH a AS (SELECT district, count(*) AS n FROM {T} WHERE status = 'active' GROUP BY 1 HAVING n >= 5), "
    f"b AS (SELECT district, avg(monthlyBase) AS m FROM {T} GROUP BY 1 HAVING count(*) >= 5) "
    "SELECT a.district, a.n, b.m FROM a JOIN b USING (district)",
    f"SELECT a.district, count(*) FROM {T} a JOIN {T} b ON a.idNumber = b.idNumber "
    "WHERE a.district <> '西樵镇' GROUP BY 1",
    f"SELECT district, count(*) FROM {T} WHERE district <> '西樵镇' GROUP BY 1 "
    f"UNION ALL SELECT 'all', count(*) FROM {T}",
    f"SELECT avg(n) FROM (SELECT district, count(*) AS n FROM {T} GROUP BY 1)",
    f"SELECT district, rank() OVER (ORDER BY count(*) DESC) FROM {T} WHERE district <> '西樵镇' GROUP BY 1",
    "SELECT 1 + 1 AS two",
    "SELECT count(*) FROM range(10)",
    f"DESCRIBE {T}",
])
def test_aggregates_pass(session, sql):
    result = session.run(sql)
    assert all(not c.startswith("__dg") for c in result.columns)


def test_explain_shows_the_plan(session):
    result = session.run(f"EXPLAIN SELECT district, count(*) FROM {T} GROUP BY 1")
    assert "GROUP_BY" in repr(result.rows).upper().replace(" ", "_")


# -- what fails ------------------------------------------------------------------

@pytest.mark.parametrize("sql,check", [
    # record-level dumps of people
    (f"SELECT * FROM {T}", "identifier"),
    (f"SELECT * EXCLUDE (idNumber, name) FROM {T}", "record_level"),
    (f"SELECT district, monthlyBase, since FROM {T}", "record_level"),
    (f"SELECT district, monthlyBase FROM {T} ORDER BY monthlyBase DESC LIMIT 1", "record_level"),
    (f"WITH x AS (SELECT district, monthlyBase FROM {T}) SELECT * FROM x", "record_level"),
    (f"SELECT g.district, x.m FROM (SELECT district FROM {T} GROUP BY 1) g, "
     f"LATERAL (SELECT monthlyBase AS m FROM {T} s WHERE s.district = g.district LIMIT 1) x", "record_level"),
    (f"SELECT district, monthlyBase, count(*) OVER () FROM {T}", "record_level"),
    # small groups
    (f"SELECT district, count(*) FROM {T} GROUP BY district", "small_groups"),
    (f"SELECT DISTINCT district FROM {T}", "small_groups"),
    (f"SELECT avg(monthlyBase) FROM {T} WHERE district = '{TINY_DISTRICT}'", "small_groups"),
    # no count(*) of its own: people are counted with sum(1), NULL over no rows
    (f"SELECT avg(monthlyBase) FROM {T} WHERE false", "small_groups"),
    (f"SELECT district, stddev(monthlyBase) FROM {T} WHERE district = '{TINY_DISTRICT}' GROUP BY 1", "small_groups"),
    (f"SELECT district, since, count(*) FROM {T} WHERE year(since) = 2010 GROUP BY ALL", "small_groups"),
    (f"SELECT count(*) FROM {T} WHERE since = DATE '2010-06-01' AND district = '禅城区'", "small_groups"),
    (f"WITH g AS (SELECT district, count(*) AS n FROM {T} GROUP BY 1) SELECT * FROM g", "small_groups"),
    (f"SELECT district, count(*) FROM {T} WHERE district <> '西樵镇' GROUP BY 1 "
     f"UNION ALL SELECT district, count(*) FROM {T} WHERE district = '西樵镇' GROUP BY 1", "small_groups"),
    (f"SELECT count(*) FROM {T} USING SAMPLE 4 ROWS", "small_groups"),
    (f"SELECT count(*) FROM {T} WHERE monthlyBase = (SELECT max(monthlyBase) FROM {T})", "small_groups"),
    (f"SELECT d, count(*) FROM (SELECT district AS d FROM {T} UNION ALL SELECT district FROM {T}) "
     "GROUP BY 1 HAVING count(*) >= 5", "small_groups"),
    (f"SELECT x, count(*) FROM (SELECT unnest([1, 2, 3, 4, 5]) AS x, district FROM {T} "
     f"WHERE district = '{TINY_DISTRICT}') GROUP BY 1", "small_groups"),
    # identifiers
    (f"SELECT idNumber, count(*) FROM {T} GROUP BY 1", "identifier"),
    (f"SELECT left(idNumber, 6) AS area, count(*) FROM {T} GROUP BY 1", "identifier"),
    (f"SELECT count(*) FROM {T} WHERE name LIKE '测%'", "identifier"),
    (f"SELECT district, count(*) FROM {T} GROUP BY 1 ORDER BY max(idNumber)", "identifier"),
    (f"SELECT min(n) FROM (SELECT name AS n FROM {T})", "identifier"),
    (f"SELECT s FROM {T} s", "identifier"),
    (f"SELECT count(*) FROM (SELECT a FROM {T} AS t(a))", "identifier"),
    (f"SELECT COLUMNS('.*') FROM {T}", "identifier"),
    (f"SELECT #1 FROM {T}", "identifier"),
    (f"SELECT * RENAME (idNumber AS x) FROM {T}", "identifier"),
    (f"SELECT t.* FROM {T} t", "identifier"),
    # aggregates that return individual values
    (f"SELECT district, list(monthlyBase) FROM {T} GROUP BY 1", "aggregate"),
    (f"SELECT string_agg(district, ',') FROM {T}", "aggregate"),
    (f"SELECT arg_max(since, monthlyBase) FROM {T}", "aggregate"),
    (f"SELECT first(monthlyBase) FROM {T}", "aggregate"),
    (f"SELECT histogram(monthlyBase) FROM {T}", "aggregate"),
    (f"SELECT max(district || '|' || monthlyBase) FROM {T}", "aggregate"),
    (f"SELECT s, count(*) FROM (SELECT string_agg(district, ',') OVER () AS s FROM {T}) GROUP BY 1", "aggregate"),
    # values that escape the group count
    (f"SELECT count(*), (SELECT monthlyBase FROM {T} LIMIT 1) FROM {T}", "subquery"),
    (f"SELECT district, [count(*)] FROM {T} WHERE district <> '西樵镇' GROUP BY 1", "nested"),
    (f"SELECT {{'n': count(*)}} FROM {T}", "nested"),
    # shapes the checker cannot follow
    (f"SELECT district FROM {T} WHERE district <> '西樵镇' GROUP BY 1 UNION SELECT 'x'", "shape"),
    (f"SELECT DISTINCT ON (district) district, monthlyBase FROM {T}", "shape"),
])
def test_refused_outputs(session, sql, check):
    assert check in failed_checks(session, sql)
    assert_serving(session)


def test_people_counted_by_person_not_by_row(manager):
    """One person with many rows is still one person: twenty visits by one patient is a group of one."""
    visits = pa.table({
        "patientId": ["A"] * 20 + [f"P{i}" for i in range(200)],
        "hospital": ["small"] * 20 + ["big"] * 200,
        "cost": [float(i) for i in range(220)],
    })
    session = manager.open("researcher", {"visits": visits},
                           {"visits": TablePolicy(identifier_columns={"patientId"}, people_column="patientId")})
    try:
        assert session.run("SELECT count(*) FROM visits WHERE hospital = 'big'").rows == [(200,)]
        assert "small_groups" in failed_checks(session, "SELECT hospital, count(*) FROM visits GROUP BY 1")
        assert "small_groups" in failed_checks(
            session, "WITH v AS (SELECT hospital, cost FROM visits) SELECT hospital, sum(cost) FROM v GROUP BY 1")
        assert "small_groups" in failed_checks(
            session, "WITH v AS (SELECT hospital, sum(cost) AS c FROM visits GROUP BY hospital, cost) "
                     "SELECT hospital, count(*) FROM v GROUP BY 1")
    finally:
        manager.close(session.id, "researcher")


def test_table_policy_threshold_is_used(manager, snapshot):
    session = manager.open("researcher", {T: snapshot},
                           {T: TablePolicy(identifier_columns={"idNumber", "name"}, min_group_size=1000)})
    try:
        assert session.run(f"SELECT count(*) FROM {T}").rows == [(ROWS,)]
        assert "small_groups" in failed_checks(session, f"SELECT insuranceType, count(*) FROM {T} GROUP BY 1")
    finally:
        manager.close(session.id, "researcher")


def test_a_small_group_and_a_nested_column_are_both_named(session):
    sql = f"SELECT district, [count(*)] AS n FROM {T} GROUP BY 1"
    assert failed_checks(session, sql) == ["small_groups", "nested"]
    assert failed_checks(session, sql.replace("GROUP BY 1", f"WHERE district <> '{TINY_DISTRICT}' GROUP BY 1")) \
        == ["nested"]
    assert_serving(session)


def test_a_small_group_after_thousands_of_large_ones_is_found(tmp_path, snapshot):
    """DuckDB checks group sizes row by row while it runs the query: the one small group
    sorts last, thousands of rows (more than one DuckDB vector) after the first."""
    from dataclasses import replace

    from sandbox import SandboxManager
    from tests.sandbox.conftest import SOCIAL_INSURANCE_POLICY, TEST_LIMITS, FakeClock

    manager = SandboxManager(tmp_path, replace(TEST_LIMITS, max_rows=5000, timeout_seconds=30), FakeClock())
    try:
        session = manager.open("researcher", {T: snapshot}, {T: SOCIAL_INSURANCE_POLICY})
        large = (f"SELECT r.range AS i, district, count(*) AS n FROM {T}, range(600) r "
                 f"WHERE district <> '{TINY_DISTRICT}' GROUP BY ALL ORDER BY i, district")
        rows = session.run(large).rows
        assert len(rows) == 600 * len(DISTRICTS)
        assert min(r[2] for r in rows) >= 5
        with_tiny_last = (f"SELECT r.range AS i, district, count(*) AS n FROM {T}, range(600) r "
                          f"WHERE district <> '{TINY_DISTRICT}' OR r.range = 599 "
                          f"GROUP BY i, district ORDER BY district = '{TINY_DISTRICT}', i, district")
        assert failed_checks(session, with_tiny_last) == ["small_groups"]
        request = session.request_release(with_tiny_last)
        assert request.rows[-1] == (599, TINY_DISTRICT, 3) and len(request.rows) == len(rows) + 1
    finally:
        manager.close_all()


def test_release_request_holds_the_withheld_result(session):
    sql = f"SELECT district, count(*) AS n FROM {T} GROUP BY 1 ORDER BY 1"
    request = session.request_release(sql, "the small district matters for the study")
    assert [c for c, _ in request.failed_checks] == ["small_groups"]
    assert request.owner == "researcher" and request.session_id == session.id
    assert request.columns == ["district", "n"]
    assert (TINY_DISTRICT, 3) in request.rows
    summary = request.to_dict()
    assert summary["failedChecks"][0]["check"] == "small_groups"
    assert summary["justification"].startswith("the small district")


def test_release_request_still_obeys_reach(session):
    from sandbox import SandboxForbidden

    with pytest.raises(SandboxForbidden):
        session.request_release("SELECT * FROM read_text('/etc/passwd')", "please")


GROUPABLE = ["district", "insuranceType", "status", "year(since)"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns=st.lists(st.sampled_from(GROUPABLE), min_size=0, max_size=3, unique=True),
       floor=st.sampled_from([None, 3000, 6000, 9000, 11000]),
       via_cte=st.booleans())
def test_released_iff_every_group_is_large(session, snapshot, columns, floor, via_cte):
    """Property: a grouped count is released exactly when plain DuckDB says every group has >= 5 people."""
    where = f"WHERE monthlyBase > {floor}" if floor else ""
    keys = ", ".join(columns)
    select = f"{keys}, count(*) AS n" if columns else "count(*) AS n"
    group = f"GROUP BY {keys}" if columns else ""
    if via_cte:
        sql = f"WITH f AS (SELECT * EXCLUDE (idNumber, name) FROM {T} {where}) SELECT {select} FROM f {group}"
    else:
        sql = f"SELECT {select} FROM {T} {where} {group}"
    truth = duckdb.sql(f"SELECT {select} FROM snapshot {where} {group}").fetchall()
    smallest = min((row[-1] for row in truth), default=None)
    if smallest is None or smallest >= 5:
        result = session.run(sql)
        assert sorted(map(tuple, result.rows), key=repr) == sorted(truth, key=repr)
    else:
        assert "small_groups" in failed_checks(session, sql)


@pytest.mark.parametrize("sql,check", [
    # identifiers matched against chosen values
    (f"SELECT avg(monthlyBase) FROM {T} t JOIN (VALUES ('440604199000000001')) v(idNumber) USING (idNumber)",
     "identifier"),
    (f"SELECT avg(t.monthlyBase) FROM {T} t JOIN (VALUES ('440604199000000001')) v(idNumber) "
     "ON t.idNumber = v.idNumber", "identifier"),
    (f"WITH v AS (SELECT '440604199000000001' AS idNumber) "
     f"SELECT avg(monthlyBase) FROM {T} NATURAL JOIN v", "identifier"),
    (f"WITH {T} AS (SELECT '4406' AS idNumber) SELECT count(*) FROM {T} a JOIN {T} b ON a.idNumber = b.idNumber",
     "identifier"),
    # a small group's values carried into a kept row by a window
    (f"SELECT district, lag(avg(monthlyBase)) OVER (ORDER BY district) FROM {T} GROUP BY 1 "
     f"QUALIFY district <> '{TINY_DISTRICT}'", "shape"),
    (f"SELECT district, lead(count(*)) OVER (ORDER BY district) FROM {T} GROUP BY 1 ORDER BY 1 LIMIT 1", "shape"),
    (f"WITH g AS (SELECT district, avg(monthlyBase) AS a FROM {T} GROUP BY 1), "
     "h AS (SELECT district, lag(a) OVER (ORDER BY district) AS p FROM g) "
     f"SELECT * FROM h WHERE district <> '{TINY_DISTRICT}'", "shape"),
    (f"SELECT district, avg(f) FROM (SELECT district, first_value(monthlyBase) OVER (ORDER BY since) AS f "
     f"FROM {T}) GROUP BY 1", "shape"),
    # a small cell inside a large group: its condition splits the group (contributions.py)
    (f"SELECT count(*) FILTER (WHERE district = '{TINY_DISTRICT}') FROM {T}", "contributors"),
    (f"SELECT insuranceType, avg(monthlyBase) FILTER (WHERE district = '{TINY_DISTRICT}') FROM {T} GROUP BY 1",
     "contributors"),
])
def test_refused_leaks_through_joins_windows_and_filters(session, sql, check):
    assert check in failed_checks(session, sql)
    assert_serving(session)


def test_filters_over_large_or_empty_subgroups_pass(session):
    result = session.run(f"SELECT insuranceType, count(*) FILTER (WHERE status = 'active') AS active, "
                         f"count(*) FILTER (WHERE district = 'nowhere') AS none FROM {T} GROUP BY 1")
    assert all(row[2] == 0 for row in result.rows)


@pytest.mark.parametrize("sql,check", [
    (f"SUMMARIZE {T}", "identifier"),
    (f"SUMMARIZE SELECT district, monthlyBase FROM {T}", "shape"),
    (f"EXPLAIN SELECT count(*) FROM {T} WHERE idNumber > '440604199000001000'", "identifier"),
    (f"EXPLAIN SELECT list(monthlyBase) FROM {T}", "aggregate"),
])
def test_summaries_and_plans_obey_the_checks(session, sql, check):
    assert check in failed_checks(session, sql)


def test_describe_shows_only_the_schema(session):
    result = session.run(f"DESCRIBE {T}")
    assert [row[0] for row in result.rows] == ["idNumber", "name", "district", "insuranceType",
                                              "monthlyBase", "since", "status"]


def test_checked_plans_are_reused_and_results_still_checked(session):
    ok = f"SELECT insuranceType, count(*) FROM {T} GROUP BY 1 ORDER BY 1"
    assert session.run(ok).rows == session.run(ok).rows
    small = f"SELECT district, count(*) FROM {T} GROUP BY 1"
    assert "small_groups" in failed_checks(session, small)
    assert "small_groups" in failed_checks(session, small)
