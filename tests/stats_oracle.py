"""What GraphQL `stats` should answer, worked out from a source's own rows, independently of
the gateway's code: which groups the disclosure rules withhold, and the bounds within which a
perturbed count, sum or average lies (gateway.modes.cell_key's contract).

- a group leaves when it has at least `threshold` rows, every selected aggregate has 0 or at
  least `threshold` contributing rows (values for min and max; non-zero values for sum and
  avg), and no summed magnitude field has its n largest absolute values above k percent of the
  sum of absolute values (the rule read from all the values, not from the gateway's bounds);
- a count n leaves as c with |c - n| <= D and c >= min(n, threshold);
- a sum T leaves as s with m x1 / 2 <= |s - T| <= m x1 (x1 the largest absolute value), or
  exactly T where x1 is 0;
- an average is the released sum over the released count of the field's values.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Iterable

SUMMED = ("sum", "avg")


@dataclasses.dataclass
class Truth:
    """One group of source rows, for one numeric field."""

    count: int = 0
    values: list = dataclasses.field(default_factory=list)  # the field's non-null values

    @property
    def total(self) -> float | None:
        return float(sum(self.values)) if self.values else None

    @property
    def largest(self) -> float:
        return max((abs(v) for v in self.values), default=0.0)

    def contributors(self, fn: str) -> int:
        return sum(1 for v in self.values if v != 0) if fn in SUMMED else len(self.values)

    def exact(self, fn: str) -> float | None:
        if not self.values:
            return None
        return {"sum": float(sum(self.values)), "avg": float(sum(self.values)) / len(self.values),
                "min": float(min(self.values)), "max": float(max(self.values))}[fn]


def groups_of(rows: Iterable[dict], dims: list[str], field: str | None) -> dict[tuple, Truth]:
    """Source rows (dicts) grouped by `dims`, with the values of `field`."""
    out: dict[tuple, Truth] = {}
    for row in rows:
        truth = out.setdefault(tuple(row[d] for d in dims), Truth())
        truth.count += 1
        if field is not None and row[field] is not None:
            truth.values.append(float(row[field]))
    return out


def released(truth: Truth, fns: Iterable[str], threshold: int, dominance=None,
             magnitude: bool = True) -> bool:
    """Whether the rules let a group with these aggregates (of one field) leave."""
    if truth.count < threshold:
        return False
    if any(0 < truth.contributors(fn) < threshold for fn in fns):
        return False
    if dominance and magnitude and set(fns) & set(SUMMED):
        n, k = dominance
        magnitudes = sorted((abs(v) for v in truth.values), reverse=True)
        total = sum(magnitudes)
        if total > 0 and sum(magnitudes[:n]) * 100 > k * total:
            return False
    return True


def count_ok(released_count: int, truth: Truth, spread: int, threshold: int) -> bool:
    return (isinstance(released_count, int) and abs(released_count - truth.count) <= spread
            and released_count >= min(truth.count, threshold))


def sum_ok(released_sum: float | None, truth: Truth, share: float) -> bool:
    if truth.total is None:
        return released_sum is None
    error, scale = abs(released_sum - truth.total), share * truth.largest
    if scale == 0:
        return error < 1e-6
    return scale / 2 - 1e-6 <= error <= scale + 1e-6


def avg_ok(released_avg: float | None, truth: Truth, spread: int, share: float, threshold: int) -> bool:
    """Within the range of (T +- m x1) / (c +- D), c the number of values."""
    if truth.total is None:
        return released_avg is None
    c = len(truth.values)
    low_count, high_count = max(c - spread, min(c, threshold), 1), c + spread
    ends = [(truth.total + e * share * truth.largest) / n
            for e in (-1, 1) for n in (low_count, high_count)]
    return min(ends) - 1e-6 <= released_avg <= max(ends) + 1e-6


def within_bounds(group: dict, truth: Truth, spread: int, share: float, threshold: int) -> list[str]:
    """The keys of a released group (count, sum, avg, min, max) outside their bounds."""
    wrong = []
    if "count" in group and not count_ok(group["count"], truth, spread, threshold):
        wrong.append("count")
    if "sum" in group and not sum_ok(group["sum"], truth, share):
        wrong.append("sum")
    if "avg" in group and not avg_ok(group["avg"], truth, spread, share, threshold):
        wrong.append("avg")
    for fn in ("min", "max"):
        if fn in group and group[fn] != truth.exact(fn):
            wrong.append(fn)
    return wrong


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
