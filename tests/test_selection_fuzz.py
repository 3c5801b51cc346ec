"""Property: what a query selects is what GraphQL executes, field for field.

Hypothesis writes GraphQL documents (as text, with their variables) against `lookup`, `rows`
and `stats`: aliases (some of them other fields' names, or keywords), one response key asked
for several times with different selections (GraphQL merges them), two response keys of one
mode with different arguments, named fragments (spreading other fragments), inline fragments
with and without a type condition, `__typename`, and `@skip`/`@include` on fields, fragments
and inline fragments at every level, with literal or variable conditions (variables required
or defaulted, sent or left to their default). Every document drawn is valid GraphQL: a
response key always names one field with one argument text, every fragment is spread
somewhere (a fragment is made where it is first spread, and spreads only older ones: no
cycles), every variable declared is used, and the gateway's limits are kept.

The oracle executes the same document in Python by GraphQL's rules (CollectFields: a
selection left out by @skip/@include is skipped, @skip read before @include; a fragment is
collected once per selection set; a response key stands where it first occurs; the
occurrences of a response key are one field completed with all their selections), over
values read from the source databases directly. The answer must be equal to it, key order
included, and every audit record the request wrote must name exactly the fields asked for
after @skip/@include: what the gateway checks against the grant, fetches and audits.

The documents are derandomized and few by default (tests/fuzzing.py); FUZZ_SCALE and
FUZZ_RANDOM make a longer hunt.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

import pytest
import sqlalchemy as sa
from hypothesis import assume, given, note
from hypothesis import strategies as st

from gateway.demo.data.tables import ENTERPRISES
from gateway.store.models import Grant, Purpose
from gateway.modes.rows import encode_cursor
from tests.conftest import audited_since, newest_audit_id, PURPOSE, codes
from tests.fuzzing import fuzz_settings
from tests.stats_oracle import Truth, avg_ok, count_ok, groups_of, released, sum_ok

# Shapes of document the gateway answered wrongly, by name. While an entry is here, the
# generators leave its shape out (or, for "null-condition", never draw it), so that this file
# passes; an entry is removed once its defect is fixed, and the shape is fuzzed again. The
# three this fuzzer found are fixed and pinned by named tests: "rows-nodes-select-nothing"
# (a page whose nodes collect no field answered no records;
# test_a_page_whose_every_field_is_switched_off_has_one_empty_record_per_row),
# "stats-count-only-of-everything" (stats with no dimension, filter or aggregate counted 1;
# test_stats_of_the_whole_dataset_counts_every_record) and "null-condition" (a null
# @skip/@include condition read by the gateway's own rule;
# test_a_null_skip_or_include_condition_is_bad_input_before_anything_is_read).
KNOWN_DEFECTS: list[str] = []

POPULATION_FIELDS = ["idNumber", "name", "gender", "birthDate", "ethnicity", "phone", "address",
                     "district"]
ENTERPRISE_FIELDS = ["creditCode", "name", "legalRepresentative", "registeredCapital", "industry",
                     "district", "establishedOn", "status"]
# Response keys that are no field of a record (some are keywords, names where an alias stands)
ALIASES = ["a", "b2", "who", "x_1", "Phone", "on", "query", "true", "lookup", "_"]
BOOL_VARS = ["b0", "b1", "b2", "b3"]
AGGREGATES = ["sum", "avg", "min", "max"]
DIMENSIONS = {"DISTRICT": ("district", "district"),
              "INSURANCE_TYPE": ("insuranceType", "insurance_type")}
GROUP_BYS = [(), ("DISTRICT",), ("INSURANCE_TYPE",), ("DISTRICT", "INSURANCE_TYPE"),
             ("INSURANCE_TYPE", "DISTRICT")]
MIN_GROUP = 5  # socialInsurance's threshold: smaller groups are withheld
COUNT_NOISE, MAGNITUDE_NOISE, DOMINANCE = 2, 0.1, (2, 85.0)  # its disclosure rules (defaults)
MAX_NEST = 2  # fragments within fragments (inline or named) within one selection set
MAX_ALIASES = 30  # the gateway's DATAGATE_MAX_ALIASES


# --- documents -----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Field:
    key: str  # response key: the alias, or the field's name
    name: str
    args: str = ""  # as written, e.g. '(key: $k)'; one text per response key
    directives: tuple = ()  # (("skip" | "include"), True | False | variable name), ...
    children: tuple | None = None  # None: a leaf


@dataclasses.dataclass(frozen=True)
class Inline:
    type_condition: str | None
    directives: tuple
    children: tuple


@dataclasses.dataclass(frozen=True)
class Spread:
    name: str
    directives: tuple


@dataclasses.dataclass
class Level:
    """One object type of a document: the response keys a selection on it may use, each with
    its field, argument text and (for an object field) the level below."""
    type_name: str
    entries: dict  # key -> (field name, args text, Level | None)
    max_selections: int = 4
    rare_directives: bool = False  # outer levels: one selection in 10 switched, not one in 3


@dataclasses.dataclass(repr=False)
class Doc:
    fragments: dict = dataclasses.field(default_factory=dict)  # name -> (type, selections)
    made_for: dict = dataclasses.field(default_factory=dict)  # name -> id() of its Level
    used_vars: set = dataclasses.field(default_factory=set)
    root: tuple = ()
    variables: dict = dataclasses.field(default_factory=dict)  # what the request sends
    definitions: dict = dataclasses.field(default_factory=dict)  # name -> "Type[ = default]"
    values: dict = dataclasses.field(default_factory=dict)  # each variable's value in effect

    def text(self) -> str:
        header = ", ".join(f"${name}: {self.definitions[name]}" for name in sorted(self.definitions))
        text = "query Fuzz" + (f"({header})" if header else "") + " " + _render_set(self.root)
        for name, (type_name, selections) in self.fragments.items():
            text += f"\nfragment {name} on {type_name} {_render_set(selections)}"
        return text

    def operation(self) -> Field:
        return Field("", "query", children=self.root)

    def __repr__(self) -> str:
        return f"Doc({self.text()!r}, variables={self.variables!r})"


class Known(list):
    """Known values a strategy draws from, shown short in Hypothesis' reports."""

    def __repr__(self) -> str:
        return f"<{len(self)} known values>"


