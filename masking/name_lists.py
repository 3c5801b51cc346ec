"""Names listed one after another, set apart by spaces or commas (公示名单：禤志明 笪丽萍 冼国强 靳小燕;
…，笪丽萍，冼国强): an item next to a name found, bounded by the list's separators or the line's end,
that is a surname and one or two characters (a compound surname and up to two) is a name too, read
on item by item. The 、-lists are ``name_forms.listed_items``'s."""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Tuple

from masking import name_forms

# Between two items: a comma, or spaces (one or more, full width too), nothing else.
_SEPARATOR = re.compile(r"[ \u3000]+|[，,][ \u3000]*")
_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}")
_ITEM_END = re.compile(r"$|[ \u3000，,。；;\n）)]")
_PARTICLES = frozenset("的了是在和与及或等也都就还又把被将为向对从于已未不没无请该本其")


def _item_at(text: str, start: int, surname_at: Callable[[str, int], str]) -> int:
    """End of a name item at ``start`` (a surname and one or two characters up to the list's next
    separator or the line's end), or -1."""
    m = _ITEM.match(text, start)
    if m is None or not _ITEM_END.match(text, m.end()):
        return -1
    run, surname = m.group(), surname_at(text, start)
    if not surname or not 1 <= len(run) - len(surname) <= 2 or any(ch in _PARTICLES for ch in run) \
            or run in name_forms.common_words() or not name_forms.plausible_word_name(run):
        return -1
    return m.end()


def neighbours(text: str, names: List[Tuple[int, int]], surname_at: Callable[[str, int], str]) -> List[Tuple[int, int]]:
    """(start, end) of the items after each of ``names`` in a list set apart by spaces or commas."""
    found, ends = [], dict(names)
    for _, end in sorted(names):
        while True:
            sep = _SEPARATOR.match(text, end)
            if sep is None:
                break
            start = sep.end()
            if start in ends:  # a name found already: the list goes on after it
                end = ends[start]
                continue
            stop = _item_at(text, start, surname_at)
            if stop < 0:
                break
            found.append((start, stop))
            ends[start] = end = stop
    return found


def add_neighbours(text: str, found: Dict[int, Tuple[int, float, bool]], surname_at: Callable[[str, int], str],
                   score: float, seed: float = 0.5) -> None:
    """Add to ``found`` (start -> (end, score, enhanced), as ``masking.person`` keeps it) the
    ``neighbours`` of its names scoring ``seed`` or more, at ``score``; a weaker reading of a part of
    an item gives way."""
    for start, end in neighbours(text, [(s, e) for s, (e, sc, _) in found.items() if sc >= seed], surname_at):
        clashing = [s for s, (e, _, _) in found.items() if s < end and start < e]
        if all(found[s][1] < score for s in clashing):
            for s in clashing:
                del found[s]
            found[start] = (end, score, True)


def lift_listed(text: str, spans, listing, listed_score: float, min_score: float):
    """Names listed next to a name (张伟、华桂珍) count as names: a weaker reading (``min_score`` or
    more) beside one scoring 0.5 or more is lifted to ``listed_score``; ``listing``: the separators."""
    spans = [list(s) for s in spans]
    for a, b in zip(spans, spans[1:]):
        if text[a[1]:b[0]] in listing:
            for x, y in ((a, b), (b, a)):
                if y[2] >= 0.5 and min_score <= x[2] < listed_score:
                    x[2] = listed_score
    return [tuple(s) for s in spans]
