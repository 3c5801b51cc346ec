"""The eighth (blind, held-out) corpus itself, and the masker's figures on it as floors.

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
from tests.masking.eighth_corpus import EIGHTH_SEED, build_eighth_corpus, score
from tests.masking.eighth_genres import CONTROLS, GENRES
from tests.masking.eighth_values import HISTORICAL, TITLES, plain
from tests.masking.oracles import REGIONS, credit_valid, id_valid, luhn_valid, org_valid

# (recall, precision), each a FLOOR. Measured once, on the finished corpus (seed 20261212), at
# HEAD 2b67a22, 2026-12-08 05:16 UTC, by `bench/bench_masking.py --corpus eighth` (956 texts per
# CPU-second), with the rules round mid-way: staged, uncommitted edits in masking/ (analyzer.py
# modified; form_recognizers.py, hk_macao.py, ocr_digits.py and pinyin_names.py new). If those
# edits are dropped, figures may fall below these floors. Neither the corpus nor these floors were
# changed after the figures were seen. The same figures at 211b54f, before the sixth round (the
# corpus files copied in): the fifth round's masker, measured blind. Raised at 6587d32, the sixth
# round landed (its writer never opened this corpus and ran its floors pass/fail only):
# companies' phones 32 -> 16 false finds, precision 0.916 -> 0.922; nothing else moved.
FLOORS = {
    "CN_ADDRESS": (0.991, 0.875),  # 334/337 found, 337/385 right
    "CN_BANK_CARD": (1.0, 0.941),  # 48/48 found, 48/51 right
    "CN_CREDIT_CODE": (1.0, 1.0),  # 32/32 found, 32/32 right
    "CN_ID_NUMBER": (0.913, 1.0),  # recall target 0.99: 244/267 found, 244/244 right
    "CN_LANDLINE": (1.0, 0.273),  # public bodies' and companies' desks masked: 32/32 found, 32/117 right
    "CN_LICENSE_PLATE": (1.0, 1.0),  # 50/50 found, 50/50 right
    "CN_MOBILE": (1.0, 1.0),  # 531/531 found, 531/531 right
    "CN_PASSPORT": (1.0, 1.0),  # 13/13 found, 13/13 right
    "EMAIL_ADDRESS": (1.0, 0.609),  # companies' e-mails masked: 25/25 found, 25/41 right
    "PERSON": (0.902, 0.967),  # recall target 0.95: 821/910 found, 822/850 right
}
PRECISION_FLOOR = 0.922  # target 0.97: 2134/2314
CONTROLS_TOUCHED_CEILING = 48  # of 160; target below 3% (4)
UNMASKED_CEILING = 0.027  # share of personal characters left visible: 554 of 20,711


@pytest.fixture(scope="module")
def corpus():
    return build_eighth_corpus()


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
    lengths = [len(s.text) for s in corpus]
    assert 150 <= sum(lengths) / len(lengths) <= 700
    assert sum(n <= 150 for n in lengths) >= 100 and sum(n >= 400 for n in lengths) >= 20
    # sign-in sheets, lists and registers name several people
    for s in corpus:
        if s.genre in ("jiazhang", "weifang", "zupu"):
            assert sum(g[2] == "PERSON" for g in s.gold) >= 3, s.text


test_corpus_is_deterministic_by_seed, test_spans_lie_in_text_and_do_not_overlap = shape_tests(
    build_eighth_corpus, EIGHTH_SEED)


ADDRESS_END = re.compile(r"(号|室)$")
HARD = {
    "id", "id_x", "id_15", "id_full", "id_space", "id_linebreak", "id_wrong_check",
    "mobile", "mobile_plus86", "mobile_space", "mobile_hyphen", "mobile_full", "mobile_linebreak",
    "card_16", "card_19", "card_4_4_4_4", "card_4_4_4_4_3", "card_6_13", "card_hyphen",
    "credit_91", "credit_92", "landline", "landline_no_area", "landline_ext",
    "passport_E8", "permit_H8", "permit_C8", "plate", "email",
    "name_common", "name_rare", "name_compound", "name_two_char", "name_spaced", "name_list",
    "name_uyghur", "name_kazakh", "name_tibetan", "name_yi", "name_mongolian", "name_miao",
    "address_road", "address_room", "address_village", "address_split",
}


def test_gold_values_are_what_they_claim(corpus):
    seen = set()
    for s in corpus:
        for a, b, entity, c0, c1, kind in s.gold:
            raw = s.text[c0:c1]
            seen.add(kind)
            if entity == "CN_ID_NUMBER":
                core = plain(raw)
                assert len(core) in (15, 18) and core[:-1].isdigit() and core[:6] in REGIONS, raw
                assert datetime.date(1930, 1, 1) <= birth_date(core) <= datetime.date(2026, 6, 30), raw
                if kind == "id_15":
                    assert len(core) == 15 and core.isdigit() and birth_date(core).year < 1985, raw
                else:
                    assert len(core) == 18 and id_valid(core) == (kind != "id_wrong_check"), raw
                assert kind != "id_x" or raw[-1] == "X", raw
                assert (kind == "id_full") == (not raw.isascii()), raw
                assert (kind == "id_linebreak") == ("\n" in raw) and (kind == "id_space") == (" " in raw), raw
            elif entity == "CN_BANK_CARD":
                core = plain(raw)
                assert 16 <= len(core) <= 19 and core.isdigit() and luhn_valid(core), raw
                assert kind not in ("card_16", "card_19") or len(core) == int(kind[-2:]), raw
            elif entity == "CN_CREDIT_CODE":
                assert credit_valid(raw) and org_valid(raw[8:17]) and raw[2:8] in REGIONS, raw
                assert raw[:2] == kind[-2:], raw
            elif entity == "CN_MOBILE":
                assert re.fullmatch(r"1[3-9]\d{9}", plain(raw)), raw
                assert s.text[a:c0] in ("", "+86", "+86 ", "+86-"), s.text[a:b]
                assert (kind == "mobile_plus86") == (a < c0), s.text[a:b]
            elif entity == "CN_LANDLINE":
                core = plain(raw).replace("(", "").replace(")", "")
                assert core.isdigit() and (len(core) == 8 or (core[0] == "0" and 10 <= len(core) <= 12)), raw
                assert (kind == "landline_ext") == (s.text[c1:b].startswith("转")), s.text[a:b]
            elif entity == "CN_PASSPORT":
                assert re.fullmatch(r"[ECH]\d{8}", raw) and raw[0] == kind[-2], raw
            elif entity == "CN_LICENSE_PLATE":
                assert re.fullmatch(r"[京沪粤浙苏川湘鄂豫鲁][A-HJ][A-HJ-NP-Z0-9]{5}", raw), raw
            elif entity == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[a-z._]+\d+@[a-z0-9]+\.com", raw), raw
            elif entity == "PERSON":
                name = raw.replace("　", "").replace(" ", "")
                assert 2 <= len(name) <= 16 and "某" not in name and name not in HISTORICAL, raw
                assert not any(name == name[:1] + t for t in TITLES), raw
                assert (kind == "name_spaced") == (name != raw), raw
                if kind in ("name_uyghur", "name_kazakh"):
                    assert "·" in name, raw
                if kind == "name_two_char":
                    assert len(name) == 2, raw
            elif entity == "CN_ADDRESS":
                assert ADDRESS_END.search(raw) and not raw.startswith(("广东", "佛山", "广州", "深圳")), raw
                assert (kind == "address_split") == ("\n" in raw), raw
                assert kind != "address_room" or raw.endswith("室"), raw
            else:
                raise AssertionError(entity)
    assert HARD <= seen, HARD - seen


def test_controls_hold_no_personal_look_alike_that_passes(corpus):
    """A control's digit runs are no valid ID number, card or mobile of a private person."""
    for s in corpus:
        if s.control:
            for run in re.findall(r"\d{11,}", s.text):
                assert not (len(run) == 18 and id_valid(run)), s.text
                assert not (16 <= len(run) <= 19 and luhn_valid(run) and run.startswith("62")), s.text
                assert not re.fullmatch(r"1[3-9]\d{9}", run), s.text


