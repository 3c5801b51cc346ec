"""The sixth (blind, held-out) corpus itself, and the masker's figures on it as floors.

The corpus's own checks: gold spans land on values that are what they claim (check digits,
birth dates, regions), controls hold no gold, look-alikes fail the checks they imitate. The
figures were measured once, when the corpus was finished; where a target of issue 18 is not
met the measured figure is a FLOOR (the target beside it in a comment), so a regression fails
and a fix may raise it. Keep the corpus held out: do not tune the recognizers on it.
"""
from __future__ import annotations

import datetime
import re

import pytest

from tests.masking.corpus_floors import birth_date, floor_tests, scored, shape_tests
from tests.masking.sixth_corpus import SIXTH_SEED, build_sixth_corpus, score
from tests.masking.sixth_genres import CONTROLS, GENRES
from tests.masking.sixth_values import (CITIES, HISTORICAL, REGIONS, TITLES, credit_valid, id_valid, luhn_valid,
                                        plain)

PROVINCES = tuple({c[0] for c in CITIES.values()})
# (recall, precision), each a FLOOR. Measured once, on the finished corpus (seed 20261210), at
# HEAD d4174da, 2026-12-08 02:38 UTC, by `bench/bench_masking.py --corpus sixth` (1,102 texts per
# CPU-second), with another engineer's uncommitted edits in masking/ (person.py modified,
# familiar_names.py and minority_names.py new): if those edits are dropped, PERSON may fall below.
# Measured again at 4101b34, that round landed: person precision 0.905 -> 0.924, precision
# 0.9 -> 0.908, controls touched 90 -> 81 (the rules' writer never opened this corpus; they ran
# its floor tests pass/fail only). Raised at a153b9e after the fifth round, written from this
# corpus's categories (tests/masking/test_contexts_5_*.py): its writers read counts only, but
# also ran counts-only probes of its misses (their shape, what overlapped them), never a text:
# the corpus is no longer held out; the seventh (test_seventh_corpus.py) is.
FLOORS = {
    "CN_ADDRESS": (0.99, 0.92),  # recall target met (offices masked): 426/430 found, 443/481 right
    "CN_BANK_CARD": (1.0, 0.989),  # recall target met: 96/96 found, 96/97 right
    "CN_CREDIT_CODE": (1.0, 0.965),  # 28/28 found, 28/29 right
    "CN_ID_NUMBER": (0.995, 1.0),  # recall target met: 456/458 found, 456/456 right
    "CN_LANDLINE": (0.777, 0.184),  # public bodies' desk phones masked: 21/27 found, 21/114 right
    "CN_LICENSE_PLATE": (1.0, 1.0),  # 26/26 found, 26/26 right
    "CN_MOBILE": (1.0, 0.995),  # recall target met: 458/458 found, 458/460 right
    "CN_PASSPORT": (1.0, 1.0),  # 26/26 found, 26/26 right
    "EMAIL_ADDRESS": (1.0, 1.0),  # 18/18 found, 18/18 right
    "PERSON": (0.982, 0.927),  # recall target met: 1260/1283 found, 1262/1360 right
}
PRECISION_FLOOR = 0.924  # target 0.97: 2834/3067
CONTROLS_TOUCHED_CEILING = 80  # of 160; target below 3% (4)
UNMASKED_CEILING = 0.007  # share of personal characters left visible: 167 of 25,416


@pytest.fixture(scope="module")
def corpus():
    return build_sixth_corpus()


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
    assert all(not s.gold and s.decoys for s in controls)
    assert all(s.gold for s in corpus if not s.control)
    # registers, land certificates and crew lists name several people, as such lists do
    for s in corpus:
        if s.genre in ("zoufang", "tudi", "chuanyuan", "xingshi", "tiaojie"):
            assert sum(g[2] == "PERSON" for g in s.gold) >= 3, s.text


test_corpus_is_deterministic_by_seed, test_spans_lie_in_text_and_do_not_overlap = shape_tests(
    build_sixth_corpus, SIXTH_SEED)


