"""The per-row checks on aggregates, as SQL the rewritten query computes beside its output.

group_sizes.py appends the people count of each output row; this module builds the other
counts the output checks hold every row to (contributions.py says why):

- conditions: the fewest people in any non-empty cell of the row's group split by the
  conditions of its aggregates;
- contributors: the people with a value for each aggregate (0 allowed);
- dominance: 0 where the largest values of a sum or average of amounts dominate it;
- derived: aggregates of a subquery or CTE read by the row, held to the same rules.

Each check is a column `__dg_cN` holding a number of people (NULL: nothing to hold) that
must reach the threshold; `with_checks` makes DuckDB stop at the first row that fails one,
naming the check, so no count ever leaves DuckDB.
"""
from __future__ import annotations

import dataclasses
import itertools
import re

from sandbox.contributions import SUMS, AggregateUse, Columns, plain_column_name
from sandbox.syntax import around

PEOPLE_COLUMN = "__dg_people"
SMALL_GROUP_ERROR = "__dg_small_group"
CHECK_ERROR = "__dg_check_"
RECHECK_ERROR = "__dg_recheck"  # a dominance check the quick bounds could not settle
_FAILED_CHECK = re.compile(re.escape(CHECK_ERROR) + r"(\d+)")


@dataclasses.dataclass(frozen=True)
class RowCheck:
    """One check column: what it holds (`kind`) and of which aggregates (`subject`)."""

    kind: str  # conditions | contributors | dominance | derived
    subject: str

    def failure(self, threshold: int, dominance: tuple[int, float] | None) -> tuple[str, str]:
        if self.kind == "dominance":
            n, k = dominance or (0, 0.0)
            return ("dominance", f"{self.subject}: in at least one output row the {_largest(n)} "
                    f"make up more than {k:g}% of the total (the dominance rule), so the result would "
                    "disclose them. Group more widely, or leave such groups out.")
        if self.kind == "conditions":
            return ("contributors", f"The conditions in {self.subject} split at least one output row's "
                    f"group into a part of fewer than {threshold} people (counting where each "
                    "condition holds and where it does not), so these aggregates could single them "
                    "out. Use conditions that hold for none or at least "
                    f"{threshold} people of every group, or filter with WHERE instead.")
        if self.kind == "derived":
            return ("contributors", f"{self.subject or 'An aggregate'}: a value an aggregate computes in a "
                    f"subquery or CTE rests there on fewer than {threshold} people, or on one or two "
                    f"dominant values. Keep only groups of at least {threshold} people in it "
                    f"(HAVING count(*) >= {threshold}).")
        return ("contributors", f"{self.subject} rests on fewer than {threshold} people in at least "
                "one output row: only they have a value (not null" +
                (", not zero" if "nonzero" in self.kind else "") + ") in that group. Make the groups "
                "larger, or leave the value out.")


def _largest(n: int) -> str:
    return "largest value" if n == 1 else f"{n} largest values"


