"""HTTP conventions over the ASGI app: CORS for an allowlist of origins (/graphql included,
which is dispatched around Starlette's router), gzip of JSON, GraphQL and CSV answers, and
HEAD and single byte ranges on open-data downloads with their ETag
(gateway.web.http_layers, gateway.web.byte_ranges)."""
from __future__ import annotations

import gzip
import io

import pyarrow.parquet as pq
from starlette.testclient import TestClient

from gateway.web.app import create_app

ORIGIN = "https://apps.renshe.city.example"
ROWS = ('{ enterprises(purpose: "market-supervision") { rows(first: 40) '
        '{ nodes { creditCode district } } } }')
IDENTITY = {"Accept-Encoding": "identity"}
CSV = "/open/datasets/enterprises.csv"


def cors_client(gateway) -> TestClient:
    """An app over the session's gateway with one allowed origin (no lifespan: the
    gateway stays open)."""
    settings = gateway.settings.with_(cors_origins=f"{ORIGIN}, https://other.example/")
    return TestClient(create_app(settings, gateway))


def bearer(gateway, principal: str) -> dict:
    return {"Authorization": "Bearer " + gateway.services.tokens.issue(
        principal, gateway.services.clock.now())}


def test_cors_preflight_and_requests_of_an_allowed_origin(gateway):
    client = cors_client(gateway)
    preflight = client.options("/graphql", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    refused = client.options("/graphql", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    # actual requests: GraphQL (around the router) and open data (through it)
    answer = client.post("/graphql", json={"query": ROWS},
                         headers={"Origin": ORIGIN, **bearer(gateway, "renshe-app")})
    assert answer.status_code == 200 and answer.json()["data"]["enterprises"]["rows"]["nodes"]
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    assert "x-request-id" in answer.headers["access-control-expose-headers"].lower()
    download = client.get(CSV, headers={"Origin": "https://other.example"})
    assert download.headers["access-control-allow-origin"] == "https://other.example"
    assert "etag" in download.headers["access-control-expose-headers"].lower()
    stranger = client.get("/open/datasets", headers={"Origin": "https://evil.example"})
    assert stranger.status_code == 200 and "access-control-allow-origin" not in stranger.headers


def test_no_cors_headers_by_default(client):
    got = client.get("/open/datasets", headers={"Origin": ORIGIN})
    assert got.status_code == 200 and "access-control-allow-origin" not in got.headers
    preflight = client.options("/graphql", headers={"Origin": ORIGIN,
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_gzip_of_graphql_json_and_csv(client, gateway):
    headers = {"Accept-Encoding": "gzip", **bearer(gateway, "renshe-app")}
    zipped = client.post("/graphql", json={"query": ROWS}, headers=headers)
    plain = client.post("/graphql", json={"query": ROWS}, headers={**headers, **IDENTITY})
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert "accept-encoding" in zipped.headers["vary"].lower()
    assert zipped.json() == plain.json() and len(plain.content) > 1000
    # /graphql compresses its own answers on the worker thread: the identity answer of the
    # same size varies by Accept-Encoding too, and a small answer is not compressed
    assert "accept-encoding" in plain.headers["vary"].lower()
    small = client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert "content-encoding" not in small.headers and small.json() == {"data": {"__typename": "Query"}}
    catalog = client.get("/open/datasets", headers={"Accept-Encoding": "gzip"})
    assert catalog.headers["content-encoding"] == "gzip" and catalog.json()["datasets"]
    # a download compresses itself, under its own ETag
    csv_zipped = client.get(CSV, headers={"Accept-Encoding": "gzip"})
    csv_plain = client.get(CSV, headers=IDENTITY)
    assert csv_zipped.headers["content-encoding"] == "gzip"
    assert csv_zipped.content == csv_plain.content  # httpx decoded it
    assert csv_zipped.headers["etag"] == csv_plain.headers["etag"][:-1] + '-gzip"'
    # the compressed bytes are a gzip stream of the plain body
    with client.stream("GET", CSV, headers={"Accept-Encoding": "gzip"}) as streamed:
        compressed = b"".join(streamed.iter_raw())
    assert gzip.decompress(compressed) == csv_plain.content and len(compressed) < len(
        csv_plain.content) / 2
    # either tag says the caller has it
    for etag in (csv_zipped.headers["etag"], csv_plain.headers["etag"]):
        assert client.get(CSV, headers={"If-None-Match": etag}).status_code == 304
    # Parquet is compressed already: never gzipped
    parquet = client.get("/open/datasets/enterprises.parquet", headers={"Accept-Encoding": "gzip"})
    assert parquet.status_code == 200 and "content-encoding" not in parquet.headers


def test_head_and_byte_ranges_of_downloads(client):
    whole = client.get(CSV, headers=IDENTITY)
    body, etag = whole.content, whole.headers["etag"]
    size = len(body)
    assert whole.headers["accept-ranges"] == "bytes" and size > 500
    head = client.head(CSV, headers=IDENTITY)
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    assert head.headers["accept-ranges"] == "bytes"

    def ranged(spec: str, **extra):
        return client.get(CSV, headers={**IDENTITY, "Range": spec, **extra})

    for spec, start, end in (("bytes=10-99", 10, 99), ("bytes=0-0", 0, 0),
                             (f"bytes={size - 30}-", size - 30, size - 1),
                             ("bytes=-50", size - 50, size - 1),
                             (f"bytes=100-{size + 999}", 100, size - 1)):
        got = ranged(spec)
        assert got.status_code == 206, spec
        assert got.content == body[start:end + 1], spec
        assert got.headers["content-range"] == f"bytes {start}-{end}/{size}"
        assert int(got.headers["content-length"]) == end - start + 1
        assert got.headers["etag"] == etag and "content-encoding" not in got.headers
    # pieces put back together are the whole body (a resumed download)
    pieces = [ranged(f"bytes={i}-{min(i + 999, size - 1)}").content for i in range(0, size, 1000)]
    assert b"".join(pieces) == body
    unsatisfiable = ranged(f"bytes={size}-")
    assert unsatisfiable.status_code == 416
    assert unsatisfiable.headers["content-range"] == f"bytes */{size}"
    assert ranged("bytes=-0").status_code == 416
    # If-Range: the same version gets its range, another one the whole body
    assert ranged("bytes=5-9", **{"If-Range": etag}).content == body[5:10]
    assert ranged("bytes=5-9", **{"If-Range": whole.headers["last-modified"]}).status_code == 206
    changed = ranged("bytes=5-9", **{"If-Range": 'W/"another-version"'})
    assert changed.status_code == 200 and changed.content == body
    # several ranges, or not bytes at all: the whole body
    assert ranged("bytes=0-4,10-14").status_code == 200
    assert ranged("lines=1-2").content == body
    # a range of Parquet reads back with the rest
    parquet = client.get("/open/datasets/enterprises.parquet").content
    tail = client.get("/open/datasets/enterprises.parquet",
                      headers={"Range": f"bytes={len(parquet) // 2}-"})
    assert tail.status_code == 206
    table = pq.read_table(io.BytesIO(parquet[:len(parquet) // 2] + tail.content))
    assert table.num_rows > 0
