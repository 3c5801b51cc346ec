"""Property-based SQL fuzzing of the sandbox at the package level (SandboxManager / Session).

Queries are generated from a small grammar over the session's own tables and columns
(`people`: one row per person; `visits`: many rows per person): SELECT lists, aggregates,
windows, GROUP BY / GROUPING SETS / ROLLUP / CUBE / ALL, HAVING, QUALIFY, ORDER BY, LIMIT,
DISTINCT, subqueries, CTEs (recursive ones bounded), set operations, joins, CASE, casts,
string functions, PIVOT / UNPIVOT, table functions, statements that reach out or change
settings, deep nesting; some are then mutated token by token. For every statement:

1. `session.run(sql)` returns a result or raises a typed sandbox error (a SandboxError
   with a sandbox or BAD_INPUT code, status < 500) whose message is non-empty and holds no
   host path, session id or identifier value; never another exception, never a hang;
2. a released result holds no value of a direct identifier column (checked by value: the
   test knows every ID number, name, phone and card number), no nested value and no
   internal column; for the grouped shapes, a plain unlocked DuckDB copy of the same data
   computes every group's people count independently: a result is released only if every
   row it shows describes at least the threshold's number of people, and then equals what
   plain DuckDB returns;
3. after every example the session still answers known-good queries correctly, its
   DuckDB settings read back exactly as when it was opened (lockdown included) and no
   file appeared in the session's folder.

The examples are derandomized (the same on every run); tests/fuzzing.py says how to draw
more and new ones, for exploring locally. The
shapes of the defects this fuzzer found (listed at FOUND_DEFECTS, all fixed) are among the
shapes generated, so that they stay fixed.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import math
import random
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from sandbox import OutputCheckFailed, Result, SandboxError, SandboxLimits, SandboxManager, TablePolicy
from sandbox.lockdown import lockdown_failures
from tests.fuzzing import fuzz_settings
from tests.sandbox.conftest import FakeClock

# -- the data ------------------------------------------------------------------------

# district -> people living there: big groups, groups around the threshold, and NULLs
DISTRICT_SIZES = [("east", 150), ("west", 120), ("south", 60), ("north", 30), ("centre", 12), ("new", 8),
                  ("old", 5), ("port", 4), ("isle", 2), ("lone", 1), (None, 8)]
N_PEOPLE = sum(n for _, n in DISTRICT_SIZES)
N_PATIENTS = 250


def _id_number(i: int) -> str:
    return f"110101198{i:09d}"


def _name(i: int) -> str:
    return f"Resident {i:04d}"


def _phone(i: int) -> str:
    return f"139{i:08d}"


def _card(i: int) -> int:
    return 7700000000 + i


ID_PATTERN = re.compile(r"110101198\d{9}|139\d{8}|Resident \d{4}|770000\d{4}")


def make_people(rng: random.Random) -> pa.Table:
    districts = [d for d, n in DISTRICT_SIZES for _ in range(n)]
    rng.shuffle(districts)
    return pa.table({
        "idNumber": [_id_number(i) for i in range(N_PEOPLE)],
        "name": [_name(i) for i in range(N_PEOPLE)],
        "district": districts,
        "sex": [rng.choice("FM") for _ in range(N_PEOPLE)],
        "age": pa.array([rng.randint(18, 90) for _ in range(N_PEOPLE)], pa.int32()),
        "income": [None if rng.random() < 0.05 else round(rng.gauss(6000, 1500), 2) for _ in range(N_PEOPLE)],
        "since": [dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000)) for _ in range(N_PEOPLE)],
        "status": rng.choices(["active", "suspended", "ended"], weights=[85, 10, 5], k=N_PEOPLE),
    })


def make_visits(rng: random.Random) -> pa.Table:
    """Visits of N_PATIENTS people: one 'dental' patient with ten visits (many rows, one
    person), three 'eye' patients with four visits each, the rest spread out."""
    rows = []
    for n, person in enumerate(rng.sample(range(N_PEOPLE), N_PATIENTS)):
        if n == 0:
            plan = ["dental"] * 10
        elif n < 4:
            plan = ["eye"] * 4
        else:
            plan = rng.choices(["general", "children"], weights=[80, 20], k=rng.randint(1, 6))
        for hospital in plan:
            rows.append({
                "patientId": _id_number(person), "phone": _phone(person), "cardNo": _card(person),
                "hospital": hospital,
                "dept": rng.choices(["out", "in", "er", "icu"], weights=[60, 25, 12, 3])[0],
                "cost": None if rng.random() < 0.03 else round(rng.gauss(300, 120), 2),
                "visitDate": dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2000)),
                "days": rng.randint(0, 14),
            })
    rng.shuffle(rows)
    return pa.Table.from_pylist(rows).cast(pa.schema([
        ("patientId", pa.string()), ("phone", pa.string()), ("cardNo", pa.int64()), ("hospital", pa.string()),
        ("dept", pa.string()),
        ("cost", pa.float64()), ("visitDate", pa.date32()), ("days", pa.int32())]))


LIMITS = SandboxLimits(timeout_seconds=5.0, memory_limit_mb=256, max_temp_mb=64, threads=1, max_rows=500,
                       max_result_bytes=512 * 1024, min_group_size=5)
DOMINANCE = (2, 85.0)
MAGNITUDES = {"income", "cost"}
POLICIES = {
    "people": TablePolicy(identifier_columns={"idNumber", "name"}, people_column="idNumber",
                          magnitude_columns={"income"}, dominance=DOMINANCE),
    "visits": TablePolicy(identifier_columns={"patientId", "phone", "cardNo"}, people_column="patientId",
                          min_group_size=4, magnitude_columns={"cost"}, dominance=DOMINANCE),
}
CODES = {"SANDBOX_FORBIDDEN", "SANDBOX_TIMEOUT", "SANDBOX_MEMORY", "RESULT_TOO_LARGE", "OUTPUT_CHECK_FAILED",
         "BAD_INPUT"}
HANG_SECONDS = LIMITS.timeout_seconds * 3 + 15
SLOW_SECONDS = LIMITS.timeout_seconds + 10
HEALTH = [
    "SELECT status, count(*) AS n FROM people GROUP BY status ORDER BY status",
    "SELECT hospital, count(DISTINCT patientId) AS n FROM visits GROUP BY 1 HAVING n >= 4 ORDER BY 1",
]


# -- the world the tests share ---------------------------------------------------------

class World:
    """One locked session, a plain DuckDB copy of its data, and the checks every example gets."""

    def __init__(self, root, manager: SandboxManager, session, plain: duckdb.DuckDBPyConnection,
                 identifier_values: set[str]):
        self.root = root
        self.manager = manager
        self.session = session
        self.plain = plain
        self.identifier_values = identifier_values
        self.identifier_numbers = {int(v) for v in identifier_values if v.isdigit()}
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="fuzz-sql")
        self.settings = self._settings()
        self.files = self._files()
        self.health = [(sql, plain.execute(sql).fetchall()) for sql in HEALTH]
        self.examples = 0
        self.host_markers = ["/tmp", "/work", "/home", "/root", "/proc", "/etc", "/var", "data.duckdb",
                             ".datagate-sandbox", str(root), str(session.folder), session.id]

    def _settings(self) -> dict:
        return self.session.query_settings()  # where the queries run

    def _files(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*"))

    def run(self, sql: str) -> Result | SandboxError:
        """session.run(sql) with properties 1-3 checked; returns the result or the error."""
        self.examples += 1
        started = time.monotonic()
        future = self.pool.submit(self.session.run, sql)
        try:
            outcome = future.result(timeout=HANG_SECONDS)
        except concurrent.futures.TimeoutError:
            pytest.fail(f"hang: still running after {HANG_SECONDS} s: {sql!r}")
        except SandboxError as exc:
            outcome = exc
        except Exception as exc:  # noqa: BLE001 - exactly what property 1 forbids
            pytest.fail(f"untyped {type(exc).__module__}.{type(exc).__name__} for {sql!r}: {exc}")
        elapsed = time.monotonic() - started
        assert elapsed < SLOW_SECONDS, f"{sql!r} took {elapsed:.1f} s, past the time limit"
        if isinstance(outcome, SandboxError):
            self.check_error(sql, outcome)
        else:
            self.check_result(sql, outcome)
        self.check_still_serving()
        return outcome

    def check_error(self, sql: str, error: SandboxError) -> None:
        assert error.code in CODES, (sql, error.code, error.message)
        assert error.http_status < 500, (sql, error.code)
        assert isinstance(error.message, str) and error.message.strip(), (sql, error.code)
        shown = error.message + " " + repr(error.extensions)
        for marker in self.host_markers:
            assert marker not in shown, f"host path {marker!r} in the message for {sql!r}: {error.message}"
        leaked = self.identifiers_in(error.message)
        assert not leaked, f"identifier values {leaked} in the message for {sql!r}: {error.message}"
        if isinstance(error, OutputCheckFailed):
            assert error.extensions["failedChecks"], sql

    def check_result(self, sql: str, result: Result) -> None:
        assert len(result.rows) <= LIMITS.max_rows, sql
        assert all(len(row) == len(result.columns) for row in result.rows), sql
        for column in result.columns:
            assert not column.lower().startswith("__dg"), f"internal column {column!r} released by {sql!r}"
            assert not self.identifiers_in(column), f"identifier value as column name {column!r} from {sql!r}"
        for row in result.rows:
            for value in row:
                assert not isinstance(value, (list, dict, tuple)), f"nested value {value!r} released by {sql!r}"
                leaked = self.identifiers_in(value)
                assert not leaked, f"identifier values {leaked} released by {sql!r}: row {row!r}"

    def identifiers_in(self, value) -> set:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str):
            return {m for m in ID_PATTERN.findall(value) if m in self.identifier_values}
        if isinstance(value, bool):
            return set()
        if isinstance(value, int) or (isinstance(value, Decimal) and value == value.to_integral_value()):
            return {value} & self.identifier_numbers
        return set()

    def check_still_serving(self) -> None:
        sql, expected = self.health[self.examples % len(self.health)]
        # a comment makes the text new now and then, so the whole pipeline runs again
        text = f"{sql} -- {self.examples % 40}"
        assert self.session.run(text).rows == [tuple(r) for r in expected], "the session stopped answering"
        settings = self._settings()
        assert settings == self.settings, "a DuckDB setting changed"
        assert not lockdown_failures(settings)
        assert self._files() == self.files, "files appeared in the sandbox folder"

    def truth(self, sql: str) -> list[tuple[tuple, int]]:
        """Rows of a check query on the plain copy: (values but the last, people = the last)."""
        return [(tuple(r[:-1]), r[-1]) for r in self.plain.execute(sql).fetchall()]


def build_world(root) -> World:
    """A session over fresh copies of the fuzz data under `root`, and its plain twin."""
    rng = random.Random(20260930)
    people, visits = make_people(rng), make_visits(rng)
    manager = SandboxManager(root, LIMITS, FakeClock())
    session = manager.open("researcher", {"people": people.to_reader(), "visits": visits}, POLICIES)
    plain = duckdb.connect()
    plain.execute("SET threads = 1")
    for name, table in (("people", people), ("visits", visits)):
        plain.register("source", table)
        plain.execute(f"CREATE TABLE {name} AS SELECT * FROM source")
        plain.unregister("source")
    values = set(people.column("idNumber").to_pylist()) | set(people.column("name").to_pylist())
    values |= set(visits.column("phone").to_pylist()) | {str(c) for c in visits.column("cardNo").to_pylist()}
    return World(root, manager, session, plain, values)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = build_world(tmp_path_factory.mktemp("fuzz-sandbox"))
    yield w
    w.pool.shutdown(wait=False)
    w.manager.close_all()
    w.plain.close()


# FOUND_DEFECTS: the defects this fuzzer found, fixed since, whose shapes it generates
# (and what the sandbox now answers):
# - a window in a UNION ALL branch, with ORDER BY ... LIMIT on the set operation: the window
#   carries a small group's value into a released row while the small row itself is cut
#   (now refused: shape);
# - SELECT DISTINCT with aggregates in a UNION ALL branch: the whole union was deduplicated
#   (now refused: shape);
# - expressions or subqueries nested ~80 deep and more: untyped SerializationException /
#   RecursionError instead of a typed refusal (now BAD_INPUT);
# - an (allowed) equality join of a numeric with a text identifier column: the conversion
#   error message showed a text identifier value (errors raised while reading data no
#   longer carry DuckDB's text);
# - EXPLAIN of a query that counts a numeric identifier column: the plan showed the column's
#   minimum (DuckDB's compressed materialization), i.e. one person's identifier (EXPLAIN of
#   a query reading an identifier is now refused: identifier);
# - a row constructor `(a, b)`: its column (type TUPLE) passed the nested-column check.
MAX_NESTING = 600


def fuzz(examples: int):
    return fuzz_settings(examples, suppress_health_check=list(HealthCheck))


# -- comparing results -----------------------------------------------------------------

def _norm(value):
    if isinstance(value, float):
        return "nan" if math.isnan(value) else float(f"{value:.9g}")
    if isinstance(value, Decimal):
        return float(f"{float(value):.9g}")
    return value


def normalized(rows) -> list[tuple]:
    return sorted((tuple(_norm(v) for v in row) for row in rows), key=repr)


def failed_checks(outcome) -> list[str]:
    return outcome.extensions["failedChecks"] if isinstance(outcome, OutputCheckFailed) else []


def describe(outcome) -> str:
    if isinstance(outcome, SandboxError):
        return f"{outcome.code}: {outcome.message}"
    return f"released {len(outcome.rows)} rows"


# -- the tables, as the grammar sees them ------------------------------------------------

@dataclass(frozen=True)
class Table:
    name: str
    person: str
    identifiers: tuple[str, ...]
    cats: tuple[str, ...]
    nums: tuple[str, ...]
    date: str
    keys: tuple[str, ...]    # group keys, {p} is the column prefix
    conds: tuple[str, ...]   # conditions, {p} is the column prefix
    values: dict = field(default_factory=dict)  # a few values of each categorical column
    threshold: int = 5
    numeric_identifiers: tuple[str, ...] = ()

    @property
    def plain_columns(self) -> list[str]:
        return list(self.cats) + list(self.nums) + [self.date]


PEOPLE = Table(
    "people", "idNumber", ("idNumber", "name"), ("district", "sex", "status"), ("age", "income"), "since",
    keys=("{p}district", "{p}sex", "{p}status", "year({p}since)", "{p}age // 10 * 10",
          "CASE WHEN {p}income > 6000 THEN 'high' ELSE 'low' END", "upper({p}district)", "{p}age",
          "coalesce({p}district, 'none')", "{p}income > 5000", "left({p}status, 1)", "{p}since"),
    conds=("{p}district = 'east'", "{p}district IN ('old', 'port', 'isle')", "{p}district <> 'lone'",
           "{p}age > 60", "{p}age BETWEEN 30 AND 33", "{p}income IS NULL", "{p}income > 7000",
           "{p}status = 'ended'", "{p}sex = 'F' AND {p}age < 30", "{p}since >= DATE '2020-01-01'",
           "{p}district LIKE '%o%'", "NOT ({p}status = 'active')", "{p}district IS NULL",
           "year({p}since) = 2010", "{p}district IN ('centre', 'new', 'old')"),
    values={"district": ["east", "old", "port", "lone", "centre"], "sex": ["F", "M"],
            "status": ["active", "ended", "suspended"]},
    threshold=5,
)
VISITS = Table(
    "visits", "patientId", ("patientId", "phone", "cardNo"), ("hospital", "dept"), ("cost", "days"), "visitDate",
    keys=("{p}hospital", "{p}dept", "{p}days", "year({p}visitDate)", "month({p}visitDate)", "{p}cost > 300",
          "{p}hospital || '/' || {p}dept"),
    conds=("{p}hospital = 'eye'", "{p}hospital IN ('dental', 'eye')", "{p}days > 10", "{p}cost > 400",
           "{p}dept = 'icu'", "{p}cost IS NULL", "{p}visitDate < DATE '2021-01-01'", "{p}hospital <> 'general'",
           "{p}hospital = 'dental'"),
    values={"hospital": ["general", "eye", "dental", "children"], "dept": ["out", "icu", "er"]},
    threshold=4,
    numeric_identifiers=("cardNo",),
)
TABLES = {"people": PEOPLE, "visits": VISITS}


# -- shapes with a known people count per group ---------------------------------------

@dataclass
class Source:
    """A FROM clause over one table, for the sandbox and for the plain check query."""

    sandbox_with: str
    sandbox_from: str
    truth_with: str
    truth_from: str
    prefix: str                 # how the table's columns are reached: "", "x."
    people: list[str]           # person expressions in the check query, one per table read
    threshold: int
    has_person: bool            # whether the person column may be counted in the query itself


def _sources(t: Table, draw) -> Source:
    cols = ", ".join(t.plain_columns)
    ids = ", ".join(t.identifiers)
    kind = draw(st.sampled_from(["plain", "alias", "subquery", "cte", "union", "self_join", "cross_range",
                                 "other_table", "left_join", "join_on_values"]))
    cond = draw(st.sampled_from(t.conds)).format(p="")
    if kind == "plain":
        return Source("", t.name, "", t.name, "", [t.person], t.threshold, True)
    if kind == "alias":
        return Source("", f"{t.name} AS x", "", f"{t.name} AS x", "x.", [f"x.{t.person}"], t.threshold, True)
    if kind == "subquery":
        prefix = draw(st.sampled_from(["", "s."]))
        return Source("", f"(SELECT * EXCLUDE ({ids}) FROM {t.name} WHERE {cond}) AS s",
                      "", f"(SELECT * FROM {t.name} WHERE {cond}) AS s", prefix, [f"s.{t.person}"],
                      t.threshold, False)
    if kind == "cte":
        where = draw(st.sampled_from(["", f" WHERE {cond}"]))
        return Source(f"WITH c AS (SELECT {cols} FROM {t.name}{where}) ", "c",
                      f"WITH c AS (SELECT * FROM {t.name}{where}) ", "c", "", [f"c.{t.person}"], t.threshold, False)
    if kind == "union":
        other = draw(st.sampled_from(t.conds)).format(p="")
        return Source("", f"(SELECT {cols} FROM {t.name} WHERE {cond} UNION ALL "
                          f"SELECT {cols} FROM {t.name} WHERE {other}) AS u",
                      "", f"(SELECT * FROM {t.name} WHERE {cond} UNION ALL SELECT * FROM {t.name} WHERE {other}) AS u",
                      "u.", [f"u.{t.person}"], t.threshold, False)
    if kind == "self_join":
        join = f"{t.name} AS a JOIN {t.name} AS b ON a.{t.person} = b.{t.person}"
        return Source("", join, "", join, "a.", [f"a.{t.person}", f"b.{t.person}"], t.threshold, True)
    if kind == "cross_range":
        join = f"{t.name} AS a CROSS JOIN range(2) AS r"
        return Source("", join, "", join, "a.", [f"a.{t.person}"], t.threshold, True)
    other = VISITS if t is PEOPLE else PEOPLE
    if kind == "other_table":
        join = f"{t.name} AS a JOIN {other.name} AS b ON a.{t.person} = b.{other.person}"
        return Source("", join, "", join, "a.", [f"a.{t.person}", f"b.{other.person}"], 5, True)
    if kind == "left_join":
        join = f"{t.name} AS a LEFT JOIN {other.name} AS b ON a.{t.person} = b.{other.person}"
        return Source("", join, "", join, "a.", [f"a.{t.person}", f"b.{other.person}"], 5, True)
    # a join on a non-identifying column: each output group describes people of both sides
    cat = t.cats[0]
    join = (f"{t.name} AS a JOIN (SELECT {cat}, {t.date} FROM {t.name} WHERE {cond}) AS b "
            f"ON a.{cat} = b.{cat} AND year(a.{t.date}) = year(b.{t.date})")
    truth = (f"{t.name} AS a JOIN (SELECT * FROM {t.name} WHERE {cond}) AS b "
             f"ON a.{cat} = b.{cat} AND year(a.{t.date}) = year(b.{t.date})")
    return Source("", join, "", truth, "a.", [f"a.{t.person}", f"b.{t.person}"], t.threshold, False)


@dataclass(frozen=True)
class Agg:
    """An aggregate of the grammar and what it rests on, for the plain check query:
    kind none (every row), count/pick (rows where `arg` is not null), sum/moment (where it
    is neither null nor zero; sums of amounts also under the dominance rule), cond (`arg` is
    a condition that splits the group)."""

    sql: str
    kind: str = "none"
    arg: str = ""
    splits: str = ""  # a condition inside the argument


ALLOWED_AGGREGATES = (
    Agg("count(*)"), Agg("count({p}{num})", "count", "{p}{num}"),
    Agg("count(DISTINCT {p}{cat})", "count", "{p}{cat}"), Agg("sum({p}{num})", "sum", "{p}{num}"),
    Agg("avg({p}{num})", "sum", "{p}{num}"), Agg("min({p}{num})", "pick", "{p}{num}"),
    Agg("max({p}{cat})", "pick", "{p}{cat}"), Agg("median({p}{num})", "pick", "{p}{num}"),
    Agg("round(stddev_samp({p}{num}), 3)", "moment", "{p}{num}"),
    Agg("quantile_cont({p}{num}, 0.25)", "pick", "{p}{num}"),
    Agg("sum({p}{num}) / nullif(count(*), 0)", "sum", "{p}{num}"),
    Agg("approx_count_distinct({p}{cat})", "count", "{p}{cat}"),
    Agg("bool_or({p}{num} > 100)", "cond", "{p}{num} > 100"), Agg("min({p}{date})", "pick", "{p}{date}"),
    Agg("max({p}{date})", "pick", "{p}{date}"), Agg("count(*) + 1"),
    Agg("sum(CASE WHEN {cond} THEN {p}{num} ELSE 0 END)", "sum", "CASE WHEN {cond} THEN {p}{num} ELSE 0 END",
        "{cond}"),
    Agg("count_if({cond})", "cond", "{cond}"),
)
FILTERED_AGGREGATES = (Agg("count(*) FILTER (WHERE {cond})"), Agg("avg({p}{num}) FILTER (WHERE {cond})", "sum", "{p}{num}"),
                       Agg("sum({p}{num}) FILTER (WHERE {cond})", "sum", "{p}{num}"))
RECORD_AGGREGATES = (
    "string_agg({p}{cat}, ',')", "list({p}{num})", "first({p}{num})", "arg_max({p}{cat}, {p}{num})",
    "histogram({p}{cat})", "array_agg({p}{num})", "max({p}{cat} || '-' || {p}{num})", "min({p}{num} * 2)",
    "any_value({p}{cat})", "last({p}{date})", "mode({p}{num} + 0)",
)
HAVINGS = (Agg("count(*) >= {n}"), Agg("count(*) < {n}"), Agg("sum({p}{num}) > {x}", "sum", "{p}{num}"),
           Agg("avg({p}{num}) < {x}", "sum", "{p}{num}"),
           Agg("max({p}{num}) - min({p}{num}) > 10", "pick", "{p}{num}"),
           Agg("count(DISTINCT {p}{cat}) > 1", "count", "{p}{cat}"))
BIG = 1_000_000_000
ROW_CHECKS = {"small_groups", "contributors", "dominance"}  # what a row found to rest on too few fails


class Oracle:
    """What plain DuckDB says each output row rests on, written out independently of the
    sandbox's rewrite: people per group, people per cell of the aggregates' conditions,
    contributors per aggregate, and the dominance rule (contributions.py states the rules)."""

    def __init__(self, persons: list[str]):
        self.persons = persons
        self.conditions: list[str] = []
        self.floors: list[str] = []

    def add(self, kind: str, arg: str, num: str = "", condition: str | None = None) -> None:
        where = [f"coalesce({condition}, false)"] if condition else []
        if condition:
            self.conditions.append(condition)
        if kind == "cond":
            self.conditions.append(arg)
            return
        if kind in ("count", "pick"):
            where.append(f"({arg}) IS NOT NULL")
        elif kind in ("sum", "moment"):
            where.append(f"({arg}) IS NOT NULL AND ({arg}) <> 0")
        if kind != "none":
            self.floors += [f"nullif(count(DISTINCT {e}) FILTER (WHERE {' AND '.join(where)}), 0)"
                            for e in self.persons]
        if kind == "sum" and num.split(".")[-1] in MAGNITUDES:
            n, k = DOMINANCE
            only = f" FILTER (WHERE {' AND '.join(where[:1])})" if condition else ""
            self.floors.append(f"CASE WHEN list_sum(list_slice(list_sort(list(abs({arg})){only}, 'DESC'), 1, {n})) "
                               f"> {k / 100} * sum(abs({arg})){only} THEN 0 END")

    def verdict(self) -> str:
        """The fewest people any check finds behind a row (the people count included)."""
        parts = [f"count(DISTINCT {e})" for e in self.persons]
        conditions = list(dict.fromkeys(self.conditions))
        for cell in range(1 << len(conditions)) if conditions else ():
            holds = " AND ".join(f"coalesce({c}, false)" if cell >> i & 1 else f"NOT coalesce({c}, false)"
                                 for i, c in enumerate(conditions))
            parts += [f"nullif(count(DISTINCT {e}) FILTER (WHERE {holds}), 0)" for e in self.persons]
        parts += [f"coalesce({f}, {BIG})" for f in self.floors]
        return parts[0] if len(parts) == 1 else f"least({', '.join(parts)})"


@dataclass
class Grouped:
    sql: str
    truth_sql: str
    threshold: int
    record_aggregate: bool
    limited: bool
    window_drops_rows: bool
    distinct: bool
    window: bool = False
    extra_rows: list = field(default_factory=list)  # rows the query adds that read no table


@st.composite
def grouped_queries(draw) -> Grouped:
    """SELECT keys, aggregates FROM <source> [WHERE] [GROUP BY ...] [HAVING] [window] [ORDER BY] [LIMIT]."""
    t = draw(st.sampled_from([PEOPLE, VISITS]))
    src = _sources(t, draw)
    p = src.prefix

    oracle = Oracle(src.people)

    def values() -> dict:
        return dict(p=p, num=draw(st.sampled_from(t.nums)), cat=draw(st.sampled_from(t.cats)),
                    date=t.date, cond=draw(st.sampled_from(t.conds)).format(p=p),
                    n=draw(st.sampled_from([2, 4, 5, 6, 10, 50])),
                    x=draw(st.sampled_from([0, 100, 300, 5000, 6000])))

    def use(agg: Agg, condition: str | None = None) -> str:
        v = values()
        if condition:
            v["cond"] = condition
        oracle.add(agg.kind, agg.arg.format(**v), p + v["num"], condition if "FILTER" in agg.sql else None)
        if agg.splits:
            oracle.conditions.append(agg.splits.format(**v))
        return agg.sql.format(**v)

    keys = [k.format(p=p) for k in draw(st.lists(st.sampled_from(t.keys), max_size=3, unique=True))]
    aggregates, record_aggregate = [], False
    for _ in range(draw(st.integers(1, 3))):
        family = draw(st.sampled_from(["allowed"] * 6 + ["filtered", "record"]))
        if family == "record":
            aggregates.append(draw(st.sampled_from(RECORD_AGGREGATES)).format(**values()))
            record_aggregate = True
        elif family == "filtered":
            aggregates.append(use(draw(st.sampled_from(FILTERED_AGGREGATES)),
                                  draw(st.sampled_from(t.conds)).format(p=p)))
        else:
            aggregates.append(use(draw(st.sampled_from(ALLOWED_AGGREGATES))))
    if src.has_person and draw(st.booleans()):
        aggregates.append(f"count(DISTINCT {p}{t.person})")  # counting identifiers is allowed
    select = [f"{k} AS k{i}" for i, k in enumerate(keys)] + [f"{a} AS a{i}" for i, a in enumerate(aggregates)]
    window = draw(st.sampled_from([None] * 8 + ["rank() OVER (ORDER BY {a} DESC)", "sum({a}) OVER ()",
                                               "{a} * 100.0 / sum({a}) OVER ()", "dense_rank() OVER (ORDER BY {a})"]))
    if window:
        select.append(window.format(a="count(*)") + " AS w")

    group = ""
    if keys:
        form = draw(st.sampled_from(["expr", "alias", "position", "all", "sets", "rollup", "cube"]))
        if form == "expr":
            group = "GROUP BY " + ", ".join(keys)
        elif form == "alias":
            group = "GROUP BY " + ", ".join(f"k{i}" for i in range(len(keys)))
        elif form == "position":
            group = "GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))
        elif form == "all":
            group = "GROUP BY ALL"
        elif form == "sets":
            sets = draw(st.lists(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True),
                                 min_size=1, max_size=3))
            group = "GROUP BY GROUPING SETS (" + ", ".join("(" + ", ".join(s) + ")" for s in sets) + ")"
            # every key must be grouped somewhere for the select list to bind
            missing = [k for k in keys if not any(k in s for s in sets)]
            if missing:
                group = group[:-1] + ", (" + ", ".join(missing) + "))"
        else:
            group = f"GROUP BY {form.upper()} (" + ", ".join(keys) + ")"
    elif draw(st.booleans()):
        group = "GROUP BY ALL"

    where = draw(st.sampled_from(["", "", f"WHERE {draw(st.sampled_from(t.conds)).format(p=p)}"]))
    having = "" if not draw(st.booleans()) else "HAVING " + use(draw(st.sampled_from(HAVINGS)))
    qualify = ""
    if window and group != "GROUP BY ALL" and draw(st.integers(0, 3)) == 0:  # DuckDB: not with GROUP BY ALL
        qualify = "QUALIFY rank() OVER (ORDER BY count(*) DESC) <= 3"
    order = draw(st.sampled_from(["", "", "ORDER BY ALL", "ORDER BY 1", "ORDER BY a0 DESC"]))
    limit = draw(st.sampled_from(["", "", "", "", "", "LIMIT 3", "LIMIT 2 OFFSET 1", "LIMIT 100"]))
    distinct = draw(st.integers(0, 5)) == 0
    # As the first branch of a UNION ALL with rows that read no table, ordered and cut as a whole
    wrapped = draw(st.integers(0, 3)) == 0
    set_tail = ""
    if wrapped:
        order, limit = "", ""
        set_tail = draw(st.sampled_from(["", f" ORDER BY {draw(st.integers(1, len(select)))} DESC NULLS LAST",
                                         " ORDER BY 1 NULLS FIRST LIMIT 3", " ORDER BY ALL LIMIT 4 OFFSET 1"]))

    head = "SELECT DISTINCT " if distinct else "SELECT "
    sql = " ".join(x for x in [src.sandbox_with + head + ", ".join(select), "FROM", src.sandbox_from, where,
                               group, having, qualify, order, limit] if x)
    extra_rows = []
    if wrapped:
        sql += f" UNION ALL SELECT {', '.join(['NULL'] * len(select))} FROM range(2){set_tail}"
        extra_rows = [(None,) * len(select)] * 2
    people = oracle.verdict()
    truth = " ".join(x for x in [src.truth_with + "SELECT " + ", ".join(select + [f"{people} AS people"]),
                                 "FROM", src.truth_from, where, group, having, qualify] if x)
    return Grouped(sql, truth, src.threshold, record_aggregate, bool(limit) or "LIMIT" in set_tail,
                   bool(window) and bool(limit or qualify or "LIMIT" in set_tail), distinct, bool(window),
                   extra_rows)


@fuzz(220)
@given(q=grouped_queries())
def test_grouped_aggregates_show_only_groups_of_enough_people(world, q):
    """Property 2 on grouped shapes, checked against plain DuckDB's own people count per group."""
    outcome = world.run(q.sql)
    if q.record_aggregate:
        assert "aggregate" in failed_checks(outcome), (q.sql, describe(outcome))
        return
    if q.window_drops_rows:
        assert "shape" in failed_checks(outcome), (q.sql, describe(outcome))
        return
    if q.distinct and q.extra_rows:  # SELECT DISTINCT with aggregates as a UNION ALL branch
        assert "shape" in failed_checks(outcome), (q.sql, describe(outcome))
        return
    truth = world.truth(q.truth_sql)
    smallest = min((people for _, people in truth), default=None)
    released = isinstance(outcome, Result)
    if isinstance(outcome, SandboxError) and outcome.code == "RESULT_TOO_LARGE":
        assert len(truth) > LIMITS.max_rows, (q.sql, describe(outcome))
        return
    if released:
        large = {_key(values) for values, people in truth if people >= q.threshold} | set(q.extra_rows)
        shown = normalized(outcome.rows)
        small = [row for row in shown if row not in large]
        assert not small, f"{q.sql} released rows of fewer than {q.threshold} people (or unknown rows): {small}"
        if q.window:
            # a window reads every group: each must be large, shown or not
            assert smallest is None or smallest >= q.threshold, \
                f"{q.sql} released window values computed over a group of {smallest} people"
        if not q.limited:
            values = normalized(values for values, _ in truth)
            if q.distinct:  # the DISTINCT is the first branch's; the extra rows stay as they are
                values = list(dict.fromkeys(values))
            expected = sorted(values + normalized(q.extra_rows), key=repr)
            assert shown == expected, f"{q.sql} released other rows than plain DuckDB computes"
    else:
        assert set(failed_checks(outcome)) & ROW_CHECKS, (q.sql, describe(outcome))
        assert smallest is not None and smallest < q.threshold, \
            f"{q.sql} refused ({failed_checks(outcome)}) although every group rests on >= {q.threshold} people"
    if smallest is None or smallest >= q.threshold:
        assert released, f"{q.sql} refused although every group is large: {describe(outcome)}"


