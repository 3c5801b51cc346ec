"""Statistics that hold against a determined analyst (issue 15), attacked over HTTP.

minzheng-app may read socialInsurance's stats by district with monthlyBase aggregates and
filter on monthlyBase. Whole minus complement used to give back, exactly, the one person a
filter left out of a district: a group suppression withheld. Cell key noise now moves counts
and sums by amounts tied to each group's members; a sum dominated by one or two people, or
backed by too few non-zero values, is withheld; the owner still reads exact figures.
"""
from __future__ import annotations

import hashlib
import hmac

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from tests.conftest import HASH_SECRET, PURPOSE
from tests.open_data_support import fill_table, publish_entry, register_source
from tests.stats_oracle import groups_of, released, within_bounds

THRESHOLD, SPREAD, SHARE, DOMINANCE = 5, 2, 0.1, (2, 85.0)  # the demo's defaults
ROLES = ("renshe-app", "minzheng-app")

BY_DISTRICT = """query($w: %(p)sWhere, $f: %(p)sNumericField!) { %(code)s(purpose: "%(purpose)s") {
  stats(groupBy: [DISTRICT], where: $w) { groups { district count sum(field: $f) } suppressed } } }"""
SOCIAL = """{ socialInsurance(purpose: "%s") { stats(groupBy: [DISTRICT, INSURANCE_TYPE]) {
  groups { district insuranceType count sum(field: MONTHLY_BASE) avg(field: MONTHLY_BASE)
           min(field: MONTHLY_BASE) max(field: MONTHLY_BASE) } suppressed } } }"""


def social_rows(url: str) -> list[dict]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = [{"district": r.district, "insuranceType": r.insurance_type,
                 "monthlyBase": None if r.monthly_base is None else float(r.monthly_base)}
                for r in conn.execute(sa.text(
                    "SELECT district, insurance_type, monthly_base FROM social_insurance"))]
    engine.dispose()
    return rows


def filterable_magnitudes(caller, code: str, gateway) -> list[str]:
    """The magnitude fields the caller may filter on, read off its own schema."""
    prefix = code[0].upper() + code[1:]
    body = caller.query('{ __type(name: "%sWhere") { inputFields { name } } }' % prefix)
    names = {f["name"] for f in body["data"]["__type"]["inputFields"]}
    with gateway.services.store() as session:
        dataset = gateway.services.catalog(session).datasets[code]
    return [f.name for f in dataset.fields if f.magnitude and f.name in names]


def _leave_one_out(values: list[float]):
    """(filter, target value) whose complement leaves out exactly the target: below the
    greatest value if it is unique, else above the smallest if that is; None otherwise."""
    ordered = sorted(values)
    if len(ordered) > 1 and ordered[-1] > ordered[-2]:
        return {"lt": ordered[-1]}, ordered[-1], lambda v: v < ordered[-1]
    if len(ordered) > 1 and ordered[0] < ordered[1]:
        return {"gt": ordered[0]}, ordered[0], lambda v: v > ordered[0]
    return None


