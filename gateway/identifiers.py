"""Check digits of the identifiers the regulation names (§22).

- Citizen ID numbers, GB 11643-1999: 18 characters, the last a mod 11-2 check digit
  (``0-9`` or ``X``); the legacy 15-digit form has no check digit but a 6-digit birth date.
- Unified social credit codes, GB 32100-2015: 18 characters from a 31-character alphabet
  (no I, O, S, V, Z), the last a mod 31 check character.
"""
from __future__ import annotations

import datetime as _dt
import re

_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_ALPHABET)}
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_CREDIT = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{18}$")


def normalize_identifier(value: str) -> str:
    """Strip whitespace, fold full-width characters and upper-case (x -> X)."""
    return fold_width(value).strip().replace(" ", "").upper()


_HALF_WIDTH = {0x3000: " ", **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}}


def fold_width(value: str) -> str:
    """Turn full-width ASCII (Ａ１２, the ideographic space) into half-width."""
    return value if value.isascii() else value.translate(_HALF_WIDTH)


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _valid_date(yyyymmdd: str) -> bool:
    try:
        _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return True


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 18-digit citizen ID number, or None if it is."""
    if not _ID18.match(value):
        return "a citizen ID number has 17 digits followed by a digit or X"
    if not _valid_date(value[6:14]):
        return f"the birth date {value[6:14]} in the ID number is not a real date"
    expected = id_check_digit(value[:17])
    if value[17] != expected:
        return f"the check digit is {value[17]} but GB 11643 gives {expected} for these 17 digits"
    return None


def is_valid_id_number(value: str) -> bool:
    return id_number_problem(value) is None


def is_valid_legacy_id_number(value: str) -> bool:
    """The 15-digit form issued before 1999: area, YYMMDD birth date, sequence."""
    return bool(_ID15.match(value)) and _valid_date("19" + value[6:12])


def credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_VALUE[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    """Why ``value`` is not a valid unified social credit code, or None if it is."""
    if not _CREDIT.match(value):
        return ("a unified social credit code has 18 characters of 0-9 and A-Y "
                "without I, O, S, V or Z")
    expected = credit_check_char(value[:17])
    if value[17] != expected:
        return f"the check character is {value[17]} but GB 32100 gives {expected} for these 17"
    return None


def is_valid_credit_code(value: str) -> bool:
    return credit_code_problem(value) is None


def make_credit_code(first17: str) -> str:
    """Complete 17 characters with their GB 32100 check character."""
    return first17 + credit_check_char(first17)
