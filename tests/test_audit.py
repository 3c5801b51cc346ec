"""The audit trail: one record per access and per denial, hash-chained, auditors only."""
from __future__ import annotations

import sqlalchemy as sa
from typer.testing import CliRunner

from gateway.store.models import AuditRecord
from tests.conftest import PURPOSE, codes

AUDIT = """query($p: String, $d: String, $after: String) { auditLog(first: 50, principal: $p, dataset: $d, after: $after) {
  nodes { id at principal department dataset mode fields purpose outcome rows errorCode grantId }
  pageInfo { hasNextPage endCursor } } }"""


def _latest(gateway) -> AuditRecord:
    with gateway.services.store() as session:
        return session.scalars(sa.select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).one()


def test_an_allowed_lookup_is_recorded_with_its_grant_and_fields(api, gateway, people):
    body = api("minzheng-app").query("""query($k: String!) { population(purpose: "%s") {
      lookup(key: $k) { name district } } }""" % PURPOSE, {"k": people[9]["id_number"]})
    assert "errors" not in body
    record = _latest(gateway)
    assert (record.principal, record.department, record.dataset, record.mode) == \
        ("minzheng-app", "minzheng", "population", "LOOKUP")
    assert record.fields == ["district", "name"] and record.purpose == PURPOSE
    assert record.outcome == "ALLOWED" and record.rows == 1 and record.grant_id is not None


def test_a_denial_is_recorded_with_its_code(api, gateway, people):
    body = api("minzheng-app").query("""query($k: String!) { population(purpose: "marketing") {
      lookup(key: $k) { name } } }""", {"k": people[9]["id_number"]})
    assert codes(body) == ["PURPOSE_MISMATCH"]
    record = _latest(gateway)
    assert (record.outcome, record.error_code, record.purpose) == ("DENIED", "PURPOSE_MISMATCH", "marketing")


def test_a_hidden_field_denial_is_recorded(api, gateway, people):
    api("minzheng-app").query("""query($k: String!) { population(purpose: "%s") {
      lookup(key: $k) { phone } } }""" % PURPOSE, {"k": people[9]["id_number"]})
    record = _latest(gateway)
    assert (record.outcome, record.error_code, record.fields) == ("DENIED", "FORBIDDEN_FIELD", ["phone"])


def test_stats_and_rows_record_how_many_rows_left(api, gateway):
    body = api("renshe-app").query('{ enterprises(purpose: "p") { rows(first: 4) { nodes { name } } } }')
    assert len(body["data"]["enterprises"]["rows"]["nodes"]) == 4
    assert _latest(gateway).rows == 4


def test_every_access_in_one_request_gets_its_own_record(api, gateway, people):
    before = _latest(gateway).id
    api("minzheng-app").query("""query($k: String!) {
      a: population(purpose: "%s") { lookup(key: $k) { name } }
      b: population(purpose: "%s") { compare(key: $k, values: {name: "x"}) { name } }
      c: population(purpose: "nope") { lookup(key: $k) { name } } }""" % (PURPOSE, PURPOSE),
                              {"k": people[9]["id_number"]})
    with gateway.services.store() as session:
        rows = session.scalars(sa.select(AuditRecord).where(AuditRecord.id > before)
                               .order_by(AuditRecord.id)).all()
    assert [(r.mode, r.outcome) for r in rows] == [("LOOKUP", "ALLOWED"), ("COMPARE", "ALLOWED"),
                                                   ("LOOKUP", "DENIED")]


def test_audit_log_is_for_auditors_only(api, gateway):
    for principal in ("minzheng-app", "security-admin", "shuju-admin"):
        body = api(principal).query(AUDIT)
        assert codes(body) == ["FORBIDDEN"], principal
        assert body["data"] is None or body["data"].get("auditLog") is None


def test_auditor_reads_and_filters_the_trail(api, gateway, people):
    api("minzheng-app").query("""query($k: String!) { population(purpose: "%s") {
      lookup(key: $k) { name } } }""" % PURPOSE, {"k": people[11]["id_number"]})
    body = api("auditor").query(AUDIT, {"p": "minzheng-app", "d": "population"})
    nodes = body["data"]["auditLog"]["nodes"]
    assert nodes and all(n["principal"] == "minzheng-app" and n["dataset"] == "population" for n in nodes)
    first = nodes[0]
    assert set(first) >= {"at", "principal", "department", "dataset", "mode", "fields", "purpose",
                          "outcome", "rows"}
    assert first["outcome"] in ("ALLOWED", "DENIED") and first["at"].endswith("+08:00")
    ids = [int(n["id"]) for n in nodes]  # IDs are strings of digits
    assert all(isinstance(n["id"], str) for n in nodes)
    assert ids == sorted(ids, reverse=True)


