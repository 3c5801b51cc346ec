"""The fifth (blind, held-out) corpus itself, and the masker's figures on it as floors.

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
from tests.masking.fifth_corpus import FIFTH_SEED, build_fifth_corpus, score
from tests.masking.fifth_genres import CONTROLS, GENRES
from tests.masking.fifth_values import (CITIES, HISTORICAL, RURAL, TITLES, credit_valid, id_valid, luhn_valid,
                                        plain)

REGIONS = {d[1] for c in CITIES.values() for d in c[5]} | {r[1] for r in RURAL}
PROVINCES = tuple({c[0] for c in CITIES.values()} | {r[0][:3] for r in RURAL})


# (recall, precision), each a FLOOR. First measured on the finished corpus (seed 20261209) at
# HEAD 425f863, 2026-12-08 01:19 UTC, by `bench/bench_masking.py --corpus fifth`, with another
# engineer's uncommitted edits in masking/ (person (0.895, 0.957), precision 0.94, 52 controls
# touched, 5.8% left). Raised at 8543543, when that round of rules (written from the fourth
# corpus's error categories, never this corpus's texts; run against these floors pass/fail
# only) had landed. Raised again at 4101b34, after a fourth round written from this corpus's
# error categories (counts only, never its texts): it is no longer fully held out; the sixth
# (test_sixth_corpus.py) is. Raised at a153b9e, after the fifth round.
FLOORS = {
    "CN_ADDRESS": (0.991, 0.884),  # recall target met (offices masked): 563/568 found, 577/652 right
    "CN_BANK_CARD": (0.995, 1.0),  # 234/235 found, 234/234 right
    "CN_CREDIT_CODE": (1.0, 1.0),  # 53/53 found, 53/53 right
    "CN_ID_NUMBER": (0.98, 0.998),  # recall target 0.99: 548/559 found, 548/549 right
    "CN_LANDLINE": (0.938, 0.807),  # public bodies' desk phones masked: 46/49 found, 46/57 right
    "CN_LICENSE_PLATE": (1.0, 1.0),  # 36/36 found, 36/36 right
    "CN_MOBILE": (0.949, 1.0),  # recall target 0.99: 485/511 found, 485/485 right
    "CN_PASSPORT": (1.0, 1.0),  # 19/19 found, 19/19 right
    "EMAIL_ADDRESS": (1.0, 0.841),  # bodies' 163.com mailboxes masked: 69/69 found, 69/82 right
    "PERSON": (0.956, 0.975),  # recall target met: 1844/1927 found, 1859/1906 right
}
PRECISION_FLOOR = 0.963  # target 0.97: 3926/4073
CONTROLS_TOUCHED_CEILING = 31  # of 160; target below 3% (4)
UNMASKED_CEILING = 0.021  # share of personal characters left visible: 741 of 36,782


@pytest.fixture(scope="module")
def corpus():
    return build_fifth_corpus()


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
    # lists and tables name several people, as such lists do
    for s in corpus:
        if s.genre in ("rencai", "youdai", "excel", "zhengwu", "wangge"):
            assert sum(g[2] == "PERSON" for g in s.gold) >= 3, s.text


test_corpus_is_deterministic_by_seed, test_spans_lie_in_text_and_do_not_overlap = shape_tests(
    build_fifth_corpus, FIFTH_SEED)


def test_gold_values_are_what_they_claim(corpus):
    seen = set()
    for s in corpus:
        for a, b, entity, c0, c1, kind in s.gold:
            raw = s.text[c0:c1]
            core = plain(raw)
            seen.add(kind)
            if entity == "CN_ID_NUMBER":
                assert len(core) in (15, 18) and core[:6] in REGIONS, raw
                assert datetime.date(1925, 1, 1) <= birth_date(core) <= datetime.date(2026, 12, 31), raw
                if len(core) == 18:
                    assert id_valid(core) == (kind != "id_wrong_check"), raw
                else:
                    assert kind == "id_15" and core.isdigit()
                if kind == "id_disability":
                    assert re.fullmatch(r"[1-7][1-4]", s.text[c1:b]), s.text[a:b]
            elif entity == "CN_BANK_CARD":
                assert 16 <= len(core) <= 19 and core.isdigit() and luhn_valid(core), raw
            elif entity == "CN_CREDIT_CODE":
                assert credit_valid(core) and core[:2] in ("91", "92", "93", "52") and core[2:8] in REGIONS, raw
            elif entity == "CN_MOBILE":
                assert re.fullmatch(r"1[3-9]\d{9}", core), raw
            elif entity == "CN_LANDLINE":
                assert core.isdigit() and (len(core) in (7, 8) or (core[0] == "0" and 10 <= len(core) <= 12)), raw
            elif entity == "CN_PASSPORT":
                assert re.fullmatch(r"(E\d{8}|E[A-HJK]\d{7}|G\d{8}|[CHM]\d{8})", core), raw
            elif entity == "CN_LICENSE_PLATE":
                assert re.fullmatch(r"[京沪粤浙苏鄂川陕新藏蒙贵黑豫湘闽桂鲁云][A-Z][A-Z0-9]{5,6}", core), raw
            elif entity == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[\w.]+[@＠][a-z0-9]+\.(com|cn)", raw), raw
            elif entity == "PERSON":
                name = raw.replace("　", "")
                assert 2 <= len(name) <= 12 and "某" not in name and name not in HISTORICAL, raw
                assert not any(name.endswith(t) for t in TITLES if len(name) <= len(t) + 1), raw
            elif entity == "CN_ADDRESS":
                # the core runs from the road, estate, village or building down, never from the province
                assert not raw.startswith(PROVINCES) and re.search(r"[号室房栋座]|\d{3,4}$", raw), raw
    hard = {"id_15", "id_x", "id_lower_x", "id_full", "id_space", "id_space_irregular", "id_hyphen", "id_linebreak",
            "id_wrong_check", "id_disability", "id_quote", "mobile_plus86", "mobile_0086", "mobile_space",
            "mobile_hyphen", "mobile_full", "mobile_linebreak", "card_16", "card_17", "card_18", "card_19",
            "card_4_4_4_4", "card_4_4_4_4_3", "card_6_13", "card_linebreak", "credit_91", "credit_92", "credit_93",
            "credit_52", "landline", "landline_no_area", "landline_ext", "landline_paren", "name_rare", "name_compound",
            "name_two_char", "name_a_xiao", "name_minority_uyghur", "name_minority_tibetan", "name_minority_mongol",
            "name_minority_yi", "address_village", "address_group", "address_estate", "address_split", "address_short",
            "address_room", "passport_E8", "permit_C8", "plate", "plate_ne", "email", "email_fullwidth_at"}
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
                assert text.isdigit() and len(text) >= 16 and not luhn_valid(text), text
            elif kind == "pseudonym":
                assert "某" in text
            elif kind == "title_name":
                assert len(text) <= 5 and (text[0] in "老小" or any(text.endswith(t) for t in TITLES)), text
            elif kind == "historical":
                assert text in HISTORICAL
            elif kind in ("masked_id", "masked_mobile"):
                assert "*" in text or text.startswith("尾号"), text
            elif kind in ("public_phone", "hotline"):
                digits = plain(text)
                assert digits.isdigit() and not re.fullmatch(r"1[3-9]\d{9}", digits), text
            elif kind in ("public_email", "public_mailbox_163"):
                assert text.endswith((".gov.cn", "@163.com")), text
    assert {"public_phone", "hotline", "public_email", "public_mailbox_163", "office_address", "title_name",
            "pseudonym", "historical", "doctrine", "phrase", "road_name", "doc_no", "case_no", "cert_no", "amount",
            "public_credit_code", "public_account", "serial_18", "non_luhn_run", "masked_id", "masked_mobile",
            "area", "badge_no", "batch_no", "inpatient_no", "issuing_office"} <= kinds
