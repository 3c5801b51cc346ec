"""The gateway's side of a session's query process (see worker.py).

`QueryProcess` starts `python -m sandbox.worker` for one session, on a socket pair,
and sends it a researcher's SQL to check and plan (`prepare`: parse, checks, rewrite,
render, all in the process), or to tokenize, parse and render for the gateway's own
checks (as parser.Parser), and the SQL the checks have passed: to run (`run`) or only
to bind (`bind`). The process is started with the session, and again at the next query after
it ended (an internal DuckDB error, a crash, the time backstop below, or
limits.process_idle without a query); the gateway never hands a researcher's SQL to
DuckDB itself.

Besides the worker's own watchdog, which interrupts DuckDB at the time limit, the
gateway waits GRACE_SECONDS more and then ends the process: DuckDB hears an interrupt
only between chunks of work, and one function call on a huge value, or drawing a
huge plan, can take longer. Answers are unpickled allowing only the value types
DuckDB returns, and Arrow is validated before it is read, so a process taken over
through DuckDB could not run code in the gateway through them. (It still runs as the
gateway's user: the process bounds memory and time, and survives DuckDB's crashes; it is
no boundary against code execution inside DuckDB.)
"""
from __future__ import annotations

import datetime as dt
import decimal
import io
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from multiprocessing.connection import Connection
from pathlib import Path

import duckdb
import pyarrow as pa

from sandbox import arrow_values, execution
from sandbox.errors import (BadQuery, OutputCheckFailed, ResultTooLarge, SandboxForbidden,
                            SandboxMemory, SandboxTimeout, SessionNotFound)
from sandbox.planning import Prepared, from_wire
from sandbox.limits import SandboxLimits
from sandbox.syntax import SyntaxTooDeep

log = logging.getLogger("datagate.sandbox")

GRACE_SECONDS = 5.0
START_SECONDS = 60.0
_CODE_ROOT = Path(__file__).resolve().parents[1]
# A refusal comes back from the process as ("error", code, message): raised here again as
# the class of that code (any other code is a fault).
_ERRORS = {cls.code: cls for cls in (SandboxForbidden, SandboxTimeout, SandboxMemory, ResultTooLarge,
                                     BadQuery)}
_VALUE_TYPES = {("datetime", "date"): dt.date, ("datetime", "datetime"): dt.datetime,
                ("datetime", "time"): dt.time, ("datetime", "timedelta"): dt.timedelta,
                ("datetime", "timezone"): dt.timezone, ("decimal", "Decimal"): decimal.Decimal,
                ("uuid", "UUID"): uuid.UUID}


