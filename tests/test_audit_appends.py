"""Audit appends on a PostgreSQL store from several writers, and a gateway killed under load.

On PostgreSQL a process appends in one statement chained onto the head it last wrote, and
falls back to reading the head under its row lock when another process moved it
(gateway.audit). These tests run real writers against a real store: two audit logs with their
own connections (two processes, as far as the store can tell), two uvicorn workers, and a
worker killed with SIGKILL in the middle of answering.
"""
from __future__ import annotations

import asyncio
import collections
import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gateway.audit import AuditLog, record_for, verify_chain
from gateway.clock import Clock
from gateway.settings import Settings
from gateway.store.db import make_engine, migrate, session_factory
from gateway.store.models import AuditRecord
from gateway.web.app import Gateway
from tests.conftest import temp_database
from tests.served_world import (HASH_SECRET, JWT_SECRET, LOOKUP, ROOT, build_world, free_port,
                                served, source_records, wait_until_serving)


@pytest.fixture()
def store():
    with temp_database("postgresql") as url:
        engine = make_engine(url)
        migrate(engine)
        yield engine
        engine.dispose()


def _entry(writer: str, n: int):
    return record_for(None, "ALLOWED", action="TEST", detail=f"{writer}-{n}")


def _details(engine) -> list[str]:
    with session_factory(engine)() as session:
        return session.scalars(sa.select(AuditRecord.detail).order_by(AuditRecord.id)).all()


def _verified(engine):
    with session_factory(engine)() as session:
        return verify_chain(session)


def test_a_writer_whose_head_another_process_moved_rereads_it_under_its_lock(store):
    """a, b, a: a's second append finds the head where b left it, not where a did; it reads
    the head under the row lock and chains onto b's record; its next append is direct again."""
    url = store.url.render_as_string(hide_password=False)
    engines = [make_engine(url), make_engine(url)]
    a, b = (AuditLog(engine, Clock()) for engine in engines)
    try:
        a.append(_entry("a", 1))
        b.append(_entry("b", 1))
        assert (a.head_misses, b.head_misses) == (0, 0)  # neither knew a head: read it locked
        a.append(_entry("a", 2))
        assert a.head_misses == 1
        a.append_all([_entry("a", 3), _entry("a", 4)])
        assert a.head_misses == 1  # its own head, one statement
        b.append(_entry("b", 2))
        assert b.head_misses == 1
    finally:
        for engine in engines:
            engine.dispose()
    assert _details(store) == ["a-1", "b-1", "a-2", "a-3", "a-4", "b-2"]
    report = _verified(store)
    assert report.ok and report.checked == 6
    with store.connect() as conn:  # the head is the last record's hash
        assert conn.exec_driver_sql("SELECT hash FROM audit_head").scalar() == report.head_hash


def test_verify_finds_a_head_row_that_does_not_hold_the_last_records_hash(store):
    """A head moved by hand, or left behind by a writer of a version before 0016 (which
    appended without moving it), would let the next append fork the chain: verify says so.
    So does a head left standing after every record was removed."""
    log = AuditLog(store, Clock())
    log.append_all([_entry("a", n) for n in range(3)])
    report = _verified(store)
    assert report.ok and report.checked == 3
    with store.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_head SET hash = repeat('f', 64)")
    broken = _verified(store)
    assert not broken.ok and broken.first_broken == report.head_id and "audit_head" in broken.reason
    with store.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_head SET hash = %(h)s", {"h": report.head_hash})
    assert _verified(store).ok
    with store.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_records")
    emptied = _verified(store)
    assert not emptied.ok and emptied.first_broken == 0 and emptied.checked == 0


