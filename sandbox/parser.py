"""DuckDB's parser as the checks use it, wherever it runs.

The checks need three things of DuckDB's parser: the JSON tree of a statement
(`json_serialize_sql`), SQL text for an amended tree (`json_deserialize_sql`), and the
types of the statements in a text (`extract_statements`), to name what was refused.
`LocalParser` asks a DuckDB connection in this process; a session's `QueryProcess`
(query_process.py) offers the same three methods and asks its own process, so that a
researcher's text never reaches DuckDB in the gateway's process, not even its parser.
"""
from __future__ import annotations

from typing import Protocol

import duckdb

from gateway.errors import BadInput
from sandbox.errors import SandboxForbidden
from sandbox.syntax import SyntaxTooDeep, SyntaxUnsupported


class Parser(Protocol):
    def serialized(self, sql: str) -> str:
        """json_serialize_sql(sql); SyntaxUnsupported if DuckDB refuses to give a tree."""

    def rendered(self, tree_json: str) -> str:
        """json_deserialize_sql(tree_json); SyntaxTooDeep if the tree is too deep for it."""

    def statement_types(self, sql: str) -> list[str]:
        """The type names of the statements in `sql`; BadInput if it does not parse,
        SandboxForbidden for a type the Python client does not know."""


class LocalParser:
    """The three on a DuckDB connection (one that parses only; nothing is run)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def serialized(self, sql: str) -> str:
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
            raise BadInput(f"The SQL could not be parsed: {_first_line(exc)}") from None
        except ValueError:
            # A statement type the Python client does not know (e.g. UPDATE EXTENSIONS).
            raise SandboxForbidden(
                "This statement type is not allowed in the sandbox. Only SELECT queries run here."
            ) from None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
