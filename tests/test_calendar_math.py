"""Calendar arithmetic behind the resolutions."""

from __future__ import annotations

import datetime as dt

from normcheck.calendar_math import (
    day_on_or_after,
    day_on_or_before,
    shift_month,
    week_of,
    weekday_after,
    weekday_before,
    weekday_on_or_after,
    weekday_on_or_before,
)


def test_latest_day_of_month_skips_months_too_short() -> None:
    assert day_on_or_before(dt.date(2020, 11, 19), 18) == dt.date(2020, 11, 18)
    assert day_on_or_before(dt.date(2020, 11, 19), 19) == dt.date(2020, 11, 19)
    assert day_on_or_before(dt.date(2020, 12, 2), 30) == dt.date(2020, 11, 30)
    assert day_on_or_before(dt.date(2020, 12, 2), 31) == dt.date(2020, 10, 31)  # November has no 31st
    assert day_on_or_before(dt.date(2021, 1, 3), 29) == dt.date(2020, 12, 29)
    assert day_on_or_before(dt.date(2021, 3, 1), 29) == dt.date(2021, 1, 29)  # no Feb. 29 in 2021
    assert day_on_or_before(dt.date(2021, 3, 1), 32) is None


def test_next_day_of_month() -> None:
    assert day_on_or_after(dt.date(2020, 11, 19), 25) == dt.date(2020, 11, 25)
    assert day_on_or_after(dt.date(2020, 11, 19), 5) == dt.date(2020, 12, 5)
    assert day_on_or_after(dt.date(2020, 12, 30), 2) == dt.date(2021, 1, 2)


def test_weekdays() -> None:
    thursday = dt.date(2020, 11, 19)
    assert weekday_on_or_before(thursday, 1) == dt.date(2020, 11, 17)
    assert weekday_on_or_before(thursday, 3) == thursday
    assert weekday_before(thursday, 3) == dt.date(2020, 11, 12)  # "last Thursday" on a Thursday
    assert weekday_before(thursday, 4) == dt.date(2020, 11, 13)
    assert weekday_on_or_after(thursday, 0) == dt.date(2020, 11, 23)
    assert weekday_after(thursday, 3) == dt.date(2020, 11, 26)


def test_months_and_weeks() -> None:
    assert shift_month(2020, 1, -1) == (2019, 12)
    assert shift_month(2020, 11, 2) == (2021, 1)
    assert week_of(dt.date(2020, 11, 19), -1) == (dt.date(2020, 11, 9), dt.date(2020, 11, 15))
