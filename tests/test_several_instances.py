"""Two gateway instances behind a real load balancer (issue 21, "Several hosts").

Two `uvicorn` processes over ONE PostgreSQL store, each with its own sandbox folder (as two
hosts would have), their compare rate limits in the local Redis server, and HAProxy from
Debian in front running deploy/haproxy.cfg itself (addresses from the environment). Through
the balancer: a sandbox session answers right on every query although other requests go
round-robin, a rate limit holds at its value across both instances rather than twice it, a
principal's cap on open sandbox sessions holds across both, and a principal deactivated
through one instance is refused at once by both.
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import os
import re
import secrets
import shutil
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from gateway.settings import Settings, SettingsError
from gateway.web.app import Gateway
from tests.conftest import codes, temp_database
from tests.served_world import (HASH_SECRET, JWT_SECRET, build_world, free_port, served,
                                source_records)

ROOT = Path(__file__).resolve().parent.parent
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
REDIS = "redis://127.0.0.1:6379/13"
INSTANCES = ("gw1", "gw2")
ALLOWED = 6  # compares a minute... of this run's own window (see rate below)
PURPOSE = "subsistence-allowance-review"
COMPARE = ('query($k: String!, $v: PopulationCompareInput!) { population(purpose: "%s") '
           '{ compare(key: $k, values: $v) { name } } }' % PURPOSE)
BY_DISTRICT = ("SELECT district, count(*) AS n FROM socialInsurance "
               "GROUP BY district ORDER BY district")
ME = "{ me { principal } }"


def _redis():
    redis = pytest.importorskip("redis")  # limits[redis], a dependency of the gateway
    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"no Redis server at {REDIS} ({exc}); start it as docs/testing.md says")
    return client


def _haproxy(bind: str, gateways: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, "DATAGATE_LB_BIND": bind,
           **{f"DATAGATE_{name.upper()}": base.removeprefix("http://")
              for name, base in gateways.items()}}
    return subprocess.Popen(["haproxy", "-db", "-f", str(HAPROXY_CFG)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_both(base: str, process: subprocess.Popen) -> None:
    """Until the balancer has sent /healthz to each instance (its health checks passed)."""
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while seen != set(INSTANCES):
        if process.poll() is not None:
            raise RuntimeError(f"haproxy exited: {process.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the balancer reached only {sorted(seen)} within 30 s")
        try:
            answer = httpx.get(base + "/healthz", timeout=5)
            if answer.status_code == 200:
                seen.add(answer.headers["x-datagate-instance"])
        except httpx.HTTPError:
            pass
        time.sleep(0.05)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if shutil.which("haproxy") is None:
        pytest.skip("no haproxy binary (Debian: apt-get install -y haproxy; .ci/run does)")
    redis = _redis()
    seconds = 600 + secrets.randbelow(3000)  # this run's own window, so its own Redis keys
    rate = f"{ALLOWED} per {seconds} seconds"
    with ExitStack() as stack:
        store_url = stack.enter_context(temp_database("postgresql"))
        source_url = stack.enter_context(temp_database("postgresql"))
        data_dir = tmp_path_factory.mktemp("several")
        build_world(store_url, source_url, data_dir, people=600)
        gateways = {}
        for name in INSTANCES:  # each its own sandbox folder, as on its own host
            gateways[name] = stack.enter_context(served(
                store_url, data_dir, instance_name=name, sandbox_dir=data_dir / f"sandbox-{name}",
                rate_limit_storage=REDIS, compare_rate_limit=rate))
        lb = f"127.0.0.1:{free_port()}"
        balancer = _haproxy(lb, gateways)
        stack.callback(balancer.wait, 10)
        stack.callback(balancer.terminate)
        _wait_for_both(f"http://{lb}", balancer)
        try:
            yield {"lb": f"http://{lb}", "gateways": gateways, "tokens": _tokens(store_url, data_dir),
                   "source_url": source_url, "store_url": store_url}
        finally:
            keys = list(redis.scan_iter(f"*/{ALLOWED}/{seconds}/second*"))
            if keys:
                redis.delete(*keys)
            redis.close()


def _tokens(store_url: str, data_dir: Path) -> dict[str, str]:
    gateway = Gateway(Settings(data_dir=data_dir, database_url=store_url, dev_mode=True,
                               jwt_secret=JWT_SECRET, hash_secret=HASH_SECRET))
    try:
        now = gateway.services.clock.now()
        return {name: gateway.services.tokens.issue(name, now)
                for name in ("minzheng-app", "renshe-app", "researcher", "security-admin")}
    finally:
        gateway.close()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def graphql(base: str, token: str, query: str, variables: dict | None = None) -> httpx.Response:
    return httpx.post(base + "/graphql", headers=_auth(token), timeout=60,
                      json={"query": query, "variables": variables or {}})


def test_a_sandbox_session_answers_through_the_balancer_every_time(cluster):
    lb, token = cluster["lb"], cluster["tokens"]["researcher"]
    engine = sa.create_engine(cluster["source_url"])
    try:
        with engine.connect() as conn:
            truth = [[d, n] for d, n in conn.execute(sa.text(
                "SELECT district, count(*) FROM social_insurance GROUP BY district ORDER BY district"))]
    finally:
        engine.dispose()
    with httpx.Client(base_url=lb, headers=_auth(token), timeout=120) as client:
        opened = client.post("/sandbox/sessions", json={"datasets": ["socialInsurance"]})
        assert opened.status_code == 201, opened.text
        session = opened.json()["id"]
        holder = session.split("-", 1)[0]
        assert holder in INSTANCES and opened.headers["x-datagate-instance"] == holder
        other = next(name for name in INSTANCES if name != holder)
        try:
            plain = [client.get("/healthz").headers["x-datagate-instance"] for _ in range(4)]
            assert set(plain) == set(INSTANCES), plain  # round-robin, for other requests
            served_by = []
            for _ in range(8):  # back to back: round-robin alone would send half elsewhere
                answer = client.post(f"/sandbox/sessions/{session}/query", json={"sql": BY_DISTRICT})
                assert answer.status_code == 200, answer.text
                assert answer.json()["rows"] == truth
                served_by.append(answer.headers["x-datagate-instance"])
            assert served_by == [holder] * 8
            # the instance that does not hold it says so, with a code, never a wrong answer
            direct = httpx.post(f"{cluster['gateways'][other]}/sandbox/sessions/{session}/query",
                                headers=_auth(token), json={"sql": BY_DISTRICT}, timeout=60)
            assert direct.status_code == 421, direct.text
            assert direct.json()["error"]["code"] == "SESSION_ELSEWHERE"
            assert direct.json()["error"]["instance"] == holder
            body = graphql(cluster["gateways"][other], token,
                           'query($s: ID!) { sandboxSession(id: $s) { id } }', {"s": session}).json()
            assert codes(body) == ["SESSION_ELSEWHERE"], body
        finally:
            closed = client.delete(f"/sandbox/sessions/{session}")
            assert closed.status_code == 204, closed.text


def test_a_rate_limit_holds_across_both_instances(cluster):
    lb, token = cluster["lb"], cluster["tokens"]["minzheng-app"]
    people = list(source_records(cluster["source_url"], ALLOWED + 4).items())
    answers, by = [], []
    with httpx.Client(base_url=lb, headers=_auth(token), timeout=60) as client:
        for key, person in people:
            response = client.post("/graphql", json={"query": COMPARE, "variables": {
                "k": key, "v": {"name": person["name"]}}})
            answers.append(codes(response.json()))
            by.append(response.headers["x-datagate-instance"])
    assert by.count("gw1") >= ALLOWED // 2 - 1 and by.count("gw2") >= ALLOWED // 2 - 1, by
    # one window in Redis: refused after ALLOWED, whichever instance (memory:// would allow 2x)
    assert answers == [[]] * ALLOWED + [["RATE_LIMITED"]] * 4, (answers, by)


def test_the_cap_on_open_sandbox_sessions_holds_across_both_instances(cluster):
    """Eight opens at once, four straight to each instance: at most DATAGATE_SANDBOX_MAX_SESSIONS
    (3) open, whichever host (each counting only its own openings would let up to 6 through)."""
    token, cap = cluster["tokens"]["researcher"], Settings().sandbox_max_sessions
    targets = [cluster["gateways"][INSTANCES[i % 2]] for i in range(8)]

    def open_one(base: str) -> httpx.Response:
        return httpx.post(base + "/sandbox/sessions", json={"datasets": ["socialInsurance"]},
                          headers=_auth(token), timeout=120)

    with cf.ThreadPoolExecutor(len(targets)) as pool:
        answers = list(pool.map(open_one, targets))
    opened = [a.json()["id"] for a in answers if a.status_code == 201]
    try:
        assert sorted({a.status_code for a in answers}) == [201, 429], [a.text for a in answers]
        assert 1 <= len(opened) <= cap, [a.text for a in answers]
        assert all(a.json()["error"]["code"] == "RATE_LIMITED" for a in answers if a.status_code == 429)
        engine = sa.create_engine(cluster["store_url"])
        try:
            with engine.connect() as conn:
                live = conn.scalar(sa.text("SELECT count(*) FROM sandbox_sessions WHERE owner = "
                                           "'researcher' AND closed_at IS NULL"))
                openings = conn.scalar(sa.text("SELECT count(*) FROM sandbox_openings"))
        finally:
            engine.dispose()
        assert live == len(opened) and openings == 0
    finally:
        for session in opened:
            holder = cluster["gateways"][session.split("-", 1)[0]]
            closed = httpx.delete(f"{holder}/sandbox/sessions/{session}", headers=_auth(token), timeout=60)
            assert closed.status_code == 204, closed.text


def test_a_deactivated_principal_is_refused_by_both_instances_at_once(cluster):
    gateways, tokens, lb = cluster["gateways"], cluster["tokens"], cluster["lb"]
    for base in (*gateways.values(), lb, lb):  # each instance has the caller cached
        answer = graphql(base, tokens["renshe-app"], ME).json()
        assert answer.get("data", {}).get("me", {}).get("principal") == "renshe-app", answer
    done = graphql(gateways["gw1"], tokens["security-admin"],
                   'mutation { setPrincipalActive(name: "renshe-app", active: false, '
                   'reason: "left the platform") { name active } }').json()
    assert not done.get("errors"), done
    for base in (gateways["gw2"], gateways["gw1"], lb, lb):  # the next request, everywhere
        answer = graphql(base, tokens["renshe-app"], ME)
        assert codes(answer.json()) == ["UNAUTHENTICATED"], (base, answer.text)


# --- the deployment files: Docker is not needed to check that they agree ------------------

def _compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _substituted(value: str) -> str:
    """A compose value with its ${VAR:?…} / ${VAR:-default} references filled in."""
    return re.sub(r"\$\{(\w+)(?::[-?]([^}]*))?\}",
                  lambda m: "x" * 40 if ":?" in m.group(0) else (m.group(2) or ""), value)


def test_compose_and_the_balancer_name_the_same_instances_ports_and_checks():
    compose, cfg = _compose(), HAPROXY_CFG.read_text(encoding="utf-8")
    services = compose["services"]
    assert set(services) == {*INSTANCES, "lb", "postgres", "redis"}
    lb_env = services["lb"]["environment"]
    servers = dict(re.findall(r'^\s*server (\w+) "\$\{(\w+)\}" check', cfg, re.M))
    assert set(servers) == set(INSTANCES), servers
    for name in INSTANCES:
        env = {k: _substituted(str(v)) for k, v in services[name]["environment"].items()}
        assert env["DATAGATE_INSTANCE_NAME"] == name
        # the balancer reaches it at its service name and port, and routes its sessions to it
        assert lb_env[servers[name]] == f"{name}:{env['DATAGATE_PORT']}"
        assert f"use-server {name} if {{ path_beg /sandbox/sessions/{name}- }}" in cfg
        assert services["lb"]["depends_on"][name] == {"condition": "service_healthy"}
        assert services[name]["depends_on"] == {"postgres": {"condition": "service_healthy"},
                                                "redis": {"condition": "service_healthy"}}
        assert "@postgres:5432/" in env["DATAGATE_DATABASE_URL"]
        assert env["DATAGATE_RATE_LIMIT_STORAGE"].startswith("redis://redis:6379")
        settings = Settings.from_env(env)  # every variable is one the gateway reads, and valid
        assert settings.instance_name == name and settings.port == int(env["DATAGATE_PORT"])
        unknown = {k for k in env if k.removeprefix("DATAGATE_").lower()
                   not in {f.name for f in dataclasses.fields(Settings)}}
        assert not unknown, unknown
    for backing in ("postgres", "redis"):
        assert services[backing]["healthcheck"]["test"][0] == "CMD"
    bind_port = lb_env["DATAGATE_LB_BIND"].rsplit(":", 1)[1]
    assert services["lb"]["ports"] == [f"{bind_port}:{bind_port}"]
    # the balancer and the image check the same path
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "option httpchk GET /healthz" in cfg and "/healthz" in dockerfile.split("HEALTHCHECK", 1)[1]
    if shutil.which("haproxy"):  # the file as the lb service runs it
        checked = subprocess.run(["haproxy", "-c", "-f", str(HAPROXY_CFG)], capture_output=True,
                                 text=True, env={**os.environ, **lb_env})
        assert checked.returncode == 0, checked.stderr


def test_the_image_is_slim_not_root_and_holds_every_package():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert stages and set(stages) == {"${BASE}"}
    # the official slim image unless the builder names another; where pip finds packages is
    # the builder's to say, never a default of this file (deploy/check_image.sh builds it)
    assert re.search(r"^ARG BASE=python:3\.11-slim$", dockerfile, re.M)
    assert re.findall(r"^ARG PIP_\w+$", dockerfile, re.M)
    assert not re.search(r"^ARG PIP_\w+=", dockerfile, re.M)
    final = dockerfile.rsplit("\nFROM ", 1)[1]
    users = re.findall(r"^USER (\S+)", final, re.M)
    assert users and users[-1] not in ("root", "0")
    assert not re.search(r"apt-get|gcc|build-essential", final)  # nothing to build with
    assert re.search(r"^HEALTHCHECK ", final, re.M)
    # every package pyproject installs is copied in, and let through .dockerignore
    packages = re.search(r'include = \[([^\]]*)\]', (ROOT / "pyproject.toml").read_text()).group(1)
    ignore = (ROOT / ".dockerignore").read_text().split()
    for package in re.findall(r'"(\w+)\*"', packages):
        assert f"COPY {package} {package}" in dockerfile and f"!{package}/" in ignore, package


def test_an_instance_name_that_could_not_begin_a_routed_session_id_is_refused():
    for bad in ("GW1", "gw-1", "gw_1", "gw1.example", "x" * 17):
        with pytest.raises(SettingsError, match="DATAGATE_INSTANCE_NAME"):
            Settings.from_env({"DATAGATE_INSTANCE_NAME": bad})
    assert Settings.from_env({"DATAGATE_INSTANCE_NAME": "gw12"}).instance_name == "gw12"
