"""What a query may reach: the granted tables and a few pure functions.

Checked on DuckDB's syntax tree before anything runs, as a first layer in
front of DuckDB's own lockdown (see lockdown.py), so refusals are clear:

- tables: only the session's granted tables and the query's own CTEs (scoped
  as DuckDB scopes them). Catalog views such as `duckdb_settings`,
  `information_schema.*` and `pg_catalog.*`, schema- or catalog-qualified names,
  and replacement scans of file names (`FROM '/etc/passwd'`) are refused;
- table functions: only the generators `range`, `generate_series`, `unnest`,
  `json_each`, `json_tree`. File readers (read_csv, read_parquet, read_json,
  read_text, read_blob, glob, sniff_csv, parquet_metadata...), catalog and
  settings functions (duckdb_settings, duckdb_extensions, pragma_*), and
  `query` / `query_table` / `json_execute_serialized_sql` (which would run SQL
  the checks never saw) are refused;
- scalar functions: `current_setting` (it reveals host paths such as
  temp_directory and home_directory) and `getvariable`/`getenv` are refused, as
  are functions that build one huge value from a small input (`repeat`, `lpad`,
  `rpad`, `list_resize`, `array_resize`, scalar `range`/`generate_series`,
  `printf`/`format` with widths): DuckDB does not count such values against the
  memory limit and cannot interrupt them mid-call;
- names starting with `__dg` are reserved for the output checks' own columns;
- query parameters ($1) are refused: there is nothing to bind them to.
"""
from __future__ import annotations

from sandbox.errors import SandboxForbidden
from sandbox.syntax import all_dicts, walk_scoped
from sandbox.tables import GrantedTable

ALLOWED_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest", "json_each", "json_tree"})

_FILE_READERS = ("read_", "glob", "sniff_csv", "parquet_", "iceberg", "delta_scan", "sqlite_", "postgres_", "mysql_")

DENIED_FUNCTIONS = {
    "current_setting": "it reveals the server's settings and paths",
    "getvariable": "it reads session variables",
    "getenv": "it reads the server's environment",
    "json_execute_serialized_sql": "it runs SQL the checks never saw",
    "query": "it runs SQL the checks never saw",
    "repeat": "it can build values larger than the memory limit",
    "lpad": "it can build values larger than the memory limit",
    "rpad": "it can build values larger than the memory limit",
    "list_resize": "it can build values larger than the memory limit",
    "array_resize": "it can build values larger than the memory limit",
    "range": "as a scalar it can build lists larger than the memory limit (use it in FROM)",
    "generate_series": "as a scalar it can build lists larger than the memory limit (use it in FROM)",
    "printf": "it can build values larger than the memory limit",
    "format": "it can build values larger than the memory limit",
    "bar": "it can build values larger than the memory limit",
}


def check_reach(tree: dict, tables: dict[str, GrantedTable], dicts: list[dict] | None = None) -> None:
    """Raise SandboxForbidden if the query reaches beyond its granted tables.

    `dicts` is `all_dicts(tree)` if the caller has it already.
    """
    if "__dg" in _names_text(all_dicts(tree) if dicts is None else dicts):
        raise SandboxForbidden("Names starting with __dg are reserved by the sandbox; rename them.")

    table_function_calls: set[int] = set()

    def visit(d: dict, ctes: frozenset[str]) -> None:
        kind = d.get("type")
        if "class" not in d and kind == "BASE_TABLE":
            _check_table(d, ctes, tables)
        elif "class" not in d and kind == "TABLE_FUNCTION":
            _check_table_function(d)
            table_function_calls.add(id(d.get("function")))
        elif "class" not in d and kind in ("PIVOT", "COLUMN_DATA", "DELIM_GET"):
            raise SandboxForbidden(f"{kind} table references are not supported in the sandbox.")
        elif d.get("class") == "FUNCTION" and id(d) not in table_function_calls:
            _check_function(d)
        elif d.get("class") == "PARAMETER":
            raise SandboxForbidden("Query parameters ($1, ?) are not supported; write the values inline.")

    walk_scoped(tree, visit)


def _check_table(ref: dict, ctes: frozenset[str], tables: dict[str, GrantedTable]) -> None:
    name = ref.get("table_name", "")
    qualified = ref.get("schema_name") or ref.get("catalog_name")
    if not qualified and name.lower() in ctes:
        return
    if not qualified and name.lower() in tables:
        return
    granted = ", ".join(t.name for t in tables.values()) or "none"
    if "/" in name or "." in name or ":" in name:
        raise SandboxForbidden(
            "Reading files or URLs is not allowed in the sandbox: it has no file or network access; "
            f"query the session's tables instead: {granted}."
        )
    shown = ".".join(p for p in (ref.get("catalog_name"), ref.get("schema_name"), name) if p)
    raise SandboxForbidden(
        f"Table {shown!r} is not available in this sandbox session. "
        f"Its tables are: {granted} (use them unqualified)."
    )


def _check_table_function(ref: dict) -> None:
    name = (ref.get("function") or {}).get("function_name", "").lower()
    if name in ALLOWED_TABLE_FUNCTIONS:
        return
    if name.startswith(_FILE_READERS):
        raise SandboxForbidden(
            f"{name}() reads files or URLs, which is not allowed in the sandbox: "
            "it has no file or network access. Query the session's tables instead."
        )
    allowed = ", ".join(sorted(ALLOWED_TABLE_FUNCTIONS))
    raise SandboxForbidden(
        f"Table function {name}() is not available in the sandbox; allowed table functions: {allowed}."
    )


def _check_function(expr: dict) -> None:
    name = expr.get("function_name", "").lower()
    why = DENIED_FUNCTIONS.get(name)
    if why:
        raise SandboxForbidden(f"{name}() is not allowed in the sandbox: {why}.")


def _names_text(dicts: list[dict]) -> str:
    """Every name the query gives or uses (aliases, columns, tables, CTEs), lower-cased;
    `dicts` is all_dicts(tree)."""
    parts: list[str] = []
    for d in dicts:
        for key in ("alias", "table_name", "function_name"):
            if isinstance(d.get(key), str):
                parts.append(d[key])
        for key in ("column_names", "column_name_alias", "aliases", "exclude_list"):
            if isinstance(d.get(key), list):
                parts.extend(x for x in d[key] if isinstance(x, str))
        if "key" in d and isinstance(d["key"], str):
            parts.append(d["key"])
    return " ".join(parts).lower()
