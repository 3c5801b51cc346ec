"""A dataset's source rows read as Arrow columns, batch by batch, for sandbox snapshots.

One path per kind of source, each on the driver's own cursor, reading as it goes:
- PostgreSQL: the Core SELECT run as `COPY (...) TO STDOUT (FORMAT csv)` and parsed by
  Arrow's streaming CSV reader (no Python object per value);
- MariaDB/MySQL: one JSON object per row (`JSON_OBJECT`), parsed by Arrow's JSON reader.
  PyMySQL decodes every value of a row in Python, so one text per row is the faster read;
- any other source (SQLite): the driver's tuples, transposed per batch, a column converted by
  SQLAlchemy's own result processor where SQLAlchemy converts that type for the dialect
  (SQLite's text dates and 0/1 booleans).

Every path yields, per batch, one Arrow array per field, of the field's catalog type
(ARROW_TYPES); the tests hold them to the same values for tricky rows on every source. The
statements carry no bound values (only catalog identifiers and the JSON keys, quoted by
SQLAlchemy), so each compiles to plain SQL.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
from typing import Callable, Iterator, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import sqlalchemy as sa

from gateway.catalog.datasets import Dataset, Field
from gateway.errors import SourceUnavailable
from gateway.sources.registry import processed, result_processors, source_table

log = logging.getLogger("datagate.sandbox")

ARROW_TYPES = {"STRING": pa.string(), "INT": pa.int64(), "DECIMAL": pa.float64(),
               "DATE": pa.date32(), "BOOLEAN": pa.bool_()}

Batches = Iterator[list[pa.Array]]


def read_batches(connection: sa.Connection, dataset: Dataset, fields: Sequence[Field],
                 batch_rows: int) -> Batches:
    """The fields' values, `batch_rows` rows at a time, by the path for this source's kind."""
    read = NATIVE_PATHS.get(connection.dialect.name, row_batches)
    return read(connection, dataset, fields, batch_rows)


def select_statement(dataset: Dataset, fields: Sequence[Field]) -> sa.Select:
    """The Core SELECT of the fields, labelled with field names."""
    table = source_table(dataset)
    return sa.select(*[table.c[f.column].label(f.name) for f in fields])


def row_batches(connection: sa.Connection, dataset: Dataset, fields: Sequence[Field],
                batch_rows: int) -> Batches:
    """Any source: the driver's tuples, transposed per batch. They are read rather than
    SQLAlchemy's Row objects, which cost a fifth of the time of a million-row snapshot."""
    statement = select_statement(dataset, fields)
    cursor = streaming_cursor(connection)
    try:
        cursor.execute(_plain_sql(statement, connection))
        processors = result_processors(statement.selected_columns, connection.dialect, cursor.description)
        while rows := cursor.fetchmany(batch_rows):
            arrays = []
            for values, process, f in zip(zip(*rows), processors, fields):
                with _readable(dataset, f):
                    arrays.append(_to_arrow(processed(values, process), f.data_type))
            yield arrays
    finally:
        cursor.close()


def json_batches(connection: sa.Connection, dataset: Dataset, fields: Sequence[Field],
                 batch_rows: int) -> Batches:
    """MariaDB/MySQL: `SELECT JSON_OBJECT('c0', column, 'c1', ...)`, a batch of rows joined
    into newline-delimited JSON for Arrow's reader. The database writes dates as ISO text and
    booleans as 0/1: they are read as such and cast, strictly, as Arrow casts."""
    table = source_table(dataset)
    keys = [f"c{i}" for i in range(len(fields))]
    pairs = [part for key, f in zip(keys, fields) for part in (sa.literal(key), table.c[f.column])]
    statement = sa.select(sa.func.json_object(*pairs))
    read_as = {"DATE": pa.string(), "BOOLEAN": pa.int64()}
    options = pa_json.ParseOptions(
        explicit_schema=pa.schema([(key, read_as.get(f.data_type, ARROW_TYPES[f.data_type]))
                                   for key, f in zip(keys, fields)]),
        unexpected_field_behavior="error")
    cursor = streaming_cursor(connection)
    try:
        cursor.execute(_plain_sql(statement, connection))
        while rows := cursor.fetchmany(batch_rows):
            data = "\n".join([text for (text,) in rows]).encode()
            with _readable(dataset, among=fields):
                parsed = pa_json.read_json(io.BytesIO(data), parse_options=options, read_options=pa_json.ReadOptions(
                    use_threads=False, block_size=len(data) + 1))
            arrays = []
            for key, f in zip(keys, fields):
                with _readable(dataset, f):
                    arrays.append(pc.cast(parsed.column(key), ARROW_TYPES[f.data_type]).combine_chunks())
            yield arrays
    finally:
        cursor.close()