class KnownByKey(dict):
    __repr__ = Known.__repr__


def _render_arg(value) -> str:
    return f"${value}" if isinstance(value, str) else ("true" if value else "false")


def _render(sel) -> str:
    marks = "".join(f" @{kind}(if: {_render_arg(arg)})" for kind, arg in sel.directives)
    if isinstance(sel, Field):
        head = (f"{sel.key}: " if sel.key != sel.name else "") + sel.name + sel.args + marks
        return head if sel.children is None else f"{head} {_render_set(sel.children)}"
    if isinstance(sel, Inline):
        condition = f" on {sel.type_condition}" if sel.type_condition else ""
        return f"...{condition}{marks} {_render_set(sel.children)}"
    return f"...{sel.name}{marks}"


def _render_set(selections) -> str:
    return "{ " + " ".join(_render(s) for s in selections) + " }"


def _directives(draw, doc: Doc, level: Level) -> tuple:
    """Mostly none; else @skip and/or @include (each at most once: they do not repeat), in
    either order, each on a literal or a Boolean variable."""
    weight = 9 if level.rare_directives else 2
    if draw(st.integers(0, weight)) < weight:
        return ()
    out = []
    for kind in draw(st.sampled_from([("skip",), ("include",), ("skip", "include"),
                                      ("include", "skip")])):
        arg = draw(st.one_of(st.booleans(), st.sampled_from(BOOL_VARS)))
        if isinstance(arg, str):
            doc.used_vars.add(arg)
        out.append((kind, arg))
    return tuple(out)


def _selection_set(draw, doc: Doc, level: Level, nest: int = 0) -> tuple:
    out = []
    for _ in range(draw(st.integers(1, level.max_selections if nest == 0 else 2))):
        kinds = ["field", "field", "field"] + (["inline", "spread"] if nest < MAX_NEST else [])
        kind = draw(st.sampled_from(kinds))
        directives = _directives(draw, doc, level)
        if kind == "field":
            keys = list(level.entries)
            if "__typename" in keys and len(keys) > 1 and draw(st.integers(0, 2)):
                keys.remove("__typename")  # a third as often as another key
            key = draw(st.sampled_from(keys))
            name, args, below = level.entries[key]
            children = None if below is None else _selection_set(draw, doc, below)
            out.append(Field(key, name, args, directives, children))
        elif kind == "inline":
            condition = draw(st.sampled_from([level.type_name, None]))
            out.append(Inline(condition, directives, _selection_set(draw, doc, level, nest + 1)))
        else:
            # a fragment is spread only where it was made for (two stats keys' groups are
            # one type but may select different dimensions)
            made = [n for n, made_for in doc.made_for.items() if made_for == id(level)]
            if made and draw(st.booleans()):
                name = draw(st.sampled_from(made))
            else:  # made here, after its body: a fragment spreads only older ones
                body = _selection_set(draw, doc, level, nest + 1)
                name = f"F{len(doc.fragments)}"
                doc.fragments[name] = (level.type_name, body)
                doc.made_for[name] = id(level)
            out.append(Spread(name, directives))
    return tuple(out)


