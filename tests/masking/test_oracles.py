"""The seventh corpus's check-digit oracles, on published examples and on their own round trips."""
from __future__ import annotations

import random

import pytest

from tests.masking.oracles import (CREDIT_ALPHABET, REGIONS, credit_check_char, credit_valid, id_check_char, id_valid,
                                   luhn_check_digit, luhn_valid, org_check_char, org_valid, region_valid)


def test_gb11643_standard_example_and_weights():
    assert id_valid("11010519491231002X")  # the example of GB 11643-1999
    assert id_valid("11010519491231002x")
    assert not id_valid("110105194912310021")
    assert id_check_char("11010519491231002") == "X"
    assert not id_valid("1101051949123100")  # too short
    assert not id_valid("11010519491231002Y")


@pytest.mark.parametrize("code", ["91350100M000100Y43",  # the example quoted with GB 32100
                                  "9144030071526726XG", "914403001922038216", "91330100716105852F"])
def test_gb32100_published_codes(code):
    assert credit_valid(code)
    assert org_valid(code[8:17])  # GB 11714 organisation code inside


def test_gb32100_rejects_wrong_check_and_forbidden_letters():
    assert not credit_valid("91350100M000100Y44")
    assert not credit_valid("91350100M000100Y4")
    assert not credit_valid("91350100M00O100Y43")  # O is not in the alphabet
    assert set("IOSVZ").isdisjoint(CREDIT_ALPHABET) and len(CREDIT_ALPHABET) == 31


def test_luhn_published_examples():
    assert luhn_valid("79927398713")  # the example of ISO/IEC 7812
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("79927398710")
    assert luhn_check_digit("7992739871") == "3"
    assert not luhn_valid("12a4")


def test_round_trips():
    rng = random.Random(7)
    for _ in range(500):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        assert id_valid(body + id_check_char(body))
        assert sum(id_valid(body + c) for c in "0123456789X") == 1
        cbody = "".join(rng.choice(CREDIT_ALPHABET) for _ in range(17))
        assert credit_valid(cbody + credit_check_char(cbody))
        assert sum(credit_valid(cbody + c) for c in CREDIT_ALPHABET) == 1
        obody = "".join(rng.choice("0123456789ABCDEFGH") for _ in range(8))
        assert org_valid(obody + org_check_char(obody))
        lbody = "".join(rng.choice("0123456789") for _ in range(rng.randint(15, 18)))
        assert luhn_valid(lbody + luhn_check_digit(lbody))
        assert sum(luhn_valid(lbody + c) for c in "0123456789") == 1


def test_regions():
    assert region_valid("440605") and region_valid("540102")
    assert not region_valid("440699") and not region_valid("999999")
    assert all(len(code) == 6 and code.isdigit() and code[2:] != "0000" for code in REGIONS)
