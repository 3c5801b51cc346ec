"""datagate (PostgreSQL store) against PostGraphile v4 on the same table, same load generator.

    .venv/bin/python bench/postgraphile_side_by_side.py [--people 1000000] [--rounds 5]
        [--seconds 10] [--connections 16] [--workers 1]

One command: the PostgreSQL database `datagate_bench` (bench_gateway.py's, grown once to
--people rows and kept) is the source of both. PostGraphile v4 is installed with npm into
bench/postgraphile/ on first use (its own package.json; not a dependency of datagate) and
serves the database's tables; datagate serves them from a fresh PostgreSQL store
(`datagate_bench_store`, made anew every run) as the demo world does, one uvicorn process
with --workers workers, token check, grant check and audit commit on every request.

Both are asked the same lookups by ID number (name, gender, birth date, district): wrk
(Debian's `wrk`, Lua-scripted, every answer checked for its record) at --connections
connections, or where wrk is missing bench/http_load.py (asyncio, keep-alive). Rounds are
interleaved (the side that goes first alternates) so that both meet the same machine; after a
warm-up round each, the medians of lookups/s, p50 and p99 and datagate's ratios to
PostGraphile are printed. With --ceiling both also answer `{ __typename }` in the same rounds
(parsing, validating and answering a query that reads nothing: what the servers' frameworks
cost before any lookup). Then one lookup at a time: datagate's and PostGraphile's median
latency against the same SELECT sent directly with psycopg, and what each adds.

Figures mean something only on a machine nothing else is loading.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import orjson
import psycopg
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import bench_gateway  # noqa: E402  (bench/ is on sys.path)
import http_load  # noqa: E402
from gateway.demo.setup import SOURCES, ensure_demo_world  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.web.app import Gateway  # noqa: E402
from tests.served_world import HASH_SECRET, JWT_SECRET, served  # noqa: E402

POSTGRAPHILE_DIR = BENCH / "postgraphile"
STORE_DB = "datagate_bench_store"
PURPOSE = "subsistence-allowance-review"
DATAGATE_LOOKUP = ('query($k: String!) { population(purpose: "%s") '
                   '{ lookup(key: $k) { name gender birthDate district } } }' % PURPOSE)
TYPENAME = "{ __typename }"
POSTGRAPHILE_LOOKUP = ('query($k: String!) { populationByIdNumber(idNumber: $k) '
                       '{ name gender birthDate district } }')
DIRECT_SQL = "SELECT name, gender, birth_date, district FROM population WHERE id_number = %s"


def install_postgraphile() -> Path:
    binary = POSTGRAPHILE_DIR / "node_modules" / ".bin" / "postgraphile"
    if not binary.exists():
        if shutil.which("npm") is None:
            sys.exit("npm is needed to install PostGraphile (Debian: apt-get install npm)")
        print("installing PostGraphile v4 into bench/postgraphile/ (once) ...", flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=POSTGRAPHILE_DIR,
                       check=True)
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_store() -> str:
    admin = sa.create_engine(bench_gateway.PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             f"WHERE datname = '{STORE_DB}' AND pid <> pg_backend_pid()")
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {STORE_DB}")
        conn.exec_driver_sql(f"CREATE DATABASE {STORE_DB}")
    admin.dispose()
    return sa.engine.make_url(bench_gateway.PG_ADMIN).set(database=STORE_DB).render_as_string(
        hide_password=False)


def datagate_world(store_url: str, source_url: str, data_dir: Path) -> str:
    """The demo world in the store, its sources the bench database; minzheng-app's token."""
    gateway = Gateway(Settings(data_dir=data_dir, database_url=store_url, dev_mode=True,
                               jwt_secret=JWT_SECRET, hash_secret=HASH_SECRET))
    try:
        ensure_demo_world(gateway.services, data_dir, source_urls={c: source_url for c in SOURCES},
                          populate=False)
        return gateway.services.tokens.issue("minzheng-app", gateway.services.clock.now())
    finally:
        gateway.close()


class PostGraphile:
    def __init__(self, binary: Path, source_url: str):
        url = sa.engine.make_url(source_url)
        connection = (f"postgres://{url.username}{':' + url.password if url.password else ''}"
                      f"@{url.host}:{url.port or 5432}/{url.database}")
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(binary), "--connection", connection, "--schema", "public", "--host", "127.0.0.1",
             "--port", str(self.port), "--disable-query-log", "--disable-graphiql"],
            cwd=POSTGRAPHILE_DIR, env={**os.environ, "NODE_ENV": "production"},
            stdout=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                sys.exit(f"PostGraphile exited with {self.process.returncode}")
            try:
                httpx.post(self.base + "/graphql", json={"query": "{ __typename }"})
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    sys.exit("PostGraphile did not answer within 60 s")
                time.sleep(0.2)

    def close(self):
        self.process.terminate()
        self.process.wait(10)


