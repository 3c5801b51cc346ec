"""From a researcher's text to what may run: statement classification (statements.py), what
it may reach (reach.py), the static output checks and the rewrite that adds the people
count and the row checks (output_checks.py, group_sizes.py, row_checks.py).

`prepare` runs where DuckDB's parser is: in a session's query process (worker.py), which
answers one request with the whole plan, so that parsing, checking and rendering follow
one another there without a trip to the gateway between them. A plan crosses back as
plain values (`to_wire` / `from_wire`): the gateway unpickles nothing else.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from time import perf_counter
from typing import Callable

import sandbox.output_checks as output_checks
from sandbox.errors import BadQuery, OutputCheckFailed
from sandbox.limits import SandboxLimits
from sandbox.parser import Parser
from sandbox.reach import check_reach
from sandbox.row_checks import RowCheck
from sandbox.statements import parse
from sandbox.syntax import SyntaxTooDeep, all_dicts, cte_entries, deserialize, with_row_cap
from sandbox.tables import GrantedTable

# DuckDB draws a text plan in time that grows with the square or cube of the number of
# CTEs and hears the session's time limit only now and then while it does; past this many
# the plan comes as JSON, drawn in linear time.
EXPLAIN_TEXT_MAX_CTES = 32


@dataclass(frozen=True)
class Prepared:
    """What to run for a text: a checked plan, or (DESCRIBE, EXPLAIN) SQL run as it is."""

    sql: str
    plan: output_checks.ReleasePlan | None = None
    explain: bool = False


def prepare(parser: Parser, bind: Callable[[str], object], sql: str, tables: dict[str, GrantedTable],
            limits: SandboxLimits, timings: dict[str, float] | None = None,
            exact_dominance: bool = False) -> Prepared:
    """The plan of `sql`; raises SandboxForbidden, BadQuery or OutputCheckFailed. `bind`
    binds SQL (raising the query's own error), so that a typo is reported as one rather
    than as an output-check failure; `timings` gets parse, checks, plan and render seconds."""
    timings = {} if timings is None else timings
    with nesting_refused():
        started = perf_counter()
        parsed = parse(parser, sql)
        parsed_at = perf_counter()
        timings["parse"] = parsed_at - started
        dicts = all_dicts(parsed.tree)  # walked once, shared by the checks below
        check_reach(parsed.tree, tables, dicts)
        if output_checks.is_schema_only(parsed.tree):
            return Prepared(deserialize(parser, with_row_cap(parsed.tree, limits.max_rows + 1)))
        failures = fail_closed(output_checks.check_query, parsed.tree, tables, dicts, sql)
        if failures:
            refuse(parser, bind, sql, failures)
        if parsed.explain:
            # A plan shows no rows, but its estimates follow the data's statistics: the query
            # must pass the checks made before running, and may not read identifiers, whose
            # statistics a plan can print.
            failures = output_checks.explain_failures(dicts, tables)
            if failures:
                refuse(parser, bind, sql, failures)
            return Prepared(explain_prefix(parsed.tree) + deserialize(parser, parsed.tree), explain=True)
        checked_at = perf_counter()
        timings["checks"] = checked_at - parsed_at
        plan = fail_closed(output_checks.plan_release, parser, parsed.tree, tables, limits, dicts,
                           timings, sql, exact_dominance)
        if isinstance(plan, list):
            refuse(parser, bind, sql, plan)
        timings["plan"] = perf_counter() - checked_at
        return Prepared(plan.sql, plan)


def refuse(parser: Parser, bind: Callable[[str], object], sql: str, failures: list[tuple[str, str]]) -> None:
    """Raise OUTPUT_CHECK_FAILED, unless the query is simply wrong (then its SQL error):
    binding happens only here, on the refusal path, of the text parsed afresh (the rewrite
    changes the tree it works on)."""
    parsed = parse(parser, sql)
    original = deserialize(parser, parsed.tree)
    if parsed.explain:
        original = explain_prefix(parsed.tree) + original
    bind(original)  # raises the query's own error, if it has one
    raise OutputCheckFailed(failures)


def explain_prefix(tree: dict) -> str:
    ctes = sum(len(cte_entries(d)) for d in all_dicts(tree) if "cte_map" in d)
    return "EXPLAIN " if ctes <= EXPLAIN_TEXT_MAX_CTES else "EXPLAIN (FORMAT json) "


@contextlib.contextmanager
def nesting_refused():
    """BAD_INPUT for a statement nested deeper than its tree can be read, checked or
    rendered (DuckDB's JSON depth, or Python's recursion limit in the checks)."""
    try:
        yield
    except (SyntaxTooDeep, RecursionError):
        raise BadQuery("The query is nested too deeply to be checked (expressions, subqueries "
                       "or CTEs inside one another). Split it into simpler steps, e.g. fewer "
                       "nested expressions, or CTEs that each read the tables.") from None


def fail_closed(check, *args):
    """Run a check; a query shape the checker trips over is refused, never let through."""
    try:
        return check(*args)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        return [("shape", f"This query's shape cannot be checked automatically ({type(exc).__name__}).")]


def to_wire(prepared: Prepared) -> tuple:
    plan = prepared.plan
    if plan is None:
        return (prepared.sql, prepared.explain, None)
    checks = tuple((c.kind, c.subject) for c in plan.checks)
    dominance = tuple(plan.dominance) if plan.dominance else None
    return (prepared.sql, prepared.explain, (plan.sql, plan.people_floor, plan.min_group_size, plan.dedupe,
                                             checks, dominance, plan.exact_dominance))


def from_wire(wire: tuple) -> Prepared:
    sql, explain, plan = wire
    if plan is None:
        return Prepared(str(sql), explain=bool(explain))
    text, floor, threshold, dedupe, checks, dominance, exact = plan
    return Prepared(str(sql), output_checks.ReleasePlan(
        str(text), bool(floor), int(threshold), bool(dedupe),
        tuple(RowCheck(str(kind), str(subject)) for kind, subject in checks),
        (int(dominance[0]), float(dominance[1])) if dominance else None, bool(exact)))
