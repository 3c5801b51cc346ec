"""The masker's figures on a held-out corpus, against the floors its test module records, and
the checks of a corpus's shape that every corpus shares.

Each corpus's test module (test_heldout_corpus.py, test_fourth_corpus.py … test_eighth_corpus.py)
keeps its own FLOORS and ceilings, measured on that corpus, and binds these tests to them under
their names, so that pytest reports each under its corpus's module.
"""
from __future__ import annotations

import datetime

import pytest

from masking.text import find_personal

TARGET_RECALL = {"CN_ID_NUMBER": 0.99, "CN_CREDIT_CODE": 0.99, "CN_MOBILE": 0.99, "CN_BANK_CARD": 0.99,
                 "PERSON": 0.95, "CN_ADDRESS": 0.95}


def scored(corpus, score):
    """The masker's spans on every text of ``corpus``, scored by the corpus's ``score``."""
    found = find_personal([s.text for s in corpus])
    return score(corpus, [[(r.start, r.end, r.entity_type) for r in rs] for rs in found])


def floor_tests(floors: dict, precision_floor: float, controls_ceiling: int,
                unmasked_ceiling: float) -> tuple:
    """(recall, precision, overall) tests of a module's ``result`` fixture: each entity's recall
    meets its target or holds its floor, its precision holds its floor, and the overall
    precision, the control texts touched and the share of characters left visible hold."""

    @pytest.mark.parametrize("entity", sorted(floors))
    def test_recall_meets_target_or_holds_floor(result, entity):
        floor = floors[entity][0]
        assert result.recall(entity) >= min(floor, TARGET_RECALL.get(entity, floor))

    @pytest.mark.parametrize("entity", sorted(floors))
    def test_precision_holds_floor(result, entity):
        assert result.precision(entity) >= floors[entity][1]

    def test_overall_precision_controls_and_leak_hold(result):
        assert result.precision() >= precision_floor
        assert result.controls_touched <= controls_ceiling
        assert result.unmasked_chars / result.personal_chars <= unmasked_ceiling

    return (test_recall_meets_target_or_holds_floor, test_precision_holds_floor,
            test_overall_precision_controls_and_leak_hold)


def shape_tests(build, seed: int) -> tuple:
    """(determinism, spans) tests of a module's ``corpus`` fixture, built by ``build(seed)``: the
    same seed builds the same corpus and another seed another; gold spans and look-alikes lie in
    the text without overlapping, and a gold value's core starts and ends on a character."""

    def test_corpus_is_deterministic_by_seed(corpus):
        assert build() == corpus
        assert build(seed + 1) != corpus

    def test_spans_lie_in_text_and_do_not_overlap(corpus):
        for s in corpus:
            spans = sorted([(a, b) for a, b, *_ in s.gold] + [(a, b) for a, b, _ in s.decoys])
            for (a, b), (c, _) in zip(spans, spans[1:]):
                assert b <= c, s.text
            for a, b, _, c0, c1, _ in s.gold:
                assert 0 <= a <= c0 < c1 <= b <= len(s.text)
                assert not s.text[c0].isspace() and not s.text[c1 - 1].isspace()
            for a, b, _ in s.decoys:
                assert 0 <= a < b <= len(s.text), s.text

    return test_corpus_is_deterministic_by_seed, test_spans_lie_in_text_and_do_not_overlap


def birth_date(core: str) -> datetime.date:
    """The birth date an ID number (its 15 or 18 characters) states."""
    if len(core) == 15:
        return datetime.date(1900 + int(core[6:8]), int(core[8:10]), int(core[10:12]))
    return datetime.date(int(core[6:10]), int(core[10:12]), int(core[12:14]))
