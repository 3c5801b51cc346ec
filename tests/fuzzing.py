"""What the property-based fuzzers share: how many examples they send and whether they are the
same each run, and the callers they send them as.

In CI and by default every fuzzer sends the same, few examples (derandomized), so a run is
quick and repeatable. For a longer local hunt, give every fuzzer more and new examples:

    FUZZ_SCALE=5 FUZZ_RANDOM=1 .venv/bin/python -m pytest -k fuzz
"""
from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

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


def garbage_authorization(token: str):
    """Authorization headers that are no valid bearer token: near misses of `token`, other
    schemes, random text and bytes."""
    head, _, rest = token.partition(".")
    return st.one_of(
        st.sampled_from(["Bearer", "Bearer ", "Bearer  ", "bearer x", "Bearer x.y.z", "Basic dXNlcjpwYXNz",
                         "Token " + token, "Bearer " + token + "x", "Bearer " + token[:-4],
                         "Bearer " + head + ".e30.", "Bearer " + "a" * 9000, "Bearer " + token + " " + token,
                         "Bearer eyJhbGciOiJub25lIn0." + rest, "Bearer " + token.replace(".", "..", 1),
                         "Negotiate ", " ", "Bearer \u00e9\u00ff", "Bearer\ttab"]),
        st.text(alphabet=string.printable.strip("\r\n\x0b\x0c"), max_size=60).map(lambda s: "Bearer " + s),
        st.binary(max_size=40).map(lambda b: b"Bearer " + b.replace(b"\r", b"").replace(b"\n", b"")),
    )


@st.composite
def caller(draw, tokens: dict[str, str], principals: list[str], preferred: str | None = None, *,
           garbage_from: str, own_weight: int = 2):
    """(kind, headers) for one of: anonymous, the preferred principal's token (`own`, drawn
    `own_weight` times as often as each other kind), another principal's, or garbage made
    from `garbage_from`'s token."""
    kind = draw(st.sampled_from(["anonymous", *["own"] * own_weight, "other", "garbage"]))
    headers = {}
    if kind == "own" and preferred:
        headers["Authorization"] = f"Bearer {tokens[preferred]}"
    elif kind in ("own", "other"):
        headers["Authorization"] = f"Bearer {tokens[draw(st.sampled_from(principals))]}"
    elif kind == "garbage":
        headers["Authorization"] = draw(garbage_authorization(tokens[garbage_from]))
    return kind, headers