def _key_map(draw, fields: list[str], aliases=ALIASES) -> dict:
    """Response keys of an object and the field each names: a field's own name (mostly for
    itself, sometimes for another field), an alias, or __typename."""
    keys = draw(st.lists(st.sampled_from(fields + aliases + ["__typename"]), min_size=1,
                         max_size=7, unique=True))
    out = {}
    for key in keys:
        if key == "__typename" or (key in fields and draw(st.integers(0, 3))):
            out[key] = key
        else:
            out[key] = draw(st.sampled_from(fields + ["__typename"]))
    return out


def _record_level(draw, type_name: str, fields: list[str]) -> Level:
    return Level(type_name, {key: (name, "", None) for key, name in _key_map(draw, fields).items()})


def _finish(draw, doc: Doc, root_level: Level, extra: dict) -> Doc:
    """Draw the operation's selection set, then the variables: each Boolean variable used is
    declared required or with a default, and sent or left to its default; `extra` holds the
    other variables the levels' argument texts may use (name -> (type, value))."""
    doc.root = _selection_set(draw, doc, root_level)
    styles = ["required", "default-sent", "default-left"]
    if "null-condition" not in KNOWN_DEFECTS:
        styles.append("default-null-sent")
    for name in sorted(doc.used_vars):
        value = draw(st.booleans())
        style = draw(st.sampled_from(styles))
        if style == "required":
            doc.definitions[name] = "Boolean!"
            doc.variables[name] = value
        elif style == "default-left":
            doc.definitions[name] = f"Boolean = {_render_arg(value)}"
        else:
            doc.definitions[name] = f"Boolean = {_render_arg(draw(st.booleans()))}"
            if style == "default-null-sent":
                value = None
            doc.variables[name] = value
        doc.values[name] = value
    text = doc.text()
    for name, (type_name, value) in extra.items():
        if f"${name})" in text:  # every argument text ends with its one variable
            doc.definitions[name] = type_name
            doc.variables[name] = value
            doc.values[name] = value
    assume(_aliases(doc, doc.root) <= MAX_ALIASES and len(doc.text()) < 3000)
    return doc


def _aliases(doc: Doc, selections) -> int:
    """Aliases as the gateway counts them (strawberry's MaxAliasesLimiter): a fragment's
    again at every spread."""
    count = 0
    for sel in selections:
        if isinstance(sel, Field):
            count += (sel.key != sel.name) + _aliases(doc, sel.children or ())
        elif isinstance(sel, Inline):
            count += _aliases(doc, sel.children)
        else:
            count += _aliases(doc, doc.fragments[sel.name][1])
    return count


# --- the oracle: GraphQL's execution of a document, over known values -----------------------

class NullCondition(Exception):
    """A directive's `if` is a variable sent as null: GraphQL refuses the argument."""


def _included(directives, values, null=None) -> bool:
    """GraphQL's shouldIncludeNode: @skip is read first, then @include. A condition sent as
    null raises NullCondition, or with `null` "in" or "out" is read as keeping or leaving out
    its selection (to tell what is asked for however a resolver reads it)."""
    marks = dict(directives)
    for kind in ("skip", "include"):
        if kind in marks:
            arg = marks[kind]
            on = values[arg] if isinstance(arg, str) else arg
            if on is None:
                if null is None:
                    raise NullCondition(arg)
                on = (null == "in") == (kind == "include")
            if on == (kind == "skip"):
                return False
    return True


def _collect(selections, doc: Doc, grouped: dict, visited: set, null=None) -> None:
    for sel in selections:
        if not _included(sel.directives, doc.values, null):
            continue
        if isinstance(sel, Field):
            grouped.setdefault(sel.key, []).append(sel)
        elif isinstance(sel, Inline):
            _collect(sel.children, doc, grouped, visited, null)
        elif sel.name not in visited:
            visited.add(sel.name)
            _collect(doc.fragments[sel.name][1], doc, grouped, visited, null)


def subfields(nodes, doc: Doc, null=None) -> dict:
    """CollectSubfields over every occurrence of a merged field: response key -> its fields."""
    grouped, visited = {}, set()
    for node in nodes:
        _collect(node.children, doc, grouped, visited, null)
    return grouped


