"""Who contributes to an aggregate: what the checks can prove about its argument.

The small-group rule counts the people behind each output row. An aggregate can rest on
fewer: `sum(CASE WHEN <one person> THEN monthlyBase ELSE 0 END)` over a large group is one
person's value, and so is `sum(monthlyBase) - sum(CASE WHEN <one person> THEN 0 ELSE
monthlyBase END)`. So every aggregate's arguments are read as a *linear* combination of
plain values (columns, constants, `year(col)` and the like, casts) chosen by *conditions*:

- CASE, if/iif, nullif, coalesce/ifnull, least/greatest, abs/sign, a Boolean (or a Boolean
  column) used as a number, count_if, bool_and/bool_or and FILTER (WHERE ...) are read as
  conditions and values;
- anything else in an argument (another function, a product of two columns, a division by
  a column, a subquery) could hide a condition, and the aggregate is refused.

The output checks then hold, per output row (group_sizes.py appends the counts):
- conditions: the conditions of the row's aggregates split its group into cells (one per
  combination of true and not true); every cell that is not empty holds at least k people,
  so no sum, difference or count of the aggregates singles out fewer;
- contributors: each aggregate has 0 or at least k people with a value (non-null, and
  non-zero for sums, averages and moments);
- dominance ((n, k) rule, for sums and averages of a table's magnitude columns): the n
  largest absolute values are at most k percent of the total of absolute values.

Conditions are allowed only in the aggregates of the outermost query (or of a branch of
its UNION ALL), where they are checked; a column that a subquery or CTE computes with a
condition may not be aggregated (names are followed through derived tables, by name).
"""
from __future__ import annotations

import copy
import dataclasses
import json

from sandbox.syntax import all_dicts, arguments, column_name, cte_entries, own_expressions, template
from sandbox.tables import GrantedTable, is_numeric

COUNTING = frozenset({"count", "count_star", "approx_count_distinct", "regr_count"})
CONDITIONAL = frozenset({"count_if", "countif", "bool_and", "bool_or"})
SUMS = frozenset({"sum", "fsum", "sumkahan", "kahan_sum", "sum_no_overflow"})
SUMMING = SUMS | frozenset({"avg", "mean", "favg"})
PICKING = frozenset({"min", "max", "median", "mode", "quantile", "quantile_disc", "quantile_cont",
                     "approx_quantile", "reservoir_quantile"})
# Aggregates whose parameters after the first one (quantile's fraction) are not values.
_ONE_VALUE = PICKING | frozenset({"approx_count_distinct"})

# Plain values of one column: no condition can be built from these without arithmetic on a
# second argument, which `_value` refuses.
_FEATURES = frozenset({
    "year", "month", "quarter", "day", "dayofmonth", "dayofweek", "isodow", "dayofyear", "week",
    "weekofyear", "weekday", "yearweek", "isoyear", "decade", "century", "epoch", "hour", "minute",
    "round", "floor", "ceil", "ceiling", "trunc",
})
_PARTS = frozenset({"date_part", "datepart", "extract", "date_trunc", "datetrunc"})
_CONDITION_CLASSES = frozenset({"COMPARISON", "CONJUNCTION", "BETWEEN"})
_CONDITION_OPERATORS = frozenset({"OPERATOR_NOT", "OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL",
                                  "COMPARE_IN", "COMPARE_NOT_IN"})
_BOOLEAN_FUNCTIONS = frozenset({
    "~~", "!~~", "~~*", "!~~*", "~~~", "!~~~", "like_escape", "not_like_escape", "ilike_escape",
    "glob", "starts_with", "prefix", "suffix", "ends_with", "contains", "regexp_matches",
    "regexp_full_match", "isnan", "isinf", "isfinite",
})
_BOOLEAN_TYPES = frozenset({"BOOLEAN", "BOOL", "LOGICAL"})
# Casts to these keep a value exactly (no rounding).
_EXACT_TYPES = frozenset({"DOUBLE", "FLOAT8", "FLOAT", "FLOAT4", "REAL"})
_MAX_CONDITIONS = 12


