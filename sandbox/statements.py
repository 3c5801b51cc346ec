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

import duckdb

from gateway.errors import BadInput
from sandbox.errors import SandboxForbidden
from sandbox.syntax import SyntaxUnsupported, serialize

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


def parse(con: duckdb.DuckDBPyConnection, sql: str) -> ParsedQuery:
    """Parse `sql` into a single SELECT tree, or raise SandboxForbidden / BadInput."""
    if not isinstance(sql, str) or not sql.strip():
        raise BadInput("Send one SQL SELECT statement in `sql`.")
    inner = _explained_query(sql)
    if inner is not None:
        return ParsedQuery(_parse_select(con, inner), explain=True)
    return ParsedQuery(_parse_select(con, sql))


def _parse_select(con: duckdb.DuckDBPyConnection, sql: str) -> dict:
    # DuckDB's parser serialises nothing but SELECT statements, so a tree with
    # exactly one statement is exactly one SELECT; anything else is classified
    # by extract_statements to name what was refused.
    try:
        return serialize(con, sql)
    except (SyntaxUnsupported, duckdb.Error):
        pass
    statements = _statements(con, sql)
    if len(statements) != 1:
        kinds = ", ".join(_type_name(s) for s in statements) or "none"
        raise SandboxForbidden(
            f"Send exactly one SELECT statement at a time (found {len(statements)}: {kinds})."
        )
    kind = _type_name(statements[0])
    if kind != "SELECT":
        why = _WHY.get(kind, "only SELECT queries run in the sandbox")
        raise SandboxForbidden(
            f"{kind} statements are not allowed in the sandbox: {why}. Only SELECT queries run here."
        )
    raise SandboxForbidden("This form of query is not supported in the sandbox; write it as a plain SELECT.")


def _statements(con: duckdb.DuckDBPyConnection, sql: str) -> list:
    try:
        return con.extract_statements(sql)
    except duckdb.ParserException as exc:
        raise BadInput(f"The SQL could not be parsed: {_first_line(exc)}") from None
    except ValueError:
        # A statement type the Python client does not know (e.g. UPDATE EXTENSIONS).
        raise SandboxForbidden(
            "This statement type is not allowed in the sandbox. Only SELECT queries run here."
        ) from None


def _type_name(statement) -> str:
    return statement.type.name


def _explained_query(sql: str) -> str | None:
    """The query after a leading EXPLAIN, or None if there is no EXPLAIN."""
    try:
        tokens = [t for t in duckdb.tokenize(sql) if t[1] != duckdb.token_type.comment]
    except Exception:
        return None
    if not tokens:
        return None
    first = tokens[0][0]
    if sql[first:first + 7].upper() != "EXPLAIN" or sql[first + 7:first + 8].isalnum():
        return None
    if len(tokens) < 2:
        raise BadInput("EXPLAIN needs a SELECT statement after it.")
    rest = tokens[1][0]
    word = sql[rest:].split(None, 1)[0].upper() if sql[rest:].strip() else ""
    if word.startswith(("ANALYZE", "ANALYSE")):
        raise SandboxForbidden(
            "EXPLAIN ANALYZE is not allowed: it runs the query and reports exact row counts "
            "outside the output checks. Use EXPLAIN without ANALYZE."
        )
    return sql[rest:]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