def _value(obj: dict, node: Field):
    """A field's value on a known object: by response key or by name and argument text where
    the object says so (a field asked for under two keys, with different arguments or with
    different answers), else by name."""
    for by in (("key", node.key), (node.name, node.args)):
        if by in obj:
            return obj[by]
    return obj[node.name]


def complete(value, nodes, doc: Doc):
    if value is None or nodes[0].children is None:
        return value
    if isinstance(value, list):
        return [complete(item, nodes, doc) for item in value]
    return {key: complete(_value(value, same[0]), same, doc)
            for key, same in subfields(nodes, doc).items()}


def reached(doc: Doc, keys: list, null=None) -> list[Field]:
    """Every occurrence, left after @skip/@include, of the field at the end of a path of
    response keys."""
    nodes = [doc.operation()]
    for key in keys:
        nodes = subfields(nodes, doc, null).get(key, [])
    return nodes


def asked(doc: Doc, nodes: list[Field], below: str | None = None, null=None) -> set[str]:
    """The field names asked for under the merged field `nodes` (or under its fields named
    `below`, whatever their keys)."""
    if below is not None:
        nodes = [n for same in subfields(nodes, doc, null).values() for n in same
                 if n.name == below]
    return {same[0].name for same in subfields(nodes, doc, null).values()} - {"__typename"}


def executed(doc: Doc, dataset_key: str, name: str) -> list[str]:
    """Response keys of field `name` under the dataset, in the order GraphQL resolves them."""
    return [key for key, same in subfields(reached(doc, [dataset_key]), doc).items()
            if same[0].name == name]


@dataclasses.dataclass(frozen=True)
class Perturbed:
    """An expected value the gateway perturbs (stats of a grantee): what it may be."""

    admits: object  # value -> bool
    what: str

    def __repr__(self) -> str:
        return f"<{self.what}>"


