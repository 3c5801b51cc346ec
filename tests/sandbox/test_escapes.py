"""Attempts to get out of the sandbox, change it, or exhaust it: each is refused
with its own code and a clear message, and the session keeps serving."""
from __future__ import annotations

from pathlib import Path

import pytest

from sandbox import SandboxError, SandboxForbidden
from sandbox.lockdown import lockdown_failures
from tests.sandbox.conftest import assert_serving

FORBIDDEN = "SANDBOX_FORBIDDEN"
OTHER_DB = "{other_db}"  # replaced by the other session's database file
OTHER_DIR = "{other_dir}"

# (id, sql, expected code, words the message must contain)
ESCAPES = [
    # files through table functions
    ("read_csv_passwd", "SELECT * FROM read_csv('/etc/passwd')", FORBIDDEN, "read_csv"),
    ("read_csv_auto_passwd", "SELECT * FROM read_csv_auto('/etc/passwd')", FORBIDDEN, "files"),
    ("read_text_passwd", "SELECT content FROM read_text('/etc/passwd')", FORBIDDEN, "read_text"),
    ("read_blob_passwd", "SELECT * FROM read_blob('/etc/passwd')", FORBIDDEN, "read_blob"),
    ("read_parquet_passwd", "SELECT * FROM read_parquet('/etc/passwd')", FORBIDDEN, "read_parquet"),
    ("read_json_passwd", "SELECT * FROM read_json('/etc/passwd')", FORBIDDEN, "read_json"),
    ("read_ndjson_passwd", "SELECT * FROM read_ndjson_objects('/etc/passwd')", FORBIDDEN, "files"),
    ("glob_etc", "SELECT * FROM glob('/etc/*')", FORBIDDEN, "glob"),
    ("glob_sessions", f"SELECT * FROM glob('{OTHER_DIR}/*')", FORBIDDEN, "glob"),
    ("sniff_csv", "SELECT * FROM sniff_csv('/etc/passwd')", FORBIDDEN, "sniff_csv"),
    ("parquet_metadata", "SELECT * FROM parquet_metadata('/etc/passwd')", FORBIDDEN, "parquet_metadata"),
    ("read_text_other_session", f"SELECT * FROM read_text('{OTHER_DB}')", FORBIDDEN, "read_text"),
    ("read_blob_other_session", f"SELECT * FROM read_blob('{OTHER_DB}')", FORBIDDEN, "read_blob"),
    ("read_duckdb_other_session", f"SELECT * FROM read_duckdb('{OTHER_DB}')", FORBIDDEN, "files"),
    ("read_csv_in_subquery", "SELECT count(*) FROM (SELECT * FROM read_csv('/etc/passwd'))", FORBIDDEN, "read_csv"),
    ("read_text_in_cte", "WITH f AS (SELECT * FROM read_text('/etc/passwd')) SELECT count(*) FROM f",
     FORBIDDEN, "read_text"),
    # replacement scans of file names
    ("replacement_scan_passwd", "SELECT * FROM '/etc/passwd'", FORBIDDEN, "files"),
    ("replacement_scan_csv", "SELECT * FROM 'somefile.csv'", FORBIDDEN, "files"),
    ("replacement_scan_other_db", f"SELECT * FROM '{OTHER_DB}'", FORBIDDEN, "files"),
    # network
    ("read_csv_http", "SELECT * FROM read_csv('http://127.0.0.1:9/people.csv')", FORBIDDEN, "network"),
    ("read_parquet_s3", "SELECT * FROM read_parquet('s3://bucket/people.parquet')", FORBIDDEN, "network"),
    ("replacement_scan_https", "SELECT * FROM 'https://127.0.0.1:9/x.parquet'", FORBIDDEN, "files or URLs"),
    # statements that write, copy or attach
    ("copy_to", "COPY socialInsurance TO '/tmp/dg_leak.csv'", FORBIDDEN, "COPY"),
    ("copy_query_to", "COPY (SELECT * FROM socialInsurance) TO '/tmp/dg_leak.parquet' (FORMAT parquet)",
     FORBIDDEN, "COPY"),
    ("copy_from", "COPY socialInsurance FROM '/etc/passwd'", FORBIDDEN, "COPY"),
    ("export_database", "EXPORT DATABASE '/tmp/dg_export'", FORBIDDEN, "EXPORT"),
    ("import_database", "IMPORT DATABASE '/tmp/dg_export'", FORBIDDEN, "PRAGMA"),
    ("attach_other_session", f"ATTACH '{OTHER_DB}' AS other", FORBIDDEN, "ATTACH"),
    ("attach_memory", "ATTACH ':memory:' AS scratch", FORBIDDEN, "ATTACH"),
    ("detach", "DETACH data", FORBIDDEN, "DETACH"),
    ("use", "USE memory", FORBIDDEN, "SET"),
    # extensions
    ("install_httpfs", "INSTALL httpfs", FORBIDDEN, "extensions"),
    ("force_install_httpfs", "FORCE INSTALL httpfs", FORBIDDEN, "extensions"),
    ("load_httpfs", "LOAD httpfs", FORBIDDEN, "extensions"),
    # settings
    ("set_memory_limit", "SET memory_limit = '20GB'", FORBIDDEN, "settings"),
    ("set_external_access", "SET enable_external_access = true", FORBIDDEN, "settings"),
    ("set_lock_configuration", "SET lock_configuration = false", FORBIDDEN, "settings"),
    ("reset", "RESET memory_limit", FORBIDDEN, "settings"),
    ("set_variable", "SET VARIABLE secret = 1", FORBIDDEN, "SET"),
    ("pragma", "PRAGMA database_list", FORBIDDEN, "PRAGMA"),
    ("call", "CALL pragma_version()", FORBIDDEN, "CALL"),
    ("call_enable_logging", "CALL enable_logging()", FORBIDDEN, "CALL"),
    ("checkpoint", "CHECKPOINT", FORBIDDEN, "CALL"),
    ("vacuum", "VACUUM", FORBIDDEN, "VACUUM"),
    ("begin", "BEGIN TRANSACTION", FORBIDDEN, "TRANSACTION"),
    # changing data
    ("create_table", "CREATE TABLE copy AS SELECT * FROM socialInsurance", FORBIDDEN, "CREATE"),
    ("create_temp_table", "CREATE TEMP TABLE t AS SELECT 1", FORBIDDEN, "CREATE"),
    ("create_macro", "CREATE MACRO leak(a) AS a", FORBIDDEN, "CREATE"),
    ("create_secret", "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')", FORBIDDEN, "CREATE"),
    ("insert", "INSERT INTO socialInsurance SELECT * FROM socialInsurance", FORBIDDEN, "INSERT"),
    ("update", "UPDATE socialInsurance SET monthlyBase = 0", FORBIDDEN, "UPDATE"),
    ("delete", "DELETE FROM socialInsurance", FORBIDDEN, "DELETE"),
    ("drop_table", "DROP TABLE socialInsurance", FORBIDDEN, "DROP"),
    ("alter_table", "ALTER TABLE socialInsurance ADD COLUMN x INT", FORBIDDEN, "ALTER"),
    ("two_statements", "SELECT 1; DROP TABLE socialInsurance", FORBIDDEN, "exactly one"),
    ("select_then_copy", "SELECT 1; COPY socialInsurance TO '/tmp/dg_leak.csv'", FORBIDDEN, "exactly one"),
    ("pivot_statement", "PIVOT socialInsurance ON district USING count(*)", FORBIDDEN, "MULTI"),
    # settings, environment and catalog that reveal the host
    ("getenv", "SELECT getenv('HOME')", FORBIDDEN, "getenv"),
    ("current_setting", "SELECT current_setting('temp_directory')", FORBIDDEN, "current_setting"),
    ("current_setting_home", "SELECT current_setting('home_directory')", FORBIDDEN, "paths"),
    ("getvariable", "SELECT getvariable('x')", FORBIDDEN, "getvariable"),
    ("duckdb_settings_fn", "SELECT * FROM duckdb_settings()", FORBIDDEN, "duckdb_settings"),
    ("duckdb_settings_view", "SELECT * FROM duckdb_settings", FORBIDDEN, "not available"),
    ("pg_settings", "SELECT * FROM pg_catalog.pg_settings", FORBIDDEN, "not available"),
    ("information_schema", "SELECT * FROM information_schema.tables", FORBIDDEN, "not available"),
    ("duckdb_databases", "SELECT * FROM duckdb_databases()", FORBIDDEN, "duckdb_databases"),
    ("duckdb_extensions", "SELECT * FROM duckdb_extensions()", FORBIDDEN, "duckdb_extensions"),
    ("duckdb_temporary_files", "SELECT * FROM duckdb_temporary_files()", FORBIDDEN, "not available"),
    ("pragma_table_fn", "SELECT * FROM pragma_database_size()", FORBIDDEN, "not available"),
    ("cte_shadowing_catalog", "WITH duckdb_settings AS (SELECT * FROM duckdb_settings) "
     "SELECT count(*) FROM duckdb_settings", FORBIDDEN, "not available"),
    ("qualified_table", "SELECT count(*) FROM data.main.socialInsurance", FORBIDDEN, "unqualified"),
    ("system_catalog", "SELECT * FROM system.main.duckdb_tables", FORBIDDEN, "not available"),
    # SQL that would run outside the checks
    ("query_fn", "SELECT * FROM query('SELECT idNumber FROM socialInsurance')", FORBIDDEN, "query"),
    ("query_table_fn", "SELECT * FROM query_table('socialInsurance')", FORBIDDEN, "query_table"),
    ("json_execute", "SELECT * FROM json_execute_serialized_sql('{}')", FORBIDDEN, "json_execute_serialized_sql"),
    ("explain_analyze", "EXPLAIN ANALYZE SELECT district FROM socialInsurance", FORBIDDEN, "ANALYZE"),
    ("explain_analyse_after_comments", "/* plan */ -- only\n explain\n\tanalyse SELECT district FROM socialInsurance",
     FORBIDDEN, "ANALYZE"),
    ("reserved_names", "SELECT count(*) AS __dg_people FROM socialInsurance", FORBIDDEN, "reserved"),
    ("parameter", "SELECT count(*) FROM socialInsurance WHERE monthlyBase > $1", FORBIDDEN, "parameters"),
    # values too large to be bounded
    ("repeat_bomb", "SELECT length(repeat('x', 4000000000))", FORBIDDEN, "memory limit"),
    ("lpad_bomb", "SELECT length(lpad('x', 300000000, 'y'))", FORBIDDEN, "memory limit"),
    ("scalar_range_bomb", "SELECT len(range(100000000))", FORBIDDEN, "FROM"),
    # values built past the memory limit, which DuckDB neither counts nor interrupts: the
    # query's process hits its address-space limit (the gateway's memory is not touched), or,
    # on a slow machine, the time limit first
    # (as group keys: an aggregate may not take such an expression, see contributions.py)
    ("nested_replace_bomb", "SELECT district, length(" + "replace(" * 9 + "(status || 'e')"
     + ", 'e', 'eeeeeeeeee')" * 9 + ") AS l, count(*) AS n FROM socialInsurance GROUP BY ALL",
     ("SANDBOX_MEMORY", "SANDBOX_TIMEOUT"), "stop"),
    ("concat_chain_bomb", "WITH s0 AS (SELECT district, status AS s FROM socialInsurance)" + "".join(
        f", s{i + 1} AS (SELECT district, s || s || s || s || s || s || s || s AS s FROM s{i})"
        for i in range(9)) + " SELECT district, length(s) AS l, count(*) AS n FROM s9 GROUP BY ALL",
     ("SANDBOX_MEMORY", "SANDBOX_TIMEOUT"), "stop"),
    ("list_reduce_bomb", "SELECT district, length(list_reduce(list_transform("
     "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, "
     "28, 29, 30, 31, 32, 33, 34, 35, 36], lambda x: status), lambda a, b: a || a)) AS l, count(*) AS n "
     "FROM socialInsurance GROUP BY ALL", ("SANDBOX_MEMORY", "SANDBOX_TIMEOUT"), "stop"),
    ("regexp_replace_bomb", "SELECT district, length(" + "regexp_replace(" * 7
     + "status" + ", '(.+)', '\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1')" * 7
     + ") AS l, count(*) AS n FROM socialInsurance GROUP BY ALL", ("SANDBOX_MEMORY", "SANDBOX_TIMEOUT"), "stop"),
    # resources
    ("endless_recursion", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
     "SELECT count(*) FROM r", "SANDBOX_TIMEOUT", "stopped"),
    ("slow_cross_join", "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b",
     "SANDBOX_TIMEOUT", "stopped"),
    ("memory_exhaustion", "SELECT count(DISTINCT a.range * 1000000 + b.range) "
     "FROM range(100000) a, range(10000) b", ("SANDBOX_MEMORY", "SANDBOX_TIMEOUT"), "stopped"),
    ("huge_result", "SELECT range FROM range(100000)", "RESULT_TOO_LARGE", "rows"),
]