def test_audit_verify_finds_the_first_changed_record(gateway, monkeypatch):
    from gateway.cli import app

    monkeypatch.setenv("DATAGATE_DATABASE_URL", gateway.settings.store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(gateway.settings.data_dir))
    runner = CliRunner()
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    with gateway.services.store() as session, session.begin():
        ids = session.scalars(sa.select(AuditRecord.id).order_by(AuditRecord.id)).all()
        victim = session.get(AuditRecord, ids[len(ids) // 2])
        original = victim.rows
        victim.rows = original + 1000
    try:
        result = runner.invoke(app, ["audit", "verify"])
        assert result.exit_code == 1
        assert f"BROKEN at record {ids[len(ids) // 2]}" in result.output
        assert "changed" in result.output
    finally:
        with gateway.services.store() as session, session.begin():
            session.get(AuditRecord, ids[len(ids) // 2]).rows = original
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0


def test_audit_verify_finds_a_removed_record(gateway):
    from gateway.audit import verify_chain

    with gateway.services.store() as session:
        assert verify_chain(session).ok
        ids = session.scalars(sa.select(AuditRecord.id).order_by(AuditRecord.id)).all()
    with gateway.services.store() as session, session.begin():
        removed = session.get(AuditRecord, ids[2])
        saved = {c.name: getattr(removed, c.name) for c in AuditRecord.__table__.columns}
        session.delete(removed)
    try:
        with gateway.services.store() as session:
            report = verify_chain(session)
        assert report.first_broken == ids[3] and "removed" in report.reason
    finally:
        with gateway.services.store() as session, session.begin():
            session.add(AuditRecord(**saved))
    with gateway.services.store() as session:
        assert verify_chain(session).ok


def test_concurrent_requests_on_two_gateway_processes_keep_one_intact_chain(gateway, client, people):
    """16 threads on this gateway and 16 on a second one on the same store (as a second
    process would be) look people up at once: every request gets its own committed record
    (committed in groups by each gateway's writer where they overlap), no answer arrives
    before its record is committed, and the chain stays whole."""
    import concurrent.futures as cf
    import threading

    from starlette.testclient import TestClient

    from gateway.web.app import Gateway, create_app
    from gateway.audit import verify_chain
    from tests.conftest import Api

    query = 'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name } } }' % PURPOSE
    other = Gateway(gateway.settings)
    with gateway.services.store() as session:
        before = session.scalar(sa.select(sa.func.max(AuditRecord.id)))
    try:
        with TestClient(create_app(other.settings, other)) as other_client:
            callers = [Api(client, gateway, "minzheng-app"), Api(other_client, other, "minzheng-app")]

            answered = [0]
            lock = threading.Lock()
            count = (sa.select(sa.func.count()).select_from(AuditRecord)
                     .where(AuditRecord.id > before, AuditRecord.mode == "LOOKUP",
                            AuditRecord.principal == "minzheng-app"))

            def look(i: int) -> bool:
                body = callers[i % 2].query(query, {"k": people[i % 50]["id_number"]})
                with lock:
                    answered[0] += 1
                    received = answered[0]
                with gateway.services.store() as session:  # at least one record per answer so far
                    assert session.scalar(count) >= received
                return body["data"]["population"]["lookup"]["name"] == people[i % 50]["name"]

            with cf.ThreadPoolExecutor(32) as pool:
                assert all(pool.map(look, range(320)))
    finally:
        other.close()
    with gateway.services.store() as session:
        new = session.scalars(sa.select(AuditRecord).where(AuditRecord.id > before)).all()
        assert verify_chain(session).ok
    lookups = [r for r in new if r.mode == "LOOKUP" and r.principal == "minzheng-app"]
    assert len(lookups) == 320 and all(r.outcome == "ALLOWED" for r in lookups)


def test_an_answer_whose_audit_record_cannot_be_written_is_withheld(api, gateway, people):
    """The store refuses audit records (a trigger raises, as a full disk or a lost store
    would): the lookup's answer does not leave, the caller gets INTERNAL and a message to try
    again, the person's data is nowhere in it, and the gateway serves again once the store
    takes records, with the chain whole."""
    from gateway.audit import verify_chain

    person = people[11]
    query = 'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name phone } } }'
    dialect = gateway.services.engine.dialect.name
    create = {
        "sqlite": ["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_records "
                   "BEGIN SELECT RAISE(ABORT, 'the audit disk is full'); END"],
        "postgresql": [
            "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the audit disk is full'; END $$",
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_records "
            "FOR EACH ROW EXECUTE FUNCTION refuse_audit()"]}[dialect]
    drop = {"sqlite": ["DROP TRIGGER refuse_audit"],
            "postgresql": ["DROP TRIGGER refuse_audit ON audit_records",
                           "DROP FUNCTION refuse_audit()"]}[dialect]
    with gateway.services.engine.begin() as conn:
        for statement in create:
            conn.exec_driver_sql(statement)
    try:
        response = api("gongan-steward").post(query % "p", {"k": person["id_number"]})
        assert response.status_code == 500
        body = response.json()
        assert codes(body) == ["INTERNAL"] and "audit trail" in body["errors"][0]["message"]
        reference = body["errors"][0]["extensions"]["reference"]  # the one scheme of faults
        assert reference in body["errors"][0]["message"]
        assert "data" not in body
        assert person["name"] not in response.text and person["phone"] not in response.text
        assert "disk is full" not in response.text
    finally:
        with gateway.services.engine.begin() as conn:
            for statement in drop:
                conn.exec_driver_sql(statement)
    again = api("gongan-steward").query(query % "p", {"k": person["id_number"]})
    assert again["data"]["population"]["lookup"]["name"] == person["name"]
    record = _latest(gateway)
    assert (record.outcome, record.mode, record.principal) == ("ALLOWED", "LOOKUP", "gongan-steward")
    with gateway.services.store() as session:
        assert verify_chain(session).ok


def test_record_hashes_are_computed_as_the_chain_was_written():
    """A record's hash is of a fixed canonical text: a change in how it is worked out would
    break every record already in a store. These digests were computed with the first version
    (strftime for the time, json.dumps with sorted keys and ensure_ascii=False)."""
    import datetime as dt

    from gateway.audit import AuditEntry, record_hash

    entry = AuditEntry(principal="minzheng-app", department="minzheng", outcome="ALLOWED",
                       dataset="population", mode="LOOKUP", fields=["name", "birthDate"],
                       purpose="低保复核 review", grant_id=7, rows=1, detail="GRANT")
    at = dt.datetime(2026, 3, 5, 9, 7, 3, 4005, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert record_hash("ab" * 32, at, entry) == (
        "fa5aedd8a087ffdd49a013c92224912613c99de95234ceb385ab931708e92abd")
    # quotes, backslashes, control characters, line separators, characters beyond the BMP
    odd = AuditEntry(principal='x"y\\z', department=None, outcome="DENIED",
                     dataset="d\x01\x1f\n\t\x7f", mode=None, fields=["\u2028", "😀", "b"],
                     purpose="全角　space", grant_id=None, rows=0, error_code="FORBIDDEN_FIELD",
                     action="QUERY", detail="line1\nline2 \ufffd </script>")
    at = dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone.utc)
    assert record_hash("0" * 64, at, odd) == (
        "fde0d0e6eaa642550142ac409d63395ab81961f21a2af500b94b7677a2840dd4")


def _rewrite_from(session, first_id: int) -> None:
    """What someone with write access to the store could do: change a record and recompute
    every hash from it on, so that the chain alone holds."""
    from gateway.audit import _entry_of, record_hash

    rows = session.scalars(sa.select(AuditRecord).where(AuditRecord.id >= first_id)
                           .order_by(AuditRecord.id)).all()
    prev = session.scalars(sa.select(AuditRecord.hash).where(AuditRecord.id < first_id)
                           .order_by(AuditRecord.id.desc()).limit(1)).one()
    rows[0].rows = rows[0].rows + 1000
    for row in rows:
        row.prev_hash = prev
        row.hash = prev = record_hash(prev, row.at, _entry_of(row))
    _set_head(session, prev)


def _set_head(session, digest: str) -> None:
    """The chain's head row, on a PostgreSQL store (migration 0016), moved as a careful
    rewriter would move it."""
    if session.bind.dialect.name == "postgresql":
        session.execute(sa.text("UPDATE audit_head SET hash = :h"), {"h": digest})


def test_an_anchor_kept_off_the_store_finds_a_recomputed_chain(gateway, monkeypatch, api, people):
    from gateway.cli import app

    monkeypatch.setenv("DATAGATE_DATABASE_URL", gateway.settings.store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(gateway.settings.data_dir))
    runner = CliRunner()
    api("minzheng-app").query("""query($k: String!) { population(purpose: "%s") {
      lookup(key: $k) { name } } }""" % PURPOSE, {"k": people[3]["id_number"]})
    first = runner.invoke(app, ["audit", "verify"])
    assert first.exit_code == 0, first.output
    head = first.output.split("head: ")[1].split()[0]
    head_id = int(head.split(":")[0])
    with gateway.services.store() as session:
        saved = {r.id: (r.rows, r.prev_hash, r.hash) for r in session.scalars(
            sa.select(AuditRecord).where(AuditRecord.id >= head_id - 3))}
    with gateway.services.store() as session, session.begin():
        _rewrite_from(session, head_id - 3)
    try:
        # the chain alone cannot tell: every hash was recomputed
        assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
        anchored = runner.invoke(app, ["audit", "verify", "--anchor", head])
        assert anchored.exit_code == 1, anchored.output
        assert f"BROKEN at record {head_id}" in anchored.output and "rewritten" in anchored.output
    finally:
        with gateway.services.store() as session, session.begin():
            for record_id, (rows, prev_hash, digest) in saved.items():
                row = session.get(AuditRecord, record_id)
                row.rows, row.prev_hash, row.hash = rows, prev_hash, digest
            _set_head(session, saved[max(saved)][2])
    assert runner.invoke(app, ["audit", "verify", "--anchor", head]).exit_code == 0
    bad = runner.invoke(app, ["audit", "verify", "--anchor", "12:nothex"])
    assert bad.exit_code == 2 and "RECORD_ID:SHA256" in bad.output


def test_an_anchor_finds_a_trail_cut_short(gateway):
    from gateway.audit import verify_chain

    with gateway.services.store() as session:
        report = verify_chain(session)
    assert report.ok and report.head_id is not None and len(report.head_hash) == 64
    with gateway.services.store() as session, session.begin():
        last = session.get(AuditRecord, report.head_id)
        saved = {c.name: getattr(last, c.name) for c in AuditRecord.__table__.columns}
        session.delete(last)
    try:
        with gateway.services.store() as session:
            plain = verify_chain(session)
            if session.bind.dialect.name == "postgresql":  # the head row still names the cut one
                assert not plain.ok and "audit_head" in plain.reason
            else:
                assert plain.ok  # a cut end leaves a chain that holds
            cut = verify_chain(session, anchors={report.head_id: report.head_hash})
        assert cut.first_broken == report.head_id and "missing" in cut.reason
    finally:
        with gateway.services.store() as session, session.begin():
            session.add(AuditRecord(**saved))


def test_graphql_verifies_the_chain_for_auditors_only_and_filters_by_time(api, gateway):
    chain = api("auditor").query("{ auditChain { intact checked head firstBroken reason } }")
    verdict = chain["data"]["auditChain"]
    assert verdict["intact"] and verdict["checked"] > 0 and verdict["firstBroken"] is None
    head_id, head_hash = verdict["head"].split(":")
    with gateway.services.store() as session:
        assert session.get(AuditRecord, int(head_id)).hash == head_hash
    assert codes(api("minzheng-app").query("{ auditChain { intact } }")) == ["FORBIDDEN"]
    latest = _latest(gateway)
    assert (latest.mode, latest.outcome, latest.error_code) == ("AUDIT_VERIFY", "DENIED", "FORBIDDEN")
    # auditLog by time: the clock is frozen, so every record is at or before now
    now = gateway.services.clock.now().isoformat()
    later = api("auditor").query('query($s: DateTime) { auditLog(first: 5, since: $s) { nodes { id } } }',
                                 {"s": now.replace(str(gateway.services.clock.now().year), "2099", 1)})
    assert later["data"]["auditLog"]["nodes"] == []
    earlier = api("auditor").query('query($u: DateTime) { auditLog(first: 5, until: $u) { nodes { at } } }',
                                   {"u": "2099-01-01T00:00:00+08:00"})
    assert earlier["data"]["auditLog"]["nodes"]
    naive = api("auditor").query('query($u: DateTime) { auditLog(first: 5, until: $u) { nodes { at } } }',
                                 {"u": "2099-01-01T00:00:00"})
    assert codes(naive) == ["BAD_INPUT"] and "offset" in naive["errors"][0]["message"]
