"""One sandbox session through two gateway processes of one host (`uvicorn --workers N`, or
a gateway and its restart): opened in one, queried, checked, audited and closed through the
other, and the limit on open sessions counted across both.

The second process is a real `uvicorn` server started from the same DATAGATE_* settings
(same store, data and sandbox directories, secrets and frozen clock), reached over HTTP.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from gateway.settings import Settings
from gateway.store.models import AuditRecord
from gateway.store.sandbox_models import SandboxSessionRecord
from tests.sandbox.conftest import query_processes
from tests.test_sandbox_http import (BY_DISTRICT, SANDBOX_SETTINGS, SMALL_GROUPS, Sandbox,
                                     _ensure_other_analyst)

ROOT = Path(__file__).resolve().parent.parent


def settings_env(settings: Settings) -> dict[str, str]:
    """The DATAGATE_* variables that make Settings.from_env() give these settings."""
    env = {}
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        env["DATAGATE_" + field.name.upper()] = str(value)
    assert Settings.from_env(env) == settings
    return env


class Server:
    """A gateway in its own process, started with uvicorn on a free port."""

    def __init__(self, settings: Settings, log: Path, tokens_from: Gateway):
        self.tokens_from = tokens_from  # same secret and clock: its tokens are good here
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self._log = open(log, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "gateway.asgi:create_from_env",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "info"],
            env={**os.environ, **settings_env(settings)}, cwd=ROOT, stdout=self._log, stderr=self._log)
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(self.base + "/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the second gateway did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        self.client = httpx.Client(base_url=self.base, timeout=60)

    def stop(self) -> int:
        """Stop it as an operator would (SIGTERM: the app's shutdown runs, then uvicorn exits
        by the same signal)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode


@pytest.fixture(scope="module")
def here(gateway, tmp_path_factory):
    """This process's gateway, with its own sandbox directory on the shared store."""
    settings = gateway.settings.with_(sandbox_dir=tmp_path_factory.mktemp("shared-sandbox"),
                                      **SANDBOX_SETTINGS)
    gw = Gateway(settings)
    _ensure_other_analyst(gw)
    with TestClient(create_app(settings, gw)) as client:
        yield gw, client
    gw.close()


@pytest.fixture(scope="module")
def there(here, tmp_path_factory):
    """The same gateway in a second process: same settings, so same sandbox directory."""
    server = Server(here[0].settings, tmp_path_factory.mktemp("logs") / "second-gateway.log", here[0])
    yield server
    server.client.close()
    server.stop()


def as_(side, principal: str) -> Sandbox:
    """The sandbox endpoints of this process (a (gateway, client) pair) or of the other."""
    if isinstance(side, Server):
        return Sandbox(side.client, side.tokens_from, principal)
    gw, client = side
    return Sandbox(client, gw, principal)


def audit_after(gw: Gateway, after: int) -> list[AuditRecord]:
    with gw.services.store() as session:
        return list(session.scalars(sa.select(AuditRecord).where(
            AuditRecord.id > after, AuditRecord.principal == "researcher").order_by(AuditRecord.id)))


def last_id(gw: Gateway) -> int:
    with gw.services.store() as session:
        return session.scalar(sa.select(sa.func.max(AuditRecord.id))) or 0


def test_a_session_opened_here_is_served_there_with_the_same_checks_and_audit(here, there):
    gw, _ = here
    opened = as_(here, "researcher").open()
    assert opened.status_code == 201, opened.text
    sid = opened.json()["id"]
    try:
        local = as_(here, "researcher").query(sid, BY_DISTRICT)
        assert local.status_code == 200, local.text
        before = last_id(gw)
        remote = as_(there, "researcher").query(sid, BY_DISTRICT)
        assert remote.status_code == 200, remote.text
        assert remote.json() == local.json() and len(remote.json()["rows"]) >= 3
        # the output checks hold there too: small groups are refused, identifiers unknown
        refused = as_(there, "researcher").query(sid, SMALL_GROUPS)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "OUTPUT_CHECK_FAILED"
        assert "rows" not in refused.json()
        # another principal cannot use it through either process
        for side in (here, there):
            stranger = as_(side, "sandbox-test-analyst").query(sid, BY_DISTRICT)
            assert stranger.status_code == 404, stranger.text
        # the other process audited what it served, naming the session's dataset and purpose
        records = audit_after(gw, before)
        assert [(r.action, r.outcome, r.error_code) for r in records] == [
            ("SANDBOX_QUERY", "ALLOWED", None), ("SANDBOX_QUERY", "DENIED", "OUTPUT_CHECK_FAILED")]
        with gw.services.store() as session:
            record = session.get(SandboxSessionRecord, sid)
            owner = gw.services.catalog(session).get("socialInsurance").owner_department
        assert record.owner_departments == [owner] and record.purpose
        assert all(r.dataset == "socialInsurance" and r.purpose == record.purpose for r in records)
    finally:
        as_(here, "researcher").close(sid)


