"""Issue 18's targets on the held-out corpus, and the corpus itself.

Targets the masker meets are asserted as targets; for the others the figure measured when
the corpus was written is a FLOOR (the target beside it), so that a regression fails and a
fix may raise it. Keep the corpus held out: do not tune the recognizers on its misses.
"""
from __future__ import annotations

import datetime

import pytest

from tests.masking.corpus_floors import TARGET_RECALL, floor_tests, scored
from tests.masking.heldout_corpus import Sample, build_heldout_corpus, score
from tests.masking.heldout_genres import GENRES
from tests.masking.heldout_values import credit_valid, id_valid, luhn_valid

# Raised at a153b9e after a fifth round (precision 0.965 -> 0.979: met; controls touched 54 -> 28,
# landline (0.918, 0.424) -> (0.967, 0.595)). Raised at 4101b34 after a fourth round (person recall 0.94 -> 0.942). Measured at 8543543
# (seed 20261207), after a third round of rules written on sentences of
# their own from the fourth corpus's error categories (counts only, never this corpus's
# texts): (recall, precision), each a floor. At 93e9911, after the second round: address
# (0.906, 0.979), person (0.934, 0.981), precision 0.965, 54 controls touched, 3.4% left
# visible. The measurement before (2026-12-07 evening): address (0.786, 0.979), person
# (0.925, 0.978), e-mail precision 0.737, precision 0.963, 57 controls touched, 5.0% left
# visible. At 32ca473: address (0.786, 0.844), card (0.843, 1.0), credit code (1.0, 0.752),
# ID (0.975, 1.0), landline (0.918, 0.358), e-mail (1.0, 0.714), person (0.889, 0.972);
# precision 0.927, 87 controls touched, 7.9% left visible.
FLOORS = {
    "CN_ADDRESS": (0.94, 0.98),  # recall target 0.95: 554/589 found, 591/603 right
    "CN_BANK_CARD": (1.0, 1.0),  # recall target met: 160/160 found, 160/160 right
    "CN_CREDIT_CODE": (1.0, 0.985),  # recall target met: 70/70 found, 70/71 right
    "CN_ID_NUMBER": (0.997, 1.0),  # recall target met: 443/444 found, 443/443 right
    "CN_LANDLINE": (0.967, 0.595),  # public bodies' desk phones still masked (40): 59/61 found, 59/99 right
    "CN_LICENSE_PLATE": (1.0, 1.0),  # 43/43 found, 43/43 right
    "CN_MOBILE": (1.0, 1.0),  # 325/325 found, 325/325 right
    "CN_PASSPORT": (1.0, 1.0),  # 52/52 found, 52/52 right
    "EMAIL_ADDRESS": (1.0, 0.762),  # bodies' mailboxes still masked (14): 45/45 found, 45/59 right
    "PERSON": (0.942, 0.99),  # recall target 0.95: 2340/2484 found, 2369/2391 right
}
PRECISION_FLOOR = 0.979  # target 0.97: 4157/4246
CONTROLS_TOUCHED_CEILING = 28  # of 176; target below 3% (5)
UNMASKED_CEILING = 0.024  # share of personal characters left visible: 804 of 34,048


@pytest.fixture(scope="module")
def corpus():
    return build_heldout_corpus()


@pytest.fixture(scope="module")
def result(corpus):
    return scored(corpus, score)


# ------------------------------------------------------------------ the masker

(test_recall_meets_target_or_holds_floor, test_precision_holds_floor,
 test_overall_precision_controls_and_leak_hold) = floor_tests(
    FLOORS, PRECISION_FLOOR, CONTROLS_TOUCHED_CEILING, UNMASKED_CEILING)


def test_targets_met_are_asserted_as_targets(result):
    for entity in ("CN_MOBILE", "CN_CREDIT_CODE", "CN_ID_NUMBER", "CN_BANK_CARD"):
        assert result.recall(entity) >= TARGET_RECALL[entity]


# ------------------------------------------------------------------ the scorer

