"""What may leave the sandbox: the output checks.

A result leaves only if every check passes; otherwise OUTPUT_CHECK_FAILED
names the failed checks (`failedChecks`), and the researcher may ask a steward
to review the withheld result (Session.request_release).

Before running (on DuckDB's syntax tree):
- identifier: a column a table's policy marks as a direct identifier may be
  used only as the argument of count(...) / count(DISTINCT ...) /
  approx_count_distinct(...), or in an equality join condition between two of
  the session's tables (`a.idNumber = b.idNumber`; USING/NATURAL only between
  the tables themselves, never against VALUES, subqueries or CTEs, which could
  single people out by a chosen ID). It may not be selected, grouped, filtered,
  sorted, passed to any other function, renamed by a column alias list, reached
  by position (#1), by `*` without EXCLUDE of the identifiers, by COLUMNS(...),
  or by naming the whole row (`SELECT t FROM t`). Because every expression in
  every subquery and CTE obeys this, no column of any intermediate relation is
  derived from an identifier, so none of the output is either (counts aside).
- aggregate: only summary aggregates (count, sum, avg, min, max, median,
  quantiles, mode, variance and friends, corr/regr, bool_and/or) are allowed,
  also as window functions; list, array_agg, string_agg, histogram, first,
  arg_max and the like return individual values and would pack records into one
  "aggregated" row. Aggregates that return one row's value (min, max, median,
  quantile_disc, mode...) must take a plain column, not an expression that
  could glue several fields of that row together.
- subquery: a subquery that reads tables may not sit in a SELECT list or
  GROUP BY, where it would put values into rows the group-size check does not
  count; filters (WHERE/HAVING) may use them.
- record_level / shape: the outermost query must aggregate (GROUP BY and/or
  aggregate functions, or DISTINCT), or only read aggregated CTEs/subqueries;
  a query that reads tables and lists records is refused. Window functions
  over the tables are allowed only in the outermost query and not together
  with QUALIFY/LIMIT/OFFSET there (a window could carry a dropped small
  group's value into a kept row). See group_sizes.py.

After running:
- small_groups: every output row must describe at least k people, k being the
  largest threshold of the tables read (TablePolicy.min_group_size, default
  SandboxLimits.min_group_size). People, not rows, are counted (rowid when each
  row is a different person, else distinct people_column values), through
  CTEs, subqueries, joins and UNION ALL; an aggregate with FILTER (WHERE ...)
  must cover k people too (or none). The count comes from a column the rewrite
  appended; DuckDB checks it row by row as it runs the query and leaves it out
  of the result (group_sizes.with_people_floor).
- nested: LIST, STRUCT (row constructors included), MAP, ARRAY and UNION
  columns are refused: a nested value can hold many records in one cell.
- the row and byte caps (RESULT_TOO_LARGE) are enforced while fetching.

EXPLAIN runs no query, so it has no result to check: it must pass the checks
made before running, and may not read an identifier column at all (a plan can
print a column's statistics, e.g. its smallest value).

Errors raised while DuckDB reads the data are passed on without DuckDB's text,
which can quote stored values (execution.translate).

Known limits of any rule-based check of free SQL (documented, not solved):
differencing (two large groups that differ by one person, or a FILTER-free
conditional like sum(CASE WHEN <one person> THEN x ELSE 0 END)), numbers that
encode several fields computed in a derived table and picked by min/max, and
inference from a refusal itself. Audit, the steward review and purpose-bound
grants are the other safeguards; differential privacy is not applied here.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from time import perf_counter

import duckdb

from sandbox.contributions import (ColumnClasses, Unprovable, aggregate_calls, call_text, read_use,
                                   with_ctes)
from sandbox.group_sizes import GroupSizeRewriter, RecordLevel, ShapeUnsupported
from sandbox.limits import SandboxLimits
from sandbox.execution import Fetched
from sandbox.parser import Parser
from sandbox.row_checks import RowCheck, with_checks
from sandbox.syntax import (
    all_dicts, arguments, column_name, deserialize, from_leaves, is_query_node, own_expressions,
    walk_scoped, with_row_cap,
)
from sandbox.tables import GrantedTable

COUNTING = frozenset({"count", "count_star", "approx_count_distinct"})

ALLOWED_AGGREGATES = frozenset({
    "count", "count_star", "count_if", "countif", "approx_count_distinct",
    "sum", "fsum", "sumkahan", "kahan_sum", "sum_no_overflow", "avg", "mean", "favg", "product",
    "min", "max", "median", "mode", "quantile", "quantile_cont", "quantile_disc",
    "approx_quantile", "reservoir_quantile",
    "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "sem", "mad",
    "skewness", "kurtosis", "kurtosis_pop", "entropy",
    "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept",
    "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
    "bool_and", "bool_or",
})

VALUE_PICKING = frozenset({
    "min", "max", "median", "mode", "quantile", "quantile_disc", "quantile_cont",
    "approx_quantile", "reservoir_quantile",
})


@functools.cache
def aggregate_names() -> frozenset[str]:
    """Names of every aggregate function DuckDB knows (asked once per process)."""
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE function_type = 'aggregate'"
        ).fetchall()
    return frozenset(r[0] for r in rows)


@dataclass(frozen=True)
class ReleasePlan:
    """How to run a query so its result can be checked before release."""

    sql: str
    people_floor: bool  # sql stops at an output row of fewer than min_group_size people
    min_group_size: int
    dedupe: bool = False
    checks: tuple[RowCheck, ...] = ()  # the row checks sql also stops at (row_checks.py)
    dominance: tuple[int, float] | None = None
    exact_dominance: bool = False  # dominance computed from the n largest values, not bounds

    def failure(self, check: int | None) -> tuple[str, str]:
        """The failure of the row check that stopped the query (None: its people count)."""
        if check is None or not 0 <= check < len(self.checks):
            return small_groups_failure(self.min_group_size)
        return self.checks[check].failure(self.min_group_size, self.dominance)


def is_schema_only(tree: dict) -> bool:
    """Whether the query is a plain DESCRIBE: it shows column names and types, no data."""
    ref = tree.get("from_table") or {}
    select = tree.get("select_list") or []
    return (tree.get("type") == "SELECT_NODE" and ref.get("type") == "SHOW_REF"
            and ref.get("show_type") == "DESCRIBE" and len(select) == 1
            and select[0].get("class") == "STAR" and not tree.get("where_clause"))


def check_query(tree: dict, tables: dict[str, GrantedTable],
                dicts: list[dict] | None = None, sql: str = "") -> list[tuple[str, str]]:
    """The static output checks; returns (check, message) failures, empty if it passes.

    `dicts` is `all_dicts(tree)` if the caller has it already; `sql` the query's text, to
    quote the aggregates a failure is about.
    """
    if dicts is None:
        dicts = all_dicts(tree)
    failures: list[tuple[str, str]] = []
    failures += _identifier_failures(tree, dicts, tables)
    failures += _aggregate_failures(dicts)
    failures += _subquery_failures(dicts)
    failures += _contributor_failures(tree, tables, sql)
    # One message per distinct failure, in order.
    return list(dict.fromkeys(failures))


def explain_failures(dicts: list[dict], tables: dict[str, GrantedTable]) -> list[tuple[str, str]]:
    """EXPLAIN of a query that reads an identifier column is refused: DuckDB's plans can print
    a column's statistics (compressed materialisation shows a numeric column's smallest
    value), and an identifier's smallest value is one person's identifier."""
    identifiers = {n for t in tables.values() for n in t.identifier_names}
    for d in dicts:
        if d.get("class") == "COLUMN_REF" and column_name(d) in identifiers:
            return [("identifier", "EXPLAIN is not available for a query that reads an identifier "
                                   "column: a plan can show the column's statistics, such as its "
                                   "smallest value. EXPLAIN the query without that column.")]
    return []


def plan_release(parser: Parser, tree: dict, tables: dict[str, GrantedTable],
                 limits: SandboxLimits, dicts: list[dict] | None = None,
                 timings: dict[str, float] | None = None, sql: str = "",
                 exact_dominance: bool = False) -> ReleasePlan | list[tuple[str, str]]:
    """Amend the tree to count people per row and check its aggregates; failures if its
    shape is refused.

    `tree` is changed in place; pass a copy if the original is still needed. `dicts` is
    `all_dicts(tree)` of the unchanged tree if the caller has it already; `timings`, if
    given, gets the seconds DuckDB took to render the amended tree as SQL ("render"); `sql`
    is the query's text, to quote aggregates in failures; `exact_dominance` plans the dominance
    rule with each group's n largest values (execution.RecheckNeeded asks for it).
    """
    dicts = all_dicts(tree) if dicts is None else dicts
    threshold = _threshold(dicts, tables, limits)
    dominance = _dominance(dicts, tables)
    rewriter = GroupSizeRewriter(tables, aggregate_names(), sql, dominance, exact_dominance)
    try:
        has_people = rewriter.rewrite(tree)
    except RecordLevel:
        return [("record_level",
                 "The query lists individual records. Aggregate them (GROUP BY with count, sum, avg, ...) "
                 f"so that every output row describes at least {threshold} people.")]
    except ShapeUnsupported as exc:
        return [("shape", f"This query's shape cannot be checked automatically: {exc}.")]
    if has_people:
        capped = with_checks(tree, threshold, len(rewriter.checks.checks), limits.max_rows + 1)
    else:
        capped = with_row_cap(tree, limits.max_rows + 1)
    started = perf_counter()
    rendered = deserialize(parser, capped)
    if timings is not None:
        timings["render"] = perf_counter() - started
    return ReleasePlan(rendered, has_people, threshold, rewriter.dedupe, tuple(rewriter.checks.checks),
                       dominance, exact_dominance)


def check_result(fetched: Fetched) -> list[tuple[str, str]]:
    """Failures of a fetched result's columns (its group sizes were checked as it ran)."""
    failures: list[tuple[str, str]] = []
    if any(name.startswith("__dg") for name in fetched.columns):
        failures.append(SHAPE_FAILURE)
    nested = [c for c, t in zip(fetched.columns, fetched.types) if _is_nested(t)]
    if nested:
        failures.append(("nested",
                         f"Column(s) {', '.join(nested)} hold lists, structs or maps, which can carry "
                         "many records in one cell; return plain values (unnest or aggregate them)."))
    return failures


