"""Taiwan residents' permits to the mainland (台湾居民来往大陆通行证, 台胞证; issue 18, fifth round):
eight digits, sometimes with a two-digit renewal suffix (12345678, 12345678(01), 1234567801).
Eight digits are a date, an order or a phone just as often, so such a number is a permit only
right after the permit's own name (台胞证号：…, 台湾居民来往大陆通行证 …); reported as CN_PASSPORT,
like the other travel documents.
"""
from __future__ import annotations

import re
from typing import List, Tuple

_LABEL = re.compile(r"台胞证|台湾居民来往大陆通行证|台湾同胞|大陆通行证")
_PERMIT = re.compile(r"(?<![0-9A-Za-z])\d{8}(?:[(（]\d{2}[)）]|\d{2})?(?![0-9A-Za-z])")
_REACH = 16  # characters between the label's end and the number: 号码：, （号码）


def permits(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each permit number right after a permit's label."""
    if _LABEL.search(text) is None:
        return []
    found = []
    for m in _PERMIT.finditer(text):
        label = None
        for label in _LABEL.finditer(text, max(0, m.start() - _REACH - 12), m.start()):
            pass
        if label is not None and m.start() - label.end() <= _REACH \
                and not re.search(r"\d|[。；;]", text[label.end():m.start()]):
            found.append(m.span())
    return found
