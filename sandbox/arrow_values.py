"""The rows of an Arrow table as DuckDB's Python client gives them (its `fetchall`).

A long result crosses from the query process as Arrow (query_process.py). DuckDB reading
it back gives exactly the values it gives in-process, for every type, but takes twice as
long as it need for the columns most results are made of: numbers, text and dates. Those
are turned into Python values column by column here (numpy's `tolist` for numbers and
dates, pyarrow's for text), which gives the same values; a table with any other column
(decimals, times, booleans, lists, DuckDB's own types...) is left to DuckDB, whole.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Days from 1970-01-01 to the first and last day Python's date holds. DuckDB gives a DATE
# outside them as text, and its infinities as date.min and date.max: left to DuckDB.
_FIRST_DAY = -719_162
_LAST_DAY = 2_932_896


def _numbers(column: pa.ChunkedArray) -> list:
    # int8...uint64 to int, float32 and float64 to float (float32 widened exactly)
    return column.to_numpy().tolist()


def _text(column: pa.ChunkedArray) -> list:
    return column.to_pylist()


def _dates(column: pa.ChunkedArray) -> list | None:
    days = pc.min_max(column.cast(pa.int32()))
    if days["min"].as_py() < _FIRST_DAY or days["max"].as_py() > _LAST_DAY:
        return None
    return column.to_numpy().astype("datetime64[D]").astype(object).tolist()


def _converter(kind: pa.DataType) -> Callable[[pa.ChunkedArray], list | None] | None:
    if pa.types.is_integer(kind) or kind in (pa.float32(), pa.float64()):
        return _numbers
    if kind in (pa.string(), pa.large_string()):
        return _text
    if kind == pa.date32():
        return _dates
    return None


def column_values(column: pa.ChunkedArray) -> list | None:
    """The column's Python values, or None where DuckDB must convert them."""
    convert = _converter(column.type)
    if convert is None:
        return None
    if len(column) == 0:  # a result of exactly worker.FIRST_ROWS rows leaves an empty rest
        return []
    if column.null_count == 0 or convert is _text:
        return convert(column)
    if column.null_count == len(column):
        return [None] * len(column)
    # numbers and dates with nulls: convert them filled, then put the nulls back
    filled = column.fill_null(pa.scalar(0, column.type) if convert is _numbers
                              else pc.min(column))
    values = convert(filled)
    if values is None:
        return None
    for i in np.flatnonzero(column.is_null().to_numpy(zero_copy_only=False)).tolist():
        values[i] = None
    return values


def rows(table: pa.Table, duckdb_rows: Callable[[pa.Table], list[tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
    """The table's rows; `duckdb_rows(table)` converts a table with any column this module
    does not (DuckDB's own `from_arrow(table).fetchall()`)."""
    columns = []
    for column in table.columns:
        values = column_values(column)
        if values is None:
            return duckdb_rows(table)
        columns.append(values)
    if not columns:
        return duckdb_rows(table)
    return list(zip(*columns))
