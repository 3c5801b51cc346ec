"""Identifiers as people write them: runs of digits with spaces or hyphens in any grouping,
glued to each other or to a letter prefix.

A run is a digit followed by digits (or the X of an ID number), with at most one separator
between any two: one to three spaces, or a hyphen or dash (-, –, —) with spaces around it or
not: ``440606 19800101 123X``, ``4406-0619-8001-0112-3X``, ``138 - 1234 - 5678``,
``440606  19800101  123X``, ``6228—4812—3456—7890—128``,
``44060619800101123X13812345678``, ``622848 9008520568123``. Each run is read as a whole
first (an ID number with a passed check, a mobile with or without 86/0086, a card of 16-19
digits passing Luhn), then as an exact sequence of ID numbers and mobiles glued together;
a run that is neither gives nothing, so that a digit left over (9 + an ID number) keeps the
whole run unclaimed. The check digits, Luhn and the birth date are what make this precise:
a run that only looks like an identifier is not reported here (the plain patterns of
``masking.recognizers`` still grade it).

``candidates(text)`` gives ``(start, end, entity)`` spans, in the text's offsets, of the
(width-folded) text; the recognizers grade them like their own matches.
"""
from __future__ import annotations

import functools
from typing import List, Optional, Tuple

import regex

from masking import spoken_digits
from masking.check_digits import is_real_date, is_valid_id_number, is_valid_legacy_id_number

# Hyphens and dashes people put between digit groups (full width too: a text is folded only
# when it holds full-width letters or digits).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d"
# Spaces: also the no-break and thin spaces of web pages and OCR output (138\u00a00013\u00a08000).
SPACES = "\u3000\u00a0\u2000-\u200a\u202f"
SEPARATOR = r"(?:[ " + SPACES + r"]{1,3}|[ " + SPACES + r"]{0,2}[" + DASHES + r"]{1,2}[ " + SPACES + r"]{0,2})"
# A run of digits (and X) with one separator at most between two; not inside a longer number.
_RUN = regex.compile(r"(?<![0-9])[0-9](?:" + SEPARATOR + r"[0-9]|[0-9Xx])*")
# Wider than one space or hyphen: also how a table's columns are set apart (4521  3367  2890  1234),
# where one row in ten passes Luhn; such a run is a card only after a card's label.
_WIDE = regex.compile(r"[ " + SPACES + r"]{2}|[^ " + SPACES + r"\-0-9Xx]|[ " + SPACES + r"][" + DASHES + r"]")
_CARD_LABEL = regex.compile(r"卡|账号|帐号|账户|帐户|开户|银行")
# An ID number's label right before a run: a grouped number with a mistyped check digit there is
# still its holder's (the compact form is graded the same way by the ID recognizer).
_ID_LABEL = regex.compile(r"身份证|身份号码|公民身份|证件号")
# A run broken by a line, as an OCR'd form wraps an ID number (4406821982⏎03154516).
_LINE_BREAK = regex.compile(r"[ \u3000]*\n[ \u3000]*")
_RUN_ACROSS_LINES = regex.compile(r"(?<![0-9])[0-9](?:(?:" + SEPARATOR + r"|[ \u3000]*\n[ \u3000]*)[0-9]|[0-9Xx])*")
_MOBILE = regex.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}")
CARD_SCHEMES = ("62", "60", "4", "5", "35", "9")

Candidate = Tuple[int, int, str]


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check of card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _mobile_length(digits: str, i: int) -> int:
    """Length of a mobile at ``digits[i:]`` with an optional 86/0086 prefix, or 0."""
    for prefix in ("0086", "86", ""):
        if digits.startswith(prefix, i) and _MOBILE.match(digits, i + len(prefix)):
            return len(prefix) + 11
    return 0


def _whole(digits: str) -> Optional[str]:
    """The entity a whole run is, or None."""
    n = len(digits)
    if n == 18 and is_valid_id_number(digits):
        return "CN_ID_NUMBER"
    if n == 15 and digits.isdigit() and is_valid_legacy_id_number(digits):
        return "CN_ID_NUMBER"
    if n in (11, 13, 15) and _mobile_length(digits, 0) == n:
        return "CN_MOBILE"
    if 16 <= n <= 19 and digits.isdigit() and digits.startswith(CARD_SCHEMES) and luhn_ok(digits):
        return "CN_BANK_CARD"
    return None


