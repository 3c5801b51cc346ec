"""Session lifecycle: private folders, lockdown, owners, expiry, one query at a time."""
from __future__ import annotations

import os
import threading
import time
from datetime import timedelta

import duckdb
import pyarrow as pa
import pytest

from sandbox import (
    BadQuery, SandboxLimits, SandboxManager, SandboxTimeout, SessionExpired, SessionNotFound,
    TablePolicy,
)
from sandbox.lockdown import lockdown_failures
from tests.sandbox.conftest import (
    SOCIAL_INSURANCE_POLICY, TEST_LIMITS, FakeClock, query_processes, social_insurance,
)

T = "socialInsurance"


@pytest.fixture()
def clock():
    return FakeClock()


@pytest.fixture()
def fresh_manager(tmp_path, clock):
    m = SandboxManager(tmp_path / "sessions", TEST_LIMITS, clock)
    yield m
    m.close_all()


def open_session(manager, owner="researcher", **kwargs):
    return manager.open(owner, {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY}, **kwargs)


def _handles_on(path) -> list[str]:
    """This process's open file descriptors on `path` (DuckDB keeps one on a database it has open)."""
    fds = "/proc/self/fd"
    found = []
    for fd in os.listdir(fds):
        try:
            if os.readlink(os.path.join(fds, fd)) == str(path):
                found.append(fd)
        except OSError:
            pass
    return found


def test_session_is_a_private_locked_database(fresh_manager):
    session = open_session(fresh_manager)
    assert session.folder.parent == fresh_manager.root_dir
    assert session.folder.name == session.id and len(session.id) >= 32
    assert (session.folder / "data.duckdb").exists()
    assert not _handles_on(session.folder / "data.duckdb")  # opened only where the queries run
    settings = session.query_settings()  # the connection the queries run on, in its process
    assert not lockdown_failures(settings)
    assert settings["threads"] == "1"
    assert settings["temp_directory"].startswith(str(session.folder))
    assert settings["access_mode"] == "read_only"
    for name in ("enable_external_access", "autoinstall_known_extensions", "autoload_known_extensions",
                 "allow_community_extensions", "python_enable_replacements"):
        assert settings[name] == "false", name
    assert settings["lock_configuration"] == "true"
    assert session._queries.address_space < (2 * TEST_LIMITS.memory_limit_mb + 1024 + 4096) * 1024 * 1024
    description = session.describe()
    assert description["id"] == session.id
    assert description["tables"][0]["name"] == T
    assert [c["name"] for c in description["tables"][0]["columns"]][:3] == ["idNumber", "name", "district"]
    assert description["expiresAt"] == (fresh_manager._clock() + timedelta(hours=2)).isoformat()


def test_session_ids_are_unguessable_and_distinct(fresh_manager):
    ids = {open_session(fresh_manager).id for _ in range(3)}
    assert len(ids) == 3


def test_data_is_loaded_from_arrow_streams(fresh_manager):
    batches = social_insurance(500).to_batches(max_chunksize=100)
    reader = pa.RecordBatchReader.from_batches(batches[0].schema, iter(batches))
    session = fresh_manager.open("researcher", {T: reader}, {T: SOCIAL_INSURANCE_POLICY})
    assert session.run(f"SELECT count(*) FROM {T}").rows == [(500,)]
    assert session.tables[T.lower()].rows_are_people


def test_another_owner_cannot_use_the_session(fresh_manager):
    session = open_session(fresh_manager)
    with pytest.raises(SessionNotFound) as caught:
        fresh_manager.get(session.id, "someone-else")
    assert caught.value.code == "NOT_FOUND"
    with pytest.raises(SessionNotFound):
        fresh_manager.run(session.id, "someone-else", f"SELECT count(*) FROM {T}")
    with pytest.raises(SessionNotFound):
        fresh_manager.close(session.id, "someone-else")
    with pytest.raises(SessionNotFound):
        fresh_manager.get("no-such-session", "researcher")
    assert fresh_manager.run(session.id, "researcher", f"SELECT count(*) FROM {T}").rows == [(500,)]


