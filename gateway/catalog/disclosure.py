"""A dataset's disclosure control rules for statistics, beyond the small-group threshold.

- Dominance, the (n, k) rule of statistical offices: a sum or average of a magnitude field
  (a numeric field that is not a dimension) is withheld for a group where the `dominance_n`
  largest contributions make up more than `dominance_k` percent of the total, as a small
  group is. `dominance_n` 0 turns the rule off.
- Cell key perturbation (GraphQL `stats`): counts move by at most `count_noise` and sums by
  at most `magnitude_noise` times the group's largest contribution, by an amount chosen by a
  keyed hash of the group's records, so the same group always gets the same answer and two
  groups that differ by one person cannot be subtracted exactly. 0 turns either off.

The catalog entry keeps only what the steward set (`CatalogEntry.disclosure`, camelCase
keys as the API names them); the rest comes from the gateway's settings.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping

from gateway.errors import BadInput

# API name -> (attribute, type, lowest, highest)
_KEYS = {
    "dominanceN": ("dominance_n", int, 0, 5),
    "dominanceK": ("dominance_k", float, 1.0, 100.0),
    "countNoise": ("count_noise", int, 0, 10),
    "magnitudeNoise": ("magnitude_noise", float, 0.0, 1.0),
}


@dataclasses.dataclass(frozen=True)
class DisclosureRules:
    dominance_n: int = 2
    dominance_k: float = 85.0
    count_noise: int = 2
    magnitude_noise: float = 0.1

    @property
    def dominance(self) -> tuple[int, float] | None:
        """(n, k) of the dominance rule, None when it is off."""
        return (self.dominance_n, self.dominance_k) if self.dominance_n > 0 else None

    @property
    def perturbed(self) -> bool:
        return self.count_noise > 0 or self.magnitude_noise > 0

    def as_api(self) -> dict[str, Any]:
        return {name: getattr(self, attr) for name, (attr, *_rest) in _KEYS.items()}


def defaults_from(settings) -> DisclosureRules:
    return DisclosureRules(dominance_n=settings.dominance_n, dominance_k=settings.dominance_k,
                           count_noise=settings.stats_count_noise,
                           magnitude_noise=settings.stats_magnitude_noise)


def rules_of(stored: Mapping[str, Any] | None, defaults: DisclosureRules) -> DisclosureRules:
    """An entry's rules: what its steward set over the gateway's defaults. Values that the
    store holds but that are out of range (written by hand) fall back to the default."""
    changes = {}
    for name, value in (stored or {}).items():
        if name in _KEYS and value is not None:
            try:
                changes[_KEYS[name][0]] = _checked(name, value)
            except BadInput:
                continue
    return dataclasses.replace(defaults, **changes)


def validated(code: str, given: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The rules a steward saves for entry `code`, checked; None if none are set."""
    if not given:
        return None
    unknown = sorted(set(given) - set(_KEYS))
    if unknown:
        raise BadInput(f"{code}: disclosure takes {', '.join(_KEYS)}, not {', '.join(unknown)}")
    kept = {name: _checked(name, value, code) for name, value in given.items() if value is not None}
    return kept or None


def _checked(name: str, value: Any, code: str = "") -> int | float:
    _attr, kind, low, high = _KEYS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            kind is int and int(value) != value):
        raise BadInput(f"{code}: disclosure.{name} must be {'a whole number' if kind is int else 'a number'}")
    if not low <= value <= high:
        raise BadInput(f"{code}: disclosure.{name} must be between {low:g} and {high:g} "
                       f"(it is {value:g})")
    return kind(value)
