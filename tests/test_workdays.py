"""Working days: chinesecalendar for the years it knows, a holiday file after."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import chinese_calendar
import pytest

from gateway.workdays import (
    HolidayFileError,
    WorkingCalendar,
    load_holiday_file,
    shanghai_date,
    to_shanghai,
    to_utc,
)

D = dt.date
UTC = dt.timezone.utc

HOLIDAYS_2027 = """\
# 2027, as the data authority entered it
2027-01-01 holiday 元旦   # a Friday
2027-02-07 workday 春节调休  (a working Sunday)
"""


@pytest.fixture
def holiday_file(tmp_path: Path) -> Path:
    path = tmp_path / "holidays.txt"
    path.write_text(HOLIDAYS_2027, encoding="utf-8")
    return path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "h.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- years chinesecalendar knows --------------------------------------------


def test_package_agrees_with_the_national_day_case() -> None:
    assert not any(chinese_calendar.is_workday(D(2026, 10, d)) for d in range(1, 8))
    assert chinese_calendar.is_workday(D(2026, 10, 8))
    assert chinese_calendar.is_workday(D(2026, 10, 10))  # adjusted working Saturday
    assert not chinese_calendar.is_workday(D(2026, 10, 11))


def test_national_day_deadline() -> None:
    cal = WorkingCalendar()
    assert cal.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert cal.is_working_day(D(2026, 10, 10))
    assert cal.warnings == [] and cal.fallback_years == []


def test_zero_days_and_negative() -> None:
    cal = WorkingCalendar()
    assert cal.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 10, 3), -1)


def test_working_days_between_inverts_add() -> None:
    cal = WorkingCalendar()
    start = D(2026, 9, 30)
    for n in range(0, 12):
        assert cal.working_days_between(start, cal.add_working_days(start, n)) == n
    assert cal.working_days_between(D(2026, 9, 30), D(2026, 10, 13)) == 5
    assert cal.working_days_between(D(2026, 10, 13), D(2026, 9, 30)) == -5
    assert cal.working_days_between(D(2026, 10, 1), D(2026, 10, 7)) == 0


def test_an_instant_counts_on_its_shanghai_date() -> None:
    cal = WorkingCalendar()
    # 2026-10-09 16:30 UTC is 2026-10-10 00:30 in Shanghai (a working Saturday).
    filed = dt.datetime(2026, 10, 9, 16, 30, tzinfo=UTC)
    assert shanghai_date(filed) == D(2026, 10, 10)
    assert cal.add_working_days(filed, 1) == D(2026, 10, 12)
    assert cal.is_working_day(filed)


# --- fallback years -----------------------------------------------------------


def test_2027_without_holiday_file_is_monday_to_friday(caplog) -> None:
    cal = WorkingCalendar()
    with caplog.at_level(logging.WARNING, logger="datagate.workdays"):
        assert cal.is_working_day(D(2027, 1, 1))  # a Friday
        assert not cal.is_working_day(D(2027, 2, 7))  # a Sunday
        assert cal.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 8)
    assert cal.fallback_years == [2027]
    [msg] = cal.warnings
    assert "2027" in msg and "Monday-Friday only" in msg and "no holiday file" in msg
    assert "knows up to 2026" in msg
    records = [r for r in caplog.records if r.name == "datagate.workdays"]
    assert [r.getMessage() for r in records] == [msg]  # once per year


def test_2027_with_holiday_file(holiday_file: Path, caplog) -> None:
    cal = WorkingCalendar(holiday_file)
    with caplog.at_level(logging.WARNING, logger="datagate.workdays"):
        assert not cal.is_working_day(D(2027, 1, 1))
        assert cal.is_working_day(D(2027, 2, 7))
        assert cal.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 7)
        cal.add_working_days(D(2027, 3, 1), 20)
    assert cal.warnings == [
        f"working days for 2027 come from the holiday file {holiday_file} only; "
        "chinesecalendar knows up to 2026"
    ]
    assert len([r for r in caplog.records if r.name == "datagate.workdays"]) == 1


def test_crossing_into_2027(holiday_file: Path) -> None:
    filed = D(2026, 12, 28)  # Monday
    assert WorkingCalendar().add_working_days(filed, 5) == D(2027, 1, 4)
    cal = WorkingCalendar(holiday_file)
    assert cal.add_working_days(filed, 5) == D(2027, 1, 5)
    assert cal.working_days_between(filed, D(2027, 1, 5)) == 5
    assert cal.fallback_years == [2027]


def test_year_missing_from_holiday_file_is_flagged(holiday_file: Path) -> None:
    cal = WorkingCalendar(holiday_file)
    assert cal.check_years(2026, 2027, 2028) == cal.warnings
    assert cal.fallback_years == [2027, 2028]
    assert "lists no dates in 2028" in cal.warnings[1]


def test_holiday_file_ranges_and_adjusted_days(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "2027-02-06..2027-02-12 休 春节\n"
        "2027-02-07 班\n"
        "\n# 2026 entries are ignored: the package knows 2026\n"
        "2026-10-12 holiday\n",
    )
    hf = load_holiday_file(path)
    assert D(2027, 2, 7) in hf.workdays and D(2027, 2, 7) not in hf.holidays
    assert D(2027, 2, 12) in hf.holidays
    cal = WorkingCalendar(path)
    assert cal.is_working_day(D(2026, 10, 12))
    assert "2026" in cal.notes[0]
    assert cal.add_working_days(D(2027, 2, 5), 2) == D(2027, 2, 15)


# --- malformed files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("2027-01-01 holiday\n2027-13-01 holiday\n", 2, "bad date"),
        ("# ok\n\n2027-01-01 vacation\n", 3, "unknown kind"),
        ("2027-01-01\n", 1, "expected"),
        ("2027-01-10..2027-01-01 holiday\n", 1, "ends before"),
        ("2027-01-01 holiday\n2027-01-01 workday\n", 2, "also declared holiday on line 1"),
    ],
)
def test_malformed_file_names_the_line(tmp_path: Path, text: str, line: int, why: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(HolidayFileError) as err:
        WorkingCalendar(path)
    assert f"{path}, line {line}:" in str(err.value)
    assert why in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(HolidayFileError, match="cannot read"):
        WorkingCalendar(tmp_path / "nope.txt")


# --- time zones -----------------------------------------------------------------


def test_time_zone_helpers() -> None:
    instant = dt.datetime(2026, 12, 31, 20, 0, tzinfo=UTC)
    sh = to_shanghai(instant)
    assert (sh.date(), sh.hour, sh.utcoffset()) == (D(2027, 1, 1), 4, dt.timedelta(hours=8))
    assert to_utc(sh) == instant and to_utc(sh).tzinfo is UTC
    assert shanghai_date(D(2026, 1, 1)) == D(2026, 1, 1)
    with pytest.raises(ValueError, match="naive"):
        to_shanghai(dt.datetime(2026, 1, 1))
