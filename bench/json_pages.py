"""Should PostgreSQL write a page of records as JSON? (issue 19, item 3)

Reads the same keyset pages of the bench's `population` table (bench_gateway.py builds it)
four ways through psycopg, interleaved, and prints each one's median against the driver's
plain tuples:
  tuples       SELECT the five columns, fetchall (what the gateway reads today);
  tuples+json  the same, then each record made a dict and the page written by orjson
               (roughly what the gateway adds before the answer leaves);
  json_agg     json_agg(json_build_object(…) ORDER BY key), one text value;
  row_to_json  '[' || string_agg(row_to_json(t)::text, ',') || ']' (compact, no spaces).
The database's JSON functions cost the server more than the driver's tuples and the
gateway's own writing together, which is why the gateway does not ask for JSON pages
(docs/performance.md).

    .venv/bin/python bench/json_pages.py [--pages 200] [--size 1000]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import orjson
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_gateway  # noqa: E402

COLUMNS = "id_number, name, gender, birth_date, district"
NAMES = ("idNumber", "name", "gender", "birthDate", "district")
ALIASED = 'id_number AS "idNumber", name, gender, birth_date AS "birthDate", district'
PAGE = "FROM population WHERE id_number > %s ORDER BY id_number LIMIT %s"
WAYS = {
    "tuples": f"SELECT {COLUMNS} {PAGE}",
    "tuples+json": f"SELECT {COLUMNS} {PAGE}",
    "json_agg": ("SELECT json_agg(json_build_object('idNumber', id_number, 'name', name, "
                 "'gender', gender, 'birthDate', birth_date, 'district', district) "
                 f"ORDER BY id_number)::text FROM (SELECT {COLUMNS} {PAGE}) p"),
    "row_to_json": ("SELECT '[' || string_agg(row_to_json(p)::text, ',') || ']' "
                    f"FROM (SELECT {ALIASED} {PAGE}) p"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    url = bench_gateway.ensure_database(1_000_000, False).replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url, autocommit=True) as conn:
        starts = [r[0] for r in conn.execute(
            "SELECT id_number FROM population TABLESAMPLE SYSTEM (1) LIMIT %s", (args.pages,))]
        medians: dict[str, list[float]] = {way: [] for way in WAYS}
        for _ in range(args.rounds):  # interleaved: each way meets the same machine
            for way, sql in WAYS.items():
                started = time.perf_counter()
                for start in starts:
                    rows = conn.execute(sql, (start, args.size)).fetchall()
                    if way == "tuples+json":
                        orjson.dumps([dict(zip(NAMES, r)) for r in rows])
                medians[way].append((time.perf_counter() - started) / len(starts))
    base = statistics.median(medians["tuples"])
    print(f"{len(starts)} pages of {args.size:,} records, median of {args.rounds} rounds a page:")
    for way, runs in medians.items():
        m = statistics.median(runs)
        print(f"  {way:12} {m * 1000:7.2f} ms  {m / base:5.2f}x the driver's tuples")


if __name__ == "__main__":
    main()
