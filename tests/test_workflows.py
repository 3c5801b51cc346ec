"""The regulation's workflows end to end over HTTP, with the clock frozen where it matters."""
from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gateway.web.app import Gateway, create_app
from gateway.demo.setup import ensure_demo_world
from gateway.demo.workflows import CITIZEN
from gateway.store.models import Department, Principal, RoleAssignment
from tests.conftest import (PURPOSE, Api, audited_since, codes, make_settings, newest_audit_id,
                            temp_database)

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) {
  id status dataset modes fields purpose requesterDepartment dueOn grant { id } reason scenarioId } }"""
APPROVE = """mutation($id: ID!, $modes: [Mode!], $fields: [String!], $until: Date) {
  approveShareRequest(id: $id, modes: $modes, fields: $fields, expiresOn: $until) {
    id status modes fields expiresOn grant { id } } }"""
OVERDUE = "{ overdue { kind id dueOn owner status } }"


class Clocks:
    """Gateways on the shared store at chosen instants (several processes, as in production)."""

    def __init__(self, gateway):
        self.base = gateway
        self.open: dict = {}

    def api(self, principal: str | None, at: dt.datetime | None = None) -> Api:
        key = at or "now"
        if key not in self.open:
            gw = self.base if at is None else Gateway(self.base.settings.with_(clock=at))
            client = TestClient(create_app(gw.settings, gw))
            client.__enter__()
            self.open[key] = (gw, client)
        gw, client = self.open[key]
        return Api(client, gw, principal)

    def close(self):
        for key, (gw, client) in self.open.items():
            client.__exit__(None, None, None)
            if key != "now":
                gw.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def gateway(request, demo_source_urls, tmp_path_factory):
    """A demo world of this module's own: the grants it approves and revokes would otherwise
    stay in the session's shared world and change what later modules' callers may see."""
    data_dir = tmp_path_factory.mktemp("workflows")
    with contextlib.ExitStack() as stack:
        url = (f"sqlite:///{data_dir / 'store.sqlite'}" if request.param == "sqlite"
               else stack.enter_context(temp_database("postgresql")))
        world = Gateway(make_settings(data_dir, url))
        stack.callback(world.close)
        ensure_demo_world(world.services, data_dir, source_urls=demo_source_urls, populate=False)
        yield world


@pytest.fixture(scope="module")
def client(gateway):
    with TestClient(create_app(gateway.settings, gateway)) as test_client:
        yield test_client


@pytest.fixture
def api(client, gateway):
    return lambda principal=None: Api(client, gateway, principal)


@pytest.fixture(scope="module")
def clocks(gateway):
    c = Clocks(gateway)
    yield c
    c.close()


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def ask(api, dataset, modes, fields, purpose, expires="2027-06-30"):
    return api.query(REQUEST, {"input": {"dataset": dataset, "modes": modes, "fields": fields,
                                         "purpose": purpose, "expiresOn": expires,
                                         "purposeDescription": "test", "users": "科室"}})


def test_a_request_filed_before_national_day_is_due_after_it(clocks):
    sept_30 = at("2026-09-30")
    body = ask(clocks.api("renshe-steward", sept_30), "population", ["LOOKUP"], ["name"], "holiday-check")
    request = body["data"]["requestShare"]
    assert request["status"] == "PENDING" and request["dueOn"] == "2026-10-13"
    assert request["requesterDepartment"] == "renshe"
    inbox = clocks.api("gongan-steward", sept_30).query(
        "{ shareRequests(box: INBOX, status: PENDING) { id dueOn requesterDepartment } }")
    assert {"id": request["id"], "dueOn": "2026-10-13", "requesterDepartment": "renshe"} in \
        inbox["data"]["shareRequests"]
    notes = clocks.api("gongan-steward", sept_30).query("{ notifications { kind subjectId message } }")
    assert any(n["kind"] == "REQUEST_RECEIVED" and n["subjectId"] == request["id"]
               for n in notes["data"]["notifications"])
    outbox = clocks.api("renshe-steward", sept_30).query("{ shareRequests(box: OUTBOX) { id } }")
    assert {"id": request["id"]} in outbox["data"]["shareRequests"]


def test_approval_narrower_than_asked_grants_exactly_what_was_approved(clocks, people):
    person = people[20]
    filed = ask(clocks.api("renshe-steward"), "population", ["LOOKUP", "COMPARE"],
                ["name", "birthDate", "phone"], "pension-eligibility")["data"]["requestShare"]
    gongan = clocks.api("gongan-steward")
    wider = gongan.query(APPROVE, {"id": filed["id"], "fields": ["name", "address"]})
    assert codes(wider) == ["WIDENING_NOT_ALLOWED"] and "address" in wider["errors"][0]["message"]
    later = gongan.query(APPROVE, {"id": filed["id"], "until": "2028-01-01"})
    assert codes(later) == ["WIDENING_NOT_ALLOWED"]
    approved = gongan.query(APPROVE, {"id": filed["id"], "modes": ["LOOKUP"],
                                      "fields": ["name", "birthDate"], "until": "2027-03-31"})
    decision = approved["data"]["approveShareRequest"]
    assert decision["status"] == "APPROVED" and decision["modes"] == ["LOOKUP"]
    assert decision["fields"] == ["birthDate", "name"] and decision["grant"]["id"]
    again = gongan.query(APPROVE, {"id": filed["id"]})
    assert codes(again) == ["BAD_INPUT"]

    renshe = clocks.api("renshe-app")
    lookup = 'query($k: String!) { population(purpose: "pension-eligibility") { lookup(key: $k) { %s } } }'
    body = renshe.query(lookup % "name birthDate", {"k": person["id_number"]})
    assert body["data"]["population"]["lookup"] == {"name": person["name"],
                                                    "birthDate": str(person["birth_date"])}
    denied = renshe.query(lookup % "name phone", {"k": person["id_number"]})
    assert codes(denied) == ["FORBIDDEN_FIELD"] and person["phone"] not in str(denied)
    compare = renshe.query('query($k: String!) { population(purpose: "pension-eligibility") { '
                           'compare(key: $k, values: {name: "x"}) { name } } }', {"k": person["id_number"]})
    assert codes(compare) == ["FORBIDDEN_MODE"]
    grants = clocks.api("renshe-steward").query('{ grants(dataset: "population") { id purpose expiresAt origin } }')
    mine = [g for g in grants["data"]["grants"] if g["id"] == decision["grant"]["id"]]
    assert mine and mine[0]["expiresAt"].startswith("2027-04-01T00:00:00+08:00") and mine[0]["origin"] == "REQUEST"


def test_only_the_owners_steward_answers(clocks):
    filed = ask(clocks.api("renshe-steward"), "population", ["LOOKUP"], ["name"], "x-check")["data"]["requestShare"]
    for principal in ("renshe-steward", "minzheng-steward", "shuju-admin", "minzheng-app"):
        assert codes(clocks.api(principal).query(APPROVE, {"id": filed["id"]})) == ["FORBIDDEN"], principal


def test_rejection_needs_a_reason_and_for_unconditional_data_a_legal_basis(clocks):
    filed = ask(clocks.api("minzheng-steward"), "enterprises", ["ROWS"], ["name"], "firm-check")["data"]["requestShare"]
    shichang = clocks.api("shichang-steward")
    reject = """mutation($id: ID!, $r: String!, $l: String) { rejectShareRequest(id: $id, reason: $r, legalBasis: $l) {
      status reason legalBasis } }"""
    assert codes(shichang.query(reject, {"id": filed["id"], "r": " "})) == ["BAD_INPUT"]
    missing = shichang.query(reject, {"id": filed["id"], "r": "系统改造中"})
    assert codes(missing) == ["BAD_INPUT"] and "legal basis" in missing["errors"][0]["message"]
    done = shichang.query(reject, {"id": filed["id"], "r": "系统改造中", "l": "《某条例》第X条"})
    assert done["data"]["rejectShareRequest"] == {"status": "REJECTED", "reason": "系统改造中",
                                                  "legalBasis": "《某条例》第X条"}
    notes = clocks.api("minzheng-steward").query("{ notifications { kind subjectId } }")
    assert {"kind": "REQUEST_REJECTED", "subjectId": filed["id"]} in notes["data"]["notifications"]


def test_requests_that_cannot_be_made(clocks):
    gongan = clocks.api("gongan-steward")
    assert codes(ask(gongan, "population", ["LOOKUP"], ["name"], "own")) == ["BAD_INPUT"]
    none = ask(clocks.api("renshe-steward"), "medicalVisits", ["LOOKUP"], ["diagnosis"], "p")
    assert codes(none) == ["BAD_INPUT"] and "NONE" in none["errors"][0]["message"]
    assert codes(ask(clocks.api("renshe-steward"), "population", ["LOOKUP"], ["salary"], "p")) == ["BAD_INPUT"]
    assert codes(ask(clocks.api("renshe-steward"), "population", ["LOOKUP"], ["name"], "p",
                     expires="2020-01-01")) == ["BAD_INPUT"]
    assert codes(ask(clocks.api("auditor"), "population", ["LOOKUP"], ["name"], "p")) == ["FORBIDDEN"]
    assert codes(ask(clocks.api(None), "population", ["LOOKUP"], ["name"], "p")) == ["FORBIDDEN"]


SCENARIO = """mutation($input: ScenarioInput!) { defineScenario(input: $input) { id name departments } }"""


def test_a_request_inside_a_scenario_is_granted_at_once_and_ends_with_it(clocks):
    admin = clocks.api("shuju-admin")
    scenario = admin.query(SCENARIO, {"input": {
        "name": "养老服务规划", "purpose": "elderly-care-planning", "departments": ["weijian"],
        "validUntil": "2027-12-31",
        "items": [{"dataset": "socialInsurance", "modes": ["STATS"], "fields": ["district", "status"]}]}})
    scenario_id = scenario["data"]["defineScenario"]["id"]
    assert codes(clocks.api("weijian-steward").query(SCENARIO, {"input": {
        "name": "x", "purpose": "y", "departments": ["weijian"], "validUntil": "2027-12-31",
        "items": [{"dataset": "socialInsurance", "modes": ["STATS"], "fields": ["district"]}]}})) == ["FORBIDDEN"]
    granted = ask(clocks.api("weijian-steward"), "socialInsurance", ["STATS"], ["district"],
                  "elderly-care-planning")["data"]["requestShare"]
    assert granted["status"] == "APPROVED" and granted["scenarioId"] == scenario_id and granted["grant"]
    outside = ask(clocks.api("weijian-steward"), "socialInsurance", ["STATS"], ["district", "monthlyBase"],
                  "elderly-care-planning")["data"]["requestShare"]
    assert outside["status"] == "PENDING"
    stats = '{ socialInsurance(purpose: "elderly-care-planning") { stats(groupBy: [DISTRICT]) { groups { count } } } }'
    weijian = clocks.api("weijian-steward")
    assert "errors" not in weijian.query(stats)
    ended = admin.query("mutation($id: ID!) { endScenario(id: $id, reason: \"规划结束\") { endedAt } }",
                        {"id": scenario_id})
    assert ended["data"]["endScenario"]["endedAt"]
    assert codes(weijian.query(stats)) == ["GRANT_REVOKED"]


def test_revocation_is_seen_by_another_gateway_process_at_once(clocks, gateway, people):
    filed = ask(clocks.api("renshe-steward"), "population", ["LOOKUP"], ["name"], "revocation-test")
    approved = clocks.api("gongan-steward").query(APPROVE, {"id": filed["data"]["requestShare"]["id"]})
    grant_id = approved["data"]["approveShareRequest"]["grant"]["id"]
    other = Gateway(gateway.settings)
    try:
        with TestClient(create_app(other.settings, other)) as other_client:
            there = Api(other_client, other, "renshe-app")
            query = 'query($k: String!) { population(purpose: "revocation-test") { lookup(key: $k) { name } } }'
            assert there.query(query, {"k": people[0]["id_number"]})["data"]["population"]["lookup"]
            revoked = clocks.api("gongan-steward").query(
                'mutation($id: ID!) { revokeGrant(id: $id, reason: "用途已完成") { revokedAt revokeReason } }',
                {"id": grant_id})
            assert revoked["data"]["revokeGrant"]["revokeReason"] == "用途已完成"
            body = there.query(query, {"k": people[0]["id_number"]})
            assert codes(body) == ["GRANT_REVOKED"] and people[0]["name"] not in str(body)
    finally:
        other.close()
    assert codes(clocks.api("renshe-steward").query(
        'mutation { revokeGrant(id: %s, reason: "x") { id } }' % grant_id)) == ["FORBIDDEN"]


REVOKE = 'mutation($id: ID!) { revokeGrant(id: $id, reason: "用途已完成") { revokedAt } }'
BY_MODE_LOOKUP = """query($p: String!, $k: String!) { population(purpose: $p) {
  lookup(key: $k) { name } } }"""


@pytest.fixture(scope="module")
def chexiao(gateway):
    """A department of its own (撤销测试局), so that no other test's grant on population
    keeps lookup in its schema."""
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        if session.get(Department, "chexiao") is None:
            session.add(Department(code="chexiao", name="撤销测试局"))
            session.flush()
            for name, role in (("chexiao-steward", "steward"), ("chexiao-app", "app")):
                principal = Principal(name=name, display_name=name, kind="APP",
                                      department_code="chexiao")
                principal.roles = [RoleAssignment(role=role, assigned_at=now)]
                session.add(principal)
    return "chexiao"


def _granted(clocks, when, modes, purpose) -> int:
    filed = ask(clocks.api("chexiao-steward", when), "population", modes, ["name"], purpose)
    approved = clocks.api("gongan-steward", when).query(
        APPROVE, {"id": filed["data"]["requestShare"]["id"]})
    return approved["data"]["approveShareRequest"]["grant"]["id"]


def _refused(api, gateway, purpose, person) -> tuple[dict, list]:
    before = newest_audit_id(gateway)
    body = api.query(BY_MODE_LOOKUP, {"p": purpose, "k": person["id_number"]})
    assert person["name"] not in str(body)
    return body["errors"][0], [(r.outcome, r.dataset, r.error_code, r.detail)
                               for r in audited_since(gateway, before)]


def test_a_lookup_under_a_revoked_lookup_grant_is_grant_revoked_naming_it(clocks, gateway, chexiao,
                                                                          people):
    """The lookup grant is revoked while a compare grant of the same department, purpose and
    dataset lives: the lookup is GRANT_REVOKED naming the lookup grant, whether lookup is gone
    from the caller's schema, still there through a lookup grant for another purpose, or the
    dataset is gone; FORBIDDEN_MODE is for a mode no grant for the purpose ever had."""
    person, purpose, other = people[40], "revocation-by-mode", "revocation-by-mode-other"
    lookup_id = _granted(clocks, at("2026-11-26", 9), ["LOOKUP"], purpose)
    compare_id = _granted(clocks, at("2026-11-26", 9), ["COMPARE"], purpose)
    app = clocks.api("chexiao-app", at("2026-11-26", 9))
    assert app.query(BY_MODE_LOOKUP, {"p": purpose, "k": person["id_number"]}) == {
        "data": {"population": {"lookup": {"name": person["name"]}}}}
    clocks.api("gongan-steward", at("2026-11-26", 10)).query(REVOKE, {"id": lookup_id})

    app = clocks.api("chexiao-app", at("2026-11-26", 10))
    access = app.query('{ __type(name: "PopulationAccess") { fields { name } } }')
    assert access["data"]["__type"]["fields"] == [{"name": "compare"}]  # lookup hidden
    error, audited = _refused(app, gateway, purpose, person)
    assert error["extensions"]["code"] == "GRANT_REVOKED"
    assert f"grant {lookup_id} " in error["message"]
    assert audited == [("DENIED", "population", "GRANT_REVOKED", error["message"])]
    rows = app.query('{ population(purpose: "%s") { rows { nodes { name } } } }' % purpose)
    assert codes(rows) == ["FORBIDDEN_MODE"]  # no grant for the purpose ever had rows

    other_id = _granted(clocks, at("2026-11-26", 11), ["LOOKUP"], other)
    app = clocks.api("chexiao-app", at("2026-11-26", 11))
    error, audited = _refused(app, gateway, purpose, person)  # lookup in the schema again
    assert error["extensions"]["code"] == "GRANT_REVOKED"
    assert f"grant {lookup_id} " in error["message"]
    assert audited == [("DENIED", "population", "GRANT_REVOKED", error["message"])]

    clocks.api("gongan-steward", at("2026-11-26", 12)).query(REVOKE, {"id": compare_id})
    app = clocks.api("chexiao-app", at("2026-11-26", 12))
    error, audited = _refused(app, gateway, purpose, person)  # both lapsed, lookup in the schema
    assert error["extensions"]["code"] == "GRANT_REVOKED"
    assert f"grant {lookup_id} " in error["message"]  # not the compare grant, revoked later
    assert audited == [("DENIED", "population", "GRANT_REVOKED", error["message"])]

    clocks.api("gongan-steward", at("2026-11-26", 13)).query(REVOKE, {"id": other_id})
    app = clocks.api("chexiao-app", at("2026-11-26", 13))
    assert "population" not in str(app.query("{ __schema { queryType { fields { name } } } }"))
    error, audited = _refused(app, gateway, purpose, person)
    assert error["extensions"]["code"] == "GRANT_REVOKED"
    assert f"grant {lookup_id} " in error["message"]  # not the compare grant, revoked later
    assert audited == [("DENIED", "population", "GRANT_REVOKED", error["message"])]
    error, _ = _refused(app, gateway, other, person)
    assert error["extensions"]["code"] == "GRANT_REVOKED" and f"grant {other_id} " in error["message"]


def test_a_dispute_goes_due_soon_then_overdue_then_is_resolved(clocks, people):
    raised = clocks.api("minzheng-app", at("2026-09-30")).query(
        """mutation($k: String!) { raiseDispute(dataset: "population", key: $k, field: "address",
           description: "地址与申请材料不一致") { id dueOn status ownerDepartment } }""",
        {"k": people[30]["id_number"]})["data"]["raiseDispute"]
    assert raised == {"id": raised["id"], "dueOn": "2026-10-20", "status": "OPEN", "ownerDepartment": "gongan"}
    mine = lambda body: [i for i in body["data"]["overdue"] if i["kind"] == "DISPUTE" and i["id"] == raised["id"]]
    assert mine(clocks.api("shuju-admin", at("2026-10-16")).query(OVERDUE)) == []
    assert mine(clocks.api("shuju-admin", at("2026-10-19")).query(OVERDUE))[0]["status"] == "DUE_SOON"
    late = mine(clocks.api("shuju-admin", at("2026-10-21")).query(OVERDUE))
    assert late == [{"kind": "DISPUTE", "id": raised["id"], "dueOn": "2026-10-20", "owner": "gongan",
                     "status": "OVERDUE"}]
    assert mine(clocks.api("gongan-steward", at("2026-10-21")).query(OVERDUE))
    assert not mine(clocks.api("renshe-steward", at("2026-10-21")).query(OVERDUE))
    resolve = """mutation($id: ID!) { resolveDispute(id: $id, outcome: CORRECTED, note: "已更正地址") {
      status outcomeNote } }"""
    assert codes(clocks.api("minzheng-steward", at("2026-10-21")).query(resolve, {"id": raised["id"]})) == ["FORBIDDEN"]
    done = clocks.api("gongan-steward", at("2026-10-21")).query(resolve, {"id": raised["id"]})
    assert done["data"]["resolveDispute"] == {"status": "CORRECTED", "outcomeNote": "已更正地址"}
    assert mine(clocks.api("shuju-admin", at("2026-10-22")).query(OVERDUE)) == []
    told = clocks.api("minzheng-app").query("{ notifications { kind subjectId } }")
    assert {"kind": "DISPUTE_RESOLVED", "subjectId": raised["id"]} in told["data"]["notifications"]


def test_consent_given_used_withdrawn(clocks, gateway, people):
    with gateway.services.store() as session:
        from gateway.store.models import Principal
        subject = session.get(Principal, CITIZEN).id_number
    other = next(p for p in people if p["id_number"] != subject)
    # minzheng asks for ethnicity inside the demo scenario: granted at once
    granted = ask(clocks.api("minzheng-steward"), "population", ["LOOKUP"], ["name", "ethnicity"],
                  PURPOSE)["data"]["requestShare"]
    assert granted["status"] == "APPROVED" and granted["scenarioId"]
    lookup = 'query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name ethnicity } } }' % PURPOSE
    minzheng = clocks.api("minzheng-app")
    body = minzheng.query(lookup, {"k": subject})
    assert body["data"]["population"]["lookup"]["ethnicity"], body
    refused = minzheng.query(lookup, {"k": other["id_number"]})
    assert codes(refused) == ["CONSENT_REQUIRED"] and other["ethnicity"] not in str(refused)
    assert "errors" not in minzheng.query(lookup.replace("name ethnicity", "name"), {"k": other["id_number"]})
    citizen = clocks.api(CITIZEN)
    consents = citizen.query("{ consents { id department fields withdrawnAt scenarioId } }")["data"]["consents"]
    active = [c for c in consents if c["withdrawnAt"] is None and c["department"] == "minzheng"]
    assert active
    for c in active:
        citizen.query("mutation($id: ID!) { withdrawConsent(id: $id) { withdrawnAt } }", {"id": c["id"]})
    assert codes(minzheng.query(lookup, {"k": subject})) == ["CONSENT_REQUIRED"]
    given = citizen.query("""mutation($s: ID!) { giveConsent(department: "minzheng", scenarioId: $s,
        dataset: "population", fields: ["ethnicity"], validUntil: "2027-06-30") { id } }""",
                          {"s": active[0]["scenarioId"]})
    assert given["data"]["giveConsent"]["id"]
    assert minzheng.query(lookup, {"k": subject})["data"]["population"]["lookup"]["ethnicity"]
    assert codes(clocks.api("minzheng-app").query(
        """mutation { giveConsent(department: "minzheng", scenarioId: 1, dataset: "population",
           fields: ["ethnicity"], validUntil: "2027-06-30") { id } }""")) == ["FORBIDDEN"]
    rows = clocks.api("minzheng-app").query(
        '{ population(purpose: "%s") { stats(groupBy: [ETHNICITY]) { suppressed } } }' % PURPOSE)
    assert codes(rows) in (["CONSENT_REQUIRED"], ["FORBIDDEN_MODE"])


ASSIGN = 'mutation($p: String!, $r: String!) { assignRole(principal: $p, role: $r) { principal roles } }'


def test_separated_duties(clocks, gateway):
    security = clocks.api("security-admin")
    conflict = security.query(ASSIGN, {"p": "gongan-steward", "r": "auditor"})
    assert codes(conflict) == ["ROLE_CONFLICT"] and "§42" in conflict["errors"][0]["message"]
    assert codes(security.query(ASSIGN, {"p": "auditor", "r": "security_admin"})) == ["ROLE_CONFLICT"]
    # on themself, the administrator is refused before any conflict is looked for
    assert codes(security.query(ASSIGN, {"p": "security-admin", "r": "steward"})) == ["SELF_GRANT"]
    assert codes(clocks.api("shuju-admin").query(ASSIGN, {"p": "renshe-app", "r": "steward"})) == ["FORBIDDEN"]
    ok = security.query(ASSIGN, {"p": "renshe-app", "r": "steward"})
    assert ok["data"]["assignRole"] == {"principal": "renshe-app", "roles": ["app", "steward"]}
    trail = clocks.api("auditor").query('{ auditLog(first: 20, principal: "security-admin") { nodes { action outcome errorCode detail } } }')
    actions = [(n["action"], n["outcome"]) for n in trail["data"]["auditLog"]["nodes"]]
    assert ("ASSIGN_ROLE", "ALLOWED") in actions and ("ASSIGN_ROLE", "DENIED") in actions


DRAFT = """mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id code status department } }"""


def _entry(code="enterpriseRegister", description="企业名册"):
    return {"code": code, "name": "企业名册", "description": description, "shareType": "UNCONDITIONAL",
            "openType": "NONE", "keyField": "creditCode", "sourceCode": "shichang-db",
            "tableName": "enterprises", "legalBasis": "《市场主体登记管理条例》",
            "fields": [{"name": "creditCode", "column": "credit_code", "dataType": "STRING",
                        "identifierKind": "CREDIT_CODE"},
                       {"name": "name", "dataType": "STRING"},
                       {"name": "district", "dataType": "STRING", "dimension": True}]}


def test_catalog_lifecycle(clocks):
    steward, admin = clocks.api("shichang-steward", at("2026-11-02")), clocks.api("shuju-admin", at("2026-11-02"))
    assert codes(clocks.api("gongan-steward").query(DRAFT, {"e": {**_entry(), "code": "enterprises"}})) == ["FORBIDDEN"]
    draft = steward.query(DRAFT, {"e": _entry()})["data"]["saveCatalogDraft"]
    assert draft["status"] == "DRAFT" and draft["department"] == "shichang"
    assert codes(admin.query("mutation($id: ID!) { publishCatalogDraft(id: $id) { status } }", {"id": draft["id"]})) == ["BAD_INPUT"]
    steward.query("mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }", {"id": draft["id"]})
    returned = admin.query('mutation($id: ID!) { returnCatalogDraft(id: $id, note: "请补充字段说明") { status reviewNote } }',
                           {"id": draft["id"]})
    assert returned["data"]["returnCatalogDraft"] == {"status": "RETURNED", "reviewNote": "请补充字段说明"}
    steward.query(DRAFT, {"e": _entry(description="企业名册（含字段说明）")})
    steward.query("mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }", {"id": draft["id"]})
    assert codes(steward.query("mutation($id: ID!) { publishCatalogDraft(id: $id) { status } }", {"id": draft["id"]})) == ["FORBIDDEN"]
    published = admin.query('mutation($id: ID!) { publishCatalogDraft(id: $id, note: "同意") { status } }', {"id": draft["id"]})
    assert published["data"]["publishCatalogDraft"]["status"] == "PUBLISHED"
    rows = clocks.api("renshe-app").query('{ enterpriseRegister(purpose: "p") { rows(first: 2) { nodes { name } } } }')
    assert len(rows["data"]["enterpriseRegister"]["rows"]["nodes"]) == 2
    history = steward.query('{ catalogHistory(code: "enterpriseRegister") { version note entry } }')["data"]["catalogHistory"]
    assert [h["version"] for h in history] == [1] and history[0]["entry"]["description"] == "企业名册（含字段说明）"

    duty = steward.query('mutation { recordCatalogChange(code: "enterpriseRegister", reason: "登记条例修订") { id dueOn } }')
    due = duty["data"]["recordCatalogChange"]["dueOn"]
    assert due == "2026-11-23"  # 15 working days after 2026-11-02
    late = clocks.api("shuju-admin", at("2026-11-24")).query(OVERDUE)["data"]["overdue"]
    assert {"kind": "CATALOG_UPDATE", "id": duty["data"]["recordCatalogChange"]["id"], "dueOn": due,
            "owner": "shichang", "status": "OVERDUE"} in late
    second = steward.query(DRAFT, {"e": _entry(description="企业名册（依修订后条例）")})["data"]["saveCatalogDraft"]
    assert second["id"] != draft["id"], "a published draft is not reopened; a new one starts"
    steward.query("mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }", {"id": second["id"]})
    admin.query('mutation($id: ID!) { publishCatalogDraft(id: $id, note: "依新条例") { status } }', {"id": second["id"]})
    assert not [i for i in clocks.api("shuju-admin", at("2026-11-24")).query(OVERDUE)["data"]["overdue"]
                if i["kind"] == "CATALOG_UPDATE" and i["owner"] == "shichang"]
    assert len(steward.query('{ catalogHistory(code: "enterpriseRegister") { version } }')["data"]["catalogHistory"]) == 2

    assert codes(steward.query('mutation { deprecateCatalogEntry(code: "enterpriseRegister", reason: "") { id } }')) == ["BAD_INPUT"]
    notice = steward.query('mutation { deprecateCatalogEntry(code: "enterpriseRegister", reason: "并入企业登记信息") { id title body } }')
    assert notice["data"]["deprecateCatalogEntry"]["body"] == "并入企业登记信息"
    public = clocks.api(None).query("{ notices { dataset body } }")["data"]["notices"]
    assert {"dataset": "enterpriseRegister", "body": "并入企业登记信息"} in public
    gone = clocks.api("renshe-app").query('{ enterpriseRegister(purpose: "p") { rows { nodes { name } } } }')
    assert codes(gone) == ["BAD_INPUT"]


def test_demo_inboxes_are_filled(clocks):
    inbox = clocks.api("gongan-steward").query("{ shareRequests(box: INBOX, status: PENDING) { dataset requesterDepartment } }")
    assert {"dataset": "population", "requesterDepartment": "renshe"} in inbox["data"]["shareRequests"]
    disputes = clocks.api("gongan-steward").query("{ disputes(status: \"OPEN\") { dataset field } }")
    assert {"dataset": "population", "field": "address"} in disputes["data"]["disputes"]


def test_overdue_command_line(gateway, monkeypatch):
    from gateway.cli import app

    monkeypatch.setenv("DATAGATE_DATABASE_URL", gateway.settings.store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(gateway.settings.data_dir))
    monkeypatch.setenv("DATAGATE_CLOCK", "2027-12-01T10:00:00+08:00")
    result = CliRunner().invoke(app, ["overdue"])
    assert result.exit_code == 0, result.output
    assert "OVERDUE" in result.output and "SHARE_REQUEST" in result.output and "owed by gongan" in result.output


def test_a_steward_cannot_overwrite_another_departments_draft_of_a_new_code(api):
    """A code no entry has yet is the drafting department's until it is published."""
    draft = {"code": "hukouMovesDraft", "name": "户籍迁移登记", "shareType": "CONDITIONAL",
             "openType": "NONE", "keyField": "idNumber",
             "fields": [{"name": "idNumber", "dataType": "STRING"}]}
    mine = api("gongan-steward").query(DRAFT, {"e": draft})
    assert mine["data"]["saveCatalogDraft"]["department"] == "gongan"
    taken = api("renshe-steward").query(DRAFT, {"e": {**draft, "name": "人社改写"}})
    assert codes(taken) == ["FORBIDDEN"] and "gongan" in taken["errors"][0]["message"]
    again = api("gongan-steward").query(DRAFT, {"e": {**draft, "name": "户籍迁移登记（修订）"}})
    assert again["data"]["saveCatalogDraft"]["id"] == mine["data"]["saveCatalogDraft"]["id"]
