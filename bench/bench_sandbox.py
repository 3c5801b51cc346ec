"""Benchmark: the sandbox against plain DuckDB on the same snapshot.

Prints, for a few aggregate queries (the last one returns 7,610 rows), the
sandbox's time (statement checks, output-check rewrite, limits, the hop to the
session's query process and back, result checks included) against plain DuckDB,
in this process, running the researcher's SQL on a copy of the same
database file with the same threads and memory limit (target: within 1.1x for
repeated texts, and for new texts of queries of 50 ms or more), and the time to
materialise a 1,000,000-row Arrow stream into a new session (target: under 10 s).
The session's table has the gateway's policy for the demo's socialInsurance: an
amount (monthlyBase) under the (2, 85) dominance rule, so the checks of every
aggregate (contributors, conditions, dominance) are in the times.

Then where a new text's time goes, from Session.last_timings: DuckDB parsing it
(json_serialize_sql), the checks and the group-size rewrite in Python, DuckDB
rendering the amended tree (json_deserialize_sql), the run of the checked SQL (with
its check columns) in the query process, its rows' way back, and the result checks.
A new text's fixed cost is parse + checks + rewrite + render (target: at most
1.5 ms median on the machine of the measurement).

Run: .venv/bin/python bench/bench_sandbox.py [--rows N] [--repeat K]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sandbox import OutputCheckFailed, SandboxLimits, SandboxManager, TablePolicy  # noqa: E402

DISTRICTS = ["禅城区", "南海区", "顺德区", "高明区", "三水区"]
QUERIES = {
    "count by district": "SELECT district, count(*) AS n, avg(monthlyBase) AS avg_base "
                         "FROM socialInsurance GROUP BY district ORDER BY district",
    "two-way table": "SELECT insuranceType, status, count(*) AS n, sum(monthlyBase) AS total "
                     "FROM socialInsurance GROUP BY ALL ORDER BY ALL",
    "median by year": "SELECT year(since) AS y, district, median(monthlyBase) AS m FROM socialInsurance "
                      "GROUP BY ALL HAVING count(*) >= 5 ORDER BY ALL",
    "filtered CTE": "WITH p AS (SELECT district, monthlyBase FROM socialInsurance WHERE status = 'active') "
                    "SELECT district, avg(monthlyBase) AS a, stddev(monthlyBase) AS s FROM p GROUP BY 1",
    "daily counts": "SELECT since, district, count(*) AS n, avg(monthlyBase) AS a FROM socialInsurance "
                    "WHERE since >= DATE '2020-01-01' GROUP BY ALL ORDER BY ALL",
    "conditional sums": "SELECT district, count_if(status = 'active') AS active, sum(CASE WHEN "
                        "insuranceType = 'pension' THEN monthlyBase ELSE 0 END) AS pension "
                        "FROM socialInsurance GROUP BY 1 ORDER BY 1",
}
POLICY = TablePolicy(identifier_columns={"idNumber", "name"}, people_column="idNumber",
                     magnitude_columns={"monthlyBase"}, dominance=(2, 85.0))
FIXED_TARGET_MS = 1.5
PHASES = ("parse", "checks", "rewrite", "render", "run", "result")


def snapshot(rows: int, batch_rows: int = 100_000) -> pa.RecordBatchReader:
    """A synthetic socialInsurance snapshot, produced batch by batch as an Arrow stream."""
    schema = pa.schema([("idNumber", pa.string()), ("name", pa.string()), ("district", pa.string()),
                        ("insuranceType", pa.string()), ("monthlyBase", pa.float64()),
                        ("since", pa.date32()), ("status", pa.string())])
    rng = np.random.default_rng(2026)
    epoch = np.datetime64(date(2005, 1, 1))

    def batches():
        for start in range(0, rows, batch_rows):
            n = min(batch_rows, rows - start)
            ids = np.arange(start, start + n)
            yield pa.record_batch([
                pa.array([f"44060419{i:010d}" for i in ids]),
                pa.array([f"测试{i}" for i in ids]),
                pa.array(rng.choice(DISTRICTS, n)),
                pa.array(rng.choice(["pension", "medical", "unemployment"], n)),
                pa.array(rng.normal(6000, 1500, n).round(2)),
                pa.array(epoch + rng.integers(0, 7000, n).astype("timedelta64[D]")),
                pa.array(rng.choice(["active", "suspended", "ended"], n, p=[0.9, 0.08, 0.02])),
            ], schema=schema)

    return pa.RecordBatchReader.from_batches(schema, batches())


def best_interleaved(fns: list, repeat: int, samples: list[list[float]] | None = None) -> list[float]:
    """Best time of each function, running them in turn so they share the machine's noise
    (every time is also appended to samples[i] if given)."""
    for fn in fns:
        fn()  # warm up
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            started = time.perf_counter()
            fn()
            seconds = time.perf_counter() - started
            best[i] = min(best[i], seconds)
            if samples is not None:
                samples[i].append(seconds)
    return best


def timed(session, sql_of, phases: dict[str, list[float]]):
    """A run of session.run(sql_of()) that keeps the session's time per step in `phases`."""
    def run():
        session.run(sql_of())
        t = dict(session.last_timings)
        if "plan" in t:
            t["rewrite"] = t.pop("plan") - t.get("render", 0.0)
        for name, seconds in t.items():
            phases.setdefault(name, []).append(seconds)
    return run


