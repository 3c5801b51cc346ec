"""The open-data portal over HTTP (§35, §36(1)): the open catalog (JSON and DCAT), masked
downloads in three formats, ETag / Last-Modified / 304, the release workflow, refusals with
their codes, and a property: no unmasked value of a personal field ever leaves."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masking.check_digits import id_check_digit
from tests.conftest import Api, codes
from tests.open_data_support import (csv_records, error_code, fill_table, json_records,
                                     jsonl_records,
                                     parquet_records, publish_entry, register_source, release)

FORMATS = ("csv", "json", "jsonl", "parquet")
READERS = {"csv": csv_records, "json": json_records, "jsonl": jsonl_records,
           "parquet": parquet_records}
MASKED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,2}\*+$")


@pytest.fixture(scope="module")
def enterprises(demo_source_urls) -> list[dict]:
    engine = sa.create_engine(demo_source_urls["shichang-db"])
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.text(
            "SELECT credit_code, name, legal_representative, registered_capital, industry, "
            "district, established_on, status FROM enterprises ORDER BY credit_code")).mappings()]
    engine.dispose()
    return rows


def test_the_open_catalog_lists_released_and_conditional_datasets(client):
    body = client.get("/open/datasets").json()
    listed = {d["code"]: d for d in body["datasets"]}
    assert "population" not in listed and "medicalVisits" not in listed  # not open (§15)
    enterprises = listed["enterprises"]
    assert enterprises["openType"] == "UNCONDITIONAL" and enterprises["release"]["id"]
    assert [d["format"] for d in enterprises["downloads"]] == list(FORMATS)
    instants = [v for d in body["datasets"] for k, v in {**d, **(d.get("release") or {})}.items()
                if k in ("modified", "approvedAt") and v]
    assert instants and all(v.endswith("+08:00") for v in instants), instants  # docs/api.md
    assert enterprises["downloads"][0]["url"].endswith("/open/datasets/enterprises.csv")
    legal = [f for f in enterprises["fields"] if f["name"] == "legalRepresentative"][0]
    assert legal == {"name": "legalRepresentative", "type": "STRING", "description": "法定代表人",
                     "sensitivity": "PERSONAL", "openOperator": "mask"}
    social = listed["socialInsurance"]
    assert "downloads" not in social and social["openType"] == "CONDITIONAL"
    assert social["application"]["commitment"].startswith("本单位承诺")
    assert len(social["application"]["commitmentSha256"]) == 64
    assert set(social["application"]["channels"]) == {"API", "DOWNLOAD", "SANDBOX"}
    one = client.get("/open/datasets/enterprises")
    assert one.status_code == 200 and one.json()["code"] == "enterprises"
    assert error_code(client.get("/open/datasets/population")) == "NOT_FOUND"


@pytest.mark.parametrize("fmt", FORMATS)
def test_enterprises_download_whole_and_masked(client, enterprises, fmt):
    response = client.get(f"/open/datasets/enterprises.{fmt}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="enterprises.{fmt}"'
    records = READERS[fmt](response.content)
    assert len(records) == len(enterprises)
    by_code = {r["creditCode"]: r for r in records}
    for source in enterprises:
        got = by_code[source["credit_code"]]
        assert got["name"] == source["name"] and got["district"] == source["district"]
        assert MASKED_NAME.match(got["legalRepresentative"]), got
        assert got["legalRepresentative"] != source["legal_representative"]
        assert got["legalRepresentative"][0] == source["legal_representative"][0]
        assert float(got["registeredCapital"]) == float(source["registered_capital"])
    if fmt == "parquet":  # amounts stay exact: a decimal column, the source's value to the cent
        import decimal
        import io

        import pyarrow as pa
        import pyarrow.parquet as pq

        column = pq.read_table(io.BytesIO(response.content)).schema.field("registeredCapital")
        assert pa.types.is_decimal(column.type), column.type
        for source in enterprises:
            got = by_code[source["credit_code"]]["registeredCapital"]
            assert got == decimal.Decimal(repr(source["registered_capital"])), (got, source)
    if fmt != "parquet":  # text bodies: no legal representative's name anywhere
        text = response.content.decode("utf-8")
        assert not [s["legal_representative"] for s in enterprises
                    if len(s["legal_representative"]) >= 3 and s["legal_representative"] in text]


def test_etag_last_modified_and_304(client):
    first = client.get("/open/datasets/enterprises.csv")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"') and modified.endswith(" GMT")
    again = client.get("/open/datasets/enterprises.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/open/datasets/enterprises.csv",
                      headers={"If-None-Match": 'W/"other", ' + etag}).status_code == 304
    assert client.get("/open/datasets/enterprises.csv",
                      headers={"If-None-Match": 'W/"stale"'}).status_code == 200
    assert client.get("/open/datasets/enterprises.csv",
                      headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/open/datasets/enterprises.csv",
                      headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    assert client.get("/open/datasets/enterprises.json").headers["etag"] != etag
    head = client.head("/open/datasets/enterprises.csv")
    assert head.status_code == 200 and head.headers["etag"] == etag and head.content == b""


def test_downloads_are_audited_anonymously(client, api):
    client.get("/open/datasets/enterprises.json")
    client.get("/open/datasets/population.csv")
    trail = api("auditor").query('{ auditLog(first: 50, dataset: "enterprises") { nodes { principal mode rows outcome action } } }')
    downloads = [n for n in trail["data"]["auditLog"]["nodes"] if n["action"] == "OPEN_DOWNLOAD"]
    assert downloads and downloads[0]["principal"] is None and downloads[0]["mode"] == "DOWNLOAD"
    assert downloads[0]["outcome"] == "ALLOWED" and downloads[0]["rows"] > 0
    denied = api("auditor").query('{ auditLog(first: 50, dataset: "population") { nodes { principal outcome errorCode action } } }')
    assert {"principal": None, "outcome": "DENIED", "errorCode": "NOT_OPEN", "action": "OPEN_DOWNLOAD"} \
        in denied["data"]["auditLog"]["nodes"]


def test_refusals_carry_codes_and_no_data(client, people, gateway):
    person = people[3]
    not_open = client.get("/open/datasets/population.csv")
    assert not_open.status_code == 403 and error_code(not_open) == "NOT_OPEN"
    assert person["id_number"] not in not_open.text and person["name"] not in not_open.text
    conditional = client.get("/open/datasets/socialInsurance.csv")
    assert conditional.status_code == 403 and error_code(conditional) == "APPLICATION_REQUIRED"
    assert person["id_number"] not in conditional.text
    assert error_code(client.get("/open/datasets/medicalVisits.parquet")) == "NOT_OPEN"
    unknown = client.get("/open/datasets/nothingHere.csv")
    assert unknown.status_code == 404 and error_code(unknown) == "NOT_FOUND"
    assert error_code(client.get("/open/datasets/enterprises.xlsx")) == "NOT_FOUND"
    bad_token = client.get("/open/datasets/enterprises.csv", headers={"Authorization": "Bearer nope"})
    assert bad_token.status_code == 401 and error_code(bad_token) == "UNAUTHENTICATED"
    other = client.get("/open/datasets/socialInsurance.json", headers={
        "Authorization": "Bearer " + gateway.services.tokens.issue("minzheng-app", gateway.services.clock.now())})
    assert other.status_code == 403 and error_code(other) == "APPLICATION_REQUIRED"


# --- a dataset of the test's own: release workflow and the masking property ------------------

PEOPLE_TABLE = sa.Table(
    "open_people", sa.MetaData(),
    sa.Column("person_id", sa.String(18), primary_key=True), sa.Column("name", sa.String(8)),
    sa.Column("phone", sa.String(11)), sa.Column("email", sa.String(64)),
    sa.Column("address", sa.String(128)), sa.Column("birth_date", sa.Date),
    sa.Column("income", sa.Numeric(12, 2)), sa.Column("district", sa.String(8)))
PERSONAL = {"personId": "person_id", "name": "name", "phone": "phone", "email": "email",
            "address": "address", "birthDate": "birth_date", "income": "income"}


def _people_entry(code: str, source: str) -> dict:
    def f(name, column, data_type, sensitivity, **extra):
        return {"name": name, "column": column, "dataType": data_type, "sensitivity": sensitivity,
                "description": extra.pop("description", ""), **extra}
    return {
        "code": code, "name": "开放测试名册", "shareType": "CONDITIONAL", "openType": "UNCONDITIONAL",
        "keyField": "personId", "sourceCode": source, "tableName": "open_people",
        "provisionMethods": ["DOWNLOAD"],
        "fields": [
            f("personId", "person_id", "STRING", "DIRECT_IDENTIFIER", identifierKind="ID_NUMBER"),
            f("name", "name", "STRING", "DIRECT_IDENTIFIER", masking={"kind": "NAME"}),
            f("phone", "phone", "STRING", "PERSONAL", masking={"open": "mask", "kind": "PHONE"}),
            f("email", "email", "STRING", "DIRECT_IDENTIFIER", masking={"open": "hash", "kind": "EMAIL"}),
            f("address", "address", "STRING", "PERSONAL", masking={"kind": "ADDRESS"}),
            f("birthDate", "birth_date", "DATE", "PERSONAL", description="出生日期"),
            f("income", "income", "DECIMAL", "SENSITIVE_PERSONAL"),
            f("district", "district", "STRING", "PUBLIC", dimension=True),
        ]}


@pytest.fixture(scope="module")
def open_people(gateway, client, tmp_path_factory):
    """Two weijian datasets on a source of the test's own: `openPeople` (released) and
    `openPeopleDraft` (published, not released)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('open_people') / 'people.sqlite'}"
    fill_table(url, PEOPLE_TABLE, [])
    register_source(gateway, "weijian-open", "weijian", url)
    api = lambda principal=None: Api(client, gateway, principal)  # noqa: E731
    for code in ("openPeople", "openPeopleUnreleased"):
        publish_entry(api, "weijian-steward", _people_entry(code, "weijian-open"))
    release(api, "weijian-steward", "openPeople")
    return url


