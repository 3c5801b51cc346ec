"""Conditional downloads at the edges RFC 9110 sets: If-None-Match before If-Modified-Since,
weak comparison, ``*``, and dates that cannot be read."""
from __future__ import annotations

import datetime as dt

import pytest

from gateway.open_data.versions import not_modified

URL = "/open/datasets/enterprises.csv"
ETAG = 'W/"0123456789abcdef0123456789abcdef"'
MODIFIED = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.timezone.utc)
SAME = "Fri, 01 May 2026 12:00:00 GMT"
EARLIER = "Fri, 01 May 2026 11:59:59 GMT"


@pytest.mark.parametrize("headers,answer", [
    ({}, False),
    ({"if-none-match": ETAG}, True), ({"if-none-match": ETAG[2:]}, True),  # weak comparison
    ({"if-none-match": f'"other", {ETAG}'}, True), ({"if-none-match": 'W/"other"'}, False),
    ({"if-none-match": "*"}, True),
    ({"if-modified-since": SAME}, True), ({"if-modified-since": EARLIER}, False),
    ({"if-modified-since": "Fri, 01 May 2026 20:00:00 +0800"}, True),
    ({"if-modified-since": "not a date"}, False),
    # If-None-Match, when present, decides alone
    ({"if-none-match": 'W/"other"', "if-modified-since": SAME}, False),
    ({"if-none-match": "", "if-modified-since": SAME}, False),
    ({"if-none-match": ETAG, "if-modified-since": EARLIER}, True),
    # tags the parser reads leniently: unquoted, a lower-case weak marker
    ({"if-none-match": ETAG[3:-1]}, True), ({"if-none-match": "w/" + ETAG[2:]}, True),
])
def test_not_modified(headers, answer):
    assert not_modified(headers, ETAG, MODIFIED) is answer


def test_a_star_or_a_stale_tag_over_http(client):
    client.get(URL)  # a SQLite source's first read makes its WAL file, a new data version
    first = client.get(URL)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    star = client.get(URL, headers={"If-None-Match": "*"})
    assert star.status_code == 304 and star.headers["etag"] == etag and star.content == b""
    stale = client.get(URL, headers={"If-None-Match": 'W/"stale"', "If-Modified-Since": modified})
    assert stale.status_code == 200 and stale.headers["etag"] == etag
    assert client.head(URL, headers={"If-None-Match": etag}).status_code == 304
