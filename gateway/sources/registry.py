"""Source databases: one SQLAlchemy engine per registered source, tables built from the catalog.

The gateway never reflects or string-builds SQL against a source: it describes the bound table
with the catalog's field metadata and builds every statement with SQLAlchemy Core.

A source's URL holds no password: each new connection is given the current one
(gateway.sources.secrets: a named secret read now, or the sealed one in the store), so that a
rotated password needs no restart. Retired sources are not reached.
"""
from __future__ import annotations

import functools
import logging
import queue
import sqlite3
import threading
from pathlib import Path
from typing import Sequence

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from gateway.catalog.datasets import Dataset
from gateway.modes.cell_key import register_sqlite
from gateway.errors import DatagateError, SourceUnavailable
from gateway.sources.secrets import SourceSecrets, parse_ref
from gateway.store.db import ConnectionLost, make_engine, retrying_once
from gateway.store.models import Source
from gateway.tracing import OFF, Tracing

log = logging.getLogger(__name__)

AUTOCOMMIT_DIALECTS = ("postgresql", "mysql", "mariadb")  # see SourceRegistry.connect
PARKED_PER_SOURCE = 2  # connections one-row reads keep checked out between reads (_Parked)

SQL_TYPES = {"STRING": sa.String, "INT": sa.Integer,
             "DECIMAL": lambda: sa.Numeric(asdecimal=False),  # GraphQL's Float; no Decimal per cell
             "DATE": sa.Date, "BOOLEAN": sa.Boolean}


@functools.lru_cache(maxsize=1024)
def source_table(dataset: Dataset) -> sa.TableClause:
    """A lightweight table of the dataset's bound columns, labelled with field names."""
    schema, _, name = (dataset.table_name or dataset.code).rpartition(".")
    columns = [sa.column(f.column, SQL_TYPES[f.data_type]()) for f in dataset.fields]
    return sa.table(name, *columns, schema=schema or None)


def field_column(table: sa.TableClause, dataset: Dataset, field_name: str) -> sa.ColumnClause:
    return table.c[dataset.field(field_name).column]