def _key(values: tuple) -> tuple:
    return tuple(_norm(v) for v in values)


# -- aggregates of aggregates: people of the inner groups that make up each outer row ---------

@st.composite
def two_level_queries(draw) -> Grouped:
    """A grouped CTE or subquery (with its HAVING), then filtered, re-aggregated or joined."""
    t = draw(st.sampled_from([PEOPLE, VISITS]))
    keys = draw(st.lists(st.sampled_from(t.keys), min_size=1, max_size=2, unique=True))
    keys = [k.format(p="") for k in keys]
    num = draw(st.sampled_from(t.nums))
    inner_where = draw(st.sampled_from(["", f" WHERE {draw(st.sampled_from(t.conds)).format(p='')}"]))
    inner_having = draw(st.sampled_from(["", " HAVING count(*) >= 3", " HAVING count(*) < 20",
                                         f" HAVING avg({num}) > 100"]))
    key_list = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
    inner = f"SELECT {key_list}, count(*) AS n, avg({num}) AS m FROM {t.name}{inner_where} GROUP BY ALL{inner_having}"
    # what the inner groups' avg rests on: its non-null, non-zero holders where fewer than the
    # group (held wherever the value goes), and whether two values dominate it (held where a
    # row is shown or picked); contributions.py states the rules
    holders = f"count(DISTINCT {t.person}) FILTER (WHERE {num} IS NOT NULL AND {num} <> 0)"
    sparse = f"nullif(nullif({holders}, count(DISTINCT {t.person})), 0)"
    n, k = DOMINANCE
    dominated = (f"CASE WHEN list_sum(list_slice(list_sort(list(abs({num})), 'DESC'), 1, {n})) > {k / 100} * "
                 f"sum(abs({num})) THEN 0 END" if num in MAGNITUDES else "NULL")
    truth_inner = (f"SELECT {key_list}, count(*) AS n, avg({num}) AS m, list(DISTINCT {t.person}) AS ps, "
                   f"coalesce({sparse}, {BIG}) AS fa, coalesce({dominated}, {BIG}) AS fe "
                   f"FROM {t.name}{inner_where} GROUP BY ALL{inner_having}")
    as_cte = draw(st.booleans())
    outer = draw(st.sampled_from(["filter", "reaggregate", "join"]))
    cut = draw(st.sampled_from([0, 3, 5, 12, 40]))
    head = f"WITH g AS ({inner}) " if as_cte else ""
    truth_head = f"WITH g AS ({truth_inner}) "
    source = "g" if as_cte else f"({inner}) AS g"
    if outer == "filter":
        sql = f"{head}SELECT k0, n, m FROM {source} WHERE n > {cut}"
        truth = f"{truth_head}SELECT k0, n, m, least(coalesce(len(ps), 0), fa, fe) FROM g WHERE n > {cut}"
    elif outer == "reaggregate":
        group = "k0" if len(keys) > 1 and draw(st.booleans()) else None
        select = "k0, sum(n), max(m), count(*)" if group else "sum(n), avg(m), count(*)"
        by = f" GROUP BY {group}" if group else ""
        sql = f"{head}SELECT {select} FROM {source} WHERE n > {cut}{by}"
        union = "coalesce(len(list_distinct(flatten(list(ps){}))), 0)"
        checks = [union.format(""), "min(fa)",
                  f"coalesce(nullif({union.format(' FILTER (WHERE n IS NOT NULL AND n <> 0)')}, 0), {BIG})"]
        if group:  # max(m): its holders, and the row it picks must be a group that could be shown
            checks += [f"coalesce(nullif({union.format(' FILTER (WHERE m IS NOT NULL)')}, 0), {BIG})",
                       f"coalesce(min(least(coalesce(len(ps), 0), fe)) FILTER (WHERE m IS NOT NULL), {BIG})"]
        else:  # avg(m): its non-zero holders and, for amounts, dominance over the rows
            checks.append(f"coalesce(nullif({union.format(' FILTER (WHERE m IS NOT NULL AND m <> 0)')}, 0), {BIG})")
            if num in MAGNITUDES:
                checks.append(f"coalesce(CASE WHEN list_sum(list_slice(list_sort(list(abs(m)), 'DESC'), 1, {n})) "
                              f"> {k / 100} * sum(abs(m)) THEN 0 END, {BIG})")
        truth = (f"{truth_head}SELECT {select}, least({', '.join(checks)}) FROM g "
                 f"WHERE n > {cut}{by}")
    else:
        other_where = f" WHERE {draw(st.sampled_from(t.conds)).format(p='')}"
        second = f"SELECT {keys[0]} AS k0, count(*) AS n2 FROM {t.name}{other_where} GROUP BY ALL"
        truth_second = (f"SELECT {keys[0]} AS k0, count(*) AS n2, list(DISTINCT {t.person}) AS ps2 "
                        f"FROM {t.name}{other_where} GROUP BY ALL")
        with_both = f"WITH g AS ({inner}), h AS ({second}) "
        sql = f"{with_both}SELECT g.k0, g.n, h.n2 FROM g JOIN h ON g.k0 = h.k0 WHERE g.n > {cut}"
        truth = (f"WITH g AS ({truth_inner}), h AS ({truth_second}) "
                 f"SELECT g.k0, g.n, h.n2, least(coalesce(len(g.ps), 0), coalesce(len(h.ps2), 0), g.fa, g.fe) "
                 f"FROM g JOIN h ON g.k0 = h.k0 "
                 f"WHERE g.n > {cut}")
    return Grouped(sql, truth, t.threshold, False, False, False, False)


