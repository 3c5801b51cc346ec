"""Conditional open use over HTTP (§36(2)): an organisation signs the commitment and applies,
the owner approves narrower or rejects; then each channel (DOWNLOAD, API, SANDBOX) gives the
approved fields with open-channel masking; usage reports fall due and join `overdue`; the
data authority's suspension stops every channel at once."""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re

import pytest
import sqlalchemy as sa

from gateway.identifiers import credit_check_char
from gateway.open_data import approved_sandbox_application
from gateway.store.models import Principal, RoleAssignment
from tests.conftest import codes
from tests.open_data_support import csv_records, error_code, parquet_records
from tests.test_workflows import Clocks, at

APPLY = """mutation($i: ApplyForOpenDataInput!) { applyForOpenData(input: $i) {
  id status dataset fields channel dueOn commitmentText commitmentSha256 signedBy signedAt
  applicantCreditCode } }"""
APPROVE = """mutation($id: ID!, $until: Date!, $every: Int!, $fields: [String!], $modes: [Mode!]) {
  approveOpenApplication(id: $id, expiresOn: $until, reportEveryDays: $every, fields: $fields,
                         modes: $modes) {
    id status fields expiresOn reportEveryDays nextReportDue grant { id } } }"""
SUSPEND = 'mutation($id: ID!) { suspendOpenApplication(id: $id, reason: "未按承诺使用") { id status reason } }'
REPORT = "mutation($id: ID!, $b: String!) { submitUsageReport(applicationId: $id, body: $b) { id applicationId } }"
OVERDUE = "{ overdue { kind id dueOn owner status } }"
ROWS = '{ socialInsurance(purpose: "%s") { rows(first: %d%s) { nodes { %s } pageInfo { hasNextPage endCursor } } } }'
HEX64 = re.compile(r"^[0-9a-f]{64}$")
BAND = re.compile(r"^(0-999|\d+-\d+|<0)$")


@pytest.fixture(scope="module")
def clocks(gateway):
    c = Clocks(gateway)
    yield c
    c.close()


@pytest.fixture(scope="module")
def insured(demo_source_urls) -> list[dict]:
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.text(
            "SELECT id_number, name, monthly_base, district, insurance_type FROM social_insurance "
            "ORDER BY id_number")).mappings()]
    engine.dispose()
    return rows


def organisation(gateway, name: str) -> str:
    """A company's analyst, identified by a valid credit code (operators register them)."""
    first17 = "91440604MA" + hashlib.sha256(name.encode()).hexdigest()[:7].upper()
    with gateway.services.store() as session, session.begin():
        if session.get(Principal, name) is None:
            p = Principal(name=name, display_name=name, kind="ORGANIZATION",
                          credit_code=first17 + credit_check_char(first17))
            p.roles = [RoleAssignment(role="researcher", assigned_by="test",
                                      assigned_at=gateway.services.clock.now())]
            session.add(p)
    return name


def apply(api, who, channel, fields, purpose="labour-market-research", **extra) -> dict:
    return api(who).query(APPLY, {"i": {"dataset": "socialInsurance", "fields": fields,
                                        "purpose": purpose, "channel": channel,
                                        "commitmentAccepted": True, **extra}})


def approve(api, application_id, until="2027-06-30", every=30, **extra) -> dict:
    return api("renshe-steward").query(APPROVE, {"id": application_id, "until": until,
                                                 "every": every, **extra})


def later(clocks, principal, day: str):
    """A principal's API on a gateway whose clock reads ``day`` (tokens are issued now, with a
    lifetime long enough to still hold then: PyJWT refuses tokens issued in the future)."""
    api = clocks.api(None, at(day))
    api.headers["Authorization"] = "Bearer " + clocks.base.services.tokens.issue(
        principal, clocks.base.services.clock.now(), 24 * 400)
    return api


def token_headers(gateway, principal):
    return {"Authorization": "Bearer " + gateway.services.tokens.issue(principal, gateway.services.clock.now())}


