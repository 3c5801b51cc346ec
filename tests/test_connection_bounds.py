"""A gateway process holds no more PostgreSQL connections than its pools allow, under load.

The store's pool (DATAGATE_STORE_POOL_SIZE + DATAGATE_STORE_MAX_OVERFLOW), the access
generation's own GENERATION_CONNECTIONS, and each source's pool (DATAGATE_SOURCE_POOL_SIZE +
DATAGATE_SOURCE_MAX_OVERFLOW): docs/operations.md#connections. Connections are counted by
database in pg_stat_activity while 32 clients look people up through a uvicorn worker.
"""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from gateway.access.generation import GENERATION_CONNECTIONS
from gateway.settings import Settings, SettingsError
from tests.conftest import PG_ADMIN, temp_database
from tests.served_world import build_world, check_lookups, served, source_records

CLIENTS = 32


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with temp_database("postgresql") as store_url, temp_database("postgresql") as source_url:
        data_dir = tmp_path_factory.mktemp("bounded")
        tokens = build_world(store_url, source_url, data_dir, people=2000)
        yield store_url, source_url, data_dir, tokens


class ConnectionCounter:
    """The most connections seen to each database, sampled every few milliseconds."""

    def __init__(self, *databases: str):
        self._databases = list(databases)
        self.most = dict.fromkeys(databases, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        count = sa.text("SELECT datname, count(*) FROM pg_stat_activity WHERE datname = ANY(:d) "
                        "GROUP BY datname")
        try:
            with admin.connect() as conn:
                while not self._stop.wait(0.003):
                    for name, seen in conn.execute(count, {"d": self._databases}):
                        self.most[name] = max(self.most[name], seen)
        finally:
            admin.dispose()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def test_connections_stay_within_the_configured_pools_under_load(world):
    store_url, source_url, data_dir, tokens = world
    store_db, source_db = (sa.engine.make_url(u).database for u in (store_url, source_url))
    # no overflow: an overflow connection closed by the pool lingers in pg_stat_activity until
    # its server process has exited, which the count would see beside its successor
    pools = {"store_pool_size": 3, "store_max_overflow": 0,
             "source_pool_size": 3, "source_max_overflow": 0}
    expected = source_records(source_url, 400)
    with served(store_url, data_dir, **pools) as base:
        with ConnectionCounter(store_db, source_db) as counter:
            mismatches = check_lookups(base, tokens["minzheng-app"], expected, list(expected),
                                       CLIENTS)
    assert mismatches == [], "\n".join(mismatches[:10])
    store_bound = pools["store_pool_size"] + pools["store_max_overflow"] + GENERATION_CONNECTIONS
    source_bound = pools["source_pool_size"] + pools["source_max_overflow"]
    assert 1 <= counter.most[store_db] <= store_bound, counter.most
    assert 1 <= counter.most[source_db] <= source_bound, counter.most


def test_wider_pools_are_used_under_the_same_load(world):
    """The counter sees what the pools allow: wider pools under 32 clients hold more, so the
    bound above is the pools' doing, not the load's."""
    store_url, source_url, data_dir, tokens = world
    store_db, source_db = (sa.engine.make_url(u).database for u in (store_url, source_url))
    expected = source_records(source_url, 400, seed=3)
    with served(store_url, data_dir, store_pool_size=8, source_pool_size=8) as base:
        with ConnectionCounter(store_db, source_db) as counter:
            mismatches = check_lookups(base, tokens["minzheng-app"], expected, list(expected),
                                       CLIENTS)
    assert mismatches == [], "\n".join(mismatches[:10])
    assert counter.most[source_db] > 3 and counter.most[store_db] > 3 + GENERATION_CONNECTIONS, \
        counter.most


def test_pool_settings_are_read_from_the_environment_and_checked():
    settings = Settings.from_env({"DATAGATE_STORE_POOL_SIZE": "7", "DATAGATE_SOURCE_MAX_OVERFLOW": "0",
                                  "DATAGATE_PREPARED_STATEMENTS": "false"})
    assert (settings.store_pool_size, settings.source_max_overflow, settings.prepared_statements) \
        == (7, 0, False)
    with pytest.raises(SettingsError, match="DATAGATE_SOURCE_POOL_SIZE"):
        Settings.from_env({"DATAGATE_SOURCE_POOL_SIZE": "0"})
