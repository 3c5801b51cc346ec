"""Callers and grants are cached per process, yet every change to them is seen at once.

The gateway keeps callers and grants in memory and reads only the store's access generation
per request (gateway.access.generation). These tests change principals, roles and grants the
way an operator would, with plain SQL on the store behind the gateway's back, after the
gateway has served (and cached) the caller, and check that the very next request sees it.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.access.generation import create_statements, drop_statements
from gateway.web.app import Gateway, create_app
from gateway.clock import Clock
from gateway.store.models import Grant, Principal, Purpose, RoleAssignment
from tests.conftest import Api, codes

LOOKUP = 'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name } } }'


def grant_lookup(gateway, purpose: str, expires_in: dt.timedelta = dt.timedelta(days=30),
                 department: str = "weijian") -> int:
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        if session.get(Purpose, purpose) is None:
            session.add(Purpose(code=purpose, name=purpose))
            session.flush()
        grant = Grant(dataset_code="population", department_code=department, modes=["LOOKUP"],
                      fields=["name"], purpose=purpose, expires_at=now + expires_in, created_at=now)
        session.add(grant)
        session.flush()
        return grant.id


def revoke_with_plain_sql(gateway, grant_id: int) -> None:
    """Revoke a grant behind the gateway's back, as an operator with psql would."""
    with gateway.services.engine.begin() as conn:
        conn.execute(sa.update(Grant.__table__).where(Grant.__table__.c.id == grant_id)
                     .values(revoked_at=gateway.services.clock.now(), revoke_reason="psql"))


def test_a_grant_revoked_with_plain_sql_is_refused_on_the_next_request(api, gateway, people):
    grant_id = grant_lookup(gateway, "cache-revoke-sql")
    weijian = api("weijian-steward")
    query, key = LOOKUP % "cache-revoke-sql", {"k": people[1]["id_number"]}
    for _ in range(2):  # the second answer comes from the cached caller and grants
        assert weijian.query(query, key)["data"]["population"]["lookup"]["name"] == people[1]["name"]
    revoke_with_plain_sql(gateway, grant_id)
    body = weijian.query(query, key)
    assert codes(body) == ["GRANT_REVOKED"] and people[1]["name"] not in str(body)


def test_a_grant_deleted_with_plain_sql_disappears_from_the_schema_at_once(api, gateway, people):
    grant_id = grant_lookup(gateway, "cache-delete-sql", department="shichang")
    shichang = api("shichang-steward")
    query, key = LOOKUP % "cache-delete-sql", {"k": people[2]["id_number"]}
    assert shichang.query(query, key)["data"]["population"]["lookup"]["name"] == people[2]["name"]
    with gateway.services.engine.begin() as conn:
        conn.execute(sa.delete(Grant.__table__).where(Grant.__table__.c.id == grant_id))
    body = shichang.query(query, key)
    assert codes(body) == ["FORBIDDEN_DATASET"] and people[2]["name"] not in str(body)
    assert "population" not in str(shichang.query("{ __schema { queryType { fields { name } } } }"))


def test_a_principal_disabled_with_plain_sql_is_refused_on_the_next_request(api, gateway):
    table = Principal.__table__
    shichang = api("shichang-steward")
    assert shichang.query("{ me { principal } }")["data"]["me"]["principal"] == "shichang-steward"
    with gateway.services.engine.begin() as conn:
        conn.execute(sa.update(table).where(table.c.name == "shichang-steward").values(active=False))
    try:
        assert codes(shichang.query("{ me { principal } }")) == ["UNAUTHENTICATED"]
    finally:
        with gateway.services.engine.begin() as conn:
            conn.execute(sa.update(table).where(table.c.name == "shichang-steward").values(active=True))
    assert shichang.query("{ me { principal } }")["data"]["me"]["principal"] == "shichang-steward"


def test_a_role_removed_with_plain_sql_takes_the_role_away_at_once(api, gateway):
    roles = RoleAssignment.__table__
    auditor = api("auditor")
    assert "errors" not in auditor.query("{ auditLog(first: 1) { nodes { id } } }")
    with gateway.services.engine.begin() as conn:
        kept = [dict(r) for r in conn.execute(sa.select(roles).where(
            roles.c.principal_name == "auditor")).mappings()]
        conn.execute(sa.delete(roles).where(roles.c.principal_name == "auditor"))
    try:
        assert codes(auditor.query("{ auditLog(first: 1) { nodes { id } } }")) == ["FORBIDDEN"]
    finally:
        with gateway.services.engine.begin() as conn:
            conn.execute(sa.insert(roles), kept)
    assert "errors" not in auditor.query("{ auditLog(first: 1) { nodes { id } } }")


def test_a_cached_grant_still_expires_on_time(gateway, people):
    """The schema kept with a cached caller is used only until its first live grant expires."""
    grant_lookup(gateway, "cache-expiry", expires_in=dt.timedelta(hours=1))
    other = Gateway(gateway.settings)
    query, key = LOOKUP % "cache-expiry", {"k": people[3]["id_number"]}
    try:
        with TestClient(create_app(other.settings, other)) as client:
            weijian = Api(client, other, "weijian-steward")
            assert weijian.query(query, key)["data"]["population"]["lookup"]["name"] == people[3]["name"]
            other.services.clock = Clock(gateway.services.clock.now() + dt.timedelta(hours=2))  # time passes
            body = weijian.query(query, key)
            assert codes(body) == ["GRANT_EXPIRED"] and people[3]["name"] not in str(body)
    finally:
        other.close()