class _ValuesOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        try:
            return _VALUE_TYPES[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a value type") from None


class _Ended(Exception):
    """The process ended (or was ended) before it answered."""


class _TimedOut(_Ended):
    """The process did not answer within the time limit and its grace."""


class QueryProcess:
    """One session's query process; calls are made one at a time (the session's lock)."""

    def __init__(self, db_path: Path, temp_dir: Path, limits: SandboxLimits):
        self._db_path = db_path
        self._temp_dir = temp_dir
        self.limits = limits
        self._proc: subprocess.Popen | None = None
        self._channel: Connection | None = None
        self._state = threading.Lock()  # guards _proc/_channel against stop() from another thread
        self._stopped = False
        self._busy = False  # a call is waiting for the process (set under _state)
        self.address_space: int | None = None  # bytes the process may map, once it is ready
        self._last_used = time.monotonic()
        self._converter: duckdb.DuckDBPyConnection | None = None

    def start(self) -> None:
        """Start the process if it is not running, without waiting for it: it loads Python and
        DuckDB meanwhile, and is told the database to open at the first call (so a session
        can start it while its database is still being loaded)."""
        with self._state:
            self._start_locked()

    def _start_locked(self) -> None:
        if self._stopped:
            raise SessionNotFound("This sandbox session has been closed.")
        if self._proc is not None and self._proc.poll() is None:
            return
        self._discard_locked()
        ours, theirs = socket.socketpair()
        with ours, theirs:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "sandbox.worker", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), cwd=_CODE_ROOT, env=_worker_environment(),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            self._channel = Connection(ours.detach())
        self.address_space = None

    def ready(self) -> None:
        """Start the process if need be and wait until it has opened the database locked
        down; RuntimeError if it cannot (nothing is left running then)."""
        self._expect(("ping",), "pong")

    def prepare(self, sql: str, tables: dict, exact_dominance: bool = False) -> tuple[Prepared, dict]:
        """planning.prepare in the process (parse, checks, rewrite and render in one request);
        the plan and the seconds each step took there. Raises what prepare raises."""
        answer = self._call(("prepare", sql, tables, exact_dominance))
        if answer[0] == "prepared":
            timings = {str(k): float(v) for k, v in answer[2].items()}
            return from_wire(answer[1]), timings
        if answer[0] == "output_check_failed":
            raise OutputCheckFailed([(str(check), str(message)) for check, message in answer[1]])
        raise _error(answer)

    def run(self, sql: str, *, capped: bool = True, people_floor: bool = False) -> execution.Fetched:
        """Run checked SQL; raises what execution.run_query raises."""
        answer = self._call(("run", sql, capped, people_floor))
        if answer[0] == "rows":
            _, columns, types, rows, rest = answer
            if rest is not None:
                rows = rows + self._values(rest)
                if capped:
                    execution.check_size(rows, self.limits, types)
            return execution.Fetched(columns, types, rows)
        if answer[0] == "group_too_small":
            raise execution.GroupTooSmall(answer[1] if len(answer) > 1 and isinstance(answer[1], int) else None)
        if answer[0] == "people_count_lost":
            raise execution.PeopleCountLost()
        if answer[0] == "recheck":
            raise execution.RecheckNeeded()
        raise _error(answer)

    def _values(self, stream: bytes) -> list[tuple]:
        """The rows of an Arrow stream as DuckDB's Python client gives them: numbers, text
        and dates column by column (arrow_values.py), other types by DuckDB (the worker's
        exports them losslessly, so this one reads back the same types)."""
        table = pa.ipc.open_stream(stream).read_all()
        table.validate(full=True)  # offsets and lengths within their buffers, whoever wrote them
        return arrow_values.rows(table, self._duckdb_rows)

    def _duckdb_rows(self, table: pa.Table) -> list[tuple]:
        if self._converter is None:
            self._converter = duckdb.connect(config={"threads": 1, "enable_external_access": False})
        return self._converter.from_arrow(table).fetchall()

    # DuckDB's parser, as parser.Parser: in the process, like everything DuckDB does with a
    # researcher's text

    def statement(self, sql: str) -> tuple[int, str | None]:
        _, start, tree_json = self._expect(("statement", sql), "statement")
        return start, tree_json

    def rendered(self, tree_json: str) -> str:
        answer = self._call(("rendered", tree_json))
        if answer[0] == "text":
            return answer[1]
        if answer[0] == "syntax_too_deep":
            raise SyntaxTooDeep()
        raise _error(answer)

    def statement_types(self, sql: str) -> list[str]:
        return self._expect(("statement_types", sql), "types")[1]

    def bind(self, sql: str) -> tuple[list[str], list[str]]:
        """The names and DuckDB types of the columns `sql` would return, without running it."""
        _, names, types = self._expect(("bind", sql), "columns")
        return names, types

    def settings(self) -> dict[str, str]:
        """DuckDB's settings on the connection that runs the queries."""
        return self._expect(("settings",), "settings")[1]

    def _expect(self, request: tuple, kind: str) -> tuple:
        """The answer to `request`, which must be of `kind`; any other is raised as its error."""
        answer = self._call(request)
        if answer[0] != kind:
            raise _error(answer)
        return answer

    def stop(self) -> None:
        """End the process (a running query with it); no call is answered afterwards."""
        with self._state:
            self._stopped = True
            if self._converter is not None and not self._busy:
                self._converter.close()
            if self._busy:
                # the calling thread sees the process end and lets go of it itself
                if self._proc is not None and self._proc.poll() is None:
                    self._proc.kill()
            else:
                self._discard_locked()

    def stop_if_idle(self) -> bool:
        """End the process if it has waited for a query longer than limits.process_idle
        (the next call starts a new one); whether it did."""
        with self._state:
            idle = time.monotonic() - self._last_used > self.limits.process_idle.total_seconds()
            if self._busy or not idle or self._proc is None or self._proc.poll() is not None:
                return False
            self._discard_locked()
            return True

    def _call(self, request: tuple):
        with self._state:  # started and marked busy at once, so that stop_if_idle keeps out
            self._start_locked()
            channel, proc = self._channel, self._proc
            self._busy = True
        try:
            if self.address_space is None:
                self._await_ready(channel, proc)
            channel.send(request)
            answer, exiting = self._answer(channel, self.limits.timeout_seconds + GRACE_SECONDS)
        except (_Ended, EOFError, OSError) as exc:
            raise self._ended(proc, exc) from None
        except (RuntimeError, pickle.UnpicklingError):
            self._let_go(proc)
            raise
        finally:
            with self._state:
                self._busy = False
                self._last_used = time.monotonic()
                if self._stopped and self._proc is proc:
                    self._discard_locked()
        if exiting:
            self._let_go(proc)
        return answer

    def _let_go(self, proc: subprocess.Popen) -> None:
        with self._state:
            if self._proc is proc:
                self._discard_locked()

    def _await_ready(self, channel: Connection, proc: subprocess.Popen) -> None:
        try:
            channel.send(("open", str(self._db_path), str(self._temp_dir), self.limits))
            ready = self._answer(channel, START_SECONDS)
        except (_Ended, EOFError, OSError):
            ready = ("failed", f"no answer (exit code {proc.poll()})")
        if ready[0] != "ready":
            raise RuntimeError(f"the sandbox query process did not start: {ready[1]}")
        self.address_space = ready[1]

    def _answer(self, channel: Connection, seconds: float):
        if not channel.poll(seconds):
            raise _TimedOut()
        return _ValuesOnly(io.BytesIO(channel.recv_bytes())).load()

    def _ended(self, proc: subprocess.Popen, exc: BaseException):
        """The error for a call the process did not answer; the process is gone afterwards."""
        with self._state:
            stopped = self._stopped
            if self._proc is proc:
                self._discard_locked()
        if stopped:
            return SessionNotFound("This sandbox session has been closed.")
        if isinstance(exc, _TimedOut):
            return SandboxTimeout(
                f"The query ran longer than {self.limits.timeout_seconds:g} s and did not stop when "
                "interrupted, so its process was ended; the session goes on with your next query. "
                "Avoid building very large values or plans in one step.")
        log.warning("sandbox query process ended while running a query (exit %s: %s)",
                    proc.returncode, type(exc).__name__)
        code = proc.poll()
        if code is not None and code not in (-signal.SIGKILL, -signal.SIGTERM):
            # a crash (DuckDB aborted), not the kernel's OOM killer or an operator
            return RuntimeError(f"the sandbox query process stopped unexpectedly (exit {code})")
        return SandboxMemory(
            "The query's process was ended while it ran (out of the memory it may use, or "
            "stopped by the system); the session goes on with your next query. Aggregate "
            "earlier, and avoid building very large values (nested replace, concatenation or "
            "list functions).")

    def _discard_locked(self) -> None:
        proc, channel = self._proc, self._channel
        self._proc = self._channel = None
        if channel is not None:
            channel.close()
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


# What the query process keeps of the gateway's environment: not its DATAGATE_* settings
# and secrets, only what Python and DuckDB read (TZ sets DuckDB's default time zone).
_KEPT_ENVIRONMENT = ("PATH", "TZ", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")


def _worker_environment() -> dict[str, str]:
    kept = {name: os.environ[name] for name in _KEPT_ENVIRONMENT if name in os.environ}
    # Arrow's default allocator (mimalloc) reserves 1 GiB of address space at its first use
    # (writing a long result's Arrow stream), the whole headroom the process's limit leaves
    # for values DuckDB does not count; C's malloc maps only what it uses.
    return kept | {"ARROW_DEFAULT_MEMORY_POOL": "system"}


def _error(answer: tuple) -> Exception:
    if answer[0] == "error" and answer[1] in _ERRORS:
        return _ERRORS[answer[1]](answer[2])
    return RuntimeError(f"the sandbox query process answered {answer[0]!r}: {answer[1:]!r}"[:500])