def test_scorer_counts_cover_overlap_and_entity():
    text = "联系人王小明，电话+8613812345678。"
    gold = ((3, 6, "PERSON", 3, 6, "name"), (9, 23, "CN_MOBILE", 12, 23, "mobile_plus86"))
    sample = Sample(text, gold, ((0, 3, "cue"),), "hotline")
    perfect = score([sample], [[(3, 6, "PERSON"), (12, 23, "CN_MOBILE")]])
    assert perfect.recall() == 1.0 and perfect.precision() == 1.0 and perfect.unmasked_chars == 0
    partial = score([sample], [[(3, 5, "PERSON"), (12, 23, "CN_LANDLINE"), (0, 2, "PERSON")]])
    assert partial.found["PERSON"] == 0 and partial.found["CN_MOBILE"] == 0
    assert partial.right["PERSON"] == 1 and partial.predicted["PERSON"] == 2 and partial.right["CN_LANDLINE"] == 0
    assert partial.unmasked_chars == 1 and ("PERSON", "cue") in partial.false_by
    control = Sample("12345热线", (), (), "c_policy")
    assert score([control], [[(0, 5, "CN_LANDLINE")]]).controls_touched == 1


# ------------------------------------------------------------------ the corpus

def plain(text: str) -> str:
    table = str.maketrans("０１２３４５６７８９Ｘ", "0123456789X")
    return "".join(c for c in text.translate(table) if c.isalnum())


def test_corpus_size_genres_and_controls(corpus):
    assert len(corpus) >= 600
    controls = [s for s in corpus if s.control]
    assert len(controls) / len(corpus) >= 0.2
    assert {s.genre for s in corpus} >= set(GENRES)
    assert all(not s.gold for s in controls) and all(s.gold for s in corpus if not s.control)
    assert all(s.decoys for s in controls)


def test_corpus_is_deterministic(corpus):
    assert build_heldout_corpus() == corpus


def test_spans_lie_in_text_and_do_not_overlap(corpus):
    for s in corpus:
        spans = sorted([(a, b) for a, b, *_ in s.gold] + [(a, b) for a, b, _ in s.decoys])
        for (a, b), (c, _) in zip(spans, spans[1:]):
            assert b <= c, s.text
        for a, b, _, c0, c1, _ in s.gold:
            assert 0 <= a <= c0 < c1 <= b <= len(s.text)
            assert s.text[c0:c1].strip() and not s.text[c0].isspace() and not s.text[c1 - 1].isspace()


def test_identifiers_carry_their_check_digits(corpus):
    seen = set()
    for s in corpus:
        for a, b, entity, c0, c1, kind in s.gold:
            core = plain(s.text[c0:c1])
            seen.add(kind)
            if entity == "CN_ID_NUMBER" and kind == "id_15":
                assert len(core) == 15 and datetime.date(1900 + int(core[6:8]), int(core[8:10]), int(core[10:12]))
            elif entity == "CN_ID_NUMBER":
                assert len(core) == 18 and datetime.date(int(core[6:10]), int(core[10:12]), int(core[12:14]))
                assert id_valid(core) == (kind != "id_wrong_check"), core
            elif entity == "CN_BANK_CARD":
                assert 16 <= len(core) <= 19 and luhn_valid(core), core
            elif entity == "CN_CREDIT_CODE":
                assert credit_valid(core) and core[0] != "1", core
            elif entity == "CN_MOBILE":
                assert len(core) == 11 and core[0] == "1", core
        for a, b, kind in s.decoys:
            text = s.text[a:b]
            if kind == "public_credit_code":
                assert credit_valid(text) and text[0] == "1"
            elif kind == "serial_18":
                assert len(text) == 18 and int(text[4:6]) > 12
            elif kind == "non_luhn_run":
                assert len(text) in (16, 19) and not luhn_valid(text)
    hard = {"id_15", "id_wrong_check", "id_full", "id_odd", "id_prefix", "id_lower_x", "mobile_plus86", "mobile_0086",
            "card_4_4_4_4", "card_6_13", "card_4_4_4_4_3", "passport_C8", "passport_E8", "landline_no_area",
            "landline_ext", "name_rare", "name_compound", "name_word", "name_two_char", "name_minority_uyghur",
            "name_minority_tibetan", "name_minority_mongol", "address_village", "address_split", "address_estate"}
    assert hard <= seen, hard - seen
