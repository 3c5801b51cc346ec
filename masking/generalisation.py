"""A release's quasi-identifiers and their generalisation steps as a field policy states them.

The policy side of k-anonymity (masking.k_anonymity computes it in Arrow and re-exports these
names), kept apart so that reading a catalog's field policies does not load Arrow.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping, Tuple

from masking.errors import BadMaskingInput

SUPPRESSED = "*"
STEP_KINDS = ("truncate", "band", "suppressRare")


@dataclass(frozen=True)
class Step:
    """One step of a field's generalisation hierarchy."""

    kind: str  # truncate | band | suppressRare
    size: int = 0  # characters kept (truncate), width (band)

    def as_api(self) -> Dict[str, Any]:
        return {self.kind: True if self.kind == "suppressRare" else self.size}


def parse_steps(given: Any, where: str = "coarsen") -> Tuple[Step, ...]:
    """A field's steps from their JSON form, e.g. ``[{"truncate": 8}, {"truncate": 2}]``."""
    if given is None:
        return ()
    if not isinstance(given, (list, tuple)):
        raise BadMaskingInput(f"{where} is a list of steps like "
                              '[{"truncate": 8}, {"band": 10}, {"suppressRare": true}]')
    steps = []
    for one in given:
        if not isinstance(one, Mapping) or len(one) != 1 or next(iter(one)) not in STEP_KINDS:
            raise BadMaskingInput(f"each step of {where} is one of "
                                  '{"truncate": n}, {"band": w}, {"suppressRare": true}; '
                                  f"not {one!r}")
        (kind, value), = one.items()
        if kind == "suppressRare":
            if value is not True:
                raise BadMaskingInput(f'{where}: write the step as {{"suppressRare": true}}')
            steps.append(Step(kind))
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10**9:
            raise BadMaskingInput(f"{where}: {kind} takes a whole number from 1, not {value!r}")
        steps.append(Step(kind, value))
    return tuple(steps)


@dataclass(frozen=True)
class Quasi:
    """A quasi-identifier of the release and its generalisation steps."""

    name: str
    steps: Tuple[Step, ...] = ()