def assert_same(actual, expected, where="data", approx=False):
    """Equal, with every object's keys in the same order; with `approx`, floats within 1e-9
    relative (aggregates the source computes); a Perturbed expectation admits the value."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), (where, actual, expected)
        assert list(actual) == list(expected), (where, list(actual), list(expected))
        for key in expected:
            assert_same(actual[key], expected[key], f"{where}.{key}", approx)
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (where, actual, expected)
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_same(a, e, f"{where}[{i}]", approx)
    elif isinstance(expected, Perturbed):
        assert expected.admits(actual), (where, actual, expected)
    elif approx and isinstance(expected, float):
        assert isinstance(actual, (int, float)) and math.isclose(
            actual, expected, rel_tol=1e-9, abs_tol=1e-6), (where, actual, expected)
    else:
        assert actual == expected and type(actual) is type(expected), (where, actual, expected)


# --- shared pieces ---------------------------------------------------------------------------

def person_record(person: dict) -> dict:
    return {"__typename": "PopulationRecord", "idNumber": person["id_number"],
            "name": person["name"], "gender": person["gender"],
            "birthDate": str(person["birth_date"]), "ethnicity": person["ethnicity"],
            "phone": person["phone"], "address": person["address"], "district": person["district"]}


def _purposes():
    alphabet = st.sampled_from(list("abcxyz-_ 09审核用途\"\\/é"))
    return st.text(alphabet, min_size=1, max_size=20).filter(lambda s: s.strip())


def _purpose_arg(draw, extra: dict, purpose: str) -> str:
    if draw(st.booleans()):
        extra["p"] = ("String", purpose)
        return "(purpose: $p)"
    return f"(purpose: {json.dumps(purpose, ensure_ascii=False)})"




def _answered_as_modelled(caller, gateway, doc: Doc, world: dict) -> list | None:
    """Send the document and check that the answer is the model's completion of it; the audit
    records it wrote, or None where a null condition was (rightly) refused."""
    body, _, records = _send(caller, gateway, doc)
    if _null_condition_answer(doc, body, world):
        return None
    assert "errors" not in body, body
    assert_same(body["data"], complete(world, [doc.operation()], doc))
    return records


def _send(caller, gateway, doc: Doc):
    """(body, response text, audit records written) of one request of the document."""
    text = doc.text()
    note(text)
    note(f"variables: {doc.variables}")
    before = newest_audit_id(gateway)
    response = caller.post(text, doc.variables)
    body = response.json()
    assert "INTERNAL" not in codes(body), body
    # 200, or 400 where a null condition leaves no data (GraphQL over HTTP)
    assert response.status_code == 200 or (response.status_code == 400 and body.get("data") is None
                                           and codes(body) == ["BAD_INPUT"]), response.text
    return body, response.text, audited_since(gateway, before)


def _null_condition_answer(doc: Doc, body: dict, world: dict, may_refuse=lambda path: False):
    """Whether the document reads a condition sent as null. GraphQL refuses that (BAD_INPUT)
    where it collects the selection holding it: after the resolver of the field above, which
    may refuse first (`may_refuse(path)`) what is asked for however the null is read."""
    try:
        complete(world, [doc.operation()], doc)
    except NullCondition:
        assert codes(body), body
        for error in body["errors"]:
            assert error["extensions"]["code"] == "BAD_INPUT" or may_refuse(error.get("path")), body
        return True
    assert "data" in body, body
    return False


def _still_serves(api, people):
    person = people[11]
    body = api("minzheng-app").query("""query($k: String!) { population(purpose: "%s") {
      lookup(key: $k) { name } } }""" % PURPOSE, {"k": person["id_number"]})
    assert body == {"data": {"population": {"lookup": {"name": person["name"]}}}}, body


# --- lookup ----------------------------------------------------------------------------------

@st.composite
def lookup_documents(draw, people: list[dict], fields: list[str], purpose=None):
    """Lookups on population under one or two response keys (of one person or two), each key
    possibly asked for several times; the dataset's field too may be asked for again."""
    doc, extra, looked_up = Doc(), {}, {}
    purpose = draw(_purposes()) if purpose is None else purpose
    record = _record_level(draw, "PopulationRecord", fields)
    keys = draw(st.lists(st.sampled_from(["lookup", "person", "name", "other"]), min_size=1,
                         max_size=2, unique=True))
    entries = {"__typename": ("__typename", "", None)}
    for i, key in enumerate(keys):
        person = people[draw(st.integers(0, len(people) - 1))]
        if draw(st.booleans()):
            extra[f"k{i}"] = ("String!", person["id_number"])
            args = f"(key: $k{i})"
        else:
            args = f'(key: "{person["id_number"]}")'
        entries[key] = ("lookup", args, record)
        looked_up[("lookup", args)] = person_record(person)
    access = Level("PopulationAccess", entries, 3, True)
    dataset_key = draw(st.sampled_from(["population", "pop"]))
    root = Level("Query", {dataset_key: ("population", _purpose_arg(draw, extra, purpose), access)},
                 2, True)
    _finish(draw, doc, root, extra)
    world = {"__typename": "Query",
             "population": {"__typename": "PopulationAccess", **looked_up}}
    return doc, world, purpose, dataset_key


def test_lookup_answers_what_graphql_selects(api, gateway, people):
    """As the owner (every field, any purpose): the record as GraphQL completes the selection."""
    owner = api("gongan-steward")

    @fuzz_settings(80)
    @given(case=lookup_documents(Known(people), POPULATION_FIELDS))
    def run(case):
        doc, world, purpose, dataset_key = case
        records = _answered_as_modelled(owner, gateway, doc, world)
        if records is None:
            return
        keys = executed(doc, dataset_key, "lookup")
        assert len(records) == len(keys), (keys, records)
        for key, record in zip(keys, records):
            assert (record.outcome, record.mode, record.dataset, record.purpose, record.rows) == \
                ("ALLOWED", "LOOKUP", "population", purpose.strip(), 1)
            assert record.fields == sorted(asked(doc, reached(doc, [dataset_key, key]))), key

    run()
    _still_serves(api, people)


@pytest.fixture(scope="module")
def weijian_health_grants(gateway):
    """weijian may look up population for "health-a" (name) and "health-b" (name and phone):
    phone is in its schema, yet refused under health-a. (test_refusals' fixture makes the same
    grants; they are made here only where no live one is.)"""
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        for purpose, fields in (("health-a", ["name"]), ("health-b", ["name", "phone"])):
            if session.get(Purpose, purpose) is None:
                session.add(Purpose(code=purpose, name=purpose))
                session.flush()
            live = [g for g in session.scalars(sa.select(Grant).where(
                Grant.department_code == "weijian", Grant.dataset_code == "population",
                Grant.purpose == purpose, Grant.revoked_at.is_(None))) if g.expires_at > now]
            if not live:
                session.add(Grant(dataset_code="population", department_code="weijian",
                                  modes=["LOOKUP"], fields=fields, purpose=purpose,
                                  expires_at=now + dt.timedelta(days=30), created_at=now))
            assert all(sorted(g.fields) == fields and g.modes == ["LOOKUP"] for g in live)


