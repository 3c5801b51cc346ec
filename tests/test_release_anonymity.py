"""Row-level open releases over HTTP (issue 18): k-anonymity over the fields a steward marks as
quasi-identifiers, refused with the classes' sizes or generalised by the fields' own steps
until it holds; and pseudonyms that join within a release but not across releases, unless the
steward names a shared link scope."""
from __future__ import annotations

import collections
import datetime as dt
import math
import random

import pytest
import sqlalchemy as sa

from masking.check_digits import id_check_digit
from tests.conftest import Api, codes
from tests.open_data_support import (csv_records, error_code, fill_table, json_records,
                                     parquet_records, publish_entry, register_source, release)
from tests.test_conditional_open import apply, approve, organisation, token_headers

JOBS = sa.Table(
    "anon_jobs", sa.MetaData(),
    sa.Column("job_id", sa.String(8), primary_key=True), sa.Column("person_id", sa.String(40)),
    sa.Column("employer", sa.String(18)), sa.Column("started", sa.Date),
    sa.Column("pay", sa.Numeric(12, 2)), sa.Column("district", sa.String(8)))
DISTRICTS = ("禅城区", "南海区", "顺德区", "三水区", "高明区")
QUASI = ("employer", "started", "pay")


def _id(serial: int) -> str:
    first17 = f"44060419{70 + serial % 30:02d}0{1 + serial % 9}1{serial % 10}{serial % 1000:03d}"
    return first17 + id_check_digit(first17)


def _spelled_otherwise(id_number: str, how: int) -> str:
    """The same ID number as people write it: a lower-case x, hyphens and spaces, full width."""
    if how == 0:
        return id_number.lower() if id_number.endswith("X") else f" {id_number} "
    if how == 1:
        return f"{id_number[:6]}-{id_number[6:14]} {id_number[14:]}"
    return "".join(chr(ord(c) + 0xFEE0) for c in id_number)  # ４４０６…


def _jobs(n: int = 240, seed: int = 18) -> list[dict]:
    """Jobs of people at many small employers: few rows share employer, start year and pay."""
    rng = random.Random(seed)
    employers = [f"91440{6 if i % 3 else 5}0{i % 5 + 4}MA{i:08d}" for i in range(45)]
    rows = []
    for i in range(n):
        started = dt.date(1995, 1, 1) + dt.timedelta(days=int(11_000 * rng.random() ** 1.3))
        pay = round(min(max(rng.lognormvariate(math.log(5500), 0.6), 1900), 45_000), 2)
        rows.append({"job_id": f"J{i:05d}", "person_id": _id(i), "employer": rng.choice(employers),
                     "started": started, "pay": pay, "district": rng.choice(DISTRICTS)})
    for how, i in enumerate(range(0, 30, 10)):  # a person's second job, the ID written otherwise
        again = dict(rows[i + 1], job_id=f"K{i:05d}", person_id=_spelled_otherwise(rows[i]["person_id"], how))
        rows.append(again)
    return rows


def _entry(code: str, *, quasi: bool, steps: bool, link: str | None = None,
           min_group_size: int | None = None) -> dict:
    def f(name, column, data_type, sensitivity, masking=None, **extra):
        return {"name": name, "column": column, "dataType": data_type, "sensitivity": sensitivity,
                "description": "", "masking": masking or {}, **extra}

    def q(masking: dict, coarsen: list) -> dict:
        return {**masking, **({"quasi": True} if quasi else {}),
                **({"coarsen": coarsen} if quasi and steps else {})}
    person = {"open": "hash", **({"link": link} if link else {})}
    return {
        "code": code, "name": "就业测试名册", "shareType": "CONDITIONAL", "openType": "UNCONDITIONAL",
        "keyField": "jobId", "sourceCode": "weijian-anon", "tableName": "anon_jobs",
        "provisionMethods": ["DOWNLOAD"], "minGroupSize": min_group_size,
        "fields": [
            f("jobId", "job_id", "STRING", "PUBLIC"),
            f("personId", "person_id", "STRING", "DIRECT_IDENTIFIER", person, identifierKind="ID_NUMBER"),
            f("employer", "employer", "STRING", "PUBLIC", q({}, [{"truncate": 8}, {"truncate": 2}])),
            f("started", "started", "DATE", "INTERNAL", q({"open": "generalize", "kind": "DATE"},
                                                         [{"band": 5}, {"band": 10}])),
            f("pay", "pay", "DECIMAL", "PERSONAL", q({"open": "generalize", "kind": "AMOUNT"},
                                                     [{"band": 10000}])),
            f("district", "district", "STRING", "PUBLIC", dimension=True),
        ]}


