"""Check digits of the identifiers the regulation names (§22).

- Citizen ID numbers, GB 11643-1999: 18 characters, the last a mod 11-2 check digit
  (``0-9`` or ``X``).
- Unified social credit codes, GB 32100-2015: 18 characters from a 31-character alphabet
  (no I, O, S, V, Z), the last a mod 31 check character.

The check digits are python-stdnum's (``stdnum.cn.ric``, ``stdnum.cn.uscc``). The forms and
messages are the gateway's: stdnum's ``validate`` also refuses IDs whose area code its list
of counties does not give for the birth year (禅城区 440604 for anyone born before 2002) and
credit codes whose registration authority is a letter (N 农业, Y 其他), and names no
expected check digit.
"""
from __future__ import annotations

import re
import unicodedata

from stdnum.cn import ric, uscc

from masking.check_digits import is_real_date

_ID18 = re.compile(r"^\d{17}[\dX]$")

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{18}$")


def normalize_identifier(value: str) -> str:
    """NFKC (full-width and other compatibility forms folded), whitespace removed, x -> X.

    A key NFKC folds still has to pass its check digit, and then names the record its plain
    form names."""
    return unicodedata.normalize("NFKC", value).strip().replace(" ", "").upper()


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 18-digit citizen ID number, or None if it is."""
    if not _ID18.match(value):
        return (f"a citizen ID number has 17 digits followed by a digit or X (this one has "
                f"{len(value)} characters once spaces and hyphens are taken out)")
    if not is_real_date(value[6:14]):
        # the date is not quoted: messages reach the audit trail, and a birth date is personal
        return "the birth date in the ID number (its characters 7 to 14) is not a real date"
    expected = ric.calc_check_digit(value)
    if value[17] != expected:
        return f"the check digit is {value[17]} but GB 11643 gives {expected} for these 17 digits"
    return None


def is_valid_id_number(value: str) -> bool:
    return id_number_problem(value) is None


def credit_check_char(first17: str) -> str:
    return uscc.calc_check_digit(first17)


def credit_code_problem(value: str) -> str | None:
    """Why ``value`` is not a valid unified social credit code, or None if it is."""
    if not _CREDIT.match(value):
        return ("a unified social credit code has 18 characters of 0-9 and A-Y "
                "without I, O, S, V or Z")
    expected = uscc.calc_check_digit(value)
    if value[17] != expected:
        return f"the check character is {value[17]} but GB 32100 gives {expected} for these 17"
    return None


def is_valid_credit_code(value: str) -> bool:
    return credit_code_problem(value) is None


def make_credit_code(first17: str) -> str:
    """Complete 17 characters with their GB 32100 check character."""
    return first17 + credit_check_char(first17)