@fuzz(80)
@given(q=two_level_queries())
def test_aggregates_of_aggregates_count_the_people_behind_each_row(world, q):
    outcome = world.run(q.sql)
    truth = world.truth(q.truth_sql)
    smallest = min((people for _, people in truth), default=None)
    if isinstance(outcome, Result):
        assert smallest is None or smallest >= q.threshold, \
            f"{q.sql} released a row of {smallest} people (threshold {q.threshold})"
        assert normalized(outcome.rows) == normalized(values for values, _ in truth), q.sql
    else:
        assert set(failed_checks(outcome)) & ROW_CHECKS, (q.sql, describe(outcome))
        assert smallest is not None and smallest < q.threshold, (q.sql, describe(outcome))


# -- the wider grammar -----------------------------------------------------------------

@dataclass
class Rel:
    """A FROM item: its text, the name its columns are reached by and their kinds."""

    sql: str
    alias: str
    cols: dict            # column -> 'cat' | 'num' | 'date' | 'id'
    people: bool          # reads the people data
    aggregated: bool      # its rows are groups, not records
    base: Table | None = None


@dataclass
class Query:
    sql: str
    cols: dict
    people: bool
    aggregated: bool


FORBIDDEN_RELS = [
    "read_csv('people.csv')", "read_csv_auto('data/*.csv')", "read_parquet('visits.parquet')",
    "read_json('x.json')", "read_text('notes.txt')", "glob('*.duckdb')", "glob('*')", "sniff_csv('people.csv')",
    "duckdb_settings()", "duckdb_tables()", "duckdb_columns()", "duckdb_functions()", "duckdb_databases()",
    "duckdb_extensions()", "duckdb_temporary_files()", "pragma_table_info('people')", "pragma_database_size()",
    "query('SELECT * FROM people')", "query_table('people')", "parquet_metadata('x.parquet')",
    "information_schema.tables", "duckdb_settings", "pg_catalog.pg_settings", "'people.csv'",
    "main.people", "data.main.visits", "system.main.duckdb_tables", "'https://example.org/p.parquet'",
]
FORBIDDEN_STATEMENTS = [
    "SELECT current_setting('enable_external_access')", "SELECT current_setting('temp_directory')",
    "SELECT getenv('HOME')", "SELECT getvariable('x')", "SET threads = 4", "SET enable_external_access = true",
    "RESET memory_limit", "SET lock_configuration = false", "PRAGMA threads = 4", "CALL pragma_version()",
    "COPY people TO 'leak.csv'", "COPY (SELECT count(*) FROM people) TO 'out.csv'", "ATTACH ':memory:' AS m",
    "INSTALL httpfs", "LOAD httpfs", "CREATE TABLE t AS SELECT 1", "CREATE MACRO m(a) AS a",
    "INSERT INTO people SELECT * FROM people", "DELETE FROM visits", "DROP TABLE people", "CHECKPOINT",
    "SELECT 1; SELECT 2", "EXPLAIN ANALYZE SELECT count(*) FROM people", "SET VARIABLE v = 1",
    "SELECT count(*) AS __dg_people FROM people", "SELECT count(*) FROM people WHERE age > $1",
    "SELECT length(repeat('x', 1000))", "SELECT len(range(10))", "SELECT printf('%s', 'x')",
    "BEGIN TRANSACTION", "USE memory", "DETACH data", "EXPORT DATABASE 'dump'",
    "UPDATE people SET age = 0", "SELECT * FROM json_execute_serialized_sql('{}')",
]
MISC_TOP = [
    "DESCRIBE people", "DESCRIBE visits", "DESCRIBE SELECT district, count(*) FROM people GROUP BY 1",
    "SUMMARIZE people", "SUMMARIZE SELECT district, age FROM people", "FROM people SELECT count(*)",
    "FROM visits SELECT hospital, count(*) GROUP BY ALL", "SELECT t FROM people t", "SELECT COLUMNS('.*') FROM people",
    "SELECT * FROM people", "SELECT * EXCLUDE (idNumber, name) FROM people", "SELECT * FROM visits",
    "SELECT * EXCLUDE (idNumber, name) REPLACE (upper(district) AS district) FROM people",
    "SELECT DISTINCT ON (district) district, age FROM people", "SELECT struct_pack(a := count(*)) FROM people",
    "SELECT [count(*)] FROM people", "SELECT #1, count(*) FROM people GROUP BY 1",
    "SELECT count(*) FROM people USING SAMPLE 10 ROWS", "SELECT count(*) FROM people TABLESAMPLE 5%",
    "VALUES (1, 'a'), (2, 'b')", "SELECT 1 AS one", "SELECT * FROM range(3)", "EXPLAIN SELECT count(*) FROM visits",
    "EXPLAIN SELECT idNumber FROM people", "SELECT count(*) FROM people a JOIN people b USING (idNumber)",
    "SELECT count(*) FROM people NATURAL JOIN visits", "SELECT count(*) FROM people p, visits v "
    "WHERE p.idNumber = v.patientId", "SELECT count(*) FROM people POSITIONAL JOIN visits",
    "SELECT rowid, count(*) FROM people GROUP BY 1", "SELECT count(*) FROM people WHERE rowid < 3",
    "SELECT hash(idNumber) % 10 AS b, count(*) FROM people GROUP BY 1",
    "SELECT * FROM people AS t(a, b, c)", "SELECT x.* FROM people x",
    "PIVOT people ON sex USING count(*) GROUP BY district", "PIVOT people ON name USING count(*)",
    "PIVOT people ON sex IN ('F', 'M') USING count(*) GROUP BY district",
    "SELECT * FROM people PIVOT (count(*) FOR sex IN ('F', 'M') GROUP BY district)",
    "SELECT * FROM (PIVOT visits ON dept IN ('out', 'in') USING avg(cost) GROUP BY hospital)",
    "UNPIVOT (SELECT district, avg(age) AS x, avg(income) AS y FROM people GROUP BY 1) ON x, y INTO NAME k VALUE v",
    "SELECT * FROM (UNPIVOT people ON age, income INTO NAME k VALUE v)",
    "FROM visits UNPIVOT (v FOR k IN (cost, days))",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 50) SELECT count(*), sum(n) FROM r",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 9) "
    "SELECT r.n, count(*) FROM r JOIN people p ON p.age // 10 = r.n GROUP BY 1 HAVING count(*) >= 5",
    "WITH RECURSIVE r(d, a) AS (SELECT district, age FROM people WHERE age > 85 "
    "UNION ALL SELECT d, a + 1 FROM r WHERE a < 95) SELECT d, count(*) FROM r GROUP BY 1",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n + 1 FROM r WHERE n < 5) "
    "SELECT count(*) FROM people WHERE age > (SELECT max(n) FROM r)",
    "SELECT x, count(*) FROM (SELECT unnest([1, 2, 3]) AS x, district FROM people WHERE district = 'lone') GROUP BY 1",
    "SELECT count(*) FROM generate_series(1, 100) g(x)", "SELECT key, count(*) FROM json_each('{\"a\": 1}') GROUP BY 1",
    "SELECT count(*) FROM visits WHERE patientId IN (SELECT idNumber FROM people WHERE district = 'lone')",
    "SELECT count(*) FROM people WHERE EXISTS (SELECT 1 FROM visits v WHERE v.patientId = people.idNumber)",
    "SELECT district, count(*) FROM people GROUP BY 1 ORDER BY max(idNumber)",
    "SELECT district, lag(count(*)) OVER (ORDER BY district) FROM people GROUP BY 1 QUALIFY district <> 'lone'",
    "SELECT district, (count(*), avg(income)) AS pair FROM people GROUP BY 1 HAVING count(*) >= 5",
    "SELECT row(1, 'a') AS r",
]

