"""The masker's figures on a held-out corpus, against the floors its test module records.

Each corpus's test module (test_heldout_corpus.py, test_fourth_corpus.py, test_fifth_corpus.py,
test_sixth_corpus.py) keeps its own FLOORS and ceilings, measured on that corpus, and binds
these tests to them under their names, so that pytest reports each under its corpus's module.
"""
from __future__ import annotations

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
