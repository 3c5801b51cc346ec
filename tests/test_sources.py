"""Datasets whose sources live on PostgreSQL and on MariaDB, queried through the gateway."""
from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from gateway.demo.setup import SOURCES, ensure_demo_world
from tests.conftest import PURPOSE, Api, audited_since, codes, make_settings, newest_audit_id, temp_database
from tests.stats_oracle import groups_of, within_bounds
from tests.test_stats_disclosure import (SHARE, SPREAD, THRESHOLD, check_contributors, check_dominance,
                                         complement_differencing, filterable_magnitudes, payroll_rows,
                                         payroll_stats, publish_payroll)

PEOPLE = 300


@pytest.fixture(scope="module", params=["postgresql", "mariadb"])
def remote(request, tmp_path_factory):
    """A gateway (SQLite store) whose four demo sources are one PostgreSQL or MariaDB database."""
    with temp_database(request.param) as url:
        data_dir = tmp_path_factory.mktemp(f"remote-{request.param}")
        gateway = Gateway(make_settings(data_dir, f"sqlite:///{data_dir / 'store.sqlite'}"))
        ensure_demo_world(gateway.services, data_dir, people=PEOPLE,
                          source_urls={code: url for code in SOURCES})
        engine = sa.create_engine(url)
        with TestClient(create_app(gateway.settings, gateway)) as client:
            yield request.param, client, gateway, engine
        engine.dispose()
        gateway.close()


def test_lookup_and_compare_on_a_remote_source(remote):
    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        person = conn.execute(sa.text("SELECT id_number, name, phone, birth_date FROM population "
                                      "ORDER BY id_number LIMIT 1 OFFSET 17")).mappings().one()
    minzheng = Api(client, gateway, "minzheng-app")
    body = minzheng.query("""query($k: String!) { population(purpose: "%s") {
      lookup(key: $k) { name birthDate }
      compare(key: $k, values: {name: "%s", phone: "%s"}) { name phone } } }"""
                          % (PURPOSE, person["name"], person["phone"][::-1]), {"k": person["id_number"]})
    assert "errors" not in body, body
    assert body["data"]["population"]["lookup"] == {"name": person["name"],
                                                    "birthDate": str(person["birth_date"])}
    assert body["data"]["population"]["compare"] == {
        "name": True, "phone": person["phone"] == person["phone"][::-1]}


def test_stats_are_grouped_in_the_remote_database(remote):
    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        rows = [{"district": d, "monthlyBase": float(b)} for d, b in conn.execute(sa.text(
            "SELECT district, monthly_base FROM social_insurance"))]
    truths = groups_of(rows, ["district"], "monthlyBase")
    body = Api(client, gateway, "minzheng-app").query("""{ socialInsurance(purpose: "%s") {
      stats(groupBy: [DISTRICT]) { groups { district count sum(field: MONTHLY_BASE) } suppressed } } }""" % PURPOSE)
    groups = body["data"]["socialInsurance"]["stats"]["groups"]
    kept = {k[0] for k, t in truths.items() if t.count >= 5}
    assert {g["district"] for g in groups} == kept
    for g in groups:  # minzheng is no owner: within the cell key noise of the truth
        assert within_bounds(g, truths[(g["district"],)], SPREAD, SHARE, THRESHOLD) == [], g
    assert body["data"]["socialInsurance"]["stats"]["suppressed"] == len(truths) - len(kept)


def statements_sent(gateway, source_code: str, wanted, ask, times: int = 7) -> list:
    """(statement, parameters) of every statement ``wanted`` keeps that the source's engine sent
    while ``ask()`` ran ``times`` times (each answer checked for errors): more than five runs,
    so that psycopg has prepared the statement by the last."""
    sent = []
    source = gateway.services.sources.cached_engine(source_code)

    def keep(conn, cursor, statement, parameters, context, executemany):
        if wanted(statement):
            sent.append((statement, parameters))

    sa.event.listen(source, "before_cursor_execute", keep)
    try:
        for _ in range(times):
            body = ask()
            assert "errors" not in body, body
    finally:
        sa.event.remove(source, "before_cursor_execute", keep)
    return sent