ID_MISUSES = ("{c}", "upper({c})", "left({c}, 6)", "{c} || ''", "length({c})", "CAST({c} AS VARCHAR)",
              "max({c})", "min({c})", "hash({c})", "reverse({c})", "md5({c})", "substr({c}, 10)")


class SqlGen:
    """Draws one query of the wider grammar; `flags` says what it must not get through."""

    def __init__(self, draw):
        self.draw = draw
        self.flags: set[str] = set()
        self.n = 0
        self.ctes: dict[str, Query] = {}

    def pick(self, seq):
        return self.draw(st.sampled_from(list(seq)))

    def chance(self, percent: int) -> bool:
        return self.draw(st.integers(0, 99)) < percent

    def fresh(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    # relations

    def rel(self, depth: int) -> Rel:
        choice = self.pick(["base"] * 6 + ["derived"] * (2 if depth > 0 else 0) + ["cte"] * (2 if self.ctes else 0)
                           + ["tablefn", "forbidden"])
        if choice == "base":
            t = TABLES[self.pick(TABLES)]
            alias = self.fresh("t") if self.chance(70) else t.name
            cols = {c: "cat" for c in t.cats} | {c: "num" for c in t.nums} | {t.date: "date"}
            cols |= {c: "id" for c in t.identifiers}
            sql = t.name if alias == t.name else f"{t.name} AS {alias}"
            return Rel(sql, alias, cols, True, False, t)
        if choice == "derived":
            q = self.query(depth - 1, top=False)
            alias = self.fresh("s")
            return Rel(f"({q.sql}) AS {alias}", alias, q.cols, q.people, q.aggregated)
        if choice == "cte":
            name = self.pick(sorted(self.ctes))
            q = self.ctes[name]
            return Rel(name, name, q.cols, q.people, q.aggregated)
        if choice == "tablefn":
            alias = self.fresh("f")
            sql = self.pick([f"range({self.pick([3, 10, 100])}) AS {alias}(x)",
                             f"generate_series(1, {self.pick([2, 5, 20])}) AS {alias}(x)",
                             f"unnest([1, 2, 3]) AS {alias}(x)", f"(VALUES (1), (2), (7)) AS {alias}(x)"])
            return Rel(sql, alias, {"x": "num"}, False, False)
        self.flags.add("reach")  # every relation drawn is used
        alias = self.fresh("f")
        return Rel(f"{self.pick(FORBIDDEN_RELS)} AS {alias}", alias, {"name": "cat"}, False, False)

    def from_clause(self, depth: int) -> tuple[str, list[Rel]]:
        left = self.rel(depth)
        if not self.chance(35):
            return left.sql, [left]
        right = self.rel(depth)
        if right.alias == left.alias:  # the same table or CTE twice, unaliased: alias the second
            alias = self.fresh("t")
            right = Rel(f"{right.sql} AS {alias}", alias, right.cols, right.people, right.aggregated, right.base)
        # both relations are always used: what was drawn for them (flags included) is in the text
        kind = self.pick(["on_cat", "on_id", "left", "cross", "using", "natural", "on_num"])
        lc, rc = self.col(left, "cat"), self.col(right, "cat")
        if kind == "on_id" and left.base and right.base:
            # joining identifier columns of granted tables is allowed, also two different ones
            lid, rid = self.pick(left.base.identifiers), self.pick(right.base.identifiers)
            return f"{left.sql} JOIN {right.sql} ON {left.alias}.{lid} = {right.alias}.{rid}", [left, right]
        if kind == "cross" and (left.base is None or right.base is None):
            return f"{left.sql} CROSS JOIN {right.sql}", [left, right]
        if kind == "using":
            common = sorted(c for c in left.cols if c in right.cols and left.cols[c] != "id")
            if common:
                return f"{left.sql} JOIN {right.sql} USING ({self.pick(common)})", [left, right]
        if kind == "natural" and left.base is not None and left.base is right.base:
            return f"{left.sql} NATURAL JOIN {right.sql}", [left, right]
        if kind == "on_num":
            ln, rn = self.col(left, "num"), self.col(right, "num")
            if ln and rn:
                return f"{left.sql} JOIN {right.sql} ON {ln} = {rn}", [left, right]
        if lc and rc:
            join = "LEFT JOIN" if kind == "left" else "JOIN"
            return f"{left.sql} {join} {right.sql} ON {lc} = {rc}", [left, right]
        if left.base is None or right.base is None:
            return f"{left.sql} CROSS JOIN {right.sql}", [left, right]
        self.flags.add("unordered")
        return f"{left.sql} POSITIONAL JOIN {right.sql}", [left, right]

    def col(self, rel: Rel, kind: str) -> str | None:
        names = sorted(c for c, k in rel.cols.items() if k == kind)
        return f"{rel.alias}.{self.pick(names)}" if names else None

    # expressions

    def expr(self, rels: list[Rel], kind: str) -> tuple[str, str]:
        """An expression of about this kind over the relations; returns (sql, kind it has)."""
        rel = self.pick(rels)
        if self.chance(6):
            c = self.col(rel, "id")
            if c:
                self.flags.add("id")
                return self.pick(ID_MISUSES).format(c=c), "cat"
        c = self.col(rel, kind) or self.col(rel, "num") or self.col(rel, "cat") or self.col(rel, "date")
        if c is None:
            return "1", "num"
        actual = rel.cols[c.split(".")[-1]]
        if actual == "date":
            e, kind = self.pick([("{c}", "date"), ("year({c})", "num"), ("date_trunc('month', {c})", "date"),
                                 ("strftime({c}, '%Y')", "cat"), ("date_diff('day', {c}, DATE '2024-01-01')", "num"),
                                 ("{c} + INTERVAL 1 DAY", "date"), ("month({c})", "num")])
            return e.format(c=c), kind
        if actual == "cat":
            return self.pick(["{c}", "{c}", "upper({c})", "coalesce({c}, 'none')", "substr({c}, 1, 2)",
                              "{c} || '-x'", "replace({c}, 'e', 'E')", "left({c}, 1)",
                              "CASE WHEN {c} IN ('east', 'general') THEN 'big' ELSE 'other' END",
                              "length({c})::VARCHAR", "concat_ws('/', {c}, 'z')", "lower({c})"]).format(c=c), "cat"
        if actual == "num":
            e = self.pick(["{c}", "{c}", "{c} + 1", "abs({c})", "round({c}, -1)", "CAST({c} AS INTEGER)",
                           "{c} // 10", "greatest({c}, 0)", "CASE WHEN {c} > 100 THEN 1 ELSE 0 END",
                           "coalesce({c}, 0) * 2", "TRY_CAST({c} AS VARCHAR)"]).format(c=c)
        return e, ("cat" if "VARCHAR" in e else "num")

    def cond(self, rels: list[Rel], depth: int) -> str:
        rel = self.pick(rels)
        choice = self.pick(["cat", "num", "null", "in_sub", "scalar_sub", "exists", "and", "id", "like"])
        if choice == "id":
            c = self.col(rel, "id")
            if c:
                self.flags.add("id")
                return self.pick([f"{c} LIKE '1101%'", f"{c} > '1'", f"{c} IS NOT NULL", f"length({c}) = 18"])
        if choice == "in_sub" and depth > 0:
            c = self.col(rel, "cat")
            if c:
                t = TABLES[self.pick(TABLES)]
                return (f"{c} IN (SELECT {self.pick(t.cats)} FROM {t.name} GROUP BY 1 "
                        f"HAVING count(*) > {self.pick([3, 10, 100])})")
        if choice == "scalar_sub" and depth > 0:
            c = self.col(rel, "num")
            if c:
                t = TABLES[self.pick(TABLES)]
                return f"{c} > (SELECT avg({self.pick(t.nums)}) FROM {t.name})"
        if choice == "exists" and depth > 0 and rel.base is PEOPLE:
            self.flags.add("id")  # a correlated identifier comparison is not a join
            return f"EXISTS (SELECT 1 FROM visits v WHERE v.patientId = {rel.alias}.idNumber)"
        if choice == "and":
            return f"({self.cond(rels, 0)} AND {self.cond(rels, 0)})"
        c = self.col(rel, "cat")
        if c and choice in ("cat", "like"):
            values = [v for t in TABLES.values() for vs in t.values.values() for v in vs]
            if choice == "like":
                return f"{c} LIKE '%{self.pick('aeio')}%'"
            return f"{c} {self.pick(['=', '<>'])} '{self.pick(values)}'"
        n = self.col(rel, "num")
        if n and choice == "null":
            return f"{n} IS {self.pick(['', 'NOT '])}NULL"
        if n:
            return f"{n} {self.pick(['>', '<', '>=', '='])} {self.pick([0, 3, 30, 60, 300, 6000])}"
        return self.pick(["true", "1 = 1", "false"])

    def aggregate(self, rels: list[Rel]) -> tuple[str, str]:
        rel = self.pick(rels)
        num = self.col(rel, "num") or "1"
        cat = self.col(rel, "cat") or "'x'"
        ident = self.col(rel, "id")
        if ident and self.chance(15):
            return self.pick(["count(DISTINCT {c})", "count({c})", "approx_count_distinct({c})"]).format(c=ident), "num"
        if self.chance(15):
            self.flags.add("record_aggregate")
            return self.pick([f"string_agg({cat}, ',')", f"list({num})", f"first({num})", f"arg_max({cat}, {num})",
                              f"arg_min({num}, {num})", f"histogram({cat})", f"array_agg({cat})",
                              f"max({cat} || {num})", f"any_value({cat})", f"list_distinct(list({cat}))",
                              f"min({num} + 0)", f"median(abs({num}))"]), "cat"
        if self.chance(10):
            return f"count(*) FILTER (WHERE {self.cond(rels, 0)})", "num"
        return self.pick([("count(*)", "num"), (f"count({num})", "num"), (f"sum({num})", "num"),
                          (f"avg({num})", "num"), (f"min({num})", "num"), (f"max({cat})", "cat"),
                          (f"median({num})", "num"), (f"count(DISTINCT {cat})", "num"),
                          (f"stddev_pop({num})", "num"), (f"quantile_cont({num}, 0.5)", "num"),
                          (f"round(avg({num}), 2)", "num")])

    # queries

    def query(self, depth: int, top: bool, ctes: bool = True) -> Query:
        kinds = ["aggregate"] * 5 + ["rows"] * 3 + ["setop"] + (["cte"] if depth > 0 and ctes else [])
        kind = self.pick(kinds)
        if kind == "cte":
            return self.with_ctes(depth, top)
        if kind == "setop":
            return self.setop(depth, top)
        if kind == "rows":
            return self.rows(depth, top)
        return self.aggregated(depth, top)

    def with_ctes(self, depth: int, top: bool) -> Query:
        saved = dict(self.ctes)
        parts = []
        recursive = self.chance(25)
        if recursive:
            bound = self.pick([3, 10, 100])
            name = self.fresh("r")
            parts.append(f"{name}(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM {name} WHERE x < {bound})")
            self.ctes[name] = Query("", {"x": "num"}, False, False)
        for _ in range(self.draw(st.integers(1, 2))):
            name = self.fresh("c")
            q = self.query(depth - 1, top=False)
            materialized = self.pick(["", "", "MATERIALIZED ", "NOT MATERIALIZED "])
            parts.append(f"{name} AS {materialized}({q.sql})")
            self.ctes[name] = q
        body = self.query(depth - 1, top, ctes=False)
        self.ctes = saved
        head = "WITH RECURSIVE " if recursive else "WITH "
        return Query(head + ", ".join(parts) + " " + body.sql, body.cols, body.people, body.aggregated)

    def setop(self, depth: int, top: bool) -> Query:
        op = self.pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT", "UNION BY NAME", "EXCEPT ALL",
                        "INTERSECT ALL"])
        branches = []
        for _ in range(2):
            from_sql, rels = self.from_clause(depth - 1 if depth > 0 else 0)
            c, _ = self.expr(rels, "cat")
            if self.chance(60):
                a, _ = self.aggregate(rels)
                head = "SELECT DISTINCT" if self.chance(20) else "SELECT"
                window = ", rank() OVER (ORDER BY count(*)) AS w" if top and self.chance(20) else ", 0 AS w"
                branches.append((f"{head} {c} AS c, {a} AS v{window} FROM {from_sql} GROUP BY 1", rels, True))
            else:
                v, _ = self.expr(rels, "num")
                branches.append((f"SELECT {c} AS c, {v} AS v, 0 AS w FROM {from_sql}", rels, False))
        people = any(r.people for _, rels, _ in branches for r in rels)
        aggregated = all(agg or not any(r.people and not r.aggregated for r in rels) for _, rels, agg in branches)
        if top and op == "UNION ALL" and not aggregated:
            self.flags.add("records")
        tail = ""
        if top and self.chance(30):
            tail = self.pick([" ORDER BY 1", " ORDER BY 2 DESC LIMIT 3", " LIMIT 2"])
            if "LIMIT" in tail:
                self.flags.add("unordered")
        return Query(f"{branches[0][0]} {op} {branches[1][0]}{tail}", {"c": "cat", "v": "num", "w": "num"},
                     people, aggregated)

    def rows(self, depth: int, top: bool) -> Query:
        from_sql, rels = self.from_clause(depth)
        items, cols = [], {}
        for i in range(self.draw(st.integers(1, 3))):
            e, kind = self.expr(rels, self.pick(["cat", "num", "date"]))
            items.append(f"{e} AS r{i}")
            cols[f"r{i}"] = kind
        if self.chance(15):
            part, _ = self.expr(rels, "cat")
            items.append(self.pick([f"row_number() OVER (PARTITION BY {part})",
                                    f"count(*) OVER (PARTITION BY {part})",
                                    "rank() OVER (ORDER BY 1)"]) + " AS w")
            cols["w"] = "num"
        distinct = self.chance(20)
        sql = ("SELECT DISTINCT " if distinct else "SELECT ") + ", ".join(items) + f" FROM {from_sql}"
        if self.chance(50):
            sql += f" WHERE {self.cond(rels, depth)}"
        if self.chance(20):
            sql += " ORDER BY 1"
        if self.chance(15):
            sql += f" LIMIT {self.pick([1, 5, 50])}"
            self.flags.add("unordered")
        records = any(r.people and not r.aggregated for r in rels)
        if top and records and not distinct:
            self.flags.add("records")
        return Query(sql, cols, any(r.people for r in rels), distinct or not records)

    def aggregated(self, depth: int, top: bool) -> Query:
        from_sql, rels = self.from_clause(depth)
        keys, cols = [], {}
        for i in range(self.draw(st.integers(0, 2))):
            e, kind = self.expr(rels, self.pick(["cat", "num", "date"]))
            keys.append(e)
            cols[f"k{i}"] = kind
        aggs = []
        for i in range(self.draw(st.integers(1, 3))):
            a, kind = self.aggregate(rels)
            aggs.append(a)
            cols[f"a{i}"] = kind
        items = [f"{k} AS k{i}" for i, k in enumerate(keys)] + [f"{a} AS a{i}" for i, a in enumerate(aggs)]
        window = top and self.chance(15)
        if window:
            items.append(self.pick(["rank() OVER (ORDER BY count(*))", "sum(count(*)) OVER ()",
                                    "lag(count(*)) OVER (ORDER BY count(*))",
                                    "row_number() OVER (ORDER BY count(*) DESC)"]) + " AS w")
            cols["w"] = "num"
            self.flags.add("unordered")
        distinct = self.chance(10)
        sql = ("SELECT DISTINCT " if distinct else "SELECT ") + ", ".join(items) + f" FROM {from_sql}"
        if self.chance(40):
            sql += f" WHERE {self.cond(rels, depth)}"
        if keys:
            form = self.pick(["expr", "all", "position", "rollup", "cube", "sets"])
            if form == "expr":
                sql += " GROUP BY " + ", ".join(keys)
            elif form == "all":
                sql += " GROUP BY ALL"
            elif form == "position":
                sql += " GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))
            elif form == "sets":
                sql += " GROUP BY GROUPING SETS (" + ", ".join(f"({k})" for k in keys) + ", ())"
            else:
                sql += f" GROUP BY {form.upper()} (" + ", ".join(keys) + ")"
        if self.chance(30):
            sql += f" HAVING count(*) {self.pick(['>=', '<', '>'])} {self.pick([2, 5, 10, 100])}"
        if window and "GROUP BY ALL" not in sql and self.chance(30):  # DuckDB: not with GROUP BY ALL
            sql += " QUALIFY w <= 3"
        if self.chance(30):
            sql += self.pick([" ORDER BY ALL", " ORDER BY 1", " ORDER BY a0 DESC"])
        if self.chance(15):
            sql += self.pick([" LIMIT 2", " LIMIT 10 OFFSET 1", " LIMIT 1"])
            self.flags.add("unordered")
        return Query(sql, cols, any(r.people for r in rels), True)