class Unprovable(Exception):
    """An aggregate argument whose contributors the checks cannot count."""


@dataclasses.dataclass
class AggregateUse:
    """One aggregate call of a query node, as the checks read it."""

    call: dict
    name: str
    text: str  # as the researcher wrote it, for messages
    values: list[dict]  # the value arguments
    conditions: list[dict]  # conditions found in them (and FILTER's)
    leaves: list[dict]  # COLUMN_REFs the values are made of

    @property
    def kind(self) -> str:
        if self.name in COUNTING:
            return "count"
        if self.name in CONDITIONAL:
            return "condition"
        if self.name in PICKING:
            return "pick"
        return "sum" if self.name in SUMMING else "moment"


def aggregate_calls(node: dict, aggregates: frozenset[str]) -> list[dict]:
    """The aggregate function calls that belong to a query node (not window functions, not
    those of its subqueries)."""
    return [e for e in own_expressions(node)
            if e.get("class") == "FUNCTION" and e.get("function_name", "").lower() in aggregates]


def read_use(call: dict, sql: str, tainted: frozenset[str], booleans: frozenset[str]) -> AggregateUse:
    """What an aggregate call rests on; Unprovable if its arguments hide what the checks
    must count. `tainted`: names of the node's input columns computed with conditions
    below it; `booleans`: names of Boolean columns (a Boolean used as a number is a
    condition)."""
    name = call.get("function_name", "").lower()
    args = arguments(call)
    if name in _ONE_VALUE:
        args = args[:1]
    reader = _Reader(tainted, booleans)
    values = []
    if name in CONDITIONAL:
        for argument in args:
            reader.condition(argument)
    else:
        for argument in args:
            reader.value(argument)
            values.append(argument)
    if call.get("filter"):
        reader.condition(call["filter"])
    return AggregateUse(call, name, call_text(call, sql), values, reader.conditions, reader.leaves)


def call_text(expr: dict, sql: str) -> str:
    """The expression as written in `sql` (its function name if its place is not known)."""
    start, length = expr.get("query_location"), expr.get("query_location_length")
    raw = sql.encode()  # DuckDB counts positions in bytes of UTF-8
    if isinstance(start, int) and isinstance(length, int) and 0 <= start < len(raw) and length > 0:
        text = " ".join(raw[start:start + length].decode(errors="replace").split())
        return text if len(text) <= 120 else text[:117] + "..."
    return f"{expr.get('function_name', 'an aggregate')}(...)"


