"""Rows of ``population``: people with valid 佛山 (or migrants') citizen ID numbers."""
from __future__ import annotations

import datetime as dt
import random
import zlib
from typing import Iterator

from gateway.demo.data.names import _name_pools
from gateway.demo.data.places import (DISTRICT_CODES, FOSHAN_DISTRICTS, FOSHAN_ROADS,
                                      MIGRANT_SHARE)
from gateway.demo.data.sampling import (_choice, _pick_age_band, _pick_district,
                                        _pick_ethnicity, _pick_migrant_age_band,
                                        _pick_migrant_area, _pick_phone_prefix, _pick_street,
                                        _yyyymmdd)
from gateway.demo.data.world import DEFAULT_SEED, REFERENCE_DATE
from masking.check_digits import id_check_digit


class _IdSequences:
    """Hands out the 3-digit sequence (digits 15-17) so that no two people share an ID.

    For each area code + birth date + gender there are 499 sequences (odd for 男, even
    for 女); they are handed out in a scrambled but fixed order."""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def take(self, first14: str, male: bool) -> str | None:
        key = first14 + ("1" if male else "0")
        n = self._used.get(key, 0)
        if n >= 499:
            return None  # all taken: the caller draws another birth date
        self._used[key] = n + 1
        m = (zlib.crc32(key.encode()) + 37 * n) % 499  # 37 is coprime with 499
        return f"{2 * m + 1 if male else 2 * m + 2:03d}"



def population_rows(people: int = 10_000, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield ``people`` rows of ``population`` (dicts keyed by column name)."""
    rng = random.Random(f"{seed}:population")
    names = _name_pools(seed)
    sequences = _IdSequences()
    ref = REFERENCE_DATE.toordinal()
    foshan_codes = list(FOSHAN_DISTRICTS)
    for _ in range(people):
        district = _pick_district(rng)
        migrant = rng.random() < MIGRANT_SHARE
        if migrant:
            area = _pick_migrant_area(rng)
            low, high = _pick_migrant_age_band(rng)
        else:  # most locals were registered in the district they live in
            area = DISTRICT_CODES[district] if rng.random() < 0.85 else _choice(rng, foshan_codes)
            low, high = _pick_age_band(rng)
        male = rng.random() < 0.52  # 佛山 has more men than women (migrant workers)
        gender = "男" if male else "女"
        while True:
            age_days = int((low + rng.random() * (high - low)) * 365.2425)
            birth = dt.date.fromordinal(ref - age_days)
            first14 = area + _yyyymmdd(birth)
            sequence = sequences.take(first14, male)
            if sequence is not None:
                break
        first17 = first14 + sequence
        street = _pick_street[district](rng)
        address = (f"广东省佛山市{district}{street}{_choice(rng, FOSHAN_ROADS[district])}"
                   f"{1 + int(rng.random() ** 2 * 300)}号")
        if rng.random() < 0.7:  # flats: building and room number
            address += (f"{1 + int(rng.random() * 20)}座"
                        f"{1 + int(rng.random() * 32)}{1 + int(rng.random() * 6):02d}房")
        yield {
            "id_number": first17 + id_check_digit(first17),
            "name": names.name(rng, gender, local=not migrant),
            "gender": gender,
            "birth_date": birth,
            "ethnicity": _pick_ethnicity(rng),
            "phone": _pick_phone_prefix(rng) + f"{int(rng.random() * 100_000_000):08d}",
            "address": address,
            "district": district,
        }
