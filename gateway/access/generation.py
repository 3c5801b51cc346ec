"""The store's access generation: a counter that moves whenever who-may-see-what changes.

Every request needs its caller (principal, department, roles) and the caller's grants. Reading
them from the store on every request costs more than the lookup they guard, so each gateway
process keeps them in memory (gateway.access.caller_cache) and, on every request, reads one row
instead: the `access` counter in `store_state`. Database triggers (migration 0008) add one to
it in the same transaction as any INSERT, UPDATE or DELETE on `principals`,
`role_assignments` or `grants`, whoever writes: this process, another gateway process, a
workflow, or an operator with psql. So a revocation committed anywhere is seen by the next
request everywhere.

The triggers exist on SQLite and PostgreSQL (the store's two databases). A gateway that
migrates the store at start re-creates them if something removed them (a later batch
migration on SQLite rebuilds its table without them; `restore_triggers`). If they are still
missing (a store on another database, or a gateway started without migrating),
`triggers_present` says so and the gateway reads the caller and grants on every request
instead, with a warning in the log and in /readyz.
"""
from __future__ import annotations

import queue
import threading

import sqlalchemy as sa

from gateway.store.db import ConnectionLost, make_engine, pool_options, retrying_once

WATCHED_TABLES = ("departments", "principals", "role_assignments", "grants")
_FUNCTION = "datagate_bump_access_generation"

GENERATION_CONNECTIONS = 4  # the reader's pool (docs/operations.md#connections)

_GENERATIONS_SQL = "SELECT key, value FROM store_state WHERE key IN ('catalog', 'access')"


class GenerationReader:
    """Reads both generations on every request, as cheaply as the store allows.

    At most GENERATION_CONNECTIONS store connections of its own, in autocommit on PostgreSQL
    (one round trip, no BEGIN/ROLLBACK), each with its cursor, kept checked out of their
    SQLAlchemy pool and handed between requests through a queue, and the constant statement
    sent on the driver's cursor: this runs on every request, and SQLAlchemy's Core would cost
    several times the read itself, its pool's checkout and checkin a quarter of it
    (docs/performance.md).
    """

    def __init__(self, store_url: str, *, timeout: float = 30.0, prepared_statements: bool = True):
        """A pool of GENERATION_CONNECTIONS, no more: a read holds its connection for one
        round trip, so requests queue for one briefly rather than each opening its own."""
        server = sa.engine.make_url(store_url).get_backend_name() != "sqlite"
        # its one SELECT leaves no transaction open (autocommit on PostgreSQL; on SQLite the
        # driver begins none for a SELECT), so a connection needs no rollback between reads
        self._engine = make_engine(store_url, **pool_options(GENERATION_CONNECTIONS, 0, timeout,
                                                             prepared_statements),
                                   pool_reset_on_return=None,
                                   **({"isolation_level": "AUTOCOMMIT"} if server else {}))
        self._timeout = timeout
        self._idle: queue.SimpleQueue = queue.SimpleQueue()  # (pooled connection, its cursor)
        self._lock = threading.Lock()
        self._held = 0  # connections checked out of the engine's pool, idle or in use

    def read(self) -> tuple[int, int | None]:
        """(catalog generation, access generation); the latter None if its row is missing
        (then the triggers have nothing to move, and nothing may be taken from a cache)."""
        values = retrying_once(self._read)
        return values.get("catalog") or 0, values.get("access")

    def _read(self) -> dict:
        held = self._take()
        try:
            cursor = held[1]
            cursor.execute(_GENERATIONS_SQL)
            values = dict(cursor.fetchall())
        except self._engine.dialect.loaded_dbapi.Error as error:
            lost = self._engine.dialect.is_disconnect(error, held[0].dbapi_connection, None)
            self._drop(held, error)
            if lost:
                self._drop_idle()  # the others died with it (a restart, a failover)
                raise ConnectionLost(str(error)) from error
            raise
        except BaseException:
            self._drop(held, None)
            raise
        self._idle.put(held)
        return values

    def _take(self) -> tuple:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            make = self._held < GENERATION_CONNECTIONS
            self._held += make
        if not make:
            try:
                return self._idle.get(timeout=self._timeout)
            except queue.Empty:
                raise sa.exc.TimeoutError(f"no store connection for the generation read within "
                                          f"{self._timeout:g} s") from None
        try:
            pooled = self._engine.raw_connection()
            return pooled, pooled.dbapi_connection.cursor()
        except BaseException:
            with self._lock:
                self._held -= 1
            raise

    def _drop(self, held: tuple, error: BaseException | None) -> None:
        """Give a connection back to the engine's pool, invalidated (renewed on its next
        checkout) if it failed with an error."""
        with self._lock:
            self._held -= 1
        try:
            if error is not None:
                held[0].invalidate(error)
            held[0].close()
        except Exception:  # noqa: BLE001 - a connection that is gone already
            pass

    def _drop_idle(self) -> None:
        while True:
            try:
                held = self._idle.get_nowait()
            except queue.Empty:
                return
            self._drop(held, ConnectionLost("another connection of the store was lost"))

    def close(self) -> None:
        while True:
            try:
                held = self._idle.get_nowait()
            except queue.Empty:
                break
            self._drop(held, None)
        self._engine.dispose()


def _trigger_name(table: str, event: str | None = None) -> str:
    return f"{table}_bump_access" + (f"_{event.lower()}" if event else "")


def _sqlite_triggers() -> list[tuple[str, str, str]]:
    """(table, event, trigger name): SQLite has one trigger per table and event."""
    return [(t, e, _trigger_name(t, e)) for t in WATCHED_TABLES for e in ("INSERT", "UPDATE", "DELETE")]


def create_statements(dialect: str) -> list[str]:
    """DDL that makes every write to the watched tables move the access generation."""
    bump = "UPDATE store_state SET value = value + 1 WHERE key = 'access'"
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN {bump}; END"
                for table, event, name in _sqlite_triggers()]
    if dialect == "postgresql":
        return [f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {bump}; RETURN NULL; END $$"] + [
            f"CREATE TRIGGER {_trigger_name(t)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {t} FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()" for t in WATCHED_TABLES]
    return []


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for _, _, name in _sqlite_triggers()]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {_trigger_name(t)} ON {t}" for t in WATCHED_TABLES] + [
            f"DROP FUNCTION IF EXISTS {_FUNCTION}()"]
    return []


def restore_triggers(engine) -> bool:
    """Re-create the triggers if something removed them, and say whether it had to.

    A batch migration on SQLite rebuilds its table without them, and an operator may drop
    them; the gateway runs this after migrating at start. The counter is moved too: writes
    made while the triggers were gone were not counted, and no process may keep what it
    cached before them."""
    with engine.begin() as conn:
        dialect = conn.dialect.name
        if dialect not in ("sqlite", "postgresql") or triggers_present(conn):
            return False
        for statement in drop_statements(dialect) + create_statements(dialect):
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("UPDATE store_state SET value = value + 1 WHERE key = 'access'")
    return True


def triggers_present(conn) -> bool:
    """True when every trigger that moves the access generation is in the store."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        wanted = {name for _, _, name in _sqlite_triggers()}
    elif dialect == "postgresql":
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        wanted = {_trigger_name(t) for t in WATCHED_TABLES}
    else:
        return False
    return wanted <= names
