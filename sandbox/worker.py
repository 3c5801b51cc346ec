"""The process a session's queries run in (`python -m sandbox.worker FD`).

DuckDB's memory limit covers its buffers, not every value a query builds: nested
`replace` calls turn a short text into gigabytes in one function call, which DuckDB
neither counts nor can interrupt. So the researcher's SQL is bound and run here, in
a child process of the gateway with its own locked-down connection to the session's
database file, under an address-space limit: an allocation past it fails inside
DuckDB (SANDBOX_MEMORY), and whatever happens here ends this process, never the
gateway. The checks and the rewrite of a new text run here too, on the trees this process
parses (planning.py); the gateway keeps the checked plans.

The parent sends requests on the socket FD, one at a time, and reads one answer each:
- ("open", db_path, temp_dir, limits) first -> ("ready", bytes it may map);
- ("run", sql, capped, people_floor) -> ("rows", columns, types, first rows, the rest
  as an Arrow stream or None; see fetch_result), or
  ("group_too_small", check), ("recheck",), ("people_count_lost",), ("error", code, message);
- ("bind", sql) -> ("columns", names, types) or ("error", code, message);
- ("settings",) -> ("settings", {name: value}); ("ping",) -> ("pong",);
- ("prepare", sql, tables, exact_dominance) -> ("prepared", plan as planning.to_wire gives
  it, timings), ("output_check_failed", failures) or ("error", code, message): the whole
  of planning.prepare here, where the parser is;
- ("statement", sql), ("rendered", tree_json), ("statement_types", sql): DuckDB's
  tokenizer and parser for the checks (parser.py) -> ("statement", start, tree_json or
  None), ("text", sql) or ("types", [...]), or ("syntax_too_deep",), ("error", code, message).
Each answer is sent as (answer, exiting): after an internal DuckDB error, which leaves
its database unusable, or an allocation past the address-space limit (DuckDB's or
Python's), after which the process keeps nearly all of it mapped, `exiting` is true and
the process exits, so that the next query gets a fresh one.
"""
from __future__ import annotations

import datetime as dt
import resource
import sys
import warnings
from multiprocessing.connection import Connection
from pathlib import Path

import duckdb
import pyarrow as pa

from sandbox import execution, planning
from sandbox.errors import OutputCheckFailed, SandboxError
from sandbox.limits import SandboxLimits
from sandbox.lockdown import open_locked
from sandbox.parser import LocalParser
from sandbox.syntax import SyntaxTooDeep

_MIB = 1024 * 1024


def address_space_limit(current_bytes: int, limits: SandboxLimits) -> int:
    """What the process may map in all: what it maps once open, plus twice DuckDB's memory
    limit and 1 GiB for values DuckDB does not count, for results and for Python."""
    return current_bytes + (2 * limits.memory_limit_mb + 1024) * _MIB


def _mapped_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("VmSize missing from /proc/self/status")


# A result of fewer rows than this is sent as Python values; the rows of a longer one
# after these as Arrow, which the gateway turns into the same Python values
# (query_process.QueryProcess._values).
FIRST_ROWS = 256


def fetch_result(cursor: duckdb.DuckDBPyConnection) -> tuple[list[tuple], pa.Table | None]:
    """The first FIRST_ROWS rows, and the rest (if there are more) as an Arrow table."""
    first = cursor.fetchmany(FIRST_ROWS)
    if len(first) < FIRST_ROWS:
        return first, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "an extra copy of the rows": of at most max_rows + 1
        return first, cursor.to_arrow_table()


def arrow_bound(limits: SandboxLimits, rows: int, columns: int) -> int:
    """The most Arrow bytes a result within the byte cap can take: a value takes at most four
    times the bytes check_size counts for it, plus 17 (offsets, validity, 16-byte numbers)."""
    return 4 * limits.max_result_bytes + 17 * rows * columns