def complement_differencing(caller, rows: list[dict], code: str, fields: list[str],
                            purpose: str = PURPOSE) -> int:
    """Attack every district through every field: whole minus complement. Asserts that no
    recovered sum is the left-out person's value, that not every recovered count is exactly 1,
    that every released figure is within the noise's bounds of the truth, that suppression is
    as the rules say, and that asking again gives the same bytes. Returns the attacks made."""
    prefix = code[0].upper() + code[1:]
    query = BY_DISTRICT % {"p": prefix, "code": code, "purpose": purpose}
    attacks, recovered_counts = 0, []
    for field in fields:
        enum = "".join("_" + c if c.isupper() else c.upper() for c in field)
        whole_rows = [r for r in rows]
        for district in sorted({r["district"] for r in rows}):
            values = [r[field] for r in rows if r["district"] == district]
            if None in values or len(values) <= THRESHOLD:
                continue
            chosen = _leave_one_out(values)
            if chosen is None:
                continue
            condition, target, kept = chosen
            complement_rows = [r for r in rows if r[field] is not None and kept(r[field])]
            answers = {}
            for name, where, source in (("whole", None, whole_rows),
                                        ("complement", {field: condition}, complement_rows)):
                variables = {"w": where, "f": enum}
                response = caller.post(query, variables)
                assert response.content == caller.post(query, variables).content, "asked again"
                body = response.json()
                assert "errors" not in body, body
                stats = body["data"][code]["stats"]
                truths = groups_of(source, ["district"], field)
                kept_groups = {k for k, t in truths.items() if released(t, ["sum"], THRESHOLD, DOMINANCE)}
                assert {(g["district"],) for g in stats["groups"]} == kept_groups
                assert stats["suppressed"] == len(truths) - len(kept_groups)
                for g in stats["groups"]:
                    truth = truths[(g["district"],)]
                    assert within_bounds(g, truth, SPREAD, SHARE, THRESHOLD) == [], (g, truth.count)
                answers[name] = {g["district"]: g for g in stats["groups"]}
            # the one person alone is a group suppression withholds
            alone = caller.query(query, {"w": {field: {"gte" if "lt" in condition else "lte": target}},
                                         "f": enum})
            assert district not in {g["district"] for g in alone["data"][code]["stats"]["groups"]}
            whole, complement = answers["whole"][district], answers["complement"][district]
            recovered = whole["sum"] - complement["sum"]
            assert abs(recovered - target) > 0.5, (district, field, recovered, target)
            recovered_counts.append(whole["count"] - complement["count"])
            attacks += 1
    assert attacks and set(recovered_counts) != {1}, recovered_counts
    return attacks


def test_whole_minus_complement_gives_back_no_one(api, gateway, demo_source_urls):
    minzheng = api("minzheng-app")
    fields = filterable_magnitudes(minzheng, "socialInsurance", gateway)
    assert fields == ["monthlyBase"]
    attacks = complement_differencing(minzheng, social_rows(demo_source_urls["renshe-db"]),
                                      "socialInsurance", fields)
    assert attacks >= 4


def test_the_owner_reads_exact_figures_and_a_grantee_perturbed_ones(api, demo_source_urls):
    rows = social_rows(demo_source_urls["renshe-db"])
    truths = groups_of(rows, ["district", "insuranceType"], "monthlyBase")
    kept = {k for k, t in truths.items()
            if released(t, ["sum", "avg", "min", "max"], THRESHOLD, DOMINANCE)}
    answers = {}
    for principal in ROLES:
        stats = api(principal).query(SOCIAL % PURPOSE)["data"]["socialInsurance"]["stats"]
        assert {(g["district"], g["insuranceType"]) for g in stats["groups"]} == kept
        assert stats["suppressed"] == len(truths) - len(kept)
        answers[principal] = {(g["district"], g["insuranceType"]): g for g in stats["groups"]}
    for key, owner in answers["renshe-app"].items():
        truth = truths[key]
        assert owner["count"] == truth.count
        for fn in ("sum", "avg", "min", "max"):
            assert owner[fn] == pytest.approx(truth.exact(fn), abs=1e-6), (key, fn)
    moved = 0
    for key, grantee in answers["minzheng-app"].items():
        truth = truths[key]
        assert within_bounds(grantee, truth, SPREAD, SHARE, THRESHOLD) == [], (key, grantee)
        assert grantee["avg"] == pytest.approx(grantee["sum"] / grantee["count"])
        assert (grantee["min"], grantee["max"]) == (truth.exact("min"), truth.exact("max"))
        moved += grantee["count"] != truth.count
    assert moved, "cell key noise moves some counts"


# --- a source table of this test's own: dominance, contributors, NULL dimensions, INT key ----

PAYROLL = sa.Table("payroll", sa.MetaData(),
                   sa.Column("staff_no", sa.Integer, primary_key=True, autoincrement=False),
                   sa.Column("district", sa.String(8), nullable=False),
                   sa.Column("team", sa.String(8), nullable=True),
                   sa.Column("pay", sa.Numeric(14, 2), nullable=False),
                   sa.Column("bonus", sa.Numeric(14, 2), nullable=True))
PAYROLL_PURPOSE = "payroll-disclosure-test"


