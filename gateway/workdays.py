"""Working days (工作日) for deadlines, and Asia/Shanghai dates.

Statutory holidays and adjusted working days (调休) come from the
``chinesecalendar`` package for the years it knows (2004-2026 in 1.11.0).
Any other year falls back to Monday-Friday plus a *holiday file* the data
authority maintains (setting ``DATAGATE_HOLIDAYS_FILE``; this module takes the
path as an argument and reads no environment). Every fallback year is
recorded in :attr:`WorkingCalendar.warnings`, logged once on the logger
``datagate.workdays``, so readyz and the logs can show it.

Holiday file format (UTF-8 text, one entry per line)::

    # 2027 schedule, State Council notice of 2026-11-xx
    2027-01-01 holiday 元旦
    2027-02-06..2027-02-12 holiday 春节   # a range, both ends included
    2027-02-07 workday 春节调休            # an adjusted working Sunday

``#`` starts a comment (whole line or trailing); blank lines are ignored.
Each entry is a date or ``START..END`` range, then ``holiday`` (also ``休``)
or ``workday`` (also ``班``), then an optional name. A date listed as a
workday wins over a range that includes it as a holiday (the usual way a
schedule is written); the same single date given both kinds is an error.
Entries only matter for years chinesecalendar does not know; entries in
years it knows are ignored, with a warning.

Deadline semantics: the day of filing does not count; counting starts the
next day. Filed 2026-09-30 with 5 working days -> due 2026-10-13 (National
Day 10-01..10-07, 10-08 and 10-09 work, 10-10 is an adjusted working Saturday).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import chinese_calendar

log = logging.getLogger("datagate.workdays")

SHANGHAI = ZoneInfo("Asia/Shanghai")
KNOWN_FIRST_YEAR = min(chinese_calendar.holidays).year
KNOWN_LAST_YEAR = max(chinese_calendar.holidays).year

__all__ = [
    "HolidayFile",
    "HolidayFileError",
    "SHANGHAI",
    "WorkingCalendar",
    "load_holiday_file",
    "shanghai_date",
    "to_shanghai",
    "to_utc",
]


# --- instants and dates -----------------------------------------------------


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"naive datetime {value.isoformat()}: attach a time zone "
            "(instants are stored in UTC: value.replace(tzinfo=datetime.timezone.utc))"
        )
    return value


def to_utc(value: dt.datetime) -> dt.datetime:
    """The same instant in UTC (how instants are stored). Naive input is refused."""
    return _aware(value).astimezone(dt.timezone.utc)


def to_shanghai(value: dt.datetime) -> dt.datetime:
    """The same instant on Asia/Shanghai wall time (how instants are shown)."""
    return _aware(value).astimezone(SHANGHAI)


def shanghai_date(value: dt.date | dt.datetime) -> dt.date:
    """The Asia/Shanghai calendar date of an instant; a ``date`` is returned as is."""
    if isinstance(value, dt.datetime):
        return to_shanghai(value).date()
    return value


# --- the holiday file -------------------------------------------------------


class HolidayFileError(ValueError):
    """The holiday file is missing or has a line that cannot be read."""


@dataclass(frozen=True)
class HolidayFile:
    """Dates read from a holiday file: ``holidays`` and adjusted ``workdays``."""

    path: Path
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    years: frozenset[int] = frozenset()


_KINDS = {"holiday": "holiday", "休": "holiday", "workday": "workday", "班": "workday"}
_DATE = r"\d{4}-\d{2}-\d{2}"
_ENTRY = re.compile(rf"^({_DATE})(?:\.\.({_DATE}))?\s+(\S+)(?:\s+.*)?$")


def _parse_entry(line: str) -> tuple[dt.date, dt.date, str]:
    """``(start, end, kind)`` of one entry (comment already removed); ValueError says why."""
    m = _ENTRY.match(line)
    if not m:
        raise ValueError("expected 'YYYY-MM-DD[..YYYY-MM-DD] holiday|workday [name]'")
    start_s, end_s, kind_s = m.groups()
    kind = _KINDS.get(kind_s.lower())
    if kind is None:
        raise ValueError(f"unknown kind {kind_s!r} (use holiday or workday)")
    try:
        start = dt.date.fromisoformat(start_s)
        end = dt.date.fromisoformat(end_s) if end_s else start
    except ValueError as exc:
        raise ValueError(f"bad date ({exc})") from None
    if end < start:
        raise ValueError("range ends before it starts")
    if (end - start).days > 366:
        raise ValueError("range longer than a year")
    return start, end, kind


def load_holiday_file(path: Path | str) -> HolidayFile:
    """Read a holiday file (format in the module docstring).

    Raises :class:`HolidayFileError` naming the file and line on any problem.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise HolidayFileError(f"holiday file {path}: cannot read it: {exc}") from None

    dates: dict[str, set[dt.date]] = {"holiday": set(), "workday": set()}
    single: dict[dt.date, tuple[str, int]] = {}  # single-date entries, to catch conflicts
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            start, end, kind = _parse_entry(line)
            other = single.get(start) if start == end else None
            if other and other[0] != kind:
                raise ValueError(f"{start} is also declared {other[0]} on line {other[1]}")
        except ValueError as exc:
            raise HolidayFileError(
                f"holiday file {path}, line {lineno}: {exc}: {raw.strip()!r}"
            ) from None
        if start == end:
            single[start] = (kind, lineno)
        dates[kind].update(start + dt.timedelta(days=i) for i in range((end - start).days + 1))

    # A workday declared inside a holiday range (调休) wins over the range.
    hol = frozenset(dates["holiday"] - dates["workday"])
    work = frozenset(dates["workday"])
    return HolidayFile(path, hol, work, frozenset(d.year for d in hol | work))


