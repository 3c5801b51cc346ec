"""Rows of ``social_insurance``: who of the population is insured, how, with which employer."""
from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Iterator, Sequence

from gateway.demo.data.enterprises import enterprise_count, enterprise_rows
from gateway.demo.data.people import population_rows
from gateway.demo.data.sampling import (_age_in_years, _choice, _pick_insurance_status,
                                        _pick_retired_insurance, _pick_retired_status,
                                        _pick_working_insurance)
from gateway.demo.data.vocabularies import (INSURED_SHARE_OF_ADULTS, MONTHLY_BASE_CEILING,
                                            MONTHLY_BASE_FLOOR)
from gateway.demo.data.world import DEFAULT_SEED, REFERENCE_DATE


class _Insurer:
    """Decides, person by person, who is insured, how, and with which employer."""

    def __init__(self, seed: int, employers: Sequence[str]):
        self.rng = random.Random(f"{seed}:social_insurance")
        self.employers = employers
        self.earliest = dt.date(1995, 1, 1).toordinal()

    def row_for(self, person: dict) -> dict | None:
        rng = self.rng
        birth = person["birth_date"]
        age = _age_in_years(birth)
        if age < 16 or rng.random() >= INSURED_SHARE_OF_ADULTS:
            return None
        retired = age >= 60
        kind = _pick_retired_insurance(rng) if retired else _pick_working_insurance(rng)
        status = _pick_retired_status(rng) if retired else _pick_insurance_status(rng)
        employer = None if kind == "城乡居民基本养老保险" else _choice(rng, self.employers)
        if kind == "城乡居民基本养老保险" or rng.random() < 0.3:
            base = MONTHLY_BASE_FLOOR * (1 + 0.1 * int(rng.random() * 4))
        else:  # wages: median about 5,500 元, long tail, capped
            base = rng.lognormvariate(math.log(5500), 0.55)
        base = round(min(max(base, MONTHLY_BASE_FLOOR), MONTHLY_BASE_CEILING))
        first = max(self.earliest, birth.toordinal() + 5844)  # 16th birthday, about
        span = max(REFERENCE_DATE.toordinal() - first, 1)
        since = dt.date.fromordinal(REFERENCE_DATE.toordinal() - 1 - int(span * rng.random() ** 1.5))
        return {
            "id_number": person["id_number"],
            "name": person["name"],
            "employer_credit_code": employer,
            "insurance_type": kind,
            "monthly_base": Decimal(base).quantize(Decimal("0.01")),
            "since": since,
            "status": status,
            "district": person["district"],
        }


def _employer_codes(people: int, seed: int) -> list[str]:
    """Credit codes of the enterprises that can employ people (active companies)."""
    return [e["credit_code"] for e in enterprise_rows(enterprise_count(people), seed)
            if e["status"] in ("存续", "在业") and e["credit_code"][1] != "3"]


def social_insurance_rows(people: int = 10_000, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield the ``social_insurance`` rows of the world with ``people`` people."""
    insurer = _Insurer(seed, _employer_codes(people, seed))
    for person in population_rows(people, seed):
        row = insurer.row_for(person)
        if row is not None:
            yield row