class Side:
    """One server under test: its URL, its request body and headers, and what every answer
    must hold (``needle``)."""

    def __init__(self, name: str, base: str, query: str, headers: dict[str, str],
                 needle: str = '"district":'):
        self.name, self.base, self.query, self.headers = name, base, query, headers
        self.needle = needle
        self.host, port = base.removeprefix("http://").split(":")
        self.port = int(port)

    def body(self, key: str) -> dict:
        if "$k" not in self.query:
            return {"query": self.query}
        return {"query": self.query, "variables": {"k": key}}


WRK_SCRIPT = """
keys = {%(keys)s}
template = [[%(template)s]]
needle = [[%(needle)s]]
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
%(headers)s
threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#keys); bad = 0; example = "" end
function request()
  i = i %% #keys + 1
  return wrk.format(nil, nil, nil, string.format(template, keys[i]))
end
function response(status, headers, body)
  if status ~= 200 or not string.find(body, needle, 1, true)
      or string.find(body, '"errors"', 1, true) then
    bad = bad + 1
    if example == "" then example = status .. " " .. string.sub(body, 1, 300) end
  end
end
function done(summary, latency, requests)
  local total, example_of = 0, ""
  for _, t in ipairs(threads) do
    total = total + t:get("bad")
    if example_of == "" then example_of = t:get("example") end
  end
  io.write(string.format("RESULT %%d %%f %%f %%f %%d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, total))
  io.write("EXAMPLE " .. example_of .. "\\n")
end
"""


def wrk_round(side: Side, keys: list[str], seconds: float, connections: int, folder: Path) -> dict:
    template = orjson.dumps(side.body("KEY")).decode().replace("%", "%%").replace('"KEY"', '"%s"')
    script = folder / f"{side.name.replace(' ', '_')}.lua"
    script.write_text(WRK_SCRIPT % {
        "keys": ",".join(f'"{k}"' for k in keys), "template": template, "needle": side.needle,
        "headers": "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in side.headers.items())})
    run = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                          "-s", str(script), side.base + "/graphql"], capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"wrk failed against {side.name}: {run.stderr[-1000:]}")
    out = run.stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, wall, p50, p99, bad = line.split()[1:]
    if int(bad):
        example = next((x for x in out.splitlines() if x.startswith("EXAMPLE ")), "")
        sys.exit(f"{side.name}: {bad} of {requests} answers lacked their record: {example}")
    return {"rps": int(requests) / float(wall), "p50": float(p50), "p99": float(p99)}


