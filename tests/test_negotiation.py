"""The media type /graphql answers in, at the edges where the Accept header's parser decides."""
from __future__ import annotations

import pytest

from gateway.web.negotiation import GRAPHQL_RESPONSE as GQL, JSON, answer_media_type


@pytest.mark.parametrize("accept,answer", [
    ("", GQL),
    (GQL, GQL), (JSON, JSON), ("*/*", JSON), ("application/*", JSON),
    ("APPLICATION/GRAPHQL-RESPONSE+JSON", GQL),
    (f"{GQL}, {JSON};q=0.9", GQL), (f"{JSON}, {GQL}", GQL), (f"{JSON};q=0.5, {GQL};q=0.4", JSON),
    (f"{JSON}, */*", JSON), (f"{GQL}, */*", GQL),
    # the most specific range decides a type's q
    (f"*/*;q=0, {JSON}", JSON), (f"{JSON};q=0, application/*", GQL), ("application/*;q=0, */*", None),
    (" ", None), (",", None), ("text/csv", None), ("*", None), ("*/json", None),
])
def test_media_type_by_q_values(accept, answer):
    assert answer_media_type(accept) == answer


@pytest.mark.parametrize("accept,answer", [
    (f"{JSON}; charset=utf-8", JSON), (f"{GQL};charset=utf-8", GQL),
    (f"{JSON};charset=utf-8;q=0.5, {GQL};level=1;q=0.4", JSON),
    (f"{JSON};charset=utf-8;q=0, */*", GQL),
    (f'{JSON};note="a, b", {GQL};q=0.5', JSON),  # a comma inside a quoted parameter
])
def test_parameters_other_than_q_are_ignored(accept, answer):
    assert answer_media_type(accept) == answer


@pytest.mark.parametrize("accept,answer", [
    (f"{JSON};q=2", None), (f"{JSON};q=.5", None), (f"{JSON};q=abc", None), (f"{JSON};q=-1", None),
    (f"{JSON};q=abc, */*", JSON), (f"{GQL};q=2, {JSON}", JSON),
])
def test_a_range_with_an_invalid_q_counts_as_absent(accept, answer):
    # RFC 9110's qvalue is 0 to 1 with at most three decimals; anything else is no range
    assert answer_media_type(accept) == answer


def test_a_repeated_range_counts_with_its_highest_q():
    assert answer_media_type("*/*, */*;q=0") == JSON
    assert answer_media_type(f"{GQL};q=0, {GQL};q=0.5, {JSON};q=0.4") == GQL


def test_an_accept_header_with_parameters_over_http(client):
    response = client.post("/graphql", json={"query": "{ me { kind } }"},
                           headers={"Accept": f"{JSON}; charset=utf-8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(JSON)
    refused = client.post("/graphql", json={"query": "{ me { kind } }"},
                          headers={"Accept": f"{GQL};q=0, {JSON};charset=utf-8;q=0"})
    assert refused.status_code == 406, refused.text
