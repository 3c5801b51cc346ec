"""The demo world's synthetic source data: valid identifiers, 佛山 places, determinism."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections import Counter
from decimal import Decimal
from itertools import islice

import pytest
import sqlalchemy as sa

from gateway.demo.data import (
    DEMO_TABLES,
    DISTRICT_CODES,
    ENTERPRISES,
    FOSHAN_DISTRICTS,
    FOSHAN_STREETS,
    HOSPITALS,
    INSURANCE_TYPES,
    MEDICAL_VISITS,
    POPULATION,
    SOCIAL_INSURANCE,
    create_demo_sources,
    create_population,
    enterprise_rows,
    medical_visit_rows,
    population_rows,
    social_insurance_rows,
)
from gateway.identifiers import is_valid_credit_code, is_valid_id_number

PEOPLE = 10_000
POSTGRES_URL = os.environ.get("DATAGATE_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MARIADB_URL = os.environ.get("DATAGATE_TEST_MARIADB_URL",
                             "mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4")


def _all(engine: sa.Engine, table: sa.Table) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(table))]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The default demo world (10,000 people) in a SQLite file, read back as dicts."""
    path = tmp_path_factory.mktemp("demo") / "sources.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    counts = create_demo_sources(engine, people=PEOPLE)
    tables = {name: _all(engine, table) for name, table in DEMO_TABLES.items()}
    engine.dispose()
    return counts, tables


def test_counts(world):
    counts, tables = world
    assert counts == {name: len(rows) for name, rows in tables.items()}
    assert counts["population"] == PEOPLE
    assert counts["enterprises"] == PEOPLE // 10
    assert 0.6 * PEOPLE <= counts["social_insurance"] <= 0.8 * PEOPLE
    assert 0.4 * PEOPLE <= counts["medical_visits"] <= 0.6 * PEOPLE


def test_id_numbers_are_valid_and_match_birth_date_and_gender(world):
    people = world[1]["population"]
    for p in people:
        number = p["id_number"]
        assert is_valid_id_number(number), number
        assert number[6:14] == p["birth_date"].strftime("%Y%m%d"), p
        assert p["gender"] == ("男" if int(number[16]) % 2 else "女"), p
    migrants = sum(p["id_number"][:6] not in FOSHAN_DISTRICTS for p in people)
    assert 0.05 * PEOPLE < migrants < 0.15 * PEOPLE
    assert {p["ethnicity"] for p in people} >= {"汉族", "壮族"}
    assert Counter(p["ethnicity"] for p in people)["汉族"] > 0.9 * PEOPLE


def test_population_lives_in_foshan(world):
    people = world[1]["population"]
    by_district = Counter(p["district"] for p in people)
    assert set(by_district) == set(FOSHAN_DISTRICTS.values())
    assert {d for d, _ in by_district.most_common(2)} == {"南海区", "顺德区"}
    for p in people:
        address, district = p["address"], p["district"]
        assert address.startswith("广东省佛山市" + district), p
        rest = address.removeprefix("广东省佛山市" + district)
        assert any(rest.startswith(street) for street in FOSHAN_STREETS[district]), p
        assert "号" in rest
        assert len(p["phone"]) == 11 and p["phone"].isdigit() and p["phone"][0] == "1"
        assert 2 <= len(p["name"]) <= 4


def test_enterprises_have_valid_foshan_credit_codes(world):
    enterprises = world[1]["enterprises"]
    for e in enterprises:
        code = e["credit_code"]
        assert is_valid_credit_code(code), code
        assert code[0] == "9" and code[1] in "123"
        assert code[2:8] == DISTRICT_CODES[e["district"]]
        assert e["name"].startswith("佛山市" + e["district"])
        assert e["status"] in {"存续", "在业", "注销", "吊销"}
        assert Decimal(0) < Decimal(e["registered_capital"]) < Decimal(1_000_000)


def test_social_insurance_is_a_subset_of_population(world):
    tables = world[1]
    people = {p["id_number"]: p for p in tables["population"]}
    employers = {e["credit_code"] for e in tables["enterprises"]}
    for s in tables["social_insurance"]:
        person = people[s["id_number"]]
        assert (s["name"], s["district"]) == (person["name"], person["district"])
        assert s["insurance_type"] in INSURANCE_TYPES
        if s["insurance_type"] == "城乡居民基本养老保险":
            assert s["employer_credit_code"] is None
        else:
            assert s["employer_credit_code"] in employers
        assert 1900 <= Decimal(s["monthly_base"]) <= 30000
        assert person["birth_date"] < s["since"]


