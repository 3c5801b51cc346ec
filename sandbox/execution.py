"""Running one query on a locked connection, within the session's limits (in the
session's query process, worker.py).

- wall clock: a watchdog thread (one per session) calls `con.interrupt()` when
  the time is up; DuckDB stops the query and the connection stays usable
  (SANDBOX_TIMEOUT); should DuckDB not hear it, the gateway ends the process
  (query_process.py);
- memory: DuckDB's memory limit and temp-directory cap end a query with an
  OutOfMemoryException (SANDBOX_MEMORY), and so does the process's address-space
  limit for values DuckDB does not count;
- result size: the query is wrapped as `SELECT * FROM (query) LIMIT max_rows+1`,
  so no more than one row past the cap is ever produced; more than max_rows
  rows, or more than max_result_bytes, is RESULT_TOO_LARGE (check_size);
- group sizes: a query wrapped by row_checks.with_checks stops with GroupTooSmall
  at an output row that describes too few people or fails a check of its aggregates;
- every other DuckDB error becomes a typed error whose message a person can
  act on, without DuckDB's host paths.
"""
from __future__ import annotations

import re
import threading
import time
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Callable

import duckdb

from sandbox.errors import (BadQuery, ResultTooLarge, SandboxError, SandboxForbidden,
                            SandboxMemory, SandboxTimeout)
from sandbox.limits import SandboxLimits
from sandbox.row_checks import CHECK_ERROR, RECHECK_ERROR, SMALL_GROUP_ERROR, failed_check

# a check column the rewritten query looks for was lost on the way (e.g. under DISTINCT)
_EXCLUDE_MISSED = re.compile(r'"__dg_(people|c\d+)" in EXCLUDE list not found')


class GroupTooSmall(Exception):
    """DuckDB stopped a query at an output row that describes too few people, or at one
    that fails the row check numbered `check`."""

    def __init__(self, check: int | None = None):
        super().__init__(check)
        self.check = check


class RecheckNeeded(Exception):
    """A dominance check the quick bounds could not settle: run the query again with the
    exact check (row_checks.CheckSql.dominance_sql)."""


class PeopleCountLost(Exception):
    """The column counting people was not where the group-size check looks for it."""


