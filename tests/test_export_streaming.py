"""A large open-data export streams: its memory stays flat, far below what the whole table
takes. 150,000 synthetic people (gateway.demo.data.create_population) in a SQLite source, a
released open dataset over them, and each format downloaded through the ASGI app while the
process's resident memory is sampled at every chunk sent.

This test builds its own gateway on a SQLite store: the store plays no part in streaming,
and one large source is enough."""
from __future__ import annotations

import gc
import io
import os
import tempfile

import anyio
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from gateway.web.app import Gateway, create_app
from gateway.catalog.entries import publish, write_entry
from gateway.demo.data import create_population
from gateway.open_data import releases
from gateway.access.principals import load_caller
from gateway.store.models import Department, Principal, RoleAssignment, Source
from tests.conftest import make_settings

PEOPLE = 150_000


def _field(name, column, data_type, sensitivity, **extra) -> dict:
    return {"name": name, "column": column, "data_type": data_type, "sensitivity": sensitivity,
            **extra}


@pytest.fixture(scope="module")
def bulk(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk")
    source_url = f"sqlite:///{folder / 'people.sqlite'}"
    engine = sa.create_engine(source_url)
    assert create_population(engine, PEOPLE) == PEOPLE
    engine.dispose()
    gateway = Gateway(make_settings(folder, f"sqlite:///{folder / 'store.sqlite'}"))
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        session.add_all([Department(code="gongan", name="市公安局"),
                         Department(code="shuju", name="市政务服务数据管理局", is_data_authority=True)])
        session.flush()
        for name, department, role in (("steward", "gongan", "steward"), ("admin", "shuju", "data_authority")):
            principal = Principal(name=name, kind="PERSON", department_code=department)
            principal.roles = [RoleAssignment(role=role, assigned_at=now)]
            session.add(principal)
        session.add(Source(code="people-db", url=source_url, department_code="gongan"))
        session.flush()
        entry = write_entry(session, {
            "code": "bulkPeople", "name": "人口（开放测试）", "owner_department": "gongan",
            "share_type": "NONE", "open_type": "UNCONDITIONAL", "source_code": "people-db",
            "table_name": "population", "key_field": "idNumber", "fields": [
                _field("idNumber", "id_number", "STRING", "DIRECT_IDENTIFIER", identifier_kind="ID_NUMBER"),
                _field("name", "name", "STRING", "DIRECT_IDENTIFIER", masking={"kind": "NAME"}),
                _field("gender", "gender", "STRING", "PUBLIC"),
                _field("birthDate", "birth_date", "DATE", "PERSONAL"),
                _field("phone", "phone", "STRING", "PERSONAL", masking={"open": "mask", "kind": "PHONE"}),
                _field("address", "address", "STRING", "PERSONAL", masking={"kind": "ADDRESS"}),
                _field("district", "district", "STRING", "PUBLIC")]}, now)
        publish(session, entry, by="test", now=now)
    with gateway.services.store() as session:
        steward, admin = load_caller(session, "steward"), load_caller(session, "admin")
    release = releases.submit(gateway.services, steward, "bulkPeople")
    releases.review(gateway.services, admin, release.id, True, "ok")
    yield create_app(gateway.settings, gateway), source_url
    gateway.close()


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def download(app, path: str, sink) -> dict:
    """GET ``path`` through the ASGI app; body chunks go to ``sink``, never kept here."""
    finished = anyio.Event()
    requested = False
    out = {"status": None, "chunks": 0, "bytes": 0}

    async def receive():
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await finished.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sink(message.get("body", b""))
            out["chunks"] += 1
            out["bytes"] += len(message.get("body", b""))
            if not message.get("more_body"):
                finished.set()

    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "headers": [(b"host", b"testserver")],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    await app(scope, receive, send)
    return out


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads resident memory from /proc")
def test_a_large_export_streams_in_flat_memory(bulk):
    app, source_url = bulk
    gc.collect()
    before = resident_bytes()
    engine = sa.create_engine(source_url)
    with engine.connect() as conn:
        whole_table = conn.execute(sa.text("SELECT * FROM population")).all()
    engine.dispose()
    whole = resident_bytes() - before  # what holding the table takes
    assert len(whole_table) == PEOPLE
    del whole_table
    pq.write_table(pa.table({"warm": ["up"]}), io.BytesIO())  # load Parquet's libraries first

    for fmt in ("csv", "json", "jsonl", "parquet"):
        gc.collect()
        start = resident_bytes()
        peak = start
        lines = 0
        spool = tempfile.TemporaryFile()

        def sink(chunk: bytes) -> None:
            nonlocal peak, lines
            peak = max(peak, resident_bytes())
            lines += chunk.count(b"\n")
            if fmt == "parquet":
                spool.write(chunk)

        out = anyio.run(download, app, f"/open/datasets/bulkPeople.{fmt}", sink)
        assert out["status"] == 200 and out["chunks"] > 20, out
        growth = peak - start
        assert growth < whole / 4, (fmt, growth, whole)
        assert growth < 64 * 2 ** 20, (fmt, growth)
        if fmt == "csv":
            assert lines == PEOPLE + 1 and out["bytes"] > 10 * 2 ** 20  # header + every person
        elif fmt == "jsonl":
            assert lines == PEOPLE
        elif fmt == "json":  # "[", a record a line, "]"
            assert lines == PEOPLE + 2
        else:
            spool.seek(0)
            assert pq.ParquetFile(spool).metadata.num_rows == PEOPLE
        spool.close()
