"""A city's own departments, apps and people, from an empty store (issue 17, items 1, 2, 7).

`datagate init` makes the data authority and a first security administrator; everything
else is made through the API (and the same acts as `datagate` subcommands), each act
audited with its before and after, each refusal with its code: an administrator giving
themself a role (§42), a wrong credit code, a deactivated principal or department, refused
at once on the next request. On a SQLite and a PostgreSQL store.
"""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gateway.cli import app as cli
from gateway.identifiers import make_credit_code
from gateway.store.models import AuditRecord
from gateway.web.app import Gateway, create_app
from tests.conftest import Api, codes, make_settings, temp_database

AUTHORITY_CODE = make_credit_code("11440600MB2C9301" + "5")  # 佛山市政务服务数据管理局 (made up)
MINZHENG_CODE = make_credit_code("11440600007010" + "59K")
RENSHE_CODE = make_credit_code("11440600007020" + "66X")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('city') / 'store.sqlite'}"
    else:
        with temp_database("postgresql") as url:
            yield url


@pytest.fixture(scope="module")
def city(store, tmp_path_factory):
    """An initialized store (by the CLI, as an operator would) served over HTTP."""
    data_dir = tmp_path_factory.mktemp("city-data")
    env = {"DATAGATE_DATABASE_URL": store, "DATAGATE_DATA_DIR": str(data_dir)}
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "--authority-code", "shuju", "--authority-name",
                                 "佛山市政务服务数据管理局", "--authority-credit-code",
                                 AUTHORITY_CODE, "--admin", "liang.xiuying@foshan.gov.cn",
                                 "--admin-name", "梁秀英"], env=env)
    assert result.exit_code == 0, result.output
    assert "datagate principal register" in result.output  # the next steps are printed
    settings = make_settings(data_dir, store)
    gateway = Gateway(settings)
    _base_world(gateway.services)
    with TestClient(create_app(settings, gateway)) as client:
        yield {"env": env, "gateway": gateway, "client": client, "runner": runner}
    gateway.close()


def _base_world(services) -> None:
    """What each test starts from (tests may run in any order, on any worker): an operator of
    the data authority, and 民政局 and 人社局 each with an app. Made by the same use cases the
    API calls; test_a_city_is_built_through_the_api makes its own through the API."""
    from gateway.access.principals import load_caller
    from gateway.workflows import departments, principal_admin, roles

    def caller(name):
        with services.store() as session:
            return load_caller(session, name)

    principal_admin.register(services, caller(ADMIN), "huang.operator", "黄志强", "PERSON", "shuju")
    roles.assign(services, caller(ADMIN), "huang.operator", "data_authority")
    for code, name, credit, app in (("minzheng", "佛山市民政局", MINZHENG_CODE, "minzheng-dibao"),
                                    ("renshe", "佛山市人力资源和社会保障局", RENSHE_CODE, "renshe-app")):
        departments.create(services, caller("huang.operator"), code, name, credit)
        principal_admin.register(services, caller(ADMIN), app, f"{name}业务系统", "APP", code)
        roles.assign(services, caller(ADMIN), app, "app")


def as_(city, principal):
    return Api(city["client"], city["gateway"], principal)


ADMIN = "liang.xiuying@foshan.gov.cn"

REGISTER = """mutation($name: String!, $display: String!, $kind: PrincipalKind!, $dept: String) {
  registerPrincipal(name: $name, displayName: $display, kind: $kind, department: $dept) {
    name kind department active roles createdBy } }"""
ASSIGN = "mutation($p: String!, $r: String!) { assignRole(principal: $p, role: $r) { roles } }"
ME = "{ me { principal department { code } } }"


def audit_since(city, before: int) -> list[AuditRecord]:
    with city["gateway"].services.store() as session:
        return list(session.scalars(sa.select(AuditRecord).where(AuditRecord.id > before)
                                    .order_by(AuditRecord.id)))


def newest(city) -> int:
    with city["gateway"].services.store() as session:
        return session.scalar(sa.select(sa.func.max(AuditRecord.id))) or 0