class _Reader:
    def __init__(self, tainted: frozenset[str], booleans: frozenset[str]):
        self._tainted = tainted
        self._booleans = booleans
        self.conditions: list[dict] = []
        self.leaves: list[dict] = []

    def condition(self, expr: dict) -> None:
        self.conditions.append(expr)

    def value(self, expr: dict) -> None:
        cls = expr.get("class")
        if cls == "CONSTANT":
            return
        if _is_condition(expr):  # a Boolean used as a number: 1 where it holds
            self.condition(expr)
        elif cls == "COLUMN_REF":
            self._column(expr)
        elif cls == "CAST":
            self._cast(expr)
        elif cls == "CASE":
            for check in expr.get("case_checks") or []:
                self.condition(check["when_expr"])
                self.value(check["then_expr"])
            self.value(expr.get("else_expr") or {"class": "CONSTANT"})
        elif cls == "OPERATOR" and expr.get("type") == "OPERATOR_COALESCE":
            self._coalesce(expr.get("children") or [])
        elif cls == "FUNCTION":
            self._function(expr)
        else:
            raise Unprovable(f"it holds {_what(expr)}")

    def _cast(self, expr: dict) -> None:
        """A cast keeps a value as it is, except that a cast to BOOLEAN is a condition (not
        zero) and one that rounds (to an integer, a decimal, a date) is a step, which only
        a plain column may take (two shifted steps would make a condition)."""
        child = expr.get("child") or {}
        target = ((expr.get("type_expr") or {}).get("type_name") or "").upper()
        if expr.get("try_cast"):
            raise Unprovable("it uses TRY_CAST, which makes NULLs of what it cannot convert")
        if _is_condition(child):
            self.condition(child)
        elif _constant(child) or _plain_column(child) or target in _EXACT_TYPES:
            self.value(child)
        else:
            raise Unprovable(f"it casts a computed value to {target or 'another type'}, which may round it")

    def _coalesce(self, args: list[dict]) -> None:
        for arg in args[:-1]:
            self.condition(_filled("__dg_x0 IS NOT NULL", arg))
        for arg in args:
            self.value(arg)

    def _column(self, ref: dict) -> None:
        name = column_name(ref)
        if name in self._tainted:
            raise Unprovable(f"its column {name} is computed with a condition in a subquery or CTE; "
                             "write the condition in this aggregate instead")
        if name in self._booleans:
            self.condition(ref)  # a Boolean used as a number counts the rows where it holds
        self.leaves.append(ref)

    def _function(self, expr: dict) -> None:
        name = expr.get("function_name", "").lower()
        args = arguments(expr)
        if name in ("+", "-") and expr.get("is_operator"):
            for arg in args:
                self.value(arg)
        elif name == "*" and len(args) == 2:
            self._product(args)
        elif name == "/" and len(args) == 2 and _constant(args[1]):
            self.value(args[0])
        elif name in ("if", "iif") and len(args) == 3:
            self.condition(args[0])
            self.value(args[1])
            self.value(args[2])
        elif name in ("coalesce", "ifnull") and args:
            self._coalesce(args)
        elif name == "nullif" and len(args) == 2:
            self.condition(_filled("__dg_x0 = __dg_x1", *args))
            self.value(args[0])
        elif name in ("least", "greatest") and len(args) == 2:
            self.condition(_filled("__dg_x0 < __dg_x1", *args))
            self.value(args[0])
            self.value(args[1])
        elif name in ("abs", "sign") and len(args) == 1:
            self.condition(_filled("__dg_x0 < 0", args[0]))
            if name == "sign":
                self.condition(_filled("__dg_x0 > 0", args[0]))
            self.value(args[0])
        elif name in _FEATURES and args and _plain_column(args[0]) and all(map(_constant, args[1:])):
            self.value(args[0])
        elif name in _PARTS and len(args) == 2 and _constant(args[0]) and _plain_column(args[1]):
            self.value(args[1])
        else:
            raise Unprovable(f"it applies {name}() to what it aggregates")

    def _product(self, args: list[dict]) -> None:
        first, second = args
        if _constant(first) or _constant(second):
            self.value(second if _constant(first) else first)
        elif _is_indicator(first) or _is_indicator(second):
            self.value(first)
            self.value(second)
        else:
            raise Unprovable("it multiplies two values taken from the data")


def _is_condition(expr: dict) -> bool:
    cls = expr.get("class")
    if cls == "CAST" and ((expr.get("type_expr") or {}).get("type_name") or "").upper() in _BOOLEAN_TYPES:
        return True
    return cls in _CONDITION_CLASSES or (
        cls == "OPERATOR" and expr.get("type") in _CONDITION_OPERATORS) or (
        cls == "FUNCTION" and expr.get("function_name", "").lower() in _BOOLEAN_FUNCTIONS)


def _is_indicator(expr: dict) -> bool:
    """A number made only of conditions and constants (`(a > 1)::INT`, `1 - (a > 1)::INT`):
    multiplying a value by it chooses rows, which the conditions then count."""
    cls = expr.get("class")
    if _is_condition(expr):
        return True
    if cls == "CAST":
        return _is_indicator(expr.get("child") or {})
    if cls == "FUNCTION" and expr.get("is_operator") and expr.get("function_name") in ("+", "-", "*"):
        args = arguments(expr)
        return any(map(_is_indicator, args)) and all(_is_indicator(a) or _constant(a) for a in args)
    return False


