"""The media type an answer is given in, chosen by the request's Accept header: /graphql's
two JSON types, and the open catalog's three RDF serialisations.

werkzeug reads the header (RFC 9110: quoted strings, q-values, the most specific range
deciding a type's q); what stays here is each endpoint's choice among its types.
"""
from __future__ import annotations

import functools

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


@functools.lru_cache(maxsize=256)  # runs on every request; clients send few distinct headers
def answer_media_type(accept: str) -> str | None:
    """application/graphql-response+json when it is at least as welcome as application/json
    (the specification prefers it), else application/json; None when the header allows
    neither (q=0, or not covered). No header at all means the former."""
    if not accept:
        return GRAPHQL_RESPONSE
    ranges = _ranges(accept)
    graphql, json = ranges.quality(GRAPHQL_RESPONSE), ranges.quality(JSON)
    if max(graphql, json) <= 0:
        return None
    # a tie goes to graphql-response+json only where the header names it: a bare */* or
    # application/* gives JSON, which legacy clients expect
    if graphql > json or (graphql == json and GRAPHQL_RESPONSE in ranges.values()):
        return GRAPHQL_RESPONSE
    return JSON


@functools.lru_cache(maxsize=256)
def preferred_of(accept: str, offered: tuple[str, ...]) -> str | None:
    """The offered type the header welcomes most: a tie goes to one the header names, then to
    the first offered (so a bare ``*/*`` or no header gives ``offered[0]``); None when it
    allows none of them."""
    if not accept:
        return offered[0]
    ranges = _ranges(accept)
    named = set(ranges.values())
    best = max(offered, key=lambda t: (ranges.quality(t), t in named, -offered.index(t)))
    return best if ranges.quality(best) > 0 else None


def _ranges(accept: str) -> MIMEAccept:
    """The header's media ranges and q-values, without their other parameters: a client's
    ``application/json; charset=utf-8`` asks for the JSON this endpoint sends."""
    parsed = parse_accept_header(accept, MIMEAccept)
    return MIMEAccept((value.partition(";")[0].strip().lower(), q) for value, q in parsed)