# Deeply nested statements: each kind nests one construct `depth` times.
NESTINGS = {
    "function": lambda d: "SELECT " + "abs(" * d + "count(*)" + ")" * d + " AS n FROM people",
    "arithmetic": lambda d: "SELECT count(*)" + " + 1" * d + " AS n FROM people",
    "subquery": lambda d: ("SELECT district, count(*) AS n FROM " + "(SELECT * FROM " * d
                           + "(SELECT district, age FROM people WHERE age > 20)" + ")" * d + " GROUP BY 1"),
    "case": lambda d: ("SELECT " + "CASE WHEN age > 0 THEN " * d + "status" + " END" * d
                       + " AS k, count(*) AS n FROM people GROUP BY 1"),
    "not": lambda d: "SELECT count(*) AS n FROM people WHERE " + "NOT " * (2 * d) + "age > 30",
    "and": lambda d: "SELECT count(*) AS n FROM people WHERE " + "(age > 1 AND " * d + "true" + ")" * d,
    "coalesce": lambda d: ("SELECT " + "coalesce(" * d + "district" + ", 'x')" * d
                           + " AS k, count(*) AS n FROM people GROUP BY 1"),
    "list": lambda d: "SELECT len(" + "[" * d + "1" + "]" * d + ") AS n",
    "no_table": lambda d: "SELECT 1" + " + 1" * d + " AS n",
    "cte_chain": lambda d: ("WITH " + ", ".join(f"c{i} AS (SELECT {'age' if i == 0 else 'age'} FROM "
                                                 f"{'people' if i == 0 else f'c{i - 1}'})" for i in range(d))
                            + f" SELECT count(*) AS n FROM c{d - 1}"),
    "union_chain": lambda d: "SELECT 1 AS n" + " UNION ALL SELECT 1" * d,
}


