"""DuckDB's own syntax tree of a query, as JSON, and ways to walk it.

`json_serialize_sql` gives the parser's tree of a SELECT statement and
`json_deserialize_sql` turns a (possibly amended) tree back into SQL, so the
checks reason about exactly what DuckDB parsed, not about regular expressions.

Tree shapes used here (DuckDB 2.0):
- query nodes: dicts with "type" in QUERY_NODES and a "cte_map";
- table references: dicts with "type" in TABLE_REFS ("BASE_TABLE", "JOIN", ...);
- expressions: dicts with a "class" ("COLUMN_REF", "FUNCTION", "STAR", ...).
"""
from __future__ import annotations

import functools
import json
import threading
from typing import Callable

import duckdb

QUERY_NODES = {"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"}
TABLE_REFS = {
    "BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EXPRESSION_LIST", "EMPTY",
    "SHOW_REF", "PIVOT", "COLUMN_DATA", "DELIM_GET", "CTE",
}


class SyntaxUnsupported(Exception):
    """DuckDB could not give a tree for this statement (e.g. PIVOT, EXPLAIN)."""


class SyntaxTooDeep(Exception):
    """The statement nests deeper than its tree can be read, checked or rendered."""


def statement_tree(text: str) -> dict:
    """The query node of the single SELECT statement in json_serialize_sql's `text`."""
    try:
        tree = json.loads(text)
    except RecursionError:
        raise SyntaxTooDeep() from None
    if tree.get("error"):
        raise SyntaxUnsupported(tree.get("error_message", "cannot be serialised"))
    statements = tree["statements"]
    if len(statements) != 1:
        raise SyntaxUnsupported("expected exactly one statement")
    return statements[0]["node"]


def deserialize(parser, node: dict) -> str:
    """SQL text for a query node (DuckDB's own rendering of the tree; `parser`: see parser.py)."""
    tree = {"error": False, "statements": [{"node": node, "named_param_map": []}]}
    try:
        text = json.dumps(tree)
    except RecursionError:
        raise SyntaxTooDeep() from None
    return parser.rendered(text)


@functools.lru_cache(maxsize=1024)
def _parsed_text(sql: str) -> str:
    """DuckDB's tree of one of the checker's own SQL snippets (parsed once, cached)."""
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = duckdb.connect()  # parses only; never runs anything
        (text,) = _parser.execute("SELECT json_serialize_sql($1)", [sql]).fetchall()[0]
    return text


_parser_lock = threading.Lock()
_parser: duckdb.DuckDBPyConnection | None = None


def expression(sql_expr: str, alias: str) -> dict:
    """The tree of one SQL expression, aliased, ready to append to a select list."""
    return template(f"SELECT {sql_expr} AS {alias}")["select_list"][0]


def template(sql: str) -> dict:
    """A fresh copy of the query node of one of the checker's own snippets."""
    return json.loads(_parsed_text(sql))["statements"][0]["node"]


def around(node: dict, wrapper_sql: str) -> dict:
    """`wrapper_sql`, whose FROM is the derived table `(SELECT 1) AS __dg_result`, with
    `node` in place of `SELECT 1`."""
    wrapper = template(wrapper_sql)
    wrapper["from_table"]["subquery"]["node"] = node
    return wrapper


def with_row_cap(node: dict, max_rows: int) -> dict:
    """`SELECT * FROM (node) LIMIT max_rows`, as a tree."""
    return around(node, f"SELECT * FROM (SELECT 1) AS __dg_result LIMIT {int(max_rows)}")


def is_query_node(obj: object) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("type"), str) and obj["type"] in QUERY_NODES \
        and "cte_map" in obj


def cte_entries(node: dict) -> list[tuple[str, dict]]:
    """(name, definition) pairs of the CTEs a query node defines, in order."""
    return [(e["key"], e["value"]) for e in (node.get("cte_map") or {}).get("map", [])]


def walk_scoped(obj: object, visit: Callable[[dict, frozenset[str]], None],
                ctes: frozenset[str] = frozenset()) -> None:
    """Call visit(d, visible_cte_names) for every dict in the tree.

    CTE scoping follows DuckDB: a CTE's body sees the CTEs defined before it
    (and itself only if it is recursive); the node's body sees them all. Names
    are lower-cased.
    """
    if isinstance(obj, list):
        for item in obj:
            if isinstance(item, (dict, list)):
                walk_scoped(item, visit, ctes)
        return
    if not isinstance(obj, dict):
        return
    if is_query_node(obj):
        names: list[str] = []
        for name, definition in cte_entries(obj):
            body = definition.get("query_node") or {}
            own = {name.lower()} if body.get("type") == "RECURSIVE_CTE_NODE" else set()
            walk_scoped(definition, visit, ctes | frozenset(names) | own)
            names.append(name.lower())
        ctes = ctes | frozenset(names)
        visit(obj, ctes)
        for key, value in obj.items():
            if key != "cte_map" and isinstance(value, (dict, list)):
                walk_scoped(value, visit, ctes)
        return
    visit(obj, ctes)
    for value in obj.values():
        if isinstance(value, (dict, list)):
            walk_scoped(value, visit, ctes)


def own_expressions(node: dict) -> list[dict]:
    """Every expression that belongs to this query node itself, in tree order.

    Includes select list, WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY and join
    conditions, and subquery expressions themselves, but not the insides of
    subqueries, derived tables or CTEs (those are nodes of their own).
    """
    found: list[dict] = []
    for key, value in node.items():
        if key != "cte_map" and isinstance(value, (dict, list)):
            _expressions_in(value, found)
    return found


def _expressions_in(obj: dict | list, found: list[dict]) -> None:
    if isinstance(obj, list):
        for item in obj:
            if isinstance(item, (dict, list)):
                _expressions_in(item, found)
        return
    if "cte_map" in obj and is_query_node(obj):
        return
    if "class" in obj:
        found.append(obj)
    elif obj.get("type") == "SUBQUERY" and "subquery" in obj:
        return  # a derived table: its node is separate
    for key, value in obj.items():
        if key != "subquery" and isinstance(value, (dict, list)):
            _expressions_in(value, found)


def arguments(call: dict) -> list[dict]:
    """The argument expressions of a function call."""
    return [a.get("expression") or {} for a in call.get("arguments") or []]


def column_name(ref: dict) -> str:
    """The column a COLUMN_REF names (its last part), lower-cased."""
    return (ref.get("column_names") or [""])[-1].lower()


def from_leaves(ref: dict | None) -> list[dict]:
    """The table references a FROM clause joins together (JOINs flattened)."""
    if not ref:
        return []
    if ref.get("type") == "JOIN":
        return from_leaves(ref.get("left")) + from_leaves(ref.get("right"))
    return [ref]


def all_dicts(obj: object) -> list[dict]:
    """Every dict anywhere in the tree, parents before children."""
    found: list[dict] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            values = [v for v in item.values() if isinstance(v, (dict, list))]
        elif isinstance(item, list):
            values = [v for v in item if isinstance(v, (dict, list))]
        else:
            continue
        values.reverse()
        stack.extend(values)
    return found
