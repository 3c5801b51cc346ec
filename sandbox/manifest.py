"""A session's manifest: what any gateway process needs to serve a session it did not open.

The process that opens a session writes `session.json` into the session's folder next to its
DuckDB file: the owner, the expiry, and each granted table with its columns and its policy
(identifier columns, people column, group threshold, whether rows are people). Another
process of the same deployment (another `uvicorn` worker, or the same gateway after a restart)
reads it to open the same file read-only, locked down the same way, and to run the same
checks; the file's presence is also how every process learns that a session was closed.

The manifest is written once, atomically (a temporary file renamed into place), after the
tables are loaded and before the session is handed out, and never changes afterwards.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sandbox.tables import GrantedTable, TablePolicy

FILE = "session.json"
_VERSION = 1
# secrets.token_urlsafe(24) gives 32 such characters; anything else is not a session id and
# never becomes part of a path.
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def is_session_id(text: object) -> bool:
    return isinstance(text, str) and _SESSION_ID.fullmatch(text) is not None


class Unreadable(Exception):
    """A manifest that is there but cannot be read (damaged, another version, no access)."""


@dataclass(frozen=True)
class Manifest:
    owner: str
    created_at: datetime
    expires_at: datetime
    tables: dict[str, GrantedTable]  # keyed by lower-cased name, as Session.tables


def write(folder: Path, owner: str, created_at: datetime, expires_at: datetime,
          tables: dict[str, GrantedTable]) -> None:
    body = {
        "version": _VERSION, "owner": owner,
        "createdAt": created_at.isoformat(), "expiresAt": expires_at.isoformat(),
        "tables": [{
            "name": t.name, "columns": list(t.columns), "types": list(t.types),
            "identifierColumns": sorted(t.policy.identifier_columns),
            "peopleColumn": t.policy.people_column, "minGroupSize": t.policy.min_group_size,
            "magnitudeColumns": sorted(t.policy.magnitude_columns),
            "dominance": list(t.policy.dominance) if t.policy.dominance else None,
            "rowsArePeople": t.rows_are_people, "rowCount": t.row_count,
            "sparseColumns": None if t.sparse_columns is None else sorted(t.sparse_columns),
            "signedColumns": None if t.signed_columns is None else sorted(t.signed_columns),
            "largest": [list(pair) for pair in t.largest],
        } for t in tables.values()],
    }
    temporary = folder / (FILE + ".tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(body, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, folder / FILE)


def read(folder: Path) -> Manifest | None:
    """The folder's manifest, or None if there is none (never written, or the session closed);
    Unreadable if it cannot be read."""
    try:
        return _parse(json.loads((folder / FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Unreadable(f"{folder / FILE}: {exc}") from exc


def _parse(body: dict) -> Manifest:
    if body.get("version") != _VERSION:
        raise ValueError(f"unknown manifest version {body.get('version')!r}")
    tables = {}
    for t in body["tables"]:
        dominance = t.get("dominance")
        policy = TablePolicy(identifier_columns=frozenset(t["identifierColumns"]),
                             people_column=t["peopleColumn"], min_group_size=t["minGroupSize"],
                             magnitude_columns=frozenset(t.get("magnitudeColumns") or ()),
                             dominance=tuple(dominance) if dominance else None)
        tables[t["name"].lower()] = GrantedTable(
            t["name"], tuple(t["columns"]), tuple(t["types"]), policy,
            bool(t["rowsArePeople"]), int(t["rowCount"]),
            _names(t.get("sparseColumns")), _names(t.get("signedColumns")),
            tuple((str(c), float(v)) for c, v in t.get("largest") or ()))
    return Manifest(owner=body["owner"], created_at=datetime.fromisoformat(body["createdAt"]),
                    expires_at=datetime.fromisoformat(body["expiresAt"]), tables=tables)


def _names(listed) -> frozenset[str] | None:
    return None if listed is None else frozenset(listed)


def present(folder: Path) -> bool:
    """Whether the session still exists on disk (no process has closed or swept it)."""
    return (folder / FILE).exists()
