"""The date check's fast paths find exactly what the plain searches they replace find.

The candidate scan matches some patterns at the place their needle gives instead of searching a window for
them, and tests windows before running the others; the future-cue finder searches a lower-cased copy with a
lower-case pattern instead of the case-blind one. Each is compared here with the plain version on generated
text full of near-misses: runs of spaces and tabs, ordinals, month-like names, weekday-like words, İ ı ſ K.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normcheck.checks.dates import patterns
from normcheck.checks.dates.candidates import find_candidates
from normcheck.checks.dates.future_tense import _FUTURE_CUE, CueWindow, cue_in_words

_MONTH_NEEDLE = re.compile(r"[JFMASOND](?:an|eb|a[ry]|pr|u[nl]|ug|ep|ct|ov|ec)")
_ORDINAL_NEEDLE = re.compile(r"[0-9](?:st|nd|rd|th)")


def _windows(points: list[int], back: int, ahead: int, length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for point in sorted(points):
        start, end = max(0, point - back), min(length, point + ahead)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _finds(text: str, *needles: str) -> list[int]:
    found = []
    for needle in needles:
        position = text.find(needle)
        while position != -1:
            found.append(position)
            position = text.find(needle, position + 1)
    return found


def _search(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[tuple[object, ...]]:
    return [(m.span(), m.groupdict()) for start, end in windows for m in pattern.finditer(text, start, end)]


def _plain_scan(text: str) -> dict[str, object]:
    """Each pattern searched through merged windows around str.find and regex needles: the first version's scan."""
    length = len(text)
    months = _windows([m.start() for m in _MONTH_NEEDLE.finditer(text)], 32, 40, length)
    days = _windows(_finds(text, "day"), 26, 28, length)
    relative: list[tuple[int, int]] = []
    for start, end in sorted(
        days + _windows(_finds(text, "omorrow", "night", "morning", "afternoon", "evening"), 30, 30, length)
    ):
        if relative and start <= relative[-1][1]:
            relative[-1] = (relative[-1][0], max(relative[-1][1], end))
        else:
            relative.append((start, end))
    return {
        "day_month": _search(patterns.DAY_MONTH_PATTERN, text, months),
        "month_day": _search(patterns.MONTH_DAY_PATTERN, text, months),
        "month_relative_year": _search(patterns.MONTH_RELATIVE_YEAR_PATTERN, text, months),
        "day_of_month": _search(
            patterns.DAY_OF_MONTH_PATTERN,
            text,
            _windows([m.start() for m in _ORDINAL_NEEDLE.finditer(text)], 8, 6, length),
        ),
        "periods": _search(
            patterns.RELATIVE_UNIT_PATTERN, text, _windows(_finds(text, "year", "month", "week"), 8, 10, length)
        ),
        "relative_days": _search(patterns.RELATIVE_DAY_PATTERN, text, relative),
        "anaphors": _search(patterns.ANAPHOR_PATTERN, text, days),
        "weekdays": _search(patterns.WEEKDAY_PATTERN, text, days),
        "month_names": [m.start() for m in _MONTH_NEEDLE.finditer(text)],
        "quote_marks": {mark for mark in '"“«„' if mark in text},
    }


# Date phrases and near-misses; the spaces inside a phrase become runs of spaces and tabs of random length.
_PHRASES = [
    *"""the The on On of to and this This last Last next coming past year years month week weekend day today Today
    yesterday tomorrow tonight night midnight morning afternoon evening Monday Tuesday Wednesday Sunday Sundays
    Bluesday January March May June Sept. Sep Nov. Dec Mariupol Dan Sun Jarl 18th 9th 1st 23rd 31st 118th 09th 19
    2020 5 - – 's ’s in Moscow said will century Army x""".split(),
    *'"“„«(),.',
    "last year",
    "this year's",
    "next month",
    "Last week",
    "this   week",
    "on the 18th",
    "the 9th of this month",
    "from the 19th to the 21st",
    "the 18th century",
    "on Tuesday",
    "last Friday",
    "coming Sunday",
    "Past Monday's",
    "next Wednesday morning",
    "Tuesday, Nov. 17",
    "Good Friday",
    "19 to 20 November",
    "the 9th of November",
    "5 May",
    "Nov. 9",
    "September 27 this year",
    "October 19th to 20th",
    "October this year",
    "March, next year",
    "June 7, 2020",
    "that day",
    "the same day",
    "the next day",
    "the day before yesterday",
    "the day after",
    "yesterday afternoon",
    "this morning",
    "this evening",
    "last night",
    "Today",
    "local time",
]
_SPACES = ("", " ", " ", " ", "  ", "   ", "\t", " \t ", "     ", "         ")
_SEPARATORS = (" ", " ", " ", "  ", "\t", "", "\n", "\n\n", ", ", ". ")


@st.composite
def _texts(draw: st.DrawFn) -> str:
    parts = []
    for phrase in draw(st.lists(st.sampled_from(_PHRASES), max_size=30)):
        words = phrase.split(" ")
        parts.append("".join(word + draw(st.sampled_from(_SPACES[1:])) for word in words[:-1]) + words[-1])
        parts.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(parts)


@settings(max_examples=600, deadline=None)
@given(_texts())
def test_candidate_scan_finds_what_searching_each_window_finds(text: str) -> None:
    candidates = find_candidates(text)
    plain = _plain_scan(text)
    for name in ("day_month", "month_day", "month_relative_year", "day_of_month", "periods", "relative_days"):
        assert [(m.span(), m.groupdict()) for m in getattr(candidates, name)] == plain[name], name
    for name in ("anaphors", "weekdays"):
        assert [(m.span(), m.groupdict()) for m in getattr(candidates, name)] == plain[name], name
    assert candidates.month_names == plain["month_names"]
    assert set(candidates.quote_marks) == plain["quote_marks"]


_CUE_WORDS = [
    *(
        "will would shall 'll we'll is are to due scheduled expected set plans plan planned upcoming be held take place "
        "going slated willing swill WILL Will x the İs ıs ſet ta\u212ae é “ ’ll _will 2will will_ "
        "ends expires begins starts opens closes lasts runs until takes effect comes into force ENDS ſtarts friends "
        "hope hopes hoped aim aims intend intends claim HOPED from"
    ).split(),
    *"-,.",
]
_cue_texts = st.lists(
    st.tuples(st.sampled_from(_CUE_WORDS), st.sampled_from((" ", " ", "  ", "\t", "\n", "", "'", "-"))), max_size=16
).map(lambda parts: "".join(word + separator for word, separator in parts))


@settings(max_examples=400, deadline=None)
@given(_cue_texts, st.data())
def test_future_cues_match_the_case_blind_pattern(text: str, data: st.DataObject) -> None:
    low = data.draw(st.integers(0, len(text)))
    high = data.draw(st.integers(low, len(text)))
    start = data.draw(st.integers(low, high))
    end = data.draw(st.integers(start, high))
    window = CueWindow(text, low, high)
    assert window.search(start, end) == (_FUTURE_CUE.search(text, start, end) is not None)
    expected = [start + m.end() for m in _FUTURE_CUE.finditer(text[start:end])]
    assert window.cue_ends_in_slice(start, end) == expected
    words = " ".join(text[start:end].split()[:8])
    assert cue_in_words(words) == (_FUTURE_CUE.search(words) is not None)
