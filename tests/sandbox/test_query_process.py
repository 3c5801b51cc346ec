"""Each session's queries run in a process of their own (sandbox/worker.py), under an
address-space limit: what happens to that process never reaches the gateway's."""
from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import replace
from datetime import timedelta

import duckdb
import pytest

from sandbox import (
    BadQuery, OutputCheckFailed, ResultTooLarge, SandboxForbidden, SandboxLimits, SandboxManager, SandboxMemory,
    SandboxTimeout,
)
from sandbox import query_process, worker
from tests.sandbox.conftest import (
    SOCIAL_INSURANCE_POLICY, TEST_LIMITS, TINY_DISTRICT, FakeClock, social_insurance,
)

T = "socialInsurance"
COUNT = f"SELECT count(*) FROM {T}"
ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"


@pytest.fixture()
def session(tmp_path):
    manager = SandboxManager(tmp_path, TEST_LIMITS, FakeClock())
    yield manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    manager.close_all()


def _pid(session) -> int:
    session.run(COUNT)  # the process is ready
    return session._queries._proc.pid


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_queries_run_in_another_process_with_a_bounded_address_space(session):
    pid = _pid(session)
    assert pid != os.getpid()
    with open(f"/proc/{pid}/limits") as limits:
        [line] = [row for row in limits if row.startswith("Max address space")]
    soft = int(line.split()[3])
    assert soft == session._queries.address_space
    # twice the memory limit and 1 GiB over what the process maps once it is open
    assert soft - (2 * TEST_LIMITS.memory_limit_mb + 1024) * 1024 * 1024 < 4096 * 1024 * 1024


def test_the_process_keeps_none_of_the_gateways_settings_or_secrets(tmp_path, monkeypatch):
    monkeypatch.setenv("DATAGATE_JWT_SECRET", "not-for-the-sandbox")
    monkeypatch.setenv("TZ", "UTC")
    manager = SandboxManager(tmp_path, TEST_LIMITS, FakeClock())
    try:
        session = manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
        with open(f"/proc/{_pid(session)}/environ", "rb") as environ:
            names = {item.split(b"=", 1)[0] for item in environ.read().split(b"\0") if item}
        assert b"TZ" in names and not any(name.startswith(b"DATAGATE") for name in names), names
    finally:
        manager.close_all()


def test_a_value_built_past_the_limits_stops_only_the_query(tmp_path):
    """Nested replace builds gigabytes in one function call, which DuckDB neither counts
    against its memory limit nor interrupts: the process's address-space limit stops it."""
    manager = SandboxManager(tmp_path, replace(TEST_LIMITS, timeout_seconds=30), FakeClock())
    session = manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    pid = _pid(session)
    nested = "replace(" * 9 + "(status || 'e')" + ", 'e', 'eeeeeeeeee')" * 9
    bomb = f"SELECT district, length({nested}) AS l, count(*) AS n FROM {T} GROUP BY ALL"
    with pytest.raises(SandboxMemory, match="built values larger than the memory"):
        session.run(bomb)
    # DuckDB failed the allocation and answered, but its process kept nearly all of its address
    # space mapped (it was within a few MiB of the limit): it has exited, and the next query,
    # a long result that needs new allocations, runs in a fresh process with room to spare
    assert _gone(pid)
    long_result = "SELECT range AS i, 'x' || range AS s, DATE '2020-01-01' + range::INT AS d FROM range(1000)"
    assert len(session._queries.run(long_result).rows) == 1000
    fresh = session._queries
    assert fresh._proc.pid != pid
    assert _mapped_mib(fresh._proc.pid) < fresh.address_space / 2**20 - 1024
    assert session.run(COUNT).rows == [(500,)]
    manager.close_all()


def _mapped_mib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmSize:"))


def test_a_process_that_does_not_answer_in_time_is_ended_and_replaced(session, monkeypatch):
    """DuckDB hears an interrupt only between chunks of work: a process that still has not
    answered GRACE_SECONDS past the time limit is ended (here: stopped by a signal)."""
    monkeypatch.setattr(query_process, "GRACE_SECONDS", 0.3)
    pid = _pid(session)
    os.kill(pid, signal.SIGSTOP)
    started = time.perf_counter()
    with pytest.raises(SandboxTimeout) as caught:
        session.run(COUNT + " -- new text")
    assert "did not stop" in caught.value.message
    assert time.perf_counter() - started < TEST_LIMITS.timeout_seconds + 2
    assert _gone(pid)
    assert session.run(COUNT).rows == [(500,)]
    assert session._queries._proc.pid != pid


