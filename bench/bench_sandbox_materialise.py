"""Benchmark: materialising 1,000,000 source rows into a sandbox session.

    .venv/bin/python bench/bench_sandbox_materialise.py [--rows 1000000] [--repeat 1]
        [--source postgresql|mariadb|sqlite]

Runs the gateway's snapshot path (gateway.sandbox_service.snapshots: the Core SELECT of the granted
fields, streamed from the source into Arrow batches, masked column-wise by the open-channel
policy, loaded into a new locked-down DuckDB session by SandboxManager.open) on the demo
`population` table of a bench database, grown to --rows once with
gateway.demo.data.create_population and kept (a larger table is read with LIMIT-free full
scans, so its own size is what is timed):

- postgresql (default): database `datagate_bench` on 127.0.0.1:5432, read with COPY;
- mariadb: database `datagate_bench` on 127.0.0.1:3306, read as one JSON object per row
  (JSON_OBJECT) on the driver's unbuffered cursor;
- sqlite: the file datagate_bench_population.sqlite in the system's temporary folder, read
  in row batches (the generic path).

Prints, per field set:

- no masking: all 8 fields kept (the transport alone: source -> Arrow -> DuckDB);
- research set: birthDate (to the year), district (kept), address (to the district), the
  kind of set a labour-market study asks for;
- open-channel defaults: all 8 fields under the demo catalog's sensitivities (ID numbers
  partially masked, names to surnames, phones and addresses generalised, others withheld);
- on PostgreSQL and MariaDB, the generic path (the driver's tuples in row batches, as for
  SQLite sources) for the no-masking set, for comparison.

Target (issue 5): under 10 s for 1,000,000 rows on this machine.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.demo import data as demo_data  # noqa: E402
from gateway.sandbox_service import snapshots as sandbox_snapshots
from gateway.sources import arrow_reads as snapshot_reads  # noqa: E402
from gateway.catalog.datasets import Dataset, Field  # noqa: E402
from gateway.demo.setup import DATASETS  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from sandbox import SandboxLimits, SandboxManager  # noqa: E402

PG_ADMIN = os.environ.get("DATAGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MARIADB_ADMIN = os.environ.get("DATAGATE_BENCH_MARIADB", "mysql+pymysql://root@127.0.0.1:3306/mysql")
DB = "datagate_bench"
SQLITE_FILE = Path(tempfile.gettempdir()) / "datagate_bench_population.sqlite"


def bench_engine(source: str) -> sa.Engine:
    """The bench database of `source`, created if missing."""
    if source == "sqlite":
        return sa.create_engine(f"sqlite:///{SQLITE_FILE}")
    admin_url = PG_ADMIN if source == "postgresql" else MARIADB_ADMIN
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if source == "postgresql":
            if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": DB}).scalar():
                conn.exec_driver_sql(f"CREATE DATABASE {DB}")
        else:
            conn.exec_driver_sql(f"CREATE DATABASE IF NOT EXISTS {DB} CHARACTER SET utf8mb4")
    admin.dispose()
    return sa.create_engine(sa.engine.make_url(admin_url).set(database=DB))


def ensure_population(rows: int, source: str = "postgresql") -> sa.Engine:
    engine = bench_engine(source)
    have = 0
    with engine.connect() as conn:
        if sa.inspect(conn).has_table("population"):
            have = conn.execute(sa.text("SELECT count(*) FROM population")).scalar()
    if have < rows:
        print(f"growing population from {have:,} to {rows:,} rows (once; kept in {engine.url}) ...", flush=True)
        demo_data.create_population(engine, rows, if_exists="grow", progress=True)
    return engine


def population(sensitivity: dict[str, str] | None = None,
               masking: dict[str, dict[str, str]] | None = None) -> Dataset:
    """The demo catalog's population entry as a snapshot, optionally with other classes."""
    spec = next(d for d in DATASETS if d["code"] == "population")
    fields = tuple(Field(
        name=f["name"], column=f["column"], data_type=f["data_type"], description=f["description"],
        sensitivity=(sensitivity or {}).get(f["name"], f["sensitivity"]),
        identifier_kind=f.get("identifier_kind"), dimension=f.get("dimension", False),
        masking=tuple(sorted(((masking or {}).get(f["name"]) or f.get("masking") or {}).items())))
        for f in spec["fields"])
    return Dataset(code="population", name=spec["name"], description="", owner_department="gongan",
                   share_type="CONDITIONAL", open_type="CONDITIONAL", source_code="bench",
                   table_name="population", key_field="idNumber", min_group_size=5,
                   status="PUBLISHED", version=1, fields=fields)