def test_the_release_workflow(open_people, client, api):
    code = "openPeopleUnreleased"
    unreleased = client.get(f"/open/datasets/{code}.csv")
    assert unreleased.status_code == 404 and error_code(unreleased) == "NOT_RELEASED"
    assert code not in {d["code"] for d in client.get("/open/datasets").json()["datasets"]}
    submit = "mutation($c: String!) { submitOpenRelease(code: $c) { id status dueOn } }"
    assert codes(api("gongan-steward").query(submit, {"c": code})) == ["FORBIDDEN"]
    assert codes(api("gongan-steward").query(submit, {"c": "population"})) == ["NOT_OPEN"]
    assert codes(api("renshe-steward").query(submit, {"c": "socialInsurance"})) == ["NOT_OPEN"]
    filed = api("weijian-steward").query(submit, {"c": code})["data"]["submitOpenRelease"]
    assert filed["status"] == "SUBMITTED" and filed["dueOn"] == "2026-12-02"
    assert codes(api("weijian-steward").query(submit, {"c": code})) == ["BAD_INPUT"]  # one at a time
    review = "mutation($id: ID!, $ok: Boolean!, $n: String!) { reviewOpenRelease(id: $id, approve: $ok, note: $n) { status note } }"
    assert codes(api("weijian-steward").query(review, {"id": filed["id"], "ok": True, "n": ""})) == ["FORBIDDEN"]
    assert codes(api("shuju-admin").query(review, {"id": filed["id"], "ok": False, "n": " "})) == ["BAD_INPUT"]
    rejected = api("shuju-admin").query(review, {"id": filed["id"], "ok": False, "n": "字段说明不全"})
    assert rejected["data"]["reviewOpenRelease"] == {"status": "REJECTED", "note": "字段说明不全"}
    assert error_code(client.get(f"/open/datasets/{code}.csv")) == "NOT_RELEASED"
    notes = api("weijian-steward").query("{ notifications { kind subjectId } }")["data"]["notifications"]
    assert {"kind": "RELEASE_REJECTED", "subjectId": filed["id"]} in notes

    second = api("weijian-steward").query(submit, {"c": code})["data"]["submitOpenRelease"]
    inbox = api("shuju-admin").query("{ openReleases(status: SUBMITTED) { id dataset } }")
    assert {"id": second["id"], "dataset": code} in inbox["data"]["openReleases"]
    approved = api("shuju-admin").query(review, {"id": second["id"], "ok": True, "n": "同意"})
    assert approved["data"]["reviewOpenRelease"]["status"] == "APPROVED"
    assert client.get(f"/open/datasets/{code}.csv").status_code == 200
    assert code in {d["code"] for d in client.get("/open/datasets").json()["datasets"]}

    withdraw = "mutation($id: ID!) { withdrawOpenRelease(id: $id, reason: \"数据有误，暂停开放\") { status } }"
    assert codes(api("renshe-steward").query(withdraw, {"id": second["id"]})) == ["FORBIDDEN"]
    assert api("weijian-steward").query(withdraw, {"id": second["id"]})["data"]["withdrawOpenRelease"]["status"] == "WITHDRAWN"
    assert error_code(client.get(f"/open/datasets/{code}.json")) == "NOT_RELEASED"


