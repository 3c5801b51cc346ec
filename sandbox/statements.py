"""Which statements the sandbox runs, decided by DuckDB's own parser.

Only one SELECT statement (WITH ... SELECT, FROM-first, VALUES, DESCRIBE) or a
plain EXPLAIN of one is allowed. Everything else - COPY, ATTACH, DETACH,
INSTALL/LOAD, SET/RESET, PRAGMA, CALL, CREATE, INSERT, UPDATE, DELETE, DROP,
EXPORT/IMPORT, transactions, several statements at once - is SANDBOX_FORBIDDEN,
named by DuckDB's statement type. EXPLAIN ANALYZE is refused: it runs the query
and reports exact row counts, which would bypass the output checks.
"""
from __future__ import annotations

from dataclasses import dataclass

from sandbox.errors import BadQuery, SandboxForbidden
from sandbox.parser import Parser
from sandbox.syntax import SyntaxUnsupported, statement_tree

_WHY = {
    "COPY": "it reads or writes files",
    "EXPORT": "it writes files",
    "ATTACH": "it opens other databases",
    "DETACH": "it changes which databases are open",
    "LOAD": "it installs or loads extensions (INSTALL reports as LOAD)",
    "SET": "it changes settings",
    "VARIABLE_SET": "it changes settings",
    "PRAGMA": "it runs pragmas (IMPORT DATABASE reports as PRAGMA)",
    "CALL": "it calls table functions outside the query checks",
    "CREATE": "the session's tables are read-only",
    "CREATE_FUNC": "the session's tables are read-only",
    "INSERT": "the session's tables are read-only",
    "UPDATE": "the session's tables are read-only",
    "DELETE": "the session's tables are read-only",
    "DROP": "the session's tables are read-only",
    "ALTER": "the session's tables are read-only",
    "MERGE_INTO": "the session's tables are read-only",
    "TRANSACTION": "each query runs on its own",
    "MULTI": "it expands to several statements",
}


@dataclass(frozen=True)
class ParsedQuery:
    """One checked statement: its SELECT tree, and whether it was an EXPLAIN."""

    tree: dict
    explain: bool = False


def parse(parser: Parser, sql: str) -> ParsedQuery:
    """Parse `sql` into a single SELECT tree, or raise SandboxForbidden / BadQuery."""
    if not isinstance(sql, str) or not sql.strip():
        raise BadQuery("Send one SQL SELECT statement in `sql`.")
    start, tree_text = parser.statement(sql)  # start > 0 past a leading EXPLAIN
    return ParsedQuery(_select_tree(parser, sql[start:], tree_text), explain=start > 0)


def _select_tree(parser: Parser, sql: str, tree_text: str | None) -> dict:
    # DuckDB's parser serialises nothing but SELECT statements, so a tree with
    # exactly one statement is exactly one SELECT; anything else is classified
    # by extract_statements to name what was refused.
    if tree_text is not None:
        try:
            return statement_tree(tree_text)
        except SyntaxUnsupported:
            pass
    statements = parser.statement_types(sql)
    if len(statements) != 1:
        kinds = ", ".join(statements) or "none"
        raise SandboxForbidden(
            f"Send exactly one SELECT statement at a time (found {len(statements)}: {kinds})."
        )
    kind = statements[0]
    if kind != "SELECT":
        why = _WHY.get(kind, "only SELECT queries run in the sandbox")
        raise SandboxForbidden(
            f"{kind} statements are not allowed in the sandbox: {why}. Only SELECT queries run here."
        )
    raise SandboxForbidden("This form of query is not supported in the sandbox; write it as a plain SELECT.")