def arrow_stream(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def fixed_offsets(rows: list[tuple], types: list[str]) -> list[tuple]:
    """Zone-aware timestamps, in columns of any type that holds them (lists and structs
    too), with a fixed offset: DuckDB gives a ZoneInfo, whose pickle calls getattr, which the
    gateway does not unpickle. The same instants and text."""
    zoned = [i for i, kind in enumerate(types) if "WITH TIME ZONE" in kind]
    if not zoned or not rows:
        return rows
    return [tuple(_fixed(v) if i in zoned else v for i, v in enumerate(row)) for row in rows]


def _fixed(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and not isinstance(value.tzinfo, dt.timezone):
            return value.astimezone(dt.timezone(value.utcoffset()))
        return value
    if isinstance(value, list):
        return [_fixed(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_fixed(v) for v in value)
    if isinstance(value, dict):
        return {_fixed(k): _fixed(v) for k, v in value.items()}
    return value


class Worker:
    """Answers the parent's requests on one locked connection."""

    def __init__(self, db_path: Path, temp_dir: Path, limits: SandboxLimits):
        self.limits = limits
        self.con = open_locked(db_path, limits, temp_dir, arrow_lossless=True)
        self.watchdog = execution.Watchdog(self.con, limits.timeout_seconds)
        self.con.execute("SELECT 1").fetchall()  # DuckDB's own threads and buffers exist now
        self.address_space = address_space_limit(_mapped_bytes(), limits)
        resource.setrlimit(resource.RLIMIT_AS, (self.address_space, self.address_space))
        # (Linux; where /proc or RLIMIT_AS is missing the process does not start, and the
        # gateway says so, rather than run queries unbounded.)
        self.parser = LocalParser(self.con)
        self.must_exit = False

    def answer(self, request: tuple) -> tuple:
        kind = request[0]
        try:
            if kind == "prepare":
                _, sql, tables, exact = request
                timings: dict[str, float] = {}
                prepared = planning.prepare(self.parser, self._bind, sql, tables, self.limits, timings, exact)
                return ("prepared", planning.to_wire(prepared), timings)
            if kind == "statement":
                return ("statement",) + self.parser.statement(request[1])
            if kind == "rendered":
                return ("text", self.parser.rendered(request[1]))
            if kind == "statement_types":
                return ("types", self.parser.statement_types(request[1]))
            if kind == "run":
                _, sql, capped, people_floor = request
                return self._run(sql, capped, people_floor)
            if kind == "bind":
                return self._bind(request[1])
            if kind == "ping":
                return ("pong",)
            if kind == "settings":
                return ("settings", dict(self.con.execute(
                    "SELECT name, value FROM duckdb_settings()").fetchall()))
        except SyntaxTooDeep:
            return ("syntax_too_deep",)
        except execution.GroupTooSmall as exc:
            return ("group_too_small", exc.check)
        except execution.RecheckNeeded:
            return ("recheck",)
        except execution.PeopleCountLost:
            return ("people_count_lost",)
        except OutputCheckFailed as exc:
            return ("output_check_failed", [tuple(f) for f in exc.failures])
        except SandboxError as exc:
            return ("error", exc.code, exc.message)
        except MemoryError:  # Python's own values, past the address-space limit
            self.must_exit = True
            error = execution.values_too_large(self.limits)
            return ("error", error.code, error.message)
        except Exception as exc:  # noqa: BLE001 - a fault of ours: said, and a fresh process next
            self.must_exit = True
            return ("error", "INTERNAL", f"{type(exc).__name__}: {str(exc)[:300]}")
        return ("error", "INTERNAL", f"unknown request {kind!r}")

    def _run(self, sql: str, capped: bool, people_floor: bool) -> tuple:
        try:
            fetched = execution.run_query(self.con, sql, self.limits, self.watchdog, fetch_result,
                                          people_floor=people_floor)
        except SandboxError as exc:
            self._exit_if_unusable(exc.__context__)
            raise
        first, rest = fetched.rows
        if rest is None:
            if capped:
                execution.check_size(first, self.limits, fetched.types)
            return ("rows", fetched.columns, fetched.types, fixed_offsets(first, fetched.types), None)
        if capped:  # the gateway checks the size exactly once it has the values
            rows = len(first) + rest.num_rows
            if rows > self.limits.max_rows:
                raise execution.too_many_rows(self.limits)
            if rest.nbytes > arrow_bound(self.limits, rows, len(fetched.columns)):
                raise execution.too_many_bytes(self.limits)
        return ("rows", fetched.columns, fetched.types, fixed_offsets(first, fetched.types),
                arrow_stream(rest))

    def _bind(self, sql: str) -> tuple:
        try:
            with self.watchdog.guard():
                relation = self.con.sql(sql)
                return ("columns", relation.columns, [str(t) for t in relation.types])
        except duckdb.Error as exc:
            self._exit_if_unusable(exc)
            raise execution.translate(exc, self.limits, timed_out=self.watchdog.fired) from None

    def _exit_if_unusable(self, error: BaseException | None) -> None:
        """After an internal error DuckDB refuses every further query on this database; after
        an allocation past the address-space limit the process keeps nearly all of it mapped
        (DuckDB's and the C library's allocators hold on to it), so that the next query, however
        small, could fail to allocate. Either way the next query gets a fresh process."""
        if isinstance(error, (duckdb.FatalException, duckdb.InternalException)) \
                or execution.past_address_space(error):
            self.must_exit = True


def main(argv: list[str]) -> int:
    channel = Connection(int(argv[1]))
    try:
        _, db_path, temp_dir, limits = channel.recv()
        worker = Worker(Path(db_path), Path(temp_dir), limits)
    except EOFError:
        return 0
    except Exception as exc:  # noqa: BLE001 - told to the parent, which raises it there
        channel.send(("failed", f"{type(exc).__name__}: {exc}"))
        return 1
    try:
        channel.send(("ready", worker.address_space))
        while not worker.must_exit:
            request = channel.recv()
            answer = worker.answer(request)
            channel.send((answer, worker.must_exit))
    except (EOFError, OSError):  # the gateway closed the session, ended this process's query or went away
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
