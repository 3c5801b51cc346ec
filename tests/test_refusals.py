"""Every refusal over HTTP: its extensions.code, a message that helps, and no refused value."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from gateway.store.models import Grant, Purpose
from tests.conftest import PURPOSE, audited_since, codes, newest_audit_id

LOOKUP = """query($k: String!) { population(purpose: %s) { lookup(key: $k) { %s } } }"""


@pytest.fixture(scope="module")
def weijian_grants(gateway):
    """weijian (卫健局) gets: two live lookup grants with different fields for two purposes,
    one expired grant and one revoked grant, each for its own purpose."""
    now = gateway.services.clock.now()
    ids = {}
    with gateway.services.store() as session, session.begin():
        for code in ("health-a", "health-b", "health-old", "health-revoked"):
            if session.get(Purpose, code) is None:
                session.add(Purpose(code=code, name=code))
        session.flush()
        specs = {
            "health-a": (["name"], now + dt.timedelta(days=30), None),
            "health-b": (["name", "phone"], now + dt.timedelta(days=30), None),
            "health-old": (["name", "phone"], now - dt.timedelta(days=1), None),
            "health-revoked": (["name"], now + dt.timedelta(days=30), now - dt.timedelta(hours=1)),
        }
        for purpose, (fields, expires, revoked) in specs.items():
            grant = Grant(dataset_code="population", department_code="weijian", modes=["LOOKUP"],
                          fields=fields, purpose=purpose, expires_at=expires, created_at=now,
                          revoked_at=revoked, revoke_reason="test" if revoked else None)
            session.add(grant)
            session.flush()
            ids[purpose] = grant.id
    return ids


def test_anonymous_callers_see_the_catalog_but_no_data(api, people):
    anonymous = api(None)
    catalog = anonymous.query("{ catalog { code } }")
    assert {e["code"] for e in catalog["data"]["catalog"]} >= {"population", "enterprises"}
    body = anonymous.query(LOOKUP % ('"x"', "name"), {"k": people[0]["id_number"]})
    assert codes(body) == ["UNAUTHENTICATED"]
    assert people[0]["name"] not in str(body)


def test_bad_and_expired_tokens_are_401(client, gateway):
    response = client.post("/graphql", json={"query": "{ me { principal } }"},
                           headers={"Authorization": "Bearer not.a.token"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    old = gateway.services.tokens.issue("minzheng-app", gateway.services.clock.now() - dt.timedelta(days=400), 1)
    response = client.post("/graphql", json={"query": "{ me { principal } }"},
                           headers={"Authorization": f"Bearer {old}"})
    assert response.status_code == 401 and "expired" in response.json()["errors"][0]["message"]


def test_unknown_principal_token_is_refused(client, gateway):
    token = gateway.services.tokens.issue("nobody-here", gateway.services.clock.now())
    response = client.post("/graphql", json={"query": "{ me { principal } }"},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_not_shared_dataset_is_forbidden(api):
    body = api("minzheng-app").query('{ medicalVisits(purpose: "x") { rows { nodes { diagnosis } } } }')
    assert codes(body) == ["FORBIDDEN_DATASET"]
    assert "requestShare" in body["errors"][0]["message"]


def test_conditional_dataset_without_grant_is_forbidden(api, people):
    body = api("renshe-app").query(LOOKUP % ('"x"', "name"), {"k": people[0]["id_number"]})
    assert codes(body) == ["FORBIDDEN_DATASET"]
    assert people[0]["name"] not in str(body)


def test_mode_outside_the_grant_is_forbidden(api, people):
    body = api("minzheng-app").query('{ population(purpose: "%s") { rows { nodes { name } } } }' % PURPOSE)
    assert codes(body) == ["FORBIDDEN_MODE"]
    assert not any(p["name"] in str(body) for p in people[:50])


def test_field_outside_the_grant_is_forbidden_and_absent(api, people):
    person = people[1]
    body = api("minzheng-app").query(LOOKUP % (f'"{PURPOSE}"', "name phone address"),
                                     {"k": person["id_number"]})
    assert set(codes(body)) == {"FORBIDDEN_FIELD"}
    assert person["phone"] not in str(body) and person["address"] not in str(body)
    assert person["name"] not in str(body)


def test_field_granted_for_another_purpose_is_forbidden_at_run_time(api, people, weijian_grants):
    person = people[2]
    weijian = api("weijian-steward")
    allowed = weijian.query(LOOKUP % ('"health-b"', "name phone"), {"k": person["id_number"]})
    assert allowed["data"]["population"]["lookup"] == {"name": person["name"], "phone": person["phone"]}
    body = weijian.query(LOOKUP % ('"health-a"', "name phone"), {"k": person["id_number"]})
    assert codes(body) == ["FORBIDDEN_FIELD"]
    assert body["errors"][0]["extensions"]["fields"] == ["phone"]
    assert person["phone"] not in str(body) and person["name"] not in str(body)


def test_a_field_outside_the_purpose_in_a_second_occurrence_is_forbidden(api, people,
                                                                         weijian_grants):
    """Fields of every occurrence of a merged field are checked against the grant, not only
    the first one's: phone is in the schema (health-b grants it) but not under health-a."""
    person = people[4]
    body = api("weijian-steward").query(
        """query($k: String!) { population(purpose: "health-a") {
        lookup(key: $k) { name } lookup(key: $k) { phone } } }""", {"k": person["id_number"]})
    assert codes(body) == ["FORBIDDEN_FIELD"]
    assert body["errors"][0]["extensions"]["fields"] == ["phone"]
    assert person["phone"] not in str(body) and person["name"] not in str(body)