def test_closing_in_either_process_ends_the_session_in_both(here, there):
    gw, _ = here
    folder = lambda sid: Path(gw.settings.sandbox_dir) / sid  # noqa: E731
    for opener, closer in ((here, there), (there, here)):
        opened = as_(opener, "researcher").open()
        assert opened.status_code == 201, opened.text
        sid = opened.json()["id"]
        for side in (opener, closer):  # both hold it now
            assert as_(side, "researcher").query(sid, BY_DISTRICT).status_code == 200
        assert as_(closer, "researcher").close(sid).status_code == 204
        assert not folder(sid).exists()
        for side in (opener, closer):
            after = as_(side, "researcher").query(sid, BY_DISTRICT)
            assert after.status_code == 404 and "closed" in after.json()["error"]["message"], after.text
        with gw.services.store() as session:
            assert session.get(SandboxSessionRecord, sid).closed_at is not None


def test_the_open_session_limit_counts_the_sessions_of_every_process(here, there):
    gw, _ = here
    limit = SANDBOX_SETTINGS["sandbox_max_sessions"]
    opened: list[tuple[object, str]] = []
    try:
        side_of = [here, there]
        while len(opened) <= limit:
            side = side_of[len(opened) % 2]
            response = as_(side, "sandbox-test-analyst").open()
            if response.status_code != 201:
                break
            opened.append((side, response.json()["id"]))
        assert response.status_code == 429 and response.json()["error"]["code"] == "RATE_LIMITED"
        with gw.services.store() as session:
            live = session.scalar(sa.select(sa.func.count()).select_from(SandboxSessionRecord).where(
                SandboxSessionRecord.owner == "sandbox-test-analyst",
                SandboxSessionRecord.closed_at.is_(None)))
        assert live == limit
        assert {id(side) for side, _ in opened} == {id(here), id(there)}
    finally:
        for side, sid in opened:
            as_(side, "sandbox-test-analyst").close(sid)


def test_a_session_outlives_the_process_that_opened_it(here, tmp_path_factory):
    """A gateway stopped (a restart, or one worker of several) leaves its live sessions to the
    others; they are removed when they expire or are closed."""
    server = Server(here[0].settings, tmp_path_factory.mktemp("logs") / "stopped-gateway.log", here[0])
    try:
        opened = as_(server, "researcher").open()
        assert opened.status_code == 201, opened.text
        sid = opened.json()["id"]
        assert as_(server, "researcher").query(sid, BY_DISTRICT).status_code == 200
    finally:
        server.client.close()
        assert server.stop() in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in server.log.read_text()
    folder = Path(here[0].settings.sandbox_dir) / sid
    assert (folder / "data.duckdb").exists()
    answer = as_(here, "researcher").query(sid, BY_DISTRICT)
    assert answer.status_code == 200 and answer.json()["rows"], answer.text
    assert as_(here, "researcher").close(sid).status_code == 204
    assert not folder.exists()



def test_a_session_whose_database_this_process_cannot_open_is_not_found_saying_why(here, there):
    """A session opened in the other process whose database file was damaged since: this
    process, which has never served it, cannot open it; the owner gets NOT_FOUND saying so (a
    stranger the usual answer), it is audited, no query process is left running, and this
    process keeps serving."""
    gw, _ = here
    opened = as_(there, "researcher").open()
    assert opened.status_code == 201, opened.text
    sid = opened.json()["id"]
    try:
        assert as_(there, "researcher").query(sid, BY_DISTRICT).status_code == 200
        (Path(gw.settings.sandbox_dir) / sid / "data.duckdb").write_bytes(b"not a DuckDB database" * 1000)
        before, running = last_id(gw), query_processes()
        answer = as_(here, "researcher").query(sid, BY_DISTRICT)
        assert answer.status_code == 404, answer.text
        error = answer.json()["error"]
        assert error["code"] == "NOT_FOUND" and "database cannot be opened" in error["message"]
        assert "open a new session" in error["message"] and "rows" not in answer.json()
        stranger = as_(here, "sandbox-test-analyst").query(sid, BY_DISTRICT)
        assert stranger.status_code == 404 and "belongs to you" in stranger.json()["error"]["message"]
        assert query_processes() <= running
        [record] = audit_after(gw, before)
        assert (record.action, record.outcome, record.error_code) == ("SANDBOX_QUERY", "DENIED", "NOT_FOUND")
        fresh = as_(here, "researcher").open()
        assert fresh.status_code == 201, fresh.text
        assert as_(here, "researcher").query(fresh.json()["id"], BY_DISTRICT).status_code == 200
        assert as_(here, "researcher").close(fresh.json()["id"]).status_code == 204
    finally:
        assert as_(there, "researcher").close(sid).status_code == 204

def test_a_session_recorded_before_migration_0009_is_still_audited_with_its_purpose(here):
    """Records of sessions opened before the store kept owner departments and purpose: a
    process that did not open the session reads them from the catalog and the applications."""
    gw, _ = here
    opened = as_(here, "researcher").open()
    assert opened.status_code == 201, opened.text
    sid = opened.json()["id"]
    try:
        with gw.services.store() as session, session.begin():
            record = session.get(SandboxSessionRecord, sid)
            purpose = record.purpose
            record.owner_departments, record.purpose = None, None
        gw.services.sandbox._meta.clear()  # as in a process that did not open it
        before = last_id(gw)
        assert as_(here, "researcher").query(sid, BY_DISTRICT).status_code == 200
        [audited] = audit_after(gw, before)
        assert (audited.dataset, audited.purpose) == ("socialInsurance", purpose) and purpose
        with gw.services.store() as session:
            owner = gw.services.catalog(session).get("socialInsurance").owner_department
        assert gw.services.sandbox._meta[sid].owners == (owner,)
    finally:
        as_(here, "researcher").close(sid)