def test_lookup_refuses_exactly_when_an_ungranted_field_is_asked_for(api, gateway, people,
                                                                     weijian_health_grants):
    """Under health-a (name only): a lookup whose selection, after @skip/@include and merging,
    asks for phone is refused FORBIDDEN_FIELD naming phone, and nothing of the person leaves;
    any other is answered as GraphQL completes it."""
    weijian = api("weijian-steward")

    @fuzz_settings(80)
    @given(case=lookup_documents(Known(people), ["name", "phone"], purpose="health-a"))
    def run(case):
        doc, world, _, dataset_key = case
        body, text, records = _send(weijian, gateway, doc)
        for person in world["population"].values():
            assert not isinstance(person, dict) or person["phone"] not in text

        def phone_asked_anyway(path):
            return path and all("phone" in asked(doc, reached(doc, path, null), null=null)
                                for null in ("in", "out"))

        if _null_condition_answer(doc, body, world, phone_asked_anyway):
            return
        keys = executed(doc, dataset_key, "lookup")
        access = subfields(reached(doc, [dataset_key]), doc)
        refused = [key for key in keys if "phone" in asked(doc, access[key])]
        answered = {**world["population"]}
        for key in refused:  # a refused lookup is null, with its error
            answered[("key", key)] = None
        assert codes(body) == ["FORBIDDEN_FIELD"] * len(refused), body
        for key, error in zip(refused, body.get("errors", [])):
            assert error["extensions"]["fields"] == ["phone"], body
            assert error["path"] == [dataset_key, key], body
        assert_same(body["data"], complete({**world, "population": answered},
                                           [doc.operation()], doc))
        # nothing of a refused lookup's person leaves (but what another lookup gives)
        person = {key: world["population"][("lookup", access[key][0].args)] for key in keys}
        shown = [person[key]["name"] for key in keys
                 if key not in refused and "name" in asked(doc, access[key])]
        for key in refused:
            name = person[key]["name"]
            assert name not in text or any(name in other for other in shown), key
        assert len(records) == len(keys), (keys, records)
        for key, record in zip(keys, records):
            assert record.fields == sorted(asked(doc, access[key])), key
            assert (record.outcome, record.error_code) == (
                ("DENIED", "FORBIDDEN_FIELD") if key in refused else ("ALLOWED", None)), key

    run()
    _still_serves(api, people)


# --- rows ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def enterprises(demo_source_urls) -> list[dict]:
    """The first enterprises in key order, as a page gives them (DECIMAL as float, dates as
    YYYY-MM-DD)."""
    engine = sa.create_engine(demo_source_urls["shichang-db"])
    with engine.connect() as conn:
        rows = conn.execute(sa.select(ENTERPRISES).order_by(ENTERPRISES.c.credit_code).limit(10))
        out = [{"__typename": "EnterprisesRecord", "creditCode": r.credit_code, "name": r.name,
                "legalRepresentative": r.legal_representative,
                "registeredCapital": float(r.registered_capital), "industry": r.industry,
                "district": r.district, "establishedOn": str(r.established_on), "status": r.status}
               for r in rows]
    engine.dispose()
    return out


@st.composite
def rows_documents(draw, dataset: str, type_prefix: str, fields: list[str], records: list[dict],
                   key_field: str):
    """Pages (first 2-5) under one or two response keys, `nodes` under one or two keys,
    pageInfo sometimes."""
    doc, extra, pages = Doc(), {}, {}
    record = _record_level(draw, f"{type_prefix}Record", fields)
    page_info = Level("PageInfo", {"hasNextPage": ("hasNextPage", "", None),
                                   "endCursor": ("endCursor", "", None),
                                   "more": ("hasNextPage", "", None),
                                   "__typename": ("__typename", "", None)}, 3)
    connection = Level(f"{type_prefix}Connection", {
        "nodes": ("nodes", "", record), "items": ("nodes", "", record),
        draw(st.sampled_from(["pageInfo", "page"])): ("pageInfo", "", page_info),
        "__typename": ("__typename", "", None)}, 3)
    entries = {"__typename": ("__typename", "", None)}
    for i, key in enumerate(draw(st.lists(st.sampled_from(["rows", "page", "more"]),
                                          min_size=1, max_size=2, unique=True))):
        first = draw(st.integers(2, 5))
        if draw(st.booleans()):
            extra[f"n{i}"] = (draw(st.sampled_from(["Int", "Int!", "Int = 1"])), first)
            args = f"(first: $n{i})"
        else:
            args = f"(first: {first})"
        entries[key] = ("rows", args, connection)
        page = records[:first]
        pages[("rows", args)] = {
            "__typename": f"{type_prefix}Connection", "nodes": page,
            "pageInfo": {"__typename": "PageInfo", "hasNextPage": True,
                         "endCursor": encode_cursor(page[-1][key_field])}}
    access = Level(f"{type_prefix}Access", entries, 3, True)
    root = Level("Query", {dataset: (dataset, _purpose_arg(draw, extra, "p"), access)}, 2, True)
    _finish(draw, doc, root, extra)
    if "rows-nodes-select-nothing" in KNOWN_DEFECTS:
        assume(not _nodes_select_nothing(doc, dataset))
    world = {"__typename": "Query", dataset: {"__typename": f"{type_prefix}Access", **pages}}
    return doc, world