def test_a_field_left_out_by_skip_or_include_is_not_asked_for(api, gateway, people,
                                                              weijian_grants):
    """Clients switch fields on and off with @include/@skip and a variable. A field switched
    off is not asked for: it is not checked against the grant (phone is not granted under
    health-a), not fetched and not audited; switched on, it is refused as ever."""
    from tests.test_audit import _latest

    person = people[6]
    weijian = api("weijian-steward")
    query = """query($k: String!, $phone: Boolean!) { population(purpose: "health-a") {
      lookup(key: $k) { name phone @include(if: $phone) ... on PopulationRecord @skip(if: true) {
        phone } ...Extra @include(if: $phone) } } }
      fragment Extra on PopulationRecord { phone }"""
    off = weijian.query(query, {"k": person["id_number"], "phone": False})
    assert "errors" not in off, off
    assert off["data"]["population"]["lookup"] == {"name": person["name"]}
    record = _latest(gateway)
    assert (record.outcome, record.fields) == ("ALLOWED", ["name"])
    on = weijian.query(query, {"k": person["id_number"], "phone": True})
    assert codes(on) == ["FORBIDDEN_FIELD"] and on["errors"][0]["extensions"]["fields"] == ["phone"]
    assert person["phone"] not in str(on) and person["name"] not in str(on)


def test_a_null_skip_or_include_condition_is_bad_input_before_anything_is_read(
        api, gateway, people, weijian_grants):
    """`$v: Boolean = false` may be sent as null and used in @skip(if: $v); GraphQL refuses
    the null when it collects the fields. The gateway refuses it before it checks, fetches
    or audits anything (before, @skip(if: null) counted as kept and @include(if: null) as
    left out: a refusal of phone, or a lookup fetched and audited for an answer never
    given). Found by tests/test_selection_fuzz.py."""
    from tests.test_audit import _latest

    person = people[7]
    before = _latest(gateway).id
    for directive, default in (("@skip(if: $v)", "false"), ("@include(if: $v)", "true")):
        body = api("weijian-steward").query(
            """query($k: String!, $v: Boolean = %s) { population(purpose: "health-a") {
            lookup(key: $k) { name phone %s } } }""" % (default, directive),
            {"k": person["id_number"], "v": None})
        assert codes(body) == ["BAD_INPUT"] and "true or false" in body["errors"][0]["message"]
        assert body["data"]["population"]["lookup"] is None
        assert person["name"] not in str(body) and person["phone"] not in str(body)
    assert _latest(gateway).id == before  # nothing read, nothing to audit


def test_compare_on_a_field_outside_the_grant(api, people):
    body = api("minzheng-app").query("""query($k: String!) { population(purpose: "%s") {
      compare(key: $k, values: {address: "x"}) { name } } }""" % PURPOSE, {"k": people[0]["id_number"]})
    assert codes(body) == ["FORBIDDEN_FIELD"]


def test_filter_on_a_field_outside_the_grant(api):
    body = api("minzheng-app").query("""{ socialInsurance(purpose: "%s") {
      stats(where: {name: {eq: "张三"}}) { suppressed } } }""" % PURPOSE)
    assert codes(body) == ["FORBIDDEN_FIELD"]


