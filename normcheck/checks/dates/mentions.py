"""What the scan finds: the kinds of date mention, a mention and its facts, a resolved date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from normcheck.checks.dates.rules import (
    ANAPHORIC_DAY,
    DAY_WITHOUT_MONTH,
    MONTH_DAY_WITHOUT_YEAR,
    RELATIVE_DAY,
    RELATIVE_PERIOD,
    WEEKDAY_WITHOUT_DATE,
)
from normcheck.publication import MONTH_NUMBERS

DAY = "day"  # the 18th
MONTH_DAY = "month-day"  # September 27, the 9th of November, October 19th to 20th
FULL = "full"  # Nov. 9, 2020 (never reported; a date later mentions may refer back to)
MONTH_YEAR_RELATIVE = "month-relative-year"  # October this year
PERIOD = "period"  # this year, last month, next week
RELATIVE_DAY_KIND = "relative-day"  # yesterday
ANAPHOR = "anaphor"  # that day
WEEKDAY = "weekday"  # last Friday
DATELINE = "dateline"

# Kinds whose rewrite may begin in lower case ("on Nov. 18", "in 2020"): at a sentence start it is capitalised.
LOWER_CASE_KINDS = frozenset((RELATIVE_DAY_KIND, ANAPHOR, WEEKDAY, PERIOD))

RULE_OF_KIND = {
    DAY: DAY_WITHOUT_MONTH,
    MONTH_DAY: MONTH_DAY_WITHOUT_YEAR,
    MONTH_YEAR_RELATIVE: RELATIVE_PERIOD,
    PERIOD: RELATIVE_PERIOD,
    RELATIVE_DAY_KIND: RELATIVE_DAY,
    ANAPHOR: ANAPHORIC_DAY,
    WEEKDAY: WEEKDAY_WITHOUT_DATE,
}


@dataclass(slots=True)
class Mention:
    """A date expression and the facts about it."""

    kind: str
    start: int
    end: int
    day: int = 0
    end_day: int | None = None
    month: int | None = None
    year: int | None = None
    sep: str = ""
    offset: int = 0  # relative offset in the mention's unit
    year_offset: int | None = None  # "September 27 this year": 0; "May 9 last year": -1
    month_offset: int | None = None  # "the 9th of last month": -1
    unit: str = ""  # period: year, month, week
    weekday: int = -1
    modifier: str = ""  # weekday: "", this, last, next
    part: str = ""  # morning, afternoon, evening, night
    possessive: str = ""  # the apostrophe-s as written
    before: str | None = None  # the word before, lower-cased and stripped of punctuation, once looked at
    future: bool = False
    deadline: bool = False  # named as a deadline: a planned date, read in the year of publication
    end_point: bool = False  # "until the 4th": the end of a period, which lies ahead as often as behind
    period_over: bool = False  # an end point after a verb that says the period is over: "lasted until the 4th"
    past: bool = False  # a past verb governs it in its clause: "the summit held in Dushanbe on September 17"
    needs_preposition: bool = False
    capital: bool = False
    topic: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Resolved:
    start: dt.date
    unit: str  # day, range, month, year, week
    end: dt.date | None = None
    basis: str = ""  # how: past, future, offset, antecedent, explicit, inferred-year, stated-month
    convention: bool = False
    antecedent: int = -1  # where the date "that day" refers back to stands


def month_number(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]
