"""The date rules and their documentation (what, why, example, fix safety)."""

from __future__ import annotations

from normcheck.finding import Applicability, Severity
from normcheck.rules import Rule

_SAFETY = (
    "Safe only when a publication date is known and the resolution is unambiguous: the rewritten text comes "
    "out the same if the original was written up to two days before publication (translation lag), and no "
    "convention was needed to pick the date. Otherwise unsafe (--unsafe-fixes). Quoted mentions and mentions "
    "without a publication date are reported without a fix."
)

DAY_WITHOUT_MONTH = Rule(
    code="NC201",
    name="day-without-month",
    summary='A day of the month with no month ("on the 18th")',
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    what='Finds "the 18th", "the 9th of this month", "from the 19th to the 20th" used as dates (after "on", '
    '"by", "since", "until" ...), not as ordinals ("the 18th century", "the 9th Army"). Resolves to the month '
    "a date in the same sentence gives, else to the latest such day on or before the publication date, or the "
    'next one when the sentence speaks of the future; the end of a period ("until the 4th") to the nearer of the '
    'two, unless a verb says the period is over ("lasted until the 4th").',
    why="A calque of Chinese and Russian dating (18日, 18-го): the English reader, and the archive, cannot tell the month.",
    example_before="On the 18th local time, the president disclosed more details. (published 2020-11-19)",
    example_after="On Nov. 18 local time, the president disclosed more details.",
    fix_safety=_SAFETY + ' "The 9th" in a Nov. 19 article is safe; "the 18th" is not (written on Nov. 17, it '
    "would have meant Oct. 18); a day in the previous month is never safe, nor the end of a period that may still "
    'be running ("until the 4th": a week of mourning declared on Dec. 30 ends on Jan. 4).',
    fix_varies=True,
)
MONTH_DAY_WITHOUT_YEAR = Rule(
    code="NC202",
    name="month-day-without-year",
    summary="A month and day whose year is not obvious, or that is not written in house style",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what='Finds "September 27", "November 9th", "the 9th of November", "October 19th to 20th" and "September 27 '
    'this year" when the year is not the publication year by the plain reading (a date after the publication '
    "date that a past verb governs or that lies more than half a year ahead, a past date spoken of in the "
    'future tense; a date named as a deadline is read in the publication year, "set Sept. 11 as the deadline" '
    "published in July), or when house style writes them differently "
    '("Nov. 9", no ordinal, the year only when it differs). Dates that carry a year are left alone.',
    why="The same date written three ways in one story looks careless; a date with no year misleads archive readers.",
    example_before="On September 27 this year, a new round of conflict broke out. (published 2020-11-19)",
    example_after="On Sept. 27, a new round of conflict broke out.",
    fix_safety=_SAFETY + " Rewriting a date whose year is the publication year by the plain reading is safe; a "
    "year inferred across New Year (Dec. 29 in a Jan. 3 article) or against the tense is unsafe.",
    fix_varies=True,
)
RELATIVE_PERIOD = Rule(
    code="NC203",
    name="relative-year-month-week",
    summary='"this year", "last month", "earlier this week": a period relative to publication',
    severity=Severity.INFO,
    fix=Applicability.SAFE,
    what='Finds "this/last/next year", "this/last/next month", "this/last/next week", "this/last/next weekend" '
    '(also inside "earlier this month", "the end of last year", "this year\'s") and "October this year". Years '
    'and months are rewritten ("in 2020", "earlier in November", "compared with 2019", "the 2020 harvest"); weeks '
    "and weekends are reported with their dates (a weekend: that week's Saturday and Sunday), not rewritten.",
    why='Read a year later, "last month" points at the wrong month.',
    example_before="Trade between the two countries grew by 12 percent last year. (published 2020-11-19)",
    example_after="Trade between the two countries grew by 12 percent in 2019.",
    fix_safety=_SAFETY + " Years and months are safe except in the first two days of a year or month.",
    fix_varies=True,
)
RELATIVE_DAY = Rule(
    code="NC204",
    name="relative-day",
    summary='"today", "yesterday", "tomorrow", "last night": a day relative to publication',
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    what='Finds "today", "yesterday", "tomorrow", "the day before yesterday", "the day after tomorrow", "tonight", '
    '"last night", "this morning", "this afternoon", "this evening", "yesterday afternoon" and rewrites them as dates ("on Nov. 18", "on the '
    'afternoon of Nov. 18", "the Nov. 18 talks" for "yesterday\'s talks"). "Today" meaning nowadays ("the world '
    'today", "even today") is left alone.',
    why='Translated copy is published a day or more after its source: its "yesterday" is often not the reader\'s.',
    example_before="The foreign ministry said yesterday that talks would continue. (published 2020-11-19)",
    example_after="The foreign ministry said on Nov. 18 that talks would continue.",
    fix_safety=_SAFETY + " A day relative to publication always depends on when the source was written: never safe.",
)
ANAPHORIC_DAY = Rule(
    code="NC205",
    name="that-day",
    summary='"that day", "the same day", "the next day": a day relative to a date the text set',
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    what='Finds "that day", "the same day", "the next day", "the following day", "the previous day", "the day '
    'before/after" and resolves them against the date the text itself set: a date earlier in the same sentence, '
    "else in the previous sentence, else the latest date that opens a sentence (or the dateline). Not against "
    'the publication date. "The same day as the vote", "the next day or two" are left alone.',
    why="A calque of 当天/в тот же день: after an edit moves paragraphs, nobody knows which day it was.",
    example_before="On the 18th, the president gave an interview. ... In the interview that day, he disclosed details.",
    example_after="On Nov. 18, the president gave an interview. ... In the interview on Nov. 18, he disclosed details.",
    fix_safety=_SAFETY + " Which date the text refers back to is a judgement: never safe.",
)
WEEKDAY_WITHOUT_DATE = Rule(
    code="NC206",
    name="weekday-without-date",
    summary='A weekday with no date ("on Tuesday", "last Friday", "next Monday")',
    severity=Severity.INFO,
    fix=Applicability.UNSAFE,
    what="Finds weekday names used as dates, resolved to the most recent such day on or before the publication "
    'date (or the next one when the sentence speaks of the future or the weekday follows "starting", "beginning" '
    'or "effective"; "last"/"next" count strictly). Weekdays '
    'with a date ("Tuesday, Nov. 17"), in names ("Good Friday", "Black Friday", "Sunday Times"), plural or '
    'habitual ("on Mondays", "every Friday", "Friday prayers") are left alone. A style that writes weekdays '
    "for the past week (ap-weekday) reports only those outside it.",
    why='A weekday means nothing a week later, and "last Friday" is ambiguous even on the day.',
    example_before="The two sides exchanged prisoners on Tuesday. (published 2020-11-19)",
    example_after="The two sides exchanged prisoners on Nov. 17.",
    fix_safety=_SAFETY + " Which Tuesday is meant is a convention: never safe.",
)
LOCAL_TIME_CALQUE = Rule(
    code="NC207",
    name="local-time-after-date",
    summary='"local time" after a date with no clock time ("on the 18th local time")',
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what='Finds "local time" (also ", local time," and "(local time)") right after a date, with no clock time. '
    'With a clock time ("at 10 a.m. local time") it is good English and left alone. When a place follows '
    '("local time in Moscow") it is reported without a fix.',
    why="A calque of 当地时间/по местному времени: attached to a date it tells the English reader nothing.",
    example_before="On Nov. 18 local time, the ministry said the truce held.",
    example_after="On Nov. 18, the ministry said the truce held.",
    fix_safety="Safe: dropping the words changes no date. Needs no publication date.",
)
RULES = (
    DAY_WITHOUT_MONTH,
    MONTH_DAY_WITHOUT_YEAR,
    RELATIVE_PERIOD,
    RELATIVE_DAY,
    ANAPHORIC_DAY,
    WEEKDAY_WITHOUT_DATE,
    LOCAL_TIME_CALQUE,
)