def test_expired_session_is_refused_and_its_files_removed(fresh_manager, clock):
    session = open_session(fresh_manager, ttl=timedelta(minutes=30))
    folder = session.folder
    clock.advance(minutes=29)
    assert fresh_manager.run(session.id, "researcher", f"SELECT count(*) FROM {T}").rows == [(500,)]
    clock.advance(minutes=2)
    with pytest.raises(SessionExpired) as caught:
        fresh_manager.get(session.id, "researcher")
    assert caught.value.code == "SESSION_EXPIRED" and "new session" in caught.value.message
    assert not folder.exists()
    with pytest.raises(SessionExpired):
        fresh_manager.run(session.id, "researcher", "SELECT 1")
    with pytest.raises(SessionNotFound):
        fresh_manager.get(session.id, "someone-else")


def test_running_on_an_expired_session_object_is_refused(fresh_manager, clock):
    session = open_session(fresh_manager)
    clock.advance(hours=3)
    with pytest.raises(SessionExpired):
        session.run("SELECT 1")
    assert not session.folder.exists()


def test_sweep_removes_expired_sessions_and_leftover_folders(fresh_manager, clock):
    old = open_session(fresh_manager, ttl=timedelta(minutes=10))
    young = open_session(fresh_manager)
    leftover = fresh_manager.root_dir / "leftover"
    leftover.mkdir()
    (leftover / ".datagate-sandbox").write_text("crashed")
    three_hours_ago = time.time() - 3 * 3600
    os.utime(leftover / ".datagate-sandbox", (three_hours_ago, three_hours_ago))
    foreign = fresh_manager.root_dir / "not-ours"
    foreign.mkdir()
    clock.advance(minutes=11)
    assert fresh_manager.sweep() == [old.id, "leftover"]
    assert not old.folder.exists() and young.folder.exists() and not leftover.exists()
    clock.advance(hours=3)
    assert fresh_manager.sweep() == [young.id]
    assert foreign.exists()


def test_closing_removes_files(fresh_manager):
    session = open_session(fresh_manager)
    fresh_manager.close(session.id, "researcher")
    assert not session.folder.exists()
    with pytest.raises(SessionNotFound):
        fresh_manager.get(session.id, "researcher")


def test_failed_load_leaves_no_folder_and_no_process(fresh_manager):
    before = query_processes()
    with pytest.raises(BadQuery):
        fresh_manager.open("researcher", {"bad name; DROP": social_insurance(10)})
    with pytest.raises(BadQuery):
        fresh_manager.open("researcher", {T: social_insurance(10)},
                           {T: TablePolicy(identifier_columns={"noSuchColumn"})})
    assert list(fresh_manager.root_dir.iterdir()) == []
    assert query_processes() <= before  # the one started while the data loaded is gone too


def test_one_query_at_a_time(tmp_path):
    limits = SandboxLimits(timeout_seconds=1.0, memory_limit_mb=96, max_temp_mb=32, max_rows=1000)
    manager = SandboxManager(tmp_path, limits, FakeClock())
    session = open_session(manager)
    slow = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
    outcome = {}

    def run_slow():
        try:
            session.run(slow)
        except SandboxTimeout as exc:
            outcome["slow"] = exc.code

    worker = threading.Thread(target=run_slow)
    worker.start()
    time.sleep(0.2)
    started = time.perf_counter()
    assert session.run(f"SELECT count(*) FROM {T}").rows == [(500,)]  # waited for the slow one
    assert time.perf_counter() - started > 0.5
    worker.join()
    assert outcome == {"slow": "SANDBOX_TIMEOUT"}
    manager.close_all()


