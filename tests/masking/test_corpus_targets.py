"""Issue 18's targets on the generated corpus of government texts (tests/masking/corpus.py).

Two seeds: 18, the corpus the recognizers were measured on while they were written, and 1818,
drawn afterwards. The same figures, with speed, are printed by bench/bench_masking.py.
"""
from __future__ import annotations

import pytest

from masking.text import find_personal
from tests.masking.corpus import GENRES, build_corpus, score

IDENTIFIERS = ("CN_ID_NUMBER", "CN_CREDIT_CODE", "CN_MOBILE", "CN_BANK_CARD")


@pytest.fixture(scope="module", params=[18, 1818])
def scored(request):
    samples = build_corpus(600, seed=request.param)
    found = find_personal([s.text for s in samples])
    return samples, score(samples, [[(r.start, r.end, r.entity_type) for r in rs] for rs in found])


def test_the_corpus_is_what_the_issue_asks_for(scored):
    samples, result = scored
    assert len(samples) >= 500 and {s.genre for s in samples} == set(GENRES)
    assert result.controls >= 60
    for entity in IDENTIFIERS + ("PERSON", "CN_ADDRESS", "CN_LANDLINE", "CN_PASSPORT", "EMAIL_ADDRESS"):
        assert result.gold.get(entity, 0) >= 40, entity
    texts = " ".join(s.text for s in samples)
    for hard in ("应自收到", "某", "故居", "12345", "gov.cn", "组", "单元", "室", "+86", "0086"):
        assert hard in texts, hard


def test_identifiers_are_found(scored):
    _, result = scored
    for entity in IDENTIFIERS:
        assert result.recall(entity) >= 0.99, (entity, result.recall(entity), result.misses[:5])


def test_names_and_addresses_are_found(scored):
    _, result = scored
    for entity in ("PERSON", "CN_ADDRESS"):
        assert result.recall(entity) >= 0.95, (entity, result.recall(entity))


def test_precision_and_controls(scored):
    _, result = scored
    assert result.precision() >= 0.97, result.false_finds[:10]
    assert result.controls_touched_share < 0.03
    assert result.unmasked_share < 0.02
