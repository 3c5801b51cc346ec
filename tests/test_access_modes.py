"""The four access modes over HTTP, as the demo principals use them (api.md)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import PURPOSE, codes
from tests.stats_oracle import groups_of, released, within_bounds

# socialInsurance's disclosure rules (the defaults): minzheng is no owner, so its counts, sums
# and averages carry cell key noise within these bounds (tests/stats_oracle.py)
THRESHOLD, COUNT_NOISE, MAGNITUDE_NOISE, DOMINANCE = 5, 2, 0.1, (2, 85.0)


def insurance_rows(url: str) -> list[dict]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = [{"district": r.district, "insuranceType": r.insurance_type,
                 "monthlyBase": float(r.monthly_base)} for r in conn.execute(sa.text(
                     "SELECT district, insurance_type, monthly_base FROM social_insurance"))]
    engine.dispose()
    return rows

LOOKUP = """query($k: String!) { population(purpose: "%s") {
  lookup(key: $k) { name gender birthDate district } } }""" % PURPOSE
COMPARE = """query($k: String!, $v: PopulationCompareInput!) { population(purpose: "%s") {
  compare(key: $k, values: $v) { name phone } } }""" % PURPOSE
STATS = """{ socialInsurance(purpose: "%s") { stats(groupBy: [DISTRICT, INSURANCE_TYPE]) {
  groups { district insuranceType count avg(field: MONTHLY_BASE) sum(field: MONTHLY_BASE)
           min(field: MONTHLY_BASE) max(field: MONTHLY_BASE) } suppressed } } }""" % PURPOSE


def test_lookup_returns_the_granted_fields_of_one_record(api, people):
    person = people[3]
    body = api("minzheng-app").query(LOOKUP, {"k": person["id_number"]})
    assert "errors" not in body
    record = body["data"]["population"]["lookup"]
    assert record == {"name": person["name"], "gender": person["gender"],
                      "birthDate": str(person["birth_date"]), "district": person["district"]}


def test_lookup_of_an_unknown_valid_id_is_null(api, people):
    from masking.check_digits import id_check_digit

    known = {p["id_number"] for p in people}
    candidate = next(f"44060419800101{n:03d}" for n in range(1000)
                     if f"44060419800101{n:03d}" + id_check_digit(f"44060419800101{n:03d}") not in known)
    key = candidate + id_check_digit(candidate)
    body = api("minzheng-app").query(LOOKUP, {"k": key})
    assert body == {"data": {"population": {"lookup": None}}}


def test_lookup_key_tolerates_full_width_and_lower_case_x(api, people):
    person = next(p for p in people if p["id_number"].endswith("X"))
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in person["id_number"][:-1])
    body = api("minzheng-app").query(LOOKUP, {"k": " " + typed + "x "})
    assert body["data"]["population"]["lookup"]["name"] == person["name"]


def test_compare_answers_match_per_field_and_never_a_value(api, people):
    person = people[5]
    other = people[6]
    spaced_name = " ".join(person["name"])  # whitespace is not a difference
    full_width_phone = "".join(chr(ord(c) + 0xFEE0) for c in person["phone"])
    body = api("minzheng-app").query(COMPARE, {"k": person["id_number"],
                                               "v": {"name": spaced_name, "phone": full_width_phone}})
    assert body["data"]["population"]["compare"] == {"name": True, "phone": True}
    body = api("minzheng-app").query(COMPARE, {"k": person["id_number"],
                                               "v": {"name": other["name"], "phone": other["phone"]}})
    result = body["data"]["population"]["compare"]
    assert result == {"name": other["name"] == person["name"], "phone": False}
    assert person["name"] not in str(body) and person["phone"] not in str(body)


def test_compare_of_only_some_fields_leaves_the_others_null(api, people):
    person = people[7]
    body = api("minzheng-app").query(COMPARE, {"k": person["id_number"], "v": {"name": person["name"]}})
    assert "errors" not in body, "a field selected but not submitted is null, not an error"
    assert body["data"]["population"]["compare"] == {"name": True, "phone": None}


COMPARE_ONLY_NAME = {  # spellings of "compare name, ask for name and phone"; answers keyed alike
    "a variable": ("query($k: String!, $v: PopulationCompareInput!) { population(purpose: $p) { "
                   "compare(key: $k, values: $v) { name phone } } }", {"name": True, "phone": None}),
    "inline values": ('query($k: String!) { population(purpose: $p) { compare(key: $k, values: '
                      '{name: "$NAME"}) { name phone } } }', {"name": True, "phone": None}),
    "a null phone": ('query($k: String!) { population(purpose: $p) { compare(key: $k, values: '
                     '{name: "$NAME", phone: null}) { name phone } } }', {"name": True, "phone": None}),
    "a phone variable not sent": (
        'query($k: String!, $phone: String) { population(purpose: $p) { compare(key: $k, values: '
        '{name: "$NAME", phone: $phone}) { name phone } } }', {"name": True, "phone": None}),
    "aliases": ("query($k: String!, $v: PopulationCompareInput!) { population(purpose: $p) { "
                "compare(key: $k, values: $v) { n: name p: phone } } }", {"n": True, "p": None}),
    "a fragment": ("query($k: String!, $v: PopulationCompareInput!) { population(purpose: $p) { "
                   "compare(key: $k, values: $v) { ...Answer } } } "
                   "fragment Answer on PopulationCompareResult { name phone }",
                   {"name": True, "phone": None}),
    "an inline fragment and __typename": (
        "query($k: String!, $v: PopulationCompareInput!) { population(purpose: $p) { "
        "compare(key: $k, values: $v) { __typename ... on PopulationCompareResult { phone name } "
        "phone } } }", {"__typename": "PopulationCompareResult", "phone": None, "name": True}),
    "only the unsubmitted field": ("query($k: String!, $v: PopulationCompareInput!) { "
                                   "population(purpose: $p) { compare(key: $k, values: $v) { "
                                   "phone } } }", {"phone": None}),
}


@pytest.mark.parametrize("spelling", list(COMPARE_ONLY_NAME))
def test_a_field_asked_for_but_not_submitted_is_null_without_an_error(api, people, spelling):
    """However the query is spelt, a compare result field that was not submitted answers
    null and nothing else: no error beside it (it was an INTERNAL error)."""
    person = people[9]
    text, expected = COMPARE_ONLY_NAME[spelling]
    query = text.replace("query(", "query($p: String!, ", 1).replace("$NAME", person["name"])
    variables = {"p": PURPOSE, "k": person["id_number"], "v": {"name": person["name"]}}
    if "$v" not in query:
        del variables["v"]
    body = api("minzheng-app").query(query, variables)
    assert body == {"data": {"population": {"compare": expected}}}


def test_compare_needs_a_value_besides_the_key(api, people):
    body = api("minzheng-app").query(COMPARE, {"k": people[0]["id_number"], "v": {}})
    assert codes(body) == ["BAD_INPUT"]


def test_stats_groups_are_computed_in_the_source_and_small_ones_suppressed(api, demo_source_urls):
    body = api("minzheng-app").query(STATS)
    assert "errors" not in body
    stats = body["data"]["socialInsurance"]["stats"]
    truths = groups_of(insurance_rows(demo_source_urls["renshe-db"]), ["district", "insuranceType"],
                       "monthlyBase")
    big = {k: t for k, t in truths.items()
           if released(t, ["sum", "avg", "min", "max"], THRESHOLD, DOMINANCE)}
    assert stats["suppressed"] == len(truths) - len(big)
    assert stats["suppressed"] > 0, "the demo world should have some small groups"
    assert {(g["district"], g["insuranceType"]) for g in stats["groups"]} == set(big)
    for g in stats["groups"]:
        truth = big[(g["district"], g["insuranceType"])]
        assert truth.count >= 5 and g["count"] >= 5
        assert within_bounds(g, truth, COUNT_NOISE, MAGNITUDE_NOISE, THRESHOLD) == [], g
        assert abs(g["avg"] - g["sum"] / g["count"]) < 0.01
        assert (g["min"], g["max"]) == (truth.exact("min"), truth.exact("max"))


def test_stats_without_groups_and_with_a_filter(api, demo_source_urls):
    body = api("minzheng-app").query("""{ socialInsurance(purpose: "%s") {
      stats(where: {district: {eq: "南海区"}}) { groups { count } suppressed } } }""" % PURPOSE)
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM social_insurance WHERE district = '南海区'")).scalar()
    engine.dispose()
    stats = body["data"]["socialInsurance"]["stats"]
    assert stats["suppressed"] == 0 and len(stats["groups"]) == 1 and list(stats["groups"][0]) == ["count"]
    assert abs(stats["groups"][0]["count"] - n) <= COUNT_NOISE


def test_stats_filter_that_leaves_one_person_is_suppressed(api, demo_source_urls):
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        top = conn.execute(sa.text("SELECT max(monthly_base) FROM social_insurance")).scalar()
    engine.dispose()
    body = api("minzheng-app").query("""{ socialInsurance(purpose: "%s") {
      stats(where: {monthlyBase: {gte: %s}}) { groups { count max(field: MONTHLY_BASE) } suppressed } } }"""
                                     % (PURPOSE, float(top)))
    assert body["data"]["socialInsurance"]["stats"] == {"groups": [], "suppressed": 1}
    assert str(float(top)) not in str(body)


def test_rows_pages_through_every_record_in_key_order(api, demo_source_urls):
    engine = sa.create_engine(demo_source_urls["shichang-db"])
    with engine.connect() as conn:
        expected = [r[0] for r in conn.execute(sa.text(
            "SELECT credit_code FROM enterprises WHERE district = '顺德区' ORDER BY credit_code"))]
    engine.dispose()
    query = """query($after: String) { enterprises(purpose: "market-supervision") {
      rows(first: 7, after: $after, where: {district: {eq: "顺德区"}}) {
        nodes { creditCode district } pageInfo { hasNextPage endCursor } } } }"""
    seen, after = [], None
    renshe = api("renshe-app")
    while True:
        page = renshe.query(query, {"after": after})["data"]["enterprises"]["rows"]
        assert len(page["nodes"]) <= 7
        assert all(n["district"] == "顺德区" for n in page["nodes"])
        seen += [n["creditCode"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected and len(seen) > 7


def test_rows_filters_combine(api):
    body = api("renshe-app").query("""{ enterprises(purpose: "p") { rows(first: 50, where: {
        registeredCapital: {gte: 100, lt: 500}, industry: {in: ["制造业", "建筑业"]},
        name: {startsWith: "佛山市"}}) { nodes { name industry registeredCapital } } } }""")
    nodes = body["data"]["enterprises"]["rows"]["nodes"]
    assert nodes, "the demo world has such enterprises"
    for n in nodes:
        assert 100 <= n["registeredCapital"] < 500
        assert n["industry"] in ("制造业", "建筑业") and n["name"].startswith("佛山市")


def test_rows_page_size_is_limited(api, gateway):
    limit = gateway.settings.max_page_size
    body = api("renshe-app").query("""{ enterprises(purpose: "p") {
      rows(first: %d) { nodes { name } } } }""" % (limit + 1))
    assert codes(body) == ["BAD_INPUT"]
    assert str(limit) in body["errors"][0]["message"]


def test_rows_refuses_a_cursor_it_did_not_give(api):
    body = api("renshe-app").query("""{ enterprises(purpose: "p") {
      rows(after: "not-a-cursor") { nodes { name } } } }""")
    assert codes(body) == ["BAD_INPUT"]


def test_lookup_by_credit_code(api, demo_source_urls):
    engine = sa.create_engine(demo_source_urls["shichang-db"])
    with engine.connect() as conn:
        code, name = conn.execute(sa.text("SELECT credit_code, name FROM enterprises LIMIT 1")).one()
    engine.dispose()
    body = api("minzheng-app").query("""query($k: String!) { enterprises(purpose: "p") {
      lookup(key: $k) { name creditCode } } }""", {"k": code})
    assert body["data"]["enterprises"]["lookup"] == {"name": name, "creditCode": code}


def test_rows_honour_aliases_fragments_directives_and_typename(api):
    query = """query($withName: Boolean!) { enterprises(purpose: "p") { rows(first: 3) {
      nodes { __typename code: creditCode ...F capital: registeredCapital name @include(if: $withName)
              district @skip(if: true) established: establishedOn } } } }
      fragment F on EnterprisesRecord { industry }"""
    plain = api("renshe-app").query("""{ enterprises(purpose: "p") { rows(first: 3) {
      nodes { creditCode industry registeredCapital name establishedOn } } } }""")
    expected = [{"__typename": "EnterprisesRecord", "code": n["creditCode"], "industry": n["industry"],
                 "capital": n["registeredCapital"], "name": n["name"], "established": n["establishedOn"]}
                for n in plain["data"]["enterprises"]["rows"]["nodes"]]
    body = api("renshe-app").query(query, {"withName": True})
    assert body["data"]["enterprises"]["rows"]["nodes"] == expected
    assert list(body["data"]["enterprises"]["rows"]["nodes"][0]) == list(expected[0]), "key order kept"
    without = api("renshe-app").query(query, {"withName": False})
    assert all("name" not in n for n in without["data"]["enterprises"]["rows"]["nodes"])


def test_rows_and_stats_ask_only_for_what_skip_and_include_leave(api, gateway):
    """A field or aggregate switched off by @include/@skip is neither fetched nor audited."""
    from tests.test_audit import _latest

    renshe = api("renshe-app")
    body = renshe.query("""query($w: Boolean!) { enterprises(purpose: "p") { rows(first: 3) {
      nodes { creditCode name @include(if: $w) industry @skip(if: true) } } } }""", {"w": False})
    assert [list(n) for n in body["data"]["enterprises"]["rows"]["nodes"]] == [["creditCode"]] * 3
    assert _latest(gateway).fields == ["creditCode"]
    stats = api("minzheng-app").query("""query($s: Boolean!) { socialInsurance(purpose: "%s") {
      stats(groupBy: [DISTRICT]) { groups { district count sum(field: MONTHLY_BASE) @include(if: $s) } } } }"""
                                      % PURPOSE, {"s": False})
    assert "errors" not in stats, stats
    assert all(set(g) == {"district", "count"} for g in stats["data"]["socialInsurance"]["stats"]["groups"])
    assert "monthlyBase" not in _latest(gateway).fields


def test_rows_pages_complete_alike_whatever_is_selected(api):
    """Pages are completed column by column: an empty page, a page of __typename only and a
    page mixing strings, numbers and dates come out as the general GraphQL path would."""
    renshe = api("renshe-app")
    empty = renshe.query("""{ enterprises(purpose: "p") { rows(first: 5, where: {creditCode: {eq: "none"}}) {
      nodes { creditCode __typename } pageInfo { hasNextPage endCursor } } } }""")
    assert empty["data"]["enterprises"]["rows"] == {"nodes": [], "pageInfo": {"hasNextPage": False,
                                                                              "endCursor": None}}
    names = renshe.query('{ enterprises(purpose: "p") { rows(first: 4) { nodes { __typename } } } }')
    assert names["data"]["enterprises"]["rows"]["nodes"] == [{"__typename": "EnterprisesRecord"}] * 4
    mixed = renshe.query("""{ enterprises(purpose: "p") { rows(first: 50) {
      nodes { creditCode registeredCapital establishedOn } } } }""")["data"]["enterprises"]["rows"]["nodes"]
    assert len(mixed) == 50
    for node in mixed:
        assert isinstance(node["creditCode"], str)
        assert node["registeredCapital"] is None or isinstance(node["registeredCapital"], float)
        assert node["establishedOn"] is None or len(node["establishedOn"]) == 10


def test_rows_of_people_carry_every_value_as_lookup_gives_it(api, people):
    """A page of population rows (dates among them) says exactly what lookup says of each."""
    owner = api("gongan-steward")
    nodes = owner.query("""{ population(purpose: "p") { rows(first: 60) {
      nodes { idNumber name gender birthDate district phone } } } }""")["data"]["population"]["rows"]["nodes"]
    by_id = {p["id_number"]: p for p in people}
    assert len(nodes) == 60
    for node in nodes:
        person = by_id[node["idNumber"]]
        assert node == {"idNumber": person["id_number"], "name": person["name"],
                        "gender": person["gender"], "birthDate": str(person["birth_date"]),
                        "district": person["district"], "phone": person["phone"]}


def test_a_field_asked_for_twice_is_answered_with_every_selection_merged(api, people,
                                                                         demo_source_urls):
    """GraphQL merges two occurrences of one response key into one field whose selection is
    both of theirs. Before, only the first occurrence was read: the second one's fields were
    an INTERNAL error in a lookup and null on a page, and stats left its aggregates out."""
    person = people[5]
    owner = api("gongan-steward")
    body = owner.query("""query($k: String!) { population(purpose: "p") {
      lookup(key: $k) { name } lookup(key: $k) { ...G } lookup(key: $k) { ... on PopulationRecord { phone } } } }
      fragment G on PopulationRecord { gender birthDate }""", {"k": person["id_number"]})
    assert "errors" not in body, body
    assert body["data"]["population"]["lookup"] == {
        "name": person["name"], "gender": person["gender"],
        "birthDate": str(person["birth_date"]), "phone": person["phone"]}

    page = owner.query("""{ population(purpose: "p") {
      rows(first: 30) { nodes { idNumber } } rows(first: 30) { nodes { name phone } } } }""")
    assert "errors" not in page, page
    by_id = {p["id_number"]: p for p in people}
    nodes = page["data"]["population"]["rows"]["nodes"]
    assert len(nodes) == 30
    for node in nodes:
        person = by_id[node["idNumber"]]
        assert node == {"idNumber": person["id_number"], "name": person["name"],
                        "phone": person["phone"]}

    truths = groups_of(insurance_rows(demo_source_urls["renshe-db"]), ["district"], "monthlyBase")
    stats = api("minzheng-app").query("""{ socialInsurance(purpose: "%s") {
      stats(groupBy: [DISTRICT]) { groups { district count } }
      stats(groupBy: [DISTRICT]) { groups { sum(field: MONTHLY_BASE) } suppressed } } }""" % PURPOSE)
    assert "errors" not in stats, stats
    groups = stats["data"]["socialInsurance"]["stats"]["groups"]
    assert {g["district"] for g in groups} == {k[0] for k, t in truths.items() if t.count >= 5}
    for g in groups:
        assert set(g) == {"district", "count", "sum"}
        assert within_bounds(g, truths[(g["district"],)], COUNT_NOISE, MAGNITUDE_NOISE, THRESHOLD) == []


def test_stats_of_the_whole_dataset_counts_every_record(api, gateway, demo_source_urls):
    """No dimension, filter or aggregate: the one group is the whole dataset. The statement
    named no column of its table and was sent without FROM, counting 1 and withholding the
    whole dataset as one small group. Found by tests/test_selection_fuzz.py."""
    from tests.test_audit import _latest

    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        total = conn.execute(sa.text("SELECT count(*) FROM social_insurance")).scalar()
    engine.dispose()
    assert total >= 5
    for query, variables in [
            ('{ socialInsurance(purpose: "%s") { stats { groups { count } suppressed } } }'
             % PURPOSE, None),
            ("""query($s: Boolean!) { socialInsurance(purpose: "%s") { stats {
              groups { count sum(field: MONTHLY_BASE) @include(if: $s) } suppressed } } }"""
             % PURPOSE, {"s": False})]:
        body = api("minzheng-app").query(query, variables)
        stats = body["data"]["socialInsurance"]["stats"]
        assert stats["suppressed"] == 0 and len(stats["groups"]) == 1, body
        assert abs(stats["groups"][0]["count"] - total) <= COUNT_NOISE, (body, total)
        assert (_latest(gateway).mode, _latest(gateway).rows) == ("STATS", 1)


def test_a_page_whose_every_field_is_switched_off_has_one_empty_record_per_row(api):
    """`nodes { creditCode @include(if: false) }` selects nothing in each record: GraphQL
    answers one empty object per record, not an empty list. Found by the selection fuzzer."""
    renshe = api("renshe-app")
    for nodes in ("creditCode @include(if: $w)", "... @include(if: $w) { creditCode name }"):
        body = renshe.query("""query($w: Boolean!) { enterprises(purpose: "p") { rows(first: 3) {
          nodes { %s } pageInfo { hasNextPage } } } }""" % nodes, {"w": False})
        assert body["data"]["enterprises"]["rows"] == {"nodes": [{}, {}, {}],
                                                       "pageInfo": {"hasNextPage": True}}, body