def test_a_query_waits_for_the_running_one_at_most_its_time_limit_and_grace(tmp_path, monkeypatch):
    import sandbox.sessions as sessions_module

    monkeypatch.setattr(sessions_module, "GRACE_SECONDS", 0.3)
    limits = SandboxLimits(timeout_seconds=0.2, memory_limit_mb=96, max_temp_mb=32, max_rows=1000)
    manager = SandboxManager(tmp_path, limits, FakeClock())
    session = open_session(manager)
    session._query_lock.acquire()  # a query that neither ends nor is ended (held by the test)
    try:
        started = time.perf_counter()
        with pytest.raises(SandboxTimeout, match="Another query is still running"):
            session.run(f"SELECT count(*) FROM {T}")
        assert 0.45 <= time.perf_counter() - started < 3
    finally:
        session._query_lock.release()
    assert session.run(f"SELECT count(*) FROM {T}").rows == [(500,)]
    manager.close_all()


def test_errors_leave_the_session_usable(fresh_manager):
    session = open_session(fresh_manager)
    for sql in ("SELEC 1", "SELECT nope FROM socialInsurance", "SELECT 'x'::INT", ""):
        with pytest.raises(BadQuery):
            session.run(sql)
    assert session.run(f"SELECT count(*) FROM {T}").rows == [(500,)]


def test_result_to_dict_is_json_safe(fresh_manager):
    import json

    session = open_session(fresh_manager)
    result = session.run(f"SELECT min(since) AS first, CAST(sum(monthlyBase) AS DECIMAL(18,2)) AS total FROM {T}")
    json.dumps(result.to_dict())
    assert result.to_dict()["columns"] == ["first", "total"]


def test_limits_are_validated():
    with pytest.raises(ValueError):
        SandboxLimits(timeout_seconds=0)
    with pytest.raises(ValueError):
        SandboxLimits(session_ttl=timedelta(0))


def test_the_time_limit_holds_after_many_quick_queries_and_twice_in_a_row(tmp_path):
    """The watchdog is not woken per query: a slow query after quick ones, and another right
    after the first was stopped, are still interrupted on time."""
    limits = SandboxLimits(timeout_seconds=0.5, memory_limit_mb=96, max_temp_mb=32, max_rows=1000)
    manager = SandboxManager(tmp_path, limits, FakeClock())
    session = open_session(manager)
    slow = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
    try:
        for i in range(30):
            session.run(f"SELECT count(*) AS n{i} FROM {T}")
        for _ in range(2):
            started = time.perf_counter()
            with pytest.raises(SandboxTimeout):
                session.run(slow)
            assert time.perf_counter() - started < 5
        time.sleep(0.6)  # past the last deadline: the watchdog waits without one
        started = time.perf_counter()
        with pytest.raises(SandboxTimeout):
            session.run(slow + " -- again")
        assert time.perf_counter() - started < 5
        assert session.run(f"SELECT count(*) FROM {T}").rows == [(500,)]
    finally:
        manager.close_all()


def test_result_bytes_counts_text_by_length_and_everything_else_as_8():
    import datetime as dt
    import random
    from decimal import Decimal

    from sandbox.execution import result_bytes

    class Text(str):
        pass

    def by_value(rows):
        return sum(len(v) if isinstance(v, (str, bytes)) else 8 for row in rows for v in row)

    values = [None, "", "abc", "中文", b"", b"xy", 0, 1, 2.5, Decimal("1.5"), dt.date(2020, 1, 1), [1, 2],
              {"a": 1}, Text("zz"), True, "5877642-06-25 (BC)"]
    rng = random.Random(5)
    for _ in range(3000):
        pools = [rng.sample(values, rng.randint(1, 3)) for _ in range(rng.randint(1, 4))]
        rows = [tuple(rng.choice(p) for p in pools) for _ in range(rng.randint(0, 6))]
        assert result_bytes(rows) == by_value(rows), rows
    rows = [(1, 2.5, Decimal("3"), True, None)] * 3
    assert result_bytes(rows, ["BIGINT", "DOUBLE", "DECIMAL(18,2)", "BOOLEAN", "HUGEINT"]) == by_value(rows)
    # a date out of Python's range comes back as text: DATE is never counted without looking
    rows = [("5877642-06-25 (BC)",), (dt.date(2020, 1, 1),)]
    assert result_bytes(rows, ["DATE"]) == by_value(rows)
    # VARCHAR and BLOB columns are summed without looking at each value's type
    rows = [("中文", b"xy"), ("", b""), (None, None), ("abc", b"\x00")]
    assert result_bytes(rows, ["VARCHAR", "BLOB"]) == by_value(rows) == 5 + 3 + 16


