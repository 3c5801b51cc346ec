"""The demo world's fixed points: the default seed and the day that stands for "today"."""
from __future__ import annotations

import datetime as dt

DEFAULT_SEED = 20201101
REFERENCE_DATE = dt.date(2026, 11, 1)  # "today" of the demo world
