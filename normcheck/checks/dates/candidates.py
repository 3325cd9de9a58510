"""The candidate scan: where each date pattern matches, found from a few cheap passes over the article."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from normcheck.checks.dates.patterns import (
    ANAPHOR_PATTERN,
    DAY_MONTH_PATTERN,
    DAY_OF_MONTH_PATTERN,
    MONTH_DAY_PATTERN,
    MONTH_RELATIVE_YEAR_PATTERN,
    RELATIVE_DAY_PATTERN,
    RELATIVE_UNIT_PATTERN,
    WEEKDAY_PATTERN,
)
from normcheck.segmentation import QUOTE_OPENERS

# Needles: where a pattern may match. Each pattern runs only in windows around its needles, and only where a cheap
# test says it can match there; where every match of a pattern begins at a place its needle gives (the month name,
# the modifier before "year", "the" before "18th"), it is matched there instead of searched for. What is found is
# exactly what searching each pattern through its windows finds (tests/test_date_candidates.py). The needle passes
# are str.find over single characters and regexes that open with a literal letter: one alternation of every pattern
# has no literal to skip to and costs several times more.
_DIGITS = "0123456789"
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_MONTH_INITIALS = "JFMASOND"
_MONTH_TAILS = frozenset(("an", "eb", "ar", "ay", "pr", "un", "ul", "ug", "ep", "ct", "ov", "ec"))
_Y_NEEDLE = re.compile(r"y(?:(?<=day)|(?=ear))")  # "day" (today, Tuesday, that day) and "year"
_M_NEEDLE = re.compile(r"m(?:onth|orning)")
_W_NEEDLE = re.compile(r"w(?:(?=eek)|(?<=omorrow))")  # "week" and "tomorrow"
# Text every match of a pattern contains (in these cases, one space between the words): a window without any
# of them cannot hold a match.
_RELATIVE_DAY_TEXTS = (
    "oday",
    "esterday",
    "omorrow",
    "onight",
    "ast night",
    "his morning",
    "his afternoon",
    "his evening",
)
_ANAPHOR_TEXTS = (
    "hat day",
    "he same day",
    "he next day",
    "he following day",
    "he previous day",
    "he day before",
    "he day after",
)
# How far a weekday name begins before its "day", by the three letters before "day".
_WEEKDAY_NAME_BACK = {"Mon": 3, "ues": 4, "nes": 6, "urs": 5, "Fri": 3, "tur": 5, "Sun": 3}
_SPACE = " \t"
_PERIOD_MODIFIERS = frozenset(("this", "This", "last", "Last", "next", "Next"))  # as RELATIVE_UNIT_PATTERN has them

_Window = tuple[int, int, list[int]]  # start, end, the needle positions it was built around


def _positions(text: str, needles: Iterable[str], followed_by: frozenset[str] | None = None) -> list[int]:
    """Every position of any of the needles, in order, as repeated str.find finds them; with `followed_by` (strings
    of two characters), only those right before one of its strings."""
    found: list[int] = []
    find = text.find
    for needle in needles:
        position = find(needle)
        while position != -1:
            if followed_by is None or text[position + 1 : position + 3] in followed_by:
                found.append(position)
            position = find(needle, position + 1)
    found.sort()
    return found


def _windows(points: list[int], back: int, ahead: int, length: int) -> list[_Window]:
    """Merged spans of text reaching `back` before and `ahead` after each of the sorted points."""
    merged: list[_Window] = []
    held: list[int] = []
    window_start = window_end = 0
    for point in points:
        start = point - back if point > back else 0
        end = point + ahead if point + ahead < length else length
        if held and start <= window_end:
            held.append(point)
            if end > window_end:
                window_end = end
        else:
            if held:
                merged.append((window_start, window_end, held))
            window_start, window_end, held = start, end, [point]
    if held:
        merged.append((window_start, window_end, held))
    return merged


def _merge_windows(first: list[_Window], second: list[_Window]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end, _ in sorted(first + second, key=lambda window: (window[0], window[1])):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _contains_any(text: str, start: int, end: int, needles: tuple[str, ...]) -> bool:
    window = text[start:end]
    for needle in needles:  # noqa: SIM110 - a loop costs less than any() over a generator, and this runs per window
        if needle in window:
            return True
    return False


def _space_before(text: str, end: int, low: int) -> int:
    """Where the run of spaces and tabs that ends at `end` begins (not before `low`)."""
    while end > low and text[end - 1] in _SPACE:
        end -= 1
    return end


def _period_starts(text: str, unit: int, low: int) -> tuple[int, ...]:
    """Where "this/last/next year" can begin, given where its unit begins: four letters before the spaces, when
    they are a modifier ("the year", "coming weeks": nowhere)."""
    space = _space_before(text, unit, low)
    return (space - 4,) if space < unit and text[space - 4 : space] in _PERIOD_MODIFIERS else ()


def _day_of_month_starts(text: str, digit: int, low: int) -> tuple[int, ...]:
    """Where "the 18th" can begin, given the digit before its suffix: "the", spaces, the day's digits."""
    first = digit - 1 if digit > low and text[digit - 1] in _DIGITS else digit
    space = _space_before(text, first, low)
    return (space - 3,) if space < first else ()