def _met(ratio: float) -> str:
    return "met" if ratio <= 1.1 else "NOT met"


def comparable(rows) -> list:
    """Rows in a fixed order with floats rounded (parallel sums differ in the last bits)."""
    return sorted((tuple(float(f"{v:.9g}") if isinstance(v, float) else v for v in row) for row in rows), key=repr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    limits = SandboxLimits(timeout_seconds=60, memory_limit_mb=1024, max_temp_mb=2048, threads=args.threads)
    root = Path(tempfile.mkdtemp(prefix="bench_sandbox_"))
    manager = SandboxManager(root / "sessions", limits)
    try:
        started = time.perf_counter()
        session = manager.open("bench", {"socialInsurance": snapshot(args.rows)}, {"socialInsurance": POLICY})
        load_seconds = time.perf_counter() - started
        print(f"materialise {args.rows:,} rows from an Arrow stream into a session: {load_seconds:.2f} s "
              f"(target < 10 s) {'OK' if load_seconds < 10 else 'SLOW'}")

        copy = root / "plain.duckdb"
        shutil.copy(session.folder / "data.duckdb", copy)
        plain = duckdb.connect(str(copy), read_only=True)
        plain.execute(f"SET threads = {limits.threads}")
        plain.execute(f"SET memory_limit = '{limits.memory_limit_mb}MiB'")

        print(f"\nthreads={limits.threads}; best of {args.repeat} runs. 'new text' makes every run's SQL text "
              "unique (checks and rewrite each time); 'repeated' re-runs one text (checked plan reused).")
        print(f"{'query':<20}{'rows':>6}{'plain ms':>10}{'new text ms':>13}{'ratio':>8}{'repeated ms':>13}{'ratio':>8}"
              f"  within 1.1x (new, repeated)")
        steps = {}
        for label, sql in QUERIES.items():
            try:
                rows = session.run(sql).rows
            except OutputCheckFailed as exc:  # e.g. daily counts on a small --rows: groups too small
                print(f"{label:<20} refused by the output checks at {args.rows:,} rows: {exc.failures[0][0]}")
                continue
            assert comparable(rows) == comparable(plain.execute(sql).fetchall())
            counter = iter(range(10**9))
            fresh, cached, samples = {}, {}, [[], [], []]
            plain_best, fresh_best, cached_best = best_interleaved([
                lambda: plain.execute(sql).fetchall(),
                timed(session, lambda: f"{sql} -- run {next(counter)}", fresh),
                timed(session, lambda: sql, cached),
            ], args.repeat, samples)
            steps[label] = (statistics.median(samples[0]), fresh, cached)
            print(f"{label:<20}{len(rows):>6}{plain_best * 1000:>10.1f}{fresh_best * 1000:>13.1f}"
                  f"{fresh_best / plain_best:>7.2f}x{cached_best * 1000:>13.1f}{cached_best / plain_best:>7.2f}x"
                  f"  {_met(fresh_best / plain_best)}, {_met(cached_best / plain_best)}")

        print("\nWhere a new text's time goes (median ms of the runs above): parse = DuckDB's parser "
              "(json_serialize_sql),\nchecks = reach and output checks on the tree (Python), rewrite = "
              "check columns and row cap\n(Python), render = DuckDB turning the amended tree into SQL "
              "(json_deserialize_sql), run = DuckDB\nrunning the checked SQL (with its check columns "
              "and row cap) in the session's query process\nand fetching its rows, result = result checks. "
              f"'fixed' = parse + checks + rewrite + render (target: at most {FIXED_TARGET_MS} ms);\n"
              "plain = plain DuckDB (median); 'run - plain' = what the check columns, the row cap, the "
              "size check\nand the hop to the query process cost on top of the query itself.")
        print(f"{'query':<20}" + "".join(f"{p:>8}" for p in PHASES) + f"{'fixed':>8}{'plain':>8}{'run-plain':>10}"
              "  fixed within target")
        for label, (plain_median, fresh, cached) in steps.items():
            med = {p: statistics.median(fresh.get(p, [0.0])) * 1000 for p in PHASES}
            fixed = statistics.median(
                sum(fresh.get(p, [0.0] * len(fresh["parse"]))[i] for p in ("parse", "checks", "rewrite", "render"))
                for i in range(len(fresh["parse"]))) * 1000
            print(f"{label:<20}" + "".join(f"{med[p]:>8.2f}" for p in PHASES)
                  + f"{fixed:>8.2f}{plain_median * 1000:>8.2f}{med['run'] - plain_median * 1000:>10.2f}"
                  + f"  {'met' if fixed <= FIXED_TARGET_MS else 'NOT met'}")
        plain.close()
    finally:
        manager.close_all()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