@st.composite
def nested_queries(draw) -> str:
    kind = draw(st.sampled_from(sorted(NESTINGS)))
    return NESTINGS[kind](draw(st.integers(1, MAX_NESTING)))


@dataclass
class Generated:
    sql: str
    flags: frozenset


@st.composite
def generated_queries(draw) -> Generated:
    gen = SqlGen(draw)
    choice = draw(st.integers(0, 99))
    if choice < 10:
        sql = draw(st.sampled_from(FORBIDDEN_STATEMENTS))
        gen.flags.add("reach")
    elif choice < 22:
        sql = draw(st.sampled_from(MISC_TOP))
        gen.flags.add("unordered")
    elif choice < 28:
        sql = draw(nested_queries())
    else:
        sql = gen.query(draw(st.integers(0, 2)), top=True).sql
    if draw(st.integers(0, 9)) == 0:
        # a plan passes the static checks but lists no rows: a record listing may be explained
        sql = "EXPLAIN " + sql
        gen.flags.add("unordered")
        gen.flags.discard("records")
    return Generated(sql, frozenset(gen.flags))


@fuzz(260)
@given(q=generated_queries())
def test_generated_queries_are_answered_or_refused_cleanly(world, q):
    """Properties 1-3 for the wider grammar; what reaches out is refused as such, identifiers,
    record-level aggregates and record listings are never released, and what is released is
    what plain DuckDB computes for the same text."""
    outcome = world.run(q.sql)
    if "reach" in q.flags:
        assert isinstance(outcome, SandboxError) and outcome.code == "SANDBOX_FORBIDDEN", \
            (q.sql, describe(outcome))
    for flag in ("id", "record_aggregate", "records"):
        if flag in q.flags:
            assert not isinstance(outcome, Result), f"{q.sql} released although it has {flag}: {outcome.rows[:3]}"
    if isinstance(outcome, Result) and "unordered" not in q.flags and not q.sql.startswith(("EXPLAIN", "SUMMARIZE")):
        expected = world.plain.execute(q.sql).fetchall()
        assert normalized(outcome.rows) == normalized(expected), f"{q.sql} released other rows than plain DuckDB"