def payroll_rows() -> list[dict]:
    """Districts of six or seven people (the threshold is 5) built to meet each rule:
    甲 one person has 91% of the pay; 乙 two have 95%, though the largest alone has 48% (so
    only their two largest values tell), all on a NULL team; 丙 even pay, bonuses all zero;
    丁 the largest has 45% and the two largest 55% (read, and not dominated); 戊 only two
    non-zero bonuses and four known; 己 no bonus known; 庚 three people."""
    districts = [
        ("甲", "一", [100000] + [2000] * 5, [500] * 6),
        ("乙", None, [40000, 40000] + [1000] * 4, [500] * 6),
        ("丙", "一", [5000, 5100, 5200, 5300, 5400, 5500, 5600], [0] * 7),
        ("丁", "二", [45000, 10000] + [11250] * 4, [500] * 6),
        ("戊", None, [6000, 6100, 6200, 6300, 6400, 6500], [3000, 2500, 0, 0, None, None]),
        ("己", "二", [7000, 7100, 7200, 7300, 7400], [None] * 5),
        ("庚", "一", [8000, 8100, 8200], [100, 200, 300]),
    ]
    rows, staff = [], 1000
    for district, team, pays, bonuses in districts:
        for pay, bonus in zip(pays, bonuses):
            staff += 7
            rows.append({"staff_no": staff, "district": district, "team": team, "pay": pay,
                         "bonus": bonus})
    return rows


def payroll_entry(code: str, source: str, table: str) -> dict:
    return {"code": code, "name": "工资样表", "shareType": "CONDITIONAL", "openType": "NONE",
            "keyField": "staffNo", "sourceCode": source, "tableName": table,
            "fields": [{"name": "staffNo", "column": "staff_no", "dataType": "INT"},
                       {"name": "district", "dataType": "STRING", "dimension": True},
                       {"name": "team", "dataType": "STRING", "dimension": True},
                       {"name": "pay", "dataType": "DECIMAL", "sensitivity": "PERSONAL"},
                       {"name": "bonus", "dataType": "DECIMAL", "sensitivity": "PERSONAL"}]}