def python_round(side: Side, keys: list[str], seconds: float, connections: int, _folder) -> dict:
    """Without wrk: bench/http_load.py, about as many requests as --seconds would take."""
    count = max(connections * 20, int(seconds * 500))
    requests = [http_load.post_request(side.host, side.port, "/graphql", side.body(k), side.headers)
                for k in (keys * (count // len(keys) + 1))[:count]]

    def found(body: bytes) -> bool:
        data = orjson.loads(body)
        return not data.get("errors") and side.needle.encode() in body

    latencies, wall = http_load.run(side.host, side.port, requests, connections, found)
    latencies.sort()
    return {"rps": len(requests) / wall, "p50": latencies[len(latencies) // 2] * 1000,
            "p99": latencies[int(len(latencies) * 0.99)] * 1000}


def serial(sides: list[Side], source_url: str, keys: list[str]) -> None:
    conninfo = sa.engine.make_url(source_url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    times: dict[str, list[float]] = {"direct psycopg": []}
    clients = {s.name: http_load.KeepAliveClient(s.host, s.port, s.headers) for s in sides}
    for side in sides:
        times[side.name] = []
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for key in keys:  # interleaved per key: each side meets the same moment
            started = time.perf_counter()
            assert conn.execute(DIRECT_SQL, (key,)).fetchone()
            times["direct psycopg"].append(time.perf_counter() - started)
            for side in sides:
                started = time.perf_counter()
                status, body = clients[side.name].post("/graphql", side.body(key))
                times[side.name].append(time.perf_counter() - started)
                assert status == 200 and b'"district"' in body, body[:300]
    for client in clients.values():
        client.close()
    direct = statistics.median(times["direct psycopg"][20:]) * 1000
    print(f"\none lookup at a time, median of {len(keys) - 20}: direct psycopg {direct:.2f} ms")
    for side in sides:
        median = statistics.median(times[side.name][20:]) * 1000
        print(f"  {side.name}: {median:.2f} ms, adds {median - direct:.2f} ms over direct SQL"
              + (" (target <= 2 ms)" if side.name == "datagate" else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--serial", type=int, default=1000, help="lookups one at a time")
    parser.add_argument("--ceiling", action="store_true",
                        help="also time both servers answering `{ __typename }` (no read, no audit)")
    parser.add_argument("--database", default=bench_gateway.DB,
                        help="the source database (grown once, kept)")
    parser.add_argument("--generator", choices=("wrk", "python"),
                        default="wrk" if shutil.which("wrk") else "python")
    args = parser.parse_args()

    binary = install_postgraphile()
    bench_gateway.DB = args.database
    source_url = bench_gateway.ensure_database(args.people, drop=False)
    engine = sa.create_engine(source_url)
    with engine.connect() as conn:
        keys = [r[0] for r in conn.execute(sa.text(
            "SELECT id_number FROM population TABLESAMPLE SYSTEM (1) LIMIT 2000"))]
    engine.dispose()
    random.Random(1).shuffle(keys)
    data_dir = Path(tempfile.mkdtemp(prefix="datagate-side-by-side-"))
    store_url = fresh_store()
    token = datagate_world(store_url, source_url, data_dir)
    postgraphile = PostGraphile(binary, source_url)
    run_round = wrk_round if args.generator == "wrk" else python_round
    try:
        with served(store_url, data_dir, workers=args.workers) as base:
            sides = [Side("datagate", base, DATAGATE_LOOKUP, {"Authorization": f"Bearer {token}"}),
                     Side("PostGraphile", postgraphile.base, POSTGRAPHILE_LOOKUP, {})]
            if args.ceiling:  # the same servers answering a query that reads nothing
                sides += [Side("datagate __typename", base, TYPENAME,
                               {"Authorization": f"Bearer {token}"}, '"Query"'),
                          Side("PostGraphile __typename", postgraphile.base, TYPENAME, {}, '"Query"')]
            results: dict[str, list[dict]] = {s.name: [] for s in sides}
            print(f"lookups by ID number at {args.connections} connections, {args.generator}, "
                  f"{args.rounds} interleaved rounds of {args.seconds:g} s after a warm-up; "
                  f"datagate: PostgreSQL store, {args.workers} worker(s)", flush=True)
            for number in range(args.rounds + 1):
                order = sides if number % 2 == 0 else sides[::-1]
                for side in order:
                    result = run_round(side, keys, args.seconds if number else 3,
                                       args.connections, data_dir)
                    if number:
                        results[side.name].append(result)
                        print(f"  round {number} {side.name}: {result['rps']:,.0f}/s, "
                              f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms", flush=True)
            medians = {name: {m: statistics.median(r[m] for r in rounds) for m in ("rps", "p50", "p99")}
                       for name, rounds in results.items()}
            ours, theirs = medians["datagate"], medians["PostGraphile"]
            print("\nmedians of the rounds:")
            for name, m in medians.items():
                print(f"  {name}: {m['rps']:,.0f} lookups/s, p50 {m['p50']:.1f} ms, "
                      f"p99 {m['p99']:.1f} ms (p99/p50 {m['p99'] / m['p50']:.1f})")
            print(f"  datagate / PostGraphile: throughput {ours['rps'] / theirs['rps']:.2f}x "
                  f"(target >= 1.0), p50 {ours['p50'] / theirs['p50']:.2f}x, "
                  f"p99 {ours['p99'] / theirs['p99']:.2f}x; datagate's p99 <= 3x its p50: "
                  f"{'yes' if ours['p99'] <= 3 * ours['p50'] else 'no'}")
            if args.ceiling:
                empty = medians["datagate __typename"]["rps"]
                print(f"  datagate's lookups / its own __typename: {ours['rps'] / empty:.2f}x; "
                      f"datagate / PostGraphile answering __typename: "
                      f"{empty / medians['PostGraphile __typename']['rps']:.2f}x (the ceiling "
                      "of the framework, whatever a lookup costs)")
            serial(sides[:2], source_url, keys[:args.serial + 20])
    finally:
        postgraphile.close()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
