"""Row-level open releases over HTTP (issue 18): k-anonymity over the fields a steward marks as
quasi-identifiers, refused with the classes' sizes or generalised by the fields' own steps
until it holds — when the release is submitted, approved (a release or an application) and
again at each download, as data change between versions; and pseudonyms that join within a release but not across releases, unless the
steward names a shared link scope."""
from __future__ import annotations

import collections
import datetime as dt
import math
import random
import time

import pytest
import sqlalchemy as sa

from masking.check_digits import id_check_digit
from tests.conftest import Api, codes, temp_database
from tests.open_data_support import (REVIEW_RELEASE, SUBMIT_RELEASE, csv_records, error_code,
                                     fill_table, json_records, parquet_records, publish_entry,
                                     register_source, release)
from tests.test_conditional_open import APPLY, APPROVE, apply, approve, organisation, token_headers

def _jobs_table(name: str) -> sa.Table:
    return sa.Table(
        name, sa.MetaData(),
        sa.Column("job_id", sa.String(8), primary_key=True), sa.Column("person_id", sa.String(40)),
        sa.Column("employer", sa.String(18)), sa.Column("started", sa.Date),
        sa.Column("pay", sa.Numeric(12, 2)), sa.Column("district", sa.String(8)))


JOBS, LATER = _jobs_table("anon_jobs"), _jobs_table("anon_later")  # LATER: its data change
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
           min_group_size: int | None = None, table: str = "anon_jobs",
           conditional: bool = False) -> dict:
    def f(name, column, data_type, sensitivity, masking=None, **extra):
        return {"name": name, "column": column, "dataType": data_type, "sensitivity": sensitivity,
                "description": "", "masking": masking or {}, **extra}

    def q(masking: dict, coarsen: list) -> dict:
        return {**masking, **({"quasi": True} if quasi else {}),
                **({"coarsen": coarsen} if quasi and steps else {})}
    person = {"open": "hash", **({"link": link} if link else {})}
    opening = ({"openType": "CONDITIONAL", "provisionMethods": ["DOWNLOAD", "API"],
                "openCommitment": "本单位承诺：不尝试识别具体个人。"} if conditional
               else {"openType": "UNCONDITIONAL", "provisionMethods": ["DOWNLOAD"]})
    return {
        "code": code, "name": "就业测试名册", "shareType": "CONDITIONAL", **opening,
        "keyField": "jobId", "sourceCode": "weijian-anon", "tableName": table,
        "minGroupSize": min_group_size,
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


ENTRIES = {  # published, and released unless refused when submitted
    "anonRefused": dict(quasi=True, steps=False, min_group_size=4),
    "anonLater": dict(quasi=True, steps=False, min_group_size=4, table="anon_later"),
    "anonApplied": dict(quasi=True, steps=False, min_group_size=4, conditional=True),
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
    fill_table(url, LATER, _holding())
    register_source(gateway, "weijian-anon", "weijian", url)
    api = lambda principal=None: Api(client, gateway, principal)  # noqa: E731
    for code, options in ENTRIES.items():
        publish_entry(api, "weijian-steward", _entry(code, **options))
        if code not in ("anonRefused", "anonLater", "anonApplied"):  # their tests release them
            release(api, "weijian-steward", code)
    JOBS_URL[0] = url
    return rows


JOBS_URL = [""]  # the test source's URL, for the tests that change its data


def _holding() -> list[dict]:
    """Rows in which every employer, start year and pay band is shared by four jobs."""
    return [{"job_id": f"H{i:05d}", "person_id": _id(i), "employer": f"91440604MA{i % 10:08d}",
             "started": dt.date(2001 + i % 10, 3, 1), "pay": 5200 + i % 10, "district": "南海区"}
            for i in range(40)]


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


def _refusal_matches(error: dict, jobs: list[dict], k: int = 4) -> None:
    """A K_ANONYMITY_NOT_MET refusal says what to change: k, the quasi-identifiers, the share
    of unique rows and the smallest classes' sizes, as the test's data has them."""
    sizes = sorted(_source_classes(jobs).values())
    assert error["k"] == k and error["quasiIdentifiers"] == list(QUASI)
    assert error["rows"] == len(jobs) and error["smallestClasses"] == sizes[:5]
    assert error["uniqueShare"] == pytest.approx(sum(1 for n in sizes if n == 1) / len(jobs), abs=1e-4)
    assert error["rowsBelowK"] == sum(n for n in sizes if n < k)
    assert "coarsen" in error["message"] and jobs[0]["person_id"] not in str(error)


def test_submitting_a_release_below_k_without_steps_is_refused_with_the_classes_sizes(
        jobs, client, api):
    sizes = sorted(_source_classes(jobs).values())
    assert sum(1 for n in sizes if n == 1) / len(jobs) > 0.5  # as identifying as the demo's
    refused = api("weijian-steward").query(SUBMIT_RELEASE, {"c": "anonRefused"})
    assert codes(refused) == ["K_ANONYMITY_NOT_MET"] and refused["data"] is None
    _refusal_matches(refused["errors"][0]["extensions"] | {"message": refused["errors"][0]["message"]}, jobs)
    listed = api("weijian-steward").query('{ openReleases(dataset: "anonRefused") { id } }')
    assert listed["data"]["openReleases"] == []  # nothing for the data authority to approve
    assert error_code(client.get("/open/datasets/anonRefused.csv")) == "NOT_RELEASED"
    trail = api("auditor").query('{ auditLog(first: 20, dataset: "anonRefused") { nodes { outcome errorCode action } } }')
    assert {"outcome": "DENIED", "errorCode": "K_ANONYMITY_NOT_MET", "action": "SUBMIT_OPEN_RELEASE"} \
        in trail["data"]["auditLog"]["nodes"]


def test_a_release_is_checked_again_when_approved_and_at_each_download(jobs, client, api):
    """The data change between the steward's act and the data authority's, and after it:
    each is refused as it happens, with the classes' sizes of the data as they are then."""
    submitted = api("weijian-steward").query(SUBMIT_RELEASE, {"c": "anonLater"})  # data hold
    assert "errors" not in submitted, submitted
    release_id = submitted["data"]["submitOpenRelease"]["id"]
    review = {"id": release_id, "ok": True, "note": "同意"}
    fill_table(JOBS_URL[0], LATER, jobs)  # the source changes before the review
    refused = api("shuju-admin").query(REVIEW_RELEASE, review)
    assert codes(refused) == ["K_ANONYMITY_NOT_MET"]
    _refusal_matches(refused["errors"][0]["extensions"] | {"message": refused["errors"][0]["message"]}, jobs)
    fill_table(JOBS_URL[0], LATER, _holding())
    approved = api("shuju-admin").query(REVIEW_RELEASE, review)
    assert approved["data"]["reviewOpenRelease"]["status"] == "APPROVED", approved
    told = api("weijian-steward").query("{ notifications { kind subjectId message } }")["data"]["notifications"]
    message = next(n["message"] for n in told if n["kind"] == "RELEASE_APPROVED"
                   and n["subjectId"] == release_id)
    assert "k-anonymity k=4 over employer, started, pay" in message and "0 rows suppressed" in message
    held = client.get("/open/datasets/anonLater.csv")
    assert held.status_code == 200 and len(csv_records(held.content)) == 40
    fill_table(JOBS_URL[0], LATER, jobs)  # and after the approval: the download is the safety net
    for fmt in ("csv", "json", "parquet"):
        refused = client.get(f"/open/datasets/anonLater.{fmt}")
        assert refused.status_code == 403 and error_code(refused) == "K_ANONYMITY_NOT_MET"
        _refusal_matches(refused.json()["error"], jobs)
    assert client.head("/open/datasets/anonLater.csv").status_code == 403
    trail = '{ auditLog(first: 20, %s: "%s") { nodes { outcome errorCode action } } }'
    for by, who, action in (("dataset", "anonLater", "OPEN_DOWNLOAD"),
                            ("principal", "shuju-admin", "APPROVE_OPEN_RELEASE")):
        nodes = api("auditor").query(trail % (by, who))["data"]["auditLog"]["nodes"]
        assert {"outcome": "DENIED", "errorCode": "K_ANONYMITY_NOT_MET", "action": action} in nodes


def test_the_checks_read_a_postgresql_source_alike(jobs, client, api, gateway):
    """Submission, review and download read the release from a PostgreSQL source (a
    server-side cursor; its data version from the table's counters) as from SQLite."""
    with temp_database("postgresql") as url:
        fill_table(url, JOBS, jobs)
        register_source(gateway, "weijian-anon-pg", "weijian", url)
        publish_entry(api, "weijian-steward", dict(
            _entry("anonOnPostgres", quasi=True, steps=False, min_group_size=4),
            sourceCode="weijian-anon-pg"))
        refused = api("weijian-steward").query(SUBMIT_RELEASE, {"c": "anonOnPostgres"})
        assert codes(refused) == ["K_ANONYMITY_NOT_MET"]
        _refusal_matches(refused["errors"][0]["extensions"] | {"message": refused["errors"][0]["message"]}, jobs)
        fill_table(url, JOBS, _holding())
        release_id = release(api, "weijian-steward", "anonOnPostgres")
        try:
            held = client.get("/open/datasets/anonOnPostgres.csv")
            assert held.status_code == 200 and len(csv_records(held.content)) == 40
            fill_table(url, JOBS, jobs)
            deadline = time.monotonic() + 15  # PostgreSQL flushes the table's counters within ~1 s
            while (got := client.get("/open/datasets/anonOnPostgres.csv")).status_code == 200:
                assert time.monotonic() < deadline, "the changed data were never checked again"
                assert len(csv_records(got.content)) == 40  # rows of classes it never saw are cut
                time.sleep(0.5)
            assert got.status_code == 403 and error_code(got) == "K_ANONYMITY_NOT_MET"
            _refusal_matches(got.json()["error"], jobs)
        finally:  # the source database goes with this test
            withdrawn = api("weijian-steward").query(
                'mutation { withdrawOpenRelease(id: %d, reason: "测试结束") { status } }' % int(release_id))
            assert "errors" not in withdrawn, withdrawn


def test_approving_an_application_for_rows_below_k_is_refused_and_narrower_fields_pass(
        jobs, client, api, gateway):
    who = organisation(gateway, "lab-k-at-approval")

    def applied(channel: str, fields: list[str]) -> str:
        body = api(who).query(APPLY, {"i": {"dataset": "anonApplied", "fields": fields,
                                            "purpose": "employment-study", "channel": channel,
                                            "commitmentAccepted": True}})
        assert "errors" not in body, body
        return body["data"]["applyForOpenData"]["id"]

    def approving(application_id: str, **extra) -> dict:
        return api("weijian-steward").query(APPROVE, {"id": application_id, "until": "2027-06-30",
                                                      "every": 30, **extra})
    download = applied("DOWNLOAD", ["jobId", *QUASI, "district"])
    refused = approving(download)
    assert codes(refused) == ["K_ANONYMITY_NOT_MET"]
    _refusal_matches(refused["errors"][0]["extensions"] | {"message": refused["errors"][0]["message"]}, jobs)
    # the steward narrows the fields: without the quasi-identifiers, rows leave
    narrowed = approving(download, fields=["jobId", "district"])
    assert narrowed["data"]["approveOpenApplication"]["status"] == "APPROVED", narrowed
    got = client.get("/open/datasets/anonApplied.csv", headers=token_headers(gateway, who))
    assert got.status_code == 200 and len(csv_records(got.content)) == len(jobs)
    # API rows are a row-level release too; statistics alone are not
    rows = applied("API", ["jobId", *QUASI])
    assert codes(approving(rows, modes=["ROWS"])) == ["K_ANONYMITY_NOT_MET"]
    stats = approving(rows, modes=["STATS"])
    assert stats["data"]["approveOpenApplication"]["status"] == "APPROVED", stats


def _coarser(released: str | None, raw: str) -> bool:
    """Whether a released value is ``raw`` coarsened: a prefix, a range holding it, or ``*``."""
    if released is None or released == "*" or raw.startswith(released):
        return True
    low, _, high = released.partition("-")
    return low.isdigit() and high.isdigit() and int(low) <= float(raw) <= int(high)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_a_release_with_steps_is_generalised_until_it_holds(jobs, client, api, fmt):
    response = client.get(f"/open/datasets/anonCoarsened.{fmt}")
    assert response.status_code == 200, response.text
    report = _header(response)
    # the data authority read what the release does when it was submitted
    told = api("shuju-admin").query("{ notifications { kind message } }")["data"]["notifications"]
    submitted = [n["message"] for n in told if n["kind"] == "RELEASE_SUBMITTED"
                 and "anonCoarsened" in n["message"]]
    assert len(submitted) == 1 and f"{report['suppressed']} rows suppressed" in submitted[0]
    assert "k-anonymity k=5 over employer, started, pay" in submitted[0] and "generalised" in submitted[0]
    # and reads it on the release itself, as re-checked when it was approved
    releases = api("shuju-admin").query('{ openReleases(dataset: "anonCoarsened") { status anonymity } }')
    (approved,) = releases["data"]["openReleases"]
    assert approved["status"] == "APPROVED" and f"{report['suppressed']} rows suppressed" in approved["anonymity"]
    assert approved["anonymity"].startswith("k-anonymity k=5 over employer, started, pay")
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