def _nodes_select_nothing(doc: Doc, dataset: str) -> bool:
    """Whether a response key of `nodes` is asked for and collects no field at all."""
    try:
        return any(same[0].name == "nodes" and not subfields(same, doc)
                   for key in executed(doc, dataset, "rows")
                   for same in subfields(reached(doc, [dataset, key]), doc).values())
    except NullCondition:
        return False


def _rows_property(api, gateway, principal, dataset, type_prefix, fields, records, key_field):
    caller = api(principal)

    @fuzz_settings(60)
    @given(case=rows_documents(dataset, type_prefix, fields, Known(records), key_field))
    def run(case):
        doc, world = case
        audited = _answered_as_modelled(caller, gateway, doc, world)
        if audited is None:
            return
        keys = executed(doc, dataset, "rows")
        assert len(audited) == len(keys), (keys, audited)
        access = subfields(reached(doc, [dataset]), doc)
        for key, record in zip(keys, audited):
            first = len(world[dataset][("rows", access[key][0].args)]["nodes"])
            assert (record.outcome, record.mode, record.dataset, record.rows) == \
                ("ALLOWED", "ROWS", dataset, first), key
            assert record.fields == sorted(asked(doc, access[key], below="nodes")), key

    run()


def test_rows_of_enterprises_answer_what_graphql_selects(api, gateway, enterprises, people):
    _rows_property(api, gateway, "renshe-app", "enterprises", "Enterprises", ENTERPRISE_FIELDS,
                   enterprises, "creditCode")
    _still_serves(api, people)


def test_rows_of_people_answer_what_graphql_selects(api, gateway, people):
    _rows_property(api, gateway, "gongan-steward", "population", "Population", POPULATION_FIELDS,
                   [person_record(p) for p in people[:10]], "idNumber")
    _still_serves(api, people)


# --- stats -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def insurance_groups(demo_source_urls) -> dict:
    """groupBy (enum names) -> (the groups the disclosure rules release, in the order of the
    dimensions; how many they withhold), computed straight from the source. minzheng is no
    owner: its counts, sums and averages carry cell key noise, so they are expected within
    the noise's bounds (tests/stats_oracle.py); min and max exactly."""
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        rows = [{"district": r.district, "insuranceType": r.insurance_type,
                 "monthlyBase": float(r.monthly_base)} for r in conn.execute(sa.text(
                     "SELECT district, insurance_type, monthly_base FROM social_insurance"))]
    engine.dispose()
    out = {}
    for group_by in GROUP_BYS:
        names = [DIMENSIONS[d][0] for d in group_by]
        truths = groups_of(rows, names, "monthlyBase")
        kept = sorted(k for k, t in truths.items() if released(t, ["count"], MIN_GROUP))
        # which groups leave does not hang on which aggregates a document asks for here: the
        # demo world has no group that too few contributions back or a few dominate
        assert kept == sorted(k for k, t in truths.items()
                              if released(t, AGGREGATES, MIN_GROUP, DOMINANCE)), group_by
        groups = [{"__typename": "SocialInsuranceStatsGroup", **dict(zip(names, key)),
                   **_perturbed(truths[key]), "min": truths[key].exact("min"),
                   "max": truths[key].exact("max")} for key in kept]
        out[group_by] = (groups, len(truths) - len(groups))
    assert any(suppressed for _, suppressed in out.values()), "some groups should be small"
    return out


