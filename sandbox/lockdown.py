"""Opening a session's DuckDB database locked down.

The data is loaded on an ordinary connection, which is then closed; queries run
on a second connection opened read-only with every way out switched off and the
configuration locked, so no later statement can switch it back on:

- enable_external_access=false: no file, URL, COPY, ATTACH, EXPORT or extension
  directory access (DuckDB refuses with a PermissionException);
- autoinstall/autoload_known_extensions=false, allow_community_extensions=false:
  no extension is fetched or loaded behind the query's back;
- python_enable_replacements=false: a query cannot scan Python objects of the
  gateway process by naming them;
- memory_limit, threads, temp_directory (inside the session folder) and
  max_temp_directory_size bound the resources one session can take;
- lock_configuration=true last: SET and RESET are refused from then on.

The settings are read back before the connection is handed out.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from sandbox.limits import SandboxLimits


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def resource_settings(limits: SandboxLimits, temp_dir: Path) -> list[tuple[str, str]]:
    """The resource settings, as (name, SQL literal) pairs, in the order applied."""
    return [
        ("temp_directory", _sql_string(str(temp_dir))),
        ("memory_limit", _sql_string(f"{limits.memory_limit_mb}MiB")),
        ("max_temp_directory_size", _sql_string(f"{limits.max_temp_mb}MiB")),
        ("threads", str(limits.threads)),
    ]


# temp_directory must be set before external access is switched off: DuckDB
# refuses to change it afterwards.
_LOCKDOWN = [
    ("python_enable_replacements", "false"),
    ("autoinstall_known_extensions", "false"),
    ("autoload_known_extensions", "false"),
    ("allow_community_extensions", "false"),
    ("enable_external_access", "false"),
    ("lock_configuration", "true"),
]

# What must read back after locking; a mismatch means the lockdown did not hold.
_EXPECTED = {
    "enable_external_access": "false",
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
    "allow_community_extensions": "false",
    "python_enable_replacements": "false",
    "lock_configuration": "true",
}


def open_for_loading(db_path: Path, limits: SandboxLimits, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    """A writable connection for loading snapshots, bounded like the session will be."""
    con = duckdb.connect(str(db_path))
    for name, value in resource_settings(limits, temp_dir):
        con.execute(f"SET {name} = {value}")
    con.execute("SET python_enable_replacements = false")
    return con


def open_locked(db_path: Path, limits: SandboxLimits, temp_dir: Path, *,
                arrow_lossless: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the loaded database read-only and lock it down; see the module docstring.
    `arrow_lossless` makes Arrow results keep every DuckDB type (HUGEINT, UUID, BIT, TIME
    WITH TIME ZONE...), for a DuckDB that reads them back (query_process.py)."""
    con = duckdb.connect(str(db_path), read_only=True)
    exports = [("arrow_lossless_conversion", "true")] if arrow_lossless else []
    try:
        for name, value in resource_settings(limits, temp_dir) + exports + _LOCKDOWN:
            con.execute(f"SET {name} = {value}")
        verify_locked(con)
    except Exception:
        con.close()
        raise
    return con


def verify_locked(con: duckdb.DuckDBPyConnection) -> None:
    """Raise RuntimeError unless every lockdown setting reads back as expected."""
    names = list(_EXPECTED)
    rows = con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE list_contains($1, name)", [names]
    ).fetchall()
    wrong = lockdown_failures(dict(rows))
    if wrong:
        raise RuntimeError(f"sandbox lockdown did not hold: {wrong}")


def lockdown_failures(settings: dict[str, str]) -> dict[str, str | None]:
    """The lockdown settings that do not read back as expected in `settings` (name: value,
    as duckdb_settings() gives them), with the value read."""
    return {n: settings.get(n) for n, v in _EXPECTED.items() if (settings.get(n) or "").lower() != v}
