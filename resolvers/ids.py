"""Object ids in GraphQL: the `ID` scalar, as the GraphQL convention wants, over the store's
numbers. Answers carry ids as strings ("42"); arguments take "42" or 42."""
from __future__ import annotations

import strawberry

from gateway.errors import NotFound


def number(value: strawberry.ID, what: str = "object") -> int:
    """The store's number behind an id argument; an id this API never gave is NOT_FOUND."""
    text = str(value).strip()
    # the store's ids are 32-bit integers (GraphQL's Int bounded them before they were IDs)
    if not text.isascii() or not text.isdigit() or len(text) > 10 or int(text) > 2**31 - 1:
        # the message does not repeat what was sent: a refused value never comes back
        raise NotFound(f"No {what} has the id given: use an id this API returned "
                       "(a string of digits, such as \"42\").")
    return int(text)
