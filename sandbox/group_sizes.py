"""Counting the people behind every output row, by amending the query itself.

The small-group rule needs, for each output row, how many different people it
describes. Rather than re-run a second query, the checker adds one column,
`__dg_people`, to the query's outermost aggregation and runs the amended query
once. To count people it carries a *person key* up from each granted table:

- a granted table contributes `alias.rowid` when every row is a different
  person, else `alias.<people_column>`;
- a filtering/projecting derived table or CTE passes its keys up as extra
  columns (`__dg_kN`), excluded from any `*` that would show them;
- an aggregating (or DISTINCT) derived table passes up the *list* of distinct
  keys of each group, so a later aggregation can count the union exactly;
- a UNION ALL passes up keys aligned column by column.

Carried columns are only added if the final count uses them: the common case,
one granted table whose rows are each a different person, read directly or
through filtering CTEs, is counted with a plain row count (`count(*)`, or
`sum(1)` where that is cheaper) and costs nothing else.

The outermost node then gets
- if it aggregates: its row count when its single input has one row per person,
  else `count(DISTINCT key)` (or the size of the union of key lists), the
  least over all keys when several tables are joined;
- if it does not aggregate but reads only aggregated inputs (e.g. a CTE with
  GROUP BY, filtered or joined): the size of each input group's key list;
- if it does not aggregate and reads records: RecordLevel.

Beside the people count, the outermost node gets the checks of its aggregates
(row_checks.py: conditions, contributors, dominance), and an aggregating derived table
passes up *floors*: how many people its own aggregates rest on where fewer than its group
(`always`, held wherever the value goes) and where a sum is dominated (`exposed`, held
where a reader shows its rows one by one or picks one with min/max).

Shapes this cannot follow (DISTINCT ON, UNION without ALL over people data,
recursive CTEs over people data, COLUMNS(...) over carried keys, window
functions below the outermost query, PIVOT...)
raise ShapeUnsupported; the caller refuses them with a message.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from sandbox.contributions import (AggregateUse, ColumnClasses, Unprovable, aggregate_calls,
                                   distinct_conditions, fill, read_use)
from sandbox.row_checks import PEOPLE_COLUMN, CheckSql, check_column
from sandbox.syntax import column_name, cte_entries, expression, own_expressions
from sandbox.tables import GrantedTable, quote_ident

_NO_PEOPLE = "CAST(9223372036854775807 AS BIGINT)"


class ShapeUnsupported(Exception):
    """The query's shape is one the group-size rewrite cannot follow."""


class RecordLevel(Exception):
    """The outermost query lists records instead of aggregating them."""


@dataclass(frozen=True)
class Key:
    """A person key as seen from the node that reads it.

    sql: expression valid in that node; is_list: a list of distinct keys (one
    group) rather than one key; one_per_row: each row has a different key;
    qualifier/column: the FROM item and the carried column (None for a table's
    own rowid or people column), used to hide carried columns from `*`.
    """

    sql: str
    is_list: bool
    one_per_row: bool
    qualifier: str
    column: str | None = None
    requires: frozenset[str] = frozenset()
    role: str = "key"  # key | always | exposed: a person key, or a floor (see the module doc)
    subject: str = ""  # a floor's aggregate, as written


@dataclass(frozen=True)
class _Carried:
    name: str
    is_list: bool
    one_per_row: bool
    requires: frozenset[str]
    role: str = "key"
    subject: str = ""


@dataclass
class _Cte:
    definition: dict
    scope: dict


