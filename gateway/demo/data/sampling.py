"""Drawing helpers shared by the row generators: weighted pickers over the places and
vocabularies, a one-call choice, ages on the reference date, dates and money as stored."""
from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from decimal import Decimal
from itertools import accumulate
from typing import Callable, Mapping, Sequence, TypeVar

from gateway.demo.data.places import (DISTRICT_WEIGHTS, FOSHAN_STREETS, MIGRANT_AREA_CODES)
from gateway.demo.data.vocabularies import (
    _ADULT_DEPARTMENTS, _CAPITAL_STEPS, _CHILD_DEPARTMENTS, _ELDER_DEPARTMENTS,
    _RETIRED_INSURANCE, _RETIRED_STATUSES, _WORKING_AGE_INSURANCE, AGE_BANDS,
    ENTERPRISE_KINDS, ENTERPRISE_STATUSES, ETHNICITIES, INDUSTRIES, INSURANCE_STATUSES,
    LOCAL_SURNAMES, MIGRANT_AGE_BANDS, PHONE_PREFIXES)
from gateway.demo.data.world import REFERENCE_DATE

T = TypeVar("T")


def _picker(weights: Mapping[T, float]) -> Callable[[random.Random], T]:
    """A function rng -> item, drawing items with the given relative weights."""
    items = list(weights)
    cum = list(accumulate(weights.values()))
    total = cum[-1]
    last = len(items) - 1
    return lambda rng: items[bisect_right(cum, rng.random() * total, 0, last)]


def _choice(rng: random.Random, seq: Sequence[T]) -> T:
    """rng.choice that always uses one random() call, whatever len(seq) is."""
    return seq[int(rng.random() * len(seq))]


def _yyyymmdd(d: dt.date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"



def _age_in_years(birth: dt.date, on: dt.date = REFERENCE_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


_pick_district = _picker(DISTRICT_WEIGHTS)
_pick_street = {d: _picker(w) for d, w in FOSHAN_STREETS.items()}
_pick_migrant_area = _picker(MIGRANT_AREA_CODES)
_pick_age_band = _picker(AGE_BANDS)
_pick_migrant_age_band = _picker(MIGRANT_AGE_BANDS)
_pick_ethnicity = _picker(ETHNICITIES)
_pick_phone_prefix = _picker(PHONE_PREFIXES)
_pick_local_surname = _picker(LOCAL_SURNAMES)
_pick_industry = _picker(INDUSTRIES)
_pick_kind = _picker(ENTERPRISE_KINDS)
_pick_enterprise_status = _picker(ENTERPRISE_STATUSES)
_pick_capital = _picker(_CAPITAL_STEPS)
_pick_working_insurance = _picker(_WORKING_AGE_INSURANCE)
_pick_retired_insurance = _picker(_RETIRED_INSURANCE)
_pick_insurance_status = _picker(INSURANCE_STATUSES)
_pick_retired_status = _picker(_RETIRED_STATUSES)
_pick_adult_department = _picker(_ADULT_DEPARTMENTS)
_pick_elder_department = _picker(_ELDER_DEPARTMENTS)
_pick_child_department = _picker(_CHILD_DEPARTMENTS)
