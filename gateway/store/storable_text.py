"""Text a store can keep: no NUL character (U+0000) and no unpaired surrogate.

No name, code or text the gateway keeps holds a NUL, and PostgreSQL cannot store one; an
unpaired surrogate (U+D800-U+DFFF, which JSON's \\u escapes can spell) is no character
at all and cannot be encoded as UTF-8. Either failed where it reached a store, as a fault.
Every entry point refuses them at the door instead (/graphql with 400 BAD_REQUEST, the
sandbox's JSON API with 400 BAD_INPUT).
"""
from __future__ import annotations

import re

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
ESCAPED_NUL = re.compile(r"\\u(?:0000|\{0+\})")  # as a GraphQL string escape
MESSAGE = ("text in a request may not contain the NUL character (U+0000) or an unpaired "
           "surrogate (U+D800-U+DFFF)")


def holds_unstorable(value) -> bool:
    """Whether a JSON value holds a NUL or an unpaired surrogate in any string, keys included."""
    stack = [value]  # not recursive: a value may nest as deep as JSON allows
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if UNSTORABLE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
