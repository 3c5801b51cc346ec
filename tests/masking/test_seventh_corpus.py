"""The seventh (blind, held-out) corpus itself, and the masker's figures on it as floors.

The corpus's own checks: gold spans land on values that are what they claim by the oracles of
``tests/masking/oracles.py`` (check digits, birth dates, regions), controls hold no gold,
look-alikes fail the checks they imitate, every hard case is present. The figures were
measured once, when the corpus was finished; where a target of issue 18 is not met the measured
figure is a FLOOR (the target beside it in a comment), so a regression fails and a fix may
raise it. Keep the corpus held out: do not tune the recognizers on it.
"""
from __future__ import annotations

import datetime
import re

import pytest

from tests.masking.corpus_floors import birth_date, floor_tests, scored, shape_tests
from tests.masking.oracles import HMT_REGIONS, REGIONS, credit_valid, id_valid, luhn_valid, org_valid
from tests.masking.seventh_corpus import SEVENTH_SEED, build_seventh_corpus, score
from tests.masking.seventh_genres import CONTROLS, GENRES
from tests.masking.seventh_values import HISTORICAL, TITLES, normalised_id, plain

PROVINCES = tuple({p for p, _, _ in REGIONS.values()})

# (recall, precision), each a FLOOR. Measured once, on the finished corpus (seed 20261211), at
# HEAD a2ac842, 2026-12-08 04:04 UTC, by `bench/bench_masking.py --corpus seventh` (447 texts per
# CPU-second), with the two rules writers' round mid-way: 2e7201f (a village with its group,
# hamlet or number is an address) committed, and uncommitted edits in masking/ (address.py,
# public_contacts.py and recognizers.py modified, landline_labels.py and public_desks.py new).
# If those edits are dropped, ADDRESS, LANDLINE and the precision may fall below these floors.
# Neither the corpus nor these floors were changed after the figures were seen. Raised at
# a153b9e, the fifth round landed (its writers never opened this corpus; they ran its floor
# tests pass/fail only): address recall 0.909 -> 0.935, mobile 0.968 -> 0.986, person 0.844 ->
# 0.908, precision 0.906 -> 0.913, 5.9% -> 4.4% left. At 9cb55b1, before the round: address
# 0.751, person 0.844, precision 0.896, 100 controls touched, 8.4% left. Raised at 6587d32 after
# a sixth round written from this corpus's categories (counts only, never its texts): recall
# 0.935 -> 0.960, precision 0.913 -> 0.933, controls 98 -> 67, 4.4% -> 2.1% left. It is no
# longer held out; the eighth (test_eighth_corpus.py) is.
FLOORS = {
    "CN_ADDRESS": (0.952, 0.853),  # recall target met: 719/755 found, 729/854 right
    "CN_BANK_CARD": (1.0, 0.99),  # 210/210 found, 210/212 right
    "CN_CREDIT_CODE": (1.0, 1.0),  # 100/100 found, 100/100 right
    "CN_ID_NUMBER": (0.98, 1.0),  # recall target 0.99: 736/751 found, 736/736 right
    "CN_LANDLINE": (0.865, 0.456),  # public bodies' and companies' desks masked: 58/67 found, 58/127 right
    "CN_LICENSE_PLATE": (1.0, 1.0),  # 36/36 found, 36/36 right
    "CN_MOBILE": (1.0, 0.998),  # recall target met: 563/563 found, 563/564 right
    "CN_PASSPORT": (1.0, 1.0),  # 54/54 found, 54/54 right
    "EMAIL_ADDRESS": (0.99, 0.886),  # 102/103 found, 102/115 right
    "PERSON": (0.932, 0.945),  # recall target 0.95: 1486/1593 found, 1505/1591 right
}
PRECISION_FLOOR = 0.932  # target 0.97: 4093/4389
CONTROLS_TOUCHED_CEILING = 67  # of 160; target below 3% (4)
UNMASKED_CEILING = 0.022  # share of personal characters left visible: 919 of 43,223


@pytest.fixture(scope="module")
def corpus():
    return build_seventh_corpus()


@pytest.fixture(scope="module")
def result(corpus):
    return scored(corpus, score)


# ------------------------------------------------------------------ the masker

(test_recall_meets_target_or_holds_floor, test_precision_holds_floor,
 test_overall_precision_controls_and_leak_hold) = floor_tests(
    FLOORS, PRECISION_FLOOR, CONTROLS_TOUCHED_CEILING, UNMASKED_CEILING)


# ------------------------------------------------------------------ the corpus

