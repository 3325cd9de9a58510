"""Calendar arithmetic for resolving relative dates: the latest day N, the next Tuesday, a month back."""

from __future__ import annotations

import calendar
import datetime as dt

WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February of a leap year: 29


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    # A table and isleap, not calendar.monthrange: that also works out the weekday, and this runs for every date.
    if not 1 <= day <= _DAYS_IN_MONTH[month] + (month == 2 and calendar.isleap(year)):
        return None
    return dt.date(year, month, day)


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def day_on_or_before(anchor: dt.date, day: int) -> dt.date | None:
    """The latest date on or before `anchor` whose day of month is `day` (the news convention for "the 18th")."""
    if not 1 <= day <= 31:
        return None
    year, month = anchor.year, anchor.month
    for _ in range(12):
        candidate = valid_date(year, month, day)
        if candidate is not None and candidate <= anchor:
            return candidate
        year, month = shift_month(year, month, -1)
    return None


def day_on_or_after(anchor: dt.date, day: int) -> dt.date | None:
    """The earliest date on or after `anchor` whose day of month is `day` ("will be held on the 25th")."""
    if not 1 <= day <= 31:
        return None
    year, month = anchor.year, anchor.month
    for _ in range(12):
        candidate = valid_date(year, month, day)
        if candidate is not None and candidate >= anchor:
            return candidate
        year, month = shift_month(year, month, 1)
    return None


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_before(anchor: dt.date, weekday: int) -> dt.date:
    """Strictly before: "last Friday" published on a Friday is a week ago."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def week_of(anchor: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week `weeks` away from the one holding `anchor`."""
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=weeks)
    return monday, monday + dt.timedelta(days=6)


def iso_with_weekday(day: dt.date, year_known: bool = True) -> str:
    text = day.isoformat() if year_known else f"--{day.month:02d}-{day.day:02d}"
    return f"{text} ({WEEKDAY_ABBREVIATIONS[day.weekday()]})" if year_known else text
