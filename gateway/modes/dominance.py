"""The (n, k) dominance rule: a sum of amounts where the n largest absolute contributions make
up more than k percent of the sum of absolute values tells those few contributions nearly
exactly, so the group is withheld as a small group is (gateway.catalog.disclosure has n and k).

Most groups are decided by the largest contribution x1 and the total T alone, which the stats
GROUP BY computes anyway: the n largest make up at least x1 and at most min(n x1, T). Only a
group between the two bounds needs its n largest values read (gateway.modes.stats_rules).
"""
from __future__ import annotations

from typing import Sequence

# sums computed by the source and in Python may differ in the last bits
_TOLERANCE = 1e-9


def verdict(largest: float, total: float, n: int, k: float) -> bool | None:
    """True if dominated, False if not, None if only the n largest values can tell."""
    if total <= 0:
        return False
    if largest * 100 > k * total * (1 + _TOLERANCE):
        return True
    if n == 1 or min(n * largest, total) * 100 <= k * total * (1 + _TOLERANCE):
        return False
    return None


def dominated(largest_n: Sequence[float], total: float, k: float) -> bool:
    """The rule itself, from the group's n largest absolute values."""
    return total > 0 and sum(largest_n) * 100 > k * total * (1 + _TOLERANCE)