GRANT_REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }"""
GRANT_APPROVAL = "mutation($id: ID!) { approveShareRequest(id: $id) { status } }"


def publish_payroll(api, gateway, url: str, code: str = "payroll", source: str = "renshe-payroll-db",
                    table: str = "payroll") -> None:
    """Catalogue the table (renshe owns it) and grant minzheng its stats, once per gateway."""
    fill_table(url, PAYROLL, payroll_rows())
    register_source(gateway, source, "renshe", url)
    with gateway.services.store() as session:
        if code in gateway.services.catalog(session).datasets:
            return
    publish_entry(api, "renshe-steward", payroll_entry(code, source, table))
    filed = api("minzheng-steward").query(GRANT_REQUEST, {"input": {
        "dataset": code, "modes": ["STATS"], "fields": ["district", "team", "pay", "bonus"],
        "purpose": PAYROLL_PURPOSE, "expiresOn": "2027-06-30"}})
    approved = api("renshe-steward").query(GRANT_APPROVAL, {"id": filed["data"]["requestShare"]["id"]})
    assert approved["data"]["approveShareRequest"]["status"] == "APPROVED", approved


@pytest.fixture(scope="module")
def payroll_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('payroll') / 'payroll.sqlite'}"


def payroll_stats(caller, group_by: str, groups: str, code: str = "payroll", where: str = "") -> dict:
    body = caller.query('{ %s(purpose: "%s") { stats(groupBy: [%s]%s) { groups { %s } suppressed } } }'
                        % (code, PAYROLL_PURPOSE, group_by, where, groups))
    assert "errors" not in body, body
    return body["data"][code]["stats"]


def check_dominance(caller, code: str = "payroll") -> None:
    """Sums and averages of pay dominated by one or two people are withheld (counts are not)."""
    counted = payroll_stats(caller, "DISTRICT", "district count", code)
    assert {g["district"] for g in counted["groups"]} == {"甲", "乙", "丙", "丁", "戊", "己"}
    for fn in ("sum", "avg"):
        summed = payroll_stats(caller, "DISTRICT", f"district count {fn}(field: PAY)", code)
        # one person dominates 甲, two dominate 乙; 丁's two largest do not
        assert {g["district"] for g in summed["groups"]} == {"丙", "丁", "戊", "己"}, fn
        assert summed["suppressed"] == 3
    teams = payroll_stats(caller, "DISTRICT, TEAM", "district team count sum(field: PAY)", code)
    # (乙, NULL) is found dominated by its two largest values read on a NULL team
    assert {(g["district"], g["team"]) for g in teams["groups"]} == {
        ("丙", "一"), ("丁", "二"), ("戊", None), ("己", "二")}


def check_contributors(caller, code: str = "payroll") -> None:
    """A bonus sum backed by fewer non-zero values than the threshold, or a max by fewer known
    values, is withheld; none at all is allowed (a sum of zeros is 0, of nothing null)."""
    rows = [{**r, "bonus": None if r["bonus"] is None else float(r["bonus"])} for r in payroll_rows()]
    truths = groups_of(rows, ["district"], "bonus")
    for fn in ("sum", "max"):
        bonus = payroll_stats(caller, "DISTRICT", f"district count {fn}(field: BONUS)", code)
        # 戊 has two non-zero bonuses (sum) and four known (max): under the threshold of 5
        assert {g["district"] for g in bonus["groups"]} == {"甲", "乙", "丙", "丁", "己"}, fn
        assert {g["district"] for g in bonus["groups"]} == {
            k[0] for k, t in truths.items() if released(t, [fn], THRESHOLD, DOMINANCE)}
        assert bonus["suppressed"] == 2
        by = {g["district"]: g[fn] for g in bonus["groups"]}
        assert by["丙"] == 0 and by["己"] is None


def test_a_sum_dominated_by_one_or_two_people_is_withheld(api, gateway, payroll_url):
    publish_payroll(api, gateway, payroll_url)
    for principal in ROLES:
        check_dominance(api(principal))


def test_a_sum_of_too_few_contributions_is_withheld(api, gateway, payroll_url):
    publish_payroll(api, gateway, payroll_url)
    for principal in ROLES:
        check_contributors(api(principal))


def test_null_dimensions_empty_groups_and_an_int_key_are_perturbed_alike(api, gateway, payroll_url):
    publish_payroll(api, gateway, payroll_url)
    rows = [{**r, "pay": float(r["pay"])} for r in payroll_rows()]
    truths = groups_of(rows, ["district", "team"], "pay")
    minzheng = api("minzheng-app")
    query = ('{ payroll(purpose: "%s") { stats(groupBy: [DISTRICT, TEAM]) '
             '{ groups { district team count } } } }' % PAYROLL_PURPOSE)
    first = minzheng.post(query)
    assert first.content == minzheng.post(query).content
    groups = first.json()["data"]["payroll"]["stats"]["groups"]
    assert ("戊", None) in {(g["district"], g["team"]) for g in groups}
    for g in groups:
        assert within_bounds(g, truths[(g["district"], g["team"])], SPREAD, SHARE, THRESHOLD) == []
    assert any(g["count"] != truths[(g["district"], g["team"])].count for g in groups)
    empty = payroll_stats(minzheng, "DISTRICT", "count", where=", where: {pay: {gt: 1000000}}")
    assert empty == {"groups": [], "suppressed": 0}
    everything = minzheng.query('{ payroll(purpose: "%s") { stats(where: {pay: {gt: 1000000}}) '
                                '{ groups { count } suppressed } } }' % PAYROLL_PURPOSE)
    assert everything["data"]["payroll"]["stats"] == {"groups": [], "suppressed": 1}


def test_the_source_gets_a_seed_derived_per_dataset_never_the_hash_secret(api, gateway):
    engine = gateway.services.sources.cached_engine("renshe-db")
    sent = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        body = api("minzheng-app").query(SOCIAL % PURPOSE)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert "errors" not in body and sent
    derived = hmac.new(HASH_SECRET.encode(), b"cell-key:socialInsurance", hashlib.sha256).digest()
    seed = int.from_bytes(derived[:8], "big") >> 1
    assert any(seed in tuple(parameters) for _, parameters in sent), sent
    assert HASH_SECRET not in repr(sent)
    assert all("?" in statement and str(seed) not in statement for statement, _ in sent)