# -- token mutations -------------------------------------------------------------------

MUTATION_TOKENS = [
    "SELECT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "DISTINCT", "ALL", "UNION",
    "UNION ALL", "EXCEPT", "INTERSECT", "JOIN", "LEFT JOIN", "CROSS JOIN", "NATURAL", "LATERAL", "ON", "USING",
    "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "(", ")", ",", "*", "=", "<", ">", "+", "-", "||", "::",
    "VARCHAR", "INTEGER", ";", "--", "/*", "'", '"', "0", "1", "-1", "5", "100000", "'x'", "people", "visits",
    "idNumber", "name", "patientId", "phone", "district", "age", "income", "hospital", "cost", "rowid",
    "count(*)", "count", "sum", "list", "first", "string_agg", "arg_max", "min", "max", "median", "OVER", "()",
    "PARTITION BY", "QUALIFY", "WITH", "RECURSIVE", "EXCLUDE", "REPLACE", "COLUMNS", "#1", "$1", "?", "EXPLAIN",
    "DESCRIBE", "SUMMARIZE", "PIVOT", "UNPIVOT", "COPY", "ATTACH", "SET", "PRAGMA", "CALL", "read_csv",
    "glob", "duckdb_settings()", "current_setting", "'enable_external_access'", "range(3)", "t", "s1", "x",
    "FILTER", "CASE", "WHEN", "THEN", "ELSE", "END", "[", "]", "{", "}", ".", "USING SAMPLE", "GROUPING SETS",
    "ROLLUP", "CUBE", "BY", "ALL", "__dg_people", "IS NOT DISTINCT FROM",
]