# Hypothesis: rows of people with every kind of personal field; whatever they are, no value
# of a personal field leaves a download unmasked (redacted fields do not leave at all).
AREAS = ("440604", "440605", "440606", "440607", "440608")
DISTRICTS = ("禅城区", "南海区", "顺德区", "三水区", "高明区")
STREETS = ("祖庙街道岭南大道", "桂城街道南海大道", "大良街道东乐路", "西南街道广海大道", "荷城街道沧江路")
SURNAMES = "陈李黄张梁林何王吴刘欧阳司马"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def _id_number(area: str, born: dt.date, serial: int) -> str:
    first17 = f"{area}{born:%Y%m%d}{serial:03d}"
    return first17 + id_check_digit(first17)


person = st.fixed_dictionaries({
    "born": st.dates(dt.date(1940, 1, 1), dt.date(2010, 12, 31)),
    "area": st.sampled_from(AREAS), "serial": st.integers(0, 999),
    "name": st.builds(lambda s, g: s + g, st.sampled_from(["陈", "李", "黄", "欧阳", "司马", "张"]),
                      st.text(alphabet=GIVEN, min_size=1, max_size=2)),
    "phone": st.builds(lambda p, n: f"{p}{n:08d}", st.sampled_from(["138", "139", "150", "186", "199"]),
                       st.integers(0, 99_999_999)),
    "email": st.builds(lambda u, d: f"{u}@{d}", st.text(alphabet="abcdefghijkmnpqrstuvwxyz23456789",
                                                        min_size=4, max_size=12),
                       st.sampled_from(["163.com", "qq.com", "foshan.gov.cn"])),
    "street": st.sampled_from(STREETS), "number": st.integers(1, 999),
    "district": st.sampled_from(DISTRICTS),
    "income": st.decimals(min_value=0, max_value=99_999, places=2, allow_nan=False),
})