def _materialise(sql: str, other_session) -> str:
    return sql.replace(OTHER_DB, str(other_session.folder / "data.duckdb")).replace(
        OTHER_DIR, str(other_session.folder))


def test_at_least_forty_distinct_escapes():
    assert len({sql for _, sql, _, _ in ESCAPES}) == len(ESCAPES) >= 40


@pytest.mark.parametrize("sql,code,words", [e[1:] for e in ESCAPES], ids=[e[0] for e in ESCAPES])
def test_escape_is_refused_and_session_keeps_serving(session, other_session, sql, code, words):
    with pytest.raises(SandboxError) as caught:
        session.run(_materialise(sql, other_session))
    error = caught.value
    codes = code if isinstance(code, tuple) else (code,)
    assert error.code in codes, error.message
    assert words.lower() in error.message.lower()
    assert error.http_status < 500
    assert_serving(session)
    assert_serving(other_session)


def test_nothing_was_written_outside(session):
    for leak in ("/tmp/dg_leak.csv", "/tmp/dg_leak.parquet", "/tmp/dg_export"):
        assert not Path(leak).exists()


def test_no_host_file_content_in_any_response(session, other_session):
    secrets = [line.split(":")[0] + ":x:" for line in Path("/etc/passwd").read_text().splitlines()[:3]]
    secrets.append(str(other_session.folder))
    responses = []
    for _, sql, _, _ in ESCAPES:
        if "range" in sql or "RECURSIVE" in sql:
            continue  # resource tests: nothing to read, and slow
        try:
            responses.append(repr(session.run(_materialise(sql, other_session)).rows))
        except SandboxError as exc:
            responses.append(exc.message + repr(exc.extensions))
    for response in responses:
        for secret in secrets:
            assert secret not in response


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_text('/etc/passwd')", "COPY socialInsurance TO '/tmp/dg_leak.csv'",
    "ATTACH ':memory:' AS m2", "LOAD httpfs", "INSTALL httpfs", "SET enable_external_access = true",
    "RESET lock_configuration", "CREATE TABLE x AS SELECT 1", "SELECT * FROM glob('/etc/*')",
])
def test_lockdown_holds_even_without_the_checks(session, sql):
    """DuckDB itself refuses what the checks refuse first (defence in depth): the statement
    is sent to the query process as it is, around the checks on purpose."""
    with pytest.raises(SandboxForbidden):
        session._queries.run(sql, capped=False)
    assert not lockdown_failures(session.query_settings())
    assert_serving(session)
