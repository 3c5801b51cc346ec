"""Name pools of the demo world (people's names and trade names), one per seed."""
from __future__ import annotations

import functools
import random

from faker import Faker
from faker.providers.company.zh_CN import Provider as _FakerCompany

from gateway.demo.data.sampling import _choice, _pick_local_surname
from gateway.demo.data.vocabularies import _GIVEN_CHARS, _TRADE_CHARS


class _NamePools:
    """Surname and given-name pools, drawn once from a seeded Faker and our own lists.

    Drawing a row's name is then two list look-ups instead of a Faker call."""

    def __init__(self, seed: int):
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        rng = random.Random(f"{seed}:names")
        self.local_surnames = [_pick_local_surname(rng) for _ in range(2000)]
        self.national_surnames = [fake.last_name() for _ in range(2000)]
        self.given: dict[str, list[str]] = {}
        for gender, faker_given in (("男", fake.first_name_male), ("女", fake.first_name_female)):
            first, second = _GIVEN_CHARS[gender]
            pool = [faker_given() for _ in range(800)]
            pool += [rng.choice(first) + rng.choice(second) for _ in range(2400)]
            pool += [rng.choice(second) for _ in range(300)]
            rng.shuffle(pool)
            self.given[gender] = pool
        # Faker's trade names, without place names, industry words or Latin letters
        trade = [p for p in _FakerCompany.company_prefixes
                 if 2 <= len(p) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in p)
                 and not any(w in p for w in ("电子", "软件", "科技", "信息", "计算机", "电脑",
                                              "公司", "济南", "黄石", "襄樊", "开发区", "数字"))]
        trade += [rng.choice(_TRADE_CHARS) + rng.choice(_TRADE_CHARS) for _ in range(600)]
        self.trade_names = [t for t in trade if t[0] != t[-1]]

    def name(self, rng: random.Random, gender: str, local: bool = True) -> str:
        surnames = self.local_surnames if local else self.national_surnames
        return _choice(rng, surnames) + _choice(rng, self.given[gender])


@functools.lru_cache(maxsize=4)
def _name_pools(seed: int) -> _NamePools:
    return _NamePools(seed)