def _rows(people: list[dict]) -> list[dict]:
    rows = {}
    for p in people:
        person_id = _id_number(p["area"], p["born"], p["serial"])
        rows[person_id] = {"person_id": person_id, "name": p["name"], "phone": p["phone"],
                           "email": p["email"], "address": f"广东省佛山市{p['district']}{p['street']}{p['number']}号",
                           "birth_date": p["born"], "income": p["income"], "district": p["district"]}
    return list(rows.values())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(person, min_size=1, max_size=12))
def test_no_personal_value_leaves_a_download_unmasked(open_people, client, people):
    rows = _rows(people)
    fill_table(open_people, PEOPLE_TABLE, rows)
    for fmt in FORMATS:
        response = client.get(f"/open/datasets/openPeople.{fmt}")
        assert response.status_code == 200, response.text
        records = READERS[fmt](response.content)
        assert len(records) == len(rows)
        assert all("income" not in r for r in records)  # SENSITIVE_PERSONAL: redacted, not sent
        cells = {str(v) for r in records for v in r.values() if v is not None}
        for row in rows:
            for column in PERSONAL.values():
                raw = row[column]
                assert str(raw) not in cells, (fmt, column, raw)
                if fmt != "parquet" and column in ("person_id", "phone", "email", "address", "birth_date"):
                    assert str(raw) not in response.content.decode("utf-8"), (fmt, column, raw)
        by_district = sorted(r["district"] for r in records)
        assert by_district == sorted(r["district"] for r in rows)  # PUBLIC fields leave as they are