def test_group_by_a_field_outside_the_grant(api):
    body = api("minzheng-app").query("""{ socialInsurance(purpose: "%s") {
      stats(groupBy: [STATUS]) { suppressed } } }""" % PURPOSE)
    assert codes(body) == ["FORBIDDEN_FIELD"]


def test_missing_purpose(api, people):
    for purpose in ("null", '""', '"   "'):
        body = api("minzheng-app").query(LOOKUP % (purpose, "name"), {"k": people[0]["id_number"]})
        assert codes(body) == ["PURPOSE_REQUIRED"]
        assert people[0]["name"] not in str(body)
    body = api("minzheng-app").query('query($k: String!) { population { lookup(key: $k) { name } } }',
                                     {"k": people[0]["id_number"]})
    assert codes(body) == ["PURPOSE_REQUIRED"]


def test_purpose_without_a_grant(api, people):
    body = api("minzheng-app").query(LOOKUP % ('"marketing"', "name"), {"k": people[0]["id_number"]})
    assert codes(body) == ["PURPOSE_MISMATCH"]
    assert PURPOSE in body["errors"][0]["message"]
    assert people[0]["name"] not in str(body)


def test_expired_grant(api, people, weijian_grants):
    body = api("weijian-steward").query(LOOKUP % ('"health-old"', "name"), {"k": people[0]["id_number"]})
    assert codes(body) == ["GRANT_EXPIRED"]
    assert str(weijian_grants["health-old"]) in body["errors"][0]["message"]
    assert people[0]["name"] not in str(body)


def test_revoked_grant(api, people, weijian_grants):
    body = api("weijian-steward").query(LOOKUP % ('"health-revoked"', "name"), {"k": people[0]["id_number"]})
    assert codes(body) == ["GRANT_REVOKED"]
    assert people[0]["name"] not in str(body)


@pytest.mark.parametrize("key,problem", [
    ("440604199001011235", "GB 11643 gives X for these 17 digits"),
    ("4406 0419 9001 0112 35", "GB 11643 gives X for these 17 digits"),
    ("44060419900101123", "this one has 17 characters"),
    ("440604199013011234", "birth date in the ID number (its characters 7 to 14) is not a real date"),
    ("abc", "this one has 3 characters"),
])
def test_invalid_id_numbers_are_refused_without_quoting_the_key(api, gateway, key, problem):
    """The message says what is wrong, and neither it nor the audit record's detail holds the
    key or its birth date: a mistyped ID number is still a person's."""
    before = newest_audit_id(gateway)
    body = api("minzheng-app").query(LOOKUP % (f'"{PURPOSE}"', "name"), {"k": key})
    assert codes(body) == ["INVALID_ID_NUMBER"]
    message = body["errors"][0]["message"]
    assert problem in message
    [record] = audited_since(gateway, before)
    assert record.error_code == "INVALID_ID_NUMBER" and record.detail == message
    compact = key.replace(" ", "")
    for part in {compact, compact[:6], compact[6:14]} - {""}:
        assert part not in message and part not in body["errors"][0].get("extensions", {}).values()


def test_invalid_credit_code(api):
    body = api("renshe-app").query('{ enterprises(purpose: "p") { lookup(key: "91440604MA4W1XKR8M") { name } } }')
    assert codes(body) == ["INVALID_CREDIT_CODE"]
    assert "GB 32100 gives K" in body["errors"][0]["message"]
    body = api("renshe-app").query('{ enterprises(purpose: "p") { lookup(key: "91440604MA4W1XKR8I") { name } } }')
    assert codes(body) == ["INVALID_CREDIT_CODE"]


def test_owner_has_every_mode_on_its_own_dataset(api, people):
    gongan = api("gongan-steward")
    person = people[0]
    body = gongan.query(LOOKUP % ('"household-registration"', "idNumber name phone address ethnicity"),
                        {"k": person["id_number"]})
    assert body["data"]["population"]["lookup"]["phone"] == person["phone"]
    body = gongan.query('{ population(purpose: "audit-own") { rows(first: 3) { nodes { idNumber phone } } '
                        'stats(groupBy: [ETHNICITY]) { groups { ethnicity count } suppressed } } }')
    assert "errors" not in body
    assert [n["idNumber"] for n in body["data"]["population"]["rows"]["nodes"]] == \
        [p["id_number"] for p in people[:3]]


def test_unconditional_share_gives_every_department_every_mode(api):
    schema = api("renshe-app").query('{ __type(name: "EnterprisesAccess") { fields { name } } }')
    assert {f["name"] for f in schema["data"]["__type"]["fields"]} == {"lookup", "compare", "stats", "rows"}