def _perturbed(truth: Truth) -> dict:
    return {"count": Perturbed(lambda c: count_ok(c, truth, COUNT_NOISE, MIN_GROUP),
                               f"{truth.count} +- {COUNT_NOISE}"),
            "sum": Perturbed(lambda s: sum_ok(s, truth, MAGNITUDE_NOISE),
                             f"{truth.total} +- {MAGNITUDE_NOISE} x {truth.largest}"),
            "avg": Perturbed(lambda a: avg_ok(a, truth, COUNT_NOISE, MAGNITUDE_NOISE, MIN_GROUP),
                             f"about {truth.exact('avg')}")}


@st.composite
def stats_documents(draw, insurance_groups: dict):
    """stats of socialInsurance as minzheng under one or two response keys, each with its
    groupBy; its groups select grouped dimensions, count, aggregates (literal or variable
    field), __typename, aliased or not; `groups` under one or two keys."""
    doc, extra, results, group_bys = Doc(), {}, {}, {}
    entries = {"__typename": ("__typename", "", None)}
    for i, key in enumerate(draw(st.lists(st.sampled_from(["stats", "by", "groups"]),
                                          min_size=1, max_size=2, unique=True))):
        group_by = draw(st.sampled_from(GROUP_BYS))
        style = draw(st.integers(0, 3))
        if style == 0 and not group_by:
            args = ""
        elif style < 3:
            args = f"(groupBy: [{', '.join(group_by)}])"
        else:
            extra[f"g{i}"] = ("[SocialInsuranceDimension!]", list(group_by))
            args = f"(groupBy: $g{i})"
        # only dimensions grouped by: another is BAD_INPUT (a group has no one value of it)
        names = [DIMENSIONS[d][0] for d in group_by] + ["count", "__typename"] + AGGREGATES
        group_entries = {}
        for alias, name in _key_map(draw, names, ["total", "mean", "lo", "hi", "n", "d"]).items():
            field_arg = ""
            if name in AGGREGATES:
                if draw(st.integers(0, 2)):
                    field_arg = "(field: MONTHLY_BASE)"
                else:
                    extra["f"] = ("SocialInsuranceNumericField!", "MONTHLY_BASE")
                    field_arg = "(field: $f)"
            group_entries[alias] = (name, field_arg, None)
        group = Level("SocialInsuranceStatsGroup", group_entries)
        result = Level("SocialInsuranceStats", {
            "groups": ("groups", "", group), "g": ("groups", "", group),
            "suppressed": ("suppressed", "", None), "epsilon": ("epsilon", "", None),
            "__typename": ("__typename", "", None)}, 3)
        entries[key] = ("stats", args, result)
        groups, suppressed = insurance_groups[group_by]
        results[("stats", args)] = {"__typename": "SocialInsuranceStats", "groups": groups,
                                    "suppressed": suppressed, "epsilon": None}
        group_bys[key] = group_by
    access = Level("SocialInsuranceAccess", entries, 3, True)
    root = Level("Query", {"socialInsurance": ("socialInsurance",
                                               _purpose_arg(draw, extra, PURPOSE), access)}, 2, True)
    _finish(draw, doc, root, extra)
    if "stats-count-only-of-everything" in KNOWN_DEFECTS:
        try:
            assume(not any(not group_bys[key] and not set(AGGREGATES) & asked(
                doc, reached(doc, ["socialInsurance", key]), below="groups")
                for key in executed(doc, "socialInsurance", "stats")))
        except NullCondition:
            pass
    world = {"__typename": "Query",
             "socialInsurance": {"__typename": "SocialInsuranceAccess", **results}}
    return doc, world, group_bys


def test_stats_answer_what_graphql_selects(api, gateway, people, insurance_groups):
    minzheng = api("minzheng-app")

    @fuzz_settings(60)
    @given(case=stats_documents(KnownByKey(insurance_groups)))
    def run(case):
        doc, world, group_bys = case
        body, _, audited = _send(minzheng, gateway, doc)
        if _null_condition_answer(doc, body, world):
            return
        assert "errors" not in body, body
        assert_same(body["data"], complete(world, [doc.operation()], doc), approx=True)
        keys = executed(doc, "socialInsurance", "stats")
        assert len(audited) == len(keys), (keys, audited)
        for key, record in zip(keys, audited):
            fields = {DIMENSIONS[d][0] for d in group_bys[key]}
            if set(AGGREGATES) & asked(doc, reached(doc, ["socialInsurance", key]), below="groups"):
                fields.add("monthlyBase")
            groups, _ = insurance_groups[group_bys[key]]
            assert (record.outcome, record.mode, record.rows) == ("ALLOWED", "STATS", len(groups))
            assert record.fields == sorted(fields), key

    run()
    _still_serves(api, people)
