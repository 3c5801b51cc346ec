"""propose_policy: kind, sensitivity and operators from a column's name and values."""
from __future__ import annotations

import datetime as dt

from faker import Faker

from masking.kinds import FieldKind, Sensitivity
from masking.proposal import kind_from_name, propose_policy

fake = Faker("zh_CN")
Faker.seed(11)


def test_id_numbers_are_direct_identifiers_masked_when_opened():
    proposal = propose_policy("idNumber", [fake.ssn() for _ in range(40)])
    assert (proposal.kind, proposal.sensitivity) == (FieldKind.ID_NUMBER, Sensitivity.DIRECT_IDENTIFIER)
    assert (proposal.open_operator, proposal.shared_operator) == ("mask", "keep")
    assert proposal.confidence >= 0.9
    assert proposal.entity_counts["CN_ID_NUMBER"] == 40


def test_values_decide_even_under_an_uninformative_name():
    proposal = propose_policy("col7", [fake.phone_number() for _ in range(30)])
    assert proposal.kind is FieldKind.PHONE
    assert 0.5 <= proposal.confidence < 1.0


def test_free_text_with_personal_data():
    values = [f"申请人{fake.name()}于2026年3月提交材料，电话{fake.phone_number()}" for _ in range(20)] + ["材料齐全，予以受理"] * 10
    proposal = propose_policy("remark", values)
    assert (proposal.kind, proposal.sensitivity, proposal.open_operator) == (FieldKind.FREE_TEXT, Sensitivity.PERSONAL, "tag")
    assert proposal.entity_counts["PERSON"] >= 18 and proposal.entity_counts["CN_MOBILE"] == 20


def test_numbers_dates_and_names():
    assert propose_policy("age", [fake.random_int(18, 80) for _ in range(30)]).kind is FieldKind.AGE
    income = propose_policy("monthlyIncome", [fake.random_int(2000, 30000) for _ in range(30)])
    assert (income.kind, income.sensitivity, income.open_operator) == (FieldKind.AMOUNT, Sensitivity.PERSONAL, "generalize")
    birth = propose_policy("birthDate", [fake.date_of_birth() for _ in range(30)])
    assert (birth.kind, birth.open_operator) == (FieldKind.BIRTH_DATE, "generalize")
    assert propose_policy("updatedAt", [dt.date(2026, 1, d) for d in range(1, 20)]).sensitivity is Sensitivity.INTERNAL
    names = propose_policy("legalRepresentative", [fake.name() for _ in range(40)])
    assert (names.kind, names.open_operator) == (FieldKind.NAME, "mask")


def test_unknown_columns_fail_closed():
    proposal = propose_policy("category", ["A", "B", "C"] * 10)
    assert (proposal.kind, proposal.sensitivity, proposal.open_operator) == (FieldKind.OTHER, Sensitivity.INTERNAL, "redact")
    assert propose_policy("notes", []).kind is FieldKind.FREE_TEXT


def test_sensitive_names_raise_the_class():
    proposal = propose_policy("diagnosis", ["高血压", "糖尿病"] * 10)
    assert proposal.sensitivity is Sensitivity.SENSITIVE_PERSONAL
    assert proposal.open_operator == "redact"


def test_names_suggest_kinds():
    assert kind_from_name("idNumber") is FieldKind.ID_NUMBER
    assert kind_from_name("身份证号码") is FieldKind.ID_NUMBER
    assert kind_from_name("联系电话") is FieldKind.PHONE
    assert kind_from_name("companyName") is None
    assert kind_from_name("contactName") is FieldKind.NAME
    assert kind_from_name("page") is None


def test_as_policy():
    policy = propose_policy("idNumber", [fake.ssn() for _ in range(10)]).as_policy()
    assert policy.operator("open") == "mask"
