"""Sessions served by a manager that did not open them (another worker, or a restart): the
manifest, closing and expiry seen from both sides, and ids that are no session.

Mostly the second manager takes a session over after the first let go of it, as after a
restart; since DuckDB opens a session's database only in its query process, two live managers
in one process can serve it at once too (below), and the test of two live gateway processes
at once is tests/test_sandbox_processes.py.
"""
from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import pytest

from sandbox import OutputCheckFailed, SandboxManager, SessionExpired, SessionNotFound
from sandbox import manifest
from tests.sandbox.conftest import (
    SOCIAL_INSURANCE_POLICY, TEST_LIMITS, TINY_DISTRICT, FakeClock, query_processes, social_insurance,
)

T = "socialInsurance"
BY_DISTRICT = f"SELECT district, count(*) AS n FROM {T} GROUP BY district HAVING count(*) >= 5 ORDER BY district"


@pytest.fixture()
def clock():
    return FakeClock()


@pytest.fixture()
def root(tmp_path):
    return tmp_path / "sessions"


def opened(root, clock, owner="researcher", **kwargs):
    first = SandboxManager(root, TEST_LIMITS, clock)
    session = first.open(owner, {T: social_insurance(500).to_reader()}, {T: SOCIAL_INSURANCE_POLICY}, **kwargs)
    return first, session


def test_a_restarted_manager_serves_the_session_with_the_same_checks(root, clock):
    first, session = opened(root, clock)
    answer = session.run(BY_DISTRICT).rows
    expires_at = session.expires_at
    first.close_all()  # shutdown: the connection goes, the files stay
    assert (session.folder / "data.duckdb").exists()

    second = SandboxManager(root, TEST_LIMITS, clock)
    try:
        again = second.get(session.id, "researcher")
        assert again is not session and again.expires_at == expires_at
        assert again.run(BY_DISTRICT).rows == answer
        assert again.tables["socialinsurance"].policy == SOCIAL_INSURANCE_POLICY
        # the policy came along: identifiers and small groups are still refused
        with pytest.raises(OutputCheckFailed):
            again.run(f"SELECT idNumber FROM {T}")
        with pytest.raises(OutputCheckFailed):
            again.run(f"SELECT district, count(*) FROM {T} WHERE district = '{TINY_DISTRICT}' GROUP BY 1")
        assert second.get(session.id, "researcher") is again  # adopted once
        with pytest.raises(SessionNotFound):
            second.get(session.id, "someone-else")
    finally:
        second.close_all()


def test_the_manifest_names_the_owner_expiry_and_policy_and_is_private(root, clock):
    first, session = opened(root, clock)
    try:
        body = json.loads((session.folder / manifest.FILE).read_text())
        assert body["owner"] == "researcher"
        assert body["expiresAt"] == session.expires_at.isoformat()
        (table,) = body["tables"]
        assert table["identifierColumns"] == ["idNumber", "name"] and table["peopleColumn"] == "idNumber"
        assert table["rowCount"] == 500 and table["rowsArePeople"] is True
        assert (session.folder / manifest.FILE).stat().st_mode & 0o777 == 0o600
    finally:
        first.close_all()


def test_a_session_closed_by_one_manager_is_gone_for_the_other(root, clock):
    first, session = opened(root, clock)
    first.close_all()
    second = SandboxManager(root, TEST_LIMITS, clock)
    adopted = second.get(session.id, "researcher")
    second.close(session.id, "researcher")
    assert not session.folder.exists()
    with pytest.raises(SessionNotFound):
        second.get(session.id, "researcher")
    third = SandboxManager(root, TEST_LIMITS, clock)
    with pytest.raises(SessionNotFound):
        third.get(session.id, "researcher")
    with pytest.raises(SessionNotFound):
        adopted.run(BY_DISTRICT)


def test_a_manager_lets_go_of_a_session_whose_files_another_removed(root, clock):
    """What a worker sees when another worker closed the session: the manifest is gone."""
    first, session = opened(root, clock)
    try:
        (session.folder / manifest.FILE).unlink()
        with pytest.raises(SessionNotFound, match="closed"):
            first.get(session.id, "researcher")
        with pytest.raises(SessionNotFound):
            session.run(BY_DISTRICT)
    finally:
        first.close_all()


