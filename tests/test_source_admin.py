"""Source databases registered by departments, and catalog drafts made from their tables, over
HTTP GraphQL and the CLI, on real PostgreSQL and MariaDB servers.

PostgreSQL here trusts local logins, so the password tests run on MariaDB: a user of its own
with a password that is rotated while the gateway runs. No password may appear in an answer,
a log line or any table of the store.
"""
from __future__ import annotations

import contextlib
import logging
import secrets
import uuid

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gateway.demo.data.people import population_rows
from gateway.demo.setup import ensure_demo_world
from gateway.settings import Settings
from gateway.store.models import Department, Source
from gateway.web.app import Gateway, create_app
from tests.conftest import (FROZEN_AT, HASH_SECRET, MARIADB_ADMIN, PURPOSE, Api, audited_since,
                            codes, newest_audit_id, temp_database)

PEOPLE = 120
JWT_SECRET = "test-secret-not-for-production-use-0123456789"
PG_SECRET = "pg-env-secret-" + secrets.token_hex(6)  # PostgreSQL trusts: never checked

REGISTER = """mutation($code: String!, $dept: String!, $url: String!, $secret: String,
  $password: String, $name: String! = "") {
  registerSource(code: $code, department: $dept, url: $url, secret: $secret, password: $password,
                 name: $name) { code name department url dialect password retiredAt } }"""
TEST = "mutation($code: String!) { testSource(code: $code) { code dialect seconds } }"
SET_PASSWORD = """mutation($code: String!, $secret: String, $password: String) {
  setSourcePassword(code: $code, secret: $secret, password: $password) { url password } }"""
DRAFT = """mutation($source: String!, $input: DraftFromTableInput!) {
  draftFromTable(source: $source, input: $input) {
    draft { id code status department entry }
    fields { field column kind sensitivity confidence sampled }
    skipped { name type } } }"""
SUBMIT = "mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }"
PUBLISH = 'mutation($id: ID!) { publishCatalogDraft(id: $id, note: "同意") { status } }'
REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }"""
APPROVE = "mutation($id: ID!) { approveShareRequest(id: $id) { status grant { id } } }"


@pytest.fixture(scope="module")
def world(tmp_path_factory, demo_source_urls):
    """A gateway (SQLite store, demo departments) with a PostgreSQL source database of people
    and a MariaDB one whose user logs in with a password."""
    with temp_database("postgresql") as pg_url, temp_database("mariadb") as mdb_url:
        _fill_postgresql(pg_url)
        mariadb = _MariaDB(mdb_url)
        data_dir = tmp_path_factory.mktemp("source-admin")
        secrets_dir = data_dir / "secrets"
        secrets_dir.mkdir()
        environ = {"DATAGATE_SOURCE_SECRET_GONGAN_PG": PG_SECRET,
                   "DATAGATE_SOURCE_SECRET_RENSHE_MARIADB": mariadb.password}
        settings = Settings.from_env(
            environ, data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'store.sqlite'}",
            dev_mode=True, jwt_secret=JWT_SECRET, clock=FROZEN_AT, hash_secret=HASH_SECRET,
            source_secrets_dir=secrets_dir)
        gateway = Gateway(settings)
        ensure_demo_world(gateway.services, data_dir, source_urls=demo_source_urls,
                          populate=False)
        try:
            with TestClient(create_app(settings, gateway)) as client:
                yield World(client, gateway, pg_url, mariadb, secrets_dir)
        finally:
            gateway.close()
            mariadb.drop()


class World:
    def __init__(self, client, gateway, pg_url, mariadb, secrets_dir):
        self.client, self.gateway, self.mariadb, self.secrets_dir = client, gateway, mariadb, secrets_dir
        self.pg = sa.engine.make_url(pg_url)
        self.answers: list[str] = []  # every answer's text, searched for passwords

    def api(self, principal):
        return _Recorded(Api(self.client, self.gateway, principal), self.answers)

    def pg_url(self) -> str:
        """The PostgreSQL source's URL as a steward writes it: no password."""
        return f"postgresql://postgres@{self.pg.host}:{self.pg.port}/{self.pg.database}"


