"""ETag and Last-Modified of a download, and answering conditional requests with 304.

The ETag is a digest of what decides the bytes: dataset code, catalog version (fields and
masking policies), the release or application (and its approved fields), the format, a
fingerprint of the masking key, and the source data version where the source tells one:

- SQLite file: modification time and size of the database file and its WAL;
- PostgreSQL: the table's insert/update/delete counters (``pg_stat_all_tables``; they are
  flushed within about a second of a commit);
- MySQL/MariaDB: ``information_schema.tables.UPDATE_TIME``.

Elsewhere the date (Asia/Shanghai) stands in, so caches revalidate at least daily. The tag
is weak (``W/``): equal tags mean the same data, not byte-identical files.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
from typing import TYPE_CHECKING

import sqlalchemy as sa
from werkzeug.http import is_resource_modified

from gateway.catalog.datasets import Dataset
from gateway.clock import SHANGHAI
from masking.operators import hmac_sha256_hex

if TYPE_CHECKING:  # a type only: anonymity (imported by releases) reads versions
    from gateway.open_data.access import Download

log = logging.getLogger("datagate.open_data")


@dataclasses.dataclass(frozen=True)
class SourceVersion:
    token: str | None  # changes when the data changes; None: unknown
    modified: dt.datetime | None  # when the data last changed, where known


UNKNOWN = SourceVersion(None, None)


def source_version(engine: sa.Engine, dataset: Dataset) -> SourceVersion:
    """The source's data version of the dataset's table (never raises)."""
    try:
        backend = engine.url.get_backend_name()
        table = (dataset.table_name or dataset.code)
        if backend == "sqlite":
            return _sqlite_version(engine.url.database)
        if backend == "postgresql":
            with engine.connect() as conn:
                row = conn.execute(sa.text(
                    "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_all_tables "
                    "WHERE relid = to_regclass(:t)"), {"t": table}).first()
            return SourceVersion(None if row is None else "pg:%d:%d:%d" % tuple(row), None)
        if backend in ("mysql", "mariadb"):
            with engine.connect() as conn:
                updated = conn.execute(sa.text(
                    "SELECT UPDATE_TIME FROM information_schema.tables "
                    "WHERE table_schema = DATABASE() AND table_name = :t"),
                    {"t": table.rpartition(".")[2]}).scalar()
            if updated is None:
                return UNKNOWN
            modified = updated.replace(tzinfo=dt.timezone.utc) if updated.tzinfo is None else updated
            return SourceVersion(f"mysql:{updated.isoformat()}", modified)
    except Exception as exc:  # noqa: BLE001 - a version is a hint; the download goes on
        log.warning("source version of %s unknown: %s", dataset.code, exc)
    return UNKNOWN


def _sqlite_version(path: str | None) -> SourceVersion:
    if not path or path == ":memory:":
        return UNKNOWN
    parts, newest = [], 0
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
        except FileNotFoundError:
            continue
        if name != path and st.st_size == 0:
            continue  # an empty WAL file is a reader's opening, not a change of the data
        parts.append(f"{st.st_mtime_ns}:{st.st_size}")
        newest = max(newest, st.st_mtime_ns)
    if not parts:
        return UNKNOWN
    return SourceVersion("sqlite:" + ",".join(parts),
                         dt.datetime.fromtimestamp(newest / 1e9, dt.timezone.utc))


def etag_for(download: Download, fmt: str, version: SourceVersion, hash_key, today: dt.date) -> str:
    key_print = hmac_sha256_hex(hash_key.encode() if isinstance(hash_key, str) else hash_key or b"-")(
        b"datagate open-data etag")[:16]
    parts = [download.dataset.code, download.dataset.version, download.basis, download.basis_id,
             download.field_names, fmt, key_print, version.token or f"day:{today.isoformat()}"]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def last_modified(download: Download, version: SourceVersion) -> dt.datetime:
    """The newest of: approval of the release or application, catalog change, data change."""
    times = [t for t in (download.approved_at, download.entry_updated_at, version.modified) if t]
    return max(times).replace(microsecond=0)


def not_modified(headers, etag: str, modified: dt.datetime) -> bool:
    """True if the request's If-None-Match (weak comparison, ``*``) or, without it, its
    If-Modified-Since says the caller has this version."""
    if_none_match = headers.get("if-none-match")
    # If-None-Match, when present, decides alone (RFC 9110 13.1.3), even with no tag in it
    conditions = ({"HTTP_IF_NONE_MATCH": if_none_match} if if_none_match is not None
                  else {"HTTP_IF_MODIFIED_SINCE": headers.get("if-modified-since")})
    return not is_resource_modified(conditions, etag=etag, last_modified=modified)


def today_in_shanghai(now: dt.datetime) -> dt.date:
    return now.astimezone(SHANGHAI).date()