def test_writers_appending_at_once_keep_one_chain_with_every_record(store):
    """Four writers with their own connections append 60 records each at the same time: each
    often finds its head moved, and still every record is in one intact chain, in each
    writer's order."""
    url = store.url.render_as_string(hide_password=False)
    engines = [make_engine(url) for _ in range(4)]
    logs = [AuditLog(engine, Clock()) for engine in engines]
    start = threading.Barrier(len(logs))
    failures = []

    def write(number: int):
        try:
            start.wait()
            for n in range(60):
                logs[number].append(_entry(f"w{number}", n))
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(len(logs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for engine in engines:
        engine.dispose()
    assert failures == []
    assert sum(log.head_misses for log in logs) > 0  # the fallback was taken, for real
    details = _details(store)
    assert len(details) == 240
    for number in range(len(logs)):
        assert [d for d in details if d.startswith(f"w{number}-")] == [f"w{number}-{n}" for n in range(60)]
    assert _verified(store).ok


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with temp_database("postgresql") as store_url, temp_database("postgresql") as source_url:
        data_dir = tmp_path_factory.mktemp("appends")
        tokens = build_world(store_url, source_url, data_dir, people=500)
        yield store_url, source_url, data_dir, tokens


def _lookups(base: str, token: str, keys: list[str], concurrency: int,
             stop: threading.Event | None = None) -> list[str]:
    """Look keys up, ``concurrency`` at a time, until done or ``stop``; the keys whose answer
    carried the person's record."""
    answered: list[str] = []

    async def run():
        pending = iter(keys)
        async with httpx.AsyncClient(base_url=base, timeout=60,
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            async def worker():
                for key in pending:
                    if stop is not None and stop.is_set():
                        return
                    try:
                        response = await client.post("/graphql", json={"query": LOOKUP,
                                                                       "variables": {"k": key}})
                    except httpx.HTTPError:  # the server was killed
                        return
                    if response.status_code == 200 and \
                            (response.json().get("data") or {}).get("population", {}).get("lookup"):
                        answered.append(key)
            await asyncio.gather(*(worker() for _ in range(concurrency)))

    asyncio.run(run())
    return answered


def _digests_recorded(store_url: str, data_dir) -> collections.Counter:
    """How many ALLOWED lookup records name each subject digest; and the chain verified."""
    engine = make_engine(store_url)
    try:
        with session_factory(engine)() as session:
            assert verify_chain(session).ok
            return collections.Counter(session.scalars(sa.select(AuditRecord.subject_digest).where(
                AuditRecord.mode == "LOOKUP", AuditRecord.outcome == "ALLOWED")).all())
    finally:
        engine.dispose()


def _digest_of(store_url: str, data_dir):
    gateway = Gateway(Settings(data_dir=data_dir, database_url=store_url, dev_mode=True,
                               jwt_secret=JWT_SECRET, hash_secret=HASH_SECRET), run_migrations=False)
    try:
        from gateway.audit import subject_digest
        key = gateway.services.masking_keys.hash_key
        return lambda k: subject_digest(key, k)
    finally:
        gateway.close()


def test_two_workers_appending_under_load_keep_the_chain_that_audit_verify_checks(world, monkeypatch):
    store_url, source_url, data_dir, tokens = world
    keys = list(source_records(source_url, 300))
    before = _digests_recorded(store_url, data_dir)
    with served(store_url, data_dir, workers=2) as base:
        answered = _lookups(base, tokens["minzheng-app"], keys, concurrency=16)
    assert len(answered) == len(keys)
    digest = _digest_of(store_url, data_dir)
    recorded = _digests_recorded(store_url, data_dir) - before
    assert recorded == collections.Counter(digest(k) for k in answered)
    from gateway.cli import app

    monkeypatch.setenv("DATAGATE_DATABASE_URL", store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(data_dir))
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 0 and "intact" in result.output, result.output


def test_no_answer_of_a_worker_killed_under_load_lacks_its_committed_record(world):
    """SIGKILL in the middle of answering 16 at a time: every answer that arrived has its
    record in the store, the chain holds, and the next gateway appends onto it."""
    store_url, source_url, data_dir, tokens = world
    keys = list(source_records(source_url, 500, seed=3)) * 4
    before = _digests_recorded(store_url, data_dir)
    env = {**os.environ, "DATAGATE_DATA_DIR": str(data_dir), "DATAGATE_DATABASE_URL": store_url,
           "DATAGATE_DEV_MODE": "true", "DATAGATE_JWT_SECRET": JWT_SECRET,
           "DATAGATE_HASH_SECRET": HASH_SECRET}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "gateway.asgi:create_from_env",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "critical", "--workers", "1"],
        env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, server, 60)
        stop = threading.Event()
        result: list[list[str]] = []
        loader = threading.Thread(target=lambda: result.append(
            _lookups(base, tokens["minzheng-app"], keys, concurrency=16, stop=stop)))
        loader.start()
        time.sleep(2.0)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(10)
        stop.set()
        loader.join(60)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    answered = result[0]
    assert 0 < len(answered) < len(keys)  # killed in the middle
    digest = _digest_of(store_url, data_dir)
    recorded = _digests_recorded(store_url, data_dir) - before
    lacking = collections.Counter(digest(k) for k in answered) - recorded
    assert not lacking, f"{sum(lacking.values())} answers without their record"
    with served(store_url, data_dir) as base:
        assert len(_lookups(base, tokens["minzheng-app"], keys[:20], concurrency=4)) == 20
    assert sum((_digests_recorded(store_url, data_dir) - before).values()) >= len(answered) + 20


def test_a_failed_append_gives_its_connection_back_to_the_pool_out_of_autocommit(store):
    """The writer appends in autocommit on a connection it keeps; when an append fails (here
    a trigger refuses records) the connection goes back to the store's pool, and whoever
    takes it next gets transactions again, not autocommit."""
    log = AuditLog(store, Clock())
    log.append(_entry("a", 1))
    with store.begin() as conn:
        conn.exec_driver_sql("CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql "
                             "AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$")
        conn.exec_driver_sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_records "
                             "FOR EACH ROW EXECUTE FUNCTION refuse_audit()")
    try:
        with pytest.raises(Exception, match="refused"):
            log.append(_entry("a", 2))
        pooled = [store.raw_connection() for _ in range(store.pool.checkedin())]
        assert pooled and all(not p.dbapi_connection.autocommit for p in pooled)
        for p in pooled:
            p.close()
    finally:
        with store.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER refuse_audit ON audit_records")
            conn.exec_driver_sql("DROP FUNCTION refuse_audit()")
    log.append(_entry("a", 3))
    log.close()
    assert _details(store) == ["a-1", "a-3"] and _verified(store).ok
