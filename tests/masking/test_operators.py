"""Column operators: partial masks, keyed hashes, encryption, generalisation."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from masking.errors import BadMaskingInput
from masking.kinds import FieldKind
from masking.operators import (
    age_band,
    amount_band,
    apply_operator,
    decrypt_value,
    encrypt_values,
    generalize_value,
    hash_values,
    mask_value,
)
from masking.policies import MaskingKeys, mask_column
from tests.masking.helpers import VALID_CARD, VALID_CREDIT, VALID_ID

HASH_KEY = b"0123456789abcdef-hash"
AES_KEY = bytes(range(32))


# -- mask -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kind,value,masked",
    [
        (FieldKind.ID_NUMBER, "440604199003071236", "440604********1236"),
        (FieldKind.ID_NUMBER, "440604900101123", "440604*****1123"),
        (FieldKind.PHONE, "13812345678", "138****5678"),
        (FieldKind.PHONE, "138-1234-5678", "138-****-5678"),
        (FieldKind.PHONE, "+86 13812345678", "+86 138****5678"),
        (FieldKind.PHONE, "0757-83331234", "0757-****1234"),
        (FieldKind.PHONE, "(020)87654321", "(020)****4321"),
        (FieldKind.NAME, "张三", "张*"),
        (FieldKind.NAME, "张三丰", "张**"),
        (FieldKind.NAME, "欧阳娜娜", "欧阳**"),
        (FieldKind.CREDIT_CODE, "91440604MA4UJ8XX14", "91440604********14"),
        (FieldKind.BANK_CARD, "6222021234567890128", "622202*********0128"),
        (FieldKind.BANK_CARD, "6222 0212 3456 7890 128", "6222 02** **** ***0 128"),
        (FieldKind.EMAIL, "zhangsan@163.com", "z***@163.com"),
        (FieldKind.PASSPORT, "E12345678", "E******78"),
        (FieldKind.LICENSE_PLATE, "粤E·12345", "粤E·***45"),
        (FieldKind.LICENSE_PLATE, "粤ED12345", "粤E****45"),
        (FieldKind.ADDRESS, "广东省佛山市南海区桂城街道南海大道北88号", "广东省佛山市南海区************"),
        (FieldKind.BIRTH_DATE, "1990-01-01", "1990-**-**"),
        (FieldKind.AMOUNT, "6500.50", "6***.**"),
        (FieldKind.OTHER, "AB1234", "A****4"),
    ],
)
def test_partial_masks(kind, value, masked):
    assert mask_value(value, kind) == masked
    if kind is not FieldKind.EMAIL:  # one * per hidden character
        assert len(masked) == len(value)


def test_mask_keeps_none_and_reads_dates_and_numbers():
    assert apply_operator("mask", [None, dt.date(1990, 1, 1)], FieldKind.BIRTH_DATE) == [None, "1990-**-**"]
    assert apply_operator("mask", [32, None, 6500], FieldKind.AGE) == ["3*", None, "6***"]


def test_too_short_values_are_still_masked():
    assert mask_value("12345", FieldKind.ID_NUMBER) == "1****"
    assert mask_value("张", FieldKind.NAME) == "张"  # a lone surname is all there is
    assert mask_value("x@y.cn", FieldKind.EMAIL) == "x***@y.cn"


# -- hash -----------------------------------------------------------------------------------
def test_hash_is_a_stable_keyed_pseudonym():
    first = hash_values([VALID_ID, "13812345678", None], FieldKind.ID_NUMBER, HASH_KEY)
    again = hash_values([VALID_ID, "13812345678", None], FieldKind.ID_NUMBER, HASH_KEY)
    other_key = hash_values([VALID_ID], FieldKind.ID_NUMBER, b"another-secret-key-16")
    assert first == again
    assert first[2] is None
    assert len(first[0]) == 64 and int(first[0], 16) >= 0
    assert first[0] != first[1]
    assert other_key[0] != first[0]
    assert VALID_ID not in first[0]


def test_hash_normalises_spellings_of_one_value():
    assert hash_values(["44060419850610009x"], FieldKind.ID_NUMBER, HASH_KEY) == hash_values(
        ["44060419850610009X"], FieldKind.ID_NUMBER, HASH_KEY
    )
    assert hash_values(["138-1234-5678"], FieldKind.PHONE, HASH_KEY) == hash_values(["13812345678"], FieldKind.PHONE, HASH_KEY)


def test_hash_length_and_key_rules():
    assert len(hash_values(["x"], FieldKind.OTHER, HASH_KEY, length=16)[0]) == 16
    with pytest.raises(BadMaskingInput):
        hash_values(["x"], FieldKind.OTHER, None)
    with pytest.raises(BadMaskingInput):
        hash_values(["x"], FieldKind.OTHER, b"short")
    with pytest.raises(BadMaskingInput):
        hash_values(["x"], FieldKind.OTHER, HASH_KEY, length=4)


# -- encrypt --------------------------------------------------------------------------------
def test_encrypt_decrypt_round_trip():
    values = [VALID_ID, "张三", None, 42]
    sealed = encrypt_values(values, AES_KEY)
    assert sealed[2] is None
    assert VALID_ID not in sealed[0]
    assert [decrypt_value(v, AES_KEY) for v in sealed] == [VALID_ID, "张三", None, "42"]


def test_encryption_uses_a_fresh_nonce():
    a, b = encrypt_values([VALID_ID, VALID_ID], AES_KEY)
    assert a != b
    assert decrypt_value(a, AES_KEY) == decrypt_value(b, AES_KEY) == VALID_ID


def test_wrong_key_or_tampering_is_refused():
    sealed = encrypt_values([VALID_ID], AES_KEY)[0]
    with pytest.raises(BadMaskingInput):
        decrypt_value(sealed, bytes(32))
    tampered = sealed[:-4] + ("AAAA" if sealed[-4:] != "AAAA" else "BBBB")
    with pytest.raises(BadMaskingInput):
        decrypt_value(tampered, AES_KEY)
    with pytest.raises(BadMaskingInput):
        encrypt_values(["x"], b"not 16/24/32 bytes")


# -- generalize -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value,year",
    [(dt.date(1990, 5, 17), "1990"), (dt.datetime(1985, 1, 2, 3, 4), "1985"), ("1990-05-17", "1990"),
     ("19900517", "1990"), ("1990年5月17日", "1990"), ("unknown", None)],
)
def test_birth_date_to_year(value, year):
    assert generalize_value(value, FieldKind.BIRTH_DATE) == year


@pytest.mark.parametrize("age,band", [(0, "0-4"), (32, "30-34"), (34, "30-34"), (35, "35-39"), ("47", "45-49"), (89, "85-89"), (90, "90+"), (-1, None), ("n/a", None)])
def test_age_bands(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize(
    "amount,band",
    [(0, "0-999"), (999.99, "0-999"), (1000, "1000-4999"), (4999, "1000-4999"), (5000, "5000-9999"), (6500, "5000-9999"),
     (9999, "5000-9999"), (10000, "10000-49999"), (75000, "50000-99999"), (120000, "100000-499999"), (-5, "<0"), ("abc", None)],
)
def test_amount_bands(amount, band):
    assert amount_band(amount) == band


@pytest.mark.parametrize(
    "kind,value,general",
    [
        (FieldKind.ADDRESS, "广东省佛山市南海区桂城街道南海大道北88号", "广东省佛山市南海区"),
        (FieldKind.ADDRESS, "顺德区大良街道凤山路1号", "顺德区"),
        (FieldKind.ADDRESS, "人民路12号", None),
        (FieldKind.ID_NUMBER, VALID_ID, "440604"),
        (FieldKind.NAME, "张三丰", "张"),
        (FieldKind.NAME, "欧阳娜娜", "欧阳"),
        (FieldKind.PHONE, "138-1234-5678", "138"),
        (FieldKind.PHONE, "0757-83331234", "0757"),
        (FieldKind.EMAIL, "zhangsan@163.com", "163.com"),
        (FieldKind.CREDIT_CODE, VALID_CREDIT, "91440604"),
        (FieldKind.BANK_CARD, VALID_CARD, "622202"),
        (FieldKind.LICENSE_PLATE, "粤E12345", "粤E"),
        (FieldKind.AGE, 32, "30-34"),
        (FieldKind.AMOUNT, 6500, "5000-9999"),
        (FieldKind.OTHER, "anything", None),
    ],
)
def test_generalize_by_kind(kind, value, general):
    assert generalize_value(value, kind) == general


# -- the column interface ------------------------------------------------------------------
def test_redact_keep_and_tag():
    values = ["张三", None, "李四"]
    assert apply_operator("redact", values, FieldKind.NAME) == [None, None, None]
    assert apply_operator("keep", values, FieldKind.NAME) == values
    assert apply_operator("tag", values, FieldKind.NAME) == ["<PERSON>", None, "<PERSON>"]


def test_unknown_operator_is_refused():
    with pytest.raises(BadMaskingInput):
        apply_operator("scramble", ["x"], FieldKind.OTHER)


def test_arrow_columns_in_and_out():
    column = pa.array([VALID_ID, None, "440604900101123"])
    masked = mask_column(column, FieldKind.ID_NUMBER, "mask")
    assert isinstance(masked, pa.Array)
    assert masked.to_pylist() == ["440604********1236", None, "440604*****1123"]
    chunked = pa.chunked_array([[30, 41], [None]])
    assert mask_column(chunked, FieldKind.AGE, "generalize").to_pylist() == ["30-34", "40-44", None]
    assert mask_column(column, FieldKind.ID_NUMBER, "redact").null_count == 3
    assert mask_column(column, FieldKind.ID_NUMBER, "keep") is column


def test_keys_reach_the_keyed_operators():
    keys = MaskingKeys(hash_key=HASH_KEY, encryption_key=AES_KEY)
    assert mask_column([VALID_ID], FieldKind.ID_NUMBER, "hash", keys=keys) == hash_values([VALID_ID], FieldKind.ID_NUMBER, HASH_KEY)
    sealed = mask_column([VALID_ID], FieldKind.ID_NUMBER, "encrypt", keys=keys)
    assert decrypt_value(sealed[0], AES_KEY) == VALID_ID
    assert "0123" not in repr(keys)


@pytest.mark.parametrize("key", [b"0123456789abcdef", b"k" * 64, b"a much longer key " * 8])
def test_hash_is_standard_hmac_sha256(key):
    import hashlib
    import hmac

    expected = hmac.new(key, "张三".encode(), hashlib.sha256).hexdigest()
    assert hash_values(["张三"], FieldKind.NAME, key) == [expected]