class SourceRegistry:
    """Engines for source databases, created on first use and shared by all requests."""

    def __init__(self, store_sessions, echo: bool = False, secrets: SourceSecrets | None = None,
                 pool: dict | None = None, tracing: Tracing = OFF):
        """``pool``: each source engine's pool (gateway.store.db.pool_options); default
        make_engine's. ``tracing``: a span per read (gateway.tracing; no SQL, no parameter)."""
        self.tracing = tracing
        self._store_sessions = store_sessions
        self._echo = echo
        self._pool = pool or {}
        self._secrets = secrets
        self._engines: dict[str, tuple[str, Engine]] = {}
        self._parked: dict[Engine, _Parked] = {}
        self._lock = threading.Lock()
        self._warned: set[str] = set()

    def engine(self, source_code: str) -> Engine:
        with self._store_sessions() as session:
            url = _live_source(session, source_code).url
        with self._lock:
            known = self._engines.get(source_code)
            if known and known[0] == url:
                return known[1]
            parsed = sa.engine.make_url(url)
            if parsed.password is not None and source_code not in self._warned:
                self._warned.add(source_code)
                log.warning("source %s keeps its password in plain text in the store; run "
                            "`datagate source set-password %s` to seal it or name a secret",
                            source_code, source_code)
            autocommit = parsed.get_backend_name() in AUTOCOMMIT_DIALECTS
            engine = make_engine(url, echo=self._echo, source=True, **self._pool,
                                 **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}))
            if engine.dialect.name == "sqlite":
                register_sqlite(engine)  # SQLite has no keyed hash for stats' record keys
            else:
                sa.event.listen(engine, "do_connect", self._password_giver(source_code))
            if known:
                self._retire_engine(known[1])
            self._engines[source_code] = (url, engine)
            return engine

    def _retire_engine(self, engine: Engine) -> None:
        """Close an engine no longer used, with the connections parked for it (under _lock)."""
        parked = self._parked.pop(engine, None)
        if parked is not None:
            parked.close()
        engine.dispose()

    def _password_giver(self, source_code: str):
        """The do_connect hook giving each new connection the source's password as it is now."""
        def give_password(_dialect, _record, _cargs, cparams):
            password = self.password(source_code)
            if password is not None:
                cparams["password"] = password
        return give_password

    def password(self, source_code: str) -> str | None:
        """The source's current password (None: the URL's own, or none at all)."""
        with self._store_sessions() as session:
            source = _live_source(session, source_code)
            named, sealed = source.password_secret, source.password_sealed
        if not (named or sealed):
            return None
        if self._secrets is None:
            raise SourceUnavailable(f"source {source_code} has a password, but this gateway "
                                    "was built without source secrets")
        return self._secrets.named(parse_ref(named)) if named else self._secrets.unseal(sealed)

    def forget(self, source_code: str) -> None:
        """Close the source's engine in this process (a retired source)."""
        with self._lock:
            known = self._engines.pop(source_code, None)
            if known:
                self._retire_engine(known[1])

    def cached_engine(self, source_code: str) -> Engine:
        """The engine without re-reading the store (hot path); falls back to engine()."""
        known = self._engines.get(source_code)
        return known[1] if known else self.engine(source_code)

    def pools(self) -> dict:
        """Each source's connection pool in this process (for gateway.web.metrics)."""
        return {code: engine.pool for code, (_, engine) in list(self._engines.items())}

    def invalidate(self) -> None:
        with self._lock:
            for _, engine in self._engines.values():
                self._retire_engine(engine)
            self._engines.clear()

    def check(self) -> dict[str, str]:
        """Reachability of every live source, for /readyz: code -> "ok" or what failed (the
        error's class and kind, never the driver's text, which may quote the URL)."""
        with self._store_sessions() as session:
            codes = list(session.scalars(sa.select(Source.code).where(Source.retired_at.is_(None))))
        status = {}
        for code in codes:
            try:
                self.ping(code)
                status[code] = "ok"
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                status[code] = f"unreachable: {connect_failure(exc)}"
        return status

    def ping(self, source_code: str, fresh: bool = False) -> None:
        """SELECT 1 on a pooled connection of the source, or (``fresh``) on a new login made
        outside the pool, which tests the URL and the password as they are now."""
        engine = self.engine(source_code)
        database = engine.url.database or ""
        if engine.dialect.name == "sqlite" and database and \
                not database.startswith((":memory:", "file:")) and not Path(database).is_file():
            raise SourceUnavailable(f"the SQLite file of source {source_code} is not there")
        if not fresh or engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        password = self.password(source_code)
        if password is not None:
            cparams["password"] = password
        raw = engine.dialect.connect(*cargs, **cparams)
        try:
            cursor = raw.cursor()
            cursor.execute("SELECT 1")
            cursor.fetchall()
        finally:
            raw.close()

    @property
    def secrets(self) -> SourceSecrets:
        if self._secrets is None:
            raise SourceUnavailable("this gateway was built without source secrets")
        return self._secrets

    def warnings(self) -> list[str]:
        """For /readyz: live sources whose password is still in their URL, in plain text."""
        with self._store_sessions() as session:
            rows = session.execute(sa.select(Source.code, Source.url)
                                   .where(Source.retired_at.is_(None))).all()
        return [f"source {code} keeps its password in plain text in the store; run `datagate "
                f"source set-password {code}` to seal it or name a secret"
                for code, url in rows if _has_password(url)]

    def connect(self, dataset: Dataset, *, transaction: bool = False):
        """A connection to the dataset's source.

        Server sources (PostgreSQL, MariaDB/MySQL) run in autocommit: every statement the
        gateway sends is one read, and a lookup is then one round trip, not three (BEGIN,
        SELECT, ROLLBACK). A read over many batches asks for ``transaction=True``: REPEATABLE
        READ, so that it sees one snapshot (and PostgreSQL's server-side cursors need one).
        """
        if not dataset.source_code:
            raise SourceUnavailable(f"dataset {dataset.code} is not bound to a source yet")
        try:
            connection = self.cached_engine(dataset.source_code).connect()
        except sa.exc.OperationalError as exc:
            raise _unreachable(dataset) from exc
        if transaction and connection.dialect.name in AUTOCOMMIT_DIALECTS:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        return connection

    def read(self, dataset: Dataset, work):
        """``work(connection)`` for one read statement, retried once on a fresh connection
        if the first one turns out to be dead (the source restarted since it was pooled)."""
        for attempt in (1, 2):
            try:
                with self.connect(dataset) as connection, self.tracing.source_query(
                        dataset.code, dataset.source_code, connection.dialect.name):
                    return work(connection)
            except sa.exc.DBAPIError as exc:
                if attempt == 1 and exc.connection_invalidated:
                    continue
                raise source_failure(dataset, exc) or exc

    def first(self, dataset: Dataset, statement: sa.Select, params: dict) -> dict | None:
        """The first row of a one-row SELECT (a lookup or compare by key) as {label: value},
        or None.

        Sent on the driver's cursor with the statement compiled once per dialect, the values
        converted as SQLAlchemy would (its result processors): a lookup is the gateway's
        commonest request, and SQLAlchemy's execution and result objects cost as much CPU as
        the driver's round trip. Retried once if the pooled connection was dead, as read()."""
        return self._parked_read(dataset, statement, params, _first)

    def page(self, dataset: Dataset, statement: sa.Select, params: dict) -> list[tuple]:
        """Every row of a SELECT of a page (`rows` without a filter) as plain tuples, converted
        as fetch_tuples() converts them, sent as first() sends a lookup: ``statement`` is made
        once per shape (its values bound by name in ``params``), so a page costs no statement
        building, compiling or SQLAlchemy result objects: most of a small page's time."""
        return self._parked_read(dataset, statement, params, _all)

    def _parked_read(self, dataset: Dataset, statement: sa.Select, params: dict, fetch):
        if not dataset.source_code:
            raise SourceUnavailable(f"dataset {dataset.code} is not bound to a source yet")
        engine = self.cached_engine(dataset.source_code)
        read = _compiled_read(statement, engine.dialect)
        parked = self._parked.get(engine)
        if parked is None:
            with self._lock:
                parked = self._parked.setdefault(engine, _Parked(engine, PARKED_PER_SOURCE))
        try:
            with self.tracing.source_query(dataset.code, dataset.source_code, engine.dialect.name):
                return retrying_once(lambda: parked.run(read, params, fetch))
        except (sa.exc.DBAPIError, engine.dialect.loaded_dbapi.Error) as exc:
            raise source_failure(dataset, exc, engine.dialect.loaded_dbapi) or exc


