"""Builders of valid (and deliberately invalid) identifiers for the masking tests."""
from __future__ import annotations

from gateway.identifiers import make_credit_code
from masking.check_digits import id_check_digit


def make_id(first17: str) -> str:
    """An 18-character ID number with its GB 11643 check digit."""
    return first17 + id_check_digit(first17)


def wrong_check_digit(id_number: str) -> str:
    """The same ID number with a check digit that fails."""
    wrong = "1" if id_number[17] != "1" else "2"
    return id_number[:17] + wrong


def luhn_complete(prefix: str) -> str:
    """``prefix`` followed by the digit that makes it pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


VALID_ID = make_id("44060419900307123")
VALID_ID_X = next(v for v in (make_id(f"44060419850610{i:03d}") for i in range(1000)) if v.endswith("X"))
VALID_CREDIT = make_credit_code("91440604MA4UJ8XX1")
VALID_CARD = luhn_complete("622202123456789012")  # 19 digits, UnionPay prefix


def found(results, text):
    """(entity, matched text) pairs of analyzer results, for readable assertions."""
    return sorted((r.entity_type, text[r.start:r.end]) for r in results)