def _signalled_mid_query(session, signum: int) -> Exception | None:
    """What a never-ending query raises when its process gets `signum` while it runs."""
    pid = _pid(session)
    outcome = {}

    def run_endless():
        try:
            session.run(ENDLESS)
        except Exception as exc:  # noqa: BLE001 - the test looks at what it was
            outcome["error"] = exc

    running = threading.Thread(target=run_endless)
    running.start()
    time.sleep(0.4)
    os.kill(pid, signum)
    running.join(10)
    assert session.run(COUNT).rows == [(500,)]  # and the session goes on in a new process
    assert session._queries._proc.pid != pid
    return outcome.get("error")


def test_a_process_killed_while_running_a_query_is_reported_and_replaced(session):
    """The kernel's OOM killer, or an operator, ends the process mid-query: that query is
    SANDBOX_MEMORY, and the session goes on in a new process."""
    error = _signalled_mid_query(session, signal.SIGKILL)
    assert isinstance(error, SandboxMemory) and "was ended while it ran" in error.message, error


def test_a_process_that_crashes_mid_query_is_an_internal_error_and_replaced(session):
    """A process that aborts (as DuckDB does on a failed internal assertion) is a fault of the
    gateway's, not the query's: INTERNAL, and the session goes on in a new process."""
    error = _signalled_mid_query(session, signal.SIGABRT)
    assert type(error) is RuntimeError and "stopped unexpectedly" in str(error), error


def test_a_process_gone_between_queries_is_replaced_unnoticed(session):
    pid = _pid(session)
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while session._queries._proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert session.run(COUNT + " -- after").rows == [(500,)]
    assert session._queries._proc.pid != pid


def test_closing_the_session_ends_its_process(tmp_path):
    manager = SandboxManager(tmp_path, TEST_LIMITS, FakeClock())
    session = manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    pid = _pid(session)
    manager.close(session.id, "researcher")
    assert _gone(pid)


# Every kind of value DuckDB returns, 300 rows of them: the first FIRST_ROWS come as Python
# values, the rest as Arrow turned back into Python values by DuckDB.
ALL_TYPES = """SELECT range AS i, range::HUGEINT * 1000000000000000000000 AS huge, range::UHUGEINT AS uhuge,
    DATE '2020-01-01' + range::INT AS d, TIMESTAMPTZ '2020-01-01 08:00:00+08' + INTERVAL (range) HOUR AS tz,
    TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (range) SECOND AS ts, TIME '10:00:00' AS t,
    '10:00:00+08'::TIMETZ AS ttz, INTERVAL (range) DAY AS iv, (range / 7)::DECIMAL(10, 3) AS dec,
    ('00000000-0000-0000-0000-' || lpad(range::VARCHAR, 12, '0'))::UUID AS u, ('中文' || range) AS s,
    CASE WHEN range % 3 = 0 THEN NULL ELSE range END AS maybe, range % 2 = 0 AS b, ('x' || range)::BLOB AS blob,
    [range, range + 1] AS l, {'a': range, 'b': 'x'} AS st, MAP {'k': range} AS m, '101'::BIT AS bits,
    'infinity'::DATE AS inf_d, 'nan'::DOUBLE AS nan_d, range::FLOAT / 3 AS f, 'x'::ENUM('x', 'y') AS e,
    union_value(n := range) AS un, '5877642-06-25 (BC)'::DATE AS bc,
    [TIMESTAMPTZ '2020-01-01 08:00:00+08' + INTERVAL (range) HOUR] AS tz_list,
    {'t': TIMESTAMPTZ '2020-01-01 00:00:00+00', 'n': range} AS tz_struct
    FROM range(300)"""


def test_long_results_cross_with_the_values_duckdb_gives(session):
    assert worker.FIRST_ROWS < 300
    fetched = session._queries.run(ALL_TYPES, capped=False)
    cursor = duckdb.connect().execute(ALL_TYPES)  # DuckDB in this process, for comparison
    expected_rows = cursor.fetchall()
    assert fetched.types == [str(d[1]) for d in cursor.description]
    assert fetched.columns == [d[0] for d in cursor.description]
    assert len(fetched.rows) == 300
    for got, want in zip(fetched.rows, expected_rows):
        assert [repr(v) if v != v else v for v in got] == [repr(v) if v != v else v for v in want]
        assert [type(v) for v in got] == [type(v) for v in want]


def test_long_results_are_held_to_the_byte_cap(tmp_path):
    limits = SandboxLimits(timeout_seconds=5, memory_limit_mb=96, max_temp_mb=32, max_rows=1000,
                           max_result_bytes=1024 * 1024)
    manager = SandboxManager(tmp_path, limits, FakeClock())
    session = manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    try:
        # just over: counted exactly by the gateway once it has the values
        with pytest.raises(ResultTooLarge, match="larger than 1024 KiB"):
            session._queries.run("SELECT range, repeat('x', 3500) FROM range(300)")
        # far over: refused by the process before anything is sent
        with pytest.raises(ResultTooLarge, match="larger than 1024 KiB"):
            session._queries.run("SELECT range, repeat('x', 50000) FROM range(300)")
        assert len(session._queries.run("SELECT range, repeat('x', 3000) FROM range(300)").rows) == 300
    finally:
        manager.close_all()


