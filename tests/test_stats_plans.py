"""Stats on a PostgreSQL source get the same plan whether PostgreSQL plans them for their
values or generically (issue 19: the generic-plan trap).

psycopg prepares a statement after its fifth run, and PostgreSQL may then use one generic
plan for every later run. With the stats' LIMIT bound as a parameter, that plan was a sorted
GroupAggregate where the plan for the values hashes (30 ms against 18 ms on a million rows).
The gateway sends the LIMIT as a literal (gateway/modes/stats.py). This test takes the very
statement a stats request sent, prepares it in PostgreSQL, and compares EXPLAIN of its custom
and generic plans; a control shows that the same statement with a bound LIMIT does fall into
the trap on this data, so the comparison can fail.
"""
from __future__ import annotations

import re

import psycopg
import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.demo.setup import SOURCES, ensure_demo_world
from gateway.web.app import Gateway, create_app
from tests.conftest import PURPOSE, Api, make_settings, temp_database

PEOPLE = 20_000  # enough rows for the planner to weigh an index walk against hashing


@pytest.fixture(scope="module")
def sent_stats(tmp_path_factory):
    """The statement and parameters of one stats request, and the source's psycopg URL."""
    with temp_database("postgresql") as url:
        data_dir = tmp_path_factory.mktemp("plans")
        gateway = Gateway(make_settings(data_dir, f"sqlite:///{data_dir / 'store.sqlite'}"))
        try:
            ensure_demo_world(gateway.services, data_dir, people=PEOPLE,
                              source_urls={code: url for code in SOURCES})
            sent = []

            def keep(conn, cursor, statement, parameters, context, executemany):
                if "GROUP BY" in statement:
                    sent.append((statement, parameters))

            source = gateway.services.sources.cached_engine("renshe-db")
            sa.event.listen(source, "before_cursor_execute", keep)
            with TestClient(create_app(gateway.settings, gateway)) as client:
                body = Api(client, gateway, "minzheng-app").query(
                    '{ socialInsurance(purpose: "%s") { stats(groupBy: [DISTRICT]) '
                    '{ groups { district count sum(field: MONTHLY_BASE) } } } }' % PURPOSE)
            assert "errors" not in body, body
            assert len(sent) == 1
            yield (*sent[0], sa.engine.make_url(url).set(drivername="postgresql")
                   .render_as_string(hide_password=False))
        finally:
            gateway.close()


def _plans(pg_url: str, statement: str, parameters: dict) -> dict[str, list[str]]:
    """EXPLAIN of the statement, prepared, under a custom and under a generic plan: the plan
    nodes, without their costs."""
    names = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", statement)))
    prepared = re.sub(r"%\((\w+)\)s", lambda m: f"${names.index(m.group(1)) + 1}", statement)
    prepared = re.sub(r"(\$\d+)(?!\d|::)", r"\1::bigint", prepared)  # untyped: the LIMIT below
    values = ", ".join(f"'{parameters[n]}'" if isinstance(parameters[n], str) else str(parameters[n])
                       for n in names)
    plans = {}
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ANALYZE social_insurance")
        conn.execute(f"PREPARE stats_plan AS {prepared}")
        for mode in ("force_custom_plan", "force_generic_plan"):
            conn.execute(f"SET plan_cache_mode = {mode}")
            lines = [row[0] for row in conn.execute(f"EXPLAIN EXECUTE stats_plan({values})")]
            plans[mode] = [re.sub(r"\s*\(cost=.*", "", line).strip(" ->") for line in lines
                           if "(cost=" in line]
    return plans


def test_the_generic_plan_of_a_stats_statement_is_its_custom_plan(sent_stats):
    statement, parameters, pg_url = sent_stats
    assert statement.rstrip().endswith("LIMIT 10001"), statement
    plans = _plans(pg_url, statement, parameters)
    assert plans["force_generic_plan"] == plans["force_custom_plan"], plans
    assert "HashAggregate" in plans["force_custom_plan"], plans


def test_control_a_bound_limit_gets_a_different_generic_plan(sent_stats):
    """The trap itself, on the same data: were the LIMIT bound, the generic plan would walk
    an index into a GroupAggregate while the plan for the values hashes."""
    statement, parameters, pg_url = sent_stats
    bound = re.sub(r"LIMIT 10001\s*$", "LIMIT %(group_limit)s", statement.rstrip())
    plans = _plans(pg_url, bound, {**parameters, "group_limit": 10001})
    assert "HashAggregate" in plans["force_custom_plan"], plans
    assert "GroupAggregate" in plans["force_generic_plan"], plans
