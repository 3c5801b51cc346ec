"""Connecting to the store and to sources; applying the store's migrations."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from gateway.store.text_limits import enforce_text_limits

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# A pooled server connection idle longer than this is pinged before it is handed out; one in
# steady use is not (pool_pre_ping's ping on every checkout is a round trip per lookup).
PING_AFTER_IDLE_SECONDS = 10.0

_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg",
            "mysql": "mysql+pymysql", "mariadb": "mariadb+pymysql"}


def normalize_url(url: str) -> str:
    """Pick the driver the gateway ships for a bare ``postgresql://`` or ``mysql://`` URL."""
    parsed = make_url(url)
    if parsed.drivername in _DRIVERS:
        parsed = parsed.set(drivername=_DRIVERS[parsed.drivername])
    if parsed.get_backend_name() in ("mysql", "mariadb") and "charset" not in parsed.query:
        parsed = parsed.update_query_dict({"charset": "utf8mb4"})
    return parsed.render_as_string(hide_password=False)


def pool_options(pool_size: int, max_overflow: int, timeout: float = 30.0,
                 prepared_statements: bool = True) -> dict:
    """make_engine's keywords for a bounded pool: at most pool_size + max_overflow
    connections, a request waiting up to ``timeout`` seconds for one."""
    return {"pool_size": pool_size, "max_overflow": max_overflow, "pool_timeout": timeout,
            "prepared_statements": prepared_statements}


def make_engine(url: str, *, echo: bool = False, prepared_statements: bool = True,
                source: bool = False, **kwargs) -> Engine:
    """An engine for the store or a source, pool keywords as pool_options gives them.

    Without ``prepared_statements`` psycopg prepares nothing on the server (it does after a
    statement's fifth run): PgBouncer in transaction mode before 1.21 hands each transaction
    any server connection, which does not know what another one prepared.

    A ``source`` is a department's database, which the gateway only reads: a SQLite file there
    gets no folder made for it and is not switched to WAL (a write to its header, which also
    moved its open-data version on the first read), and a mistyped path is refused rather than
    made into a new empty file."""
    url = normalize_url(url)
    backend = make_url(url).get_backend_name()
    if not prepared_statements and make_url(url).get_driver_name() == "psycopg":
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "prepare_threshold": None}
    if backend == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:" and not source:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        kwargs.setdefault("pool_use_lifo", True)
        if not database or database == ":memory:":  # one connection per thread: no pool size
            for option in ("pool_size", "max_overflow", "pool_timeout"):
                kwargs.pop(option, None)
    else:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 5)
    if kwargs.get("isolation_level") == "AUTOCOMMIT":
        kwargs.setdefault("pool_reset_on_return", None)  # no transaction is left to end
    # a statement's parameters (keys, values) stay out of its errors' text and the echo: a
    # fault's log would otherwise quote them (gateway.web.log_redaction)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, echo=echo, **kwargs)
    if backend == "sqlite":
        event.listen(engine, "connect", _source_pragmas if source else _sqlite_pragmas)
        if source and database and database != ":memory:":
            event.listen(engine, "do_connect", _existing_file_only(Path(database)))
    elif not kwargs.get("pool_pre_ping"):
        _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection at checkout only if it sat idle: what pool_pre_ping does,
    without a round trip per checkout under load. A connection that fails the ping is
    replaced (the pool retries on DisconnectionError). A server restart under load is met
    by SQLAlchemy invalidating the whole pool at the first disconnect error; source reads
    retry once then (gateway.sources.registry.SourceRegistry.read)."""

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # noqa: BLE001 - any failure means: use a new connection
            raise exc.DisconnectionError(f"idle connection failed its ping: {error}") from error


class ConnectionLost(Exception):
    """The server closed a pooled connection; the pool was emptied, a retry gets a new one."""


def retrying_once(work):
    """``work()``, run again once if its connection turned out to be lost."""
    # not tenacity: this wraps reads and writes of every request, where its bookkeeping shows
    try:
        return work()
    except ConnectionLost:
        return work()


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _existing_file_only(path: Path):
    def refuse_a_missing_file(_dialect, _record, _cargs, _cparams):
        if not path.is_file():  # SQLite itself would create it, empty, and answer "no such table"
            raise sqlite3.OperationalError("unable to open database file")
    return refuse_a_missing_file


def _source_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    enforce_text_limits(factory)
    return factory


def alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def newest_revision() -> str:
    """The migrations' head, read off their file names (``NNNN_what.py`` holds revision
    ``NNNN``; tests/test_worker_footprint.py holds Alembic's head to it)."""
    return max(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def store_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.scalar(text("SELECT version_num FROM alembic_version"))


def migrate(engine: Engine) -> None:
    """Bring the store's schema up to the newest migration (run at every start). A store
    already there is left without loading Alembic, 11 MiB that every worker would hold."""
    if store_revision(engine) == newest_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
