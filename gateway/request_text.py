"""Text a request may carry: no NUL character (U+0000).

No name, code or text the gateway keeps holds a NUL, and PostgreSQL cannot store one: a NUL
that reached a store query failed there, as a fault. Every entry point refuses it at the
door instead (/graphql with 400 BAD_REQUEST, the sandbox's JSON API with 400 BAD_INPUT).
"""
from __future__ import annotations

import re

NUL = "\x00"
ESCAPED_NUL = re.compile(r"\\u(?:0000|\{0+\})")  # as a GraphQL string escape
NUL_MESSAGE = "text in a request may not contain the NUL character (U+0000)"


def holds_nul(value) -> bool:
    """Whether a JSON value holds a NUL in any string, keys included."""
    stack = [value]  # not recursive: a value may nest as deep as JSON allows
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
