"""Rows of ``medical_visits``: the population's visits to 佛山 hospitals in the visit period."""
from __future__ import annotations

import datetime as dt
import math
import random
from typing import Iterator

from gateway.demo.data.people import population_rows
from gateway.demo.data.sampling import (_age_in_years, _choice, _money, _pick_adult_department,
                                        _pick_child_department, _pick_elder_department,
                                        _yyyymmdd)
from gateway.demo.data.vocabularies import (_CITY_HOSPITALS, _MEDIAN_COST, DIAGNOSES, HOSPITALS,
                                            INPATIENT_SHARE, VISIT_PERIOD)
from gateway.demo.data.world import DEFAULT_SEED


class _Clinic:
    """Gives each person 0, 1 or more visits; older people and children go more often."""

    def __init__(self, seed: int):
        self.rng = random.Random(f"{seed}:medical_visits")
        self.counter = 0
        self.first = VISIT_PERIOD[0].toordinal()
        self.span = VISIT_PERIOD[1].toordinal() - self.first + 1

    def _visit_count(self, age: int) -> int:
        mean = 0.6 if age < 14 else 0.36 if age < 60 else 1.13
        # Poisson by inversion: a handful of random() calls at most
        k, p, u = 0, math.exp(-mean), self.rng.random()
        cumulative = p
        while u > cumulative and k < 12:
            k += 1
            p *= mean / k
            cumulative += p
        return k

    def rows_for(self, person: dict) -> list[dict]:
        rng = self.rng
        birth = person["birth_date"]
        age = _age_in_years(birth)
        rows = []
        for _ in range(self._visit_count(age)):
            on = dt.date.fromordinal(max(birth.toordinal(), self.first + int(rng.random() * self.span)))
            if age < 14:
                department = _pick_child_department(rng)
            elif person["gender"] == "女" and 18 <= age <= 50 and rng.random() < 0.25:
                department = "妇产科"
            else:
                department = (_pick_elder_department if age >= 60 else _pick_adult_department)(rng)
            if rng.random() < 0.75:
                district = person["district"]
                hospital = _choice(rng, HOSPITALS[district])
            else:
                district, hospital = "禅城区", _choice(rng, _CITY_HOSPITALS)
            cost = rng.lognormvariate(math.log(_MEDIAN_COST[department]), 0.6)
            if rng.random() < INPATIENT_SHARE:
                cost *= 25
            self.counter += 1
            rows.append({
                "visit_id": f"V{_yyyymmdd(on)}{self.counter:07d}",
                "id_number": person["id_number"],
                "visit_date": on,
                "hospital": hospital,
                "department": department,
                "diagnosis": _choice(rng, DIAGNOSES[department]),
                "cost": _money(cost),
                "district": district,
            })
        return rows


def medical_visit_rows(people: int = 10_000, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield the ``medical_visits`` rows of the world with ``people`` people."""
    clinic = _Clinic(seed)
    for person in population_rows(people, seed):
        yield from clinic.rows_for(person)
