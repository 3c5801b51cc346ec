"""The granted tables of a session: their policies and how they are loaded.

A table is named by its dataset code (`socialInsurance`) and its columns by
field name (`monthlyBase`). Its `TablePolicy` says which columns directly
identify a person and how people are counted for the small-group rule.
Data arrives as Arrow and is streamed into DuckDB without Python row objects.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from sandbox.errors import BadQuery

if TYPE_CHECKING:  # the gateway's process imports this module but runs no DuckDB itself
    import duckdb
    import pyarrow as pa

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class TablePolicy:
    """What the output checks must know about one granted table.

    identifier_columns: columns that directly identify a person (ID number,
        name, phone). Queries may use them only inside count(...) or in an
        equality join condition; nothing derived from them leaves the sandbox.
    people_column: the column naming the person a row is about. Rows with the
        same value are one person. None means every row is a different person.
    min_group_size: the fewest people an output row may describe; None uses
        `SandboxLimits.min_group_size`. Tables that are not about people may set 1.
    magnitude_columns: amounts whose sums and averages obey the dominance rule.
    dominance: (n, k) of that rule: the n largest values may make up at most k percent
        of a total; None turns it off.
    """

    identifier_columns: frozenset[str] = frozenset()
    people_column: str | None = None
    min_group_size: int | None = None
    magnitude_columns: frozenset[str] = frozenset()
    dominance: tuple[int, float] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "identifier_columns", frozenset(self.identifier_columns))
        object.__setattr__(self, "magnitude_columns", frozenset(self.magnitude_columns))
        if self.min_group_size is not None and self.min_group_size < 1:
            raise ValueError("TablePolicy.min_group_size must be at least 1")
        if self.dominance is not None:
            n, k = self.dominance
            if n < 1 or not 0 < k <= 100:
                raise ValueError("TablePolicy.dominance is (n >= 1, 0 < k <= 100)")
            object.__setattr__(self, "dominance", (int(n), float(k)))


@dataclass(frozen=True)
class GrantedTable:
    """A table loaded into a session, as the checks see it."""

    name: str
    columns: tuple[str, ...]
    types: tuple[str, ...]
    policy: TablePolicy = field(default_factory=TablePolicy)
    rows_are_people: bool = True
    row_count: int = 0
    # columns with a NULL or (numbers) a zero, and numbers below zero: where a column has
    # neither, an aggregate of it rests on every row of its group, and on values >= 0 the
    # dominance rule needs no abs() (output checks, row_checks.py); None: not known
    sparse_columns: frozenset[str] | None = None
    signed_columns: frozenset[str] | None = None
    largest: tuple[tuple[str, float], ...] = ()  # numeric column -> its largest absolute value

    @property
    def identifier_names(self) -> frozenset[str]:
        """Identifier column names, lower-cased (DuckDB names are case-insensitive)."""
        return frozenset(c.lower() for c in self.policy.identifier_columns)

    def describe(self) -> dict:
        """The table as shown to the researcher: name and columns with types."""
        return {
            "name": self.name,
            "columns": [{"name": c, "type": t} for c, t in zip(self.columns, self.types)],
        }


def quote_ident(name: str) -> str:
    """Quote an SQL identifier for DuckDB."""
    return '"' + name.replace('"', '""') + '"'


def load_tables(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, pa.RecordBatchReader | pa.Table],
    policies: Mapping[str, TablePolicy],
) -> dict[str, GrantedTable]:
    """Stream each Arrow source into a DuckDB table of the same name.

    Returns the granted tables keyed by lower-cased name. Raises BadQuery for a
    table name DuckDB could confuse with something else, for duplicate names
    (DuckDB names are case-insensitive), or for a policy naming a missing column.
    """
    unknown = set(policies) - set(tables)
    if unknown:
        raise BadQuery(f"Policies given for tables that are not loaded: {sorted(unknown)}.")
    granted: dict[str, GrantedTable] = {}
    for name, source in tables.items():
        if not _NAME.match(name):
            raise BadQuery(f"Table name {name!r} must be a dataset code: letters, digits, underscores.")
        if name.lower() in granted:
            raise BadQuery(f"Table name {name!r} is given twice (names are case-insensitive).")
        policy = policies.get(name, TablePolicy())
        _check_policy(name, source.schema, policy)
        con.register("__dg_source", source)
        try:
            con.execute(f"CREATE TABLE {quote_ident(name)} AS SELECT * FROM __dg_source")
        finally:
            con.unregister("__dg_source")
        granted[name.lower()] = _describe_loaded(con, name, policy)
    return granted


def _check_policy(name: str, schema: pa.Schema, policy: TablePolicy) -> None:
    columns = {c.lower() for c in schema.names}
    named = set(policy.identifier_columns) | set(policy.magnitude_columns)
    if policy.people_column:
        named.add(policy.people_column)
    missing = sorted(c for c in named if c.lower() not in columns)
    if missing:
        raise BadQuery(f"Table {name!r} has no column(s) {missing} named in its policy.")


NUMERIC_TYPES = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                           "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE"})


def is_numeric(duckdb_type: str) -> bool:
    return duckdb_type.upper() in NUMERIC_TYPES or duckdb_type.upper().startswith("DECIMAL")


def _describe_loaded(con: duckdb.DuckDBPyConnection, name: str, policy: TablePolicy) -> GrantedTable:
    described = con.execute(f"DESCRIBE {quote_ident(name)}").fetchall()
    columns = tuple(row[0] for row in described)
    types = tuple(row[1] for row in described)
    total, sparse, signed, largest = _column_facts(con, name, columns, types)
    rows_are_people = True
    if policy.people_column:
        # One row per person makes group sizes a plain count(*), which is far cheaper
        # than count(DISTINCT person); find out once, at load time.
        (distinct,) = con.execute(f"SELECT count(DISTINCT {quote_ident(policy.people_column)}) "
                                  f"FROM {quote_ident(name)}").fetchall()[0]
        rows_are_people = total == distinct
    return GrantedTable(name, columns, types, policy, rows_are_people, total, sparse, signed, largest)


def _column_facts(con: duckdb.DuckDBPyConnection, name: str, columns: tuple[str, ...], types: tuple[str, ...]
                  ) -> tuple[int, frozenset[str], frozenset[str], tuple[tuple[str, float], ...]]:
    """The row count, columns with a NULL or a zero, numeric columns with a value below zero,
    and each numeric column's largest absolute value: one scan at load."""
    parts = []
    for column, kind in zip(columns, types):
        c = quote_ident(column)
        if is_numeric(kind):
            parts += [f"count_if({c} IS NULL OR {c} = 0) > 0", f"count_if({c} < 0) > 0",
                      f"CAST(max(abs({c})) AS DOUBLE)"]
        else:
            parts += [f"count_if({c} IS NULL) > 0", "false", "NULL"]
    total, *facts = con.execute(f"SELECT {', '.join(['count(*)', *parts])} "
                                f"FROM {quote_ident(name)}").fetchall()[0]
    sparse = frozenset(c.lower() for i, c in enumerate(columns) if facts[3 * i])
    signed = frozenset(c.lower() for i, c in enumerate(columns) if facts[3 * i + 1])
    largest = tuple((c.lower(), float(facts[3 * i + 2])) for i, c in enumerate(columns)
                    if facts[3 * i + 2] is not None and math.isfinite(facts[3 * i + 2]))
    return total, sparse, signed, largest
