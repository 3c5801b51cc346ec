"""Who looked me up: audit records of lookups and compares carry a keyed digest of the key,
so that an auditor finds who accessed a citizen (`auditLog(subject:)`) and the citizen sees
who accessed their own record (`myAccessLog`), refusals included; the chain still verifies
with records from before the digest existed (migration 0013)."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json

import pytest
import sqlalchemy as sa
from alembic import command
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gateway.audit import GENESIS, verify_chain
from gateway.demo.setup import ensure_demo_world
from gateway.identifiers import is_valid_id_number
from gateway.store.db import make_engine
from gateway.store.models import AuditRecord, Principal, RoleAssignment
from gateway.web.app import Gateway, create_app
from tests.conftest import PURPOSE, Api, codes, make_settings, newest_audit_id, temp_database

MINE = """query($after: String) { myAccessLog(first: 50, after: $after) {
  nodes { at principal department departmentName dataset mode fields purpose outcome errorCode }
  pageInfo { hasNextPage endCursor } } }"""
LOOKUP = """query($k: String!, $p: String!) { population(purpose: $p) {
  lookup(key: $k) { name district } } }"""
COMPARE = """query($k: String!) { population(purpose: "%s") {
  compare(key: $k, values: {name: "某某"}) { name } } }""" % PURPOSE
BY_SUBJECT = """query($s: String) { auditLog(first: 100, subject: $s) {
  nodes { principal mode outcome errorCode detail subjectDigest } } }"""


def citizen_id_number(gateway) -> str:
    with gateway.services.store() as session:
        return session.scalar(sa.select(Principal.id_number).where(Principal.name == "citizen-demo"))


def written_otherwise(id_number: str) -> str:
    """The same ID as a person might type it: full-width digits, spaces, a lower-case x."""
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c.lower() for c in id_number)
    return f" {wide[:6]} {wide[6:14]} {wide[14:]} "


def my_log(api, principal: str = "citizen-demo") -> list[dict]:
    nodes, after = [], None
    while True:
        body = api(principal).query(MINE, {"after": after})
        assert "errors" not in body, body
        page = body["data"]["myAccessLog"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


def test_a_citizen_sees_who_looked_them_up_refusals_included_and_nobody_else(
        api, gateway, people):
    mine = citizen_id_number(gateway)
    assert is_valid_id_number(mine)
    other = next(p["id_number"] for p in people if p["id_number"] != mine)
    seen_before = len(my_log(api))
    app = api("minzheng-app")
    assert "errors" not in app.query(LOOKUP, {"k": written_otherwise(mine), "p": PURPOSE})
    assert "errors" not in app.query(COMPARE, {"k": mine})
    assert codes(app.query(LOOKUP, {"k": mine, "p": "marketing"})) == ["PURPOSE_MISMATCH"]
    # someone else's record, and a key that fails its check digit, are not the citizen's
    assert "errors" not in app.query(LOOKUP, {"k": other, "p": PURPOSE})
    broken = mine[:17] + ("0" if mine[17] != "0" else "1")
    assert codes(app.query(LOOKUP, {"k": broken, "p": PURPOSE})) == ["INVALID_ID_NUMBER"]

    seen = my_log(api)
    assert len(seen) == seen_before + 3
    newest = seen[:3]  # newest first
    assert [(n["mode"], n["outcome"], n["errorCode"], n["purpose"]) for n in newest] == [
        ("LOOKUP", "DENIED", "PURPOSE_MISMATCH", "marketing"),
        ("COMPARE", "ALLOWED", None, PURPOSE),
        ("LOOKUP", "ALLOWED", None, PURPOSE)]
    for node in newest:
        assert (node["principal"], node["department"], node["dataset"]) == \
            ("minzheng-app", "minzheng", "population")
        assert node["departmentName"] and node["departmentName"] != "minzheng"
    assert newest[2]["fields"] == ["district", "name"]
    # nothing in the citizen's view is another's: every record of theirs names their digest
    with gateway.services.store() as session:
        digests = set(session.scalars(sa.select(AuditRecord.subject_digest).where(
            AuditRecord.mode.in_(["LOOKUP", "COMPARE"]), AuditRecord.principal == "minzheng-app",
            AuditRecord.subject_digest.is_not(None))))
    assert len(digests) >= 2  # the citizen's and the other person's


def test_the_key_is_never_stored_only_its_digest(api, gateway):
    mine = citizen_id_number(gateway)
    before = newest_audit_id(gateway)
    api("minzheng-app").query(LOOKUP, {"k": mine, "p": PURPOSE})
    api("minzheng-app").query(LOOKUP, {"k": written_otherwise(mine), "p": "marketing"})
    api("auditor").query(BY_SUBJECT, {"s": mine})
    with gateway.services.store() as session:
        rows = session.scalars(sa.select(AuditRecord).where(AuditRecord.id > before)).all()
    assert len(rows) == 3
    assert len({r.subject_digest for r in rows}) == 1 and len(rows[0].subject_digest) == 64
    for row in rows:
        text = " ".join(str(getattr(row, c.key)) for c in AuditRecord.__table__.columns)
        assert mine not in text and mine[:-1] not in text and mine[6:14] + mine[14:] not in text


def test_an_auditor_finds_who_accessed_a_citizen_by_the_plain_key(api, gateway, people):
    mine = citizen_id_number(gateway)
    other = next(p["id_number"] for p in people if p["id_number"] != mine)
    api("gongan-steward").query(LOOKUP, {"k": mine, "p": "household-register-check"})
    api("minzheng-app").query(LOOKUP, {"k": other, "p": PURPOSE})
    body = api("auditor").query(BY_SUBJECT, {"s": written_otherwise(mine)})
    assert "errors" not in body, body
    nodes = body["data"]["auditLog"]["nodes"]
    accesses = [n for n in nodes if n["mode"] in ("LOOKUP", "COMPARE")]
    assert accesses and {n["subjectDigest"] for n in nodes} == {nodes[0]["subjectDigest"]}
    assert "gongan-steward" in {n["principal"] for n in accesses}
    unfiltered = api("auditor").query(BY_SUBJECT, {"s": None})["data"]["auditLog"]["nodes"]
    assert len({n["subjectDigest"] for n in unfiltered if n["subjectDigest"]}) >= 2
    # the auditor's own search is audited, naming the subject by its digest only
    with gateway.services.store() as session:
        read = session.scalars(sa.select(AuditRecord).order_by(AuditRecord.id.desc()).limit(2)).all()
    search = next(r for r in read if r.detail.startswith("principal=* dataset=* subject="))
    assert search.mode == "AUDIT_READ" and search.subject_digest == nodes[0]["subjectDigest"]
    assert mine not in search.detail
    # only the auditor may search
    assert codes(api("minzheng-app").query(BY_SUBJECT, {"s": mine})) == ["FORBIDDEN"]


def test_only_a_citizen_reads_an_access_log_and_only_their_own(api, gateway, people):
    for principal in ("minzheng-app", "auditor", "shuju-admin"):
        before = newest_audit_id(gateway)
        assert codes(api(principal).query(MINE)) == ["FORBIDDEN"]
        with gateway.services.store() as session:
            refused = session.scalars(sa.select(AuditRecord).where(AuditRecord.id > before)).all()
        assert [(r.principal, r.error_code, r.mode) for r in refused] == [
            (principal, "FORBIDDEN", "ACCESS_LOG_READ")]
    assert codes(api(None).query(MINE)) in (["FORBIDDEN"], ["UNAUTHENTICATED"])
    # the log takes no key: a citizen cannot name someone else's record
    mine = citizen_id_number(gateway)
    other = next(p["id_number"] for p in people if p["id_number"] != mine)
    asked = api("citizen-demo").query('{ myAccessLog(key: "%s") { nodes { at } } }' % other)
    assert codes(asked) == ["BAD_INPUT"]
    # a second citizen sees the accesses of their record, none of the demo citizen's
    with gateway.services.store() as session, session.begin():
        if session.get(Principal, "citizen-two") is None:
            person = Principal(name="citizen-two", display_name="市民二", kind="CITIZEN",
                               id_number=other)
            person.roles = [RoleAssignment(role="citizen", assigned_by="test",
                                           assigned_at=gateway.services.clock.now())]
            session.add(person)
    before = len(my_log(api, "citizen-two"))
    api("minzheng-app").query(LOOKUP, {"k": mine, "p": PURPOSE})
    assert len(my_log(api, "citizen-two")) == before
    api("minzheng-app").query(LOOKUP, {"k": other, "p": PURPOSE})
    theirs = my_log(api, "citizen-two")
    assert len(theirs) == before + 1 and theirs[0]["principal"] == "minzheng-app"


def test_my_access_log_pages_newest_first(api, gateway):
    mine = citizen_id_number(gateway)
    for _ in range(3):
        api("minzheng-app").query(LOOKUP, {"k": mine, "p": PURPOSE})
    first = api("citizen-demo").query("{ myAccessLog(first: 2) { nodes { mode } pageInfo { "
                                      "hasNextPage endCursor } } }")["data"]["myAccessLog"]
    assert len(first["nodes"]) == 2 and first["pageInfo"]["hasNextPage"]
    rest = my_log(api)
    paged = first["nodes"] + api("citizen-demo").query(
        "query($a: String) { myAccessLog(first: 1000, after: $a) { nodes { mode } } }",
        {"a": first["pageInfo"]["endCursor"]})["data"]["myAccessLog"]["nodes"]
    assert [n["mode"] for n in paged] == [n["mode"] for n in rest]


def test_the_demo_citizen_finds_the_seeded_lookups_and_another_citizen_does_not(
        tmp_path, demo_source_urls, people):
    """A new demo world (as `datagate serve --demo` makes it) already holds accesses of the
    demo citizen, made through the lookup and compare use cases: genuine, in the chain."""
    settings = make_settings(tmp_path / "data", f"sqlite:///{tmp_path / 'store.sqlite'}")
    world = Gateway(settings)
    try:
        ensure_demo_world(world.services, settings.data_dir, source_urls=demo_source_urls,
                          populate=False)
        mine = citizen_id_number(world)
        other = next(p["id_number"] for p in people if p["id_number"] != mine)
        with world.services.store() as session, session.begin():
            person = Principal(name="citizen-unseen", display_name="市民三", kind="CITIZEN",
                               id_number=other)
            person.roles = [RoleAssignment(role="citizen", assigned_by="test",
                                           assigned_at=world.services.clock.now())]
            session.add(person)
        with TestClient(create_app(settings, world)) as client:
            api = lambda principal: Api(client, world, principal)  # noqa: E731
            seen = my_log(api)
            assert [(n["principal"], n["departmentName"], n["mode"], n["outcome"], n["purpose"],
                     n["fields"]) for n in seen] == [
                ("minzheng-app", "市民政局", "COMPARE", "ALLOWED", "subsistence-allowance-review",
                 ["name"]),
                ("minzheng-app", "市民政局", "LOOKUP", "ALLOWED", "subsistence-allowance-review",
                 ["district", "name"])]
            assert my_log(api, "citizen-unseen") == []
        with world.services.store() as session:
            assert verify_chain(session).ok
            seeded = session.scalars(sa.select(AuditRecord).where(
                AuditRecord.mode.in_(["LOOKUP", "COMPARE"]))).all()
        assert len(seeded) == 2 and all(mine not in r.detail for r in seeded)
    finally:
        world.close()


def hash_as_0012_did(prev_hash: str, at: dt.datetime, content: dict) -> str:
    """A record's hash as the gateway computed it before records had a subject digest."""
    body = {**content, "fields": sorted(content["fields"]),
            "at": at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(prev_hash.encode() + text.encode()).hexdigest()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_records_from_before_the_digest_and_after_it_verify_as_one_chain(
        kind, tmp_path, demo_source_urls, people, monkeypatch):
    """A store at 0012 holding records hashed as that version hashed them is upgraded; new
    records carry the digest in their hash; `datagate audit verify` accepts the whole chain,
    and finds a digest added to an old record or changed on a new one."""
    from gateway.cli import app
    from gateway.store.db import alembic_config

    with contextlib.ExitStack() as stack:
        url = (f"sqlite:///{tmp_path / 'store.sqlite'}" if kind == "sqlite"
               else stack.enter_context(temp_database("postgresql")))
        engine = make_engine(url)
        stack.callback(engine.dispose)
        command.upgrade(alembic_config(engine), "0012")
        old_columns = {c["name"] for c in sa.inspect(engine).get_columns("audit_records")}
        assert "subject_digest" not in old_columns
        table = sa.table("audit_records", *(sa.column(c.name, c.type) for c in
                                            AuditRecord.__table__.columns if c.name in old_columns))
        prev, old = GENESIS, []
        for i in range(3):
            content = dict(principal="minzheng-app", department="minzheng", outcome="ALLOWED",
                           dataset="population", mode="LOOKUP", fields=["name"], purpose=PURPOSE,
                           grant_id=1, rows=1, error_code=None, action="QUERY", detail="GRANT")
            at = dt.datetime(2026, 1, 5, 9, 0, i, tzinfo=dt.timezone.utc)
            digest = hash_as_0012_did(prev, at, content)
            old.append({**content, "at": at, "prev_hash": prev, "hash": digest})
            prev = digest
        with engine.begin() as conn:
            conn.execute(table.insert(), old)

        settings = make_settings(tmp_path / "data", url)
        upgraded = Gateway(settings)
        try:
            ensure_demo_world(upgraded.services, settings.data_dir, source_urls=demo_source_urls,
                              populate=False)
            with TestClient(create_app(settings, upgraded)) as client:
                app_api = Api(client, upgraded, "minzheng-app")
                assert "errors" not in app_api.query(LOOKUP, {"k": people[5]["id_number"],
                                                             "p": PURPOSE})
                assert codes(app_api.query(LOOKUP, {"k": people[5]["id_number"],
                                                   "p": "marketing"})) == ["PURPOSE_MISMATCH"]
        finally:
            upgraded.close()

        monkeypatch.setenv("DATAGATE_DATABASE_URL", url)
        monkeypatch.setenv("DATAGATE_DATA_DIR", str(settings.data_dir))
        monkeypatch.setenv("DATAGATE_HASH_SECRET", settings.hash_secret)
        runner = CliRunner()
        result = runner.invoke(app, ["audit", "verify"])
        assert result.exit_code == 0, result.output
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT id, subject_digest FROM audit_records ORDER BY id")).all()
        assert [r.subject_digest for r in rows[:3]] == [None] * 3
        new = [r for r in rows if r.subject_digest]
        assert len(new) == 4  # the demo world's two accesses of its citizen, then the test's
        new = new[2:]
        assert new[0].subject_digest == new[1].subject_digest
        assert f"{len(rows)} records" in result.output

        def tampered(record_id: int, digest: str | None) -> str:
            with engine.begin() as conn:
                was = conn.execute(sa.text("SELECT subject_digest FROM audit_records "
                                           "WHERE id = :i"), {"i": record_id}).scalar()
                conn.execute(sa.text("UPDATE audit_records SET subject_digest = :d WHERE id = :i"),
                             {"d": digest, "i": record_id})
            try:
                out = runner.invoke(app, ["audit", "verify"])
                assert out.exit_code == 1
                return out.output
            finally:
                with engine.begin() as conn:
                    conn.execute(sa.text("UPDATE audit_records SET subject_digest = :d "
                                         "WHERE id = :i"), {"d": was, "i": record_id})

        assert f"BROKEN at record {rows[1].id}" in tampered(rows[1].id, new[0].subject_digest)
        assert f"BROKEN at record {new[0].id}" in tampered(new[0].id, "f" * 64)
        assert f"BROKEN at record {new[1].id}" in tampered(new[1].id, None)
        assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
