"""The pattern recognizers: every entity, check digits that lower scores, context, lookarounds."""
from __future__ import annotations

import pytest

from gateway.identifiers import make_credit_code
from masking.analyzer import DEFAULT_THRESHOLD, analyze_texts
from tests.masking.helpers import VALID_CARD, VALID_CREDIT, VALID_ID, VALID_ID_X, found, luhn_complete, wrong_check_digit


def scores(text: str, entity: str, threshold: float = 0.0) -> list[tuple[str, float]]:
    """(matched text, score) of ``entity`` results in ``text``, above ``threshold``."""
    return [(text[r.start:r.end], round(r.score, 2)) for r in analyze_texts([text], threshold=threshold)[0] if r.entity_type == entity]


def best(text: str, entity: str) -> float:
    return max((s for _, s in scores(text, entity)), default=0.0)


# -- ID numbers -----------------------------------------------------------------------------
def test_valid_id_number_is_found_alone():
    assert scores(f"号码{VALID_ID}已登记", "CN_ID_NUMBER", DEFAULT_THRESHOLD) == [(VALID_ID, 0.9)]


def test_id_number_with_x_in_either_case():
    assert best(VALID_ID_X, "CN_ID_NUMBER") == 0.9
    assert best(VALID_ID_X.lower(), "CN_ID_NUMBER") == 0.9


def test_wrong_check_digit_lowers_the_score_but_keeps_the_candidate():
    bad = wrong_check_digit(VALID_ID)
    assert best(bad, "CN_ID_NUMBER") == 0.35
    assert analyze_texts([bad])[0] == []  # below the default threshold on its own
    assert scores(bad, "CN_ID_NUMBER", threshold=0.3) == [(bad, 0.35)]


def test_context_word_lifts_a_wrong_check_digit_over_the_threshold():
    bad = wrong_check_digit(VALID_ID)
    text = f"身份证号：{bad}"
    assert scores(text, "CN_ID_NUMBER", DEFAULT_THRESHOLD) == [(bad, 0.7)]


def test_context_boosts_a_valid_id_number():
    assert best(f"身份证号码{VALID_ID}", "CN_ID_NUMBER") == 1.0


def test_impossible_birth_date_scores_lowest():
    no_date = VALID_ID[:10] + "13" + VALID_ID[12:]  # month 13
    assert best(no_date, "CN_ID_NUMBER") == 0.2


def test_legacy_fifteen_digit_id_number():
    legacy = "440604900101123"  # 1990-01-01
    assert best(legacy, "CN_ID_NUMBER") == 0.55
    assert best(f"旧身份证号{legacy}", "CN_ID_NUMBER") == 0.9
    assert best("440604901301123", "CN_ID_NUMBER") == 0.2  # month 13


def test_id_number_inside_a_longer_run_of_digits_is_not_found():
    assert scores(f"9{VALID_ID}", "CN_ID_NUMBER") == []
    assert scores(f"{VALID_ID}7", "CN_ID_NUMBER") == []


def test_id_number_after_a_letter_prefix_is_found():
    # issue 18: an ID written after a file prefix (DB440606…) is still an ID; its check digit decides
    assert scores(f"A{VALID_ID}", "CN_ID_NUMBER") == [(VALID_ID, 0.9)]
    assert scores(f"DB{wrong_check_digit(VALID_ID)}", "CN_ID_NUMBER") == []


def test_full_width_digits_are_read():
    wide = "".join(chr(ord(c) + 0xFEE0) for c in VALID_ID)
    assert found(analyze_texts([f"身份证号：{wide}"])[0], f"身份证号：{wide}") == [("CN_ID_NUMBER", wide)]


# -- credit codes ---------------------------------------------------------------------------
def test_valid_credit_code():
    assert scores(f"统一社会信用代码{VALID_CREDIT}", "CN_CREDIT_CODE", DEFAULT_THRESHOLD) == [(VALID_CREDIT, 1.0)]
    assert best(VALID_CREDIT, "CN_CREDIT_CODE") == 0.9


def test_credit_code_with_wrong_check_character():
    bad = VALID_CREDIT[:17] + ("0" if VALID_CREDIT[17] != "0" else "1")
    assert best(bad, "CN_CREDIT_CODE") == 0.35
    # the check character decides: the label does not lift a wrong one over the threshold
    assert best(f"统一社会信用代码：{bad}", "CN_CREDIT_CODE") == 0.35


def test_all_digit_credit_code_of_a_public_institution():
    code = make_credit_code("12440600123456789")
    assert best(code, "CN_CREDIT_CODE") >= DEFAULT_THRESHOLD


# -- phones ---------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["13812345678", "138-1234-5678", "138 1234 5678", "+86 13812345678", "+8613812345678"])
def test_mobile_formats(number):
    assert scores(f"请拨打{number}。", "CN_MOBILE", DEFAULT_THRESHOLD) == [(number, 0.7)]