def test_medical_visits_belong_to_people(world):
    tables = world[1]
    births = {p["id_number"]: p["birth_date"] for p in tables["population"]}
    for v in tables["medical_visits"]:
        assert v["visit_id"].startswith("V" + v["visit_date"].strftime("%Y%m%d"))
        assert v["visit_date"] >= births[v["id_number"]]
        assert v["hospital"] in HOSPITALS[v["district"]]


def test_same_seed_gives_same_rows_and_another_seed_does_not():
    def first_rows(seed):
        return (list(islice(population_rows(500, seed), 20)),
                list(islice(enterprise_rows(500, seed), 20)),
                list(islice(social_insurance_rows(500, seed), 20)),
                list(islice(medical_visit_rows(500, seed), 20)))

    assert first_rows(7) == first_rows(7)
    assert first_rows(7)[0] != first_rows(8)[0]


def test_first_rows_in_the_database_are_deterministic(world, tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'again.db'}")
    create_demo_sources(engine, people=PEOPLE)
    for name, table in DEMO_TABLES.items():
        key = table.primary_key.columns[0]
        with engine.connect() as conn:
            again = [dict(r._mapping) for r in conn.execute(sa.select(table).order_by(key).limit(25))]
        first = sorted(world[1][name], key=lambda row: row[key.name])[:25]
        assert again == first, name


def test_grow_adds_the_missing_people_of_a_bigger_world(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'grow.db'}")
    assert create_population(engine, people=300) == 300
    assert create_population(engine, people=500, if_exists="grow") == 500
    ids = [p["id_number"] for p in _all(engine, POPULATION)]
    assert sorted(ids) == sorted(p["id_number"] for p in population_rows(500))
    with pytest.raises(RuntimeError, match="already exists"):
        create_population(engine, people=10, if_exists="fail")


def test_one_engine_per_department(tmp_path):
    engines = {name: sa.create_engine(f"sqlite:///{tmp_path / name}.db")
               for name in ("population", "socialInsurance")}
    counts = create_demo_sources(engines, people=200)
    assert set(counts) == {"population", "social_insurance"}
    assert not sa.inspect(engines["population"]).has_table("social_insurance")
    assert sa.inspect(engines["socialInsurance"]).has_table("social_insurance")
    with pytest.raises(ValueError, match="no demo table"):
        create_demo_sources({"people": engines["population"]}, people=10)


# ---------------------------------------------------------------- real servers

@contextlib.contextmanager
def _scratch_database(root_url: str, what: str):
    """A fresh database datagate_demo_<random> on the server, dropped afterwards."""
    url = sa.make_url(root_url)
    timeout = {"connect_timeout": 5}
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", connect_args=timeout)
    try:
        with admin.connect():
            pass
    except Exception as exc:  # no server, no driver, refused login: not this test's business
        admin.dispose()
        pytest.skip(f"{what} at {url.render_as_string(hide_password=True)} is unreachable: {exc}")
    name = f"datagate_demo_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    engine = sa.create_engine(url.set(database=name), connect_args=timeout)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


def _check_small_world(engine: sa.Engine) -> None:
    counts = create_demo_sources(engine, people=300)
    assert counts["population"] == 300 and counts["enterprises"] == 500
    with engine.connect() as conn:
        for name, table in DEMO_TABLES.items():
            stored = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            assert stored == counts[name], name
        expected = next(population_rows(300))
        stored = conn.execute(sa.select(POPULATION).where(
            POPULATION.c.id_number == expected["id_number"])).one()._asdict()
        assert stored == expected  # Chinese text and dates come back intact
        capital = conn.execute(sa.select(ENTERPRISES.c.registered_capital).limit(1)).scalar_one()
        assert isinstance(capital, Decimal)
        # the grouping the 民政局 app asks for
        groups = conn.execute(sa.select(SOCIAL_INSURANCE.c.district, sa.func.count())
                              .group_by(SOCIAL_INSURANCE.c.district)).all()
        assert sum(n for _, n in groups) == counts["social_insurance"]
        assert conn.execute(sa.select(sa.func.max(MEDICAL_VISITS.c.cost))).scalar_one() > 0


def test_small_world_in_postgresql():
    with _scratch_database(POSTGRES_URL, "PostgreSQL") as engine:
        _check_small_world(engine)


def test_small_world_in_mariadb():
    # The database gets the server's default character set; the tables ask for utf8mb4.
    with _scratch_database(MARIADB_URL, "MariaDB") as engine:
        _check_small_world(engine)
        with engine.connect() as conn:
            collations = conn.execute(sa.text(
                "SELECT table_name, table_collation FROM information_schema.tables"
                " WHERE table_schema = DATABASE()")).all()
        assert len(collations) == 4
        assert all(c.startswith("utf8mb4") for _, c in collations), collations
