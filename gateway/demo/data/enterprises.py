"""Rows of ``enterprises``: companies, sole traders and cooperatives with valid credit codes."""
from __future__ import annotations

import datetime as dt
import random
from typing import Iterator

from gateway.demo.data.names import _name_pools
from gateway.demo.data.places import DISTRICT_CODES
from gateway.demo.data.sampling import (_choice, _money, _pick_capital, _pick_district,
                                        _pick_enterprise_status, _pick_industry, _pick_kind,
                                        _pick_street)
from gateway.demo.data.vocabularies import _INDUSTRY_WORDS, _SHOP_WORDS
from gateway.demo.data.world import DEFAULT_SEED, REFERENCE_DATE
from gateway.identifiers import CREDIT_ALPHABET, make_credit_code


def enterprise_count(people: int) -> int:
    return max(500, people // 10)


def enterprise_rows(count: int, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield ``count`` rows of ``enterprises``; see ``enterprise_count(people)``."""
    rng = random.Random(f"{seed}:enterprises")
    names = _name_pools(seed)
    seen: set[str] = set()
    start = dt.date(1992, 1, 1).toordinal()
    span = REFERENCE_DATE.toordinal() - start
    emitted = 0
    while emitted < count:
        kind = _pick_kind(rng)
        district = _pick_district(rng)
        industry = "农林牧渔业" if kind == "3" else _pick_industry(rng)
        code = make_credit_code("9" + kind + DISTRICT_CODES[district] + _organisation_code(rng))
        trade = _choice(rng, names.trade_names)
        town = _pick_street[district](rng).removesuffix("街道").removesuffix("镇")
        if kind == "1":
            form = "股份有限公司" if rng.random() < 0.03 else "有限公司"
            name = f"佛山市{district}{trade}{_choice(rng, _INDUSTRY_WORDS[industry])}{form}"
            capital = _pick_capital(rng) if rng.random() < 0.85 else rng.lognormvariate(5, 1.3)
        elif kind == "2":
            surname = _choice(rng, names.local_surnames)
            name = f"佛山市{district}{town}{surname}记{_choice(rng, _SHOP_WORDS[industry])}"
            capital = 1 + rng.random() ** 2 * 49
        else:
            name = f"佛山市{district}{town}{trade}{_choice(rng, _INDUSTRY_WORDS[industry])}专业合作社"
            capital = 10 + rng.random() ** 2 * 490
        gender = "男" if rng.random() < 0.7 else "女"
        row = {
            "credit_code": code,
            "name": name,
            "legal_representative": names.name(rng, gender, local=rng.random() < 0.8),
            "registered_capital": _money(min(capital, 999_999)),
            "industry": industry,
            "district": district,
            # business registrations boomed after the 2014 reform: skew towards recent
            "established_on": dt.date.fromordinal(start + span - 1 - int(span * rng.random() ** 1.8)),
            "status": _pick_enterprise_status(rng),
        }
        if code in seen:  # astronomically rare; skip rather than break the primary key
            continue
        seen.add(code)
        emitted += 1
        yield row


def _organisation_code(rng: random.Random) -> str:
    """A GB 11714 organisation code: 8 characters and a check character (0-9 or X)."""
    if rng.random() < 0.6:  # codes issued since 2015 mostly start with MA
        body = "MA" + "".join(_choice(rng, CREDIT_ALPHABET) for _ in range(6))
    else:
        body = f"{int(rng.random() * 100_000_000):08d}"
    total = sum(int(c, 36) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))