def test_stats_send_their_limit_as_a_literal_not_a_parameter(remote):
    """psycopg prepares a statement after its fifth run, and PostgreSQL may then plan it
    generically: a bound LIMIT made that plan a sorted GroupAggregate. The LIMIT is sent as a
    literal, so every run is planned knowing it; filter values stay bound."""
    kind, client, gateway, engine = remote
    query = """{ socialInsurance(purpose: "%s") {
      stats(groupBy: [DISTRICT], where: {district: {eq: "南海区"}}) { groups { count } } } }""" % PURPOSE
    sent = statements_sent(gateway, "renshe-db", lambda statement: "GROUP BY" in statement,
                           lambda: Api(client, gateway, "minzheng-app").query(query))
    assert len(sent) == 7
    for statement, parameters in sent:
        assert statement.rstrip().endswith("LIMIT 10001"), statement
        assert "南海区" not in statement and "南海区" in str(parameters)


def test_filtered_pages_send_their_limit_as_a_literal_and_values_bound(remote):
    """A filtered page goes through SQLAlchemy (an unfiltered one is compiled once with the
    same literal LIMIT, SourceRegistry.page): its LIMIT is written into the statement, as
    stats' is, and the filter's value is bound."""
    kind, client, gateway, engine = remote
    query = """{ enterprises(purpose: "p") {
      rows(first: 20, where: {district: {eq: "南海区"}}) { nodes { creditCode } } } }"""
    sent = statements_sent(gateway, "shichang-db",
                           lambda statement: "ORDER BY" in statement and "enterprises" in statement,
                           lambda: Api(client, gateway, "renshe-app").query(query))
    assert len(sent) == 7
    for statement, parameters in sent:
        assert statement.rstrip().endswith("LIMIT 21"), statement
        assert "南海区" not in statement and "南海区" in str(parameters)


def test_cell_keys_computed_in_a_remote_source_give_back_no_one(remote):
    """The record keys are hashed by PostgreSQL (hashtextextended) or MariaDB (MD5): whole
    minus complement recovers nobody there either."""
    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        rows = [{"district": d, "monthlyBase": float(b)} for d, b in conn.execute(sa.text(
            "SELECT district, monthly_base FROM social_insurance"))]
    minzheng = Api(client, gateway, "minzheng-app")
    assert complement_differencing(minzheng, rows, "socialInsurance",
                                   filterable_magnitudes(minzheng, "socialInsurance", gateway)) >= 3


def test_dominance_contributors_null_dimensions_and_an_int_key_in_a_remote_source(remote):
    """The payroll table of tests/test_stats_disclosure.py in the remote database: the groups
    whose two largest values must be read (one on a NULL team) are read there."""
    kind, client, gateway, engine = remote
    api = lambda principal: Api(client, gateway, principal)  # noqa: E731
    publish_payroll(api, gateway, engine.url.render_as_string(hide_password=False))
    for principal in ("renshe-app", "minzheng-app"):
        check_dominance(api(principal))
        check_contributors(api(principal))
    rows = [{**r, "pay": float(r["pay"])} for r in payroll_rows()]
    truths = groups_of(rows, ["district", "team"], "pay")
    groups = payroll_stats(api("minzheng-app"), "DISTRICT, TEAM", "district team count")["groups"]
    for g in groups:
        assert within_bounds(g, truths[(g["district"], g["team"])], SPREAD, SHARE, THRESHOLD) == []
    assert any(g["count"] != truths[(g["district"], g["team"])].count for g in groups)


