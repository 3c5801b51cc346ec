"""A lookup's CPU in the gateway's worker, on a PostgreSQL store, for one tree or several (A/B).

    .venv/bin/python bench/cpu_per_lookup.py [--tree LABEL=PATH ...] [--people 100000]
        [--rounds 4] [--seconds 8] [--connections 16] [--typename]

Each tree (this one by default; another checkout, e.g. `git worktree add /tmp/base <commit>`,
is run with its own code on PYTHONPATH) gets a fresh PostgreSQL store built by its own code
(`datagate_cpu_store_N`) over the same source (`datagate_bench`, bench_gateway.py's) and is
served by one uvicorn process. The servers take turns under wrk (the order alternating by
round), and each round reads the worker's user and system CPU from /proc before and after
(and its main thread's, the event loop's, which bounds what one worker serves):
CPU per lookup is the worker's CPU over the lookups answered, which other load on the machine
disturbs far less than lookups/s does. Every answer is checked for its record. Medians of the
rounds are printed, and each round so that the spread shows.

A tree's settings follow its path (`--tree t4=.,DATAGATE_WORKER_THREADS=4`); BENCH_APP_FACTORY
there serves another app factory (bench/one_write_experiment.py).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import bench_gateway  # noqa: E402  (bench/ is on sys.path)
import postgraphile_side_by_side as side_by_side  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
WORLD = """
import sys
from gateway.demo.setup import SOURCES, ensure_demo_world
from gateway.settings import Settings
from gateway.web.app import Gateway
from tests.served_world import HASH_SECRET, JWT_SECRET
from pathlib import Path
g = Gateway(Settings(data_dir=Path(sys.argv[3]), database_url=sys.argv[1], dev_mode=True,
                     jwt_secret=JWT_SECRET, hash_secret=HASH_SECRET))
ensure_demo_world(g.services, Path(sys.argv[3]), source_urls={c: sys.argv[2] for c in SOURCES},
                  populate=False)
print(g.services.tokens.issue("minzheng-app", g.services.clock.now()))
g.close()
"""


def cpu_seconds(pid: int, system: bool = False, loop: bool = False) -> float:
    """The process's user and system CPU (``system``: system CPU only; ``loop``: of its main
    thread only, uvicorn's event loop), in seconds."""
    stat = f"/proc/{pid}/task/{pid}/stat" if loop else f"/proc/{pid}/stat"
    fields = Path(stat).read_text().rsplit(")", 1)[1].split()
    return (int(fields[12]) + (0 if system else int(fields[11]))) / TICKS  # stime, utime