ENTRIES = {
    "anonRefused": dict(quasi=True, steps=False, min_group_size=4),
    "anonCoarsened": dict(quasi=True, steps=True),
    "anonPlain": dict(quasi=False, steps=False),
    "anonLinkedA": dict(quasi=False, steps=False, link="test-person"),
    "anonLinkedB": dict(quasi=False, steps=False, link="test-person"),
}


@pytest.fixture(scope="module")
def jobs(gateway, client, tmp_path_factory) -> list[dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('anon_jobs') / 'jobs.sqlite'}"
    rows = _jobs()
    fill_table(url, JOBS, rows)
    register_source(gateway, "weijian-anon", "weijian", url)
    api = lambda principal=None: Api(client, gateway, principal)  # noqa: E731
    for code, options in ENTRIES.items():
        publish_entry(api, "weijian-steward", _entry(code, **options))
        release(api, "weijian-steward", code)
    return rows


def _band(pay: float) -> str:
    """The open channel's pay bands (generalize AMOUNT), written out here."""
    for low, high in ((0, 999), (1000, 4999), (5000, 9999), (10000, 49999)):
        if low <= pay <= high:
            return f"{low}-{high}"
    raise AssertionError(pay)


def _source_classes(rows: list[dict]) -> collections.Counter:
    return collections.Counter((r["employer"], str(r["started"].year), _band(float(r["pay"]))) for r in rows)


def _header(response) -> dict:
    return {k.strip(): v.strip('"') for k, _, v in
            (part.partition("=") for part in response.headers["datagate-anonymity"].split(";"))}


def test_a_release_below_k_without_steps_is_refused_with_the_classes_sizes(jobs, client, api):
    expected = _source_classes(jobs)
    sizes = sorted(expected.values())
    unique = sum(1 for n in sizes if n == 1) / len(jobs)
    assert unique > 0.5  # the test's data is as identifying as the demo's
    for fmt in ("csv", "json", "parquet"):
        refused = client.get(f"/open/datasets/anonRefused.{fmt}")
        assert refused.status_code == 403 and error_code(refused) == "K_ANONYMITY_NOT_MET"
        error = refused.json()["error"]
        assert error["k"] == 4  # the entry's minGroupSize
        assert error["quasiIdentifiers"] == list(QUASI) and error["rows"] == len(jobs)
        assert error["smallestClasses"] == sizes[:5]
        assert error["uniqueShare"] == pytest.approx(unique, abs=1e-4)
        assert error["rowsBelowK"] == sum(n for n in sizes if n < 4)
        assert "coarsen" in error["message"] and jobs[0]["person_id"] not in refused.text
    assert client.head("/open/datasets/anonRefused.csv").status_code == 403
    trail = api("auditor").query('{ auditLog(first: 20, dataset: "anonRefused") { nodes { outcome errorCode action } } }')
    assert {"outcome": "DENIED", "errorCode": "K_ANONYMITY_NOT_MET", "action": "OPEN_DOWNLOAD"} \
        in trail["data"]["auditLog"]["nodes"]