def test_schema_shows_only_what_the_caller_may_use(api):
    minzheng = api("minzheng-app")
    query = '{ __schema { queryType { fields { name } } } }'
    roots = {f["name"] for f in minzheng.query(query)["data"]["__schema"]["queryType"]["fields"]}
    assert {"population", "socialInsurance", "enterprises", "catalog", "me"} <= roots
    assert "medicalVisits" not in roots
    record = minzheng.query('{ __type(name: "PopulationRecord") { fields { name } } }')
    assert {f["name"] for f in record["data"]["__type"]["fields"]} == {"name", "gender", "birthDate", "district"}
    access = minzheng.query('{ __type(name: "PopulationAccess") { fields { name } } }')
    assert {f["name"] for f in access["data"]["__type"]["fields"]} == {"lookup", "compare"}
    dims = minzheng.query('{ __type(name: "SocialInsuranceDimension") { enumValues { name } } }')
    assert {v["name"] for v in dims["data"]["__type"]["enumValues"]} == {"DISTRICT", "INSURANCE_TYPE"}
    anon = {f["name"] for f in api(None).query(query)["data"]["__schema"]["queryType"]["fields"]}
    assert "population" not in anon and "enterprises" not in anon


def test_catalog_lists_not_shared_entries_as_existence_only(api):
    body = api("minzheng-app").query('{ catalog { code shareType fields { name } yourModes owner { code } } }')
    entries = {e["code"]: e for e in body["data"]["catalog"]}
    assert entries["medicalVisits"]["fields"] is None
    assert entries["medicalVisits"]["yourModes"] == []
    assert entries["medicalVisits"]["owner"]["code"] == "weijian"
    assert entries["population"]["yourModes"] == ["LOOKUP", "COMPARE"]
    assert entries["socialInsurance"]["yourModes"] == ["STATS"]
    own = api("weijian-steward").query('{ catalog { code fields { name } } }')
    assert any(e["code"] == "medicalVisits" and e["fields"] for e in own["data"]["catalog"])


@pytest.mark.parametrize("revoked_ago,expired_ago,code", [
    (dt.timedelta(hours=1), dt.timedelta(days=2), "GRANT_REVOKED"),
    (dt.timedelta(days=3), dt.timedelta(hours=1), "GRANT_EXPIRED"),
])
def test_of_lapsed_grants_the_last_to_lapse_names_the_refusal(api, gateway, revoked_ago,
                                                              expired_ago, code):
    """shichang's only grants on socialInsurance: one revoked, one expired. Whether the dataset
    is gone from its schema or still there through a live grant for another purpose, the
    refusal names what happened last."""
    now = gateway.services.clock.now()
    purpose = f"lapse-{code.lower()}"
    stats = '{ socialInsurance(purpose: "%s") { stats { groups { count } } } }' % purpose
    ids = []
    with gateway.services.store() as session, session.begin():
        if session.get(Purpose, purpose) is None:
            session.add(Purpose(code=purpose, name=purpose))
            session.flush()
        for expires, revoked in ((now + dt.timedelta(days=30), now - revoked_ago),
                                 (now - expired_ago, None)):
            grant = Grant(dataset_code="socialInsurance", department_code="shichang",
                          modes=["STATS"], fields=["district"], purpose=purpose,
                          expires_at=expires, created_at=now - dt.timedelta(days=40),
                          revoked_at=revoked, revoke_reason="test" if revoked else None)
            session.add(grant)
            session.flush()
            ids.append(grant.id)
    shichang = api("shichang-steward")
    try:
        body = shichang.query(stats)  # socialInsurance is not in its schema
        assert codes(body) == [code] and "groups" not in str(body.get("data"))
        with gateway.services.store() as session, session.begin():
            session.add(Grant(dataset_code="socialInsurance", department_code="shichang",
                              modes=["STATS"], fields=["district"], purpose="subsistence-allowance-review",
                              expires_at=now + dt.timedelta(days=1), created_at=now))
        body = shichang.query(stats)  # in its schema, refused at run time
        assert codes(body) == [code] and "count" not in str(body.get("data"))
    finally:
        with gateway.services.store() as session, session.begin():
            for grant in session.scalars(sa.select(Grant).where(
                    Grant.department_code == "shichang", Grant.dataset_code == "socialInsurance")):
                session.delete(grant)
