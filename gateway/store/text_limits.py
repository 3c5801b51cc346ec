"""Text too long for its column is BAD_INPUT, on every store.

PostgreSQL and MariaDB refuse a value longer than its VARCHAR(n) column, which surfaced as a
fault (INTERNAL) of whatever workflow wrote it, while SQLite stores any length: the same
request answered differently by store. Text columns have no length, so each carries its
maximum in its info (gateway.store.models.bounded). Before every flush, the text of each new
object and each changed text attribute are held against these limits, and the first one over
is refused with the field's name as the API gives it and its limit, before anything is
written.

Text the gateway composes itself (notifications, audit details, a revocation reason with its
cause) is cut to its column's limit with fitted() instead: a refusal must not fail on it.
"""
from __future__ import annotations

from typing import Mapping

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from gateway.errors import BadInput

_LIMITS: dict = {}  # model class -> [(attribute, limit, label)]; a handful of models, made once


def text_lengths(model) -> dict[str, int]:
    """attribute -> the most characters of a mapped model's text columns that have a limit
    (String(n), or Text bounded in its info)."""
    return {key: length for key, length, _ in _limits(model)}


def _limits(model) -> list[tuple[str, int, str]]:
    known = _LIMITS.get(model)
    if known is None:
        known = _LIMITS[model] = [
            (attr.key, _limit(column), column.info.get("field") or camel(attr.key))
            for attr in inspect(model).column_attrs if len(attr.columns) == 1
            for column in attr.columns if _limit(column)]
    return known


def _limit(column) -> int | None:
    if isinstance(column.type, String) and column.type.length:
        return column.type.length
    return column.info.get("max_chars")


def camel(key: str) -> str:
    return "".join(w if i == 0 else w.capitalize() for i, w in enumerate(key.split("_")))


def refuse_if_too_long(label: str, value, length: int) -> None:
    if isinstance(value, str) and len(value) > length:
        raise BadInput(f"{label} may have at most {length} characters (this one has "
                       f"{len(value)}); shorten it")


def check_values(model, values: Mapping[str, object], of: str = "") -> None:
    """The same check of text not yet on a model object (a catalog draft's spec, kept as
    JSON until it is published); ``of`` says whose text it is (" of field visitDate")."""
    for key, length, label in _limits(model):
        refuse_if_too_long(label + of, values.get(key), length)


def require_fits(model, key: str, value, label: str) -> None:
    """The check of one text the API names otherwise than the column's usual writer does."""
    refuse_if_too_long(label, value, text_lengths(model)[key])


def fitted(model, key: str, text: str) -> str:
    """Text the gateway composes, cut to its column's limit (marked with "…")."""
    length = text_lengths(model)[key]
    return text if len(text) <= length else text[:length - 1] + "…"


def _check(session: Session, _context, _instances) -> None:
    for obj in session.new:
        for key, length, label in _limits(type(obj)):
            refuse_if_too_long(label, getattr(obj, key, None), length)
    for obj in session.dirty:  # only the text being changed: a row kept before may be longer
        attributes = inspect(obj).attrs
        for key, length, label in _limits(type(obj)):
            if attributes[key].history.has_changes():
                refuse_if_too_long(label, getattr(obj, key, None), length)


def enforce_text_limits(session_class) -> None:
    """Check text lengths before each flush of sessions of this class (or sessionmaker)."""
    event.listen(session_class, "before_flush", _check)
