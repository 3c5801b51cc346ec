"""Sandbox answers as JSON: values made JSON-safe, instants in Shanghai time."""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from gateway.clock import iso_at_platform


def json_value(value: Any) -> Any:
    """A JSON-safe value: non-finite floats as strings, dates in ISO 8601, others as text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def json_rows(rows) -> list[list[Any]]:
    return [[json_value(v) for v in row] for row in rows]


def shanghai(instant: dt.datetime | None) -> str | None:
    return iso_at_platform(instant)