def test_without_the_triggers_the_gateway_reads_every_request_and_warns(gateway, people):
    with gateway.services.engine.begin() as conn:
        dialect = conn.dialect.name
        for statement in drop_statements(dialect):
            conn.exec_driver_sql(statement)
    try:
        other = Gateway(gateway.settings, run_migrations=False)
        try:
            assert not other.services.access_cached
            with TestClient(create_app(other.settings, other)) as client:
                ready = client.get("/readyz").json()
                assert any("access-generation triggers" in w for w in ready["warnings"])
                grant_id = grant_lookup(gateway, "cache-no-triggers")
                weijian = Api(client, other, "weijian-steward")
                query, key = LOOKUP % "cache-no-triggers", {"k": people[4]["id_number"]}
                assert weijian.query(query, key)["data"]["population"]["lookup"]
                revoke_with_plain_sql(gateway, grant_id)
                body = weijian.query(query, key)
                assert codes(body) == ["GRANT_REVOKED"] and people[4]["name"] not in str(body)
        finally:
            other.close()
    finally:
        with gateway.services.engine.begin() as conn:
            for statement in create_statements(dialect):
                conn.exec_driver_sql(statement)
    assert Gateway(gateway.settings, run_migrations=False).services.access_cached


def test_a_gateway_that_migrates_restores_triggers_something_removed(gateway, people):
    """A later batch migration on SQLite rebuilds its table without the triggers (or an
    operator drops them): a gateway that migrates at start re-creates them and moves the
    counter, so it caches again and still sees a revocation made with plain SQL."""
    from gateway.store.models import StoreState

    def counter() -> int:
        with gateway.services.store() as session:
            return session.get(StoreState, "access").value

    with gateway.services.engine.begin() as conn:
        dialect = conn.dialect.name
        for statement in drop_statements(dialect):
            conn.exec_driver_sql(statement)
    before = counter()
    restored = Gateway(gateway.settings)
    try:
        assert restored.services.access_cached and counter() == before + 1
        with gateway.services.engine.connect() as conn:
            from gateway.access.generation import triggers_present
            assert triggers_present(conn)
        with TestClient(create_app(restored.settings, restored)) as client:
            assert not any("access-generation" in w for w in client.get("/readyz").json()["warnings"])
            grant_id = grant_lookup(gateway, "cache-restored")
            weijian = Api(client, restored, "weijian-steward")
            query, key = LOOKUP % "cache-restored", {"k": people[5]["id_number"]}
            assert weijian.query(query, key)["data"]["population"]["lookup"]
            assert weijian.query(query, key)["data"]["population"]["lookup"]  # from the cache
            revoke_with_plain_sql(gateway, grant_id)
            body = weijian.query(query, key)
            assert codes(body) == ["GRANT_REVOKED"] and people[5]["name"] not in str(body)
    finally:
        restored.close()
    assert Gateway(gateway.settings, run_migrations=False).services.access_cached


def test_without_the_generation_row_nothing_is_taken_from_the_cache(api, gateway, people):
    """If the `access` row of store_state were deleted the triggers would move nothing; the
    gateway then reads callers and grants on every request rather than trust its cache."""
    grant_id = grant_lookup(gateway, "cache-no-row", department="shichang")
    shichang = api("shichang-steward")
    query, key = LOOKUP % "cache-no-row", {"k": people[5]["id_number"]}
    assert shichang.query(query, key)["data"]["population"]["lookup"]["name"] == people[5]["name"]
    state = sa.table("store_state", sa.column("key"), sa.column("value"))
    with gateway.services.engine.begin() as conn:
        kept = conn.execute(sa.select(state.c.value).where(state.c.key == "access")).scalar_one()
        conn.execute(sa.delete(state).where(state.c.key == "access"))
    try:
        assert shichang.query(query, key)["data"]["population"]["lookup"]["name"] == people[5]["name"]
        revoke_with_plain_sql(gateway, grant_id)
        body = shichang.query(query, key)
        assert codes(body) == ["GRANT_REVOKED"] and people[5]["name"] not in str(body)
    finally:
        with gateway.services.engine.begin() as conn:
            conn.execute(sa.insert(state).values(key="access", value=kept + 1))


def test_a_postgresql_store_that_dropped_its_connections_loses_no_request(demo_source_urls,
                                                                          tmp_path, people):
    """The generation read and the audit write use the driver's connections; when the store
    server drops them (a restart, a failover) the pool is renewed and the request retried."""
    from tests.conftest import make_settings, temp_database
    from gateway.demo.setup import ensure_demo_world

    with temp_database("postgresql") as url:
        gw = Gateway(make_settings(tmp_path, url))
        try:
            ensure_demo_world(gw.services, tmp_path, source_urls=demo_source_urls, populate=False)
            with TestClient(create_app(gw.settings, gw)) as client:
                minzheng = Api(client, gw, "minzheng-app")
                query = LOOKUP % "subsistence-allowance-review"
                for person in people[:3]:  # warm: pooled connections for both paths
                    assert minzheng.query(query, {"k": person["id_number"]})["data"]
                admin = sa.create_engine(url)
                with admin.connect() as conn:
                    killed = conn.execute(sa.text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
                admin.dispose()
                assert killed >= 2
                for person in people[3:8]:
                    body = minzheng.query(query, {"k": person["id_number"]})
                    assert "errors" not in body, body
                    assert body["data"]["population"]["lookup"]["name"] == person["name"]
            with gw.services.store() as session:
                from gateway.audit import verify_chain
                assert verify_chain(session).ok
        finally:
            gw.close()
