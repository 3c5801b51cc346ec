"""Every aggregate that leaves rests on enough people: conditions, contributors and dominance.

Written as an attacker would: one person singled out inside a large group by a condition
in every spelling DuckDB takes, by a sum whose other values are zero or null, by a
complement subtracted from the whole, by a condition computed in a subquery, and by one
person whose value dominates a total. Each refusal is checked to name the aggregate and
to carry no value of the person; legitimate conditional aggregates over large cells pass
with plain DuckDB's own values.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb
import pyarrow as pa
import pytest

from sandbox import OutputCheckFailed, TablePolicy
from tests.sandbox.conftest import DISTRICTS, TINY_DISTRICT, social_insurance

T = "socialInsurance"
POLICY = TablePolicy(identifier_columns={"idNumber", "name"}, people_column="idNumber",
                     magnitude_columns={"monthlyBase", "allowance", "bonus"}, dominance=(2, 85.0))
LONE_DAY = date(2005, 1, 2)  # exactly one person started that day (see `lone`)
RICH = 98_765_432.1  # one person's monthlyBase in 高明区: dominates its district's total


def _table() -> pa.Table:
    """The conftest snapshot plus a sparse allowance (non-null for 3 people of 禅城区 and 40 of
    南海区), a bonus that is zero for all but 2 people of 顺德区, and one dominant base."""
    base = social_insurance()
    rng = random.Random(11)
    districts = base.column("district").to_pylist()
    bases = base.column("monthlyBase").to_pylist()
    allowance, bonus = [], []
    chancheng = nanhai = shunde = 0
    rich_done = False
    for i, district in enumerate(districts):
        value = None
        if district == "禅城区" and chancheng < 3:
            value, chancheng = 800.0 + chancheng, chancheng + 1
        elif district == "南海区" and nanhai < 40:
            value, nanhai = round(rng.uniform(300, 900), 2), nanhai + 1
        allowance.append(value)
        extra = 0.0
        if district == "顺德区" and shunde < 2:
            extra, shunde = 5000.0 + shunde, shunde + 1
        bonus.append(extra)
        if district == "高明区" and not rich_done:
            bases[i], rich_done = RICH, True
    return (base.set_column(base.schema.get_field_index("monthlyBase"), "monthlyBase", pa.array(bases))
            .append_column("allowance", pa.array(allowance, pa.float64()))
            .append_column("bonus", pa.array(bonus, pa.float64())))


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return _table()


@pytest.fixture(scope="module")
def session(manager, table):
    return manager.open("analyst", {T: table.to_reader()}, {T: POLICY})


@pytest.fixture(scope="module")
def lone(table) -> dict:
    """The one person who started on LONE_DAY: what an attacker wants."""
    rows = [r for r in table.to_pylist() if r["since"] == LONE_DAY]
    assert len(rows) == 1
    return rows[0]


def refused(session, sql: str) -> tuple[list[str], str]:
    with pytest.raises(OutputCheckFailed) as caught:
        session.run(sql)
    return caught.value.extensions["failedChecks"], caught.value.message


def plain(table: pa.Table, sql: str) -> list[tuple]:
    con = duckdb.connect()
    con.register(T, table)
    return con.execute(sql).fetchall()


D = f"DATE '{LONE_DAY}'"
ONE_PERSON = [
    f"SELECT sum(CASE WHEN since = {D} THEN monthlyBase ELSE 0 END) FROM {T}",
    f"SELECT sum(CASE WHEN since = {D} THEN monthlyBase END) FROM {T}",
    f"SELECT avg(CASE WHEN since = {D} THEN monthlyBase ELSE NULL END) FROM {T}",
    f"SELECT sum(CASE since WHEN {D} THEN monthlyBase ELSE 0 END) FROM {T}",
    f"SELECT sum(if(since = {D}, monthlyBase, 0)) FROM {T}",
    f"SELECT sum(monthlyBase * (since = {D})::INTEGER) FROM {T}",
    f"SELECT sum((since = {D})::DOUBLE * monthlyBase) FROM {T}",
    f"SELECT sum(monthlyBase * (1 - (since <> {D})::INT)) FROM {T}",
    f"SELECT sum(monthlyBase) FILTER (WHERE since = {D}) FROM {T}",
    f"SELECT count(*) FILTER (WHERE since = {D}) FROM {T}",
    f"SELECT count_if(since = {D}) FROM {T}",
    f"SELECT count(CASE WHEN since = {D} THEN 1 END) FROM {T}",
    f"SELECT bool_or(since = {D}) FROM {T}",
    f"SELECT bool_and(since <> {D}) FROM {T}",
    # the complement, subtracted from the whole in one query
    f"SELECT sum(monthlyBase) - sum(CASE WHEN since = {D} THEN 0 ELSE monthlyBase END) FROM {T}",
    f"SELECT sum(monthlyBase) - sum(monthlyBase) FILTER (WHERE since <> {D}) FROM {T}",
    f"SELECT sum(CASE WHEN since = {D} THEN monthlyBase ELSE 1000 END) - 1000 * (count(*) - 1) FROM {T}",
    # NULLIF / COALESCE tricks
    f"SELECT sum(monthlyBase) - sum(nullif(since, {D})::VARCHAR IS NOT NULL) FROM {T}",
    f"SELECT sum(coalesce(nullif(since, {D}) - since, monthlyBase)) FROM {T}",
    f"SELECT sum(monthlyBase) - sum(coalesce(CASE WHEN since <> {D} THEN monthlyBase END, 0)) FROM {T}",
    # grouped: the person inside a big district group
    f"SELECT district, sum(CASE WHEN since = {D} THEN monthlyBase ELSE 0 END) FROM {T} "
    f"WHERE district <> '{TINY_DISTRICT}' GROUP BY 1",
    f"SELECT district, count(*), avg(monthlyBase) FILTER (WHERE since = {D}) FROM {T} "
    f"WHERE district <> '{TINY_DISTRICT}' GROUP BY 1 HAVING count(*) > 100",
    # ordered or filtered by the conditional aggregate rather than shown
    f"SELECT district, count(*) FROM {T} WHERE district <> '{TINY_DISTRICT}' GROUP BY 1 "
    f"ORDER BY sum(CASE WHEN since = {D} THEN monthlyBase END)",
    f"SELECT district, count(*) FROM {T} WHERE district <> '{TINY_DISTRICT}' GROUP BY 1 "
    f"HAVING count_if(since = {D}) = 1",
    # a UNION ALL branch
    f"SELECT 'all', count(*) FROM {T} UNION ALL SELECT 'one', sum(if(since = {D}, monthlyBase, 0)) FROM {T}",
    # a window over the condition's aggregate
    f"SELECT district, sum(count_if(since = {D})) OVER () FROM {T} WHERE district <> '{TINY_DISTRICT}' "
    "GROUP BY 1",
]


@pytest.mark.parametrize("sql", ONE_PERSON)
def test_conditional_aggregates_that_single_out_one_person_are_refused(session, lone, sql):
    checks, message = refused(session, sql)
    assert checks == ["contributors"], (sql, checks)
    assert "fewer than 5 people" in message
    assert str(lone["monthlyBase"]) not in message and str(int(lone["monthlyBase"])) not in message


@pytest.mark.parametrize("sql,reason", [
    # arithmetic that hides a condition
    (f"SELECT sum(monthlyBase * sign(abs(year(since) - 2005))) FROM {T}", "multiplies"),
    (f"SELECT sum(monthlyBase * (since - {D})) FROM {T}", "multiplies"),
    (f"SELECT sum(monthlyBase / (1 + abs(since - {D}))) FROM {T}", "/"),
    (f"SELECT sum(((monthlyBase - 1) / 1000)::INT - (monthlyBase / 1000)::INT) FROM {T}", "round"),
    (f"SELECT sum(floor((monthlyBase + 1) / 1000) - floor(monthlyBase / 1000)) FROM {T}", "floor"),
    (f"SELECT sum(monthlyBase % 1000) FROM {T}", "%"),
    (f"SELECT sum(try_cast(nullif(since, {D}) AS VARCHAR) IS NULL) FROM {T}", None),
    (f"SELECT sum(monthlyBase ^ 0) FROM {T}", "^"),
    (f"SELECT sum(length(district) * monthlyBase) FROM {T}", "multiplies"),
    # the condition computed below and aggregated above
    (f"SELECT sum(v) FROM (SELECT CASE WHEN since = {D} THEN monthlyBase ELSE 0 END AS v FROM {T})",
     "computed with a condition"),
    (f"WITH p AS (SELECT *, (since = {D})::INT AS hit FROM {T}) SELECT sum(monthlyBase * hit) FROM p",
     None),
    (f"WITH p AS (SELECT monthlyBase * (since = {D})::INT AS v FROM {T}), q AS (SELECT v AS w FROM p) "
     "SELECT avg(w) FROM q", "computed with a condition"),
    # conditions inside a derived table's aggregate
    (f"WITH g AS (SELECT district, count_if(since = {D}) AS n FROM {T} GROUP BY 1) SELECT sum(n) FROM g",
     "outermost"),
    (f"SELECT * FROM (SELECT district, count(*) FILTER (WHERE since = {D}) AS n FROM {T} GROUP BY 1) "
     f"WHERE district <> '{TINY_DISTRICT}'", "outermost"),
    (f"SELECT count(*) FROM {T} WHERE monthlyBase > (SELECT max(CASE WHEN since = {D} THEN monthlyBase END) "
     f"FROM {T})", "outermost"),
])
def test_aggregates_whose_contributors_cannot_be_counted_are_refused(session, sql, reason):
    checks, message = refused(session, sql)
    assert "contributors" in checks, (sql, checks)
    if reason:
        assert reason in message, message


def test_large_cells_pass_with_plain_duckdbs_values(session, table):
    for sql in [
        f"SELECT district, count_if(status = 'active') AS active, sum(CASE WHEN insuranceType = 'pension' "
        f"THEN monthlyBase ELSE 0 END) AS pension FROM {T} WHERE district NOT IN ('{TINY_DISTRICT}', '高明区') "
        "GROUP BY 1 ORDER BY 1",
        f"SELECT insuranceType, avg(monthlyBase) FILTER (WHERE year(since) < 2012) FROM {T} "
        "WHERE district <> '高明区' GROUP BY 1 ORDER BY 1",
        f"SELECT count(*) FILTER (WHERE district = 'nowhere') AS none, sum(coalesce(allowance, 0)) > 0 AS some "
        f"FROM {T} WHERE district = '南海区'",
        f"SELECT sum(least(monthlyBase, 8000)), avg(abs(monthlyBase - 6000)) FROM {T} WHERE district = '禅城区'",
    ]:
        assert session.run(sql).rows == plain(table, sql), sql


def test_a_sparse_value_rests_on_its_few_holders_not_on_the_group(session, table):
    # 禅城区: 3 people have an allowance; 南海区: 40
    sql = f"SELECT district, count(*), avg(allowance) FROM {T} WHERE district = '禅城区' GROUP BY 1"
    checks, message = refused(session, sql)
    assert checks == ["contributors"] and "avg(allowance)" in message and "not null" in message
    assert "800" not in message
    sql = f"SELECT district, count(allowance) FROM {T} WHERE district IN ('禅城区', '南海区') GROUP BY 1"
    assert refused(session, sql)[0] == ["contributors"]
    fine = f"SELECT district, avg(allowance), count(allowance) FROM {T} WHERE district = '南海区' GROUP BY 1"
    assert session.run(fine).rows == plain(table, fine)
    # a sum whose other values are zero: two people of 顺德区 have a bonus
    checks, message = refused(session, f"SELECT sum(bonus) FROM {T} WHERE district = '顺德区'")
    assert checks == ["contributors"] and "not zero" in message and "5000" not in message


def test_a_dominant_value_is_withheld_like_a_small_group(session, table):
    sql = f"SELECT district, count(*), sum(monthlyBase) FROM {T} WHERE district <> '{TINY_DISTRICT}' GROUP BY 1"
    checks, message = refused(session, sql)
    assert checks == ["dominance"] and "sum(monthlyBase)" in message and "85%" in message
    assert str(RICH) not in message and "98765432" not in message
    for spelled in [f"SELECT avg(monthlyBase) FROM {T} WHERE district = '高明区'",
                    f"WITH p AS (SELECT monthlyBase AS m, district FROM {T}) SELECT avg(m) FROM p "
                    "WHERE district = '高明区'",
                    f"SELECT sum(monthlyBase * 12) FROM {T} WHERE district = '高明区'"]:
        assert refused(session, spelled)[0] == ["dominance"], spelled
    # the other districts, and counts, are not dominated
    fine = (f"SELECT district, count(*), sum(monthlyBase) FROM {T} "
            f"WHERE district NOT IN ('{TINY_DISTRICT}', '高明区') GROUP BY 1 ORDER BY 1")
    assert session.run(fine).rows == plain(table, fine)
    assert session.run(f"SELECT count(*), max(monthlyBase) > 0 FROM {T} WHERE district = '高明区'").rows


def test_derived_aggregates_are_held_to_the_same_rules(session, table):
    # an average of 3 people's allowance computed below, shown or picked above
    for sql in [f"WITH g AS (SELECT district, avg(allowance) AS a FROM {T} GROUP BY 1) "
                f"SELECT * FROM g WHERE district = '禅城区'",
                f"WITH g AS (SELECT district, avg(allowance) AS a FROM {T} GROUP BY 1) SELECT sum(a) FROM g",
                f"WITH g AS (SELECT district, sum(monthlyBase) AS s FROM {T} GROUP BY 1) "
                f"SELECT * FROM g WHERE district = '高明区'",
                f"WITH g AS (SELECT since, avg(monthlyBase) AS m FROM {T} GROUP BY 1) SELECT max(m) FROM g",
                f"SELECT max(n) FROM (SELECT district, count(*) AS n FROM {T} GROUP BY 1)"]:
        checks, _ = refused(session, sql)
        assert checks == ["contributors"], (sql, checks)
    fine = (f"SELECT avg(n), sum(n) FROM (SELECT district, count(*) AS n FROM {T} GROUP BY 1)")
    assert session.run(fine).rows == plain(table, fine)
    fine = (f"WITH g AS (SELECT district, avg(monthlyBase) AS m FROM {T} WHERE district NOT IN "
            f"('{TINY_DISTRICT}', '高明区') GROUP BY 1 HAVING count(*) >= 5) SELECT max(m) > 0 FROM g")
    assert session.run(fine).rows == [(True,)]


def test_people_with_several_rows_are_counted_once_per_cell(manager):
    rng = random.Random(5)
    people = [f"p{i:04d}" for i in range(400)]
    rows = [(p, rng.choice(DISTRICTS), float(rng.randrange(10, 500)), date(2020, 1, 1) + timedelta(days=rng.randrange(900)))
            for p in people for _ in range(rng.randrange(1, 4))]
    lone = next(r for r in rows if r[0] == "p0007")
    rows.append(("p0007", lone[1], 77.0, date(2019, 5, 5)))  # the only visit that day
    table = pa.table({"personKey": [r[0] for r in rows], "district": [r[1] for r in rows],
                      "cost": [r[2] for r in rows], "visitDate": [r[3] for r in rows]})
    policy = TablePolicy(identifier_columns={"personKey"}, people_column="personKey",
                         magnitude_columns={"cost"}, dominance=(2, 85.0))
    visits = manager.open("analyst", {"visits": table}, {"visits": policy})
    try:
        with pytest.raises(OutputCheckFailed) as caught:
            visits.run("SELECT district, sum(CASE WHEN visitDate = DATE '2019-05-05' THEN cost ELSE 0 END) "
                       "FROM visits GROUP BY 1")
        assert caught.value.extensions["failedChecks"] == ["contributors"]
        result = visits.run("SELECT district, count(DISTINCT personKey), count_if(cost > 100) FROM visits "
                            "GROUP BY 1 ORDER BY 1")
        assert len(result.rows) == len(DISTRICTS)
    finally:
        manager.close(visits.id, "analyst")


def test_two_large_values_are_settled_by_their_exact_share(manager):
    """Where the largest value and the total alone cannot tell (two large values near half
    of the total each), the query runs again with the two largest values computed."""
    small = [100.0] * 20
    dominated = [("d", v) for v in [4500.0, 4300.0] + small]  # top two: 8800 of 10800 = 81%
    balanced = [("b", v) for v in [4400.0, 1200.0] + small * 5]  # top two: 5600 of 15600
    near = [("n", v) for v in [5000.0, 4800.0, 300.0] + small[:5]]  # 9800 of 10600 = 92%
    rows = dominated + balanced + near
    table = pa.table({"g": [g for g, _ in rows], "amount": [v for _, v in rows]})
    policy = TablePolicy(magnitude_columns={"amount"}, dominance=(2, 80.0))
    amounts = manager.open("analyst", {"amounts": table}, {"amounts": policy})
    try:
        for group in ("d", "n"):
            with pytest.raises(OutputCheckFailed) as caught:
                amounts.run(f"SELECT sum(amount) FROM amounts WHERE g = '{group}'")
            assert caught.value.extensions["failedChecks"] == ["dominance"], group
        result = amounts.run("SELECT g, count(*), sum(amount) FROM amounts WHERE g = 'b' GROUP BY 1")
        assert result.rows == [("b", 102, 15600.0)]
        assert amounts.run("SELECT sum(amount) FROM amounts WHERE g = 'b'").rows == [(15600.0,)]
    finally:
        manager.close(amounts.id, "analyst")


def test_values_known_to_be_everywhere_need_no_holder_count(session):
    """monthlyBase has no NULL and no zero: its aggregates rest on their whole group, which
    is checked anyway; a LEFT JOIN may pad it with NULLs, and then its holders are counted."""
    plan = _checks_of(session, f"SELECT district, avg(monthlyBase) FROM {T} WHERE district = '南海区' GROUP BY 1")
    assert plan == ["dominance"]
    plan = _checks_of(session, f"SELECT d.district, avg(monthlyBase) FROM (SELECT '南海区' AS district) d "
                               f"LEFT JOIN {T} s ON s.district = d.district GROUP BY 1")
    assert "contributors_nonzero" in plan
    assert "contributors_nonzero" in _checks_of(session, f"SELECT avg(bonus) FROM {T} WHERE district = '南海区'")


def _checks_of(session, sql: str) -> list[str]:
    session.run(sql)
    return [check.kind for check in session._plans[sql].checks]