class CheckSql:
    """SQL of the checks of one query, with the researcher's own expressions as placeholders
    (`__dg_xN`) that group_sizes fills with copies of their trees."""

    def __init__(self, dominance: tuple[int, float] | None, exact_dominance: bool = False):
        self.dominance = dominance
        self.exact_dominance = exact_dominance
        self.checks: list[RowCheck] = []
        self.parts: dict[str, dict] = {}

    def placeholder(self, tree: dict) -> str:
        name = f"__dg_x{len(self.parts)}"
        self.parts[name] = tree
        return name

    def new_check(self, kind: str, subject: str) -> int:
        self.checks.append(RowCheck(kind, subject))
        return len(self.checks) - 1

    def contributor_condition(self, use: AggregateUse, columns: Columns) -> str | None:
        """Where a row has a value for the aggregate (with its FILTER); None if every row of
        its group (or of its FILTER's cell, which the conditions check holds) has one: the
        values are columns known to hold no NULL and no zero, or there are none (count(*))."""
        if use.kind == "condition" or not use.values or self.dense(use, columns):
            return None
        parts = [f"{self.placeholder(v)} IS NOT NULL" for v in use.values]
        if use.kind in ("sum", "moment"):
            value = use.values[0]
            if plain_column_name(value):  # a column a sum takes is a number
                parts.append(f"{self.placeholder(value)} <> 0")
            else:
                parts.append(f"coalesce(try_cast({self.placeholder(value)} AS DOUBLE) <> 0, true)")
        if use.call.get("filter"):
            parts.append(f"coalesce({self.placeholder(use.call['filter'])}, false)")
        return " AND ".join(parts)

    def counted_values(self, use: AggregateUse) -> str | None:
        """For a table whose rows are each a person: the aggregate's holders as one cheap
        count, where its value is a column (None otherwise)."""
        if len(use.values) != 1 or not plain_column_name(use.values[0]):
            return None
        value = self.placeholder(use.values[0])
        counted = f"count(nullif({value}, 0))" if use.kind in ("sum", "moment") else f"count({value})"
        return counted + self._filter(use)

    def _filter(self, use: AggregateUse) -> str:
        """The aggregate's own FILTER (WHERE ...) for a check of it, or nothing."""
        if not use.call.get("filter"):
            return ""
        return f" FILTER (WHERE coalesce({self.placeholder(use.call['filter'])}, false))"

    @staticmethod
    def dense(use: AggregateUse, columns: Columns) -> bool:
        return all(plain_column_name(v) in columns.dense for v in use.values)

    def dominance_sql(self, use: AggregateUse, columns: Columns, exact: bool) -> str | None:
        """0 where the use's largest values dominate its total, NULL elsewhere. Unless
        `exact`, from the largest value and the total alone, which settle all but groups of
        a few large values: those stop the query with RECHECK_ERROR, and the caller runs it
        again with the n largest values computed (max(x, n), costlier)."""
        if self.dominance is None or use.kind != "sum" or not use.values:
            return None
        n, k = self.dominance
        value = self.placeholder(use.values[0])
        if plain_column_name(use.values[0]) not in columns.unsigned:
            value = f"abs({value})"
        where = self._filter(use)
        quick = None if exact else self._quick_dominance(use, columns, n, k)
        if quick is not None:
            return quick
        share = f"{k / 100.0!r} * sum({value}){where}"
        if exact:
            return f"CASE WHEN list_sum(max({value}, {int(n)}){where}) > {share} THEN 0 END"
        largest = f"max({value}){where}"
        if n == 1:
            return f"CASE WHEN {largest} > {share} THEN 0 END"
        return (f"CASE WHEN {largest} IS NULL THEN NULL WHEN {largest} > {share} THEN 0 "
                f"WHEN {int(n)} * {largest} <= {share} THEN NULL ELSE error('{RECHECK_ERROR}') END")

    def _quick_dominance(self, use: AggregateUse, columns: Columns, n: int, k: float) -> str | None:
        """For a column whose largest absolute value is known, when the aggregate itself gives
        its total: the n largest values are at most n times that value, and the total of
        absolute values at least the absolute total, so a total past n times the largest,
        over k percent, needs no other aggregate (DuckDB computes the call once). The rest
        run again with the exact check."""
        column = plain_column_name(use.values[0])
        largest = columns.largest_of(column)
        if largest is None or use.call.get("filter") or use.call.get("distinct"):
            return None
        total = self.placeholder(use.call)
        if use.name not in SUMS:
            # an average: times the rows that have a value (all of them, for a dense column; sum(1)
            # as group_sizes._count_rows says, since beside avg a count(*) slows DuckDB down)
            counted = "sum(1)" if column in columns.dense else f"count({self.placeholder(use.values[0])})"
            total = f"{total} * {counted}"
        return (f"CASE WHEN {n * largest!r} <= {k / 100.0!r} * abs({total}) THEN NULL "
                f"ELSE error('{RECHECK_ERROR}') END")

    def mask(self, conditions: list[dict]) -> str:
        """Which cell of the conditions a row is in, as one integer."""
        return " + ".join(f"(coalesce({self.placeholder(c)}, false))::INTEGER * {1 << i}"
                          for i, c in enumerate(conditions))

    def smallest_cell_by_rows(self, conditions: list[dict], rows: str) -> str:
        """Where every row is a different person: the fewest rows in a non-empty cell, from
        the rows where each set of conditions holds together (count_if, far cheaper than a
        histogram of cells) by inclusion and exclusion. `rows`: the group's row count."""
        names = [self.placeholder(c) for c in conditions]
        together: dict[frozenset[int], str] = {frozenset(): rows}
        for size in range(1, len(names) + 1):
            for subset in itertools.combinations(range(len(names)), size):
                together[frozenset(subset)] = f"count_if({' AND '.join(names[i] for i in subset)})"
        cells = []
        for held in together:  # the cell where exactly `held` hold
            terms = [("+" if (len(more) - len(held)) % 2 == 0 else "-") + f" {sql}"
                     for more, sql in together.items() if held <= more]
            cells.append(f"nullif({' '.join(terms).lstrip('+ ')}, 0)")
        return cells[0] if len(cells) == 1 else f"least({', '.join(cells)})"


def with_checks(node: dict, min_people: int, checks: int, max_rows: int) -> dict:
    """The rewritten `node` as it runs: without its check columns, at most `max_rows` rows,
    and stopped by DuckDB at the first output row whose people count, or any check column,
    is under `min_people` (a NULL people count counts as 0; a NULL check holds)."""
    k = int(min_people)
    names = [PEOPLE_COLUMN] + [check_column(i) for i in range(checks)]
    cases = [f"WHEN coalesce({PEOPLE_COLUMN}, 0) < {k} THEN error('{SMALL_GROUP_ERROR}')"]
    cases += [f"WHEN coalesce({check_column(i)}, {k}) < {k} THEN error('{CHECK_ERROR}{i}')"
              for i in range(checks)]
    return around(node, f"SELECT * EXCLUDE ({', '.join(names)}) FROM (SELECT 1) AS __dg_result "
                        f"WHERE CASE {' '.join(cases)} ELSE true END LIMIT {int(max_rows)}")


def check_column(index: int) -> str:
    return f"__dg_c{index}"


def failed_check(message: str) -> int | None:
    """Which check stopped a query (None: the people count), from DuckDB's error text."""
    found = _FAILED_CHECK.search(message)
    return int(found.group(1)) if found else None
