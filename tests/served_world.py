"""The demo world on a PostgreSQL store and source, served by uvicorn in a subprocess.

For what only a real server under concurrent load shows: how many connections it holds
(test_connection_bounds), whether every answer under load is right (test_load_correctness),
the store behind PgBouncer (test_pgbouncer). bench/load_correctness.py does the same at scale.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import sqlalchemy as sa
from masking.check_digits import id_check_digit

from gateway.demo.setup import SOURCES, ensure_demo_world, fill_sources
from gateway.settings import Settings
from gateway.web.app import Gateway

ROOT = Path(__file__).resolve().parent.parent
PURPOSE = "subsistence-allowance-review"
JWT_SECRET = "served-world-secret-not-for-production-0123456789"
HASH_SECRET = "served-world-hash-secret-not-for-production-0123"
LOOKUP = ('query($k: String!) { population(purpose: "%s") '
          '{ lookup(key: $k) { name gender birthDate district } } }' % PURPOSE)


def build_world(store_url: str, source_url: str, data_dir: Path, people: int) -> dict[str, str]:
    """The demo tables in the source database, the demo world in the store; bearer tokens
    of the principals the tests act as."""
    fill_sources({code: source_url for code in SOURCES}, people)
    gateway = Gateway(Settings(data_dir=data_dir, database_url=store_url, dev_mode=True,
                               jwt_secret=JWT_SECRET, hash_secret=HASH_SECRET))
    try:
        ensure_demo_world(gateway.services, data_dir, source_urls={c: source_url for c in SOURCES},
                          populate=False)
        now = gateway.services.clock.now()
        return {name: gateway.services.tokens.issue(name, now)
                for name in ("minzheng-app", "renshe-steward")}
    finally:
        gateway.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(base: str, process: subprocess.Popen, seconds: float) -> None:
    """Until the gateway at ``base`` answers /healthz; RuntimeError if ``process`` ends first
    or ``seconds`` pass (the process is killed then)."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the gateway exited with {process.returncode} before serving")
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the gateway did not answer /healthz within {seconds:.0f} s")
        time.sleep(0.1)


@contextlib.contextmanager
def served(store_url: str, data_dir: Path, workers: int = 1, **settings):
    """A uvicorn gateway of ``workers`` processes on the store; ``settings`` as DATAGATE_*
    variables (store_pool_size=2 -> DATAGATE_STORE_POOL_SIZE=2). Yields its base URL."""
    env = {**os.environ, "DATAGATE_DATA_DIR": str(data_dir), "DATAGATE_DATABASE_URL": store_url,
           "DATAGATE_DEV_MODE": "true", "DATAGATE_JWT_SECRET": JWT_SECRET,
           "DATAGATE_HASH_SECRET": HASH_SECRET,
           **{f"DATAGATE_{name.upper()}": str(value) for name, value in settings.items()}}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "gateway.asgi:create_from_env",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--workers", str(workers)],
        env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, server, 60)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def source_records(source_url: str, count: int, seed: int = 1) -> dict[str, dict]:
    """``count`` people of the source as a lookup should answer them, by ID number."""
    engine = sa.create_engine(source_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT id_number, name, gender, birth_date, district FROM population")).all()
    finally:
        engine.dispose()
    rows = random.Random(seed).sample(rows, min(count, len(rows)))
    return {r.id_number: {"name": r.name, "gender": r.gender, "birthDate": r.birth_date.isoformat(),
                          "district": r.district} for r in rows}


def absent_keys(present: set[str], count: int, seed: int = 2) -> list[str]:
    """Valid ID numbers (check digit right) of nobody in ``present``: their lookups answer null."""
    rng, keys = random.Random(seed), []
    while len(keys) < count:
        first17 = f"4406041990{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
        key = first17 + id_check_digit(first17)
        if key not in present and key not in keys:
            keys.append(key)
    return keys


def check_lookups(base: str, token: str, expected: dict[str, dict | None], keys: list[str],
                  concurrency: int) -> list[str]:
    """Look every key up, ``concurrency`` at a time; one line per answer that is not exactly
    ``expected[key]`` (status, errors, a record missing, extra or different)."""
    return asyncio.run(_check_lookups(base, token, expected, keys, concurrency))


async def _check_lookups(base, token, expected, keys, concurrency):
    pending = iter(enumerate(keys))
    mismatches: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        async def worker(number: int):
            for index, key in pending:
                started = time.perf_counter()
                response = await client.post("/graphql", json={"query": LOOKUP, "variables": {"k": key}})
                took = (time.perf_counter() - started) * 1000
                problem = _mismatch(response, expected[key])
                if problem:
                    mismatches.append(f"request {index} (client {number}, key {key}, "
                                      f"{took:.0f} ms, status {response.status_code}, "
                                      f"x-request-id {response.headers.get('x-request-id')}): "
                                      f"{problem}; body {response.text[:400]}")

        await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return mismatches


def _mismatch(response: httpx.Response, want: dict | None) -> str | None:
    if response.status_code != 200:
        return "not 200"
    body = response.json()
    if body.get("errors"):
        return "errors"
    got = ((body.get("data") or {}).get("population") or {}).get("lookup", "missing")
    if got == "missing":
        return "no lookup field in the answer"
    if got != want:
        return "record absent" if got is None else (
            "record where none exists" if want is None else f"record differs from the source's {want}")
    return None
