"""Download encodings over HTTP: CSV as UTF-8, UTF-8 with a BOM, or GBK/GB18030
(``?encoding=``), read back with the csv module and Arrow's CSV reader told the encoding;
``.json`` one JSON array, ``.jsonl`` JSON Lines (gateway.open_data.exports)."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.csv as pa_csv
import pytest

from gateway.open_data.exports import csv_chunks

CSV = "/open/datasets/enterprises.csv"
IDENTITY = {"Accept-Encoding": "identity"}


def test_csv_with_a_bom_or_in_gbk_reads_back_the_same(client):
    plain = client.get(CSV, headers=IDENTITY)
    assert plain.headers["content-type"] == "text/csv; charset=utf-8"
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(plain.content.decode("utf-8"))))
    assert rows and any(not r["name"].isascii() for r in rows)

    bom = client.get(CSV + "?encoding=utf-8-sig", headers=IDENTITY)
    assert bom.status_code == 200 and bom.content.startswith(b"\xef\xbb\xbf")
    assert bom.content.count(b"\xef\xbb\xbf") == 1  # one BOM, not one a batch
    assert bom.content[3:] == plain.content
    assert bom.headers["etag"] != plain.headers["etag"]
    assert list(csv.DictReader(io.StringIO(bom.content.decode("utf-8-sig")))) == rows

    gbk = client.get(CSV + "?encoding=gbk", headers=IDENTITY)
    assert gbk.status_code == 200 and gbk.headers["content-type"] == "text/csv; charset=GB18030"
    assert gbk.content != plain.content and len(gbk.content) < len(plain.content)
    with pytest.raises(UnicodeDecodeError):
        gbk.content.decode("utf-8")  # what a UTF-8 reader would show as mojibake
    assert list(csv.DictReader(io.StringIO(gbk.content.decode("gbk")))) == rows
    expected = pa_csv.read_csv(io.BytesIO(plain.content))
    for body, encoding in ((bom.content, "utf-8-sig"), (gbk.content, "gbk")):
        table = pa_csv.read_csv(io.BytesIO(body), read_options=pa_csv.ReadOptions(
            encoding=encoding))
        assert table.column_names == expected.column_names  # no BOM stuck to the first name
        assert table.equals(expected)
    # the encodings take ranges and gzip like any download
    part = client.get(CSV + "?encoding=gbk", headers={**IDENTITY, "Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == gbk.content[:100]
    assert client.get(CSV + "?encoding=gbk").content == gbk.content  # gzipped, decoded


def test_characters_gbk_lacks_are_kept_as_gb18030():
    """A name with a character outside GBK (CJK extension B) is written, not lost."""
    class Stream:
        names = ["name"]

        def batches(self):
            yield {"name": ["𠀾先生", "王五"]}

    body = b"".join(csv_chunks(Stream(), "gbk"))
    with pytest.raises(UnicodeDecodeError):
        body.decode("gbk")
    assert body.decode("gb18030") == "name\r\n𠀾先生\r\n王五\r\n"
    assert "王五".encode("gbk") in body  # GBK's own bytes for what GBK has


def test_encoding_is_checked(client):
    for url in (CSV + "?encoding=latin-1", "/open/datasets/enterprises.json?encoding=gbk"):
        refused = client.get(url)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "BAD_INPUT"
        assert "utf-8-sig" in refused.json()["error"]["message"]


def test_json_is_an_array_and_jsonl_lines(client):
    array = client.get("/open/datasets/enterprises.json", headers=IDENTITY)
    lines = client.get("/open/datasets/enterprises.jsonl", headers=IDENTITY)
    assert array.headers["content-type"].startswith("application/json")
    assert lines.headers["content-type"].startswith("application/x-ndjson")
    assert lines.headers["content-disposition"] == 'attachment; filename="enterprises.jsonl"'
    records = json.loads(array.content)
    assert isinstance(records, list) and len(records) > 1
    assert records == [json.loads(line) for line in lines.text.splitlines()]
    assert array.headers["etag"] != lines.headers["etag"]