def _weekday_starts(text: str, day: int, low: int) -> tuple[int, ...]:
    """Where "Tuesday" or "last Tuesday" can begin, given where its "day" begins, leftmost first."""
    back = _WEEKDAY_NAME_BACK.get(text[max(0, day - 3) : day])
    if back is None:
        return ()
    name = day - back
    space = _space_before(text, name, low)
    if space == name:
        return (name,)
    return (space - 6, space - 4, name)  # "coming Tuesday", "last Tuesday", or the name alone


def _anchored_matches(
    pattern: re.Pattern[str],
    text: str,
    windows: list[_Window],
    starts: Callable[[str, int, int], tuple[int, ...]] | None = None,
) -> list[re.Match[str]]:
    """What `pattern.finditer` finds in each window, for a pattern whose matches can begin only at the positions
    `starts(text, needle, window_start)` gives for a needle (at the needle itself when None): leftmost first,
    not overlapping, within the window."""
    found: list[re.Match[str]] = []
    for window_start, window_end, points in windows:
        reached = window_start
        for point in points:
            for start in (point,) if starts is None else starts(text, point, window_start):
                if start >= reached:
                    match = pattern.match(text, start, window_end)
                    if match is not None:
                        found.append(match)
                        reached = match.end()
                        break
    return found


@dataclass(slots=True)
class Candidates:
    """Pattern matches the mention collectors consider, each list in text order."""

    day_month: list[re.Match[str]]
    month_day: list[re.Match[str]]
    month_relative_year: list[re.Match[str]]
    day_of_month: list[re.Match[str]]
    periods: list[re.Match[str]]
    relative_days: list[re.Match[str]]
    anaphors: list[re.Match[str]]
    weekdays: list[re.Match[str]]
    month_names: list[int]  # where a month name may start: for "In October, ... on the 4th"
    quote_marks: str  # the opening quote marks the text holds, each once


def find_candidates(text: str) -> Candidates:
    """The matches of every date pattern in `text`, and where month names and quote marks stand."""
    length = len(text)
    digits = _positions(text, _DIGITS)
    ordinals = [position for position in digits if text.startswith(_ORDINAL_SUFFIXES, position + 1)]
    months = _positions(text, _MONTH_INITIALS, _MONTH_TAILS)
    days: list[int] = []
    periods: list[int] = []
    relative: list[int] = []
    for hit in _Y_NEEDLE.finditer(text):
        point = hit.start()
        if point >= 2 and text.startswith("da", point - 2):
            days.append(point - 2)
        if text.startswith("ear", point + 1):
            periods.append(point)
    for hit in _M_NEEDLE.finditer(text):
        (periods if text[hit.start() + 2] == "n" else relative).append(hit.start())
    for hit in _W_NEEDLE.finditer(text):
        point = hit.start()
        if text.startswith("eek", point + 1):
            periods.append(point)
        if point >= 6 and text.startswith("omorro", point - 6):
            relative.append(point - 6)
    relative.extend(_positions(text, ("night", "afternoon", "evening")))
    periods.sort()
    relative.sort()
    # Windows reach far enough back and ahead of each needle for the longest match around it.
    month_windows = _windows(months, 32, 40, length)
    day_windows = _windows(days, 26, 28, length)
    return Candidates(
        day_month=[
            match
            for start, end, points in month_windows
            # the day stands before the month: a digit between the window start and the last month name
            if bisect.bisect_left(digits, start) < bisect.bisect_left(digits, points[-1])
            for match in DAY_MONTH_PATTERN.finditer(text, start, end)
        ],
        month_day=_anchored_matches(MONTH_DAY_PATTERN, text, month_windows),
        month_relative_year=_anchored_matches(MONTH_RELATIVE_YEAR_PATTERN, text, month_windows),
        day_of_month=_anchored_matches(
            DAY_OF_MONTH_PATTERN, text, _windows(ordinals, 8, 6, length), _day_of_month_starts
        ),
        periods=_anchored_matches(RELATIVE_UNIT_PATTERN, text, _windows(periods, 8, 10, length), _period_starts),
        relative_days=[
            match
            for start, end in _merge_windows(day_windows, _windows(relative, 30, 30, length))
            if _contains_any(text, start, end, _RELATIVE_DAY_TEXTS)
            for match in RELATIVE_DAY_PATTERN.finditer(text, start, end)
        ],
        anaphors=[
            match
            for start, end, _ in day_windows
            if _contains_any(text, start, end, _ANAPHOR_TEXTS)
            for match in ANAPHOR_PATTERN.finditer(text, start, end)
        ],
        weekdays=_anchored_matches(WEEKDAY_PATTERN, text, day_windows, _weekday_starts),
        month_names=months,
        quote_marks="".join(mark for mark in QUOTE_OPENERS if mark in text),
    )