def test_corpus_size_genres_and_controls(corpus):
    assert len(corpus) >= 600
    controls = [s for s in corpus if s.control]
    assert 0.2 <= len(controls) / len(corpus) <= 0.3
    assert {s.genre for s in corpus} == set(GENRES) | set(CONTROLS)
    assert len(GENRES) >= 24 and len(CONTROLS) >= 8
    assert all(not s.gold and s.decoys for s in controls)
    assert all(s.gold for s in corpus if not s.control)
    assert 250 <= sum(len(s.text) for s in corpus) / len(corpus) <= 700
    # lists, registers and tables name several people, as such lists do
    for s in corpus:
        if s.genre in ("shixin", "zhuxue", "jiandang", "xuanmin", "queq", "markdown"):
            assert sum(g[2] == "PERSON" for g in s.gold) >= 3, s.text


test_corpus_is_deterministic_by_seed, test_spans_lie_in_text_and_do_not_overlap = shape_tests(
    build_seventh_corpus, SEVENTH_SEED)


MOBILE_PREFIXES = ("", "+86", "+86 ", "+86-", "(+86)", "0086 ", "0086-")
ADDRESS_END = re.compile(r"[号號室房楼樓组座]$")
HARD = {
    "id", "id_x", "id_lower_x", "id_15", "id_full", "id_space", "id_space4", "id_hyphen", "id_linebreak",
    "id_wrong_check", "id_spoken", "id_ocr", "id_edge", "id_url", "id_filename", "id_json", "id_csv", "id_kv",
    "id_hmt_residence",
    "mobile", "mobile_plus86", "mobile_0086", "mobile_paren86", "mobile_space", "mobile_hyphen", "mobile_full",
    "mobile_linebreak", "mobile_spoken", "mobile_ocr", "mobile_edge", "mobile_url", "mobile_json", "mobile_csv",
    "mobile_kv",
    "card_16", "card_17", "card_18", "card_19", "card_4_4_4_4", "card_4_4_4_4_3", "card_6_13", "card_hyphen",
    "card_full", "card_linebreak", "card_csv",
    "credit_91", "credit_92", "credit_93", "credit_52",
    "landline", "landline_no_area", "landline_ext", "landline_paren", "phone_hk",
    "passport_E8", "passport_E_letter", "permit_C8", "permit_H8", "permit_M8", "permit_taiwan",
    "plate", "plate_ne", "plate_dot", "email", "email_qq", "email_fullwidth_at", "email_json",
    "name_common", "name_rare", "name_compound", "name_two_char", "name_wordlike", "name_spaced", "name_list", "name_shi",
    "name_pinyin", "name_traditional", "name_edge", "name_filename", "name_json", "name_uyghur", "name_kazakh",
    "name_tibetan", "name_yi", "name_mongolian", "name_dai", "name_zhuang", "name_hui", "name_korean", "name_miao",
    "address_road", "address_room", "address_estate", "address_village", "address_group", "address_county",
    "address_split", "address_traditional",
}