def test_mobile_context_and_unallocated_segment():
    assert best("手机：13812345678", "CN_MOBILE") == 1.0
    assert best("14012345678", "CN_MOBILE") == 0.35
    assert best("联系电话14012345678", "CN_MOBILE") == 0.7


@pytest.mark.parametrize("number", ["0757-83331234", "(020)87654321", "（0757）83331234", "020-8765 4321", "0757 8333 1234"])
def test_landline_formats(number):
    assert scores(f"咨询{number}", "CN_LANDLINE", DEFAULT_THRESHOLD) == [(number, 0.65)]


def test_landline_without_separator_needs_context():
    assert best("075783331234", "CN_LANDLINE") == 0.3
    assert best("办公电话075783331234", "CN_LANDLINE") == 0.65


# -- bank cards, passports, plates, e-mail -------------------------------------------------
def test_bank_card_luhn():
    assert best(VALID_CARD, "CN_BANK_CARD") == 0.8
    bad = VALID_CARD[:-1] + str((int(VALID_CARD[-1]) + 1) % 10)
    assert best(bad, "CN_BANK_CARD") == 0.3
    assert best(f"银行卡号{bad}", "CN_BANK_CARD") == 0.3  # Luhn decides, whatever the label
    unknown_scheme = luhn_complete("123456789012345")
    assert best(unknown_scheme, "CN_BANK_CARD") == 0.45


def test_bank_card_in_groups_of_four():
    grouped = " ".join(VALID_CARD[i:i + 4] for i in range(0, 19, 4))
    assert scores(f"卡号：{grouped}。", "CN_BANK_CARD", DEFAULT_THRESHOLD) == [(grouped, 1.0)]


@pytest.mark.parametrize("passport,score", [("E12345678", 0.6), ("EA1234567", 0.6), ("G12345678", 0.6), ("P1234567", 0.3)])
def test_passports(passport, score):
    assert best(passport, "CN_PASSPORT") == score
    assert best(f"护照号码{passport}", "CN_PASSPORT") == min(1.0, round(score + 0.35, 2))


def test_passport_is_case_sensitive():
    assert scores("e12345678", "CN_PASSPORT") == []


@pytest.mark.parametrize("plate", ["粤E·12345", "粤E12345", "粤ED12345", "粤E12345D", "粤B·D12345", "京A-8K123", "粤E 12345", "粤X1234学"])
def test_license_plates_including_new_energy(plate):
    assert scores(f"车辆{plate}停放", "CN_LICENSE_PLATE", DEFAULT_THRESHOLD) == [(plate, 1.0)]


def test_plate_letters_i_and_o_are_not_used():
    assert scores("粤I12345", "CN_LICENSE_PLATE") == []
    assert scores("粤E12O45", "CN_LICENSE_PLATE") == []


def test_email_glued_to_chinese_text():
    text = "请发送至zhang.san@163.com联系"
    assert found(analyze_texts([text])[0], text) == [("EMAIL_ADDRESS", "zhang.san@163.com")]


def test_email_needs_a_public_suffix():
    assert scores("user@host.invalidtld", "EMAIL_ADDRESS") == []


# -- numbers that are not personal ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "订单号202603151234567890已发货，金额12,345.67元。",
        "流水号6222021234567890128的交易已退款。",
        "依据《办法》第12条第2款，于2026年3月15日前答复。",
        "2026-03-15至2026-12-31期间共受理1234件，涉及金额13812345678元。",
        "批次号2026031512345678，数量500支。",
        "案号（2026）粤0604民初1234号，文号佛府办〔2026〕12号。",
        "全市常住人口961.26万人，地区生产总值12698.39亿元，增长3.5%。",
        "编号FS20260315000123，序号12345678901234567。",
    ],
)
def test_numbers_that_are_not_identifiers_are_not_found(text):
    assert analyze_texts([text])[0] == []


def test_the_closest_label_decides():
    text = f"订单号2026001，身份证号{VALID_ID}"
    assert found(analyze_texts([text])[0], text) == [("CN_ID_NUMBER", VALID_ID)]
    text = f"身份证已核验，订单号{VALID_ID}"
    assert analyze_texts([text])[0] == []


def test_only_quantities_lose_to_a_unit():
    assert analyze_texts(["共13812345678元"])[0] == []
    assert best(f"{VALID_ID}元", "CN_ID_NUMBER") == 0.9  # a passed check digit is not a quantity


def test_a_valid_id_number_that_also_passes_the_credit_check_is_an_id():
    value = "37148219880329686X"  # passes GB 11643 and, by chance, GB 32100
    text = f"驾驶证号{value}"
    assert found(analyze_texts([text])[0], text) == [("CN_ID_NUMBER", value)]
    assert best(value, "CN_CREDIT_CODE") == 0.4
