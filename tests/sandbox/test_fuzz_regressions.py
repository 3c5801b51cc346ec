"""Defects the SQL fuzzer (test_sql_fuzz.py) found, each pinned by its smallest example."""
from __future__ import annotations

import pyarrow as pa
import pytest

from sandbox import BadQuery, OutputCheckFailed, TablePolicy
from tests.sandbox.conftest import TINY_DISTRICT

T = "socialInsurance"


@pytest.fixture(scope="module")
def members(manager):
    """A table whose identifier columns are one numeric and one text."""
    table = pa.table({"memberNo": pa.array([900000100 + i for i in range(50)], pa.int64()),
                      "name": [f"Member {i:02d}" for i in range(50)],
                      "code": [f"{i:03d}" for i in range(50)]})
    return manager.open("researcher", {"members": table}, {"members": TablePolicy(
        identifier_columns={"memberNo", "name"}, people_column="memberNo")})


def refused(session, sql: str) -> OutputCheckFailed:
    with pytest.raises(OutputCheckFailed) as caught:
        session.run(sql)
    return caught.value


def test_a_window_in_a_union_branch_cut_by_the_unions_limit_is_refused(session):
    """lag() carried the 3-person district's average into a kept row, and LIMIT cut the small
    row itself, so the small-group check never saw it."""
    sql = (f"SELECT district, district = '{TINY_DISTRICT}' AS tiny, "
           f"lag(avg(monthlyBase)) OVER (ORDER BY district) AS prev_avg, count(*) AS n "
           f"FROM {T} GROUP BY district UNION ALL SELECT NULL, NULL, NULL, NULL "
           f"ORDER BY tiny NULLS LAST, district LIMIT 5")
    error = refused(session, sql)
    assert error.failures[0][0] == "shape" and "LIMIT" in error.failures[0][1]
    # the same without the cut is checked row by row, and the small group refuses it
    assert refused(session, sql.rsplit(" ORDER BY", 1)[0]).failures[0][0] == "small_groups"


def test_select_distinct_with_aggregates_as_a_union_branch_is_refused(session):
    """Its DISTINCT was applied to the whole union, merging the other branch's rows."""
    sql = (f"SELECT DISTINCT count(*) > 0 AS b FROM {T} GROUP BY status "
           "UNION ALL SELECT true FROM range(3)")
    error = refused(session, sql)
    assert error.failures[0][0] == "shape" and "DISTINCT" in error.failures[0][1]
    # alone it is still answered, deduplicated
    assert session.run(f"SELECT DISTINCT count(*) > 0 AS b FROM {T} GROUP BY status").rows == [(True,)]


@pytest.mark.parametrize("sql", [
    "SELECT " + " + ".join(["1"] * 84),  # DuckDB's JSON depth, once the checks amend the tree
    "EXPLAIN SELECT " + " + ".join(["1"] * 90),
    "SELECT " + "abs(" * 330 + "1" + ")" * 330,  # Python's recursion limit reading the tree
    "WITH " + ", ".join([f"c0 AS (SELECT monthlyBase FROM {T})"]
                        + [f"c{i} AS (SELECT monthlyBase FROM c{i - 1})" for i in range(1, 250)])
    + " SELECT count(*) FROM c249",  # and in the group-size rewrite
])
def test_statements_nested_too_deeply_are_bad_input_and_the_session_goes_on(session, sql):
    with pytest.raises(BadQuery, match="nested too deeply"):
        session.run(sql)
    assert session.run(f"SELECT count(*) AS n FROM {T}").rows == [(3000,)]


def test_a_failed_conversion_does_not_quote_the_value(session, members):
    """DuckDB's message quoted the value it could not convert: here a small group's district,
    and with a join of a numeric to a text identifier, a chosen person's name."""
    with pytest.raises(BadQuery) as caught:
        session.run(f"SELECT CAST(district AS INT) AS d, count(*) FROM {T} GROUP BY district")
    assert TINY_DISTRICT not in caught.value.message and "could not be converted" in caught.value.message
    with pytest.raises(BadQuery) as caught:
        members.run("SELECT count(*) FROM members a JOIN members b ON a.memberNo = b.name "
                    "WHERE b.code = '017'")
    assert "Member" not in caught.value.message
    # errors of the query's own words still say what is wrong
    with pytest.raises(BadQuery, match="nope"):
        session.run(f"SELECT nope FROM {T}")


def test_explain_of_a_query_reading_an_identifier_is_refused(members):
    """The plan printed the column's smallest value (compressed materialisation): one
    person's identifier."""
    error = refused(members, "EXPLAIN SELECT count(DISTINCT memberNo) FROM members")
    assert error.failures[0][0] == "identifier" and "EXPLAIN" in error.failures[0][1]
    plan = members.run("EXPLAIN SELECT code, count(*) FROM members GROUP BY code").rows
    assert plan and "900000" not in str(plan)


def _chained_ctes(n: int) -> str:
    ctes = ", ".join([f"c0 AS (SELECT monthlyBase FROM {T})"]
                     + [f"c{i} AS (SELECT monthlyBase FROM c{i - 1})" for i in range(1, n)])
    return f"WITH {ctes} SELECT count(*) AS n FROM c{n - 1}"


def _side_by_side_ctes(n: int) -> str:
    ctes = ", ".join(f"c{i} AS (SELECT monthlyBase FROM {T} WHERE monthlyBase > {i})" for i in range(n))
    return f"WITH {ctes} " + " UNION ALL ".join(f"SELECT count(*) AS n FROM c{i}" for i in range(n))


@pytest.mark.parametrize("sql", [_chained_ctes(450), _side_by_side_ctes(150)])
def test_explain_of_a_query_of_many_ctes_answers_its_plan_as_json(session, sql):
    """DuckDB drew the text plan of 450 chained CTEs for minutes, deaf to the session's
    time limit (found by a random run of the SQL fuzzer); past 32 CTEs the plan comes as
    JSON, which DuckDB draws in linear time."""
    import json

    from sandbox.planning import EXPLAIN_TEXT_MAX_CTES
    from tests.sandbox.conftest import assert_serving

    plan = session.run("EXPLAIN " + sql).rows
    assert [kind for kind, _ in plan] == ["physical_plan"]
    assert isinstance(json.loads(plan[0][1]), list)
    assert_serving(session)
    small = session.run("EXPLAIN " + _chained_ctes(EXPLAIN_TEXT_MAX_CTES)).rows
    assert "┌" in small[0][1] or "╭" in small[0][1]  # up to the bound, DuckDB's text diagram


@pytest.mark.parametrize("sql", [
    f"SELECT district, (count(*), avg(monthlyBase)) AS pair FROM {T} GROUP BY 1 HAVING count(*) >= 5",
    "SELECT row(1, 'a') AS r",
])
def test_row_constructors_are_nested_values(session, sql):
    assert "nested" in [check for check, _ in refused(session, sql).failures]