def small_groups_failure(min_group_size: int) -> tuple[str, str]:
    return ("small_groups",
            f"At least one output row describes fewer than {min_group_size} people. "
            "Make the groups larger (group by fewer or coarser columns), or leave small "
            f"groups out with HAVING count(*) >= {min_group_size}.")


SHAPE_FAILURE = ("shape", "This query's shape cannot be checked automatically.")


def _is_nested(duckdb_type: str) -> bool:
    # row constructors, `(a, b)` and row(a, b), come back typed TUPLE(...): structs too
    return "[" in duckdb_type or duckdb_type.upper().startswith(
        ("STRUCT", "TUPLE", "ROW", "MAP", "UNION", "VARIANT"))


# -- identifier -----------------------------------------------------------------

def _identifier_failures(tree: dict, dicts: list[dict], tables: dict[str, GrantedTable]) -> list[tuple[str, str]]:
    identifiers = {n: t for t in tables.values() for n in t.identifier_names}
    if not identifiers:
        return []
    allowed, failures = _counted_or_joined(tree, dicts, tables)
    row_names = _identifying_row_names(dicts, tables)
    for d in dicts:
        cls = d.get("class")
        if cls == "COLUMN_REF" and id(d) not in allowed:
            names = d.get("column_names") or []
            last = names[-1].lower() if names else ""
            if last in identifiers:
                failures.append(("identifier",
                                 f"Column {names[-1]} identifies people directly: it may only be counted "
                                 f"(count(DISTINCT {names[-1]})) or used to join tables, never shown, grouped, "
                                 "filtered, sorted or transformed."))
            elif len(names) == 1 and last in row_names:
                failures.append(("identifier",
                                 f"{names[0]} names a whole row, which includes identifier columns; "
                                 "select the columns you need."))
        elif cls == "POSITIONAL_REFERENCE":
            failures.append(("identifier", "Refer to columns by name, not by position (#n)."))
        elif cls is None and d.get("type") == "BASE_TABLE":
            failures += _renamed_identifiers(d, tables)
    return failures


