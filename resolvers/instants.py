"""One time convention for every instant the API gives or takes: ISO 8601 with the platform's
offset (Asia/Shanghai, +08:00), whatever zone the store or a use case held it in."""
from __future__ import annotations

import datetime as dt

import strawberry

from gateway.clock import iso_at_platform


def _taken(value) -> dt.datetime:
    instant = dt.datetime.fromisoformat(str(value))
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{value!r} has no UTC offset: write an instant as ISO 8601 with its "
                         "offset, e.g. 2026-12-07T09:30:00+08:00")
    return instant


PLATFORM_DATETIME = strawberry.scalar(
    name="DateTime", serialize=iso_at_platform, parse_value=_taken,
    description="An instant, as ISO 8601 with a UTC offset. Answers give it in the platform's "
                "time zone (Asia/Shanghai, +08:00); arguments take any offset.")

SCALAR_MAP = {dt.datetime: PLATFORM_DATETIME}  # StrawberryConfig.scalar_map