def test_init_runs_once_and_an_empty_store_is_not_served_silently(city, tmp_path):
    again = city["runner"].invoke(cli, ["init", "--authority-code", "other", "--authority-name",
                                        "某局", "--authority-credit-code", AUTHORITY_CODE,
                                        "--admin", "someone"], env=city["env"])
    assert again.exit_code == 2
    assert "ALREADY_INITIALIZED" in again.output and "runs once" in again.output
    empty = {"DATAGATE_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite'}",
             "DATAGATE_DATA_DIR": str(tmp_path)}
    served = city["runner"].invoke(cli, ["serve"], env=empty)
    assert served.exit_code == 2 and "datagate init" in served.output
    init_record = [r for r in audit_since(city, 0) if r.action == "INITIALIZE_STORE"]
    assert len(init_record) == 1 and init_record[0].principal == "datagate-init"
    assert json.loads(init_record[0].detail)["after"]["securityAdmin"]["roles"] == ["security_admin"]


def test_a_city_is_built_through_the_api_with_every_act_audited(city):
    admin = as_(city, ADMIN)
    before = newest(city)
    made = admin.query(REGISTER, {"name": "ouyang.lan", "display": "欧阳兰", "kind": "PERSON",
                                  "dept": "shuju"})
    assert made["data"]["registerPrincipal"] == {
        "name": "ouyang.lan", "kind": "PERSON", "department": "shuju", "active": True,
        "roles": [], "createdBy": ADMIN}
    assert admin.query(ASSIGN, {"p": "ouyang.lan", "r": "data_authority"})[
        "data"]["assignRole"]["roles"] == ["data_authority"]
    operator = as_(city, "ouyang.lan")
    code = make_credit_code("11440600MB2C0135" + "4")
    created = operator.query("""mutation($c: String!) { createDepartment(code: "weijian",
        name: "佛山市卫生健康局", creditCode: $c) { code name creditCode active isDataAuthority } }""",
                             {"c": " " + code.lower()})  # as typed: spaces, lower case
    assert created["data"]["createDepartment"] == {
        "code": "weijian", "name": "佛山市卫生健康局", "creditCode": code, "active": True,
        "isDataAuthority": False}
    renamed = operator.query("""mutation { updateDepartment(code: "weijian",
        name: "佛山市卫生健康局（市中医药局）") { name } }""")
    assert renamed["data"]["updateDepartment"]["name"] == "佛山市卫生健康局（市中医药局）"
    app = admin.query(REGISTER, {"name": "weijian-yibao", "display": "医保结算系统", "kind": "APP",
                                 "dept": "weijian"})
    assert app["data"]["registerPrincipal"]["department"] == "weijian"
    admin.query(ASSIGN, {"p": "weijian-yibao", "r": "app"})
    me = as_(city, "weijian-yibao").query(ME)
    assert me["data"]["me"] == {"principal": "weijian-yibao", "department": {"code": "weijian"}}

    acts = {r.action: r for r in audit_since(city, before) if r.outcome == "ALLOWED"}
    assert {"REGISTER_PRINCIPAL", "ASSIGN_ROLE", "CREATE_DEPARTMENT", "UPDATE_DEPARTMENT"} <= set(acts)
    rename = json.loads(acts["UPDATE_DEPARTMENT"].detail)
    assert rename["subject"] == "weijian"
    assert rename["before"]["name"] == "佛山市卫生健康局"
    assert rename["after"]["name"] == "佛山市卫生健康局（市中医药局）"
    assert acts["UPDATE_DEPARTMENT"].principal == "ouyang.lan"
    listed = admin.query("{ principals(department: \"weijian\") { name roles } }")
    assert listed["data"]["principals"] == [{"name": "weijian-yibao", "roles": ["app"]}]
    assert "weijian" in [d["code"] for d in as_(city, None).query(
        "{ departments { code } }")["data"]["departments"]]