def _coarser(released: str | None, raw: str) -> bool:
    """Whether a released value is ``raw`` coarsened: a prefix, a range holding it, or ``*``."""
    if released is None or released == "*" or raw.startswith(released):
        return True
    low, _, high = released.partition("-")
    return low.isdigit() and high.isdigit() and int(low) <= float(raw) <= int(high)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_a_release_with_steps_is_generalised_until_it_holds(jobs, client, fmt):
    response = client.get(f"/open/datasets/anonCoarsened.{fmt}")
    assert response.status_code == 200, response.text
    report = _header(response)
    records = {"csv": csv_records, "json": json_records, "parquet": parquet_records}[fmt](response.content)
    suppressed = int(report["suppressed"])
    assert report["k"] == "5" and report["quasi"] == ",".join(QUASI)
    assert float(report["unique-before"]) > 0.5 and float(report["unique-after"]) == 0
    assert len(records) == len(jobs) - suppressed and suppressed <= 0.05 * len(jobs)
    levels = dict(level.split(":") for level in report["levels"].split(","))
    assert sum(int(n) for n in levels.values()) >= 1  # generalised, not only suppressed
    classes = collections.Counter(tuple(r[n] for n in QUASI) for r in records)
    assert min(classes.values()) == int(report["smallest"]) >= 5
    by_job = {r["job_id"]: r for r in jobs}
    for record in records:
        raw = by_job[record["jobId"]]
        assert _coarser(record["employer"], raw["employer"])
        assert _coarser(record["started"], str(raw["started"].year))
        assert _coarser(record["pay"], str(raw["pay"]))
        assert all(isinstance(record[n], str) for n in QUASI)  # coarsened fields leave as text


def test_pseudonyms_join_within_a_release_and_not_across_releases(jobs, client):
    def pseudonyms(code: str) -> dict[str, str]:
        response = client.get(f"/open/datasets/{code}.csv")
        assert response.status_code == 200, response.text
        return {r["jobId"]: r["personId"] for r in csv_records(response.content)}
    plain, coarsened = pseudonyms("anonPlain"), pseudonyms("anonCoarsened")
    linked_a, linked_b = pseudonyms("anonLinkedA"), pseudonyms("anonLinkedB")
    shared_jobs = set(plain) & set(coarsened)
    assert len(shared_jobs) >= 0.95 * len(jobs)
    assert not {plain[j] for j in shared_jobs} & {coarsened[j] for j in shared_jobs}  # unlinkable
    assert not set(plain.values()) & set(linked_a.values())
    assert linked_a == linked_b  # two releases naming the link scope test-person join
    by_job = {r["job_id"]: r["person_id"] for r in jobs}
    for i in range(0, 30, 10):  # K is J(i)'s person at J(i+1)'s job, the ID written otherwise
        same, other, spelled = f"J{i:05d}", f"J{i + 1:05d}", f"K{i:05d}"
        assert by_job[spelled] != by_job[same]
        for pseudonym in (plain, linked_a):
            assert pseudonym[spelled] == pseudonym[same] != pseudonym[other]


def test_link_and_quasi_are_checked_when_a_steward_saves_them(api):
    draft = "mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }"
    bad = [
        _entry("anonBadLink", quasi=False, steps=False, link="not a scope!"),
        dict(_entry("anonBadSteps", quasi=True, steps=True)),
    ]
    bad[1]["fields"][2]["masking"] = {"quasi": True, "coarsen": [{"truncate": 0}]}
    hashed_quasi = _entry("anonHashQuasi", quasi=False, steps=False)
    hashed_quasi["fields"][1]["masking"] = {"open": "hash", "quasi": True}
    steps_alone = _entry("anonStepsAlone", quasi=False, steps=False)
    steps_alone["fields"][2]["masking"] = {"coarsen": [{"truncate": 8}]}
    for entry in bad + [hashed_quasi, steps_alone]:
        assert codes(api("weijian-steward").query(draft, {"e": entry})) == ["BAD_INPUT"], entry["code"]


# --- the demo: socialInsurance by a DOWNLOAD and an API application ------------------------

DEMO_QUASI = ("employerCreditCode", "since", "monthlyBase")


@pytest.fixture(scope="module")
def insured(demo_source_urls) -> list[dict]:
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.text(
            "SELECT id_number, employer_credit_code, since, monthly_base FROM social_insurance")).mappings()]
    engine.dispose()
    return rows