def _constant(expr: dict) -> bool:
    """A value that does not depend on the row (a literal, maybe negated or cast)."""
    cls = expr.get("class")
    if cls == "CONSTANT":
        return True
    if cls == "CAST":
        return _constant(expr.get("child") or {})
    if cls == "FUNCTION" and expr.get("is_operator"):
        return all(map(_constant, arguments(expr)))
    return False


def _plain_column(expr: dict) -> bool:
    if expr.get("class") == "CAST":
        expr = expr.get("child") or {}
    return expr.get("class") == "COLUMN_REF"


def _what(expr: dict) -> str:
    cls = expr.get("class", "")
    known = {"SUBQUERY": "a subquery", "WINDOW": "a window function", "LAMBDA": "a lambda",
             "COLLATE": "a collation", "STAR": "a star"}
    return known.get(cls, f"an expression of kind {expr.get('type', cls).lower()}")


def _filled(sql_expr: str, *parts: dict) -> dict:
    """The tree of `sql_expr` with __dg_xN replaced by copies of parts[N]."""
    tree = template(f"SELECT {sql_expr}")["select_list"][0]
    return fill(tree, {f"__dg_x{n}": part for n, part in enumerate(parts)})


def fill(tree: dict, parts: dict[str, dict]) -> dict:
    """`tree` with each single-name COLUMN_REF named in `parts` replaced by a copy of it."""
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        names = item.get("column_names") or []
        if item.get("class") == "COLUMN_REF" and len(names) == 1 and names[0] in parts:
            replacement = copy.deepcopy(parts[names[0]])
            item.clear()
            item.update(replacement)
            continue
        stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return tree


def distinct_conditions(uses: list[AggregateUse]) -> list[dict]:
    """The conditions of a node's aggregates, each once (compared without positions)."""
    seen: dict[str, dict] = {}
    for use in uses:
        for condition in use.conditions:
            seen.setdefault(_shape(condition), condition)
    found = list(seen.values())
    if len(found) > _MAX_CONDITIONS:
        raise Unprovable(f"the query's aggregates use {len(found)} different conditions; "
                         f"the checks follow at most {_MAX_CONDITIONS} in one query")
    return found


def _shape(expr: dict) -> str:
    def clean(obj):
        if isinstance(obj, dict):
            return {k: clean(v) for k, v in obj.items() if k not in ("query_location", "query_location_length")}
        if isinstance(obj, list):
            return [clean(v) for v in obj]
        return obj
    return json.dumps(clean(expr), sort_keys=True)


# -- names through derived tables -----------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Columns:
    """What the checks know of the columns a query node reads, by lower-cased name."""

    tainted: frozenset[str] = frozenset()  # computed with a condition below
    magnitude: frozenset[str] = frozenset()  # amounts under the dominance rule, or made of them
    booleans: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # every column name the input gives
    dense: frozenset[str] = frozenset()  # known to hold no NULL and (numbers) no zero
    unsigned: frozenset[str] = frozenset()  # numbers known to be >= 0
    largest: frozenset[tuple[str, float]] = frozenset()  # (name, largest absolute value) where known

    def __or__(self, other: "Columns") -> "Columns":
        mine = {n for n, _ in self.largest}
        theirs = {n for n, _ in other.largest}
        return Columns(self.tainted | other.tainted, self.magnitude | other.magnitude,
                       self.booleans | other.booleans, self.names | other.names,
                       _known(self.dense, self.names, other.dense, other.names),
                       _known(self.unsigned, self.names, other.unsigned, other.names),
                       frozenset(p for p in self.largest if p[0] not in other.names)
                       | frozenset(p for p in other.largest if p[0] not in self.names)
                       | frozenset(max(p, q) for p in self.largest for q in other.largest
                                   if p[0] == q[0] and p[0] in mine & theirs))

    def largest_of(self, name: str | None) -> float | None:
        return next((v for n, v in self.largest if n == name), None)

    def nullable(self) -> "Columns":
        """The columns as an outer join gives them: any may be NULL."""
        return dataclasses.replace(self, dense=frozenset())