def _counted_or_joined(tree: dict, dicts: list[dict],
                       tables: dict[str, GrantedTable]) -> tuple[set[int], list[tuple[str, str]]]:
    """ids of column references used only as count(...) arguments or in joins
    of identifier columns between granted tables; and failures for joins that
    would match identifiers against anything else (VALUES lists, CTEs...) and
    for `*` that would reach identifier columns."""
    allowed: set[int] = set()
    counted: set[int] = set()
    failures: list[tuple[str, str]] = []
    for d in dicts:
        if d.get("class") in ("FUNCTION", "WINDOW") and d.get("function_name", "").lower() in COUNTING:
            for arg in arguments(d):
                counted.add(id(arg))
                if arg.get("class") == "COLUMN_REF":
                    allowed.add(id(arg))

    def visit(ref: dict, ctes: frozenset[str]) -> None:
        if is_query_node(ref):
            failures.extend(_node_star_failures(ref, ctes, counted, tables))
            return
        if "class" in ref or ref.get("type") != "JOIN":
            return
        leaves = from_leaves(ref)
        base = {}
        for leaf in leaves:
            name = leaf.get("table_name", "").lower()
            if leaf.get("type") == "BASE_TABLE" and name in tables and name not in ctes:
                base[(leaf.get("alias") or leaf["table_name"]).lower()] = tables[name]
        only_base = len(base) == len(leaves)
        identifiers = {n for t in tables.values() for n in t.identifier_names}
        using = {c.lower() for c in ref.get("using_columns") or []}
        if (using & identifiers or ref.get("ref_type") == "NATURAL") and not only_base:
            failures.append(("identifier", "Identifier columns may be joined only between the session's "
                             "tables (not with VALUES, subqueries or CTEs); use ON a.col = b.col."))
        if ref.get("condition"):
            for pair in _equi_join_pairs(ref["condition"]):
                if all(_is_base_identifier(side, base) for side in pair):
                    allowed.update(id(side) for side in pair)

    walk_scoped(tree, visit)
    return allowed, failures


