"""Pooled server connections are pinged at checkout only after sitting idle (instead of
pool_pre_ping's ping on every checkout); one that fails its ping is replaced unseen."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from gateway.store import db
from gateway.store.db import make_engine
from tests.conftest import temp_database


@pytest.fixture(scope="module")
def engine():
    with temp_database("postgresql") as url:
        engine = make_engine(url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=0)
        yield engine
        engine.dispose()


def _pings(engine, monkeypatch) -> list:
    pings = []
    real = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda conn: pings.append(1) or real(conn))
    return pings


def test_a_connection_in_steady_use_is_not_pinged(engine, monkeypatch):
    pings = _pings(engine, monkeypatch)
    for _ in range(5):
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    assert pings == []


def test_an_idle_connection_the_server_dropped_is_replaced_at_checkout(engine, monkeypatch):
    with engine.connect() as conn:
        first_pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    with _other_connection(engine) as admin:
        admin.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": first_pid})
    pings = _pings(engine, monkeypatch)
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)  # as if it had sat idle
    with engine.connect() as conn:  # no error: the dead connection failed its ping
        assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar() != first_pid
    assert len(pings) >= 1


def _other_connection(engine):
    """A connection of its own to the same database, outside the pool under test."""
    return sa.create_engine(engine.url, poolclass=sa.pool.NullPool,
                            isolation_level="AUTOCOMMIT").connect()