def test_a_nested_column_of_zoned_times_is_refused_as_nested(session):
    """Zone-aware times inside lists and structs cross like top-level ones (the output checks
    then refuse the nested column), instead of failing the transport."""
    with pytest.raises(OutputCheckFailed) as caught:
        session.run(f"SELECT district, [TIMESTAMPTZ '2020-01-01 00:00:00+08'] AS times, count(*) AS n "
                    f"FROM {T} WHERE district <> '{TINY_DISTRICT}' GROUP BY district")
    assert caught.value.extensions["failedChecks"] == ["nested"]  # found in the fetched result


def test_an_idle_process_is_ended_by_the_sweep_and_the_next_query_starts_one(tmp_path):
    """A session nobody queries keeps its folder but not its process (DATAGATE_SANDBOX_PROCESS_IDLE_MINUTES)."""
    manager = SandboxManager(tmp_path, replace(TEST_LIMITS, process_idle=timedelta(milliseconds=300)), FakeClock())
    try:
        session = manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
        pid = _pid(session)
        manager.sweep()
        assert not _gone(pid)  # it answered a moment ago
        time.sleep(0.5)
        manager.sweep()
        assert _gone(pid) and session._queries._proc is None
        assert session.run(COUNT + " -- later").rows == [(500,)]
        assert session._queries._proc.pid != pid
    finally:
        manager.close_all()


def test_queries_and_the_idle_sweep_do_not_trip_over_each_other(tmp_path):
    """The sweep ends a process only while no query is waiting for it: with a process idle
    limit of a millisecond and the sweep running all the time, every query still answers."""
    manager = SandboxManager(tmp_path, replace(TEST_LIMITS, process_idle=timedelta(milliseconds=1)), FakeClock())
    session = manager.open("researcher", {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    done, ended = threading.Event(), []

    def sweep():
        while not done.is_set():
            manager.sweep()
            ended.append(session.end_idle_process())

    sweeper = threading.Thread(target=sweep)
    sweeper.start()
    try:
        for i in range(12):
            assert session.run(f"{COUNT} -- {i}").rows == [(500,)]
            time.sleep(0.01)  # idle a while: long enough for the sweep to end the process
    finally:
        done.set()
        sweeper.join()
        manager.close_all()
    assert any(ended)  # the sweep did end idle processes meanwhile


def test_a_process_that_cannot_open_the_database_says_so(tmp_path):
    """A query process that cannot start (here: no database file) is a fault to report, never
    a query run some other way; nothing of it is left running."""
    process = query_process.QueryProcess(tmp_path / "missing.duckdb", tmp_path / "tmp", TEST_LIMITS)
    with pytest.raises(RuntimeError, match="did not start"):
        process.run("SELECT 1")
    assert process._proc is None
    process.stop()


def test_duckdb_sees_a_researchers_text_only_in_the_query_process(session, monkeypatch):
    """New and repeated texts, EXPLAIN, DESCRIBE, a refused result and its release request, a
    typo: DuckDB tokenizes, parses, renders, binds and runs each in the session's process."""

    def tokenize(*args, **kwargs):
        raise AssertionError("DuckDB's tokenizer was given a researcher's text in the gateway")

    monkeypatch.setattr(duckdb, "tokenize", tokenize)
    asked = []
    call = session._queries._call
    monkeypatch.setattr(session._queries, "_call", lambda request: asked.append(request[0]) or call(request))
    by_district = f"SELECT district, count(*) AS n FROM {T} WHERE district <> '{TINY_DISTRICT}' GROUP BY 1"
    assert len(session.run(by_district).rows) == 5
    assert asked == ["prepare", "run"]  # parse, checks, rewrite and render in one request
    assert len(session.run(by_district).rows) == 5  # the checked plan is kept: only the run
    assert asked[2:] == ["run"]
    assert session.run(f"EXPLAIN {by_district}").rows
    assert session.run(f"DESCRIBE {T}").rows
    with pytest.raises(BadQuery, match="nope"):
        session.run(f"SELECT nope, count(*) AS n FROM {T} GROUP BY 1")
    small = f"SELECT district, count(*) AS n FROM {T} GROUP BY 1"
    with pytest.raises(OutputCheckFailed):
        session.run(small)
    assert session.request_release(small, "for the appendix").rows
    with pytest.raises(SandboxForbidden):
        session.run("COPY socialInsurance TO 'x.csv'")
    with pytest.raises(SandboxForbidden, match="EXPLAIN ANALYZE is not allowed"):
        session.run(f"/* plan */ explain analyze {by_district}")
    with pytest.raises(BadQuery, match="EXPLAIN needs a SELECT"):
        session.run("EXPLAIN -- nothing")
    assert {"prepare", "statement", "rendered", "run"} <= set(asked)