def _equi_join_pairs(cond: dict) -> list[tuple[dict, dict]]:
    if cond.get("class") == "CONJUNCTION" and cond.get("type") == "CONJUNCTION_AND":
        return [p for child in cond.get("children") or [] for p in _equi_join_pairs(child)]
    if (cond.get("class") == "COMPARISON" and cond.get("type") in ("COMPARE_EQUAL", "COMPARE_NOT_DISTINCT_FROM")
            and (cond.get("left") or {}).get("class") == "COLUMN_REF"
            and (cond.get("right") or {}).get("class") == "COLUMN_REF"):
        return [(cond["left"], cond["right"])]
    return []


def _is_base_identifier(ref: dict, base: dict[str, GrantedTable]) -> bool:
    """A qualified reference `alias.col` to an identifier column of a granted table."""
    names = [n.lower() for n in ref.get("column_names") or []]
    if len(names) < 2 or names[-2] not in base:
        return False
    return names[-1] in base[names[-2]].identifier_names


def _identifying_row_names(dicts: list[dict], tables: dict[str, GrantedTable]) -> set[str]:
    """Names (table names and aliases) under which a whole identifying row could be selected."""
    names: set[str] = set()
    for d in dicts:
        if "class" not in d and d.get("type") == "BASE_TABLE":
            table = tables.get(d.get("table_name", "").lower())
            if table and table.identifier_names:
                names.add(d["table_name"].lower())
                if d.get("alias"):
                    names.add(d["alias"].lower())
    return names