class _Parked:
    """A few connections of one source engine kept checked out of its pool between reads of
    one statement (lookups, compares, unfiltered pages), each with its cursor, handed between
    requests through a queue: a lookup is then one round trip on the driver's cursor, without
    the pool's checkout and checkin (about half of the read's CPU, docs/performance.md). At
    most ``limit`` wait here; others go back to the pool, which bounds them all as before and
    serves every other read. Server sources are in autocommit and a SELECT opens no
    transaction on SQLite, so nothing is left open between reads."""

    def __init__(self, engine: Engine, limit: int):
        self._engine, self._limit = engine, limit
        self._idle: queue.SimpleQueue = queue.SimpleQueue()  # (pooled connection, its cursor)
        self._closed = False

    def run(self, read: "_CompiledRead", params: dict, fetch):
        """``fetch(read, cursor)`` after the read is sent on a parked connection."""
        try:
            held = self._idle.get_nowait()
        except queue.Empty:
            pooled = self._engine.raw_connection()
            try:
                held = (pooled, pooled.dbapi_connection.cursor())
            except BaseException:
                pooled.close()
                raise
        try:
            cursor = held[1]
            cursor.execute(read.sql, read.parameters(params))
            found = fetch(read, cursor)
        except self._engine.dialect.loaded_dbapi.Error as error:
            lost = self._engine.dialect.is_disconnect(error, held[0].dbapi_connection, None)
            _give_back(held, error if lost else None)
            if lost:  # the others died with it (the source restarted): renew them all
                self._drain()
                self._engine.dispose()
                raise ConnectionLost(str(error)) from error
            raise
        except BaseException:
            _give_back(held, None)
            raise
        if self._closed or self._idle.qsize() >= self._limit:
            _give_back(held, None)
        else:
            self._idle.put(held)
        return found

    def _drain(self) -> None:
        while True:
            try:
                _give_back(self._idle.get_nowait(), None)
            except queue.Empty:
                return

    def close(self) -> None:
        """No more parking; the parked connections go back to their pool."""
        self._closed = True
        self._drain()


