"""Resident memory of one gateway worker: idle, then after each kind of work loads its libraries.

Issue 19 asks for at most 150 MiB a worker when idle. The gateway loads the libraries of
features on their first use (tests/test_worker_footprint.py), so this prints VmRSS of a
uvicorn worker (one process, `--workers 1`) on the demo world: right after start, after
lookups, after an open-data download (masking and the k-anonymity check: Arrow), and the
peak (VmHWM). Both stores: SQLite (the embedded default, SQLite source) and PostgreSQL
(store and source), each built fresh and dropped afterwards.

    .venv/bin/python bench/idle_rss.py [--people 2000] [--lookups 500]
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from load_correctness import fresh_database  # noqa: E402  (bench/ is on sys.path when this runs)
from tests.served_world import LOOKUP, build_world, served  # noqa: E402


def worker_pid(base: str) -> int:
    """The uvicorn process listening on ``base``'s port (one worker: the process itself)."""
    port = base.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                argv = (proc / "cmdline").read_bytes().split(b"\0")
                if b"uvicorn" in b" ".join(argv) and port.encode() in argv:
                    return int(proc.name)
    raise RuntimeError(f"no uvicorn process on port {port}")


def population_keys(source_url: str, count: int) -> list[str]:
    engine = sa.create_engine(source_url)
    try:
        with engine.connect() as conn:
            return list(conn.scalars(sa.text("SELECT id_number FROM population ORDER BY id_number "
                                             "LIMIT :n"), {"n": count}))
    finally:
        engine.dispose()


def memory(pid: int) -> dict[str, float]:
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return {k: int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}


def measure(label: str, store_url: str, source_url: str, people: int, lookups: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tokens = build_world(store_url, source_url, Path(folder), people)
        keys = population_keys(source_url, lookups)
        with served(store_url, Path(folder)) as base:
            pid = worker_pid(base)
            rows = [("idle after start", memory(pid)["VmRSS"])]
            with httpx.Client(base_url=base, timeout=60,
                              headers={"Authorization": f"Bearer {tokens['minzheng-app']}"}) as client:
                for key in keys:
                    client.post("/graphql", json={"query": LOOKUP, "variables": {"k": key}}).raise_for_status()
                rows.append((f"after {len(keys)} lookups", memory(pid)["VmRSS"]))
                client.get("/open/datasets/enterprises.csv").raise_for_status()
                rows.append(("after an open-data download", memory(pid)["VmRSS"]))
            rows.append(("peak (VmHWM)", memory(pid)["VmHWM"]))
    print(f"\n{label}")
    for what, mib in rows:
        print(f"  {what:<32} {mib:7.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--lookups", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite store, SQLite source", f"sqlite:///{folder}/store.sqlite",
                f"sqlite:///{folder}/source.sqlite", args.people, args.lookups)
    with fresh_database() as store_url, fresh_database() as source_url:
        measure("PostgreSQL store, PostgreSQL source", store_url, source_url, args.people, args.lookups)
    print("\ntarget: at most 150 MiB a worker when idle (issue 19)")


if __name__ == "__main__":
    main()
