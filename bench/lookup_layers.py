"""What each layer of a lookup costs in CPU, in one gateway process without HTTP.

    .venv/bin/python bench/lookup_layers.py [--store sqlite|postgresql] [--n 2000]

Builds the demo world over bench_gateway.py's 1,000,000-person PostgreSQL source (on a fresh
PostgreSQL store, or a SQLite store in a temporary folder) and times, by process CPU, n calls
of each layer alone after 100 to warm up:
  a whole lookup as a request runs it on its worker thread (Gateway.execute: the caller, the
  plan of resolvers/lookup_plan.py, the grant check, the source read, the audit record);
  `{ __typename }` (the caller and graphql-core, nothing read);
  the caller alone (token, caller cache, the generation read), and the generation read;
  the source read of one row (SourceRegistry.first);
  one audit record appended and committed.
What a whole lookup costs beyond the parts is the use case's own Python (grant check, key
checks, the key's keyed digest, the record's release). The event loop's share of a request
(HTTP, ASGI, the hand-offs) is not here: bench/cpu_per_lookup.py reads it under load.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import bench_gateway  # noqa: E402
from gateway.audit import record_for  # noqa: E402
from gateway.demo.setup import SOURCES, ensure_demo_world  # noqa: E402
from gateway.modes.records import keyed_statement  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.web.app import Gateway  # noqa: E402
from tests.served_world import HASH_SECRET, JWT_SECRET, LOOKUP  # noqa: E402


def cpu_us(fn, n: int) -> float:
    for i in range(100):
        fn(i)
    started = time.process_time()
    for i in range(n):
        fn(i)
    return (time.process_time() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    source_url = bench_gateway.ensure_database(1_000_000, drop=False)
    store_url = bench_gateway.fresh_store() if args.store == "postgresql" else None
    data_dir = Path(tempfile.mkdtemp(prefix="datagate-layers-"))
    gateway = Gateway(Settings(data_dir=data_dir, dev_mode=True, jwt_secret=JWT_SECRET,
                               hash_secret=HASH_SECRET,
                               **({"database_url": store_url} if store_url else {})))
    try:
        ensure_demo_world(gateway.services, data_dir,
                          source_urls={code: source_url for code in SOURCES}, populate=False)
        auth = "Bearer " + gateway.services.tokens.issue("minzheng-app", gateway.services.clock.now())
        engine = sa.create_engine(source_url)
        with engine.connect() as conn:
            keys = [r[0] for r in conn.execute(sa.text(
                "SELECT id_number FROM population TABLESAMPLE SYSTEM (1) LIMIT 2000"))]
        engine.dispose()
        context = gateway.context_for(auth)
        dataset = context.catalog.datasets["population"]
        statement = keyed_statement(dataset, ("birthDate", "district", "gender", "name"))
        entry = record_for(context.caller, "ALLOWED", dataset="population", mode="LOOKUP",
                           fields=["name"], purpose="bench", rows=1)
        key = lambda i: keys[i % len(keys)]  # noqa: E731
        layers = {
            "a whole lookup (worker thread)": lambda i: gateway.execute(
                LOOKUP, {"k": key(i)}, None, auth, None, False),
            "{ __typename }": lambda i: gateway.execute("{ __typename }", None, None, auth, None, False),
            "the caller (token, cache, counters)": lambda i: gateway.context_for(auth),
            "  of which the counters' read": lambda i: gateway.services.generations.read(),
            "the source read of one row": lambda i: gateway.services.sources.first(
                dataset, statement, {"key": key(i)}),
            "one audit record, committed": lambda i: gateway.services.audit.append(entry),
        }
        print(f"{args.store} store, {args.n:,} calls each, CPU of this process:")
        for name, fn in layers.items():
            print(f"  {name:38} {cpu_us(fn, args.n):6.0f} µs")
    finally:
        gateway.close()
        if store_url:
            bench_gateway.drop_store()


if __name__ == "__main__":
    main()