def _give_back(held: tuple, error: BaseException | None) -> None:
    """A parked connection back to its pool (invalidated, so renewed, after an error)."""
    try:
        held[1].close()
        if error is not None:
            held[0].invalidate(error)
        held[0].close()
    except Exception:  # noqa: BLE001 - a connection that is gone already
        pass


class _CompiledRead:
    """A SELECT compiled for one dialect: its SQL, how to bind its parameters, how to
    convert its result columns (read off the first answer's cursor description)."""

    def __init__(self, statement: sa.Select, dialect):
        # literal_execute values (a page's LIMIT) written into the SQL, which is sent as it is
        compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        self.sql = compiled.string
        self._dialect = dialect
        self._columns = list(statement.selected_columns)
        self._names = [column.key for column in self._columns]
        self._defaults = {name: bind.effective_value for name, bind in compiled.binds.items()}
        self._binders = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                         for name, bind in compiled.binds.items()}
        self._order = compiled.positiontup if compiled.positional else None
        self._processors: list | None = None

    def parameters(self, params: dict):
        values = {**self._defaults, **params}
        for name, process in self._binders.items():
            if process is not None and values[name] is not None:
                values[name] = process(values[name])
        return values if self._order is None else [values[name] for name in self._order]

    def record(self, row, cursor) -> dict:
        return {name: value if process is None or value is None else process(value)
                for name, process, value in zip(self._names, self._processors_for(cursor), row)}

    def tuples(self, rows: list[tuple], cursor) -> list[tuple]:
        return _processed_rows(rows, self._processors_for(cursor))

    def _processors_for(self, cursor) -> list:
        if self._processors is None:  # the description is made anew at each reading: read it once
            self._processors = result_processors(self._columns, self._dialect, cursor.description)
        return self._processors


def _first(read: _CompiledRead, cursor) -> dict | None:
    row = cursor.fetchone()
    return None if row is None else read.record(row, cursor)


def _all(read: _CompiledRead, cursor) -> list[tuple]:
    return read.tuples(cursor.fetchall(), cursor)


@functools.lru_cache(maxsize=1024)
def _compiled_read(statement: sa.Select, dialect) -> _CompiledRead:
    return _CompiledRead(statement, dialect)


def result_processors(columns, dialect, description) -> list:
    """For each selected column, SQLAlchemy's converter of its driver values for this dialect
    (None where the value is taken as it is), as its own result objects would apply it."""
    return [column.type.dialect_impl(dialect).result_processor(dialect, described[1])
            for column, described in zip(columns, description)]


def fetch_tuples(connection, statement: sa.Select) -> list[tuple]:
    """Every row of a SELECT as plain tuples, each value converted as SQLAlchemy would.

    Pages of `rows` hold thousands of records, and a Row object per record would be a large
    share of fetching them. The driver's tuples are taken instead, and the columns whose
    type has a result processor for this dialect (DECIMAL to float, SQLite's 0/1 to bool)
    are converted column by column."""
    result = connection.execute(statement)
    try:
        cursor = result.cursor
        processors = result_processors(statement.selected_columns, connection.dialect,
                                       cursor.description)
        rows = cursor.fetchall()
    finally:
        result.close()
    return _processed_rows(rows, processors)


def _processed_rows(rows: list[tuple], processors: list) -> list[tuple]:
    if rows and any(processors):
        columns = [processed(c, p) for c, p in zip(zip(*rows), processors)]
        rows = list(zip(*columns))
    return rows


def processed(values: Sequence, process) -> Sequence:
    """A column's driver values through its result processor (see result_processors), as
    they are if it has none; nulls stay None."""
    if process is None:
        return values
    return [None if v is None else process(v) for v in values]


