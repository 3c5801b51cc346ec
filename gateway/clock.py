"""The gateway's clock: real time, or frozen by DATAGATE_CLOCK for tests and demos."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock:
    def __init__(self, frozen_at: dt.datetime | None = None):
        self._frozen = frozen_at.astimezone(dt.timezone.utc) if frozen_at else None

    @property
    def frozen(self) -> bool:
        return self._frozen is not None

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware, in UTC."""
        return self._frozen or dt.datetime.now(dt.timezone.utc)

    def today(self) -> dt.date:
        """Today's date in Asia/Shanghai, the date every deadline is counted in."""
        return self.now().astimezone(SHANGHAI).date()


def iso_at_platform(instant: dt.datetime | None, timespec: str = "auto") -> str | None:
    """An instant as every answer and page shows it: ISO 8601 on Asia/Shanghai's clock, with its
    offset (docs/api.md). A naive instant is the store's, which keeps them in UTC."""
    if instant is None:
        return None
    if instant.tzinfo is None or instant.utcoffset() is None:
        instant = instant.replace(tzinfo=dt.timezone.utc)
    return instant.astimezone(SHANGHAI).isoformat(timespec=timespec)