class _Recorded:
    def __init__(self, api, answers):
        self.api, self.answers = api, answers

    def query(self, query, variables=None):
        response = self.api.post(query, variables)
        self.answers.append(response.text)
        return response.json()


def _fill_postgresql(url: str) -> None:
    people = list(population_rows(PEOPLE, seed=17))
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("""CREATE TABLE residents (
            id_number varchar(18) PRIMARY KEY, full_name varchar(32) NOT NULL,
            gender varchar(2) NOT NULL, birth_date date NOT NULL, phone varchar(11),
            address varchar(128), district varchar(8) NOT NULL, monthly_income numeric(10, 2),
            registered_at timestamp, is_migrant boolean)""")
        conn.exec_driver_sql("COMMENT ON COLUMN residents.id_number IS '公民身份号码'")
        conn.execute(sa.text(
            "INSERT INTO residents VALUES (:id_number, :name, :gender, :birth_date, :phone, "
            ":address, :district, :income, now(), :migrant)"),
            [{**p, "income": 2000 + i * 37.5, "migrant": i % 9 == 0} for i, p in enumerate(people)])
        # a member is listed in each household they belong to: member_id_number repeats
        conn.exec_driver_sql("""CREATE TABLE household_members (
            household_id integer NOT NULL, member_id_number varchar(18) NOT NULL,
            relation varchar(8) NOT NULL)""")
        rows = [{"h": i // 3, "m": p["id_number"], "r": "户主" if i % 3 == 0 else "子女"}
                for i, p in enumerate(people[:60])]
        rows += [{"h": 100 + i, "m": p["id_number"], "r": "配偶"} for i, p in enumerate(people[:4])]
        conn.execute(sa.text("INSERT INTO household_members VALUES (:h, :m, :r)"), rows)
    engine.dispose()


class _MariaDB:
    """A database with a table of insured people and a user of its own, with a password."""

    def __init__(self, url: str):
        self.database = sa.engine.make_url(url).database
        self.user = f"dg_src_{uuid.uuid4().hex[:8]}"
        self.password = "Mdb-" + secrets.token_hex(8)
        self.passwords = [self.password]
        self.admin = sa.create_engine(MARIADB_ADMIN, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE USER '{self.user}'@'%%' IDENTIFIED BY '{self.password}'")
            conn.exec_driver_sql(f"GRANT SELECT ON {self.database}.* TO '{self.user}'@'%%'")
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("""CREATE TABLE insured_persons (
                id_number varchar(18) PRIMARY KEY, name varchar(32) NOT NULL,
                district varchar(8) NOT NULL, monthly_base decimal(10, 2) NOT NULL)
                CHARACTER SET utf8mb4""")
            self.people = [{"id_number": p["id_number"], "name": p["name"], "district": p["district"],
                            "base": 3000 + i * 11} for i, p in enumerate(population_rows(80, seed=29))]
            conn.execute(sa.text("INSERT INTO insured_persons VALUES (:id_number, :name, :district, :base)"),
                         self.people)
        engine.dispose()

    def url(self) -> str:
        return f"mysql://{self.user}@127.0.0.1:3306/{self.database}"

    def rotate(self) -> str:
        """A new password for the user, and every connection of the user closed (as a server
        restart would): the gateway must log in again, with the new password."""
        self.password = "Mdb-" + secrets.token_hex(8)
        self.passwords.append(self.password)
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"ALTER USER '{self.user}'@'%%' IDENTIFIED BY '{self.password}'")
            ids = conn.execute(sa.text("SELECT id FROM information_schema.processlist WHERE user = :u"),
                               {"u": self.user}).scalars().all()
            for pid in ids:
                with contextlib.suppress(sa.exc.DBAPIError):
                    conn.exec_driver_sql(f"KILL CONNECTION {int(pid)}")
        return self.password

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP USER IF EXISTS '{self.user}'@'%%'")
        self.admin.dispose()


def _publish_from_table(world, steward, source, table, code, key, fields, **metadata):
    """draftFromTable, submitted, published by the data authority, and a lookup grant on it
    for minzheng approved by the steward; the draft's answer."""
    made = world.api(steward).query(DRAFT, {"source": source, "input": {
        "code": code, "table": table, "keyColumn": key, "name": metadata.pop("name", code),
        "shareType": "CONDITIONAL", "openType": "NONE", "updateFrequency": "每日",
        "shareConditions": "仅用于经办审核", "legalBasis": "《广东省公共数据管理办法》", **metadata}})
    assert "errors" not in made, made
    draft = made["data"]["draftFromTable"]["draft"]
    assert world.api(steward).query(SUBMIT, {"id": draft["id"]})["data"]["submitCatalogDraft"]["status"] == "SUBMITTED"
    published = world.api("shuju-admin").query(PUBLISH, {"id": draft["id"]})
    assert published["data"]["publishCatalogDraft"]["status"] == "PUBLISHED", published
    filed = world.api("minzheng-steward").query(REQUEST, {"input": {
        "dataset": code, "modes": ["LOOKUP"], "fields": fields, "purpose": PURPOSE,
        "purposeDescription": "核对低保申请人信息", "users": "社会救助科", "expiresOn": "2027-06-30"}})
    approved = world.api(steward).query(APPROVE, {"id": filed["data"]["requestShare"]["id"]})
    assert approved["data"]["approveShareRequest"]["status"] == "APPROVED", approved
    return made["data"]["draftFromTable"]


def _lookup(world, code, key, fields):
    return world.api("minzheng-app").query(
        'query($k: String!) { %s(purpose: "%s") { lookup(key: $k) { %s } } }' % (code, PURPOSE, fields),
        {"k": key})


def _store_text(gateway) -> str:
    """Every value of every table of the store, as text."""
    engine = gateway.services.engine
    parts = []
    with engine.connect() as conn:
        for table in sa.inspect(engine).get_table_names():
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                parts.append(" ".join(str(v) for v in row))
    return "\n".join(parts)


def test_a_postgresql_table_becomes_a_published_dataset(world):
    steward = world.api("gongan-steward")
    registered = steward.query(REGISTER, {"code": "gongan-pg", "dept": "gongan", "url": world.pg_url(),
                                          "secret": "env:GONGAN_PG", "name": "人口库（PostgreSQL）"})
    assert registered["data"]["registerSource"] == {
        "code": "gongan-pg", "name": "人口库（PostgreSQL）", "department": "gongan",
        "url": f"postgresql+psycopg://postgres@{world.pg.host}:{world.pg.port}/{world.pg.database}",
        "dialect": "postgresql", "password": "env:GONGAN_PG", "retiredAt": None}
    assert steward.query(TEST, {"code": "gongan-pg"})["data"]["testSource"]["dialect"] == "postgresql"
    assert "residents" in steward.query('{ sourceTables(source: "gongan-pg") }')["data"]["sourceTables"]
    columns = {c["name"]: c for c in steward.query(
        '{ sourceColumns(source: "gongan-pg", table: "residents") { name dataType primaryKey comment } }'
    )["data"]["sourceColumns"]}
    assert columns["id_number"] == {"name": "id_number", "dataType": "STRING", "primaryKey": True,
                                    "comment": "公民身份号码"}
    assert [columns[c]["dataType"] for c in ("birth_date", "monthly_income", "is_migrant", "registered_at")] \
        == ["DATE", "DECIMAL", "BOOLEAN", None]

    made = _publish_from_table(world, "gongan-steward", "gongan-pg", "residents", "residentRegister",
                               "id_number", ["fullName", "district", "birthDate"], keyKind="ID_NUMBER",
                               name="常住人口登记信息", description="本市常住人口基础信息")
    entry = made["draft"]["entry"]
    assert entry["owner_department"] == "gongan" and entry["key_field"] == "idNumber"
    assert (entry["update_frequency"], entry["legal_basis"]) == ("每日", "《广东省公共数据管理办法》")
    fields = {f["name"]: f for f in entry["fields"]}
    assert fields["idNumber"]["identifier_kind"] == "ID_NUMBER"
    assert fields["idNumber"]["sensitivity"] == "DIRECT_IDENTIFIER"
    assert fields["fullName"]["column"] == "full_name" and fields["fullName"]["masking"]["kind"] == "NAME"
    assert fields["phone"]["sensitivity"] == "DIRECT_IDENTIFIER" and fields["phone"]["masking"]["open"] != "keep"
    assert fields["district"]["dimension"] and not fields["fullName"]["dimension"]
    assert made["skipped"] == [{"name": "registered_at", "type": "TIMESTAMP WITHOUT TIME ZONE"}]

    engine = sa.create_engine(world.pg)
    with engine.connect() as conn:
        person = conn.execute(sa.text("SELECT id_number, full_name, district, birth_date FROM residents "
                                      "ORDER BY id_number OFFSET 11 LIMIT 1")).mappings().one()
    engine.dispose()
    found = _lookup(world, "residentRegister", person["id_number"], "fullName district birthDate")
    assert found["data"]["residentRegister"]["lookup"] == {
        "fullName": person["full_name"], "district": person["district"],
        "birthDate": person["birth_date"].isoformat()}

    retire = steward.query('mutation { retireSource(code: "gongan-pg", reason: "迁移") { code } }')
    assert codes(retire) == ["BAD_INPUT"] and "residentRegister" in retire["errors"][0]["message"]


def test_a_key_column_that_repeats_is_refused(world):
    steward = world.api("gongan-steward")
    steward.query(REGISTER, {"code": "gongan-households", "dept": "gongan", "url": world.pg_url()})
    refused = steward.query(DRAFT, {"source": "gongan-households", "input": {
        "code": "householdMembers", "table": "household_members", "keyColumn": "member_id_number",
        "name": "户籍成员", "shareType": "CONDITIONAL", "openType": "NONE"}})
    assert codes(refused) == ["KEY_NOT_UNIQUE"]
    assert "4 rows repeat" in refused["errors"][0]["message"]
    drafts = world.api("gongan-steward").query("{ catalogDrafts { code } }")["data"]["catalogDrafts"]
    assert "householdMembers" not in [d["code"] for d in drafts]
    other = world.api("minzheng-steward")
    for query in ('{ sourceTables(source: "gongan-households") }',
                  'mutation { testSource(code: "gongan-households") { code } }'):
        assert codes(other.query(query)) == ["FORBIDDEN"]
    assert codes(other.query(REGISTER, {"code": "gongan-x", "dept": "gongan", "url": world.pg_url()})) == ["FORBIDDEN"]
    stranger_draft = other.query(DRAFT, {"source": "gongan-households", "input": {
        "code": "householdRelations", "table": "household_members", "keyColumn": "household_id",
        "name": "户籍", "shareType": "NONE", "openType": "NONE"}})
    assert codes(stranger_draft) == ["FORBIDDEN"]


def test_a_mariadb_password_rotates_without_a_restart(world):
    mariadb, steward = world.mariadb, world.api("renshe-steward")
    registered = steward.query(REGISTER, {"code": "renshe-mdb", "dept": "renshe", "url": mariadb.url(),
                                          "secret": "env:RENSHE_MARIADB"})
    assert registered["data"]["registerSource"]["password"] == "env:RENSHE_MARIADB"
    _publish_from_table(world, "renshe-steward", "renshe-mdb", "insured_persons", "insuredPersons",
                        "id_number", ["name", "monthlyBase"], name="参保人员")
    person = mariadb.people[7]

    def reads():
        found = _lookup(world, "insuredPersons", person["id_number"], "name monthlyBase")
        assert found["data"]["insuredPersons"]["lookup"] == {"name": person["name"],
                                                            "monthlyBase": float(person["base"])}, found
    reads()

    password_file = world.secrets_dir / "renshe-mariadb.password"  # a mounted secret
    password_file.write_text(mariadb.rotate() + "\n")
    named = steward.query(SET_PASSWORD, {"code": "renshe-mdb", "secret": f"file:{password_file.name}"})
    assert named["data"]["setSourcePassword"]["password"] == f"file:{password_file.name}"
    reads()
    password_file.write_text(mariadb.rotate() + "\n")  # the file rotated alone, as a vault does
    reads()
    assert steward.query(TEST, {"code": "renshe-mdb"})["data"]["testSource"]["dialect"] == "mysql"

    sealed = steward.query(SET_PASSWORD, {"code": "renshe-mdb", "password": "placeholder-" + mariadb.password})
    assert sealed["data"]["setSourcePassword"]["password"] == "sealed"
    mariadb.passwords.append("placeholder-" + mariadb.password)
    steward.query(SET_PASSWORD, {"code": "renshe-mdb", "password": mariadb.rotate()})
    reads()

    mariadb.rotate()  # changed on the server only: the gateway's is wrong now
    failed = steward.query(TEST, {"code": "renshe-mdb"})
    assert codes(failed) == ["SOURCE_UNAVAILABLE"]
    assert "refused the login" in failed["errors"][0]["message"]
    assert codes(_lookup(world, "insuredPersons", person["id_number"], "name")) == ["SOURCE_UNAVAILABLE"]
    store = _store_text(world.gateway)
    for password in mariadb.passwords:
        assert password not in store and not any(password in a for a in world.answers), password


def test_a_source_that_cannot_connect_says_why_and_leaks_no_password(world, caplog):
    caplog.set_level(logging.DEBUG)
    before = newest_audit_id(world.gateway)
    steward, password = world.api("gongan-steward"), "Unreach-" + secrets.token_hex(8)
    registered = steward.query(REGISTER, {"code": "gongan-offline", "dept": "gongan",
                                          "url": f"postgresql://gongan_reader:{password}@127.0.0.1:1/renkou"})
    assert registered["data"]["registerSource"]["password"] == "sealed"
    assert registered["data"]["registerSource"]["url"] == "postgresql+psycopg://gongan_reader@127.0.0.1:1/renkou"
    failed = steward.query(TEST, {"code": "gongan-offline"})
    assert codes(failed) == ["SOURCE_UNAVAILABLE"]
    assert "cannot be reached: check host, port" in failed["errors"][0]["message"]
    wrong = "Wrong-" + secrets.token_hex(8)
    renshe = world.api("renshe-steward")
    renshe.query(REGISTER, {"code": "renshe-wrong", "dept": "renshe",
                            "url": world.mariadb.url().replace("@", f":{wrong}@")})
    refused = renshe.query(TEST, {"code": "renshe-wrong"})
    assert "refused the login" in refused["errors"][0]["message"]
    ready = world.client.get("/readyz")
    world.answers.append(ready.text)
    assert ready.json()["sources"]["gongan-offline"].startswith("unreachable: the server cannot be reached")
    assert ready.json()["sources"]["gongan-db"] == "ok"  # the demo's SQLite sources, as before

    audited = [(r.action, r.outcome) for r in audited_since(world.gateway, before)]
    assert ("REGISTER_SOURCE", "ALLOWED") in audited and ("TEST_SOURCE", "DENIED") in audited
    store = _store_text(world.gateway)
    for secret in (password, wrong):
        assert secret not in store and secret not in caplog.text
        assert not any(secret in a for a in world.answers)
    assert "gongan-offline failed its test" in caplog.text


def _clinics_file(path):
    """A department's own SQLite file with one table."""
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE clinics (credit_code TEXT PRIMARY KEY, name TEXT)")
    engine.dispose()
    return path


def test_urls_and_secrets_a_steward_may_not_use(world):
    steward = world.api("gongan-steward")
    store_file = world.gateway.settings.store_url.removeprefix("sqlite:///")

    def refusal(url, secret=None, code="gongan-bad"):
        body = steward.query(REGISTER, {"code": code, "dept": "gongan", "url": url, "secret": secret})
        return codes(body), body.get("errors", [{}])[0].get("message", "")

    assert refusal(f"sqlite:///{store_file}")[0] == ["FORBIDDEN"]
    with world.gateway.services.store() as session:
        renshe_file = session.get(Source, "renshe-db").url  # the demo's SQLite source of renshe
    assert refusal(renshe_file) == (["FORBIDDEN"], "that SQLite file is source renshe-db of renshe; "
                                                   "a department registers only its own databases")
    assert refusal(world.pg_url(), "env:RENSHE_MARIADB") == (
        ["FORBIDDEN"], "a steward of gongan names only its own secrets, whose name starts with "
                       "'GONGAN_' (e.g. env:GONGAN_DB); ask the data authority for any other")
    assert refusal(world.pg_url(), "file:../store.sqlite")[0] == ["BAD_INPUT"]
    # a file named for another department whose code merely begins with this one's
    assert refusal(world.pg_url(), "file:gonganjiaojing-db.password")[0] == ["FORBIDDEN"]
    with world.gateway.services.store() as session, session.begin():
        if session.get(Department, "gongan-jiaojing") is None:  # 交警支队, a department of its own
            session.add(Department(code="gongan-jiaojing", name="市公安局交通警察支队"))
    assert refusal(world.pg_url(), "env:GONGAN_JIAOJING_DB")[0] == ["FORBIDDEN"]
    assert refusal(world.pg_url(), "file:gongan-jiaojing.password")[0] == ["FORBIDDEN"]
    assert refusal(world.pg_url(), "env:GONGAN_NOT_SET")[0] == ["BAD_INPUT"]
    assert refusal(world.pg_url() + "?passfile=/root/.pgpass")[0] == ["BAD_INPUT"]
    assert refusal("oracle://scott@db.example/orcl")[0] == ["BAD_INPUT"]
    assert refusal("sqlite:///relative.sqlite")[0] == ["BAD_INPUT"]
    assert refusal(world.pg_url(), code="Gongan DB")[0] == ["BAD_INPUT"]
    clinic = _clinics_file(world.secrets_dir.parent / "clinics.sqlite")
    weijian = world.api("weijian-steward")
    added = weijian.query(REGISTER, {"code": "weijian-clinics", "dept": "weijian", "url": f"sqlite:///{clinic}"})
    assert added["data"]["registerSource"]["password"] == "none"
    assert weijian.query('{ sourceTables(source: "weijian-clinics") }')["data"]["sourceTables"] == ["clinics"]
    # the data authority may name any department's secret
    authority = world.api("shuju-admin").query(REGISTER, {"code": "renshe-by-authority", "dept": "renshe",
                                                          "url": world.mariadb.url(), "secret": "env:RENSHE_MARIADB"})
    assert authority["data"]["registerSource"]["password"] == "env:RENSHE_MARIADB"


def test_rename_retire_and_a_password_left_in_an_old_url(world, caplog):
    caplog.set_level(logging.WARNING)
    legacy_password = "Legacy-" + secrets.token_hex(6)
    with world.gateway.services.store() as session, session.begin():  # as an old store holds it
        session.add(Source(code="gongan-legacy", department_code="gongan", name="旧人口库",
                           url=f"postgresql+psycopg://postgres:{legacy_password}@{world.pg.host}:"
                               f"{world.pg.port}/{world.pg.database}"))
    ready = world.client.get("/readyz").json()
    assert ready["sources"]["gongan-legacy"] == "ok"
    assert any("gongan-legacy" in w and "set-password" in w for w in ready["warnings"])
    steward = world.api("gongan-steward")
    listed = {s["code"]: s for s in steward.query("{ sources { code password url } }")["data"]["sources"]}
    assert listed["gongan-legacy"]["password"].startswith("in the URL, in plain text")
    assert legacy_password not in listed["gongan-legacy"]["url"]
    assert "renshe-mdb" not in listed  # another department's
    moved = steward.query(SET_PASSWORD, {"code": "gongan-legacy", "password": legacy_password})
    assert moved["data"]["setSourcePassword"]["password"] == "sealed"
    assert legacy_password not in _store_text(world.gateway)
    assert not any("gongan-legacy" in w for w in world.client.get("/readyz").json()["warnings"])
    assert steward.query(TEST, {"code": "gongan-legacy"})["data"]["testSource"]["code"] == "gongan-legacy"

    before = newest_audit_id(world.gateway)
    renamed = steward.query('mutation { renameSource(code: "gongan-legacy", name: "人口库（旧）") { code name } }')
    assert renamed["data"]["renameSource"] == {"code": "gongan-legacy", "name": "人口库（旧）"}
    retired = steward.query('mutation { retireSource(code: "gongan-legacy", reason: "已迁移至新库") { retiredAt } }')
    assert retired["data"]["retireSource"]["retiredAt"].startswith("2026-11-25T10:00:00+08:00")
    details = {r.action: r.detail for r in audited_since(world.gateway, before)}
    assert '"before":"旧人口库","after":"人口库（旧）"' in details["RENAME_SOURCE"]
    assert "已迁移至新库" in details["RETIRE_SOURCE"]
    assert codes(steward.query(TEST, {"code": "gongan-legacy"})) == ["BAD_INPUT"]
    assert "gongan-legacy" not in world.client.get("/readyz").json()["sources"]
    with pytest.raises(Exception, match="retired"):
        world.gateway.services.sources.engine("gongan-legacy")


def test_the_command_line_does_the_same(world, monkeypatch):
    from gateway.cli.main import app

    settings = world.gateway.settings
    env = {"DATAGATE_DATA_DIR": str(settings.data_dir), "DATAGATE_DATABASE_URL": settings.store_url,
           "DATAGATE_HASH_SECRET": HASH_SECRET, "DATAGATE_SOURCE_SECRETS_DIR": str(world.secrets_dir),
           "DATAGATE_SOURCE_SECRET_GONGAN_PG": PG_SECRET}
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(app, list(args), env=env, input=input)

    password = "Cli-" + secrets.token_hex(6)
    done = run("source", "register", "gongan-cli", "gongan", world.pg_url(), "--password-stdin",
               "--as", "gongan-steward", input=password + "\n")
    assert done.exit_code == 0, done.output
    assert "password: sealed" in done.output and password not in done.output
    assert "gongan-cli" in run("source", "list", "--as", "gongan-steward").output
    assert "residents" in run("source", "tables", "gongan-cli", "--as", "gongan-steward").output
    columns = run("source", "columns", "gongan-cli", "residents", "--as", "gongan-steward").output
    assert "registered_at" in columns and "(no catalog type)" in columns
    before = newest_audit_id(world.gateway)
    repeated = run("source", "draft", "gongan-cli", "household_members", "--dataset", "householdCli",
                   "--key", "member_id_number", "--name", "户籍成员", "--share-type", "CONDITIONAL",
                   "--as", "gongan-steward")
    assert repeated.exit_code == 2 and "KEY_NOT_UNIQUE" in repeated.output
    denied = [r for r in audited_since(world.gateway, before) if r.outcome == "DENIED"]
    assert [(r.action, r.error_code) for r in denied] == [("DRAFT_FROM_TABLE", "KEY_NOT_UNIQUE")]
    drafted = run("source", "draft", "gongan-cli", "residents", "--dataset", "residentsCli",
                  "--key", "id_number", "--name", "常住人口", "--share-type", "CONDITIONAL",
                  "--update-frequency", "每月", "--as", "gongan-steward")
    assert drafted.exit_code == 0, drafted.output
    assert "idNumber" in drafted.output and "ID_NUMBER" in drafted.output
    assert run("source", "test", "gongan-cli", "--as", "minzheng-steward").exit_code == 2


def test_a_sqlite_source_moved_away_is_unavailable_and_no_file_is_made(world):
    """Registration refuses a missing SQLite file; one moved away later must say it cannot be
    opened, not answer from a new, empty file that SQLite would make on connect."""
    clinic = _clinics_file(world.secrets_dir.parent / "clinics-moving.sqlite")
    weijian = world.api("weijian-steward")
    added = weijian.query(REGISTER, {"code": "weijian-moving", "dept": "weijian", "url": f"sqlite:///{clinic}"})
    assert "errors" not in added, added
    clinic.rename(clinic.with_suffix(".moved"))
    tested = weijian.query(TEST, {"code": "weijian-moving"})
    assert codes(tested) == ["SOURCE_UNAVAILABLE"]
    assert tested["errors"][0]["message"].endswith("the SQLite file of source weijian-moving is not there")
    listed = weijian.query('{ sourceTables(source: "weijian-moving") }')  # a read, not a ping
    assert codes(listed) == ["SOURCE_UNAVAILABLE"]
    assert str(clinic) not in listed["errors"][0]["message"]
    assert not clinic.exists()
    clinic.with_suffix(".moved").rename(clinic)  # back: the source answers again
    assert weijian.query(TEST, {"code": "weijian-moving"})["data"]["testSource"]["dialect"] == "sqlite"
