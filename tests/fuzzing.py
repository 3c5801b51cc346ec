"""How many examples the property-based fuzzers send, and whether they are the same each run.

In CI and by default every fuzzer sends the same, few examples (derandomized), so a run is
quick and repeatable. For a longer local hunt, give every fuzzer more and new examples:

    FUZZ_SCALE=5 FUZZ_RANDOM=1 .venv/bin/python -m pytest -k fuzz
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1.0, float(os.environ.get("FUZZ_SCALE", "1")))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"


def fuzz_settings(examples: int, **overrides) -> settings:
    """Settings for a property that sends `examples` examples at scale 1."""
    return settings(**{
        "max_examples": max(1, int(examples * SCALE)), "derandomize": not RANDOM,
        "database": None, "deadline": None, "print_blob": False,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                  HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
        **overrides})