def test_rows_page_through_a_remote_table(remote):
    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        expected = [r[0] for r in conn.execute(sa.text(
            "SELECT credit_code FROM enterprises ORDER BY credit_code"))]
    renshe = Api(client, gateway, "renshe-app")
    seen, after = [], None
    while True:
        page = renshe.query("""query($a: String) { enterprises(purpose: "p") {
          rows(first: 200, after: $a) { nodes { creditCode } pageInfo { hasNextPage endCursor } } } }""",
                            {"a": after})["data"]["enterprises"]["rows"]
        seen += [n["creditCode"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected


def test_filter_values_are_bound_parameters_not_sql(remote):
    kind, client, gateway, engine = remote
    hostile = "南海区' OR '1'='1"
    body = Api(client, gateway, "renshe-app").query("""query($d: String!) { enterprises(purpose: "p") {
      rows(where: {district: {eq: $d}}) { nodes { name } } } }""", {"d": hostile})
    assert body["data"]["enterprises"]["rows"]["nodes"] == []
    body = Api(client, gateway, "renshe-app").query("""query($d: String!) { enterprises(purpose: "p") {
      rows(where: {name: {startsWith: $d}}) { nodes { name } } } }""", {"d": "%"})
    assert body["data"]["enterprises"]["rows"]["nodes"] == []


def test_an_unreachable_source_is_a_clear_error(remote, tmp_path):
    kind, client, gateway, engine = remote
    from gateway.store.models import Source

    with gateway.services.store() as session, session.begin():
        source = session.get(Source, "weijian-db")
        saved = source.url
        source.url = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
    gateway.services.sources.invalidate()
    try:
        steward = Api(client, gateway, "weijian-steward")
        # a page (through SQLAlchemy's connection) and a lookup by key (on the driver's cursor)
        for query in ('{ medicalVisits(purpose: "own") { rows(first: 1) { nodes { visitId } } } }',
                      '{ medicalVisits(purpose: "own") { lookup(key: "V1") { visitId } } }'):
            body = steward.query(query)
            assert codes(body) == ["SOURCE_UNAVAILABLE"], body
            assert "cannot be reached" in body["errors"][0]["message"]
            assert "Traceback" not in str(body) and "psycopg" not in str(body)
        assert client.get("/readyz").status_code == 503
    finally:
        with gateway.services.store() as session, session.begin():
            session.get(Source, "weijian-db").url = saved
        gateway.services.sources.invalidate()


def test_a_source_that_dropped_its_connections_loses_no_request(remote):
    """Pooled source connections are not pinged while in steady use; when the source has
    dropped them (a restart, a failover, an operator killing sessions) the read is retried
    once on a fresh connection instead of failing. Lookups made several at a time first leave
    more than one connection parked between lookups (SourceRegistry.first): the one retry
    must not meet another dead one."""
    import concurrent.futures as cf

    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        people = conn.execute(sa.text("SELECT id_number, name FROM population "
                                      "ORDER BY id_number LIMIT 3")).all()
    minzheng = Api(client, gateway, "minzheng-app")
    query = 'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name } } }' % PURPOSE

    def found(person) -> bool:
        return minzheng.query(query, {"k": person[0]})["data"]["population"]["lookup"]["name"] == person[1]

    with cf.ThreadPoolExecutor(8) as pool:
        assert all(pool.map(found, people * 8))
    with engine.connect() as conn:
        if kind == "postgresql":
            killed = conn.execute(sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
        else:
            ids = [r[0] for r in conn.execute(sa.text(
                "SELECT id FROM information_schema.processlist "
                "WHERE db = DATABASE() AND id <> CONNECTION_ID()"))]
            for session_id in ids:
                conn.execute(sa.text(f"KILL {int(session_id)}"))
            killed = len(ids)
    assert killed >= 1
    for person in people:
        body = minzheng.query(query, {"k": person[0]})
        assert "errors" not in body, body
        assert body["data"]["population"]["lookup"]["name"] == person[1]


def test_a_page_after_the_source_dropped_its_connections_is_answered(remote):
    """Unfiltered pages are read on the parked connections as lookups are (SourceRegistry.page):
    a page read first after the source dropped them is retried once, as a lookup is."""
    kind, client, gateway, engine = remote
    renshe = Api(client, gateway, "renshe-app")
    query = """query($a: String) { enterprises(purpose: "p") {
      rows(first: 5, after: $a) { nodes { creditCode } pageInfo { endCursor } } } }"""
    first = renshe.query(query, {"a": None})["data"]["enterprises"]["rows"]
    with engine.connect() as conn:
        if kind == "postgresql":
            conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        else:
            for (session_id,) in conn.execute(sa.text(
                    "SELECT id FROM information_schema.processlist "
                    "WHERE db = DATABASE() AND id <> CONNECTION_ID()")).all():
                conn.execute(sa.text(f"KILL {int(session_id)}"))
        expected = [r[0] for r in conn.execute(sa.text(
            "SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 10"))]
    body = renshe.query(query, {"a": first["pageInfo"]["endCursor"]})
    assert "errors" not in body, body
    assert [n["creditCode"] for n in first["nodes"] + body["data"]["enterprises"]["rows"]["nodes"]] \
        == expected


def test_lookups_carry_decimals_and_dates_from_a_remote_table_as_stored(remote):
    """A lookup reads its one row on the driver's cursor (SourceRegistry.first); the values
    are still converted as SQLAlchemy converts them (DECIMAL as a number, DATE as a date),
    and a key that is not there is null."""
    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        stored = conn.execute(sa.text(
            "SELECT credit_code, name, registered_capital, established_on FROM enterprises "
            "WHERE registered_capital IS NOT NULL AND established_on IS NOT NULL "
            "ORDER BY credit_code LIMIT 5")).all()
    renshe = Api(client, gateway, "renshe-app")
    query = """query($k: String!) { enterprises(purpose: "p") {
      lookup(key: $k) { creditCode name registeredCapital establishedOn } } }"""
    for code, name, capital, established in stored:
        found = renshe.query(query, {"k": code})["data"]["enterprises"]["lookup"]
        assert found == {"creditCode": code, "name": name,
                         "registeredCapital": pytest.approx(float(capital)),
                         "establishedOn": established.isoformat()}
    missing = "91440600MA4UUUUUUC"  # valid check character, registered nowhere
    with engine.connect() as conn:
        assert not conn.execute(sa.text("SELECT 1 FROM enterprises WHERE credit_code = :c"),
                                {"c": missing}).first()
    body = renshe.query(query, {"k": missing})
    assert "errors" not in body and body["data"]["enterprises"]["lookup"] is None, body


def test_rows_carry_decimals_and_dates_from_a_remote_table_as_stored(remote):
    """Pages are fetched as the driver's tuples; the decimal and date columns still come out
    as the source holds them (DECIMAL as a number, DATE as YYYY-MM-DD)."""
    kind, client, gateway, engine = remote
    with engine.connect() as conn:
        expected = {r[0]: (r[1], r[2]) for r in conn.execute(sa.text(
            "SELECT credit_code, registered_capital, established_on FROM enterprises"))}
    nodes = Api(client, gateway, "renshe-app").query("""{ enterprises(purpose: "p") {
      rows(first: 120) { nodes { creditCode registeredCapital establishedOn } } } }""")[
        "data"]["enterprises"]["rows"]["nodes"]
    assert len(nodes) == 120
    for node in nodes:
        capital, established = expected[node["creditCode"]]
        assert node["registeredCapital"] == (None if capital is None else pytest.approx(float(capital)))
        assert node["establishedOn"] == (None if established is None else established.isoformat())


def test_a_draft_naming_a_table_its_remote_source_lacks_is_bad_input(remote):
    """PostgreSQL and MariaDB say so with their own errors (ProgrammingError, not SQLite's
    OperationalError): still BAD_INPUT naming the table, and the source still serves."""
    kind, client, gateway, engine = remote
    steward = Api(client, gateway, "renshe-steward")
    entry = {"code": f"rensheNoTable{kind.title()}", "name": "x", "shareType": "NONE",
             "openType": "NONE", "keyField": "idNumber", "sourceCode": "renshe-db",
             "tableName": "no_such_table",
             "fields": [{"name": "idNumber", "column": "id_number", "dataType": "STRING"}]}
    saved = steward.query("mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }",
                          {"e": entry})
    assert "errors" not in saved, saved
    body = steward.query("mutation($c: String!) { proposeFieldPolicies(code: $c) { field } }",
                         {"c": entry["code"]})
    assert codes(body) == ["BAD_INPUT"] and "'no_such_table'" in body["errors"][0]["message"], body
    stats = Api(client, gateway, "minzheng-app").query(
        '{ socialInsurance(purpose: "%s") { stats { groups { count } } } }' % PURPOSE)
    assert stats["data"]["socialInsurance"]["stats"]["groups"][0]["count"] > 0


def test_a_sample_its_source_cannot_serve_now_is_source_unavailable_not_a_draft_to_correct(remote):
    """The source's table locked by someone else past the source's lock timeout: the steward
    is told the source cannot serve now (SOURCE_UNAVAILABLE), not that a right draft names a
    column the source lacks (BAD_INPUT, as it was); with the lock gone the same draft gets its
    proposals."""
    kind, client, gateway, engine = remote
    from gateway.store.models import Source

    timeout = ({"options": "-c lock_timeout=300"} if kind == "postgresql"
               else {"init_command": "SET SESSION lock_wait_timeout = 1"})
    with gateway.services.store() as session, session.begin():
        source = session.get(Source, "renshe-db")
        saved = source.url
        source.url = sa.engine.make_url(saved).update_query_dict(timeout).render_as_string(hide_password=False)
    gateway.services.sources.invalidate()
    steward = Api(client, gateway, "renshe-steward")
    entry = {"code": f"rensheLocked{kind.title()}", "name": "x", "shareType": "NONE",
             "openType": "NONE", "keyField": "idNumber", "sourceCode": "renshe-db",
             "tableName": "social_insurance",
             "fields": [{"name": "idNumber", "column": "id_number", "dataType": "STRING"}]}
    propose = "mutation($c: String!) { proposeFieldPolicies(code: $c) { field sampled } }"
    try:
        saved_draft = steward.query("mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }",
                                    {"e": entry})
        assert "errors" not in saved_draft, saved_draft
        with engine.connect() as locker:
            if kind == "postgresql":
                locker.begin()
                locker.execute(sa.text("LOCK TABLE social_insurance IN ACCESS EXCLUSIVE MODE"))
            else:
                locker.execute(sa.text("LOCK TABLES social_insurance WRITE"))
            try:
                body = steward.query(propose, {"c": entry["code"]})
            finally:  # a pooled MariaDB connection would keep its table lock
                if kind != "postgresql":
                    locker.execute(sa.text("UNLOCK TABLES"))
        assert codes(body) == ["SOURCE_UNAVAILABLE"], body
        message = body["errors"][0]["message"]
        assert "cannot be reached now" in message and "no readable column" not in message
        assert "timeout" not in message  # the source's own text is not quoted
        again = steward.query(propose, {"c": entry["code"]})
        assert "errors" not in again and again["data"]["proposeFieldPolicies"][0]["sampled"] > 0, again
    finally:
        with gateway.services.store() as session, session.begin():
            session.get(Source, "renshe-db").url = saved
        gateway.services.sources.invalidate()

def test_a_sandbox_snapshot_is_read_from_a_remote_source_by_its_own_path(remote):
    """The researcher's sandbox session over HTTP, its snapshot read from PostgreSQL with COPY
    and from MariaDB as JSON rows (gateway.services.sources.arrow_reads): the sums, counts and years the
    session answers are the source's own."""
    kind, client, gateway, engine = remote
    from tests.test_sandbox_http import Sandbox

    researcher = Sandbox(client, gateway, "researcher")
    opened = researcher.open()
    assert opened.status_code == 201, opened.text
    sid = opened.json()["id"]
    try:
        answer = researcher.query(sid, "SELECT count(*) AS n, round(sum(monthlyBase), 2) AS total, "
                                       "count(DISTINCT since) AS years FROM socialInsurance")
        assert answer.status_code == 200, answer.text
        [[got_n, got_total, got_years]] = answer.json()["rows"]
        with engine.connect() as conn:
            n, total = conn.execute(sa.text("SELECT count(*), sum(monthly_base) FROM social_insurance")).one()
            years = len({d.year for (d,) in conn.execute(sa.text("SELECT since FROM social_insurance"))})
        assert (got_n, got_years) == (n, years) and n > 0
        assert abs(got_total - float(total)) < 0.01  # exact amounts, summed as doubles
        by_district = researcher.query(sid, "SELECT district, count(*) AS n FROM socialInsurance GROUP BY 1")
        assert by_district.status_code == 200 and sum(count for _, count in by_district.json()["rows"]) == n
    finally:
        assert researcher.close(sid).status_code == 204


def test_a_sandbox_snapshot_its_remote_source_cannot_give_is_refused_naming_why(remote):
    """Over HTTP, on PostgreSQL (COPY) and MariaDB (JSON rows), whose own drivers' errors the
    snapshot paths raise: a table gone from the source, and on MariaDB a zero date, are
    SOURCE_UNAVAILABLE saying what is wrong (the missing table; the field), with neither the
    driver's text nor the stored value, audited; put right, sessions open again."""
    kind, client, gateway, engine = remote
    from tests.test_sandbox_http import Sandbox

    researcher = Sandbox(client, gateway, "researcher")

    def refused_open(expected: str) -> str:
        before = newest_audit_id(gateway)
        response = researcher.open()
        assert response.status_code == 503, response.text
        error = response.json()["error"]
        assert error["code"] == "SOURCE_UNAVAILABLE" and expected in error["message"], error
        [record] = [r for r in audited_since(gateway, before) if r.action == "SANDBOX_OPEN"]
        assert (record.outcome, record.error_code) == ("DENIED", "SOURCE_UNAVAILABLE")
        return response.text

    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE social_insurance RENAME TO social_insurance_moved"))
    try:
        text = refused_open("no table or column that the catalog names")
        assert "does not exist" not in text and "doesn't exist" not in text and "social_insurance_moved" not in text
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE social_insurance_moved RENAME TO social_insurance"))
    if kind == "mariadb":
        with engine.begin() as conn:
            key, since = conn.execute(sa.text("SELECT id_number, since FROM social_insurance LIMIT 1")).one()
            conn.execute(sa.text("SET SESSION sql_mode = ''"))
            conn.execute(sa.text("UPDATE social_insurance SET since = '0000-00-00' WHERE id_number = :k"),
                         {"k": key})
        try:
            text = refused_open("field since")
            assert key not in text and "0000-00-00" not in text.split("(for example")[0]
        finally:
            with engine.begin() as conn:
                conn.execute(sa.text("UPDATE social_insurance SET since = :s WHERE id_number = :k"),
                             {"s": since, "k": key})
    opened = researcher.open()
    assert opened.status_code == 201, opened.text
    assert researcher.close(opened.json()["id"]).status_code == 204

@pytest.fixture(scope="module", params=["sqlite", "postgresql", "mariadb"])
def drifting(request, tmp_path_factory):
    """A gateway whose demo sources are one database of each kind of its own, free to be altered."""
    data_dir = tmp_path_factory.mktemp(f"drift-{request.param}")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{data_dir / 'weijian.sqlite'}"
        else:
            url = stack.enter_context(temp_database(request.param))
        gateway = Gateway(make_settings(data_dir, f"sqlite:///{data_dir / 'store.sqlite'}"))
        stack.callback(gateway.close)
        ensure_demo_world(gateway.services, data_dir, people=60, source_urls={code: url for code in SOURCES})
        engine = sa.create_engine(url)
        stack.callback(engine.dispose)
        client = stack.enter_context(TestClient(create_app(gateway.settings, gateway)))
        yield request.param, client, gateway, engine


def test_a_source_table_or_column_gone_from_the_source_is_named_as_such(drifting):
    """A table or column renamed or dropped in the source after it was registered: every
    read (a page, a lookup on the driver's cursor, stats) is SOURCE_UNAVAILABLE saying the
    source lacks what the catalog names, on every kind of source, without the driver's
    text; put back, the dataset serves again."""
    kind, client, gateway, engine = drifting
    steward = Api(client, gateway, "weijian-steward")
    with engine.connect() as conn:
        visit = conn.execute(sa.text("SELECT visit_id FROM medical_visits ORDER BY visit_id")).scalar()
    queries = ['{ medicalVisits(purpose: "own") { rows(first: 2) { nodes { visitId visitDate } } } }',
               '{ medicalVisits(purpose: "own") { lookup(key: "%s") { visitId visitDate } } }' % visit,
               '{ medicalVisits(purpose: "own") { stats(groupBy: [HOSPITAL]) { groups { count } } } }']

    def refused(what, reading):
        for query in reading:
            body = steward.query(query)
            assert codes(body) == ["SOURCE_UNAVAILABLE"], (what, query, body)
            message = body["errors"][0]["message"]
            assert "no table or column that the catalog names" in message and "medicalVisits" in message
            for driver_text in ("psycopg", "pymysql", "sqlite3", "UndefinedTable", "doesn't exist",
                                "no such", "Traceback"):
                assert driver_text not in str(body), (what, body)

    def served():
        for query in queries:
            body = steward.query(query)
            assert "errors" not in body, body
        return body

    served()
    change = "CHANGE visit_date seen_on DATE" if kind == "mariadb" else "RENAME COLUMN visit_date TO seen_on"
    back = "CHANGE seen_on visit_date DATE" if kind == "mariadb" else "RENAME COLUMN seen_on TO visit_date"
    alterations = [  # (alter, restore, the queries that read what is gone)
        ("ALTER TABLE medical_visits RENAME TO medical_visits_old",
         "ALTER TABLE medical_visits_old RENAME TO medical_visits", queries),
        (f"ALTER TABLE medical_visits {change}", f"ALTER TABLE medical_visits {back}",
         queries[:2]),  # stats by hospital never read visit_date
    ]
    for alter, restore, reading in alterations:
        with engine.begin() as conn:
            conn.execute(sa.text(alter))
        try:
            refused(alter, reading)
        finally:
            with engine.begin() as conn:
                conn.execute(sa.text(restore))
        served()


def test_a_download_of_a_table_gone_from_the_source_is_refused_and_audited(drifting):
    kind, client, gateway, engine = drifting
    assert client.get("/open/datasets/enterprises.csv").status_code == 200
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE enterprises RENAME TO enterprises_old"))
    try:
        before = newest_audit_id(gateway)
        response = client.get("/open/datasets/enterprises.csv")
        assert response.status_code == 503, response.text
        error = response.json()["error"]
        assert error["code"] == "SOURCE_UNAVAILABLE" and "no table or column" in error["message"]
        [record] = [r for r in audited_since(gateway, before) if r.dataset == "enterprises"]
        assert (record.outcome, record.error_code) == ("DENIED", "SOURCE_UNAVAILABLE")
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE enterprises_old RENAME TO enterprises"))
    assert client.get("/open/datasets/enterprises.csv").status_code == 200


LEDGER = {"code": "visitLedger", "name": "就诊台账", "shareType": "NONE", "openType": "NONE",
          "keyField": "visitId", "sourceCode": "weijian-db", "tableName": "medical_visits",
          "fields": [{"name": "visitId", "column": "visit_id", "dataType": "STRING"},
                     {"name": "visitDate", "column": "visit_date", "dataType": "DATE"}]}


def _published(client, gateway, entry) -> None:
    """A catalog entry saved, submitted and published (which moves the catalog generation)."""
    steward, admin = Api(client, gateway, "weijian-steward"), Api(client, gateway, "shuju-admin")
    draft = steward.query("mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }",
                          {"e": entry})["data"]["saveCatalogDraft"]["id"]
    steward.query("mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }", {"id": draft})
    published = admin.query("mutation($id: ID!) { publishCatalogDraft(id: $id) { status } }",
                            {"id": draft})
    assert published["data"]["publishCatalogDraft"]["status"] == "PUBLISHED", published


def test_readiness_names_a_table_or_column_gone_from_its_source(drifting):
    """/readyz checks that every published entry's table and columns are in its source: one
    gone is 503 naming the dataset, the table and the columns, without the driver's text. An
    answer is kept for DATAGATE_READINESS_CACHE_SECONDS (30 s here; a second process on the
    same store keeps it 0 s) and dropped when the catalog generation moves; put back, ready."""
    kind, client, gateway, engine = drifting
    polled = Gateway(gateway.settings.with_(readiness_cache_seconds=0))

    def ready(through) -> tuple[int, dict]:
        response = through.get("/readyz")
        return response.status_code, response.json()

    change = "CHANGE visit_date seen_on DATE" if kind == "mariadb" else "RENAME COLUMN visit_date TO seen_on"
    back = "CHANGE seen_on visit_date DATE" if kind == "mariadb" else "RENAME COLUMN seen_on TO visit_date"
    try:
        with TestClient(create_app(polled.settings, polled)) as other:
            status, report = ready(client)
            assert status == 200 and report["status"] == "ready", report
            assert set(report["datasets"]) >= {"population", "medicalVisits", "enterprises"}
            assert set(report["datasets"].values()) == {"ok"}
            with engine.begin() as conn:
                conn.execute(sa.text("ALTER TABLE medical_visits RENAME TO medical_visits_old"))
            try:
                assert ready(client)[0] == 200  # its answer of a moment ago is kept
                status, report = ready(other)
                assert status == 503 and report["status"] == "not ready", report
                assert report["datasets"]["medicalVisits"] == \
                    "table medical_visits is missing from source weijian-db"
                assert {c: s for c, s in report["datasets"].items() if s != "ok"} == {
                    "medicalVisits": report["datasets"]["medicalVisits"]}
                for driver_text in ("psycopg", "pymysql", "sqlite3", "Undefined", "exist", "no such"):
                    assert driver_text not in str(report), report
                _published(client, gateway, LEDGER)  # the catalog generation moves
                status, report = ready(client)
                assert status == 503 and {c for c, s in report["datasets"].items() if s != "ok"} \
                    == {"medicalVisits", "visitLedger"}, report
            finally:
                with engine.begin() as conn:
                    conn.execute(sa.text("ALTER TABLE medical_visits_old RENAME TO medical_visits"))
            status, report = ready(other)
            assert status == 200 and report["status"] == "ready", report
            with engine.begin() as conn:
                conn.execute(sa.text(f"ALTER TABLE medical_visits {change}"))
            try:
                status, report = ready(other)
                assert status == 503, report
                assert report["datasets"]["medicalVisits"] == \
                    "table medical_visits in source weijian-db lacks columns: visit_date"
                assert report["datasets"]["visitLedger"] == report["datasets"]["medicalVisits"]
            finally:
                with engine.begin() as conn:
                    conn.execute(sa.text(f"ALTER TABLE medical_visits {back}"))
            status, report = ready(other)
            assert status == 200 and set(report["datasets"].values()) == {"ok"}, report
    finally:
        polled.close()
