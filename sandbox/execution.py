"""Running one query on a locked connection, within the session's limits.

- wall clock: a timer thread calls `con.interrupt()` when the time is up;
  DuckDB stops the query and the connection stays usable (SANDBOX_TIMEOUT);
- memory: DuckDB's memory limit and temp-directory cap end a query with an
  OutOfMemoryException (SANDBOX_MEMORY);
- result size: rows are fetched as Arrow batches and fetching stops as soon as
  the row or byte cap is passed (RESULT_TOO_LARGE);
- every other DuckDB error becomes a typed error whose message a person can
  act on, without DuckDB's host paths.
"""
from __future__ import annotations

import threading

import duckdb
import pyarrow as pa

from gateway.errors import BadInput, DatagateError
from sandbox.errors import ResultTooLarge, SandboxForbidden, SandboxMemory, SandboxTimeout
from sandbox.limits import SandboxLimits

_BATCH_ROWS = 2048


class Watchdog:
    """Interrupts the connection's running query once `seconds` have passed."""

    def __init__(self, con: duckdb.DuckDBPyConnection, seconds: float):
        self._con = con
        self._seconds = seconds
        self._lock = threading.Lock()
        self._armed = False
        self.fired = False
        self._timer: threading.Timer | None = None

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self.fired = True
                self._con.interrupt()

    def __enter__(self) -> "Watchdog":
        self._armed = True
        self._timer = threading.Timer(self._seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._armed = False
        if self._timer:
            self._timer.cancel()


def run_query(con: duckdb.DuckDBPyConnection, sql: str, limits: SandboxLimits,
              *, max_rows: int | None = None) -> pa.Table:
    """Run `sql` and fetch its result as Arrow, within time, memory and size limits."""
    row_cap = limits.max_rows if max_rows is None else max_rows
    watchdog = Watchdog(con, limits.timeout_seconds)
    try:
        with watchdog:
            reader = con.sql(sql).to_arrow_reader(_BATCH_ROWS)
            try:
                return _fetch_capped(reader, row_cap, limits.max_result_bytes)
            finally:
                reader.close()  # a reader left open would hold the connection
    except duckdb.Error as exc:
        raise translate(exc, limits, timed_out=watchdog.fired) from None
    except OSError as exc:  # pyarrow re-raises some engine errors while streaming
        if watchdog.fired:
            raise translate(exc, limits, timed_out=True) from None
        raise


def bind_columns(con: duckdb.DuckDBPyConnection, sql: str, limits: SandboxLimits) -> list[str]:
    """Bind `sql` without running it; returns its output column names."""
    watchdog = Watchdog(con, limits.timeout_seconds)
    try:
        with watchdog:
            return list(con.sql(sql).columns)
    except duckdb.Error as exc:
        raise translate(exc, limits, timed_out=watchdog.fired) from None


def _fetch_capped(reader: pa.RecordBatchReader, max_rows: int, max_bytes: int) -> pa.Table:
    batches, rows, size = [], 0, 0
    for batch in reader:
        rows += batch.num_rows
        size += batch.nbytes
        if rows > max_rows:
            raise ResultTooLarge(
                f"The result has more than {max_rows} rows, the most one result may have. "
                "Aggregate further, filter, or add LIMIT.")
        if size > max_bytes:
            raise ResultTooLarge(
                f"The result is larger than {max_bytes // 1024} KiB, the most one result may be. "
                "Select fewer or narrower columns, or aggregate further.")
        batches.append(batch)
    return pa.Table.from_batches(batches, schema=reader.schema)


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
