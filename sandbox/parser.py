"""DuckDB's parser as the checks use it, wherever it runs.

The checks need three things of DuckDB's parser: the JSON tree of a statement
(`json_serialize_sql`), past a leading EXPLAIN found by DuckDB's tokenizer; SQL text for
an amended tree (`json_deserialize_sql`); and the types of the statements in a text
(`extract_statements`), to name what was refused.
`LocalParser` asks a DuckDB connection in this process; a session's `QueryProcess`
(query_process.py) offers the same three methods and asks its own process, so that a
researcher's text never reaches DuckDB in the gateway's process, not even its parser.
"""
from __future__ import annotations

from typing import Protocol

import duckdb

from sandbox.errors import BadQuery, SandboxForbidden
from sandbox.syntax import SyntaxTooDeep, SyntaxUnsupported


class Parser(Protocol):
    def statement(self, sql: str) -> tuple[int, str | None]:
        """Where the statement to check starts in `sql` (past a leading EXPLAIN, else 0), and
        json_serialize_sql of it (None if DuckDB gives no tree); BadQuery for an EXPLAIN of
        nothing, SandboxForbidden for EXPLAIN ANALYZE."""

    def rendered(self, tree_json: str) -> str:
        """json_deserialize_sql(tree_json); SyntaxTooDeep if the tree is too deep for it."""

    def statement_types(self, sql: str) -> list[str]:
        """The type names of the statements in `sql`; BadQuery if it does not parse,
        SandboxForbidden for a type the Python client does not know."""


class LocalParser:
    """The three on a DuckDB connection (one that parses only; nothing is run)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def statement(self, sql: str) -> tuple[int, str | None]:
        start = explained_start(sql)
        try:
            return start, self.serialized(sql[start:])
        except SyntaxUnsupported:
            return start, None

    def serialized(self, sql: str) -> str:
        """json_serialize_sql(sql); SyntaxUnsupported if DuckDB refuses to give a tree."""
        try:
            (text,) = self._con.execute("SELECT json_serialize_sql($1)", [sql]).fetchall()[0]
        except duckdb.Error as exc:
            raise SyntaxUnsupported(_first_line(exc)) from None
        return text

    def rendered(self, tree_json: str) -> str:
        try:
            (sql,) = self._con.execute("SELECT json_deserialize_sql($1)", [tree_json]).fetchall()[0]
        except (RecursionError, duckdb.SerializationException):
            # DuckDB reads at most 256 levels of JSON, and the checks' amendments add a few
            raise SyntaxTooDeep() from None
        return sql

    def statement_types(self, sql: str) -> list[str]:
        try:
            return [s.type.name for s in self._con.extract_statements(sql)]
        except duckdb.ParserException as exc:
            raise BadQuery(f"The SQL could not be parsed: {_first_line(exc)}") from None
        except ValueError:
            # A statement type the Python client does not know (e.g. UPDATE EXTENSIONS).
            raise SandboxForbidden(
                "This statement type is not allowed in the sandbox. Only SELECT queries run here."
            ) from None


def explained_start(sql: str) -> int:
    """Where the query after a leading EXPLAIN starts, or 0 if there is no EXPLAIN."""
    try:
        tokens = [t for t in duckdb.tokenize(sql) if t[1] != duckdb.token_type.comment]
    except Exception:
        return 0
    if not tokens:
        return 0
    first = tokens[0][0]
    if sql[first:first + 7].upper() != "EXPLAIN" or sql[first + 7:first + 8].isalnum():
        return 0
    if len(tokens) < 2:
        raise BadQuery("EXPLAIN needs a SELECT statement after it.")
    rest = tokens[1][0]
    word = sql[rest:].split(None, 1)[0].upper() if sql[rest:].strip() else ""
    if word.startswith(("ANALYZE", "ANALYSE")):
        raise SandboxForbidden(
            "EXPLAIN ANALYZE is not allowed: it runs the query and reports exact row counts "
            "outside the output checks. Use EXPLAIN without ANALYZE."
        )
    return rest


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
