"""Resolution: a mention and an anchor date give a calendar date (a pure function, so a fix can be tested
against other anchors)."""

from __future__ import annotations

import datetime as dt

from normcheck.calendar_math import (
    day_on_or_after,
    day_on_or_before,
    shift_month,
    valid_date,
    week_of,
    weekday_after,
    weekday_before,
    weekday_on_or_after,
    weekday_on_or_before,
)
from normcheck.checks.dates.mentions import (
    ANAPHOR,
    DATELINE,
    DAY,
    FULL,
    MONTH_DAY,
    MONTH_YEAR_RELATIVE,
    PERIOD,
    RELATIVE_DAY_KIND,
    WEEKDAY,
    Mention,
    Resolved,
)
from normcheck.checks.dates.patterns import NEAR_FUTURE_DAYS, PROVISIONAL_YEARS, REPORTED_PLAN_DAYS
from normcheck.checks.dates.sentences import sentence_ends_between
from normcheck.publication import PublicationDate


def anchor_dates(anchor: PublicationDate) -> list[dt.date]:
    """The anchor, or (a dateline without a year) the same month and day in several years."""
    if anchor.date is not None:
        return [anchor.date]
    if not anchor.known:
        return []
    month, day_of_month = anchor.month or 1, anchor.day or 1
    return [day for year in PROVISIONAL_YEARS if (day := valid_date(year, month, day_of_month)) is not None]


def resolve_all(text: str, mentions: list[Mention], dateline: Mention | None, anchor: dt.date) -> list[Resolved | None]:
    """Every mention in text order, against `anchor`: "that day" refers back to the dates before it."""
    results: list[Resolved | None] = []
    days: list[tuple[Mention, Resolved]] = []  # day-level dates so far, for "that day"
    if dateline is not None:
        resolved_dateline = _resolve_month_day(dateline, anchor)
        if resolved_dateline is not None:
            days.append((dateline, resolved_dateline))
    for mention in mentions:
        resolved = _resolve(text, mention, anchor, days)
        results.append(resolved)
        if resolved is not None and resolved.unit == "day":
            days.append((mention, resolved))
    return results


def resolve_alone(m: Mention, anchor: dt.date) -> Resolved | None:
    """A mention that refers back to no other date, resolved on its own."""
    return _resolve("", m, anchor, [])


def _resolve(text: str, m: Mention, anchor: dt.date, days: list[tuple[Mention, Resolved]]) -> Resolved | None:
    kind = m.kind
    if kind == FULL:
        day = valid_date(m.year or 0, m.month or 0, m.day)
        return Resolved(day, "day", basis="explicit") if day else None
    if kind in (MONTH_DAY,) or (kind == DAY and m.month is not None and m.month_offset is None):
        return _resolve_month_day(m, anchor)
    if kind == DAY:
        return _resolve_day(m, anchor)
    if kind == MONTH_YEAR_RELATIVE:
        return Resolved(dt.date(anchor.year + (m.year_offset or 0), m.month or 1, 1), "month", basis="offset")
    if kind == PERIOD:
        if m.unit == "year":
            return Resolved(dt.date(anchor.year + m.offset, 1, 1), "year", basis="offset")
        if m.unit == "month":
            year, month = shift_month(anchor.year, anchor.month, m.offset)
            return Resolved(dt.date(year, month, 1), "month", basis="offset")
        monday, sunday = week_of(anchor, m.offset)
        if m.unit == "weekend":  # Saturday and Sunday of that week; like a week, never rewritten
            return Resolved(sunday - dt.timedelta(days=1), "week", sunday, basis="offset")
        return Resolved(monday, "week", sunday, basis="offset")
    if kind == RELATIVE_DAY_KIND:
        return Resolved(anchor + dt.timedelta(days=m.offset), "day", basis="offset")
    if kind == WEEKDAY:
        if m.modifier == "last":
            day = weekday_before(anchor, m.weekday)
        elif m.modifier == "next":
            day = weekday_after(anchor, m.weekday)
        elif m.future:
            day = weekday_on_or_after(anchor, m.weekday)
        else:
            day = weekday_on_or_before(anchor, m.weekday)
        basis = m.modifier if m.modifier in ("last", "next") else "future" if m.future else "past"
        return Resolved(day, "day", basis=basis, convention=True)
    if kind == ANAPHOR:
        found = _antecedent(text, m, days)
        if found is None:
            return None
        antecedent, resolved = found
        return Resolved(
            resolved.start + dt.timedelta(days=m.offset),
            "day",
            basis="antecedent",
            convention=True,
            antecedent=antecedent.start,
        )
    return None


