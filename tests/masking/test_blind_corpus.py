"""Issue 18's targets on the blind corpus (``blind_corpus.py``), through ``find_personal``, the
spans ``mask_texts`` replaces.

Targets the library meets are asserted as targets. Targets it does not meet yet are asserted
as FLOORS: the figure last measured, so that a change that makes it worse fails; raise a floor
when a fix lifts the figure, and turn it into the target once met. A held-out seed
(``HELD_OUT_SEED``) is held to the same targets.
Run with ``-s`` to see the table (or ``bench/bench_masking.py --corpus blind``).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from gateway.identifiers import is_valid_credit_code, is_valid_id_number
from masking.text import find_personal
from tests.masking.blind_corpus import BLIND_SEED, build_blind_corpus, report, score
from tests.masking.blind_values import credit_check, id_check, luhn_ok

IDENTIFIERS = ("CN_ID_NUMBER", "CN_CREDIT_CODE", "CN_MOBILE", "CN_BANK_CARD")

# Issue 18's targets met on the blind corpus. PERSON: 0.793 when the corpus was written, 0.942
# after the first rules, 0.989 with minority name parts and a person's acts (held-out 0.984).
TARGET_RECALL = {"CN_ADDRESS": 0.95, "PERSON": 0.95}
TARGET_PRECISION = 0.97                 # overall
TARGET_CONTROLS_TOUCHED = 0.03          # below
CEILING_UNMASKED_SHARE = 0.0022   # CEILING (no target in the issue): personal characters left standing (0.0021)
HELD_OUT_SEED = 4242  # a second sample of the same generator, never read while fixing (issue 18)


@pytest.fixture(scope="module")
def corpus():
    return build_blind_corpus()


@pytest.fixture(scope="module")
def result(corpus):
    found = find_personal([s.text for s in corpus])
    measured = score(corpus, [[(r.start, r.end, r.entity_type) for r in rs] for rs in found])
    print(f"\nblind corpus, seed {BLIND_SEED}, {len(corpus)} texts\n" + "\n".join(report(measured)))
    return measured


def digits_of(value: str) -> str:
    return re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", value).upper())


def test_the_corpus_is_large_varied_and_hard(corpus):
    genres = {s.genre for s in corpus}
    assert len(corpus) >= 600 and sum(s.control for s in corpus) >= 150
    assert genres == {"hotline", "penalty", "assistance", "discharge", "judgment", "police", "notice", "control"}
    assert all(sum(s.genre == g for s in corpus) >= 60 for g in genres)
    assert not any(s.gold for s in corpus if s.control)
    kinds = {gd.kind for s in corpus for gd in s.gold}
    for hard in ("compound surname, mid", "name with a middle dot, list", "rare surname, sign", "name that is a word, cc",
                 "joined to a mobile", "grouped by four", "19 digits, 4-4-4-4-3", "(+86) in brackets",
                 "8 digits after 座机", "village, group, lane", "港澳通行证 C + 8 digits"):
        assert any(k.startswith(hard) for k in kinds), hard
    texts = [s.text for s in corpus]
    assert len(set(texts)) == len(texts)


def test_gold_values_carry_valid_check_digits(corpus):
    checked = 0
    for s in corpus:
        ends = sorted((gd.start, gd.end) for gd in s.gold)
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "gold spans overlap"
        for gd in s.gold:
            value = s.text[gd.start:gd.end]
            if gd.entity == "CN_ID_NUMBER":
                n = digits_of(value)
                if len(n) == 15:
                    dt.datetime.strptime("19" + n[6:12], "%Y%m%d")
                else:
                    assert len(n) == 18 and id_check(n[:17]) == n[17] and is_valid_id_number(n), value
                    dt.datetime.strptime(n[6:14], "%Y%m%d")
            elif gd.entity == "CN_CREDIT_CODE":
                assert credit_check(value[:17]) == value[17] and is_valid_credit_code(value), value
            elif gd.entity == "CN_BANK_CARD":
                assert luhn_ok(digits_of(value)), value
            elif gd.entity == "CN_MOBILE":
                assert re.fullmatch(r"1[3-9]\d{9}", digits_of(s.text[gd.core[0]:gd.core[1]])), value
            else:
                continue
            checked += 1
    assert checked > 800


def test_decoys_fail_their_checks(corpus):
    """The look-alikes of the control texts must not be valid identifiers by their own standard."""
    decoys = [s.text[a:b] for s in corpus for a, b, kind in s.decoys if kind in ("non_id_run", "bad_credit")]
    assert len(decoys) >= 30
    for value in decoys:
        assert not is_valid_id_number(value) and not is_valid_credit_code(value), value


def test_identifiers_meet_the_recall_target(result):
    for entity in IDENTIFIERS:
        assert result.recall(entity) >= 0.99, (entity, "\n".join(report(result)))


def test_addresses_and_names_meet_the_recall_target(result):
    for entity, target in TARGET_RECALL.items():
        assert result.recall(entity) >= target, (entity, "\n".join(report(result)))


def test_precision_meets_its_target(result):
    assert result.precision() >= TARGET_PRECISION, "\n".join(report(result))


def test_controls_touched_meet_the_target_and_characters_left_do_not_rise(result):
    assert result.controls_touched_share < TARGET_CONTROLS_TOUCHED, "\n".join(report(result))
    assert result.unmasked_share <= CEILING_UNMASKED_SHARE, "\n".join(report(result))


def test_the_held_out_sample_meets_the_same_targets():
    """The rules were written against the misses of seed BLIND_SEED; a second seed checks they
    were not fitted to its draws (same generator, so not a check against other templates)."""
    corpus = build_blind_corpus(seed=HELD_OUT_SEED)
    found = find_personal([s.text for s in corpus])
    held = score(corpus, [[(r.start, r.end, r.entity_type) for r in rs] for rs in found])
    lines = "\n".join(report(held))
    for entity in IDENTIFIERS:
        assert held.recall(entity) >= 0.99, (entity, lines)
    for entity, target in TARGET_RECALL.items():
        assert held.recall(entity) >= target, (entity, lines)
    assert held.precision() >= TARGET_PRECISION, lines
    assert held.controls_touched_share < TARGET_CONTROLS_TOUCHED, lines
