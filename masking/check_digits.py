"""Whether a found number is a well-formed citizen ID number or unified social credit code.

The check digits are python-stdnum's (``stdnum.cn.ric``: GB 11643, ``stdnum.cn.uscc``:
GB 32100); the forms around them are checked here, since stdnum's own ``is_valid`` would
also refuse numbers the recognizers must find: 15-digit IDs issued before 1999, IDs whose
area code its list of counties does not give for the birth year (440604, 禅城区, for anyone
born before 2002), and credit codes of registration authorities with a letter (N 农业, Y 其他).
"""
from __future__ import annotations

import datetime as _dt
import re

from stdnum.cn import ric, uscc

_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")
_CREDIT = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{18}$")


def id_check_digit(first17: str) -> str:
    """The GB 11643 check digit of 17 digits (0-9 or X)."""
    return ric.calc_check_digit(first17 + "?")  # stdnum's reads all but the last character


def is_real_date(yyyymmdd: str) -> bool:
    """Whether eight digits YYYYMMDD name a day of the calendar."""
    try:
        _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return True


def is_valid_id_number(value: str) -> bool:
    """An 18-character ID number: 17 digits, a real birth date, the right check digit."""
    return (bool(_ID18.match(value)) and is_real_date(value[6:14])
            and value[17] == ric.calc_check_digit(value))


def is_valid_legacy_id_number(value: str) -> bool:
    """The 15-digit form issued before 1999: area, YYMMDD birth date, sequence."""
    return bool(_ID15.match(value)) and is_real_date("19" + value[6:12])


def is_valid_credit_code(value: str) -> bool:
    """18 characters of GB 32100's alphabet, the last its check character."""
    return bool(_CREDIT.match(value)) and value[17] == uscc.calc_check_digit(value)