def test_the_commitment_is_read_signed_and_kept(api):
    commitment = api(None).query('{ openCommitment(dataset: "socialInsurance") { text sha256 } }')
    text = commitment["data"]["openCommitment"]["text"]
    assert text.startswith("本单位承诺") and commitment["data"]["openCommitment"]["sha256"] == \
        hashlib.sha256(text.encode()).hexdigest()
    unsigned = api("researcher").query(APPLY, {"i": {
        "dataset": "socialInsurance", "fields": ["district"], "purpose": "p", "channel": "DOWNLOAD",
        "commitmentAccepted": False}})
    assert codes(unsigned) == ["BAD_INPUT"] and "commitment" in unsigned["errors"][0]["message"]
    changed = apply(api, "researcher", "DOWNLOAD", ["district"], commitmentSha256="0" * 64)
    assert codes(changed) == ["BAD_INPUT"] and "changed" in changed["errors"][0]["message"]
    assert codes(apply(api, "minzheng-app", "DOWNLOAD", ["district"])) == ["FORBIDDEN"]
    assert codes(apply(api, "researcher", "DOWNLOAD", ["district", "salary"])) == ["BAD_INPUT"]
    for dataset, code in (("enterprises", "BAD_INPUT"), ("population", "NOT_OPEN"), ("nothing", "NOT_FOUND")):
        body = api("researcher").query(APPLY, {"i": {"dataset": dataset, "fields": ["name"], "purpose": "p",
                                                     "channel": "DOWNLOAD", "commitmentAccepted": True}})
        assert codes(body) == [code], dataset

    filed = apply(api, "researcher", "DOWNLOAD", ["district", "monthlyBase"], purpose="wage-study",
                  commitmentSha256=hashlib.sha256(text.encode()).hexdigest())["data"]["applyForOpenData"]
    assert filed["status"] == "PENDING" and filed["channel"] == "DOWNLOAD"
    assert filed["commitmentText"] == text and filed["signedBy"] == "researcher"
    assert filed["commitmentSha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert filed["signedAt"].startswith("2026-11-25T10:00:00+08:00") and filed["dueOn"] == "2026-12-02"
    assert filed["applicantCreditCode"] == "91440604MA4W1XKR8K"
    inbox = api("renshe-steward").query("{ openApplications(status: PENDING) { id applicant } }")
    assert {"id": filed["id"], "applicant": "researcher"} in inbox["data"]["openApplications"]
    assert filed["id"] not in [a["id"] for a in api("gongan-steward").query(
        "{ openApplications { id } }")["data"]["openApplications"]]
    told = api("renshe-steward").query("{ notifications { kind subjectId } }")["data"]["notifications"]
    assert {"kind": "OPEN_APPLICATION_RECEIVED", "subjectId": filed["id"]} in told

    reject = 'mutation($id: ID!, $r: String!) { rejectOpenApplication(id: $id, reason: $r) { status reason } }'
    assert codes(api("renshe-steward").query(reject, {"id": filed["id"], "r": " "})) == ["BAD_INPUT"]
    assert codes(api("shuju-admin").query(reject, {"id": filed["id"], "r": "x"})) == ["FORBIDDEN"]
    done = api("renshe-steward").query(reject, {"id": filed["id"], "r": "用途与所需字段不符"})
    assert done["data"]["rejectOpenApplication"] == {"status": "REJECTED", "reason": "用途与所需字段不符"}
    mine = api("researcher").query("{ notifications { kind subjectId } }")["data"]["notifications"]
    assert {"kind": "OPEN_APPLICATION_REJECTED", "subjectId": filed["id"]} in mine


def test_download_channel_gives_approved_fields_masked(api, client, gateway, insured):
    who = organisation(gateway, "lab-download")
    filed = apply(api, who, "DOWNLOAD", ["idNumber", "name", "monthlyBase", "district", "insuranceType"])
    application = filed["data"]["applyForOpenData"]
    headers = token_headers(gateway, who)
    early = client.get("/open/datasets/socialInsurance.csv", headers=headers)
    assert early.status_code == 403 and error_code(early) == "APPLICATION_REQUIRED"
    assert codes(api("gongan-steward").query(APPROVE, {"id": application["id"], "until": "2027-06-30",
                                                       "every": 30})) == ["FORBIDDEN"]
    assert codes(approve(api, application["id"], fields=["idNumber", "since"])) == ["WIDENING_NOT_ALLOWED"]
    assert codes(approve(api, application["id"], modes=["ROWS"])) == ["BAD_INPUT"]
    assert codes(approve(api, application["id"], until="2026-11-01")) == ["BAD_INPUT"]
    assert codes(approve(api, application["id"], every=0)) == ["BAD_INPUT"]
    approved = approve(api, application["id"], fields=["idNumber", "name", "monthlyBase", "district"])
    decision = approved["data"]["approveOpenApplication"]
    assert decision["status"] == "APPROVED" and decision["nextReportDue"] == "2026-12-25"
    assert decision["grant"] is None

    response = client.get("/open/datasets/socialInsurance.csv", headers=headers)
    assert response.status_code == 200 and response.headers["cache-control"].startswith("private")
    records = csv_records(response.content)
    assert list(records[0]) == ["idNumber", "monthlyBase", "district"]  # name is redacted: not sent
    assert len(records) == len(insured)
    assert all(HEX64.match(r["idNumber"]) and BAND.match(r["monthlyBase"]) for r in records)
    assert sorted(r["district"] for r in records) == sorted(p["district"] for p in insured)
    text = response.content.decode("utf-8")
    cells = {v for r in records for v in r.values()}
    assert not [p for p in insured if p["id_number"] in text or p["name"] in cells]
    parquet = parquet_records(client.get("/open/datasets/socialInsurance.parquet", headers=headers).content)
    assert {r["idNumber"] for r in parquet} == {r["idNumber"] for r in records}
    anonymous = client.get("/open/datasets/socialInsurance.csv")
    assert error_code(anonymous) == "APPLICATION_REQUIRED" and insured[0]["id_number"] not in anonymous.text


def _cursor_text(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return cursor


def test_api_channel_answers_masked_rows(api, gateway, insured):
    who = organisation(gateway, "lab-api")
    application = apply(api, who, "API", ["idNumber", "monthlyBase", "district", "insuranceType"],
                        purpose="api-wage-study")["data"]["applyForOpenData"]
    assert codes(approve(api, application["id"], modes=["LOOKUP"])) == ["BAD_INPUT"]
    decision = approve(api, application["id"], modes=["ROWS"])["data"]["approveOpenApplication"]
    assert decision["grant"]["id"]
    analyst = api(who)
    fields = "idNumber monthlyBase district insuranceType"
    first = analyst.query(ROWS % ("api-wage-study", 50, "", fields))
    page = first["data"]["socialInsurance"]["rows"]
    assert len(page["nodes"]) == 50 and page["pageInfo"]["hasNextPage"]
    assert all(HEX64.match(n["idNumber"]) and BAND.match(n["monthlyBase"]) for n in page["nodes"])
    raw_ids = {p["id_number"] for p in insured}
    assert not [p for p in raw_ids if p in str(first)]
    cursor = page["pageInfo"]["endCursor"]
    assert not [p for p in raw_ids if p in _cursor_text(cursor) or p in _cursor_text(cursor[2:])]
    second = analyst.query(ROWS % ("api-wage-study", 50, f', after: "{cursor}"', "idNumber"))
    assert not {n["idNumber"] for n in second["data"]["socialInsurance"]["rows"]["nodes"]} & \
        {n["idNumber"] for n in page["nodes"]}
    tampered = analyst.query(ROWS % ("api-wage-study", 5, f', after: "{cursor[:-4]}AAAA"', "idNumber"))
    assert codes(tampered) == ["BAD_INPUT"]
    plain = base64.urlsafe_b64encode(f'["{insured[10]["id_number"]}"]'.encode()).decode()
    assert codes(analyst.query(ROWS % ("api-wage-study", 5, f', after: "{plain}"', "idNumber"))) == ["BAD_INPUT"]
    filtered = analyst.query(ROWS % ("api-wage-study", 5, ', where: {district: {eq: "顺德区"}}', "district"))
    assert {n["district"] for n in filtered["data"]["socialInsurance"]["rows"]["nodes"]} == {"顺德区"}
    probe = analyst.query(ROWS % ("api-wage-study", 5, ", where: {monthlyBase: {gte: 30000}}", "district"))
    assert codes(probe) == ["FORBIDDEN_FIELD"]  # a filter on a masked field would probe it
    assert "masked on the open channel" in probe["errors"][0]["message"]
    stats = analyst.query('{ socialInsurance(purpose: "api-wage-study") { stats { groups { count } } } }')
    assert codes(stats) == ["FORBIDDEN_MODE"]
    hidden = analyst.query(ROWS % ("api-wage-study", 5, "", "name"))
    assert codes(hidden) == ["FORBIDDEN_FIELD"] and insured[0]["name"] not in str(hidden)
    wrong = analyst.query(ROWS % ("another-purpose", 5, "", "district"))
    assert codes(wrong) == ["PURPOSE_MISMATCH"]


def test_api_channel_stats_group_only_by_unmasked_fields(api, gateway):
    who = organisation(gateway, "lab-stats")
    application = apply(api, who, "API", ["monthlyBase", "district", "insuranceType"],
                        purpose="stats-study")["data"]["applyForOpenData"]
    approve(api, application["id"], modes=["STATS"])
    analyst = api(who)
    body = analyst.query('{ socialInsurance(purpose: "stats-study") { stats(groupBy: [DISTRICT]) { groups { district count } suppressed } } }')
    groups = body["data"]["socialInsurance"]["stats"]["groups"]
    assert groups and all(g["count"] >= 5 for g in groups)
    # a field that leaves masked is no dimension, filter or aggregate on the open channel:
    # max(monthlyBase) would be one person's exact value
    by_base = analyst.query('{ socialInsurance(purpose: "stats-study") { stats { groups { count max(field: MONTHLY_BASE) } } } }')
    assert codes(by_base) == ["BAD_INPUT"] and "data" not in by_base
    grouped = analyst.query('{ socialInsurance(purpose: "stats-study") { stats(groupBy: [MONTHLY_BASE]) { groups { count } } } }')
    assert codes(grouped) == ["FORBIDDEN_FIELD"]
    probed = analyst.query('{ socialInsurance(purpose: "stats-study") { stats(where: {monthlyBase: {gte: 30000}}) { groups { count } } } }')
    assert codes(probed) == ["FORBIDDEN_FIELD"]


def test_the_sandbox_channel_is_the_approved_application(gateway):
    with gateway.services.store() as session:
        application = approved_sandbox_application(session, "researcher", "socialInsurance",
                                                   gateway.services.clock.today())
        assert application is not None and application.channel == "SANDBOX"
        assert application.purpose == "labour-market-research"
        assert "idNumber" not in application.fields and "name" not in application.fields
        assert {"monthlyBase", "district", "insuranceType"} <= set(application.fields)
        assert approved_sandbox_application(session, "minzheng-app", "socialInsurance") is None
        assert approved_sandbox_application(session, "researcher", "population") is None
        assert approved_sandbox_application(session, "researcher", "socialInsurance",
                                            dt.date(2029, 1, 1)) is None  # expired by then


def test_usage_reports_fall_due_and_join_overdue(clocks, gateway):
    who = organisation(gateway, "lab-reports")
    now = clocks.api(who)
    application = now.query(APPLY, {"i": {"dataset": "socialInsurance", "fields": ["district"],
                                          "purpose": "report-study", "channel": "SANDBOX",
                                          "commitmentAccepted": True}})["data"]["applyForOpenData"]
    decision = clocks.api("renshe-steward").query(APPROVE, {"id": application["id"], "until": "2027-06-30",
                                                            "every": 30})["data"]["approveOpenApplication"]
    assert decision["nextReportDue"] == "2026-12-25" and decision["reportEveryDays"] == 30
    ahead = now.query(REPORT, {"id": application["id"], "b": "提前报告"})
    assert "errors" not in ahead  # the first period has started: it may be reported now
    assert codes(now.query(REPORT, {"id": application["id"], "b": "再提前"})) == ["BAD_INPUT"]

    mine = lambda items: [i for i in items if i["kind"] == "USAGE_REPORT" and i["id"] == application["id"]]  # noqa: E731
    before = later(clocks, "shuju-admin", "2027-01-22").query(OVERDUE)["data"]["overdue"]
    assert mine(before) == [{"kind": "USAGE_REPORT", "id": application["id"], "dueOn": "2027-01-24",
                             "owner": who, "status": "DUE_SOON"}]
    late = later(clocks, who, "2027-01-27").query(OVERDUE)["data"]["overdue"]
    assert mine(late) == [{"kind": "USAGE_REPORT", "id": application["id"], "dueOn": "2027-01-24",
                           "owner": who, "status": "OVERDUE"}]
    assert not mine(later(clocks, "renshe-steward", "2027-01-27").query(OVERDUE)["data"]["overdue"])
    assert codes(later(clocks, "researcher", "2027-01-27").query(
        REPORT, {"id": application["id"], "b": "冒名"})) == ["FORBIDDEN"]
    assert codes(later(clocks, who, "2027-01-27").query(REPORT, {"id": application["id"], "b": " "})) == ["BAD_INPUT"]
    filed = later(clocks, who, "2027-01-27").query(REPORT, {"id": application["id"], "b": "本期用于区域就业结构分析"})
    assert filed["data"]["submitUsageReport"]["applicationId"] == application["id"]
    assert not mine(later(clocks, "shuju-admin", "2027-01-27").query(OVERDUE)["data"]["overdue"])
    reports = clocks.api("renshe-steward").query("query($id: ID!) { usageReports(applicationId: $id) { body } }",
                                                 {"id": application["id"]})
    assert [r["body"] for r in reports["data"]["usageReports"]] == ["提前报告", "本期用于区域就业结构分析"]
    assert codes(clocks.api("gongan-steward").query("query($id: ID!) { usageReports(applicationId: $id) { body } }",
                                                    {"id": application["id"]})) == ["FORBIDDEN"]


def test_suspension_stops_every_channel_at_once(api, client, gateway):
    who = organisation(gateway, "lab-suspend")
    ids = {}
    for channel in ("DOWNLOAD", "API", "SANDBOX"):
        filed = apply(api, who, channel, ["district", "insuranceType"], purpose="suspend-study")
        ids[channel] = filed["data"]["applyForOpenData"]["id"]
        assert approve(api, ids[channel])["data"]["approveOpenApplication"]["status"] == "APPROVED"
    headers = token_headers(gateway, who)
    query = ROWS % ("suspend-study", 3, "", "district")
    assert client.get("/open/datasets/socialInsurance.csv", headers=headers).status_code == 200
    assert "errors" not in api(who).query(query)
    with gateway.services.store() as session:
        assert approved_sandbox_application(session, who, "socialInsurance", gateway.services.clock.today())

    assert codes(api("renshe-steward").query(SUSPEND, {"id": ids["API"]})) == ["FORBIDDEN"]
    suspended = api("shuju-admin").query(SUSPEND, {"id": ids["API"]})
    assert suspended["data"]["suspendOpenApplication"]["status"] == "SUSPENDED"
    download = client.get("/open/datasets/socialInsurance.csv", headers=headers)
    assert download.status_code == 403 and error_code(download) == "APPLICATION_SUSPENDED"
    assert codes(api(who).query(query)) == ["GRANT_REVOKED"]
    with gateway.services.store() as session:
        assert approved_sandbox_application(session, who, "socialInsurance", gateway.services.clock.today()) is None
    statuses = api("shuju-admin").query("{ openApplications(status: SUSPENDED) { id } }")
    assert set(ids.values()) <= {a["id"] for a in statuses["data"]["openApplications"]}
    assert codes(api("shuju-admin").query(SUSPEND, {"id": ids["SANDBOX"]})) == ["BAD_INPUT"]
    late = api("shuju-admin").query(OVERDUE)["data"]["overdue"]
    assert not [i for i in late if i["kind"] == "USAGE_REPORT" and i["id"] in ids.values()]
    told = api(who).query("{ notifications { kind } }")["data"]["notifications"]
    assert {"kind": "OPEN_APPLICATION_SUSPENDED"} in told
