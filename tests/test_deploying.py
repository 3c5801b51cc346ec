"""The README's "Deploying for a city", command by command (issue 17).

Its shell block is read from README.md and run as written, with only the city's addresses
put in: the store is an empty PostgreSQL database of this test's, the source a PostgreSQL
database of its own (not the demo's) whose password comes from the environment variable the
README names, the identity provider a JWKS served from a thread here. `datagate serve` runs
as a process of its own; the app then asks for lookups, the steward approves, and the app
queries with an RS256 token signed by the served key, and again after the provider rotated
its key. The source's password appears nowhere: not in an answer, the server's log or the
store.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jwt
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric import rsa
from faker import Faker
from typer.testing import CliRunner

from gateway.cli import app as cli
from tests.served_world import free_port, wait_until_serving
from tests.conftest import temp_database
from tests.test_oidc import IdentityProvider

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Rs#reader-2026-泄露即失效"
PURPOSE = "subsistence-allowance-review"


def readme_block() -> list[str]:
    """The shell lines of the README's "Deploying for a city" block, continuations joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Deploying for a city", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    block = re.sub(r"\\\n\s*", " ", block)
    return [" ".join(line.split()) for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def source_url():
    """renshe's own database: a social insurance table of realistic people."""
    fake = Faker("zh_CN")
    fake.seed_instance(17)
    with temp_database("postgresql") as url:
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TABLE social_insurance (id_number varchar(18) PRIMARY KEY, "
                "name varchar(40) NOT NULL, insurance_type varchar(40), monthly_base numeric(10,2), "
                "district varchar(20), enrolled_on date)")
            rows, seen = [], set()
            while len(rows) < 300:
                number = fake.ssn(min_age=18, max_age=90)
                if number in seen:
                    continue
                seen.add(number)
                rows.append({"i": number, "n": fake.name(), "t": fake.random_element(
                    ["城镇职工基本养老保险", "城乡居民基本养老保险", "职工基本医疗保险", "失业保险"]),
                    "b": fake.random_int(2300, 32000), "d": fake.random_element(
                    ["禅城区", "南海区", "顺德区", "高明区", "三水区"]),
                    "e": fake.date_between(dt.date(1995, 1, 1), dt.date(2026, 6, 30))})
            conn.execute(sa.text("INSERT INTO social_insurance VALUES (:i, :n, :t, :b, :d, :e)"),
                         rows)
        engine.dispose()
        yield url, rows


def city_environment(exports: list[str], store: str, jwks_url: str, data_dir: Path) -> dict:
    """The README's exports, with this test's store and provider in place of the city's."""
    env = {}
    for line in exports:
        for assignment in shlex.split(line.removeprefix("export "), comments=True):
            name, _, value = assignment.partition("=")
            env[name] = value
    assert env["DATAGATE_DATABASE_URL"].startswith("postgresql+psycopg://")
    env["DATAGATE_DATABASE_URL"] = store
    env["DATAGATE_JWKS_URL"] = jwks_url
    env["DATAGATE_SOURCE_SECRET_RENSHE_DB"] = PASSWORD
    env["DATAGATE_DATA_DIR"] = str(data_dir)
    env["DATAGATE_JWKS_REFRESH_SECONDS"] = "1"
    return env


def token(key, kid: str, subject: str, issuer: str, audience: str) -> str:
    now = int(time.time())
    return jwt.encode({"sub": subject, "iss": issuer, "aud": audience, "iat": now,
                       "exp": now + 600}, key, algorithm="RS256", headers={"kid": kid})


def test_the_readme_deploys_a_city(source_url, tmp_path):
    url, rows = source_url
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]
    provider = IdentityProvider({"foshan-2026-1": keys[0]})
    lines = readme_block()
    exports = [line for line in lines if line.startswith("export ")]
    commands = [line for line in lines if line.startswith("datagate ")]
    assert len(exports) + len(commands) == len(lines), "the block holds only exports and datagate"
    assert commands[-1] == "datagate serve"
    with temp_database("postgresql") as store:
        env = city_environment(exports, store, provider.url, tmp_path)
        source = sa.engine.make_url(url)
        city_source = "postgresql+psycopg://reader@…/renshe"
        our_source = source.set(username="postgres", password=None).render_as_string()
        runner = CliRunner()
        for command in commands[:-1]:
            argv = shlex.split(command.replace(city_source, our_source))[1:]
            result = runner.invoke(cli, argv, env=env)
            assert result.exit_code == 0, f"{command}\n{result.output}"
            assert PASSWORD not in result.output

        port = free_port()
        log = tmp_path / "serve.log"
        datagate = Path(sys.executable).parent / "datagate"
        with log.open("w") as out:
            server = subprocess.Popen([str(datagate), "serve", "--port", str(port)],
                                      env={**os.environ, **env}, stdout=out,
                                      stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_serving(base, server, 60)
            except RuntimeError as exc:
                pytest.fail(f"datagate serve did not serve ({exc}):\n{log.read_text(encoding='utf-8')}")
            issuer, audience = env["DATAGATE_JWT_ISSUER"], env["DATAGATE_JWT_AUDIENCE"]

            def ask(subject, query, key=keys[0], kid="foshan-2026-1"):
                headers = {"Authorization": f"Bearer {token(key, kid, subject, issuer, audience)}"}
                return httpx.post(f"{base}/graphql", json={"query": query}, headers=headers,
                                  timeout=30)

            asked = ask("minzheng-dibao", """mutation { requestShare(input: {
                dataset: "socialInsurance", modes: [LOOKUP], fields: ["idNumber", "insuranceType",
                "district"], purpose: "%s", expiresOn: "2030-12-31"}) { id status } }""" % PURPOSE)
            request = asked.json()["data"]["requestShare"]
            assert request["status"] == "PENDING", asked.text
            approved = ask("renshe.steward", "mutation { approveShareRequest(id: %s) { status } }"
                           % request["id"])
            assert approved.json()["data"]["approveShareRequest"]["status"] == "APPROVED"

            person = rows[123]
            lookup = ('{ socialInsurance(purpose: "%s") { lookup(key: "%s") '
                      '{ insuranceType district } } }' % (PURPOSE, person["i"]))
            first = ask("minzheng-dibao", lookup).json()
            assert first["data"]["socialInsurance"]["lookup"] == {
                "insuranceType": person["t"], "district": person["d"]}

            provider.keys = {"foshan-2026-2": keys[1]}  # the provider rotates its signing key
            time.sleep(1.1)  # DATAGATE_JWKS_REFRESH_SECONDS=1 above
            second = ask("minzheng-dibao", lookup, key=keys[1], kid="foshan-2026-2").json()
            assert second["data"]["socialInsurance"]["lookup"]["district"] == person["d"]
            forged = ask("minzheng-dibao", lookup, key=keys[2], kid="foshan-2026-2")
            assert forged.status_code == 401
            assert forged.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
            ready = httpx.get(f"{base}/readyz", timeout=30).json()
            assert ready["sources"] == {"renshe-db": "ok"}, ready
        finally:
            server.terminate()
            server.wait(timeout=30)
            provider.close()
        served = log.read_text(encoding="utf-8")
        assert PASSWORD not in served
        assert PASSWORD not in _store_text(store)


def _store_text(store: str) -> str:
    """Every value of every table of the store, as text."""
    engine = sa.create_engine(store)
    try:
        parts = []
        with engine.connect() as conn:
            for table in sa.inspect(conn).get_table_names():
                for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                    parts.extend(str(v) for v in row)
        return "\n".join(parts)
    finally:
        engine.dispose()


def test_the_deploying_page_shows_the_readme_commands():
    """docs/deploying.md explains each command of the README's block, as written there."""
    page = " ".join((ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
                    .replace("\\\n", " ").split())
    missing = [c for c in readme_block() if c.startswith("datagate ") and c != "datagate serve"
               and c not in page]
    assert missing == []