def materialise(engine: sa.Engine, dataset: Dataset, fields: list[str], root: Path,
                generic: bool = False) -> tuple[float, int, dict]:
    """Seconds from opening the source connection to a locked session; rows; masking shown."""
    settings = Settings(data_dir=root, hash_secret="bench-hash-secret-bench-hash-secret")
    gateway = SimpleNamespace(settings=settings, sources=SimpleNamespace(connect=lambda _d, **_: engine.connect()))
    manager = SandboxManager(root / "sessions", SandboxLimits(memory_limit_mb=512, max_temp_mb=4096))
    native = dict(snapshot_reads.NATIVE_PATHS)
    if generic:
        snapshot_reads.NATIVE_PATHS.clear()
    try:
        start = time.perf_counter()
        snapshot = sandbox_snapshots.open_snapshot(gateway.services, dataset, fields)
        try:
            session = manager.open("bench", {dataset.code: snapshot.reader},
                                   {dataset.code: snapshot.policy})
        finally:
            snapshot.close()
        seconds = time.perf_counter() - start
    finally:
        snapshot_reads.NATIVE_PATHS.update(native)
    rows = session.tables[dataset.code.lower()].row_count
    manager.close_all()
    return seconds, rows, snapshot.plan.masking


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-generic", action="store_true")
    parser.add_argument("--source", choices=["postgresql", "mariadb", "sqlite"], default="postgresql")
    args = parser.parse_args(argv)

    engine = ensure_population(args.rows, args.source)
    with engine.connect() as conn:
        total = conn.execute(sa.text("SELECT count(*) FROM population")).scalar()
    everything = [f["name"] for f in next(d for d in DATASETS if d["code"] == "population")["fields"]]
    public = population(sensitivity={name: "PUBLIC" for name in everything})
    cases = [
        ("no masking (all 8 fields)", public, everything, False),
        ("research set (birthDate->year, district, address->district)",
         population(masking={"district": {"open": "keep"}}), ["birthDate", "district", "address"], False),
        ("open-channel defaults (all 8 fields)", population(), everything, False),
    ]
    if args.source != "sqlite" and not args.skip_generic:
        cases.append(("no masking, generic row path (as for SQLite sources)", public, everything, True))
    path = {"postgresql": "COPY", "mariadb": "JSON rows"}.get(args.source, "the generic row path")
    print(f"source: {args.source} {engine.url.database}, population, {total:,} rows, read with {path}; "
          "2-core machine shared with the database")
    with tempfile.TemporaryDirectory(prefix="dg-bench-") as tmp:
        for label, dataset, fields, generic in cases:
            times = []
            for _ in range(args.repeat):
                seconds, rows, masking = materialise(engine, dataset, fields, Path(tmp), generic)
                times.append(seconds)
            best = min(times)
            print(f"  {label}: {rows:,} rows in {best:.2f} s ({rows / best:,.0f} rows/s"
                  f"{', median %.2f s' % statistics.median(times) if len(times) > 1 else ''})"
                  f"{'  target < 10 s: ' + ('met' if best < 10 else 'NOT met') if not generic else ''}")
            if masking:
                print(f"      masking: {masking}")
    engine.dispose()


if __name__ == "__main__":
    main()
