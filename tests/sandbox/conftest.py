"""Fixtures for the sandbox tests: a synthetic socialInsurance snapshot and sessions over it."""
from __future__ import annotations

import os
import random
from datetime import date, datetime, timedelta, timezone

import pyarrow as pa
import pytest

from sandbox import SandboxLimits, SandboxManager, TablePolicy

DISTRICTS = ["禅城区", "南海区", "顺德区", "高明区", "三水区"]
TINY_DISTRICT = "西樵镇"  # only three people live here: any group on it is too small
TYPES = ["pension", "medical", "unemployment"]
STATUSES = ["active", "suspended", "ended"]
ROWS = 3000

SOCIAL_INSURANCE_POLICY = TablePolicy(identifier_columns={"idNumber", "name"}, people_column="idNumber")


def social_insurance(rows: int = ROWS, seed: int = 7) -> pa.Table:
    """A synthetic snapshot; three people live in TINY_DISTRICT, everyone else in big districts."""
    rng = random.Random(seed)
    districts = [TINY_DISTRICT] * 3 + [rng.choice(DISTRICTS) for _ in range(rows - 3)]
    return pa.table({
        "idNumber": [f"4406041990{i:08d}" for i in range(rows)],
        "name": [f"测试{i}" for i in range(rows)],
        "district": districts,
        "insuranceType": [rng.choice(TYPES) for _ in range(rows)],
        "monthlyBase": [round(rng.gauss(6000, 1500), 2) for _ in range(rows)],
        "since": [date(2005, 1, 1) + timedelta(days=rng.randrange(7000)) for _ in range(rows)],
        "status": [rng.choices(STATUSES, weights=[90, 8, 2])[0] for _ in range(rows)],
    })


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, start: datetime = datetime(2026, 9, 30, 2, 0, tzinfo=timezone.utc)):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


TEST_LIMITS = SandboxLimits(
    timeout_seconds=1.5,
    memory_limit_mb=96,
    max_temp_mb=32,
    threads=1,
    max_rows=1000,
    max_result_bytes=1024 * 1024,
    session_ttl=timedelta(hours=2),
    min_group_size=5,
)


@pytest.fixture(scope="module")
def snapshot() -> pa.Table:
    return social_insurance()


@pytest.fixture(scope="module")
def manager(tmp_path_factory) -> SandboxManager:
    m = SandboxManager(tmp_path_factory.mktemp("sandbox"), TEST_LIMITS, FakeClock())
    yield m
    m.close_all()


@pytest.fixture(scope="module")
def session(manager, snapshot):
    return manager.open("researcher", {"socialInsurance": snapshot.to_reader()},
                        {"socialInsurance": SOCIAL_INSURANCE_POLICY})


@pytest.fixture(scope="module")
def other_session(manager, snapshot):
    """Another researcher's session: its files must stay out of reach."""
    return manager.open("other-researcher", {"socialInsurance": snapshot},
                        {"socialInsurance": SOCIAL_INSURANCE_POLICY})


HEALTH_QUERY = "SELECT count(*) AS n FROM socialInsurance"


def assert_serving(session) -> None:
    """The session still answers an ordinary query correctly."""
    assert session.run(HEALTH_QUERY).rows == [(ROWS,)]


def query_processes() -> set[int]:
    """The pids of this process's living children that are query processes."""
    found = set()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                command = cmdline.read()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and b"sandbox.worker" in command:
            found.add(int(pid))
    return found
