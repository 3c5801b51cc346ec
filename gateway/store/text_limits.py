"""Text too long for its column is BAD_INPUT, on every store.

PostgreSQL and MariaDB refuse a value longer than its VARCHAR(n) column, which surfaced as a
fault (INTERNAL) of whatever workflow wrote it, while SQLite stores any length: the same
request answered differently by store. Before every flush, each new or changed object's
text attributes are held against their columns' lengths, and the first one over is refused
with the field's name and its limit, before anything is written.
"""
from __future__ import annotations

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from gateway.errors import BadInput

_LIMITS: dict = {}  # model class -> text_lengths(model); a handful of models, made once


def text_lengths(model) -> dict[str, int]:
    """attribute -> length of a mapped model's text columns that have one (String(n))."""
    return {attr.key: attr.columns[0].type.length for attr in inspect(model).column_attrs
            if len(attr.columns) == 1 and isinstance(attr.columns[0].type, String)
            and attr.columns[0].type.length}


def _check(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        model = type(obj)
        limits = _LIMITS.get(model)
        if limits is None:
            limits = _LIMITS[model] = text_lengths(model)
        for key, length in limits.items():
            value = getattr(obj, key, None)
            if isinstance(value, str) and len(value) > length:
                label = "".join(w if i == 0 else w.capitalize() for i, w in enumerate(key.split("_")))
                raise BadInput(f"{label} may have at most {length} characters (this one has "
                               f"{len(value)}); shorten it")


def enforce_text_limits(session_class) -> None:
    """Check text lengths before each flush of sessions of this class (or sessionmaker)."""
    event.listen(session_class, "before_flush", _check)
