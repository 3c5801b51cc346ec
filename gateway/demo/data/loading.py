"""Creating the demo tables in a database and filling them in chunks (``if_exists``:
replace, grow or fail)."""
from __future__ import annotations

import sys
import time
from typing import Iterator, Literal, Mapping

import sqlalchemy as sa

from gateway.demo.data.enterprises import enterprise_count, enterprise_rows
from gateway.demo.data.insurance import _employer_codes, _Insurer
from gateway.demo.data.people import population_rows
from gateway.demo.data.tables import _DATASET_ALIASES, DEMO_TABLES
from gateway.demo.data.visits import _Clinic
from gateway.demo.data.world import DEFAULT_SEED

DEFAULT_CHUNK_SIZE = 10_000


def _world_rows(people: int, seed: int, tables: set[str]) -> Iterator[tuple[str, dict]]:
    """All rows of the wanted tables in one pass over the population: (table, row)."""
    if "enterprises" in tables:
        for row in enterprise_rows(enterprise_count(people), seed):
            yield "enterprises", row
    person_tables = tables - {"enterprises"}
    if not person_tables:
        return
    insurer = _Insurer(seed, _employer_codes(people, seed)) if "social_insurance" in tables else None
    clinic = _Clinic(seed) if "medical_visits" in tables else None
    for person in population_rows(people, seed):
        if "population" in tables:
            yield "population", person
        if insurer is not None and (row := insurer.row_for(person)) is not None:
            yield "social_insurance", row
        if clinic is not None:
            for row in clinic.rows_for(person):
                yield "medical_visits", row


IfExists = Literal["replace", "grow", "fail"]


class _Loader:
    """Buffers one table's rows and inserts them in chunks (Core insert + executemany)."""

    def __init__(self, engine: sa.Engine, table: sa.Table, if_exists: IfExists,
                 chunk_size: int, progress: bool):
        self.engine, self.table, self.chunk_size, self.progress = engine, table, chunk_size, progress
        self.buffer: list[dict] = []
        self.inserted = 0
        self.skip = 0
        self.started = time.perf_counter()
        if if_exists not in ("replace", "grow", "fail"):
            raise ValueError(f"if_exists must be 'replace', 'grow' or 'fail', not {if_exists!r}")
        exists = sa.inspect(engine).has_table(table.name)
        if exists and if_exists == "replace":
            table.drop(engine)
            exists = False
        if not exists:
            table.create(engine)
        elif if_exists == "grow":
            # rows come out in a fixed order: the ones already there are the first ones
            with engine.connect() as conn:
                self.skip = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        else:
            raise RuntimeError(f"table {table.name} already exists in {engine.url!r}; "
                               "pass if_exists='replace' or 'grow'")
        self.total = self.skip

    def add(self, row: dict) -> None:
        if self.skip:
            self.skip -= 1
            return
        self.buffer.append(row)
        if len(self.buffer) >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        with self.engine.begin() as conn:
            conn.execute(self.table.insert(), self.buffer)
        self.inserted += len(self.buffer)
        self.total += len(self.buffer)
        self.buffer = []
        if self.progress:
            elapsed = time.perf_counter() - self.started
            print(f"{self.table.name}: {self.total:,} rows after {elapsed:.1f} s", file=sys.stderr)


def _load(engines: Mapping[str, sa.Engine], people: int, seed: int, *, if_exists: IfExists,
          chunk_size: int, progress: bool) -> dict[str, int]:
    loaders = {name: _Loader(engine, DEMO_TABLES[name], if_exists, chunk_size, progress)
               for name, engine in engines.items()}
    for name, row in _world_rows(people, seed, set(loaders)):
        loaders[name].add(row)
    for loader in loaders.values():
        loader.flush()
    return {name: loader.total for name, loader in loaders.items()}


def create_demo_sources(
    engine_by_table: Mapping[str, sa.Engine] | sa.Engine,
    people: int = 10_000,
    seed: int = DEFAULT_SEED,
    progress: bool = False,
    *,
    if_exists: IfExists = "replace",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> dict[str, int]:
    """Create the demo source tables and fill them; return the row count of each table.

    ``engine_by_table`` is one engine for all four tables, or a mapping from table name
    (``population``, ``enterprises``, ``social_insurance``, ``medical_visits``; the
    dataset codes ``socialInsurance`` and ``medicalVisits`` work too) to the engine of
    the department that owns it; tables left out of the mapping are not created.
    ``if_exists``: ``"replace"`` drops and recreates a table, ``"grow"`` keeps the rows
    already there (made with the same seed) and adds the rest, ``"fail"`` refuses.
    """
    if isinstance(engine_by_table, sa.Engine):
        engines = {name: engine_by_table for name in DEMO_TABLES}
    else:
        engines = {}
        for key, engine in engine_by_table.items():
            name = _DATASET_ALIASES.get(key, key)
            if name not in DEMO_TABLES:
                raise ValueError(f"no demo table called {key!r}; the tables are {sorted(DEMO_TABLES)}")
            engines[name] = engine
    return _load(engines, people, seed, if_exists=if_exists, chunk_size=chunk_size,
                 progress=progress)


def create_population(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                      progress: bool = False, *, if_exists: IfExists = "replace",
                      chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``population`` alone, e.g. with 1,000,000 people for a benchmark.

    Returns its row count; the arguments are those of create_demo_sources."""
    return _load({"population": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["population"]


def create_enterprises(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                       progress: bool = False, *, if_exists: IfExists = "replace",
                       chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``enterprises`` (``enterprise_count(people)`` rows)."""
    return _load({"enterprises": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["enterprises"]


def create_social_insurance(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                            progress: bool = False, *, if_exists: IfExists = "replace",
                            chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``social_insurance`` for the world of ``people`` people."""
    return _load({"social_insurance": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["social_insurance"]


def create_medical_visits(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                          progress: bool = False, *, if_exists: IfExists = "replace",
                          chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``medical_visits`` for the world of ``people`` people."""
    return _load({"medical_visits": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["medical_visits"]
