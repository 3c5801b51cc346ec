"""Identifiers read by OCR with letters for digits (issue 18, sixth round): O or o for 0, l or
I for 1 inside an ID number or a mobile (44O1O6199OO1O1OO17, l3812345678). Only a run that is
otherwise digits is read, and only when the converted run validates as written digits do: an
ID number with its check digit, a mobile with a mobile's first three digits. Codes mixing
letters and digits (a passport, an order number) do not validate and stand.
"""
from __future__ import annotations

import re
from typing import List, Tuple

from masking.check_digits import is_valid_id_number

_GATE = re.compile(r"\d[OoIl]|[OoIl]\d")
_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9OoIl]{10,17}[0-9OoIlXx](?![0-9A-Za-z])")
_TABLE = str.maketrans("OoIl", "0011")
_MOBILE = re.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}")
MAX_LETTERS = 4


def ocr_identifiers(text: str) -> List[Tuple[int, int, str]]:
    """(start, end, entity) of each ID number or mobile with OCR letters that validates."""
    if _GATE.search(text) is None:
        return []
    found = []
    for m in _RUN.finditer(text):
        run = m.group()
        letters = sum(c in "OoIl" for c in run)
        if not letters or letters > MAX_LETTERS:
            continue
        digits = run.translate(_TABLE)
        if len(digits) == 18 and is_valid_id_number(digits.upper()):
            found.append((m.start(), m.end(), "CN_ID_NUMBER"))
        elif len(digits) == 11 and _MOBILE.fullmatch(digits):
            found.append((m.start(), m.end(), "CN_MOBILE"))
    return found
