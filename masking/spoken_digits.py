"""Identifiers read out digit by digit, as call transcripts and police notes write them down
(issue 18, fifth round): 幺三八幺二三四五六七八, 一三八 一二三四 五六七八, 四四〇六〇六一九八〇…,
洞 or 零 for 0, 两 for 2, 拐 for 7, 幺 for 1, mixed with Arabic digits and set apart by spaces,
commas or 、.

A run of such digits (at least one of them spoken) is converted to Arabic digits and handed to
``masking.digit_runs``'s reading of a run as a whole (an ID number with its check digit and
birth date, a mobile in an allocated segment) or as IDs and mobiles glued together: that
validation stays what makes a run an identifier. Numerals that are amounts, dates or counts
(三千五百元, 二〇二四年, 十二个) hold 十, 百, 千, 万 or are too short to be any identifier,
so they never form a run of eleven digits or more.
"""
from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

SPOKEN = {"零": "0", "〇": "0", "洞": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
          "五": "5", "六": "6", "七": "7", "拐": "7", "八": "8", "九": "9"}
_SPOKEN_CHARS = "".join(SPOKEN)
_DIGIT = "[0-9" + _SPOKEN_CHARS + "]"
# One separator at most between two digits: a space (full width too), a comma, 、 or a hyphen.
_SEP = r"[ \u3000,，、\-]?"
_RUN = re.compile(r"(?<![0-9" + _SPOKEN_CHARS + r"十百千万])" + _DIGIT + r"(?:" + _SEP + _DIGIT + r")*(?:" + _SEP + r"[Xx叉])?"
                  r"(?![0-9" + _SPOKEN_CHARS + r"十百千万])")
# Three spoken digits in a row (separators allowed): the cheap test every text passes first.
_GATE = re.compile("[" + _SPOKEN_CHARS + "]" + _SEP + "[" + _SPOKEN_CHARS + "]" + _SEP + "[" + _SPOKEN_CHARS + "]")
_NORMAL = str.maketrans({**SPOKEN, "叉": "X", "x": "X"})

Candidate = Tuple[int, int, str]


def may_hold(text: str) -> bool:
    return _GATE.search(text) is not None


def normalise(value: str) -> str:
    """``value`` as Arabic digits (and X), separators dropped: 幺三八，一二三四 -> 1381234."""
    return "".join(ch for ch in value.translate(_NORMAL) if ch.isdigit() or ch == "X")


def candidates(text: str, whole: Callable[[str], Optional[str]],
               glued: Callable[[str], Optional[List[Tuple[int, int, str]]]]) -> List[Candidate]:
    """(start, end, entity) of the IDs and mobiles read out in ``text``; ``whole`` and ``glued`` are
    ``digit_runs``'s readings of a string of digits."""
    if not may_hold(text):
        return []
    out: List[Candidate] = []
    for run in _RUN.finditer(text):
        if not any(ch in SPOKEN for ch in run.group()):
            continue  # Arabic digits alone: digit_runs reads them
        # the run as a whole, else its pieces between commas, longest first from the left
        # (一三八，一二三四，五六七八，二〇二四年: the mobile, not the year after it)
        cuts = [run.start()] + [m.end() for m in _COMMA.finditer(text, run.start(), run.end())] + [run.end() + 1]
        i = 0
        while i < len(cuts) - 1:
            for j in range(len(cuts) - 1, i, -1):
                found = _read(text, cuts[i], cuts[j] - 1 if j < len(cuts) - 1 else run.end(), whole, glued)
                if found:
                    out.extend(found)
                    i = j - 1
                    break
            i += 1
    return out


_COMMA = re.compile("[,，、]")


def _read(text: str, start: int, end: int, whole, glued) -> List[Candidate]:
    """The IDs and mobiles ``text[start:end]`` holds as a whole or glued, or []."""
    value = text[start:end]
    positions = [start + k for k, ch in enumerate(value) if ch in SPOKEN or ch.isdigit() or ch in "Xx叉"]
    if len(positions) < 11:
        return []
    digits = normalise(value)
    if "X" in digits[:-1]:
        return []
    entity = whole(digits)
    if entity in ("CN_ID_NUMBER", "CN_MOBILE"):
        return [(positions[0], positions[-1] + 1, entity)]
    return [(positions[i], positions[j - 1] + 1, entity) for i, j, entity in glued(digits) or ()]
