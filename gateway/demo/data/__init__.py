"""Synthetic source data for the demo world of 佛山 (Foshan).

Four source tables, each owned by one department (see docs/api.md, "Demo world"):

========================  ==================  ==============  =======================
table                     owner               key             rows for ``people=n``
========================  ==================  ==============  =======================
``population``            市公安局            ``id_number``   n
``enterprises``           市市场监督管理局    ``credit_code`` max(500, n // 10)
``social_insurance``      市人社局            ``id_number``   about 0.7 n (a subset)
``medical_visits``        市卫生健康局        ``visit_id``    about 0.5 n
========================  ==================  ==============  =======================

Everything is deterministic for a given seed: Faker (zh_CN) is seeded and used once to
fill name and trade-name pools, and every table draws from its own ``random.Random``.
Rows come out in a fixed order, so a world of n people is the first n people of a
larger world with the same seed; that is what ``if_exists="grow"`` relies on to grow a
table (say ``population`` to 1,000,000 rows for a benchmark) without duplicates.

Realism, briefly: citizen ID numbers carry 佛山 district area codes (about 10% are
migrants with area codes from elsewhere), a birth date equal to ``birth_date`` and a
17th digit that is odd for 男 and even for 女, all with a GB 11643 check digit.
Credit codes are GB 32100 codes (registration authority 9, a 佛山 area code, an
organisation code with its GB 11714 check character, the mod-31 check character).
Addresses are built from real 佛山 镇街 (towns and sub-districts), never from Faker's
random provinces. ``REFERENCE_DATE`` stands for "today" so ages do not drift.
``social_insurance.employer_credit_code`` is NULL for 城乡居民基本养老保险 (no employer);
``medical_visits.district`` is the hospital's district, not always the patient's.

    from gateway.demo.data import create_demo_sources
    counts = create_demo_sources(sa.create_engine("sqlite:///demo.db"), people=10_000)

Per table: ``create_population(engine, people=1_000_000)`` and its siblings take the
same arguments; ``population_rows(people, seed)`` and friends just yield dicts.
"""

from __future__ import annotations

from gateway.demo.data.enterprises import enterprise_count, enterprise_rows
from gateway.demo.data.insurance import social_insurance_rows
from gateway.demo.data.loading import (DEFAULT_CHUNK_SIZE, IfExists, create_demo_sources,
                                       create_enterprises, create_medical_visits,
                                       create_population, create_social_insurance)
from gateway.demo.data.people import population_rows
from gateway.demo.data.places import (DISTRICT_CODES, DISTRICT_WEIGHTS, FOSHAN_DISTRICTS,
                                      FOSHAN_ROADS, FOSHAN_STREET_NAMES, FOSHAN_STREETS,
                                      MIGRANT_AREA_CODES, MIGRANT_SHARE)
from gateway.demo.data.tables import (DEMO_METADATA, DEMO_TABLES, ENTERPRISES, MEDICAL_VISITS,
                                      POPULATION, SOCIAL_INSURANCE, TABLE_OWNERS)
from gateway.demo.data.visits import medical_visit_rows
from gateway.demo.data.vocabularies import (AGE_BANDS, DIAGNOSES, ENTERPRISE_KINDS,
                                            ENTERPRISE_STATUSES, ETHNICITIES, HOSPITALS,
                                            INDUSTRIES, INPATIENT_SHARE, INSURANCE_STATUSES,
                                            INSURANCE_TYPES, INSURED_SHARE_OF_ADULTS,
                                            LOCAL_SURNAMES, MIGRANT_AGE_BANDS,
                                            MONTHLY_BASE_CEILING, MONTHLY_BASE_FLOOR,
                                            PHONE_PREFIXES, VISIT_PERIOD)
from gateway.demo.data.world import DEFAULT_SEED, REFERENCE_DATE

__all__ = [
    # world
    "DEFAULT_SEED", "REFERENCE_DATE",
    # places
    "FOSHAN_DISTRICTS", "DISTRICT_CODES", "DISTRICT_WEIGHTS", "FOSHAN_STREETS",
    "FOSHAN_STREET_NAMES", "FOSHAN_ROADS", "MIGRANT_AREA_CODES", "MIGRANT_SHARE",
    # tables
    "DEMO_METADATA", "POPULATION", "ENTERPRISES", "SOCIAL_INSURANCE", "MEDICAL_VISITS",
    "DEMO_TABLES", "TABLE_OWNERS",
    # vocabularies
    "ETHNICITIES", "PHONE_PREFIXES", "AGE_BANDS", "MIGRANT_AGE_BANDS", "LOCAL_SURNAMES",
    "INDUSTRIES", "ENTERPRISE_KINDS", "ENTERPRISE_STATUSES", "INSURANCE_TYPES",
    "INSURANCE_STATUSES", "INSURED_SHARE_OF_ADULTS", "MONTHLY_BASE_FLOOR",
    "MONTHLY_BASE_CEILING", "HOSPITALS", "DIAGNOSES", "INPATIENT_SHARE", "VISIT_PERIOD",
    # row generators
    "population_rows", "enterprise_count", "enterprise_rows", "social_insurance_rows",
    "medical_visit_rows",
    # loading
    "DEFAULT_CHUNK_SIZE", "IfExists", "create_demo_sources", "create_population",
    "create_enterprises", "create_social_insurance", "create_medical_visits",
]