def copy_batches(connection: sa.Connection, dataset: Dataset, fields: Sequence[Field],
                 batch_rows: int) -> Batches:
    """PostgreSQL: the Core SELECT run as `COPY (...) TO STDOUT (FORMAT csv)` and parsed by
    Arrow's streaming CSV reader. Dates are read in ISO style, set for this transaction only."""
    sql = _plain_sql(select_statement(dataset, fields), connection)
    connection.exec_driver_sql("SET LOCAL DateStyle = 'ISO, YMD'")
    cursor = connection.connection.driver_connection.cursor()
    try:
        with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            stream = io.BufferedReader(_CopyStream(copy), buffer_size=1 << 20)
            names = [f.name for f in fields]
            with _readable(dataset, among=fields):  # Arrow reads and converts a first block here
                reader = pa_csv.open_csv(
                    stream,
                    read_options=pa_csv.ReadOptions(column_names=names, block_size=8 << 20,
                                                    use_threads=False),
                    parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                    convert_options=pa_csv.ConvertOptions(
                        column_types={f.name: ARROW_TYPES[f.data_type] for f in fields},
                        strings_can_be_null=True, quoted_strings_can_be_null=False,
                        null_values=[""], true_values=["t"], false_values=["f"]))
            batches = iter(reader)
            while True:
                with _readable(dataset, among=fields):  # and every further block here
                    batch = next(batches, None)
                if batch is None:
                    break
                for start in range(0, batch.num_rows, batch_rows):
                    part = batch.slice(start, batch_rows)
                    yield [part.column(i) for i in range(len(names))]
    finally:
        cursor.close()


NATIVE_PATHS: dict[str, Callable[..., Batches]] = {
    "postgresql": copy_batches, "mysql": json_batches, "mariadb": json_batches}


def streaming_cursor(connection: sa.Connection):
    """A cursor of the source's driver that fetches rows as they are read, not all at once:
    a named (server-side) cursor on PostgreSQL, an unbuffered one on MariaDB/MySQL; SQLite's
    cursor steps through its rows anyway."""
    driver = connection.connection.driver_connection
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return driver.cursor(name="datagate_snapshot")
    if dialect in ("mysql", "mariadb"):
        return driver.cursor(connection.dialect.loaded_dbapi.cursors.SSCursor)
    return driver.cursor()


@contextlib.contextmanager
def _readable(dataset: Dataset, field: Field | None = None, among: Sequence[Field] = ()):
    """Source values that the field's catalog type cannot hold (MySQL's zero date 0000-00-00,
    text in a DATE field) are SOURCE_UNAVAILABLE naming the field where it is known (or the
    field `among` those read whose column Arrow's CSV or JSON reader numbers in its message),
    not a fault of the gateway. The message quotes no value; the operators' log has Arrow's."""
    try:
        yield
    except (ValueError, TypeError) as exc:  # Arrow's ArrowInvalid and ArrowTypeError among them
        numbered = re.search(r"In CSV column #(\d+):|Column\(/c(\d+)\)", str(exc))
        index = int(numbered[1] or numbered[2]) if numbered else len(among)
        if field is None and index < len(among):
            field = among[index]
        what = f"field {field.name}" if field else "a field"
        log.warning("source of %s holds a value of %s that its catalog type cannot hold: %s",
                    dataset.code, what, str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__)
        kind = f"as {field.data_type}" if field else "as its catalog type"
        raise SourceUnavailable(
            f"the source of {dataset.code} holds values of {what} that cannot be read {kind} "
            "(for example MySQL's zero date 0000-00-00), so no snapshot of it can be made; tell its "
            "department, whose steward must correct or clear them, or bind the field to another type"
        ) from None


def _plain_sql(statement: sa.Select, connection: sa.Connection) -> str:
    return str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))


def _to_arrow(values, data_type: str) -> pa.Array:
    if data_type == "DECIMAL":
        # Drivers give Decimal (or float on SQLite): infer, then one vectorised cast.
        return pa.array(values).cast(pa.float64())
    return pa.array(values, type=ARROW_TYPES[data_type])


class _CopyStream(io.RawIOBase):
    """A readable file over psycopg's COPY data (which arrives one row at a time)."""

    def __init__(self, copy):
        self._rows = iter(copy)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._pending:
            chunks, size, want = [], 0, len(buffer)
            for data in self._rows:
                chunks.append(data)
                size += len(data)
                if size >= want:
                    break
            if not chunks:
                return 0
            self._pending = memoryview(b"".join(chunks))
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n
