"""The analyzer: built once per process, quickly, from Chinese recognizers only."""
from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from masking.analyzer import get_analyzer
from masking.kinds import ENTITIES

REPO = Path(__file__).resolve().parents[2]


def test_one_analyzer_per_process_with_exactly_our_entities():
    analyzer = get_analyzer()
    assert get_analyzer() is analyzer
    assert analyzer.supported_languages == ["zh"]
    assert sorted(analyzer.get_supported_entities("zh")) == sorted(ENTITIES)


def test_cold_construction_takes_under_three_seconds_of_cpu():
    # CPU time, not wall time: the machine is shared. The first run ever also builds
    # the dictionary cache, so build twice and time the second, fresh process.
    code = "import masking.analyzer as a; a.get_analyzer().analyze('手机13812345678', 'zh')"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 3.0, f"cold analyzer took {cpu:.2f} s of CPU"


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
