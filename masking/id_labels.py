"""ID numbers right after their own label, whatever their check digit (issue 18, sixth round).

A form's 身份证号码：, 公民身份号码, 证件号码（身份证）： names what follows: eighteen characters
there with a province's code are someone's ID number even when a clerk mistyped one digit and
the check digit fails. Reported as CN_ID_NUMBER; documentation's examples are left to
``masking.placeholders``.
"""
from __future__ import annotations

import re
from typing import List, Tuple

_LABEL = re.compile(r"(?:公民)?身份(?:证|證)?(?:件)?(?:号码|號碼|号|號|编号)?|证件号码?|證件號碼?|证照号码|"
                    r"(?<![A-Za-z])(?:id_?card(?:_?no)?|id_?no|id_?number|sfzh|cert_?no)(?![A-Za-z])", re.IGNORECASE)
_EIGHTEEN = re.compile(r"\d{17}")  # the cheap test first: most texts hold no run of seventeen digits
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[1-8]\d{16}[\dXx](?![0-9A-Za-z])")
_GAP = re.compile(r"[\"']?\s*(?:[（(][^)）\n]{0,8}[)）])?\s*(?:[:：=]|为|是)?\s*[\"']?")
_LABEL_BEFORE = re.compile("(?:" + _LABEL.pattern + ")" + _GAP.pattern + "$", re.IGNORECASE)
PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split())


def labelled_ids(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each eighteen-character ID right after an ID label."""
    if _EIGHTEEN.search(text) is None:
        return []
    found = []
    for m in _CANDIDATE.finditer(text):  # the few candidates first, then the label before each
        if m.group()[:2] in PROVINCES and _LABEL_BEFORE.search(text, max(0, m.start() - 32), m.start()):
            found.append(m.span())
    return found