def test_gold_values_are_what_they_claim(corpus):
    seen = set()
    for s in corpus:
        for a, b, entity, c0, c1, kind in s.gold:
            raw = s.text[c0:c1]
            seen.add(kind)
            if entity == "CN_ID_NUMBER":
                core = normalised_id(raw, kind)
                assert len(core) in (15, 18) and core[:-1].isdigit(), raw
                if kind == "id_hmt_residence":
                    assert core[:6] in HMT_REGIONS and id_valid(core), raw
                else:
                    assert core[:6] in REGIONS, raw
                assert datetime.date(1926, 1, 1) <= birth_date(core) <= datetime.date(2026, 6, 30), raw
                if kind == "id_15":
                    assert len(core) == 15 and core.isdigit() and birth_date(core).year < 1985, raw
                else:
                    assert len(core) == 18 and id_valid(core) == (kind != "id_wrong_check"), raw
                if kind in ("id_x", "id_lower_x"):
                    assert raw[-1] == ("x" if kind == "id_lower_x" else "X"), raw
                if kind in ("id_spoken", "id_ocr", "id_full"):
                    assert not raw.isascii() or kind == "id_ocr" and not raw.upper()[:17].isdigit(), raw
            elif entity == "CN_BANK_CARD":
                core = plain(raw)
                assert 16 <= len(core) <= 19 and core.isdigit() and luhn_valid(core), raw
                assert kind not in ("card_16", "card_17", "card_18", "card_19") or len(core) == int(kind[-2:]), raw
            elif entity == "CN_CREDIT_CODE":
                assert credit_valid(raw) and org_valid(raw[8:17]) and raw[2:8] in REGIONS, raw
                assert raw[:2] == kind[-2:], raw
            elif entity == "CN_MOBILE":
                core = plain(raw, ocr=kind == "mobile_ocr")
                assert re.fullmatch(r"1[3-9]\d{9}", core), raw
                assert s.text[a:c0] in MOBILE_PREFIXES, s.text[a:b]
                if kind == "mobile_ocr":
                    assert not raw.isdigit(), raw
            elif entity == "CN_LANDLINE":
                core = plain(raw).replace("(", "").replace(")", "")
                assert core.isdigit() and (len(core) in (7, 8) or (core[0] == "0" and 10 <= len(core) <= 12)), raw
            elif entity == "CN_PASSPORT":
                assert re.fullmatch(r"(E\d{8}|E[A-HJK]\d{7}|[CHM]\d{8}|\d{8})", raw), raw
                assert kind.startswith(("passport", "permit"))
            elif entity == "CN_LICENSE_PLATE":
                assert re.fullmatch(r"[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新][A-HJ-NP-Z]·?([DF]\d{5}|[A-HJ-NP-Z0-9]{5})",
                                    raw), raw
            elif entity == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[\w.]+[@＠][a-z0-9]+\.(com|cn)", raw), raw
            elif entity == "PERSON":
                name = raw.replace("　", "").replace(" ", "") if kind != "name_pinyin" else raw
                assert 2 <= len(name) <= 16 and "某" not in name and name not in HISTORICAL, raw
                assert not any(name == name[:1] + t for t in TITLES), raw
                if kind == "name_shi":
                    assert len(name) == 3 and name.endswith("氏"), raw
                if kind == "name_pinyin":
                    assert re.fullmatch(r"[A-Z]+ [A-Z][a-z]+( [A-Z][a-z]+)?", raw), raw
                if kind in ("name_uyghur", "name_kazakh"):
                    assert "·" in name, raw
            elif entity == "CN_ADDRESS":
                flat = raw.replace("\n", "")
                assert not raw.startswith(PROVINCES) and ADDRESS_END.search(flat), raw
                assert (kind == "address_split") == ("\n" in raw), raw
            else:
                raise AssertionError(entity)
    assert HARD <= seen, HARD - seen


def test_look_alikes_fail_the_checks_they_imitate(corpus):
    kinds = set()
    for s in corpus:
        for a, b, kind in s.decoys:
            text = s.text[a:b]
            kinds.add(kind)
            if kind == "public_credit_code":
                assert credit_valid(text) and text[0] == "1", text
            elif kind == "serial_18":
                assert len(text) == 18 and int(text[10:12]) > 12 and not id_valid(text), text
            elif kind == "api_example_id":
                assert len(text) == 18 and not id_valid(text), text
            elif kind in ("non_luhn_run", "public_account", "api_example_card"):
                assert text.isdigit() and len(text) >= 16 and not luhn_valid(text), text
            elif kind == "imei":
                assert len(text) == 15 and luhn_valid(text), text  # 15 digits: no card length
            elif kind == "pseudonym":
                assert "某" in text
            elif kind == "title_name":
                assert len(text) <= 4 and any(text.endswith(t) for t in TITLES), text
            elif kind == "historical":
                assert text in HISTORICAL
            elif kind == "masked_id":
                assert "*" in text and len(text) == 18, text
            elif kind == "masked_mobile":
                assert "*" in text or text.startswith("尾号"), text
            elif kind in ("public_phone", "hotline"):
                digits = plain(text)
                assert digits.isdigit() and not re.fullmatch(r"1[3-9]\d{9}", digits), text
            elif kind == "public_email":
                assert text.endswith(".gov.cn"), text
            elif kind == "check_code":
                assert len(plain(text)) == 20, text
    assert {"public_phone", "hotline", "public_email", "office_address", "title_name", "pseudonym", "historical",
            "road_name", "area", "doc_no", "case_no", "cert_no", "amount", "date", "public_credit_code",
            "public_account", "serial_18", "non_luhn_run", "masked_id", "masked_mobile", "api_example_id",
            "api_example_card", "api_placeholder", "invoice_code", "invoice_no", "check_code", "policy_no",
            "report_no", "student_no", "household_no", "vin", "imei", "order_no", "ip", "uuid", "unit_code",
            "stat_code", "postcode", "train_no", "tender_no", "product_sn", "company_phone", "company_address"} <= kinds