def test_the_byte_cap_counts_dates_exactly_only_near_the_cap(session):
    """Dates are counted at their most (64 bytes) unless that bound passes the cap; then
    exactly, so a result within the cap is never refused for the bound."""
    import datetime as dt
    from dataclasses import replace

    from sandbox import ResultTooLarge
    from sandbox.execution import check_size, result_bytes

    rows = [(dt.date(2020, 1, 1), "ab")] * 10 + [("5877642-06-25 (BC)", "ab")]
    types = ["DATE", "VARCHAR"]
    exact = result_bytes(rows, types)
    assert exact == 10 * 8 + 18 + 11 * 2
    assert result_bytes(rows, types, temporal_at_most=True) == 11 * 64 + 11 * 2
    check_size(rows, replace(session.limits, max_result_bytes=exact), types)  # bound over, exact within
    with pytest.raises(ResultTooLarge):
        check_size(rows, replace(session.limits, max_result_bytes=exact - 1), types)
    # a timestamp out of Python's range, as DuckDB returns it, fits the bound
    cursor = duckdb.connect().execute("SELECT '290309-12-22 (BC) 00:00:00'::TIMESTAMPTZ, "
                                      "make_timestamp(9223372036854775806), '24:00:00+15:59'::TIMETZ")
    types = [str(d[1]) for d in cursor.description]
    values = cursor.fetchall()[0]
    assert all(t in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "TIME WITH TIME ZONE") for t in types)
    assert all(isinstance(v, str) and len(v) <= 64 for v in values), values


def test_result_bytes_of_a_real_result_follow_its_values(session):
    """Each DuckDB type name check_size trusts gives the values it assumes."""
    from sandbox.execution import result_bytes

    sql = ("SELECT * FROM (VALUES ('中文', 'ab'::BLOB, 1::HUGEINT, 2.5::DECIMAL(4, 1), DATE '2020-01-01', true), "
           "(NULL, NULL, NULL, NULL, 'infinity'::DATE, NULL), ('', ''::BLOB, 3, 1.0, NULL, false)) t")
    cursor = duckdb.connect().execute(sql)
    types = [str(d[1]) for d in cursor.description]
    rows = cursor.fetchall()
    assert types == ["VARCHAR", "BLOB", "HUGEINT", "DECIMAL(4,1)", "DATE", "BOOLEAN"]
    assert result_bytes(rows, types) == result_bytes(rows) == sum(
        len(v) if isinstance(v, (str, bytes)) else 8 for row in rows for v in row)


def test_group_size_errors_are_read_only_from_the_checked_wrapper(session):
    """DuckDB's error from the group-size wrapper becomes GroupTooSmall, and a wrapper that
    lost the people column PeopleCountLost, only for a plan that has the wrapper: the same
    error from a researcher's own error() elsewhere stays a plain failed query, its text unshown."""
    from sandbox import BadQuery, execution
    from sandbox.row_checks import SMALL_GROUP_ERROR

    def run(sql, floor):
        return session._queries.run(sql, people_floor=floor)  # as the session's query process runs it

    raised = f"SELECT error('{SMALL_GROUP_ERROR}') AS x"
    with pytest.raises(execution.GroupTooSmall):
        run(raised, True)
    with pytest.raises(BadQuery) as caught:
        run(raised, False)
    assert SMALL_GROUP_ERROR not in caught.value.message
    lost = "SELECT * EXCLUDE (__dg_people) FROM (SELECT 1 AS a) AS __dg_result"
    with pytest.raises(execution.PeopleCountLost):
        run(lost, True)
    with pytest.raises(BadQuery):
        run(lost, False)
    with pytest.raises(BadQuery) as caught:  # other binder errors are the researcher's to fix
        run("SELECT * EXCLUDE (__dg_people) FROM (SELECT 1 AS a, 2 AS __dg_people) AS t WHERE nosuch > 0", True)
    assert "nosuch" in caught.value.message