class GroupSizeRewriter:
    """Amends a query tree in place so its last column counts people per row."""

    def __init__(self, tables: dict[str, GrantedTable], aggregate_names: frozenset[str],
                 sql: str = "", dominance: tuple[int, float] | None = None, exact_dominance: bool = False):
        self._tables = tables
        self._aggregates = aggregate_names
        self._classes = ColumnClasses(tables, aggregate_names)
        self._sql = sql
        self.checks = CheckSql(dominance, exact_dominance)
        self._row_checks: dict[int, dict[int, str]] = {}  # id(output node) -> check -> SQL
        self._outputs: list[dict] = []
        self._counter = 0
        self._cte_done: dict[int, list[_Carried]] = {}
        self._cte_busy: set[int] = set()
        # Carried columns are added only if the final count needs them (a plain
        # count(*) does not), together with their exclusion from `*`.
        self._pending: dict[str, tuple[dict, str]] = {}
        self._exclusions: list[tuple[dict, str]] = []
        self.dedupe = False  # DISTINCT on an aggregated output: dedupe after dropping the count

    # -- the outermost node -------------------------------------------------

    def rewrite(self, tree: dict) -> bool:
        """Append the people column (and the checks of its aggregates) to the output; False
        if no people data is read."""
        scope = self._scope_with(tree, {})
        if tree.get("type") == "SET_OPERATION_NODE":
            has_people = self._rewrite_output_union(tree, scope)
        elif tree.get("type") != "SELECT_NODE":
            if self._reads_tables(tree, scope):
                raise ShapeUnsupported("a recursive query over the tables cannot be checked")
            has_people = False
        else:
            has_people = self._rewrite_output_select(tree, scope)
        self._append_checks()
        self._apply_exclusions()
        return has_people

    def _rewrite_output_union(self, node: dict, scope: dict) -> bool:
        children = node.get("children") or []
        if not self._reads_tables(node, scope):
            return False
        if node.get("setop_type") != "UNION" or not node.get("setop_all"):
            raise ShapeUnsupported(
                f"{node.get('setop_type')} without ALL over the tables cannot be checked; use UNION ALL")
        had = [self._rewrite_output_select(child, scope, in_union=True)
               if child.get("type") == "SELECT_NODE" else self._unsupported_child(child, scope)
               for child in children]
        if _drops_rows(node) and any(_has_window(child) for child in children
                                     if child.get("type") == "SELECT_NODE"):
            # the cut rows are not checked, yet a window in a branch may have carried their
            # values into kept rows
            raise ShapeUnsupported("with window functions over the tables in a UNION ALL, the UNION "
                                   "may not use LIMIT or OFFSET: every row a window reads must be checked")
        for child, has in zip(children, had):
            if not has:
                self._append_output(child, _NO_PEOPLE)
        return True

    def _unsupported_child(self, child: dict, scope: dict) -> bool:
        if self._reads_tables(child, scope):
            raise ShapeUnsupported("nested set operations over the tables cannot be checked")
        self._append_to_set(child)
        return True

    def _append_to_set(self, node: dict) -> None:
        for child in node.get("children") or []:
            if child.get("type") == "SELECT_NODE":
                self._append_output(child, _NO_PEOPLE)
            else:
                self._append_to_set(child)

    def _rewrite_output_select(self, node: dict, scope: dict, in_union: bool = False) -> bool:
        scope = self._scope_with(node, scope)
        keys = self._keys_of_ref(node.get("from_table"), scope)
        if not keys:
            return False
        people = [k for k in keys if k.role == "key"]
        floors = [k for k in keys if k.role != "key"]
        aggregating = self._prepare_aggregation(node)
        if aggregating:
            if _distinct(node) is not None:
                if in_union:
                    # the DISTINCT is applied after the count column is dropped, to the whole
                    # result, which would also merge rows of the other branches
                    raise ShapeUnsupported("SELECT DISTINCT with aggregates cannot be a branch of a "
                                           "UNION ALL; group by the selected columns instead")
                self.dedupe = True
            if _row_per_person(people):
                parts = [_count_rows(node)]
            else:
                parts = [_count_people(k) for k in people]
                self._realize(people)
        else:
            if any(not k.is_list for k in people):
                raise RecordLevel()
            parts = [f"coalesce(len({k.sql}), 0)" for k in people]
            self._realize(people)
        if _has_window(node) and (node.get("qualify") or _drops_rows(node)):
            raise ShapeUnsupported("with window functions over the tables, the outermost query may not use "
                                   "QUALIFY, LIMIT or OFFSET: every row a window reads must be checked")
        self._realize(floors)
        checks = self._output_checks(node, scope, people, floors, aggregating)
        self._append_output(node, _least(parts))
        self._row_checks[id(node)] = checks
        self._hide_from_stars(node, keys)
        return True

    def _output_checks(self, node: dict, scope: dict, people: list[Key], floors: list[Key],
                       aggregating: bool) -> dict[int, str]:
        """The checks of an output node's rows (row_checks.py): check index -> SQL."""
        sql = self.checks
        checks: dict[int, str] = {}
        for floor in floors:
            if aggregating and floor.role == "always":
                checks[sql.new_check("derived", floor.subject)] = f"min({floor.sql})"
            elif not aggregating:
                checks[sql.new_check("derived", floor.subject)] = floor.sql
        uses = self._uses(node, scope) if aggregating else []
        for use in uses:
            if use.kind == "pick" and use.values and any(k.is_list for k in people):
                checks[sql.new_check("derived", use.text)] = self._picked_floor(use, people, floors)
        conditions = _checked(distinct_conditions, uses)
        if conditions:
            if _row_per_person(people) and len(conditions) <= 3:
                cells = [sql.smallest_cell_by_rows(conditions, _count_rows(node))]
            else:
                cells = [_smallest_cell(k, sql.mask(conditions)) for k in people]
            subject = ", ".join(dict.fromkeys(u.text for u in uses if u.conditions))
            checks[sql.new_check("conditions", subject)] = _least(cells)
        columns = self._classes.inputs(node, _cte_nodes(scope))
        seen: set[str] = set()
        for use in uses:
            counted = self._holders(use, people, columns)
            if counted is not None:
                kind = "contributors_nonzero" if use.kind in ("sum", "moment") else "contributors"
                checks[sql.new_check(kind, use.text)] = f"nullif({counted}, 0)"
            dominated = self._dominance(use, columns)
            if dominated is not None and use.text not in seen:
                seen.add(use.text)
                checks[sql.new_check("dominance", use.text)] = dominated
        return checks

    def _holders(self, use: AggregateUse, people: list[Key], columns) -> str | None:
        """The people with a value for the aggregate, as SQL; None where that needs no check."""
        where = self.checks.contributor_condition(use, columns)
        if where is None:
            return None
        if _row_per_person(people):
            cheap = self.checks.counted_values(use)
            if cheap is not None:
                return cheap
        return _least([_count_people(k, where) for k in people])

    def _dominance(self, use: AggregateUse, columns) -> str | None:
        if not any(column_name(leaf) in columns.magnitude for leaf in use.leaves):
            return None
        return self.checks.dominance_sql(use, columns, self.checks.exact_dominance)

    def _picked_floor(self, use: AggregateUse, people: list[Key], floors: list[Key]) -> str:
        """min/max/median pick one input row's value: when the rows are groups of a derived
        table, each must be a group of enough people whose sums are not dominated."""
        value = self.checks.placeholder(use.values[0])
        parts = [f"coalesce(len({k.sql}), 0)" for k in people if k.is_list]
        parts += [f.sql for f in floors if f.role == "exposed"]
        return f"min({_least(parts)}) FILTER (WHERE {value} IS NOT NULL)"

    def _uses(self, node: dict, scope: dict) -> list[AggregateUse]:
        columns = self._classes.inputs(node, _cte_nodes(scope))
        calls = aggregate_calls(node, self._aggregates)
        return [_checked(read_use, call, self._sql, columns.tainted, columns.booleans) for call in calls]

    def _inner_floors(self, node: dict, scope: dict, keys: list[Key]) -> list[tuple[str, str, str]]:
        """The floors an aggregating derived table passes up: (role, SQL, aggregate) each."""
        people = [k for k in keys if k.role == "key"]
        columns = self._classes.inputs(node, _cte_nodes(scope))
        floors: list[tuple[str, str, str]] = []
        for use in self._uses(node, scope):
            if use.conditions:
                raise ShapeUnsupported("conditions inside an aggregate are checked only in the outermost "
                                       "query; move the aggregate there, or the condition into WHERE")
            counted = self._holders(use, people, columns)
            if counted is not None:
                # held only where the holders are fewer than the group: a group's own size is
                # checked where its row is shown or picked
                group = _least([_count_people(k) for k in people])
                floors.append(("always", f"nullif(nullif({counted}, {group}), 0)", use.text))
            dominated = self._dominance(use, columns)
            if dominated is not None:
                floors.append(("exposed", dominated, use.text))
            if use.kind == "pick" and use.values and any(k.is_list for k in people):
                below = [k for k in keys if k.role != "key"]
                floors.append(("always", self._picked_floor(use, people, below), use.text))
        floors += [("always", f"min({k.sql})", k.subject) for k in keys if k.role == "always"]
        return floors

    # -- relations and the keys they carry -------------------------------------

    def _keys_of_ref(self, ref: dict | None, scope: dict) -> list[Key]:
        if not ref:
            return []
        kind = ref.get("type")
        if kind == "BASE_TABLE":
            return self._keys_of_table(ref, scope)
        if kind == "JOIN":
            keys = self._keys_of_ref(ref.get("left"), scope) + self._keys_of_ref(ref.get("right"), scope)
            if keys and ref.get("alias"):
                raise ShapeUnsupported("an aliased join over the tables cannot be checked; drop the alias")
            return [replace(k, one_per_row=False) for k in keys]
        if kind == "SUBQUERY":
            node = ref["subquery"]["node"]
            width = _width(node)
            carried = self._carried_by_node(node, scope)
            if not carried:
                return []
            _check_aliases(ref.get("column_name_alias"), width)
            if not ref.get("alias"):
                ref["alias"] = self._new_name("__dg_s")
            return [self._key_from(ref["alias"], c) for c in carried]
        if kind in ("TABLE_FUNCTION", "EXPRESSION_LIST", "EMPTY"):
            return []
        if self._reads_tables(ref, scope):
            raise ShapeUnsupported(f"a {kind} over the tables cannot be checked")
        return []

    def _keys_of_table(self, ref: dict, scope: dict) -> list[Key]:
        name = ref["table_name"].lower()
        qualifier = ref.get("alias") or ref["table_name"]
        if name in scope:
            return [self._key_from(qualifier, c) for c in self._carried_by_cte(scope[name])]
        table = self._tables[name]
        q = quote_ident(qualifier)
        if table.rows_are_people:
            return [Key(f"{q}.rowid", False, True, qualifier)]
        column = _renamed(table, ref, table.policy.people_column)
        return [Key(f"{q}.{quote_ident(column)}", False, False, qualifier)]

    def _key_from(self, qualifier: str, carried: _Carried) -> Key:
        sql = f"{quote_ident(qualifier)}.{quote_ident(carried.name)}"
        return Key(sql, carried.is_list, carried.one_per_row, qualifier, carried.name, carried.requires,
                   carried.role, carried.subject)

    def _carried_by_cte(self, cte: _Cte) -> list[_Carried]:
        marker = id(cte.definition)
        if marker in self._cte_done:
            return self._cte_done[marker]
        if marker in self._cte_busy:
            return []  # a recursive self-reference; its anchor decides
        self._cte_busy.add(marker)
        try:
            width = _width(cte.definition["query_node"])
            carried = self._carried_by_node(cte.definition["query_node"], cte.scope)
        finally:
            self._cte_busy.discard(marker)
        if carried:
            _check_aliases(cte.definition.get("aliases"), width)
        self._cte_done[marker] = carried
        return carried

    def _carried_by_node(self, node: dict, scope: dict) -> list[_Carried]:
        scope = self._scope_with(node, scope)
        kind = node.get("type")
        if kind == "SET_OPERATION_NODE":
            return self._carried_by_union(node, scope)
        if kind != "SELECT_NODE":
            if self._reads_tables(node, scope):
                raise ShapeUnsupported("a recursive CTE over the tables cannot be checked")
            return []
        keys = self._keys_of_ref(node.get("from_table"), scope)
        if not keys:
            return []
        if _has_window(node):
            raise ShapeUnsupported("window functions over the tables are allowed only in the outermost query, "
                                   "where every row they read is checked")
        carried = []
        if self._prepare_aggregation(node):
            for k in keys:
                if k.role != "key":
                    continue
                name = self._new_name("__dg_k")
                expr = f"list_distinct(flatten(list({k.sql})))" if k.is_list else f"list(DISTINCT {k.sql})"
                self._pending[name] = (node, expr)
                carried.append(_Carried(name, True, False, k.requires | {name}))
            below = frozenset().union(*(k.requires for k in keys))
            for role, expr, subject in self._inner_floors(node, scope, keys):
                name = self._new_name("__dg_k")
                self._pending[name] = (node, expr)
                carried.append(_Carried(name, False, False, below | {name}, role, subject))
        else:
            multiplies = _has_unnest(node)
            for k in keys:
                name = self._new_name("__dg_k")
                self._pending[name] = (node, k.sql)
                carried.append(_Carried(name, k.is_list, k.one_per_row and not multiplies,
                                        k.requires | {name}, k.role, k.subject))
        self._hide_from_stars(node, keys)
        return carried

    def _carried_by_union(self, node: dict, scope: dict) -> list[_Carried]:
        children = node.get("children") or []
        carried = [self._carried_by_node(child, scope) for child in children]
        if not any(carried):
            return []
        if node.get("setop_type") != "UNION" or not node.get("setop_all"):
            raise ShapeUnsupported(
                f"{node.get('setop_type')} without ALL over the tables cannot be checked; use UNION ALL")
        shapes = {tuple((c.is_list, c.role) for c in part) for part in carried}
        if len(shapes) != 1:
            raise ShapeUnsupported("the parts of this UNION ALL read the tables differently")
        return [_Carried(c.name, c.is_list, False, frozenset().union(*(part[i].requires for part in carried)),
                         c.role, c.subject)
                for i, c in enumerate(carried[0])]

    # -- helpers -------------------------------------------------------------

    def _prepare_aggregation(self, node: dict) -> bool:
        """True if the node aggregates; a plain DISTINCT becomes GROUP BY ALL."""
        distinct = _distinct(node)
        if distinct is not None and distinct.get("distinct_on_targets"):
            raise ShapeUnsupported("DISTINCT ON over the tables cannot be checked; use GROUP BY")
        if self._aggregates_in(node):
            return True
        if distinct is not None:
            if any(e.get("class") == "WINDOW" for e in own_expressions(node)):
                raise ShapeUnsupported("DISTINCT with window functions cannot be checked")
            node["modifiers"] = [m for m in node["modifiers"] if m is not distinct]
            node["aggregate_handling"] = "FORCE_AGGREGATES"
            return True
        return False

    def _aggregates_in(self, node: dict) -> bool:
        if node.get("group_expressions") or node.get("group_sets"):
            return True
        if node.get("aggregate_handling") == "FORCE_AGGREGATES":
            return True
        for part in ("select_list", "having"):
            for expr in own_expressions({part: node.get(part)}):
                if expr.get("class") == "FUNCTION" and expr.get("function_name", "").lower() in self._aggregates:
                    return True
        return False

    def _hide_from_stars(self, node: dict, keys: list[Key]) -> None:
        carried = [k for k in keys if k.column]
        if not carried:
            return
        for star in own_expressions({"select_list": node.get("select_list")}):
            if star.get("class") != "STAR":
                continue
            relation = (star.get("relation_name") or "").lower()
            for k in carried:
                if not relation or k.qualifier.lower() == relation:
                    self._exclusions.append((star, k.column))

    def _realize(self, keys: list[Key]) -> None:
        """Add the carried columns these keys need to the nodes that carry them."""
        for name in sorted(set().union(*(k.requires for k in keys)), key=lambda n: int(n[len("__dg_k"):])):
            if name in self._pending:
                node, sql_expr = self._pending.pop(name)
                self._append(node, sql_expr, name)

    def _apply_exclusions(self) -> None:
        """Keep every added carried column out of each `*` that would show it."""
        for star, name in self._exclusions:
            if name in self._pending:
                continue  # never added
            if star.get("columns"):
                raise ShapeUnsupported("COLUMNS(...) over a derived table cannot be checked; name the columns")
            star["exclude_list"] = list(star.get("exclude_list") or []) + [name]

    def _append(self, node: dict, sql_expr: str, alias: str) -> None:
        node["select_list"].append(fill(expression(sql_expr, alias), self.checks.parts))

    def _append_output(self, node: dict, people_sql: str) -> None:
        self._append(node, people_sql, PEOPLE_COLUMN)
        self._row_checks.setdefault(id(node), {})
        self._outputs.append(node)

    def _append_checks(self) -> None:
        """Every output node (each branch of an outermost UNION ALL) gets every check column,
        NULL where the check is another branch's."""
        for node in self._outputs:
            own = self._row_checks.get(id(node), {})
            for index in range(len(self.checks.checks)):
                self._append(node, own.get(index, "CAST(NULL AS BIGINT)"), check_column(index))

    def _new_name(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def _scope_with(self, node: dict, scope: dict) -> dict:
        """The CTEs visible inside `node`: each body sees the earlier ones (and
        itself only if recursive), as DuckDB scopes them."""
        scope = dict(scope)
        for name, definition in cte_entries(node):
            cte = _Cte(definition, dict(scope))
            if (definition.get("query_node") or {}).get("type") == "RECURSIVE_CTE_NODE":
                cte.scope[name.lower()] = cte
            scope[name.lower()] = cte
        return scope

    def _reads_tables(self, obj: object, scope: dict, seen: frozenset[int] = frozenset()) -> bool:
        """Whether anything below reads a granted table, directly or through a CTE."""
        stack = [obj]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if item.get("type") == "BASE_TABLE" and "class" not in item:
                    name = item.get("table_name", "").lower()
                    cte = scope.get(name)
                    if cte is None and name in self._tables:
                        return True
                    if cte is not None and id(cte) not in seen and self._reads_tables(
                            cte.definition, cte.scope, seen | {id(cte)}):
                        return True
                if "cte_map" in item and item is not obj:
                    if self._reads_tables(item, self._scope_with(item, scope), seen):
                        return True
                    continue
                stack.extend(item.values())
        return False


def _width(node: dict) -> int | None:
    """How many columns a query node returns, if that is plain from its tree."""
    while node.get("type") == "SET_OPERATION_NODE" and node.get("children"):
        node = node["children"][0]
    items = node.get("select_list") or []
    if node.get("type") != "SELECT_NODE" or any(
            e.get("class") == "STAR" or (e.get("class") == "FUNCTION" and e.get("function_name") == "unnest")
            for e in items):
        return None
    return len(items)


def _check_aliases(aliases: list | None, width: int | None) -> None:
    """Column alias lists may rename only the query's own columns, never the carried keys."""
    if aliases and (width is None or len(aliases) > width):
        raise ShapeUnsupported("a column alias list on a subquery or CTE over the tables cannot be checked "
                               "when its columns come from * or unnest; name the columns inside it")


def _count_rows(node: dict) -> str:
    """The number of rows in each group, computed as cheaply as DuckDB allows.

    If the node already has a plain count(*), DuckDB computes the two as one. Otherwise
    sum(1): beside avg(x), a count(*) leads DuckDB's optimizer to compute avg(x) as
    sum(x) / count(*), which is slower (bench/bench_sandbox.py, "filtered CTE"); sum(1)
    changes no other aggregate. Over no rows sum(1) is NULL where
    count(*) is 0, and row_checks.with_checks counts NULL as 0.
    """
    for expr in own_expressions(node):
        if (expr.get("class") == "FUNCTION" and expr.get("function_name", "").lower() == "count_star"
                and not expr.get("filter") and not expr.get("distinct")):
            return "count(*)"
    return "sum(1)"


def _count_people(key: Key, condition: str | None = None) -> str:
    """People of a group (where `condition` holds, if given), as SQL."""
    where = f" FILTER (WHERE {condition})" if condition else ""
    if key.is_list:
        return f"coalesce(len(list_distinct(flatten(list({key.sql}){where}))), 0)"
    if key.one_per_row:
        return f"count(*){where}"
    return f"count(DISTINCT {key.sql}){where}"


def _smallest_cell(key: Key, mask: str) -> str:
    """The fewest people in any non-empty cell of a group split by `mask` (a cell number)."""
    if key.is_list:
        pairs = f"list_distinct(flatten(list(list_transform({key.sql}, lambda p: {{'m': {mask}, 'p': p}}))))"
    elif key.one_per_row:
        return f"list_min(map_values(histogram({mask})))"
    else:
        pairs = f"list_distinct(list({{'m': {mask}, 'p': {key.sql}}}))"
    return f"list_min(map_values(list_aggregate(list_transform({pairs}, lambda e: e.m), 'histogram')))"


def _row_per_person(people: list[Key]) -> bool:
    """Whether each row of a group is a different person (one key, one person a row)."""
    return len(people) == 1 and people[0].one_per_row and not people[0].is_list


def _least(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"least({', '.join(parts)})"


def _checked(read, *args):
    """A reading of the aggregates; what cannot be read is a shape the checks refuse (the
    static checks name it first, so this is defence in depth)."""
    try:
        return read(*args)
    except Unprovable as exc:
        raise ShapeUnsupported(str(exc)) from None


def _cte_nodes(scope: dict) -> dict[str, dict]:
    return {name: cte.definition.get("query_node") or {} for name, cte in scope.items()}


def _has_window(node: dict) -> bool:
    return any(e.get("class") == "WINDOW" for e in own_expressions(node))


def _drops_rows(node: dict) -> bool:
    return any(m.get("type") == "LIMIT_MODIFIER" or m.get("type") == "LIMIT_PERCENT_MODIFIER"
               for m in node.get("modifiers") or [])


def _distinct(node: dict) -> dict | None:
    for modifier in node.get("modifiers") or []:
        if modifier.get("type") == "DISTINCT_MODIFIER":
            return modifier
    return None


def _has_unnest(node: dict) -> bool:
    return any(
        e.get("class") == "FUNCTION" and e.get("function_name", "").lower() in ("unnest", "unlist")
        for e in own_expressions({"select_list": node.get("select_list")})
    )


def _renamed(table: GrantedTable, ref: dict, column: str) -> str:
    """The name a table column has under the reference's column alias list."""
    aliases = ref.get("column_name_alias") or []
    for position, original in enumerate(table.columns):
        if original.lower() == column.lower():
            return aliases[position] if position < len(aliases) else original
    return column