def source_failure(dataset: Dataset, exc: BaseException, dbapi=None) -> SourceUnavailable | None:
    """SOURCE_UNAVAILABLE for a read the source could not answer: it has no table or column
    the catalog names for the dataset (renamed or dropped since it was registered), or it
    cannot be reached. None for any other error (a fault of the gateway's own). `exc` is
    SQLAlchemy's error, or the driver's own (module `dbapi`) for reads on its cursor."""
    driver_error = getattr(exc, "orig", None) or exc
    if names_something_missing(driver_error):
        log.warning("source of %s lacks a table or column the catalog names: %s", dataset.code,
                    str(driver_error).splitlines()[0][:300] if str(driver_error) else type(driver_error).__name__)
        return SourceUnavailable(
            f"the source database of {dataset.code} has no table or column that the catalog "
            "names for it (renamed or dropped there?); tell its department, whose steward must "
            "bring the catalog entry and the source back in line")
    if isinstance(exc, sa.exc.OperationalError) or (dbapi is not None and isinstance(exc, dbapi.OperationalError)):
        return _unreachable(dataset)
    return None


_MISSING_SQLSTATES = frozenset({"42P01", "42703"})  # PostgreSQL: undefined table, undefined column
_MISSING_MYSQL_CODES = frozenset({1146, 1054})  # MariaDB/MySQL: no such table, unknown column


def names_something_missing(driver_error: BaseException) -> bool:
    """The driver's error says the statement names a table or column the database lacks."""
    if getattr(driver_error, "sqlstate", None) in _MISSING_SQLSTATES:
        return True
    args = getattr(driver_error, "args", ())
    if args and isinstance(args[0], int) and args[0] in _MISSING_MYSQL_CODES:
        return True
    return isinstance(driver_error, sqlite3.Error) and str(driver_error).startswith(
        ("no such table", "no such column"))


def _unreachable(dataset: Dataset) -> SourceUnavailable:
    return SourceUnavailable(f"the source database of {dataset.code} cannot be reached now; "
                             "try again later or tell its department")


def _live_source(session: Session, code: str) -> Source:
    source = session.get(Source, code)
    if source is None:
        raise SourceUnavailable(f"source {code} is not registered")
    if source.retired_at is not None:
        raise SourceUnavailable(f"source {code} was retired and is not reached any more; bind "
                                "the dataset to a live source")
    return source


def _has_password(url: str) -> bool:
    try:
        return sa.engine.make_url(url).password is not None
    except sa.exc.ArgumentError:
        return False


# Driver errors that say why a connection failed, by SQLSTATE (PostgreSQL) or error number
# (MariaDB/MySQL): the driver's text is never shown, as it may quote the URL.
_LOGIN_REFUSED = ({"28P01", "28000"}, {1044, 1045, 1698})
_NO_DATABASE = ({"3D000"}, {1049})
_NOT_REACHED = (set(), {2003, 2005, 2006, 2013})


def connect_failure(exc: BaseException) -> str:
    """Why a source could not be reached, for a person: what failed and the error's class."""
    if isinstance(exc, DatagateError):
        return exc.message
    driver_error = getattr(exc, "orig", None) or exc
    sqlstate = getattr(driver_error, "sqlstate", None)
    args = getattr(driver_error, "args", ())
    number = args[0] if args and isinstance(args[0], int) else None
    name = type(driver_error).__name__

    def said(pair) -> bool:
        return sqlstate in pair[0] or number in pair[1]

    if said(_LOGIN_REFUSED):
        return f"the server refused the login: check the user and password ({name})"
    if said(_NO_DATABASE):
        return f"the server has no such database: check the URL's database name ({name})"
    if said(_NOT_REACHED) or (sqlstate is None and name == "OperationalError"
                              and not isinstance(driver_error, sqlite3.Error)):
        return f"the server cannot be reached: check host, port and that it runs ({name})"
    if isinstance(driver_error, sqlite3.Error):
        return f"the SQLite file cannot be opened or is not a database ({name})"
    return name
