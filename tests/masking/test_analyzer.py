"""The analyzer: built once per process, quickly, from Chinese recognizers only."""
from __future__ import annotations

from masking.analyzer import get_analyzer
from masking.kinds import ENTITIES

def test_one_analyzer_per_process_with_exactly_our_entities():
    analyzer = get_analyzer()
    assert get_analyzer() is analyzer
    assert analyzer.supported_languages == ["zh"]
    assert sorted(analyzer.get_supported_entities("zh")) == sorted(ENTITIES)


def test_nothing_is_downloaded(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the analyzer tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    results = get_analyzer().analyze("邮箱 zhang.san@163.com", "zh")
    assert [r.entity_type for r in results] == ["EMAIL_ADDRESS"]


def test_context_passed_by_the_caller_also_counts():
    analyzer = get_analyzer()
    plain = analyzer.analyze("14012345678", "zh", score_threshold=0.0)
    helped = analyzer.analyze("14012345678", "zh", context=["手机"], score_threshold=0.0)
    assert [round(r.score, 2) for r in plain] == [0.35]
    assert [round(r.score, 2) for r in helped] == [0.7]