class Watchdog:
    """Interrupts the connection's running query once the time limit has passed.

    One daemon thread per session waits for a deadline; `guard()` arms it
    around a query and disarms it afterwards (cheaper than a timer per query).
    The thread is woken only when it sleeps without a deadline: every new
    deadline is later than the one it already sleeps until (the limit is the
    same for every query), so it wakes by itself in time and looks again, and
    a query costs no thread switch.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, seconds: float):
        self._con = con
        self._seconds = seconds
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._idle = True  # the thread waits without a deadline (set under _cond)
        self._closed = False
        self.fired = False
        self._thread = threading.Thread(target=self._watch, name="sandbox-watchdog", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        with self._cond:
            while not self._closed:
                if self._deadline is None:
                    self._idle = True
                    self._cond.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining > 0:
                    self._idle = False
                    self._cond.wait(remaining)
                    continue
                self.fired = True
                self._deadline = None
                self._con.interrupt()

    def guard(self) -> "_Armed":
        return _Armed(self)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()


class _Armed:
    def __init__(self, watchdog: Watchdog):
        self._w = watchdog

    def __enter__(self) -> Watchdog:
        w = self._w
        with w._cond:
            w.fired = False
            w._deadline = time.monotonic() + w._seconds
            if w._idle:
                w._cond.notify()
        return w

    def __exit__(self, *exc) -> None:
        w = self._w
        with w._cond:
            w._deadline = None  # the thread finds it gone when it next wakes


@dataclass(frozen=True)
class Fetched:
    """A fetched result: column names, DuckDB type names and rows."""

    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]


def run_query(con: duckdb.DuckDBPyConnection, sql: str, limits: SandboxLimits, watchdog: Watchdog,
              fetch: Callable[[duckdb.DuckDBPyConnection], Any], *, people_floor: bool = False) -> Fetched:
    """Run `sql` (wrapped by group_sizes.with_people_floor when `people_floor`) and fetch
    it, both under the time limit: Fetched.rows is what fetch(cursor) returns, which the
    caller holds to the caps (check_size)."""
    try:
        with watchdog.guard():
            cursor = con.execute(sql)
            description = cursor.description or []
            rows = fetch(cursor)
    except duckdb.Error as exc:
        if people_floor and not watchdog.fired:
            text = str(exc)
            if isinstance(exc, duckdb.InvalidInputException) and RECHECK_ERROR in text:
                raise RecheckNeeded() from None
            if isinstance(exc, duckdb.InvalidInputException) and (
                    SMALL_GROUP_ERROR in text or CHECK_ERROR in text):
                raise GroupTooSmall(failed_check(text)) from None
            if isinstance(exc, duckdb.BinderException) and _EXCLUDE_MISSED.search(text):
                raise PeopleCountLost() from None
        raise translate(exc, limits, timed_out=watchdog.fired) from None
    return Fetched([d[0] for d in description], [str(d[1]) for d in description], rows)


def check_size(rows: list[tuple], limits: SandboxLimits, types: list[str] | None = None) -> None:
    """RESULT_TOO_LARGE past the row or byte cap.

    Bytes are counted as the length of each text or blob value and 8 for any other value
    (None included), column by column; `types` (DuckDB's type names) lets numeric columns
    be counted without looking at their values.
    """
    if len(rows) > limits.max_rows:
        raise too_many_rows(limits)
    cap = limits.max_result_bytes
    if result_bytes(rows, types, temporal_at_most=True) > cap and result_bytes(rows, types) > cap:
        raise too_many_bytes(limits)


def too_many_rows(limits: SandboxLimits) -> ResultTooLarge:
    return ResultTooLarge(f"The result has more than {limits.max_rows} rows, the most one result may "
                          "have. Aggregate further, filter, or add LIMIT.")


def too_many_bytes(limits: SandboxLimits) -> ResultTooLarge:
    return ResultTooLarge(f"The result is larger than {limits.max_result_bytes // 1024} KiB, the most "
                          "one result may be. Select fewer or narrower columns, or aggregate further.")


_TEXT = (str, bytes)
_TEXT_OR_NONE = frozenset({str, bytes, type(None)})
# DuckDB types the Python client always returns as int, float, Decimal or bool (or None).
# Dates and times are not among them: out of Python's range they come back as text.
_NUMERIC = frozenset({"BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                      "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE"})
# DuckDB types the Python client always returns as str or bytes (or None).
_TEXT_ONLY = frozenset({"VARCHAR", "BLOB"})
# Dates and times: Python objects, or short text out of Python's range
# ('290309-12-22 (BC) 00:00:00+00', 30 characters, is about the longest).
_TEMPORAL = frozenset({"DATE", "TIME", "TIME WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE",
                       "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"})
_TEMPORAL_AT_MOST = 64


def _numeric(duckdb_type: str) -> bool:
    return duckdb_type in _NUMERIC or (duckdb_type.startswith("DECIMAL(") and duckdb_type.endswith(")"))


def result_bytes(rows: list[tuple], types: list[str] | None = None, *, temporal_at_most: bool = False) -> int:
    """The size `check_size` counts: len() of str and bytes values, 8 for every other value.

    With `temporal_at_most`, date and time columns count as many bytes as their values
    can have at most, without looking at them: an upper bound of the size.
    """
    if not rows:
        return 0
    size = 0
    for i in range(len(rows[0])):
        if types is not None and _numeric(types[i]):
            size += 8 * len(rows)
            continue
        if temporal_at_most and types is not None and types[i] in _TEMPORAL:
            size += _TEMPORAL_AT_MOST * len(rows)
            continue
        column = list(map(itemgetter(i), rows))
        if types is not None and types[i] in _TEXT_ONLY:
            size += sum(map(len, filter(None, column))) + 8 * column.count(None)
            continue
        kinds = set(map(type, column))
        if not any(issubclass(kind, _TEXT) for kind in kinds):
            size += 8 * len(column)
        elif kinds <= _TEXT_OR_NONE:
            # filter(None, ...) leaves out None (8 each) and empty values (0 each)
            size += sum(map(len, filter(None, column))) + 8 * column.count(None)
        else:  # mixed (a UNION column, subclasses): value by value
            size += sum(len(v) if isinstance(v, _TEXT) else 8 for v in column)
    return size


def translate(exc: Exception, limits: SandboxLimits, *, timed_out: bool = False) -> SandboxError:
    """The typed sandbox error for a DuckDB exception."""
    text = str(exc)
    if timed_out or isinstance(exc, duckdb.InterruptException):
        return SandboxTimeout(
            f"The query ran longer than {limits.timeout_seconds:g} s and was stopped. "
            "Filter earlier, join less, or aggregate before joining.")
    if past_address_space(exc):
        return values_too_large(limits)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return SandboxMemory(
            f"The query needed more than the session's {limits.memory_limit_mb} MiB of memory "
            f"(and {limits.max_temp_mb} MiB of temporary disk) and was stopped. "
            "Aggregate earlier, select fewer columns, or avoid large joins and sorts.")
    if isinstance(exc, duckdb.PermissionException) or "disabled by configuration" in text \
            or "configuration has been locked" in text:
        return SandboxForbidden(
            "The query tried to reach outside the sandbox (files, network, extensions or settings), "
            "which is not allowed. Query the session's tables only.")
    if "read-only" in text:
        return SandboxForbidden("The session's tables are read-only; only SELECT queries run here.")
    if isinstance(exc, _QUOTES_ONLY_THE_QUERY):
        return BadQuery(f"The query failed: {_first_line(text)}")
    # Raised while reading the data: DuckDB's text may quote stored values (a failed cast
    # prints the value it could not convert, error(x) prints x), which would let them out
    # without any output check. Only the kind of error is passed on.
    kind = _KINDS.get(type(exc).__name__, "an error")
    return BadQuery(f"The query failed while running: {kind}. DuckDB's message is not shown "
                    "because it can quote stored values. Check the casts, conversions and "
                    "functions applied to the data (TRY_CAST and the try_ functions give NULL "
                    "instead of an error).")


def past_address_space(exc: BaseException | None) -> bool:
    """Whether DuckDB failed to allocate past the process's address-space limit (not its
    own memory limit, which it reports in other words)."""
    text = str(exc)
    return isinstance(exc, duckdb.OutOfMemoryException) and ("Allocation failure" in text
                                                            or "bad allocation" in text)


def values_too_large(limits: SandboxLimits) -> SandboxMemory:
    """SANDBOX_MEMORY for values built past what the query's process may map."""
    return SandboxMemory(
        f"The query built values larger than the memory the session may use (DuckDB's "
        f"{limits.memory_limit_mb} MiB and what the query's process may use besides) and was stopped. "
        "Build smaller values: nested replace, concatenation or list functions can make a short "
        "text enormous.")


# Errors of parsing and binding, raised before any data is read: their text quotes the
# query's own words and the session's names, never stored values.
_QUOTES_ONLY_THE_QUERY = (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException,
                          duckdb.SyntaxException)
_KINDS = {
    "ConversionException": "a value could not be converted to the type asked for",
    "OutOfRangeException": "a value or result was out of range (overflow, or a date out of range)",
    "InvalidInputException": "a function was given input it cannot use",
    "TypeMismatchException": "values of different types were combined",
    "NotImplementedException": "DuckDB does not support this operation",
}


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"