class Served:
    """One tree's gateway: its store, its uvicorn process (the worker itself, --workers 1)."""

    def __init__(self, label: str, tree: Path, number: int, source_url: str, extra_env: dict):
        from tests.served_world import HASH_SECRET, JWT_SECRET, free_port

        self.label, self.tree = label, tree
        database = f"datagate_cpu_store_{number}"
        admin = sa.create_engine(bench_gateway.PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            conn.exec_driver_sql(f"CREATE DATABASE {database}")
        admin.dispose()
        self.database = database
        store_url = sa.engine.make_url(bench_gateway.PG_ADMIN).set(database=database) \
            .render_as_string(hide_password=False)
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"datagate-cpu-{number}-"))
        env = {**os.environ, "PYTHONPATH": str(tree), **extra_env}
        token = subprocess.run([sys.executable, "-c", WORLD, store_url, source_url, str(self.data_dir)],
                               env=env, cwd=tree, check=True, capture_output=True,
                               text=True).stdout.split()[-1]
        port = free_port()
        env.update({"DATAGATE_DATA_DIR": str(self.data_dir), "DATAGATE_DATABASE_URL": store_url,
                    "DATAGATE_DEV_MODE": "true", "DATAGATE_JWT_SECRET": JWT_SECRET,
                    "DATAGATE_HASH_SECRET": HASH_SECRET})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory",
             env.get("BENCH_APP_FACTORY", "gateway.asgi:create_from_env"),
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
             "--workers", "1"], env=env, cwd=tree)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                sys.exit(f"{label}: the gateway did not start")
            time.sleep(0.2)
        self.side = side_by_side.Side(label, base, side_by_side.DATAGATE_LOOKUP,
                                      {"Authorization": f"Bearer {token}"})

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        admin = sa.create_engine(bench_gateway.PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", default=[],
                        help="LABEL=PATH[,NAME=VALUE...] of a checkout to measure, with settings "
                             "of its own (default: this one)")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--typename", action="store_true",
                        help="ask `{ __typename }` instead of a lookup: the framework's own cost")
    parser.add_argument("--env", action="append", default=[],
                        help="NAME=VALUE for every served gateway (e.g. DATAGATE_STORE_POOL_SIZE=4)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    trees = [t.split("=", 1) for t in args.tree] or [["this", str(ROOT)]]
    extra_env = dict(e.split("=", 1) for e in args.env)
    source_url = bench_gateway.ensure_database(args.people, drop=False)
    engine = sa.create_engine(source_url)
    with engine.connect() as conn:
        keys = [r[0] for r in conn.execute(sa.text(
            "SELECT id_number FROM population TABLESAMPLE SYSTEM (2) LIMIT 2000"))]
    engine.dispose()
    random.Random(1).shuffle(keys)
    folder = Path(tempfile.mkdtemp(prefix="datagate-cpu-wrk-"))
    servers: list[Served] = []
    try:
        for number, (label, spec) in enumerate(trees):
            path, *own = spec.split(",")
            servers.append(Served(label, Path(path).resolve(), number, source_url,
                                  {**extra_env, **dict(e.split("=", 1) for e in own)}))
            if args.typename:
                side = servers[-1].side
                servers[-1].side = side_by_side.Side(label, side.base, side_by_side.TYPENAME,
                                                     side.headers, '"Query"')
        results: dict[str, list[dict]] = {s.label: [] for s in servers}
        print(f"one uvicorn worker each, PostgreSQL store, wrk at {args.connections} connections, "
              f"{args.rounds} rounds of {args.seconds:g} s after a warm-up", flush=True)
        for number in range(args.rounds + 1):
            order = servers if number % 2 == 0 else servers[::-1]
            for server in order:
                before = cpu_seconds(server.process.pid)
                before_system = cpu_seconds(server.process.pid, system=True)
                before_loop = cpu_seconds(server.process.pid, loop=True)
                result = side_by_side.wrk_round(server.side, keys, args.seconds if number else 3,
                                                args.connections, folder)
                spent = cpu_seconds(server.process.pid) - before
                system = cpu_seconds(server.process.pid, system=True) - before_system
                on_loop = cpu_seconds(server.process.pid, loop=True) - before_loop
                lookups = result["rps"] * (args.seconds if number else 3)
                result["cpu_ms"] = spent / lookups * 1000
                result["busy"] = spent / (args.seconds if number else 3)
                result["system"] = system / spent if spent else 0.0
                result["loop_ms"] = on_loop / lookups * 1000
                if number:
                    results[server.label].append(result)
                    print(f"  round {number} {server.label}: {result['cpu_ms']:.3f} ms CPU a lookup "
                          f"({result['loop_ms']:.3f} on the event loop; {result['system']:.0%} system; "
                          f"worker {result['busy']:.0%} of a core), "
                          f"{result['rps']:,.0f}/s, "
                          f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms", flush=True)
        print("\nmedians of the rounds (min-max of CPU a lookup):")
        for label, rounds in results.items():
            cpu = [r["cpu_ms"] for r in rounds]
            loop = [r["loop_ms"] for r in rounds]
            print(f"  {label}: {statistics.median(cpu):.3f} ms CPU a lookup "
                  f"({min(cpu):.3f}-{max(cpu):.3f}), {statistics.median(loop):.3f} ms on the "
                  f"event loop ({min(loop):.3f}-{max(loop):.3f}), "
                  f"{statistics.median(r['rps'] for r in rounds):,.0f} lookups/s, "
                  f"p50 {statistics.median(r['p50'] for r in rounds):.1f} ms, "
                  f"p99 {statistics.median(r['p99'] for r in rounds):.1f} ms")
    finally:
        for server in servers:
            server.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
