"""Long results of numbers, text and dates are turned back into Python values without
DuckDB (sandbox/arrow_values.py): they must be the values DuckDB itself gives, edge
values and nulls included, and anything else must still go through DuckDB."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from sandbox import SandboxManager, arrow_values, worker
from tests.sandbox.conftest import SOCIAL_INSURANCE_POLICY, TEST_LIMITS, FakeClock, social_insurance

T = "socialInsurance"

# 300 rows (past worker.FIRST_ROWS, so the rest crosses as Arrow) of every type the
# column-wise conversion takes, at their limits, with nulls and without.
FAST_TYPES = """SELECT range AS i,
    (CASE WHEN range % 2 = 0 THEN -128 ELSE 127 END)::TINYINT AS i8,
    (CASE WHEN range % 2 = 0 THEN -32768 ELSE 32767 END)::SMALLINT AS i16,
    (CASE WHEN range % 2 = 0 THEN -2147483648 ELSE 2147483647 END)::INTEGER AS i32,
    (CASE WHEN range % 2 = 0 THEN -9223372036854775808 ELSE 9223372036854775807 END)::BIGINT AS i64,
    255::UTINYINT AS u8, 65535::USMALLINT AS u16, 4294967295::UINTEGER AS u32,
    18446744073709551615::UBIGINT AS u64,
    CASE WHEN range % 3 = 0 THEN NULL ELSE range - 150 END AS maybe_int,
    CASE WHEN range % 3 = 1 THEN NULL ELSE 18446744073709551615::UBIGINT - range::UBIGINT END AS maybe_u64,
    range::FLOAT / 3 AS f32, CASE WHEN range % 4 = 0 THEN NULL ELSE range::FLOAT / 7 END AS maybe_f32,
    [1.0 / 3, 'nan'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, -0.0, 1e308, 5e-324][range % 7 + 1] AS f64,
    CASE WHEN range % 5 = 0 THEN NULL ELSE range / 9 END AS maybe_f64,
    ['', '中文', 'a''b', repeat('长', 300), chr(0), '\\'][range % 6 + 1] AS s,
    CASE WHEN range % 2 = 0 THEN NULL ELSE 'x' || range END AS maybe_s,
    [DATE '0001-01-01', DATE '9999-12-31', DATE '1970-01-01', DATE '1969-12-31', DATE '2024-02-29'][range % 5 + 1] AS d,
    CASE WHEN range % 3 = 2 THEN NULL ELSE DATE '1900-03-01' + range::INT END AS maybe_d,
    NULL::INTEGER AS null_int, NULL::DOUBLE AS null_f, NULL::VARCHAR AS null_s, NULL::DATE AS null_d
    FROM range(300)"""


@pytest.fixture()
def session(tmp_path):
    manager = SandboxManager(tmp_path, TEST_LIMITS, FakeClock())
    yield manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    manager.close_all()


def _same_as_duckdb(session, sql: str, rows: int = 300):
    fetched = session._queries.run(sql, capped=False)
    want = duckdb.connect().execute(sql).fetchall()  # DuckDB's own values, in this process
    assert len(fetched.rows) == len(want) == rows
    for got_row, want_row in zip(fetched.rows, want):
        assert [repr(v) for v in got_row] == [repr(v) for v in want_row]
        assert [type(v) for v in got_row] == [type(v) for v in want_row]
    return fetched


def test_numbers_text_and_dates_come_back_as_duckdb_gives_them_without_duckdb(session):
    _same_as_duckdb(session, FAST_TYPES)
    assert session._queries._converter is None  # converted column by column, not by DuckDB


@pytest.mark.parametrize("rows", [worker.FIRST_ROWS, worker.FIRST_ROWS + 1])
def test_results_just_past_the_first_rows(session, rows):
    """Exactly FIRST_ROWS rows leave an empty Arrow rest; one more leaves one row."""
    _same_as_duckdb(session, FAST_TYPES.replace("range(300)", f"range({rows})"), rows)


@pytest.mark.parametrize("column", [
    "'infinity'::DATE", "'-infinity'::DATE", "DATE '10000-01-01'", "'0001-12-31 (BC)'::DATE", "'5877642-06-25 (BC)'::DATE",
    "CASE WHEN range = 299 THEN 'infinity'::DATE ELSE DATE '2020-01-01' END",
    "CASE WHEN range = 299 THEN NULL ELSE 'infinity'::DATE END",
    "range % 2 = 0", "(range / 7)::DECIMAL(10, 3)", "TIMESTAMP '2020-01-01' + INTERVAL (range) SECOND",
    "range::HUGEINT", "'x'::ENUM('x', 'y')", "[range]",
])
def test_other_columns_are_left_to_duckdb(session, column):
    """Dates Python cannot hold (DuckDB gives them as text, its infinities as date.min and
    date.max), and every type not converted column by column."""
    _same_as_duckdb(session, f"SELECT range AS i, 'x' || range AS s, {column} AS other FROM range(300)")
    assert session._queries._converter is not None


@pytest.mark.parametrize("kind", [pa.int64(), pa.float32(), pa.string(), pa.date32()])
def test_an_empty_column(kind):
    assert arrow_values.column_values(pa.chunked_array([], type=kind)) == []


def test_a_column_in_several_chunks():
    chunked = pa.chunked_array([pa.array([1, None, 3], pa.int64()), pa.array([None, 5], pa.int64())])
    dates = pa.chunked_array([pa.array([0, None], pa.date32()), pa.array([19000], pa.date32())])
    assert arrow_values.column_values(chunked) == [1, None, 3, None, 5]
    assert [repr(v) for v in arrow_values.column_values(dates)] == [
        "datetime.date(1970, 1, 1)", "None", "datetime.date(2022, 1, 8)"]
