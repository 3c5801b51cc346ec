"""Gateway against direct SQL on the same data, measured in one run; prints ratios.

    .venv/bin/python bench/bench_gateway.py [--people 1000000] [--lookups 2000] [--store postgresql]

On a PostgreSQL database `datagate_bench` (127.0.0.1:5432, kept between runs; --drop removes
it) the demo population is grown to --people rows. One gateway worker (uvicorn, one process,
real HTTP, bearer tokens, grant check and audit write per request) is started on a SQLite store
(the embedded default) or, with --store postgresql, on a fresh PostgreSQL store (the
production setup: database `datagate_bench_gw_store`, dropped afterwards),
and the same work is done through it and directly with SQLAlchemy + psycopg:
  (a) lookups by ID number at concurrency 1 and 16 (median latency, throughput, and the
      gateway process's own CPU per lookup, read from /proc, which bounds what one worker can
      serve whatever the client);
  (b) a grouped stats query against the same GROUP BY, as the owner (exact figures) and as a
      grantee (minzheng-app, whose counts carry cell key noise: the protection's cost);
  (c) paging 100,000 rows through `rows` against one direct SELECT of them and against the
      same keyset pages read by psycopg, with pages of 1,000 and of 10,000 (the most
      DATAGATE_MAX_PAGE_SIZE lets a page ask for by default).
The load generator runs on the same 2-core machine as the gateway and the database. Lookups
and pages are sent by bench/http_load.py (keep-alive, prepared requests, answers read by their
Content-Length: ~0.05-0.1 ms of client CPU a request, where httpx took ~0.7 ms and so measured
itself); answers are parsed with orjson. Every answer is checked. Paging and the direct
SELECT are run --page-runs times, interleaved, and their medians compared.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import orjson
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.demo import data as demo_data  # noqa: E402

import http_load  # noqa: E402  (bench/ is on sys.path when this file runs)

PG_ADMIN = os.environ.get("DATAGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DB = "datagate_bench"
STORE_DB = "datagate_bench_gw_store"
PURPOSE = "subsistence-allowance-review"
LOOKUP = 'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name gender birthDate district } } }' % PURPOSE


def ensure_database(people: int, drop: bool) -> str:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if drop:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {DB}")
        if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": DB}).scalar():
            conn.exec_driver_sql(f"CREATE DATABASE {DB}")
    admin.dispose()
    url = sa.engine.make_url(PG_ADMIN).set(database=DB).render_as_string(hide_password=False)
    engine = sa.create_engine(url)
    have = 0
    with engine.connect() as conn:
        if sa.inspect(conn).has_table("population"):
            have = conn.execute(sa.text("SELECT count(*) FROM population")).scalar()
    if have < people:
        print(f"growing population from {have} to {people} rows (once; kept in {DB}) ...", flush=True)
        demo_data.create_population(engine, people, if_exists="grow", progress=True)
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("social_insurance"):
            demo_data.create_demo_sources({"enterprises": engine, "social_insurance": engine,
                                           "medical_visits": engine}, people=10_000)
        conn.execute(sa.text("ANALYZE population"))
        conn.commit()
    engine.dispose()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_store() -> str:
    """An empty PostgreSQL store database (the one of an earlier run dropped first)."""
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {STORE_DB} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {STORE_DB}")
    admin.dispose()
    return sa.engine.make_url(PG_ADMIN).set(database=STORE_DB).render_as_string(hide_password=False)


def drop_store() -> None:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {STORE_DB} WITH (FORCE)")
    admin.dispose()


def start_gateway(source_url: str, workdir: Path, store_url: str | None = None
                  ) -> tuple[subprocess.Popen, str, dict]:
    env = {**os.environ, "DATAGATE_DATA_DIR": str(workdir), "DATAGATE_DEV_MODE": "true",
           "DATAGATE_JWT_SECRET": "bench-secret-bench-secret-bench-secret"}
    if store_url:
        env["DATAGATE_DATABASE_URL"] = store_url
    setup = (
        "from gateway.settings import Settings; from gateway.web.app import Gateway; "
        "from gateway.demo.setup import ensure_demo_world, SOURCES; import sys; "
        "s = Settings.from_env(); g = Gateway(s); "
        "ensure_demo_world(g.services, s.data_dir, "
        "source_urls={c: sys.argv[1] for c in SOURCES}, populate=False); "
        # stats of population for a department that does not own it: the protected path
        "from gateway.store.models import Grant; from gateway.demo.setup import DEMO_GRANT_EXPIRY; "
        "session = g.services.store(); session.add(Grant(dataset_code='population', department_code='minzheng', "
        f"modes=['STATS'], fields=['district', 'gender'], purpose='{PURPOSE}', expires_at=DEMO_GRANT_EXPIRY, "
        "created_at=g.services.clock.now(), created_by='bench', origin='DEMO')); session.commit(); session.close(); "
        "print(g.services.tokens.issue('minzheng-app', g.services.clock.now())); print(g.services.tokens.issue('gongan-steward', g.services.clock.now()))"
    )
    out = subprocess.run([sys.executable, "-c", setup, source_url], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout.split()
    tokens = {"minzheng-app": out[-2], "gongan-steward": out[-1]}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "gateway.asgi:create_from_env", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--workers", "1"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(base + "/healthz").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    return server, base, tokens


def timed(fn, items, concurrency: int) -> tuple[list[float], float]:
    latencies: list[float] = []

    def one(item):
        t = time.perf_counter()
        fn(item)
        latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    if concurrency == 1:
        for item in items:
            one(item)
    else:
        with cf.ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, items))
    return latencies, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--page-rows", type=int, default=100_000)
    parser.add_argument("--page-runs", type=int, default=5)
    parser.add_argument("--drop", action="store_true", help="drop and rebuild the bench database")
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the gateway's store: the embedded SQLite file or a fresh PostgreSQL database")
    parser.add_argument("--parts", default="abc",
                        help="which measurements to run: any of a (lookups), b (stats), c (paging)")
    args = parser.parse_args()

    url = ensure_database(args.people, args.drop)
    engine = sa.create_engine(url, pool_size=20)
    with engine.connect() as conn:
        keys = [r[0] for r in conn.execute(sa.text(
            "SELECT id_number FROM population TABLESAMPLE SYSTEM (1) LIMIT :n"), {"n": args.lookups})]
    random.Random(1).shuffle(keys)
    workdir = Path(tempfile.mkdtemp(prefix="datagate-bench-"))
    store_url = fresh_store() if args.store == "postgresql" else None
    print(f"gateway store: {args.store}", flush=True)
    server, base, tokens = start_gateway(url, workdir, store_url)
    try:
        run(args, engine, keys, base, tokens, server.pid)
    finally:
        server.terminate()
        server.wait(10)
        engine.dispose()
        if store_url:
            drop_store()


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(args, engine, keys, base, tokens, server_pid) -> None:
    direct_sql = sa.text("SELECT name, gender, birth_date, district FROM population WHERE id_number = :k")
    local = __import__("threading").local()
    host, port = base.removeprefix("http://").split(":")

    def client(token):
        if not hasattr(local, "clients"):
            local.clients = {}
        if token not in local.clients:
            local.clients[token] = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                                                timeout=60)
        return local.clients[token]

    auth = {"Authorization": f"Bearer {tokens['minzheng-app']}"}
    requests = [http_load.post_request(host, int(port), "/graphql",
                                       {"query": LOOKUP, "variables": {"k": k}}, auth) for k in keys]

    def found(body: bytes) -> bool:
        return orjson.loads(body)["data"]["population"]["lookup"] is not None

    def direct(key):
        with engine.connect() as conn:
            assert conn.execute(direct_sql, {"k": key}).first()

    http_load.run(host, int(port), requests[:100], 4, found)  # warm up pools, caches, schemas
    timed(direct, keys[:100], 4)
    if "a" in args.parts:
        lookups(args, keys, host, port, requests, found, direct, server_pid)
    if "b" in args.parts:
        stats(args, engine, client(tokens["gongan-steward"]), client(tokens["minzheng-app"]))
    if "c" in args.parts:
        paging(args, engine, host, port, tokens)


def lookups(args, keys, host, port, requests, found, direct, server_pid) -> None:
    print(f"\n(a) lookups by ID number, {len(keys)} per run, population of {args.people:,}")
    for concurrency in (1, 16):
        cpu_before = process_cpu_seconds(server_pid)
        g_lat, g_wall = http_load.run(host, int(port), requests, concurrency, found)
        cpu = (process_cpu_seconds(server_pid) - cpu_before) / len(keys) * 1000
        d_lat, d_wall = timed(direct, keys, concurrency)
        gm, dm = statistics.median(g_lat) * 1000, statistics.median(d_lat) * 1000
        print(f"  concurrency {concurrency:>2}: gateway median {gm:.2f} ms, direct {dm:.2f} ms, "
              f"added {gm - dm:.2f} ms (target <= 2); gateway {len(keys) / g_wall:,.0f}/s "
              f"(target >= 1,000), direct {len(keys) / d_wall:,.0f}/s, ratio {g_wall / d_wall:.2f}x; "
              f"gateway process CPU {cpu:.2f} ms a lookup")


def stats(args, engine, owner, grantee) -> None:
    owner_q = ('{ population(purpose: "bench") { stats(groupBy: [DISTRICT, GENDER]) '
               '{ groups { district gender count } suppressed } } }')
    grantee_q = owner_q.replace('"bench"', f'"{PURPOSE}"')
    stats_sql = sa.text("SELECT district, gender, count(*) FROM population GROUP BY district, gender")

    def gateway_stats(client, query):
        r = client.post("/graphql", json={"query": query})
        assert r.json()["data"]["population"]["stats"]["groups"], r.text

    def direct_stats():
        with engine.connect() as conn:
            assert conn.execute(stats_sql).all()

    runs = {"owner": [], "grantee": [], "direct": []}
    for i in range(8):  # interleaved, so that all three meet the same machine; the first warms up
        for name, fn in (("direct", direct_stats), ("owner", lambda: gateway_stats(owner, owner_q)),
                         ("grantee", lambda: gateway_stats(grantee, grantee_q))):
            started = time.perf_counter()
            fn()
            if i:
                runs[name].append(time.perf_counter() - started)
    direct, exact, protected = (statistics.median(runs[k]) * 1000 for k in ("direct", "owner", "grantee"))
    print(f"\n(b) stats GROUP BY district, gender over {args.people:,} rows, median of 7 interleaved runs: "
          f"direct {direct:.1f} ms")
    print(f"  owner (exact figures): gateway {exact:.1f} ms, ratio {exact / direct:.2f}x (target <= 1.2, issue 19)")
    print(f"  grantee (cell key noise, its record keys hashed in the source): gateway {protected:.1f} ms, "
          f"ratio {protected / direct:.2f}x; the protection costs {protected - exact:.1f} ms "
          f"({protected / exact:.2f}x the owner's)")


def paging(args, engine, host, port, tokens) -> None:
    page_q = ('query($a: String, $n: Int) { population(purpose: "bench") { rows(first: $n, after: $a) '
              '{ nodes { idNumber name gender birthDate district } pageInfo { hasNextPage endCursor } } } }')

    pager = http_load.KeepAliveClient(host, int(port), {"Authorization": f"Bearer {tokens['gongan-steward']}"})

    def gateway_pages(size: int):
        after, total = None, 0
        while total < args.page_rows:
            status, body = pager.post("/graphql", {"query": page_q, "variables": {"a": after, "n": size}})
            assert status == 200, body[:300]
            rows = orjson.loads(body)["data"]["population"]["rows"]
            total += len(rows["nodes"])
            after = rows["pageInfo"]["endCursor"]
        return total

    def direct_select():
        with engine.connect() as conn:
            return len(conn.execute(sa.text(
                "SELECT id_number, name, gender, birth_date, district FROM population "
                "ORDER BY id_number LIMIT :n"), {"n": args.page_rows}).all())

    def direct_pages(size: int):
        """The same keyset pages as the gateway's, read by psycopg with the LIMIT a literal."""
        after, total = "", 0
        with engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()
            while total < args.page_rows:
                cursor.execute("SELECT id_number, name, gender, birth_date, district FROM population "
                               f"WHERE id_number > %s ORDER BY id_number LIMIT {int(size)}", (after,))
                rows = cursor.fetchall()
                total += len(rows)
                after = rows[-1][0]
        return total

    def seconds(fn, *args) -> float:
        started = time.perf_counter()
        fn(*args)
        return time.perf_counter() - started

    direct_select()  # warm the cache of the index and table pages on both sides alike
    gateway_pages(10_000)
    runs = {"direct": [], 1000: [], 10_000: [], ("direct", 1000): [], ("direct", 10_000): []}
    for _ in range(args.page_runs):  # interleaved, so that both sides meet the same machine
        runs["direct"].append(seconds(direct_select))
        for size in (1000, 10_000):
            runs[("direct", size)].append(seconds(direct_pages, size))
            runs[size].append(seconds(gateway_pages, size))
    d_time = statistics.median(runs["direct"])
    print(f"\n(c) {args.page_rows:,} rows, median of {args.page_runs} interleaved runs: "
          f"direct SELECT of them all {d_time:.2f} s")
    for size in (1000, 10_000):
        g_time = statistics.median(runs[size])
        k_time = statistics.median(runs[("direct", size)])
        print(f"  paged through `rows`, {size:,} a page: {g_time:.2f} s; ratio {g_time / d_time:.2f}x "
              f"the one SELECT, {g_time / k_time:.2f}x psycopg's keyset pages of {size:,} "
              f"({k_time:.2f} s) (target <= 1.2, issue 19)")


if __name__ == "__main__":
    main()