def _renamed_identifiers(ref: dict, tables: dict[str, GrantedTable]) -> list[tuple[str, str]]:
    table = tables.get(ref.get("table_name", "").lower())
    aliases = ref.get("column_name_alias") or []
    if not table or not aliases:
        return []
    renamed = [c for c in table.columns[:len(aliases)] if c.lower() in table.identifier_names]
    if renamed:
        return [("identifier", f"Identifier column(s) {', '.join(renamed)} may not be renamed; "
                 "leave them out of the column alias list.")]
    return []


def _node_star_failures(node: dict, ctes: frozenset[str], counted: set[int],
                        tables: dict[str, GrantedTable]) -> list[tuple[str, str]]:
    """`*` in this node that would reach identifier columns of a granted table it reads."""
    if node.get("type") != "SELECT_NODE":
        return []
    direct = [leaf for leaf in from_leaves(node.get("from_table"))
              if leaf.get("type") == "BASE_TABLE" and leaf.get("table_name", "").lower() not in ctes
              and leaf.get("table_name", "").lower() in tables]
    failures = []
    for star in own_expressions(node):
        if star.get("class") == "STAR" and id(star) not in counted and not _is_order_by_all(node, star):
            failures.extend(_one_star(star, direct, tables))
    return failures


def _is_order_by_all(node: dict, star: dict) -> bool:
    """ORDER BY ALL orders by the (already checked) select list, not by the tables."""
    for modifier in node.get("modifiers") or []:
        for order in modifier.get("orders") or []:
            if order.get("expression") is star:
                return star.get("columns") and not star.get("expr") and not star.get("relation_name")
    return False


def _one_star(star: dict, leaves: list[dict], tables: dict[str, GrantedTable]) -> list[tuple[str, str]]:
    relation = (star.get("relation_name") or "").lower()
    reached = [leaf for leaf in leaves
               if not relation or (leaf.get("alias") or leaf["table_name"]).lower() == relation]
    covered = {_last_name(x) for x in (star.get("exclude_list") or [])}
    covered |= {_last_name(r.get("key")) for r in (star.get("replace_list") or [])}
    renamed = {_last_name(r.get("key")) for r in (star.get("rename_list") or [])}
    failures = []
    for leaf in reached:
        table = tables[leaf["table_name"].lower()]
        if not table.identifier_names:
            continue
        if star.get("columns"):
            failures.append(("identifier", f"COLUMNS(...) over {table.name} may reach identifier columns; "
                             "name the columns you need."))
            continue
        missing = sorted(table.identifier_names - covered)
        if missing or (renamed & table.identifier_names):
            shown = [c for c in table.columns if c.lower() in table.identifier_names]
            failures.append(("identifier",
                             f"* over {table.name} includes identifier column(s) {', '.join(shown)}; "
                             f"name the columns you need or write * EXCLUDE ({', '.join(shown)})."))
    return failures


def _last_name(item) -> str:
    if isinstance(item, str):
        return item.lower()
    if isinstance(item, dict):
        for key in ("column_names", "path"):
            if item.get(key):
                return str(item[key][-1]).lower()
        return str(item.get("name", "")).lower()
    if isinstance(item, list) and item:
        return str(item[-1]).lower()
    return ""


# -- aggregates and subqueries -----------------------------------------------------

def _aggregate_failures(dicts: list[dict]) -> list[tuple[str, str]]:
    failures = []
    known = aggregate_names()
    for d in dicts:
        if d.get("class") not in ("FUNCTION", "WINDOW"):
            continue
        name = d.get("function_name", "").lower()
        if name in known and name not in ALLOWED_AGGREGATES:
            failures.append(("aggregate",
                             f"{name}() returns individual values, which would release record-level data; "
                             "use count, sum, avg, min, max, median, quantiles or stddev."))
        elif name in VALUE_PICKING and d.get("class") == "FUNCTION":
            args = arguments(d)
            if args and not _plain_column(args[0]):
                failures.append(("aggregate",
                                 f"{name}() returns one row's value, so it must take a plain column, not an "
                                 f"expression; compute on its result instead (e.g. 12 * {name}(col))."))
    return failures


def _plain_column(expr: dict) -> bool:
    if expr.get("class") == "CAST":
        expr = expr.get("child") or {}
    return expr.get("class") in ("COLUMN_REF", "CONSTANT")


