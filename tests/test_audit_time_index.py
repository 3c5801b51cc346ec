"""An auditor's day range reads the trail by time, not by walking it from the newest record.

`auditLog(since:, until:)` asks for the newest records of a range, newest first. Without an
index on the records' time PostgreSQL walks the primary key back from the newest record and
filters, which on a city's trail (every lookup is a record) means reading every record since
the day asked for. Migration 0017 adds an index on `at`; this test takes the statement an
auditLog request sent to a PostgreSQL store holding 300 days of records and checks with
EXPLAIN that PostgreSQL reads the range through that index.
"""
from __future__ import annotations

import psycopg
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.demo.setup import ensure_demo_world
from gateway.web.app import Gateway, create_app
from tests.conftest import Api, make_settings, temp_database

DAYS, PER_DAY = 300, 1000


def test_a_day_range_of_the_audit_trail_is_read_through_the_time_index(tmp_path, demo_source_urls):
    with temp_database("postgresql") as store_url:
        gateway = Gateway(make_settings(tmp_path, store_url))
        try:
            ensure_demo_world(gateway.services, tmp_path, source_urls=demo_source_urls, populate=False)
            pg_url = sa.engine.make_url(store_url).set(drivername="postgresql").render_as_string(
                hide_password=False)
            with psycopg.connect(pg_url, autocommit=True) as conn:
                # 300 days of lookups before the demo's own records, in time order as appends are
                conn.execute(
                    "INSERT INTO audit_records (at, principal, department, dataset, mode, fields, "
                    "purpose, rows, outcome, action, detail, prev_hash, hash) "
                    "SELECT timestamptz '2025-11-01 00:00+00' + n * (interval '1 day' / %s), "
                    "'minzheng-app', 'minzheng', 'population', 'LOOKUP', '[]', 'review', 1, "
                    "'ALLOWED', 'QUERY', '', repeat('0', 64), repeat('0', 64) "
                    "FROM generate_series(1, %s) AS n", (PER_DAY, DAYS * PER_DAY))
                conn.execute("ANALYZE audit_records")
            sent = []

            def keep(conn, cursor, statement, parameters, context, executemany):
                if "FROM audit_records" in statement and "ORDER BY audit_records.id DESC" in statement:
                    sent.append((statement, parameters))

            sa.event.listen(gateway.services.engine, "before_cursor_execute", keep)
            with TestClient(create_app(gateway.settings, gateway)) as client:
                body = Api(client, gateway, "auditor").query(
                    '{ auditLog(first: 50, since: "2026-03-01T00:00:00+08:00", '
                    'until: "2026-03-02T00:00:00+08:00") { nodes { id at } } }')
            sa.event.remove(gateway.services.engine, "before_cursor_execute", keep)
            assert "errors" not in body, body
            nodes = body["data"]["auditLog"]["nodes"]
            assert len(nodes) == 50 and all(n["at"].startswith("2026-03-01") for n in nodes), nodes
            statement, parameters = sent[-1]
            with psycopg.connect(pg_url, autocommit=True) as conn, conn.cursor() as cursor:
                # the statement as SQLAlchemy sent it, its parameters bound the same way
                plan = "\n".join(row[0] for row in cursor.execute("EXPLAIN " + statement, parameters))
            assert "ix_audit_records_at" in plan, plan
        finally:
            gateway.close()


def test_the_time_index_is_made_on_both_stores(tmp_path):
    with temp_database("postgresql") as store_url:
        for url in (store_url, f"sqlite:///{tmp_path / 'store.sqlite'}"):
            gateway = Gateway(make_settings(tmp_path, url))
            try:
                indexes = {i["name"]: i for i in sa.inspect(gateway.services.engine).get_indexes("audit_records")}
                assert indexes["ix_audit_records_at"]["column_names"] == ["at"]
            finally:
                gateway.close()
