"""Running one query on a locked connection, within the session's limits.

- wall clock: a watchdog thread (one per session) calls `con.interrupt()` when
  the time is up; DuckDB stops the query and the connection stays usable
  (SANDBOX_TIMEOUT);
- memory: DuckDB's memory limit and temp-directory cap end a query with an
  OutOfMemoryException (SANDBOX_MEMORY);
- result size: the query is wrapped as `SELECT * FROM (query) LIMIT max_rows+1`,
  so no more than one row past the cap is ever produced; more than max_rows
  rows, or more than max_result_bytes, is RESULT_TOO_LARGE;
- every other DuckDB error becomes a typed error whose message a person can
  act on, without DuckDB's host paths.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import duckdb

from gateway.errors import BadInput, DatagateError
from sandbox.errors import ResultTooLarge, SandboxForbidden, SandboxMemory, SandboxTimeout
from sandbox.limits import SandboxLimits


class Watchdog:
    """Interrupts the connection's running query once the time limit has passed.

    One daemon thread per session waits for a deadline; `guard()` arms it
    around a query and disarms it afterwards (cheaper than a timer per query).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, seconds: float):
        self._con = con
        self._seconds = seconds
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._closed = False
        self.fired = False
        self._thread = threading.Thread(target=self._watch, name="sandbox-watchdog", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        with self._cond:
            while not self._closed:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining > 0:
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
            w._cond.notify()
        return w

    def __exit__(self, *exc) -> None:
        w = self._w
        with w._cond:
            w._deadline = None
            w._cond.notify()


@dataclass(frozen=True)
class Fetched:
    """A fetched result: column names, DuckDB type names and rows."""

    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]


def run_query(con: duckdb.DuckDBPyConnection, sql: str, limits: SandboxLimits, watchdog: Watchdog,
              *, capped: bool = True) -> Fetched:
    """Run `sql` (already wrapped with LIMIT max_rows+1 when `capped`) and fetch it."""
    try:
        with watchdog.guard():
            cursor = con.execute(sql)
            description = cursor.description or []
            rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise translate(exc, limits, timed_out=watchdog.fired) from None
    if capped:
        check_size(rows, limits)
    return Fetched([d[0] for d in description], [str(d[1]) for d in description], rows)


def check_size(rows: list[tuple], limits: SandboxLimits) -> None:
    """RESULT_TOO_LARGE past the row or byte cap."""
    if len(rows) > limits.max_rows:
        raise ResultTooLarge(
            f"The result has more than {limits.max_rows} rows, the most one result may have. "
            "Aggregate further, filter, or add LIMIT.")
    size = 0
    for row in rows:
        for value in row:
            size += len(value) if isinstance(value, (str, bytes)) else 8
        if size > limits.max_result_bytes:
            raise ResultTooLarge(
                f"The result is larger than {limits.max_result_bytes // 1024} KiB, the most one result "
                "may be. Select fewer or narrower columns, or aggregate further.")


def translate(exc: Exception, limits: SandboxLimits, *, timed_out: bool = False) -> DatagateError:
    """The typed sandbox error for a DuckDB exception."""
    text = str(exc)
    if timed_out or isinstance(exc, duckdb.InterruptException):
        return SandboxTimeout(
            f"The query ran longer than {limits.timeout_seconds:g} s and was stopped. "
            "Filter earlier, join less, or aggregate before joining.")
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
    return BadInput(f"The query failed: {_first_line(text)}")


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"