def test_the_demo_download_of_employer_start_year_and_pay_holds_k(api, client, gateway, insured):
    who = organisation(gateway, "lab-anonymity")
    fields = ["idNumber", *DEMO_QUASI, "district"]
    application = apply(api, who, "DOWNLOAD", fields, purpose="anonymity-study")["data"]["applyForOpenData"]
    assert approve(api, application["id"])["data"]["approveOpenApplication"]["status"] == "APPROVED"
    response = client.get("/open/datasets/socialInsurance.csv", headers=token_headers(gateway, who))
    assert response.status_code == 200, response.text
    report = _header(response)
    before = collections.Counter((r["employer_credit_code"], str(r["since"])[:4],
                                  _band(float(r["monthly_base"]))) for r in insured)
    unique_before = sum(1 for n in before.values() if n == 1) / len(insured)
    assert float(report["unique-before"]) == pytest.approx(unique_before, abs=1e-4)
    assert unique_before > 0.5
    records = csv_records(response.content)
    after = collections.Counter(tuple(r[n] for n in DEMO_QUASI) for r in records)
    assert min(after.values()) >= 5
    assert len(records) == len(insured) - int(report["suppressed"])
    print(f"\nsocialInsurance download ({len(insured)} rows): unique on employer, start year, "
          f"pay band {unique_before:.1%} before, {float(report['unique-after']):.1%} after; "
          f"{report['suppressed']} rows suppressed; steps {report['levels']}")


ROWS = '{ socialInsurance(purpose: "%s") { rows(first: %d%s) { nodes { %s } pageInfo { hasNextPage endCursor } } } }'


def test_the_api_channel_answers_from_the_whole_release_verdict(api, client, gateway, insured):
    who = organisation(gateway, "lab-anonymity-api")
    application = apply(api, who, "API", ["idNumber", *DEMO_QUASI, "district"],
                        purpose="anonymity-api-study")["data"]["applyForOpenData"]
    approve(api, application["id"], modes=["ROWS"])
    analyst = api(who)
    nodes, after = [], ""
    while True:  # pages of 100: the verdict is the whole release's, not a page's
        page = analyst.query(ROWS % ("anonymity-api-study", 100, after,
                                     "idNumber employerCreditCode since monthlyBase district"))
        assert "errors" not in page, page
        rows = page["data"]["socialInsurance"]["rows"]
        nodes += rows["nodes"]
        if not rows["pageInfo"]["hasNextPage"]:
            break
        after = f', after: "{rows["pageInfo"]["endCursor"]}"'
    classes = collections.Counter(tuple(n[f] for f in DEMO_QUASI) for n in nodes)
    assert min(classes.values()) >= 5 and len(nodes) <= len(insured)
    assert len(nodes) >= 0.95 * len(insured)
    # a page of one field is cut by the same verdict: the same rows, the same coarsened values
    employers = []
    after = ""
    while True:
        page = analyst.query(ROWS % ("anonymity-api-study", 250, after, "employerCreditCode"))
        rows = page["data"]["socialInsurance"]["rows"]
        employers += [n["employerCreditCode"] for n in rows["nodes"]]
        if not rows["pageInfo"]["hasNextPage"]:
            break
        after = f', after: "{rows["pageInfo"]["endCursor"]}"'
    assert employers == [n["employerCreditCode"] for n in nodes]
    # a coarsened field is not filtered on: a filter would probe the raw employer
    probe = analyst.query(ROWS % ("anonymity-api-study", 5,
                                  f', where: {{employerCreditCode: {{eq: "{insured[0]["employer_credit_code"]}"}}}}',
                                  "district"))
    assert probe["errors"] and "employerCreditCode" in probe["errors"][0]["message"]
    # the same applicant's DOWNLOAD application is another release: other pseudonyms
    application = apply(api, who, "DOWNLOAD", ["idNumber", "district"],
                        purpose="anonymity-api-study")["data"]["applyForOpenData"]
    approve(api, application["id"])
    download = client.get("/open/datasets/socialInsurance.csv", headers=token_headers(gateway, who))
    downloaded = {r["idNumber"] for r in csv_records(download.content)}
    assert len(downloaded) == len(insured)
    assert not downloaded & {n["idNumber"] for n in nodes}
