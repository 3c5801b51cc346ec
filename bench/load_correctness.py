"""Every lookup answer under concurrent load checked against the source's row (issue 19, item 6).

    .venv/bin/python bench/load_correctness.py [--requests 20000] [--concurrency 16] [--workers 1]

Two fresh PostgreSQL databases on 127.0.0.1:5432 (DATAGATE_BENCH_PG; dropped afterwards):
a store with the demo world and a source holding --people people. A uvicorn gateway of
--workers processes serves them; --concurrency clients (httpx, async, keep-alive) look up
--requests keys, one in ten a valid ID number of nobody. Each answer's body must be exactly
the source's record (name, gender, birthDate, district), or null for nobody, with no errors.
Every mismatch is printed with its request number, client, key, latency, status, request id
and body; the exit status is 1 if there was any. --set NAME=VALUE passes DATAGATE_NAME=VALUE
to the gateway (e.g. --set store_pool_size=4).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.served_world import (absent_keys, build_world, check_lookups, served,  # noqa: E402
                                source_records)

PG_ADMIN = os.environ.get("DATAGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@contextlib.contextmanager
def fresh_database():
    name = f"datagate_load_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield sa.engine.make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    settings = dict(item.split("=", 1) for item in args.set)

    with fresh_database() as store_url, fresh_database() as source_url:
        data_dir = Path(tempfile.mkdtemp(prefix="datagate-load-"))
        print(f"building the world: {args.people:,} people ...", flush=True)
        tokens = build_world(store_url, source_url, data_dir, args.people)
        expected: dict = source_records(source_url, args.people)
        present = list(expected)
        expected.update(dict.fromkeys(absent_keys(set(present), max(1, args.requests // 10))))
        nobody = [k for k in expected if expected[k] is None]
        rng = random.Random(5)
        keys = [rng.choice(nobody) if i % 10 == 9 else rng.choice(present)
                for i in range(args.requests)]
        with served(store_url, data_dir, workers=args.workers, **settings) as base:
            check_lookups(base, tokens["minzheng-app"], expected, keys[:200], 4)  # warm up
            started = time.perf_counter()
            mismatches = check_lookups(base, tokens["minzheng-app"], expected, keys,
                                       args.concurrency)
            wall = time.perf_counter() - started
    print(f"{len(keys):,} lookups at concurrency {args.concurrency}, {args.workers} worker(s): "
          f"{len(mismatches)} mismatches ({len(keys) / wall:,.0f}/s with the checking client "
          "on the same machine; not a throughput figure)")
    for line in mismatches:
        print("  " + line)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
