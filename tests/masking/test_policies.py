"""Field policies: defaults per sensitivity and channel, whole records and tables."""
from __future__ import annotations

import pyarrow as pa
import pytest

from masking.errors import BadMaskingInput
from masking.kinds import Channel, FieldKind, Sensitivity
from masking.policies import FieldPolicy, MaskingKeys, MaskingPolicy, mask_column
from tests.masking.helpers import VALID_CREDIT, VALID_ID

KEYS = MaskingKeys(hash_key=b"policy-test-hmac-key", encryption_key=bytes(32))


@pytest.mark.parametrize(
    "sensitivity,shared,opened",
    [
        (Sensitivity.PUBLIC, "keep", "keep"),
        (Sensitivity.INTERNAL, "keep", "redact"),
        (Sensitivity.PERSONAL, "keep", "generalize"),
        (Sensitivity.SENSITIVE_PERSONAL, "mask", "redact"),
        (Sensitivity.DIRECT_IDENTIFIER, "keep", "mask"),
    ],
)
def test_default_operators_per_sensitivity(sensitivity, shared, opened):
    policy = FieldPolicy(FieldKind.OTHER, sensitivity)
    assert policy.operator(Channel.SHARED) == shared
    assert policy.operator("open") == opened


def test_explicit_operators_override_defaults_and_are_checked():
    policy = FieldPolicy("ID_NUMBER", "DIRECT_IDENTIFIER", shared="hash", open="redact")
    assert policy.kind is FieldKind.ID_NUMBER and policy.sensitivity is Sensitivity.DIRECT_IDENTIFIER
    assert (policy.operator("shared"), policy.operator("open")) == ("hash", "redact")
    with pytest.raises(BadMaskingInput):
        FieldPolicy(FieldKind.NAME, Sensitivity.PERSONAL, open="blur")
    with pytest.raises(ValueError):
        FieldPolicy("NAME", "SECRET")


POLICY = MaskingPolicy(
    {
        "idNumber": FieldPolicy(FieldKind.ID_NUMBER, Sensitivity.DIRECT_IDENTIFIER, shared="hash"),
        "legalRepresentative": FieldPolicy(FieldKind.NAME, Sensitivity.DIRECT_IDENTIFIER),
        "creditCode": FieldPolicy(FieldKind.CREDIT_CODE, Sensitivity.PUBLIC),
        "birthDate": FieldPolicy(FieldKind.BIRTH_DATE, Sensitivity.PERSONAL),
        "monthlyBase": FieldPolicy(FieldKind.AMOUNT, Sensitivity.PERSONAL),
        "remark": FieldPolicy(FieldKind.FREE_TEXT, Sensitivity.PERSONAL, open="tag"),
    }
)
RECORDS = [
    {"idNumber": VALID_ID, "legalRepresentative": "张三丰", "creditCode": VALID_CREDIT, "birthDate": "1990-03-07",
     "monthlyBase": 6500, "remark": "联系人李娜，手机13812345678", "caseNo": "A-17"},
    {"idNumber": None, "legalRepresentative": "欧阳娜娜", "creditCode": VALID_CREDIT, "birthDate": None,
     "monthlyBase": 1200, "remark": "材料齐全", "caseNo": "A-18"},
]


def test_open_channel_masks_records():
    first, second = POLICY.mask_records(RECORDS, Channel.OPEN, KEYS)
    assert first == {
        "idNumber": "440604********1236",
        "legalRepresentative": "张**",
        "creditCode": VALID_CREDIT,
        "birthDate": "1990",
        "monthlyBase": "5000-9999",
        "remark": "联系人<PERSON>，手机<CN_MOBILE>",
        "caseNo": None,  # no policy: redacted when opened
    }
    assert second["legalRepresentative"] == "欧阳**" and second["remark"] == "材料齐全"


def test_shared_channel_keeps_granted_values_but_hashes_on_request():
    first, _ = POLICY.mask_records(RECORDS, "shared", KEYS)
    assert first["legalRepresentative"] == "张三丰"
    assert first["caseNo"] == "A-17"
    assert len(first["idNumber"]) == 64 and first["idNumber"] != VALID_ID


def test_tables_keep_their_column_order():
    table = pa.table({"monthlyBase": [6500, 120000], "legalRepresentative": ["张三", None]})
    masked = POLICY.mask_table(table, Channel.OPEN)
    assert masked.column_names == ["monthlyBase", "legalRepresentative"]
    assert masked.to_pydict() == {"monthlyBase": ["5000-9999", "100000-499999"], "legalRepresentative": ["张*", None]}


def test_free_text_column_is_scanned():
    texts = ["申请人张伟，身份证号" + VALID_ID, None, "无"]
    assert mask_column(texts, FieldKind.FREE_TEXT, "mask") == ["申请人张*，身份证号440604********1236", None, "无"]
    assert mask_column(texts, FieldKind.FREE_TEXT, "tag")[0] == "申请人<PERSON>，身份证号<CN_ID_NUMBER>"
    assert mask_column(texts, FieldKind.FREE_TEXT, "redact") == [None, None, None]