def _resolve_month_day(m: Mention, anchor: dt.date) -> Resolved | None:
    """A month and day: the year as stated, counted ("this year"), or the one the plain reading gives."""
    month = m.month or 1
    convention = False
    if m.year is not None:
        year, basis = m.year, "explicit"
    elif m.year_offset is not None:
        year, basis = anchor.year + m.year_offset, "offset"
    else:
        year, basis = anchor.year, "publication-year"
        if valid_date(year, month, m.day) is None:  # Feb. 29 outside a leap year: the nearest leap year
            step = 1 if m.future else -1
            while valid_date(year, month, m.day) is None and abs(year - anchor.year) < 8:
                year += step
            basis, convention = "inferred-year", True
        same = valid_date(year, month, m.day)
        if same is None:
            return None
        if m.deadline:
            # A deadline is set ahead of time: the publication year, before or after publication ("had set Sept. 11
            # as the deadline" in July; "missed the March 1 deadline" in July). Which year is a reading: not safe.
            basis, convention = "deadline", True
        elif m.end_point and not m.future and not m.period_over:
            # The end of a period still running ("banning gatherings until Feb. 2"): the nearer of this year's and
            # last year's, and only a reading.
            previous = valid_date(year - 1, month, m.day)
            if same > anchor and previous is not None:
                year = _nearer(anchor, previous, same).year
            basis, convention = "end-point", True
        elif not m.future and same > anchor and (m.past or (same - anchor).days > NEAR_FUTURE_DAYS):
            year, basis, convention = year - 1, "inferred-year", True
        # A month and day up to half a year ahead is this year's unless a past verb governs it ("the World Cup, which
        # Russia hosts from June 14", published March 30; but "the previous summit, held on September 17").
        elif m.future and same < anchor and (anchor - same).days > REPORTED_PLAN_DAYS:
            year, basis, convention = year + 1, "inferred-year", True
        # A recent past date in the future tense ("will ceasefire on Nov. 10", reported on Nov. 19) is a
        # plan reported after the fact: this year, as the plain reading says.
    if m.kind == DAY:
        # Which month the sentence means for "the 4th" is a reading of the sentence, not arithmetic.
        basis, convention = ("stated-month" if basis == "publication-year" else basis), True
    start = valid_date(year, month, m.day)
    if start is None:
        return None
    if m.end_day is not None:
        end = valid_date(year, month, m.end_day)
        return Resolved(start, "range", end, basis, convention) if end else None
    return Resolved(start, "day", basis=basis, convention=convention)


def _resolve_day(m: Mention, anchor: dt.date) -> Resolved | None:
    if m.month_offset is not None:
        year, month = shift_month(anchor.year, anchor.month, m.month_offset)
        start = valid_date(year, month, m.day)
        basis, convention = "offset", False
    elif m.future:
        start = day_on_or_after(anchor, m.day)
        basis, convention = "future", True
    else:
        start = day_on_or_before(anchor, m.day)
        basis = "past"
        convention = start is not None and (start.year, start.month) != (anchor.year, anchor.month)
        if m.end_point and not m.period_over:
            # The end of a period still running ("a week of mourning, to last until the 4th") lies ahead as often as
            # behind: the nearer of the two is the reading (the earlier on a tie), and only a reading.
            ahead = day_on_or_after(anchor, m.day)
            start = _nearer(anchor, start, ahead) if start and ahead else start or ahead
            basis, convention = "end-point", True
    if start is None:
        return None
    if m.end_day is not None:
        end = valid_date(start.year, start.month, m.end_day)
        return Resolved(start, "range", end, basis, convention) if end else None
    return Resolved(start, "day", basis=basis, convention=convention)


def _nearer(anchor: dt.date, earlier: dt.date, later: dt.date) -> dt.date:
    """Of a date before the anchor and one after it, the nearer; the earlier on a tie."""
    return later if later - anchor < anchor - earlier else earlier


def _antecedent(text: str, m: Mention, days: list[tuple[Mention, Resolved]]) -> tuple[Mention, Resolved] | None:
    before = [(other, resolved) for other, resolved in days if other.start < m.start]
    if not before:
        return None
    # The nearest date in the same sentence, else in the sentence before, else the latest date that opens
    # a sentence, else the latest date the copy sets; the dateline only when the copy has set none before.
    nearest, resolved = before[-1]
    if nearest.kind == DATELINE:
        return nearest, resolved
    if sentence_ends_between(text, nearest.end, m.start) <= 1 or text.find("\n", nearest.end, m.start) == -1:
        return nearest, resolved  # the same or the previous sentence, or the same line (paragraph)
    topics = [item for item in before if item[0].topic and item[0].kind != DATELINE]
    return topics[-1] if topics else before[-1]