def _known(a: frozenset[str], a_names: frozenset[str], b: frozenset[str], b_names: frozenset[str]) -> frozenset[str]:
    """Names known to have a property in two inputs read side by side (by name, as the checks
    follow columns): where both have the name, both must know it."""
    return (a - b_names) | (b - a_names) | (a & b)


class ColumnClasses:
    """Follows column names from the granted tables up through CTEs and derived tables.

    By name and conservatively: a name that is tainted, or an amount, in any input of a
    node is taken to be so wherever that node reads it.
    """

    def __init__(self, tables: dict[str, GrantedTable], aggregates: frozenset[str]):
        self._tables = tables
        self._aggregates = aggregates
        self._done: dict[int, Columns] = {}
        self._inputs: dict[int, Columns] = {}

    def inputs(self, node: dict, scope: dict[str, dict]) -> Columns:
        """The classes of the columns `node`'s FROM clause gives it (`scope`: visible CTE
        name -> definition node)."""
        marker = id(node)
        if marker not in self._inputs:
            scope = self._with_ctes_read(node, scope)
            self._inputs[marker] = self._of_ref(node.get("from_table") or {}, scope)
        return self._inputs[marker]

    def _with_ctes_read(self, node: dict, scope: dict[str, dict]) -> dict[str, dict]:
        """`scope` with the node's CTEs, each read in order, so that a chain of CTEs is
        followed one step at a time rather than by recursing down all of it."""
        entries = cte_entries(node)
        if not entries:
            return scope
        scope = dict(scope)
        for name, definition in entries:
            body = definition.get("query_node") or {}
            self.outputs(body, scope)
            scope[name.lower()] = body
        return scope

    def _of_ref(self, ref: dict, scope: dict[str, dict]) -> Columns:
        kind = ref.get("type")
        if kind == "BASE_TABLE":
            name = ref.get("table_name", "").lower()
            if name in scope:
                return self.outputs(scope[name], scope)
            table = self._tables.get(name)
            return Columns() if table is None else _table_columns(table)
        if kind == "SUBQUERY":
            return self.outputs(ref["subquery"]["node"], scope)
        if kind == "JOIN":
            joined = self._of_ref(ref.get("left") or {}, scope) | self._of_ref(ref.get("right") or {}, scope)
            inner = ref.get("join_type", "INNER") == "INNER" and ref.get("ref_type") != "POSITIONAL"
            return joined if inner else joined.nullable()  # an outer join pads with NULLs
        return Columns()

    def outputs(self, node: dict, scope: dict[str, dict]) -> Columns:
        marker = id(node)
        if marker in self._done:
            return self._done[marker]
        self._done[marker] = Columns()  # a recursive reference sees nothing new
        if node.get("type") == "SET_OPERATION_NODE":
            found = Columns()
            inner = self._with_ctes_read(node, scope)
            for child in node.get("children") or []:
                found = found | self.outputs(child, inner)
        elif node.get("type") == "SELECT_NODE":
            found = self._select_outputs(node, scope)
        elif node.get("type") == "RECURSIVE_CTE_NODE":
            found = self.outputs(node.get("left") or {}, scope) | self.outputs(node.get("right") or {}, scope)
        else:
            found = Columns()
        self._done[marker] = found
        return found

    def _select_outputs(self, node: dict, scope: dict[str, dict]) -> Columns:
        inputs = self.inputs(node, scope)
        tainted, magnitude, names = set(), set(), set()
        kept: dict[str, str | None] = {}  # output name -> the input column it passes on as it is
        star = False
        for expr in node.get("select_list") or []:
            if expr.get("class") == "STAR":
                star = True
                tainted |= inputs.tainted
                magnitude |= inputs.magnitude
                names |= inputs.names
                continue
            name = _output_name(expr)
            names.add(name)
            used = _names_in(expr)
            if used & inputs.tainted or _has_condition(expr, inputs, self._aggregates):
                tainted.add(name)
            if used & inputs.magnitude:
                magnitude.add(name)
            passed = plain_column_name(expr)
            kept[name] = passed if kept.get(name, passed) == passed else None
        if star:
            for name in inputs.names:
                kept[name] = name if kept.get(name, name) == name else None
        if aggregating(node, self._aggregates):
            kept = {}  # an aggregate of no rows is NULL, and keys say nothing of the values
        facts = {name: column for name, column in kept.items() if column is not None}
        return Columns(frozenset(tainted), frozenset(magnitude), inputs.booleans, frozenset(names),
                       frozenset(n for n, c in facts.items() if c in inputs.dense),
                       frozenset(n for n, c in facts.items() if c in inputs.unsigned),
                       frozenset((n, inputs.largest_of(c)) for n, c in facts.items()
                                 if inputs.largest_of(c) is not None))