@pytest.mark.parametrize("role", ["app", "steward", "auditor", "security_admin"])
def test_an_administrator_cannot_give_themself_a_role(city, role):
    admin = as_(city, ADMIN)
    before = newest(city)
    body = admin.query(ASSIGN, {"p": ADMIN, "r": role})
    assert codes(body) == ["SELF_GRANT"] and body["data"] is None
    assert "§42" in body["errors"][0]["message"]
    denied = [r for r in audit_since(city, before) if r.outcome == "DENIED"]
    assert [(r.principal, r.error_code, r.action) for r in denied] == [
        (ADMIN, "SELF_GRANT", "ASSIGN_ROLE")]
    roles = admin.query("{ principals { name roles } }")["data"]["principals"]
    assert {p["name"]: p["roles"] for p in roles}[ADMIN] == ["security_admin"]


def test_refusals_say_what_to_do(city):
    admin = as_(city, ADMIN)
    wrong = MINZHENG_CODE[:-1] + ("0" if MINZHENG_CODE[-1] != "0" else "1")
    body = as_(city, "huang.operator").query(
        "mutation($c: String!) { createDepartment(code: \"gongan\", name: \"佛山市公安局\", "
        "creditCode: $c) { code } }", {"c": wrong})
    assert codes(body) == ["INVALID_CREDIT_CODE"] and "GB 32100" in body["errors"][0]["message"]
    # a security administrator does not make departments, and an app does not make principals
    assert codes(admin.query("mutation { createDepartment(code: \"x\", name: \"某局\", "
                             f"creditCode: \"{MINZHENG_CODE}\") {{ code }} }}")) == ["FORBIDDEN"]
    assert codes(as_(city, "minzheng-dibao").query(
        REGISTER, {"name": "x", "display": "x", "kind": "APP", "dept": "minzheng"})) == ["FORBIDDEN"]
    # an app of no department, an unknown department, a duplicate, data_authority outside it
    assert codes(admin.query(REGISTER, {"name": "lone-app", "display": "x", "kind": "APP"})) == [
        "BAD_INPUT"]
    assert codes(admin.query(REGISTER, {"name": "a", "display": "x", "kind": "APP",
                                        "dept": "nowhere"})) == ["NOT_FOUND"]
    assert codes(admin.query(REGISTER, {"name": "minzheng-dibao", "display": "x", "kind": "APP",
                                        "dept": "minzheng"})) == ["BAD_INPUT"]
    assert codes(admin.query(ASSIGN, {"p": "minzheng-dibao", "r": "data_authority"})) == ["BAD_INPUT"]
    # §42: the operator (data operation) cannot also become the security administrator
    assert codes(admin.query(ASSIGN, {"p": "huang.operator", "r": "security_admin"})) == [
        "ROLE_CONFLICT"]


SET_PRINCIPAL = """mutation($n: String!, $a: Boolean!, $r: String!) {
  setPrincipalActive(name: $n, active: $a, reason: $r) { active } }"""


def test_a_deactivated_principal_or_department_is_refused_at_once(city):
    admin, operator = as_(city, ADMIN), as_(city, "huang.operator")
    app = as_(city, "minzheng-dibao")
    assert app.query(ME)["data"]["me"]["principal"] == "minzheng-dibao"  # now cached
    assert codes(admin.query(SET_PRINCIPAL, {"n": "minzheng-dibao", "a": False, "r": ""})) == [
        "BAD_INPUT"]  # a reason is required
    admin.query(SET_PRINCIPAL, {"n": "minzheng-dibao", "a": False, "r": "系统下线"})
    refused = app.post(ME)
    assert refused.status_code == 401
    assert codes(refused.json()) == ["UNAUTHENTICATED"]
    assert "deactivated" in refused.json()["errors"][0]["message"]
    admin.query(SET_PRINCIPAL, {"n": "minzheng-dibao", "a": True, "r": ""})
    assert app.query(ME)["data"]["me"]["principal"] == "minzheng-dibao"
    # nobody deactivates themself
    assert codes(admin.query(SET_PRINCIPAL, {"n": ADMIN, "a": False, "r": "test"})) == ["SELF_GRANT"]

    body = operator.query("""mutation { setDepartmentActive(code: "minzheng", active: false,
        reason: "机构改革，职能并入市社会救助中心") { active } }""")
    assert body["data"]["setDepartmentActive"]["active"] is False
    assert codes(app.post(ME).json()) == ["UNAUTHENTICATED"]
    # the data authority itself cannot be deactivated
    assert codes(operator.query("mutation { setDepartmentActive(code: \"shuju\", active: false, "
                                "reason: \"x\") { active } }")) == ["BAD_INPUT"]
    operator.query("mutation { setDepartmentActive(code: \"minzheng\", active: true) { active } }")
    assert app.query(ME)["data"]["me"]["principal"] == "minzheng-dibao"


