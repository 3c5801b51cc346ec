"""The store behind PgBouncer in transaction pool mode (docs/operations.md#pgbouncer).

PgBouncer hands each transaction whichever server connection is free. What a gateway keeps on
a connection between transactions must then not matter: psycopg's server-side prepared
statements (made after a statement's fifth run) do, before PgBouncer 1.21, so the gateway is
run with DATAGATE_PREPARED_STATEMENTS=false. The audit's appends (one autocommit statement,
or a transaction locking the chain's head row) keep nothing between transactions. Skipped where no pgbouncer program is installed
(Debian: apt-get install pgbouncer).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time

import httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import PG_ADMIN, temp_database
from tests.served_world import (PURPOSE, absent_keys, build_world, check_lookups, free_port,
                                served, source_records)

PGBOUNCER = shutil.which("pgbouncer") or ("/usr/sbin/pgbouncer"
                                          if os.path.exists("/usr/sbin/pgbouncer") else None)
pytestmark = pytest.mark.skipif(PGBOUNCER is None,
                                reason="no pgbouncer program (Debian: apt-get install pgbouncer)")

REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }"""


def pgbouncer_version() -> tuple[int, int]:
    out = subprocess.run([PGBOUNCER, "--version"], capture_output=True, text=True).stdout
    major, minor = re.search(r"PgBouncer (\d+)\.(\d+)", out).groups()
    return int(major), int(minor)


@pytest.fixture(scope="module")
def bouncer(tmp_path_factory):
    """PgBouncer on a loopback port in transaction mode, in front of the test server; yields
    its port."""
    folder = tmp_path_factory.mktemp("pgbouncer")
    server = sa.engine.make_url(PG_ADMIN)
    port = free_port()
    (folder / "userlist.txt").write_text(f'"{server.username}" ""\n')
    (folder / "pgbouncer.ini").write_text(f"""[databases]
* = host={server.host} port={server.port or 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "userlist.txt"}
pool_mode = transaction
default_pool_size = 4
max_client_conn = 200
ignore_startup_parameters = extra_float_digits
""")
    folder.chmod(0o755)
    for item in folder.iterdir():
        item.chmod(0o644)
    # PgBouncer refuses to run as root; -u drops to an unprivileged user
    as_user = ["-u", "nobody"] if os.geteuid() == 0 else []
    process = subprocess.Popen([PGBOUNCER, *as_user, str(folder / "pgbouncer.ini")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail(f"pgbouncer exited: {process.stdout.read()[-2000:]}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def world(tmp_path_factory, bouncer):
    with temp_database("postgresql") as store_url, temp_database("postgresql") as source_url:
        data_dir = tmp_path_factory.mktemp("bounced")
        tokens = build_world(store_url, source_url, data_dir, people=1000)
        through_bouncer = sa.engine.make_url(store_url).set(port=bouncer).render_as_string(
            hide_password=False)
        yield through_bouncer, source_url, data_dir, tokens


def test_lookups_workflows_and_the_audit_chain_through_pgbouncer(world, monkeypatch):
    store_url, source_url, data_dir, tokens = world
    expected: dict = source_records(source_url, 150)
    expected.update(dict.fromkeys(absent_keys(set(expected), 20)))
    keys = list(expected) * 2  # every statement runs far more than psycopg's 5 before preparing
    with served(store_url, data_dir, prepared_statements="false", store_pool_size=6) as base:
        assert check_lookups(base, tokens["minzheng-app"], expected, keys, concurrency=8) == []
        asked = httpx.post(base + "/graphql", timeout=60,
                           headers={"Authorization": f"Bearer {tokens['renshe-steward']}"},
                           json={"query": REQUEST, "variables": {"input": {
                               "dataset": "population", "modes": ["LOOKUP"], "fields": ["name"],
                               "purpose": PURPOSE, "expiresOn": "2027-06-30",
                               "purposeDescription": "behind pgbouncer", "users": "科室"}}}).json()
        assert asked.get("errors") is None, asked
        assert asked["data"]["requestShare"]["status"] == "PENDING"

    from gateway.cli import app

    monkeypatch.setenv("DATAGATE_DATABASE_URL", store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DATAGATE_PREPARED_STATEMENTS", "false")
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    checked = int(re.search(r"intact: (\d+) records", result.output).group(1))
    assert checked >= len(keys) + 1


@pytest.mark.skipif(pgbouncer_version() >= (1, 21) if PGBOUNCER else True,
                    reason="PgBouncer 1.21 and later can keep prepared statements in "
                           "transaction mode (max_prepared_statements)")
def test_prepared_statements_fail_behind_an_older_pgbouncer(world):
    """Why the setting exists: with psycopg's prepares on, an older PgBouncer in transaction
    mode sends a prepared statement's execution to a server connection that never saw it."""
    store_url, source_url, data_dir, tokens = world
    expected: dict = source_records(source_url, 150, seed=7)
    with served(store_url, data_dir, store_pool_size=6) as base:
        mismatches = check_lookups(base, tokens["minzheng-app"], expected, list(expected) * 2,
                                   concurrency=8)
    assert mismatches, "every lookup passed with prepared statements behind PgBouncer"