def test_an_expired_session_is_expired_for_a_manager_that_finds_it_and_its_files_go(root, clock):
    first, session = opened(root, clock, ttl=timedelta(minutes=10))
    first.close_all()
    assert session.folder.exists()  # not expired yet at shutdown
    clock.advance(minutes=11)
    second = SandboxManager(root, TEST_LIMITS, clock)
    with pytest.raises(SessionExpired):
        second.get(session.id, "researcher")
    assert not session.folder.exists()
    with pytest.raises(SessionExpired):  # and stays so
        second.get(session.id, "researcher")


def test_sweep_judges_other_managers_sessions_by_their_manifest(root, clock):
    first, short = opened(root, clock, ttl=timedelta(minutes=10))
    long = first.open("researcher", {T: social_insurance(50).to_reader()}, {T: SOCIAL_INSURANCE_POLICY},
                      ttl=timedelta(hours=5))
    first.close_all()
    other = SandboxManager(root, TEST_LIMITS, clock)
    clock.advance(hours=3)  # past the default ttl, but `long` lives 5 hours
    assert other.sweep() == [short.id]
    assert long.folder.exists() and not short.folder.exists()
    clock.advance(hours=3)
    assert other.sweep() == [long.id]


def test_shutdown_removes_only_expired_sessions(root, clock):
    first, session = opened(root, clock, ttl=timedelta(minutes=10))
    live = first.open("researcher", {T: social_insurance(50).to_reader()}, {T: SOCIAL_INSURANCE_POLICY})
    clock.advance(minutes=11)
    first.close_all()
    assert not session.folder.exists() and live.folder.exists()


@pytest.mark.parametrize("session_id", ["..", "../sessions", "a/b", "x" * 65, "short", "",
                                        "abc def ghi jkl mno", "%2e%2e%2fetc%2fpasswd"])
def test_ids_that_are_no_session_id_never_reach_the_file_system(root, clock, session_id):
    first, session = opened(root, clock)
    first.close_all()
    second = SandboxManager(root, TEST_LIMITS, clock)
    with pytest.raises(SessionNotFound):
        second.get(session_id, "researcher")
    assert manifest.is_session_id(session.id)
    assert not manifest.is_session_id(session_id)


@pytest.mark.parametrize("damage", ["{not json", "[]", '{"version": 99}', '{"version": 1}'])
def test_a_damaged_manifest_serves_nothing_and_is_swept_by_age(root, clock, damage):
    first, session = opened(root, clock)
    first.close_all()
    (session.folder / manifest.FILE).write_text(damage)
    other = SandboxManager(root, TEST_LIMITS, clock)
    with pytest.raises(SessionNotFound):
        other.get(session.id, "researcher")
    assert other.sweep() == [] and session.folder.exists()  # young: kept
    old = session.folder / ".datagate-sandbox"
    three_hours_ago = time.time() - 3 * 3600
    os.utime(old, (three_hours_ago, three_hours_ago))
    assert other.sweep() == [session.id] and not session.folder.exists()


def test_two_live_managers_in_one_process_serve_the_same_session(root, clock):
    first, session = opened(root, clock)
    second = SandboxManager(root, TEST_LIMITS, clock)
    try:
        again = second.get(session.id, "researcher")
        assert again.run(BY_DISTRICT).rows == session.run(BY_DISTRICT).rows
        assert again._queries._proc.pid != session._queries._proc.pid
        assert {session._queries._proc.pid, again._queries._proc.pid} <= query_processes()
    finally:
        second.close_all()
        first.close_all()


def test_a_session_whose_database_cannot_be_opened_is_not_found_and_leaves_nothing_running(root, clock):
    first, session = opened(root, clock)
    first.close_all()
    (session.folder / "data.duckdb").write_bytes(b"not a DuckDB database" * 1000)
    second = SandboxManager(root, TEST_LIMITS, clock)
    before = query_processes()
    try:
        with pytest.raises(SessionNotFound, match="database cannot be opened"):
            second.get(session.id, "researcher")
        with pytest.raises(SessionNotFound, match="belongs to you"):  # told to its owner only
            second.get(session.id, "someone-else")
        assert second._sessions == {}
        assert query_processes() <= before
    finally:
        second.close_all()