def _glued(digits: str) -> Optional[List[Tuple[int, int, str]]]:
    """The run as an exact sequence of ID numbers and mobiles, or None."""
    pieces: List[Tuple[int, int, str]] = []
    i = 0
    while i < len(digits):
        if is_valid_id_number(digits[i:i + 18]):
            pieces.append((i, i + 18, "CN_ID_NUMBER"))
            i += 18
            continue
        if i == 0 and is_valid_legacy_id_number(digits[:15]) and _mobile_length(digits, 15) == len(digits) - 15:
            pieces.append((0, 15, "CN_ID_NUMBER"))  # a 15-digit ID only with a mobile after it
            i = 15
            continue
        n = _mobile_length(digits, i)
        if n:
            pieces.append((i, i + n, "CN_MOBILE"))
            i += n
            continue
        return None
    return pieces if len(pieces) > 1 else None


@functools.lru_cache(maxsize=256)
def candidates(text: str) -> Tuple[Candidate, ...]:
    """Identifiers read from the runs of digits of ``text`` (cached: every recognizer asks)."""
    out: List[Candidate] = []
    for run in _RUN.finditer(text):
        value = run.group()
        if len(value) < 11:  # shorter than any identifier read here (dates, amounts …)
            continue
        start = run.start()
        positions = [start + k for k, ch in enumerate(value) if ch.isdigit() or ch in "Xx"]
        digits = "".join(value[p - start] for p in positions).upper()
        if "X" in digits[:-1] and not _glued(digits):
            continue
        entity = _whole(digits)
        if entity is None and _disability_card(digits):
            out.append((positions[0], positions[17] + 1, "CN_ID_NUMBER"))
            continue
        if entity is None and _mistyped_id(digits) and _ID_LABEL.search(text, max(0, start - 12), start):
            entity = "CN_ID_NUMBER"  # 440682-19820315-4513 after 身份证号: graded down, lifted by the label
        if entity == "CN_BANK_CARD" and _WIDE.search(value) and not _CARD_LABEL.search(text, max(0, start - 12), start):
            continue
        if entity is not None:
            out.append((positions[0], positions[-1] + 1, entity))
            continue
        for i, j, entity in _glued(digits) or ():
            out.append((positions[i], positions[j - 1] + 1, entity))
    if "\n" in text:
        out.extend(_across_lines(text, out))
    out.extend(spoken_digits.candidates(text, _whole, _glued))  # 幺三八 一二三四 五六七八
    return tuple(out)


def _disability_card(digits: str) -> bool:
    """A disability card's number: the holder's ID number, then its category (1-7) and grade (1-4)
    (残疾人证号 4406821982031545161 2): the ID number inside is the personal part."""
    return len(digits) == 20 and digits[18] in "1234567" and digits[19] in "1234" and is_valid_id_number(digits[:18])


def _mistyped_id(digits: str) -> bool:
    """18 characters with an ID number's province and birth date and a wrong check digit."""
    return len(digits) == 18 and digits[:17].isdigit() and digits[0] in "1234568" and is_real_date(digits[6:14])


def _across_lines(text: str, found: List[Candidate]) -> List[Candidate]:
    """ID numbers, mobiles and cards whose digits an OCR'd form or a narrow table cell broke over two
    lines (440682198203⏎154516, 1380013⏎8000): two adjacent lines' runs that together are an ID
    number with its check digit, a disability card's number, a mobile or (after a card's label) a
    card passing Luhn, and nothing else (a
    table's rows of numbers stay apart). A card read by chance from one piece gives way."""
    out: List[Candidate] = []
    for run in _RUN_ACROSS_LINES.finditer(text):
        value = run.group()
        if "\n" not in value:
            continue
        pieces, pos = [], 0
        for m in _LINE_BREAK.finditer(value):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(value)))
        for (a, b), (c, d) in zip(pieces, pieces[1:]):
            start = run.start() + a
            positions = [start + k for k, ch in enumerate(value[a:d]) if ch.isdigit() or ch in "Xx"]
            digits = "".join(text[p] for p in positions).upper()
            if len(digits) == 18 and is_valid_id_number(digits):
                entity = "CN_ID_NUMBER"
            elif _disability_card(digits):
                entity, positions = "CN_ID_NUMBER", positions[:18]
            elif len(digits) == 11 and _mobile_length(digits, 0) == 11 and b - a >= 3 and d - c >= 3:
                entity = "CN_MOBILE"  # each line holds three digits or more: not a stray digit below
            elif 16 <= len(digits) <= 19 and digits.isdigit() and digits.startswith(CARD_SCHEMES) and luhn_ok(digits) \
                    and b - a >= 4 and d - c >= 4 and _CARD_LABEL.search(text, max(0, start - 12), start):
                entity = "CN_BANK_CARD"  # 账号：6222021234⏎567890128: after a card's label only
            else:
                continue
            first, last = positions[0], positions[-1] + 1
            clashing = [f for f in found if f[0] < last and first < f[1]]
            if all(f[2] == "CN_BANK_CARD" for f in clashing):
                for f in clashing:
                    found.remove(f)
                out.append((first, last, entity))
    return out