def test_look_alikes_fail_the_checks_they_imitate(corpus):
    kinds = set()
    for s in corpus:
        for a, b, kind in s.decoys:
            text = s.text[a:b]
            kinds.add(kind)
            if kind == "public_credit_code":
                assert credit_valid(text) and text[:2] == "11", text
            elif kind == "serial_18":
                assert len(text) == 18 and int(text[10:12]) > 12 and not id_valid(text), text
            elif kind == "non_luhn_run":
                assert text.isdigit() and len(text) >= 16 and not luhn_valid(text), text
            elif kind == "title_name":
                assert len(text) <= 4 and any(text.endswith(t) for t in TITLES + ("区长",)), text
            elif kind == "historical":
                assert text in HISTORICAL, text
            elif kind in ("public_phone", "hotline", "company_phone"):
                digits = plain(text)
                assert digits.isdigit() and not re.fullmatch(r"1[3-9]\d{9}", digits), text
            elif kind == "public_email":
                assert text.endswith(".gov.cn"), text
            elif kind == "company_email":
                assert text.endswith(".com.cn") and text.startswith("sales@"), text
    assert {"public_phone", "hotline", "public_email", "office_address", "title_name", "historical", "road_name",
            "doc_no", "case_no", "amount", "date", "public_credit_code", "serial_18", "non_luhn_run",
            "company_phone", "company_address", "company_email", "order_no", "student_no", "patient_no",
            "product_sn", "train_no", "ticket_no", "stat_code", "unit_code", "lottery_numbers", "badge_no",
            "licence_no", "issue_no"} <= kinds