def _subquery_failures(dicts: list[dict]) -> list[tuple[str, str]]:
    failures = []
    for node in dicts:
        if node.get("type") != "SELECT_NODE" or "class" in node:
            continue
        parts = {"select_list": node.get("select_list"), "group_expressions": node.get("group_expressions")}
        for expr in own_expressions(parts):
            if expr.get("class") == "SUBQUERY" and _reads_any_table(expr.get("subquery")):
                failures.append(("subquery",
                                 "A subquery that reads tables may not appear in SELECT or GROUP BY: its values "
                                 "would escape the group-size check. Join a grouped CTE instead."))
    return failures


def _reads_any_table(obj) -> bool:
    return any("class" not in d and d.get("type") == "BASE_TABLE" for d in all_dicts(obj))


# -- contributors --------------------------------------------------------------------

def _contributor_failures(tree: dict, tables: dict[str, GrantedTable], sql: str) -> list[tuple[str, str]]:
    """Aggregates whose contributors the checks cannot count, and conditions in aggregates
    outside the outermost query (contributions.py)."""
    names = aggregate_names()
    classes = ColumnClasses(tables, names)
    outermost = {id(tree)} | {id(c) for c in tree.get("children") or []
                              if tree.get("type") == "SET_OPERATION_NODE"}
    failures = []
    for node, scope in _scoped_select_nodes(tree, {}):
        if not _reads_data(node, scope, tables):
            continue
        columns = classes.inputs(node, scope)
        for call in aggregate_calls(node, names):
            try:
                use = read_use(call, sql, columns.tainted, columns.booleans)
            except Unprovable as exc:
                failures.append(("contributors", f"{call_text(call, sql)}: the checks cannot count who "
                                 f"contributes to it, because {exc}. Aggregate plain columns, and put "
                                 "conditions in CASE WHEN ... THEN column END, FILTER (WHERE ...) or WHERE."))
                continue
            if use.conditions and id(node) not in outermost:
                failures.append(("contributors", f"{use.text}: conditions inside an aggregate are checked "
                                 "only in the outermost query; move the aggregate there, or the condition "
                                 "into WHERE."))
    return failures


def _scoped_select_nodes(node: dict, scope: dict[str, dict]):
    """Every SELECT node of the tree with the CTEs visible to it (name -> query node)."""
    scope = with_ctes(node, scope)
    if node.get("type") == "SELECT_NODE":
        yield node, scope
    stack = [v for k, v in node.items() if isinstance(v, (dict, list))]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if is_query_node(item):
                yield from _scoped_select_nodes(item, scope)
            else:
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))


def _reads_data(node: dict, scope: dict[str, dict], tables: dict[str, GrantedTable]) -> bool:
    """Whether a node's FROM names a granted table or a CTE (which may read one)."""
    for leaf in from_leaves(node.get("from_table")):
        if leaf.get("type") == "SUBQUERY":
            return True
        name = leaf.get("table_name", "").lower()
        if leaf.get("type") == "BASE_TABLE" and (name in tables or name in scope):
            return True
    return False


def _dominance(dicts: list[dict], tables: dict[str, GrantedTable]) -> tuple[int, float] | None:
    """The strictest dominance rule of the tables a query reads (None if none has one)."""
    rules = []
    for d in dicts:
        if "class" not in d and d.get("type") == "BASE_TABLE":
            table = tables.get(d.get("table_name", "").lower())
            if table and table.policy.dominance:
                rules.append(table.policy.dominance)
    if not rules:
        return None
    return max(n for n, _ in rules), min(k for _, k in rules)


def _threshold(dicts: list[dict], tables: dict[str, GrantedTable], limits: SandboxLimits) -> int:
    thresholds = [limits.min_group_size]
    for d in dicts:
        if "class" not in d and d.get("type") == "BASE_TABLE":
            table = tables.get(d.get("table_name", "").lower())
            if table:
                thresholds.append(table.policy.min_group_size or limits.min_group_size)
    # Tables may lower the threshold only when every table read agrees.
    read = thresholds[1:]
    return max(read) if read else limits.min_group_size
