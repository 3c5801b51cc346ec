"""The bodies of downloads: masked, streamed CSV (UTF-8, with a BOM, or GB18030), a JSON
array, JSON Lines and Parquet.

Rows come from the source in key order through a streaming cursor (``stream_results``: a
server-side cursor on PostgreSQL and MySQL, SQLite's own step-wise cursor) and are handled
a batch at a time: each batch's columns are masked column-wise by the open-channel policy
(``masking.policies``) with the release's own pseudonym keys (``gateway.open_data.pseudonyms``),
recoded and cut by the release's k-anonymity verdict (``gateway.open_data.anonymity``),
encoded, handed to the HTTP layer and dropped. Memory therefore
depends on the batch size, not on the table: a 1,000,000-row export holds one batch.
Parquet is written as one row group per batch into a buffer that is drained after each
group, so its bytes stream too (the footer comes last).
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import decimal
import io
import json
from typing import TYPE_CHECKING, Callable, Iterator

import sqlalchemy as sa

from gateway.catalog.field_policies import coarsened, open_operator
from gateway.open_data.access import Download
from gateway.open_data.anonymity import ReleaseCheck, release_batch
from gateway.open_data.pseudonyms import field_keys, mask_release_columns
from gateway.sources.registry import field_column, source_failure, source_table

if TYPE_CHECKING:
    from gateway.services import Services

BATCH_ROWS = 5_000


class SourceStream:
    """An executed, streaming SELECT of a download's fields; iterate it once, then it closes."""

    def __init__(self, services: Services, download: Download, batch_rows: int = BATCH_ROWS,
                 check: ReleaseCheck | None = None):
        dataset = download.dataset
        self.dataset, self.check = dataset, check
        table = source_table(dataset)
        self.names = download.field_names
        self.batch_rows = batch_rows
        statement = (sa.select(*[field_column(table, dataset, n).label(n) for n in self.names])
                     .order_by(field_column(table, dataset, dataset.key_field)))
        self._count = sa.select(sa.func.count()).select_from(table)
        self._conn = services.sources.connect(dataset, transaction=True)
        try:
            self._result = self._conn.execution_options(
                stream_results=True, yield_per=batch_rows).execute(statement)
        except Exception as exc:
            self._conn.close()
            raise (source_failure(dataset, exc) if isinstance(exc, sa.exc.DBAPIError) else None) or exc
        self._keys = field_keys(dataset, services.masking_keys, download.pseudonym_scope)

    def row_count(self, services: Services, download: Download) -> int:
        """Rows the export will hold (a separate COUNT, for the audit record)."""
        with services.sources.connect(download.dataset) as conn:
            return conn.execute(self._count).scalar_one()

    def batches(self) -> Iterator[dict[str, list]]:
        """Masked columns, one batch at a time; closes the cursor and connection at the end."""
        try:
            for rows in self._result.partitions():
                columns = dict(zip(self.names, (list(c) for c in zip(*rows))))
                yield release_batch(self.check, mask_release_columns(self.dataset, columns, self._keys))
        finally:
            self.close()

    def close(self) -> None:
        try:
            self._result.close()
        finally:
            self._conn.close()


# --- encodings -----------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")  # 10.0000000000 -> 10
    return str(value)


def _json_value(value):
    if value is None or value.__class__ in (str, int, float, bool):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


# ?encoding= of a CSV download -> the codec writing it. UTF-8 with a BOM, or GB18030, is
# what Excel on a Chinese Windows reads without mojibake; GB18030 writes every character
# GBK has as GBK does and the few others as its four-byte sequences, rather than losing them
CSV_ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gbk": "gb18030",
                 "gb18030": "gb18030"}
CSV_CHARSETS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gb18030": "GB18030"}


def csv_chunks(stream: SourceStream, encoding: str = "utf-8") -> Iterator[bytes]:
    encode = codecs.getincrementalencoder(CSV_ENCODINGS[encoding])().encode  # one BOM at most
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(stream.names)
    for columns in stream.batches():
        texts = [list(map(_text, columns[n])) for n in stream.names]
        writer.writerows(zip(*texts))
        yield encode(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield encode(buffer.getvalue())


def jsonl_chunks(stream: SourceStream) -> Iterator[bytes]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    names = stream.names
    for columns in stream.batches():
        values = [list(map(_json_value, columns[n])) for n in names]
        lines = [dumps(dict(zip(names, row))) for row in zip(*values)]
        yield ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def json_array_chunks(stream: SourceStream) -> Iterator[bytes]:
    """One JSON array of objects, a record a line: ``[``, records joined by ``,``, ``]``."""
    yield b"["
    first = True
    for chunk in jsonl_chunks(stream):
        if not chunk:
            continue
        lines = chunk.rstrip(b"\n").replace(b"\n", b",\n")
        yield (b"\n" if first else b",\n") + lines
        first = False
    yield b"]\n" if first else b"\n]\n"


class _Drain(io.RawIOBase):
    """A write-only file that keeps what was written until it is drained."""

    def __init__(self):
        super().__init__()
        self._parts: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def drain(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


def _arrow_types(download: Download) -> dict[str, tuple]:
    """Per field: its Arrow type and the converter of its masked values (kept columns keep
    their type; masked ones and quasi-identifiers with coarsening steps are strings)."""
    import pyarrow as pa

    kept = {"STRING": (pa.string(), _as_text), "INT": (pa.int64(), _identity),
            "DECIMAL": (pa.decimal128(38, DECIMAL_SCALE), _as_decimal), "DATE": (pa.date32(), _identity),
            "BOOLEAN": (pa.bool_(), _identity)}
    return {f.name: kept[f.data_type] if open_operator(f) == "keep" and not coarsened(f)
            else (pa.string(), _as_text) for f in download.fields}


def _identity(values: list) -> list:
    return values


def _as_text(values: list) -> list:
    return [v if v is None or v.__class__ is str else _text(v) for v in values]


# Parquet keeps amounts exact: the catalog's DECIMAL carries no scale, so every one is written
# with ten places (28 digits before the point), rounded half to even beyond them.
DECIMAL_SCALE = 10
_QUANTUM = decimal.Decimal(1).scaleb(-DECIMAL_SCALE)


def _as_decimal(values: list) -> list:
    """Source values (Decimal from numeric columns, float or int from others) as Decimals of
    the Parquet column's scale; a float goes through its shortest repr (0.1, not 0.1000…055)."""
    return [None if v is None else
            (v if v.__class__ is decimal.Decimal else decimal.Decimal(repr(v)))
            .quantize(_QUANTUM, rounding=decimal.ROUND_HALF_EVEN) for v in values]


def parquet_chunks(stream: SourceStream, download: Download) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = _arrow_types(download)
    schema = pa.schema([pa.field(n, types[n][0]) for n in stream.names])
    sink = _Drain()
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    try:
        for columns in stream.batches():
            arrays = [pa.array(types[n][1](columns[n]), type=types[n][0]) for n in stream.names]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            yield sink.drain()
    finally:
        writer.close()
    yield sink.drain()


# format -> body of (stream, download, CSV encoding)
ENCODERS: dict[str, Callable[[SourceStream, Download, str], Iterator[bytes]]] = {
    "csv": lambda stream, download, encoding: csv_chunks(stream, encoding),
    "json": lambda stream, download, encoding: json_array_chunks(stream),
    "jsonl": lambda stream, download, encoding: jsonl_chunks(stream),
    "parquet": lambda stream, download, encoding: parquet_chunks(stream, download),
}