# --- the calendar -----------------------------------------------------------


class WorkingCalendar:
    """Answers "is this a working day" and computes working-day deadlines.

    ``holidays_file`` is read (and checked) at construction; ``None`` means
    the fallback years are plain Monday-Friday.
    """

    def __init__(self, holidays_file: Path | str | None = None) -> None:
        self.holiday_file = load_holiday_file(holidays_file) if holidays_file else None
        self._fallback: dict[int, str] = {}  # year -> warning, in first-use order
        self.notes: list[str] = []
        if self.holiday_file:
            ignored = sorted(y for y in self.holiday_file.years if self.package_knows(y))
            if ignored:
                msg = (
                    f"holiday file {self.holiday_file.path} lists dates in "
                    f"{', '.join(map(str, ignored))}; chinesecalendar's data is used for those years"
                )
                self.notes.append(msg)
                log.info(msg)

    @staticmethod
    def package_knows(year: int) -> bool:
        """Whether chinesecalendar has data for ``year``."""
        return KNOWN_FIRST_YEAR <= year <= KNOWN_LAST_YEAR

    @property
    def fallback_years(self) -> list[int]:
        """Years answered so far by the fallback, sorted."""
        return sorted(self._fallback)

    @property
    def warnings(self) -> list[str]:
        """One message per fallback year used so far, in first-use order."""
        return list(self._fallback.values())

    def check_years(self, *years: int) -> list[str]:
        """Record fallback warnings for ``years`` now (e.g. this year and next,
        at startup, so readyz shows them before any deadline is computed)."""
        for year in years:
            if not self.package_knows(year):
                self._note_fallback(year)
        return [self._fallback[y] for y in years if y in self._fallback]

    def _note_fallback(self, year: int) -> None:
        if year in self._fallback:
            return
        known = f"chinesecalendar knows {KNOWN_FIRST_YEAR}-{KNOWN_LAST_YEAR}"
        if year > KNOWN_LAST_YEAR:
            known = f"chinesecalendar knows up to {KNOWN_LAST_YEAR}"
        hf = self.holiday_file
        if hf is None:
            msg = (
                f"working days for {year} are Monday-Friday only: {known} "
                "and no holiday file is configured (DATAGATE_HOLIDAYS_FILE)"
            )
        elif year in hf.years:
            msg = f"working days for {year} come from the holiday file {hf.path} only; {known}"
        else:
            msg = (
                f"working days for {year} are Monday-Friday only: {known} "
                f"and the holiday file {hf.path} lists no dates in {year}"
            )
        self._fallback[year] = msg
        log.warning(msg)

    def is_working_day(self, day: dt.date | dt.datetime) -> bool:
        """Whether ``day`` (an instant is taken on its Shanghai date) is a working day."""
        day = shanghai_date(day)
        if self.package_knows(day.year):
            return chinese_calendar.is_workday(day)
        self._note_fallback(day.year)
        hf = self.holiday_file
        if hf is not None:
            if day in hf.workdays:
                return True
            if day in hf.holidays:
                return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date | dt.datetime, n: int) -> dt.date:
        """The ``n``-th working day after ``start``: the deadline of something
        filed on ``start`` with ``n`` working days (the filing day does not
        count). ``n = 0`` gives ``start``'s date; a negative ``n`` is refused.
        """
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}")
        day = shanghai_date(start)
        remaining = n
        while remaining:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> int:
        """Working days ``d`` with ``a < d <= b`` (the inverse of
        :meth:`add_working_days`: ``working_days_between(a, add_working_days(a, n)) == n``).

        If ``b`` is before ``a`` the result is ``-working_days_between(b, a)``
        (e.g. how many working days a deadline ``b`` was overrun by at ``a``).
        """
        a, b = shanghai_date(a), shanghai_date(b)
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return sign * count
