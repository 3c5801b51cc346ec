"""Hong Kong and Macao residents' contact points and permits (issue 18, sixth round).

- Phones: eight digits, a Hong Kong or Macao landline or mobile (2xxx xxxx, 5/6/9xxx xxxx,
  Macao's 28xx xxxx and 6xxx xxxx), read only with their country code (+852, 00853, (852))
  or right after a phone label in either script (電話, 手機, 联系电话, Tel); reported as
  CN_LANDLINE. A label's eight digits without an area code are a mainland landline just as
  often, which is the same entity.
- Permits: 港澳居民来往内地通行证 (回乡证; H or M and eight digits, sometimes a two-digit
  renewal, 12345678(01)) and Taiwan's 台胞证 numbers after their names written in traditional
  characters (回鄉證, 通行證號碼, 臺胞證); reported as CN_PASSPORT.
"""
from __future__ import annotations

import re
from typing import List, Tuple

_GATE = re.compile(r"85[23]|電話|电话|手機|手机|[Tt]el|TEL|[Pp]hone|聯絡|聯繫")
_EIGHT = r"[2-9]\d{3}[ \-]?\d{4}"
_DIGITS = re.compile(r"\d{4}[ \-]?\d{4}")  # the cheap test first
_CODED = re.compile(r"(?:\+|00|(?<=[(（]))\s?85[23][)）]?[ \-]?" + _EIGHT + r"(?![\d\-])")
_PHONE_LABEL = re.compile(
    r"(?:電話|电话|手機|手机|手提|流動電話|傳真|传真|[Tt]el|TEL|[Pp]hone|PHONE|[Mm]obile)"
    r"(?:號碼|号码|號|号)?(?:\s*[（(][^)）\n]{0,6}[)）])?\s*[:：]?\s*")
_PHONE_LABEL_BEFORE = re.compile("(?:" + _PHONE_LABEL.pattern + ")$")
_LOCAL = re.compile(r"(?<![\d\-+])" + _EIGHT + r"(?![\d\-])")
_PERMIT_LABEL = re.compile(r"回鄉證|回乡证|通行證|通行证|臺胞證|台胞證|臺灣居民來往大陸")
_PERMIT = re.compile(r"(?<![0-9A-Za-z])(?:[HM]\d{8}|\d{8})(?:[(（]\d{2}[)）]|\d{2})?(?![0-9A-Za-z])")
_REACH = 16


def phones(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each Hong Kong or Macao phone (or a labelled local eight-digit one)."""
    if _DIGITS.search(text) is None or _GATE.search(text) is None:
        return []
    found = [m.span() for m in _CODED.finditer(text)] if "85" in text else []
    for m in _LOCAL.finditer(text):  # the few candidates first, then the label before each
        if _PHONE_LABEL_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            found.append(m.span())
    return found


def permits(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each home-visit or Taiwan permit number after its traditional label."""
    if "證" not in text and "证" not in text:
        return []
    found = []
    for label in _PERMIT_LABEL.finditer(text):
        window = text[label.end():label.end() + _REACH + 12]
        m = _PERMIT.search(window)
        if m is None or m.start() > _REACH or re.search(r"\d|[。；;]", window[:m.start()]):
            continue
        if not m.group().startswith(("H", "M")) and label.group() in ("回鄉證", "回乡证"):
            continue
        found.append((label.end() + m.start(), label.end() + m.end()))
    return found
