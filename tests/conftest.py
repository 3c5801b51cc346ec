"""Shared fixtures: a demo world served over HTTP, on a SQLite and on a PostgreSQL store.

The servers are the ones every developer's and CI's machine runs (DEVELOPERS.md):
PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and MariaDB on 127.0.0.1:3306 (root).
Each test session makes its own databases and drops them afterwards. A test that needs a
server skips, saying so, only where that server cannot be reached.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
import warnings

import pytest
import sqlalchemy as sa

warnings.filterwarnings("ignore", message=".*httpx2.*")

from starlette.testclient import TestClient  # noqa: E402

from gateway.web.app import Gateway, create_app  # noqa: E402
from gateway.demo.setup import SOURCES, ensure_demo_world, fill_sources  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.store.models import AuditRecord  # noqa: E402

PG_ADMIN = os.environ.get("DATAGATE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MARIADB_ADMIN = os.environ.get("DATAGATE_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/")
FROZEN_AT = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PEOPLE = 800
PURPOSE = "subsistence-allowance-review"
HASH_SECRET = "test-hash-secret-not-for-production-0123456789"


@contextlib.contextmanager
def temp_database(kind: str):
    """A fresh database on the local PostgreSQL or MariaDB server, dropped afterwards."""
    admin_url = PG_ADMIN if kind == "postgresql" else MARIADB_ADMIN
    name = f"datagate_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}" + (
                " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" if kind == "mariadb" else ""))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"no {kind} server reachable at {admin_url} ({exc.orig}); "
                    "start it as DEVELOPERS.md says")
    url = sa.engine.make_url(admin_url).set(database=name)
    if kind == "mariadb":
        url = url.update_query_dict({"charset": "utf8mb4"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        admin.dispose()


@pytest.fixture(scope="session")
def demo_source_urls(tmp_path_factory) -> dict[str, str]:
    """The demo world's source tables, generated once as SQLite files."""
    folder = tmp_path_factory.mktemp("sources")
    urls = {code: f"sqlite:///{folder / filename}" for code, (_, filename, _) in SOURCES.items()}
    fill_sources(urls, PEOPLE)
    return urls


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def store_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'datagate.sqlite'}"
    else:
        with temp_database("postgresql") as url:
            yield url


def make_settings(data_dir, store_url, **overrides) -> Settings:
    # a fixed hash secret: keyed pseudonyms and the stats' cell key noise come out the same on
    # every run, as the fuzzers' examples do
    overrides.setdefault("hash_secret", HASH_SECRET)
    return Settings(data_dir=data_dir, database_url=store_url, dev_mode=True,
                    jwt_secret="test-secret-not-for-production-use-0123456789", clock=FROZEN_AT, **overrides)


@pytest.fixture(scope="session")
def gateway(store_url, demo_source_urls, tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("data"), store_url)
    gw = Gateway(settings)
    ensure_demo_world(gw.services, settings.data_dir,
                      source_urls=demo_source_urls, populate=False)
    yield gw
    gw.close()


@pytest.fixture(scope="session")
def client(gateway):
    with TestClient(create_app(gateway.settings, gateway)) as test_client:
        yield test_client


class Api:
    """GraphQL over HTTP as one principal (None: anonymous)."""

    def __init__(self, client: TestClient, gateway: Gateway, principal: str | None):
        self.client = client
        self.headers = {"Accept": "application/graphql-response+json"}
        if principal:
            token = gateway.services.tokens.issue(principal, gateway.services.clock.now())
            self.headers["Authorization"] = f"Bearer {token}"

    def post(self, query: str, variables: dict | None = None):
        return self.client.post("/graphql", json={"query": query, "variables": variables},
                                headers=self.headers)

    def query(self, query: str, variables: dict | None = None) -> dict:
        response = self.post(query, variables)
        assert response.headers["content-type"].startswith("application/graphql-response+json")
        return response.json()


def codes(body: dict) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


@pytest.fixture
def api(client, gateway):
    return lambda principal=None: Api(client, gateway, principal)


@pytest.fixture(scope="session")
def people(demo_source_urls) -> list[dict]:
    """Rows of the population source, read directly, to know what the gateway should answer."""
    engine = sa.create_engine(demo_source_urls["gongan-db"])
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.text(
            "SELECT id_number, name, gender, birth_date, ethnicity, phone, address, district "
            "FROM population ORDER BY id_number")).mappings()]
    engine.dispose()
    return rows


def newest_audit_id(gateway: Gateway) -> int:
    """The id of the newest audit record (0 if there is none)."""
    with gateway.services.store() as session:
        return session.scalar(sa.select(sa.func.max(AuditRecord.id))) or 0


def audited_since(gateway: Gateway, before: int) -> list[AuditRecord]:
    """The audit records after the one with id `before`, oldest first."""
    with gateway.services.store() as session:
        return list(session.scalars(sa.select(AuditRecord).where(AuditRecord.id > before)
                                    .order_by(AuditRecord.id)))
