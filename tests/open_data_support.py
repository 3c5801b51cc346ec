"""Helpers of the open-data tests: a source table of the test's own, catalogued through the
catalog workflow (steward saves and submits a draft, the data authority publishes it) and
released through the release workflow, all over HTTP except registering the source (the
gateway has no workflow for that; operators write it into the store)."""
from __future__ import annotations

import csv
import io
import json

import sqlalchemy as sa

from gateway.store.models import Source
from tests.conftest import codes

DRAFT = "mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id status } }"
SUBMIT = "mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }"
PUBLISH = 'mutation($id: ID!) { publishCatalogDraft(id: $id, note: "ok") { status } }'
SUBMIT_RELEASE = "mutation($c: String!) { submitOpenRelease(code: $c) { id status dueOn } }"
REVIEW_RELEASE = """mutation($id: ID!, $ok: Boolean!, $note: String!) {
  reviewOpenRelease(id: $id, approve: $ok, note: $note) { id status } }"""


def register_source(gateway, code: str, department: str, url: str) -> None:
    with gateway.services.store() as session, session.begin():
        if session.get(Source, code) is None:
            session.add(Source(code=code, url=url, department_code=department,
                               description="test source"))


def publish_entry(api, steward: str, entry: dict) -> None:
    draft = api(steward).query(DRAFT, {"e": entry})
    assert "errors" not in draft, draft
    draft_id = draft["data"]["saveCatalogDraft"]["id"]
    assert "errors" not in api(steward).query(SUBMIT, {"id": draft_id})
    published = api("shuju-admin").query(PUBLISH, {"id": draft_id})
    assert published["data"]["publishCatalogDraft"]["status"] == "PUBLISHED", published


def release(api, steward: str, code: str) -> int:
    submitted = api(steward).query(SUBMIT_RELEASE, {"c": code})
    assert "errors" not in submitted, submitted
    release_id = submitted["data"]["submitOpenRelease"]["id"]
    approved = api("shuju-admin").query(REVIEW_RELEASE, {"id": release_id, "ok": True, "note": "同意"})
    assert approved["data"]["reviewOpenRelease"]["status"] == "APPROVED", approved
    return release_id


def fill_table(url: str, table: sa.Table, rows: list[dict]) -> None:
    """Replace the table's rows (creating it on first use)."""
    engine = sa.create_engine(url)
    try:
        table.create(engine, checkfirst=True)
        with engine.begin() as conn:
            conn.execute(table.delete())
            if rows:
                conn.execute(table.insert(), rows)
    finally:
        engine.dispose()


def csv_records(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def json_records(body: bytes) -> list[dict]:
    records = json.loads(body.decode("utf-8"))
    assert isinstance(records, list)
    return records


def jsonl_records(body: bytes) -> list[dict]:
    return [json.loads(line) for line in body.decode("utf-8").splitlines() if line]


def parquet_records(body: bytes) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(body)).to_pylist()


def error_code(response) -> str:
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"], body
    return body["error"]["code"]


__all__ = ["codes", "csv_records", "error_code", "fill_table", "jsonl_records",
           "parquet_records", "publish_entry", "register_source", "release"]