def test_gold_values_are_what_they_claim(corpus):
    seen = set()
    for s in corpus:
        for a, b, entity, c0, c1, kind in s.gold:
            raw = s.text[c0:c1]
            core = plain(raw)
            seen.add(kind)
            if entity == "CN_ID_NUMBER":
                assert len(core) in (15, 18), raw
                if kind == "id_foreign_pr":
                    assert core[0] == "9" and id_valid(core), raw
                    born = datetime.date(int(core[6:10]), int(core[10:12]), int(core[12:14]))
                else:
                    assert core[:6] in REGIONS, raw
                    born = birth_date(core)
                assert datetime.date(1925, 1, 1) <= born <= datetime.date(2026, 12, 31), raw
                if kind == "id_hmt_residence":
                    assert core[:6] in ("810000", "820000", "830000") and id_valid(core), raw
                elif len(core) == 18:
                    assert id_valid(core) == (kind != "id_wrong_check"), raw
                else:
                    assert kind == "id_15" and core.isdigit()
            elif entity == "CN_BANK_CARD":
                assert 16 <= len(core) <= 19 and core.isdigit() and luhn_valid(core), raw
            elif entity == "CN_CREDIT_CODE":
                assert credit_valid(core) and core[:2] in ("91", "92", "93", "52") and core[2:8] in REGIONS, raw
            elif entity == "CN_MOBILE":
                assert re.fullmatch(r"1[3-9]\d{9}", core), raw
                assert s.text[a:c0] in ("", "+86", "+86 ", "+86-", "(+86)", "0086 ", "0086-"), s.text[a:b]
            elif entity == "CN_LANDLINE":
                assert core.isdigit() and (len(core) in (7, 8) or (core[0] == "0" and 10 <= len(core) <= 12)), raw
            elif entity == "CN_PASSPORT":
                assert re.fullmatch(r"(E\d{8}|E[A-HJK]\d{7}|[CHM]\d{8}|\d{8})", core), raw
                assert kind.startswith(("passport", "permit"))
            elif entity == "CN_LICENSE_PLATE":
                assert re.fullmatch(r"[桂宁吉云新藏贵湘豫鲁辽闽川青琼浙鄂蒙京沪][A-Z]([DF]\d{5}|[A-Z0-9]{5})", core), raw
            elif entity == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[\w.]+[@＠][a-z0-9]+\.(com|cn)", raw), raw
            elif entity == "PERSON":
                name = raw.replace("　", "")
                assert 2 <= len(name) <= 12 and "某" not in name and name not in HISTORICAL, raw
                assert not any(name.endswith(t) for t in TITLES if len(name) <= len(t) + 1), raw
            elif entity == "CN_ADDRESS":
                # the core runs from the road, estate, village or building down, never from the province
                assert not raw.startswith(PROVINCES) and re.search(r"[号室房楼]$|栋\d单元\d{3,4}$", raw.replace("\n", "")), raw
    hard = {"id_15", "id_x", "id_lower_x", "id_full", "id_space", "id_space_irregular", "id_hyphen", "id_linebreak",
            "id_wrong_check", "id_spoken", "id_hmt_residence", "id_foreign_pr", "mobile_plus86", "mobile_0086", "mobile_space",
            "mobile_hyphen", "mobile_full", "mobile_linebreak", "mobile_spoken", "card_16", "card_17", "card_18",
            "card_19", "card_4_4_4_4", "card_4_4_4_4_3", "card_6_13", "card_linebreak", "card_full", "credit_91",
            "credit_92", "credit_93", "credit_52", "landline", "landline_no_area", "landline_ext", "landline_paren",
            "name_rare", "name_compound", "name_two_char", "name_a_xiao", "name_spaced", "name_repeat", "name_zhuang",
            "name_hui", "name_korean", "name_manchu", "name_dai", "name_kazakh", "name_hmong", "name_uyghur",
            "name_tibetan", "name_foreign", "address_village", "address_group", "address_estate", "address_road",
            "address_split", "address_room", "passport_E8", "passport_E_letter", "permit_C8", "permit_H8", "permit_M8",
            "permit_taiwan", "plate", "plate_ne", "email", "email_fullwidth_at"}
    assert hard <= seen, hard - seen


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
            elif kind in ("non_luhn_run", "public_account"):
                assert text.isdigit() and len(text) >= 12 and not luhn_valid(text), text
            elif kind == "pseudonym":
                assert "某" in text
            elif kind == "title_name":
                assert len(text) <= 5 and (text[0] in "老小" or any(text.endswith(t) for t in TITLES)), text
            elif kind == "historical":
                assert text in HISTORICAL
            elif kind in ("masked_id", "masked_mobile"):
                assert "*" in text or text.startswith("尾号") or (len(text) == 4 and text.isdigit()), text
            elif kind in ("public_phone", "hotline"):
                digits = plain(text)
                assert digits.isdigit() and not re.fullmatch(r"1[3-9]\d{9}", digits), text
            elif kind in ("public_email", "public_mailbox_163"):
                assert text.endswith((".gov.cn", "@163.com")), text
    assert {"public_phone", "hotline", "public_email", "public_mailbox_163", "office_address", "title_name",
            "pseudonym", "historical", "road_name", "doc_no", "case_no", "cert_no", "amount", "date",
            "public_credit_code", "public_account", "serial_18", "non_luhn_run", "masked_id", "masked_mobile",
            "area", "badge_no", "batch_no", "inpatient_no", "vin", "vessel_no", "service_no"} <= kinds