def _table_columns(table: GrantedTable) -> Columns:
    names = [c.lower() for c in table.columns]
    numeric = {c.lower() for c, t in zip(table.columns, table.types) if is_numeric(t)}
    sparse = set(names) if table.sparse_columns is None else table.sparse_columns
    signed = numeric if table.signed_columns is None else table.signed_columns
    return Columns(magnitude=frozenset(c.lower() for c in table.policy.magnitude_columns),
                   booleans=frozenset(c.lower() for c, t in zip(table.columns, table.types) if t == "BOOLEAN"),
                   names=frozenset(names), dense=frozenset(n for n in names if n not in sparse),
                   unsigned=frozenset(n for n in numeric if n not in signed),
                   largest=frozenset(table.largest))


def aggregating(node: dict, aggregates: frozenset[str]) -> bool:
    """Whether a SELECT node groups or aggregates its rows (DISTINCT aside)."""
    if node.get("group_expressions") or node.get("group_sets"):
        return True
    return bool(aggregate_calls(node, aggregates))


def plain_column_name(expr: dict) -> str | None:
    """The column an expression is, as it is (maybe cast), lower-cased; None otherwise."""
    if expr.get("class") == "CAST" and not expr.get("try_cast"):
        expr = expr.get("child") or {}
    if expr.get("class") == "COLUMN_REF":
        return column_name(expr)
    return None


def with_ctes(node: dict, scope: dict[str, dict]) -> dict[str, dict]:
    entries = cte_entries(node)
    if not entries:
        return scope
    scope = dict(scope)
    for name, definition in entries:
        scope[name.lower()] = definition.get("query_node") or {}
    return scope


def _output_name(expr: dict) -> str:
    if expr.get("alias"):
        return expr["alias"].lower()
    if expr.get("class") == "COLUMN_REF":
        return column_name(expr)
    return ""


def _names_in(expr: dict) -> set[str]:
    return {column_name(d) for d in all_dicts(expr) if d.get("class") == "COLUMN_REF"}


def _has_condition(expr: dict, inputs: Columns, aggregates: frozenset[str]) -> bool:
    """Whether a derived column's value is chosen by a condition (or cannot be read).
    Window functions are left to the shape checks, which refuse them below the outermost
    query."""
    if expr.get("class") == "WINDOW":
        return False
    if expr.get("class") == "FUNCTION" and expr.get("function_name", "").lower() in aggregates:
        try:
            use = read_use(expr, "", inputs.tainted, inputs.booleans)
        except Unprovable:
            return True
        return bool(use.conditions)
    reader = _Reader(frozenset(), inputs.booleans)
    try:
        reader.value(expr)
    except Unprovable:
        return True
    return bool(reader.conditions)