# replacements by a token of the same type (or an interchangeable keyword) keep many mutants
# parseable, so they reach the checks; the other operations mostly test the refusal of broken SQL
SAME_TYPE = {
    duckdb.token_type.identifier: [
        "idNumber", "name", "patientId", "phone", "district", "age", "income", "since", "status", "sex", "hospital",
        "dept", "cost", "days", "visitDate", "people", "visits", "rowid", "count", "sum", "avg", "min", "max",
        "list", "first", "string_agg", "arg_max", "median", "upper", "hash", "md5", "k0", "a0", "x", "t1", "s1",
        "c1", "g", "range", "unnest", "read_csv", "glob", "duckdb_settings", "current_setting", "query_table",
        "generate_series", "getenv", "json_each"],
    duckdb.token_type.numeric_const: ["0", "1", "2", "3", "4", "5", "-1", "18", "1000000", "100000000"],
    duckdb.token_type.string_const: ["'east'", "'lone'", "''", "'%'", "'x.csv'", "'enable_external_access'",
                                     "'idNumber'", "'1101%'", "'dental'", "'/'"],
}
INTERCHANGEABLE = [
    ["UNION", "EXCEPT", "INTERSECT"], ["ASC", "DESC"], ["AND", "OR"], ["LEFT", "RIGHT", "FULL"], ["ROLLUP", "CUBE"],
    ["TRUE", "FALSE", "NULL"], ["=", "<>", "<", ">", ">=", "<=", "IS NOT DISTINCT FROM"],
    ["+", "-", "*", "/", "//", "%", "||"], ["ALL", "DISTINCT"], ["WHERE", "HAVING", "QUALIFY"],
]


def tokens_of(sql: str) -> list[tuple[str, object]]:
    found = duckdb.tokenize(sql)
    starts = [offset for offset, _ in found] + [len(sql)]
    return [(sql[a:b].strip(), kind) for (a, kind), b in zip(found, starts[1:]) if sql[a:b].strip()]


@st.composite
def mutated_queries(draw) -> str:
    base = draw(st.one_of(generated_queries().map(lambda g: g.sql), grouped_queries().map(lambda g: g.sql),
                          two_level_queries().map(lambda g: g.sql)))
    tokens = tokens_of(base)
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        if not tokens:
            break
        op = draw(st.sampled_from(["same_type"] * 4 + ["interchange"] * 3 + ["delete", "duplicate", "swap",
                                                                           "replace", "insert"]))
        if op == "same_type":
            places = [i for i, (_, kind) in enumerate(tokens) if kind in SAME_TYPE]
            if places:
                i = draw(st.sampled_from(places))
                tokens[i] = (draw(st.sampled_from(SAME_TYPE[tokens[i][1]])), tokens[i][1])
            continue
        if op == "interchange":
            places = [(i, group) for i, (text, _) in enumerate(tokens) for group in INTERCHANGEABLE
                      if text.upper() in group]
            if places:
                i, group = draw(st.sampled_from(places))
                tokens[i] = (draw(st.sampled_from(group)), tokens[i][1])
            continue
        i = draw(st.integers(0, len(tokens) - 1))
        if op == "delete":
            del tokens[i]
        elif op == "duplicate":
            tokens.insert(i, tokens[i])
        elif op == "swap" and i + 1 < len(tokens):
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif op == "replace":
            tokens[i] = (draw(st.sampled_from(MUTATION_TOKENS)), None)
        else:
            tokens.insert(i, (draw(st.sampled_from(MUTATION_TOKENS)), None))
    return " ".join(text for text, _ in tokens) or "SELECT"


@fuzz(260)
@given(sql=mutated_queries())
def test_mutated_queries_are_answered_or_refused_cleanly(world, sql):
    """Properties 1-3 for broken, odd and half-valid SQL."""
    world.run(sql)


def test_the_properties_can_fail(world):
    """The checks the properties rely on notice what they must notice."""
    leaked = Result(["x"], [[_id_number(7)], [f"a {_name(3)} b"], [int(_phone(9))]])
    with pytest.raises(AssertionError):
        world.check_result("probe", leaked)
    assert world.identifiers_in(f"x{_id_number(12)}y") == {_id_number(12)}
    assert world.identifiers_in(int(_id_number(12))) == {int(_id_number(12))}
    assert not world.identifiers_in("110101198") and not world.identifiers_in(5)
    with pytest.raises(AssertionError):
        world.check_error("probe", OutputCheckFailed([("x", f"see {world.session.folder}/data.duckdb")]))
    with pytest.raises(AssertionError):
        world.check_error("probe", SandboxError("internal"))  # code INTERNAL is not a sandbox code
    # the plain copy is the same data: the people counts it gives are the session's
    counted = world.truth("SELECT district, count(DISTINCT idNumber) FROM people GROUP BY 1 ORDER BY 1")
    assert counted == sorted((((d,), n) for d, n in DISTRICT_SIZES), key=lambda x: (x[0][0] is None, x[0][0] or ""))
    # ten rows, one person: refused, whatever count(*) says
    dental = world.run("SELECT count(*) AS n FROM visits WHERE hospital = 'dental'")
    assert "small_groups" in failed_checks(dental)
