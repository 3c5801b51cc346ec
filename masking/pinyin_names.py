"""Names in Latin letters beside Chinese ones (issue 18, sixth round): the pinyin or Cantonese
name of an exit-entry form or a Hong Kong document (ZHANG Wei, CHAN Tai Man, Zhang San),
read only right after a label saying it is a name: 姓名（拼音）, 拼音姓名, 英文名, 英文姓名,
Name, Surname, Given name(s). Two to four capitalised words; a label with a word before it
(Company Name, Product Name) or a value naming a firm (… Limited) is no person's.
"""
from __future__ import annotations

import re
from typing import List, Tuple

_GATE = re.compile(r"拼音|英文|[Nn]ame|NAME")
_LABEL = re.compile(
    r"(?:姓名\s*[(（]\s*(?:拼音|英文)\s*[)）]|(?:姓名)?拼音(?:姓名)?|英文(?:姓)?名(?:字)?|"
    r"(?:[Ff]ull |[Gg]iven |[Ee]nglish )?(?:[Nn]ame|NAME)s?(?: in (?:[Pp]inyin|English))?|[Ss]urname|SURNAME)"
    r"\s*[:：]\s*")
_WORD = r"[A-Z][A-Za-z']{0,11}"
_NAME = re.compile(_WORD + r"(?:(?:,\s?|[ \-])" + _WORD + r"){0,3}(?![A-Za-z])")
_FIRMS = re.compile(r"\b(?:Limited|Ltd|Co|Company|Inc|Corp|Group|Bank|Street|Road|Hotel|University|Department)\b")
_NEXT_FIELDS = frozenset({"Sex", "Gender", "Date", "DOB", "Birth", "Nationality", "Passport", "No", "Tel", "Phone", "ID", "Age"})
_PLACEHOLDERS = frozenset({"String", "Null", "None", "Test", "Example", "Sample", "Name", "N/A", "NA", "Yes", "No"})


def pinyin_names(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each Latin-letter name right after a name label."""
    if _GATE.search(text) is None:
        return []
    found = []
    for label in _LABEL.finditer(text):
        before = text[max(0, label.start() - 2):label.start()].rstrip()
        if before and before[-1].isascii() and before[-1].isalpha():
            continue  # Company Name:, Product Name:
        m = _NAME.match(text, label.end())
        if m is None:
            continue
        words = re.split(r"(?<=[A-Za-z'])(?=[ ,\-])", m.group())
        while words and words[-1].strip(" ,-") in _NEXT_FIELDS:
            words.pop()  # ZHANG Wei Sex: M
        value = "".join(words).rstrip(" ,-")
        if not value:
            continue
        if value in _PLACEHOLDERS or value.split()[0] in _PLACEHOLDERS or _FIRMS.search(value):
            continue
        found.append((m.start(), m.start() + len(value)))
    return found