def test_the_cli_does_the_same_acts_with_the_same_checks(city):
    runner, env = city["runner"], city["env"]
    run = lambda *args: runner.invoke(cli, list(args), env=env)  # noqa: E731
    code = make_credit_code("11440600007010" + "48X")
    made = run("department", "create", "gongan", "--name", "佛山市公安局",
               "--credit-code", code, "--as", "huang.operator")
    assert made.exit_code == 0, made.output
    refused = run("department", "create", "shichang", "--name", "佛山市市场监督管理局",
                  "--credit-code", code, "--as", ADMIN)
    assert refused.exit_code == 2 and "[FORBIDDEN]" in refused.output
    assert run("principal", "register", "gongan-hukou", "--name", "户籍核验系统", "--kind", "app",
               "--department", "gongan", "--as", ADMIN).exit_code == 0
    assert run("role", "assign", "gongan-hukou", "app", "--as", ADMIN).exit_code == 0
    own = run("role", "assign", ADMIN, "auditor", "--as", ADMIN)
    assert own.exit_code == 2 and "[SELF_GRANT]" in own.output
    listed = run("department", "list")
    assert "renshe" in listed.output and code in listed.output
    unknown = run("role", "assign", "gongan-hukou", "app", "--as", "nobody")
    assert unknown.exit_code == 2 and "unknown or deactivated" in unknown.output
    acts = [(r.principal, r.action, r.outcome, r.error_code) for r in audit_since(city, 0)
            if r.action in ("CREATE_DEPARTMENT", "ASSIGN_ROLE") and r.principal in (ADMIN, "huang.operator")]
    assert ("huang.operator", "CREATE_DEPARTMENT", "ALLOWED", None) in acts
    assert (ADMIN, "CREATE_DEPARTMENT", "DENIED", "FORBIDDEN") in acts
    assert (ADMIN, "ASSIGN_ROLE", "DENIED", "SELF_GRANT") in acts
    assert as_(city, "gongan-hukou").query(ME)["data"]["me"]["department"] == {"code": "gongan"}


def test_deactivation_reaches_every_gateway_process_at_once(city):
    """A second gateway process on the same store, its caller cache warm, refuses the
    principal on the very next request after the first process deactivated it."""
    gateway = city["gateway"]
    other = Gateway(gateway.settings)
    try:
        with TestClient(create_app(other.settings, other)) as client:
            second = Api(client, other, "renshe-app")
            assert second.query(ME)["data"]["me"]["principal"] == "renshe-app"  # cached there
            as_(city, ADMIN).query(SET_PRINCIPAL, {"n": "renshe-app", "a": False, "r": "密钥泄露"})
            assert codes(second.post(ME).json()) == ["UNAUTHENTICATED"]
            as_(city, ADMIN).query(SET_PRINCIPAL, {"n": "renshe-app", "a": True, "r": ""})
            assert second.query(ME)["data"]["me"]["principal"] == "renshe-app"
            as_(city, "huang.operator").query(
                'mutation { setDepartmentActive(code: "renshe", active: false, reason: "撤并") '
                '{ active } }')
            assert codes(second.post(ME).json()) == ["UNAUTHENTICATED"]
            as_(city, "huang.operator").query(
                'mutation { setDepartmentActive(code: "renshe", active: true) { active } }')
            assert second.query(ME)["data"]["me"]["principal"] == "renshe-app"
    finally:
        other.close()
