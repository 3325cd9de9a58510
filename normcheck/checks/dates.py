"""Ambiguous relative dates: find them, resolve them against the publication date, rewrite them in house style.

The scan finds every date expression of the copy (headlines and the dateline aside), including explicit
ones that need no fix: they are what "that day" and "the next day" refer back to. Resolution is a pure
function of the mentions and an anchor date, which lets the check ask two questions of every fix by
resolving again against other anchors:

- Is it resolvable? With a dateline that gives no year, the answer must not depend on the year.
- Is it safe? The fix must come out the same if the original was written up to two days before the
  publication date (translated copy often appears a day or two after its source), and must not rest on a
  convention (the latest such day, the most recent Tuesday, the date "that day" refers back to, a year
  inferred across New Year or against the tense of the sentence). Quoted mentions are never rewritten.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from normcheck.calendar_math import (
    day_on_or_after,
    day_on_or_before,
    iso_with_weekday,
    shift_month,
    valid_date,
    week_of,
    weekday_after,
    weekday_before,
    weekday_on_or_after,
    weekday_on_or_before,
)
from normcheck.context import CheckContext
from normcheck.date_style import DateStyle
from normcheck.document import Document
from normcheck.finding import Applicability, Edit, Finding, Fix, Severity
from normcheck.publication import (
    MONTH_NUMBERS,
    PublicationDate,
    find_dateline,
    find_publication_date,
    publication_date_in,
)
from normcheck.rules import Rule
from normcheck.segmentation import ABBREVIATIONS

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
    "next one when the sentence speaks of the future.",
    why="A calque of Chinese and Russian dating (18日, 18-го): the English reader, and the archive, cannot tell the month.",
    example_before="On the 18th local time, the president disclosed more details. (published 2020-11-19)",
    example_after="On Nov. 18 local time, the president disclosed more details.",
    fix_safety=_SAFETY + ' "The 9th" in a Nov. 19 article is safe; "the 18th" is not (written on Nov. 17, it '
    "would have meant Oct. 18); a day in the previous month is never safe.",
)
MONTH_DAY_WITHOUT_YEAR = Rule(
    code="NC202",
    name="month-day-without-year",
    summary="A month and day whose year is not obvious, or that is not written in house style",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what='Finds "September 27", "November 9th", "the 9th of November", "October 19th to 20th" and "September 27 '
    'this year" when the year is not the publication year by the plain reading (a date after the publication '
    "date, a past date spoken of in the future tense), or when house style writes them differently "
    '("Nov. 9", no ordinal, the year only when it differs). Dates that carry a year are left alone.',
    why="The same date written three ways in one story looks careless; a date with no year misleads archive readers.",
    example_before="On September 27 this year, a new round of conflict broke out. (published 2020-11-19)",
    example_after="On Sept. 27, a new round of conflict broke out.",
    fix_safety=_SAFETY + " Rewriting a date whose year is the publication year by the plain reading is safe; a "
    "year inferred across New Year (Dec. 29 in a Jan. 3 article) or against the tense is unsafe.",
)
RELATIVE_PERIOD = Rule(
    code="NC203",
    name="relative-year-month-week",
    summary='"this year", "last month", "earlier this week": a period relative to publication',
    severity=Severity.INFO,
    fix=Applicability.SAFE,
    what='Finds "this/last/next year", "this/last/next month", "this/last/next week" (also inside "earlier this '
    'month", "the end of last year", "this year\'s") and "October this year". Years and months are rewritten '
    '("in 2020", "earlier in November", "the 2020 harvest"); weeks are reported with their dates, not rewritten.',
    why='Read a year later, "last month" points at the wrong month.',
    example_before="Trade between the two countries grew by 12 percent last year. (published 2020-11-19)",
    example_after="Trade between the two countries grew by 12 percent in 2019.",
    fix_safety=_SAFETY + " Years and months are safe except in the first two days of a year or month.",
)
RELATIVE_DAY = Rule(
    code="NC204",
    name="relative-day",
    summary='"today", "yesterday", "tomorrow", "last night": a day relative to publication',
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    what='Finds "today", "yesterday", "tomorrow", "the day before yesterday", "the day after tomorrow", "tonight", '
    '"last night", "this morning", "yesterday afternoon" and rewrites them as dates ("on Nov. 18", "on the '
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
    'date (or the next one when the sentence speaks of the future; "last"/"next" count strictly). Weekdays '
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

# -- patterns ----------------------------------------------------------------------------------------
_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
)
_FULL_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_DAY_NUMBER = r"3[01]|[12]\d|0?[1-9]"
_ORDINAL = r"st|nd|rd|th"
_NUMBER_END = r"(?![\w])(?![.:,]\d)"

_MONTH_DAY = re.compile(rf"(?<![\w.])(?P<mon>{_MONTH_NAMES})[ \t]+(?P<d>{_DAY_NUMBER})(?P<o>{_ORDINAL})?{_NUMBER_END}")
_DAY_MONTH = re.compile(
    rf"(?<![\w.,$£€%])(?:(?P<the>[Tt]he)[ \t]+)?(?P<d>{_DAY_NUMBER})(?P<o>{_ORDINAL})?"
    rf"(?:(?P<sep>[ \t]*[-–][ \t]*|[ \t]+(?:to|and)[ \t]+(?:the[ \t]+)?)(?P<d2>{_DAY_NUMBER})(?P<o2>{_ORDINAL})?)?"
    rf"[ \t]+(?:of[ \t]+)?(?P<mon>{_MONTH_NAMES})(?![\w])"
)
_DAY_OF_MONTH = re.compile(rf"(?<![\w])(?P<the>[Tt]he)[ \t]+(?P<d>{_DAY_NUMBER})(?P<o>{_ORDINAL})(?![\w])")
_RANGE_TAIL = re.compile(
    rf"(?P<sep>[ \t]*[-–][ \t]*|[ \t]+(?:to|through|till|until|and)[ \t]+(?:the[ \t]+)?)"
    rf"(?P<d2>{_DAY_NUMBER})(?P<o2>{_ORDINAL})?{_NUMBER_END}"
)
_YEAR_TAIL = re.compile(r",?[ \t]+(?P<year>(?:1[89]|20)\d\d)(?![\w])")
_RELATIVE_YEAR_TAIL = re.compile(r",?[ \t]+(?:of[ \t]+)?(?P<mod>this|last|next)[ \t]+year(?![\w'’-])")
_MONTH_TAIL = re.compile(r"[ \t]+of[ \t]+(?:(?P<mod>this|last|next)|the[ \t]+(?:same[ \t]+)?)[ \t]*month(?![\w'’-])")
_MONTH_RELATIVE_YEAR = re.compile(
    rf"(?<![\w.])(?P<mon>{_FULL_MONTHS}),?[ \t]+(?:of[ \t]+)?(?P<mod>this|last|next)[ \t]+year(?![\w'’-])"
)
_MONTH_ALONE = re.compile(rf"(?<![\w.])(?P<mon>{_FULL_MONTHS})(?![\w])")
_RELATIVE_UNIT = re.compile(
    r"(?<![\w'’-])(?P<mod>[Tt]his|[Ll]ast|[Nn]ext)[ \t]+(?P<unit>year|month|week)(?P<poss>['’]s)?(?![\w-])"
)
_RELATIVE_DAY = re.compile(
    r"(?<![\w'’-])(?P<word>[Tt]he day before yesterday|[Tt]he day after tomorrow|[Yy]esterday|[Tt]omorrow|[Tt]oday"
    r"|[Tt]onight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))(?P<poss>['’]s)?"
    r"(?:[ \t]+(?P<part>morning|afternoon|evening|night))?(?![\w-])"
)
_ANAPHOR = re.compile(
    r"(?<![\w'’-])(?P<phrase>[Tt]hat day|[Tt]he same day|[Tt]he next day|[Tt]he following day|[Tt]he previous day"
    r"|[Tt]he day before|[Tt]he day after)(?P<poss>['’]s)?(?![\w-])"
)
_WEEKDAY = re.compile(
    r"(?<![\w'’-])(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)[ \t]+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<poss>['’]s)?"
    r"(?:[ \t]+(?P<part>morning|afternoon|evening|night))?(?![\w-])"
)
_DATED_AFTER_WEEKDAY = re.compile(
    rf"[ \t]*[,(]?[ \t]*(?:(?:{_MONTH_NAMES})[ \t]+\d|\d{{1,2}}(?:{_ORDINAL})?[ \t]+(?:of[ \t]+)?(?:{_MONTH_NAMES})"
    rf"|the[ \t]+\d{{1,2}}(?:{_ORDINAL}))"
)
_PLACE_AFTER = re.compile(r",?[ \t]+in[ \t]+[A-Z]|[ \t]+\((?:in[ \t]+)?[A-Z]")
_LOCAL_TIME_LEAD = re.compile(r",?[ \t]*\(?$")
_SENTENCE_BOUNDARY = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]*[A-Z0-9])|\n[ \t]*\n")
_COORDINATION = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|and[ \t]+|or[ \t]+)")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[ \t]+$")
_PUNCTUATION = ",;:()[]\"'“”‘’«»—–-*_"
_NEXT_TOKEN = re.compile(r"[ \t]*(?P<word>[A-Za-z]+|\S)?")
# What may stand between a sentence end (or the start of the copy) and a date that opens the sentence.
_OPENING_LEAD = re.compile(
    r"(?:(?P<stop>[.!?…])[\"'”’»)\]]*[ \t\r\n]+|(?P<break>\n[ \t]*\n)|^)[\"'“‘«(\[*_>#\s-]*"
    r"(?:(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince|[Ff]rom|[Aa]t|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Uu]ntil)[ \t]+)?"
    r"(?:the[ \t]+(?:morning|afternoon|evening|night)[ \t]+of[ \t]+)?$",
    re.MULTILINE,
)
_LEAD_WORD = re.compile(r"[A-Za-z][ \t]+$")
_LEAD_REACH = 40
_SAME_SENTENCE_REACH = 300
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|is due|are due|due to|scheduled|expected to|set to|plans? to|planned"
    r"|upcoming|to be held|to take place|going to|is slated|are slated)\b",
    re.IGNORECASE,
)
# Lower-case text that every future cue contains: a window of ASCII text without any of them holds no cue, and
# this test costs a fraction of the case-blind pattern's search.
_FUTURE_CUE_TEXTS = (
    "will",
    "would",
    "shall",
    "'ll",
    "is to",
    "are to",
    "due",
    "scheduled",
    "expected to",
    "set to",
    "plan",
    "upcoming",
    "to be held",
    "to take place",
    "going to",
    "slated",
)
# The same cues in lower case, as a trie: `_FUTURE_CUE` is case-blind, and the regex engine tests case-blind
# literals several times slower. Where a text holds none of the four characters that match an ASCII letter
# case-blind without being one (and İ is the only character whose lower case is longer), its lower-cased copy has
# the same offsets and this pattern finds in it exactly what `_FUTURE_CUE` finds in the text.
_FUTURE_CUE_LOWER = re.compile(
    r"\b(?:w(?:ill|ould)|s(?:hall|cheduled|et to)|'ll|is (?:to|due|slated)|are (?:to|due|slated)|due to|expected to"
    r"|plan(?:s? to|ned)|upcoming|to (?:be held|take place)|going to)\b"
)
_CASE_BLIND_NON_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin sign)
_FUTURE_REACH = 100  # characters around a date searched for a future cue
_FUTURE_WORDS_AFTER = 8
# Past forms that, standing between a future cue and a date, attach the date to a past event.
_IRREGULAR_PAST = frozenset(
    [
        "held",
        "met",
        "took",
        "began",
        "came",
        "left",
        "saw",
        "made",
        "went",
        "gave",
        "told",
        "brought",
        "broke",
        "fell",
        "won",
        "lost",
        "ran",
        "sent",
        "put",
        "became",
        "kept",
        "got",
        "hit",
        "shot",
        "struck",
        "fought",
        "said",
        "sold",
        "bought",
        "built",
        "chose",
        "drove",
        "flew",
        "forbade",
        "forgot",
        "froze",
        "hid",
        "knew",
        "led",
        "meant",
        "paid",
        "rode",
        "rose",
        "sought",
        "shook",
        "spoke",
        "spent",
        "stood",
        "stole",
        "swore",
        "threw",
        "understood",
        "wore",
        "wrote",
    ]
)
_FUTURE_PARTICIPLE_AUXILIARIES = frozenset(("be", "been", "being", "get", "is", "are"))
_CLAUSE_BOUNDARY = re.compile(
    r"[;:]|\b(?:said|says|told|stated|announced|noted|added|disclosed|emphasized|emphasised|stressed|reported"
    r"|according to|that|but|while|which|who)\b"
)

# Words that may follow a day-of-month date; any other lower-case word makes "the 18th" an ordinal
# ("the 18th century", "the 9th round").
_DAY_FOLLOWERS = frozenset(
    [
        "local",
        "at",
        "in",
        "and",
        "to",
        "through",
        "until",
        "till",
        "when",
        "while",
        "after",
        "before",
        "morning",
        "afternoon",
        "evening",
        "night",
        "as",
        "during",
        "or",
        "with",
        "the",
        "that",
        "which",
        "but",
        "amid",
        "following",
        "against",
        "from",
        "on",
        "under",
        "by",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "there",
        "this",
        "his",
        "her",
        "its",
        "their",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "said",
        "says",
        "for",
        "not",
    ]
)
# A verb may follow a date that ends a clause ("the agreement reached on the 9th stopped the clashes").
_COMMON_VERBS = frozenset(
    [
        "said",
        "says",
        "held",
        "met",
        "took",
        "began",
        "came",
        "left",
        "saw",
        "made",
        "went",
        "will",
        "would",
        "could",
        "did",
        "gave",
        "told",
        "brought",
        "broke",
        "fell",
        "won",
        "lost",
        "ran",
        "sent",
        "set",
        "put",
        "became",
        "kept",
        "got",
        "hit",
        "shot",
        "struck",
        "fought",
        "also",
        "again",
        "only",
    ]
)
_DAY_PRECEDERS = frozenset(
    ["on", "by", "from", "until", "till", "since", "to", "through", "before", "after", "of", "between", "and", "around"]
)
_PREPOSITIONS = frozenset(
    [
        "on",
        "of",
        "since",
        "until",
        "till",
        "by",
        "from",
        "to",
        "before",
        "after",
        "for",
        "through",
        "between",
        "during",
        "throughout",
        "within",
        "as",
        "into",
    ]
)
_PERIOD_PREPOSITIONS = _PREPOSITIONS | {"in"}
_NOT_PAST = frozenset(
    ["scheduled", "expected", "planned", "needed", "united", "red", "bed", "proceed", "exceed", "indeed"]
)
# A verb right after "this year" or "yesterday" makes it the subject: "this year would bring recovery".
_SUBJECT_VERBS = frozenset(
    [
        "is",
        "was",
        "will",
        "would",
        "could",
        "may",
        "might",
        "should",
        "must",
        "has",
        "had",
        "marks",
        "marked",
        "saw",
        "sees",
        "brought",
        "brings",
        "was",
    ]
)
_MONTH_PRECEDERS = _PERIOD_PREPOSITIONS | {"early", "late", "mid"}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAME_WORDS = frozenset(
    [
        "good",
        "black",
        "super",
        "bloody",
        "ash",
        "palm",
        "easter",
        "holy",
        "maundy",
        "cyber",
        "giving",
        "orthodox",
        "great",
        "shrove",
        "low",
        "whit",
        "mothering",
        "clean",
        "spy",
        "passion",
    ]
)
_HABITUAL = frozenset(["every", "each", "most", "alternate", "all"])
_WEEKDAY_COMMON_FOLLOWERS = frozenset(
    ["prayers", "prayer", "sermon", "sermons", "services", "service", "editions", "edition"]
)
_NOWADAYS_BEFORE = frozenset(["still", "even", "world", "society", "era", "age", "generation", "of", "to"])
_NOWADAYS_AFTER = frozenset(["world", "generation", "youth", "society"])
_NOT_ANAPHOR_AFTER = frozenset(["when", "that", "as", "of", "or", "after", "following", "on", "which", "and"])
_DURATION_BEFORE = frozenset(["within", "over", "for", "during"])
_DAY_REL_OFFSETS = {
    "the day before yesterday": (-2, ""),
    "the day after tomorrow": (2, ""),
    "yesterday": (-1, ""),
    "tomorrow": (1, ""),
    "today": (0, ""),
    "tonight": (0, "night"),
    "last night": (-1, "night"),
    "this morning": (0, "morning"),
    "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
}
_ANAPHOR_OFFSETS = {
    "that day": 0,
    "the same day": 0,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
    "the previous day": -1,
    "the day before": -1,
}
_MODIFIER_OFFSETS = {"this": 0, "last": -1, "next": 1, "past": -1, "coming": 1}
_TRANSLATION_LAG_DAYS = 2
_REPORTED_PLAN_DAYS = 60  # a past date spoken of in the future tense this recently is a reported plan
_PROVISIONAL_YEARS = (2019, 2020, 2021, 2023)  # for a dateline with no year: two leap-free, one leap, weekdays vary


# Needles: where a pattern may match. A pattern runs only around them, and only where a cheap test says it can
# match there. The passes are str.find over single characters (memchr speed), or regexes that open with a literal
# letter the engine skips to; a regex that opens with a character set, or one alternation of every pattern, tests
# every character of the article in the engine's inner loop and costs many times more.
_DIGITS = "0123456789"
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_MONTH_INITIALS = "JFMASOND"
_MONTH_TAILS = frozenset(("an", "eb", "ar", "ay", "pr", "un", "ul", "ug", "ep", "ct", "ov", "ec"))
_QUOTE_MARKS = '"“«„'  # the marks `find_quotations` opens a quotation with
_Y_NEEDLE = re.compile(r"y(?:(?<=day)|(?=ear))")  # "day" (today, Tuesday, that day) and "year"
_M_NEEDLE = re.compile(r"m(?:onth|orning)")
_W_NEEDLE = re.compile(r"w(?:(?=eek)|(?<=omorrow))")  # "week" and "tomorrow"
# Text every match of a pattern contains (in these cases, one space between the words): a window without any
# of them cannot hold a match. "This afternoon/evening" are found only near another date word.
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

_Window = tuple[int, int, list[int]]  # start, end, the needle positions it was built around


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Every position of `needle` in `text`, as repeated str.find finds them."""
    position = text.find(needle)
    while position != -1:
        yield position
        position = text.find(needle, position + 1)


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
    return any(needle in window for needle in needles)


def _space_before(text: str, end: int, low: int) -> int:
    """Where the run of spaces and tabs that ends at `end` begins (not before `low`)."""
    while end > low and text[end - 1] in _SPACE:
        end -= 1
    return end


def _period_starts(text: str, unit: int, low: int) -> tuple[int, ...]:
    """Where "this/last/next year" can begin, given where its unit begins: four letters before the spaces."""
    space = _space_before(text, unit, low)
    return (space - 4,) if space < unit else ()


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
class _Candidates:
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


def find_candidates(text: str) -> _Candidates:
    length = len(text)
    digits = sorted(position for digit in _DIGITS for position in _occurrences(text, digit))
    ordinals = [position for position in digits if text[position + 1 : position + 3] in _ORDINAL_SUFFIXES]
    months = sorted(
        position
        for initial in _MONTH_INITIALS
        for position in _occurrences(text, initial)
        if text[position + 1 : position + 3] in _MONTH_TAILS
    )
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
    relative.extend(_occurrences(text, "night"))
    periods.sort()
    relative.sort()
    # Windows reach far enough back and ahead of each needle for the longest match around it.
    month_windows = _windows(months, 32, 40, length)
    day_windows = _windows(days, 26, 28, length)
    return _Candidates(
        day_month=[
            match
            for start, end, points in month_windows
            # the day stands before the month: a digit between the window start and the last month name
            if bisect.bisect_left(digits, start) < bisect.bisect_left(digits, points[-1])
            for match in _DAY_MONTH.finditer(text, start, end)
        ],
        month_day=_anchored_matches(_MONTH_DAY, text, month_windows),
        month_relative_year=_anchored_matches(_MONTH_RELATIVE_YEAR, text, month_windows),
        day_of_month=_anchored_matches(_DAY_OF_MONTH, text, _windows(ordinals, 8, 6, length), _day_of_month_starts),
        periods=_anchored_matches(_RELATIVE_UNIT, text, _windows(periods, 8, 10, length), _period_starts),
        relative_days=[
            match
            for start, end in _merge_windows(day_windows, _windows(relative, 30, 30, length))
            if _contains_any(text, start, end, _RELATIVE_DAY_TEXTS)
            for match in _RELATIVE_DAY.finditer(text, start, end)
        ],
        anaphors=[
            match
            for start, end, _ in day_windows
            if _contains_any(text, start, end, _ANAPHOR_TEXTS)
            for match in _ANAPHOR.finditer(text, start, end)
        ],
        weekdays=_anchored_matches(_WEEKDAY, text, day_windows, _weekday_starts),
        month_names=months,
        quote_marks="".join(mark for mark in _QUOTE_MARKS if mark in text),
    )


# -- mentions ----------------------------------------------------------------------------------------
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
_LOWER_CASE_KINDS = frozenset((RELATIVE_DAY_KIND, ANAPHOR, WEEKDAY, PERIOD))

_RULE_OF_KIND = {
    DAY: DAY_WITHOUT_MONTH,
    MONTH_DAY: MONTH_DAY_WITHOUT_YEAR,
    MONTH_YEAR_RELATIVE: RELATIVE_PERIOD,
    PERIOD: RELATIVE_PERIOD,
    RELATIVE_DAY_KIND: RELATIVE_DAY,
    ANAPHOR: ANAPHORIC_DAY,
    WEEKDAY: WEEKDAY_WITHOUT_DATE,
}


@dataclass(slots=True)
class _Mention:
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
    future: bool = False
    needs_preposition: bool = False
    capital: bool = False
    topic: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class _Resolved:
    start: dt.date
    unit: str  # day, range, month, year, week
    end: dt.date | None = None
    basis: str = ""  # how: past, future, offset, antecedent, explicit, inferred-year, stated-month
    convention: bool = False
    antecedent: int = -1  # where the date "that day" refers back to stands


@dataclass
class _Outcome:
    """A mention resolved against the real anchor, and what the other anchors say about its fix."""

    resolved: _Resolved | None
    replacement: str | None
    why_unresolved: str = ""
    safe: bool = False


def _past_verb_in(words: list[str]) -> bool:
    """A past verb among the words ("signed", "held"), unless it is part of a future passive ("be held")."""
    previous = ""
    for raw in words:
        word = raw.strip(_PUNCTUATION).lower()
        is_past = word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST)
        if is_past and previous not in _FUTURE_PARTICIPLE_AUXILIARIES:
            return True
        previous = word
    return False


class _FutureCues:
    """Future cues in one text, found through its lower-cased copy when that gives the same result (see
    `_FUTURE_CUE_LOWER`), else with the case-blind pattern."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = None if any(mark in text for mark in _CASE_BLIND_NON_ASCII) else text.lower()

    def possible(self, low: int, start: int, end: int, high: int) -> tuple[bool, bool]:
        """Whether text[low:start] and text[end:high] may hold a cue: False only where none can match. A substring
        test for the lower-case text of every cue, cheaper than searching for them."""
        if self.lowered is not None:
            lowered = self.lowered[low:high]
        else:
            window = self.text[low:high]
            if not window.isascii():
                return True, True  # case-blind matching reaches beyond ASCII letters: let the pattern decide
            lowered = window.lower()
        if not any(cue in lowered for cue in _FUTURE_CUE_TEXTS):
            return False, False  # most dates: no cue either side
        before, after = lowered[: start - low], lowered[end - low :]
        return any(cue in before for cue in _FUTURE_CUE_TEXTS), any(cue in after for cue in _FUTURE_CUE_TEXTS)

    def search(self, start: int, end: int) -> bool:
        if self.lowered is None:
            return _FUTURE_CUE.search(self.text, start, end) is not None
        return _FUTURE_CUE_LOWER.search(self.lowered, start, end) is not None

    def in_slice(self, start: int, end: int) -> list[re.Match[str]]:
        """The cues of the string text[start:end] (matched as a string of its own: its ends are word boundaries)."""
        if self.lowered is None:
            return list(_FUTURE_CUE.finditer(self.text[start:end]))
        return list(_FUTURE_CUE_LOWER.finditer(self.lowered[start:end]))

    def in_words(self, words: str) -> bool:
        """Whether `words`, a string made of this text's words, holds a cue."""
        if self.lowered is None:
            return _FUTURE_CUE.search(words) is not None
        return _FUTURE_CUE_LOWER.search(words.lower()) is not None


def _abbreviation_before(text: str, dot: int) -> bool:
    """The period at `dot` ends an abbreviation ("Nov.", "U.S.", "Gen."), not a sentence."""
    word = text[text.rfind(" ", max(0, dot - 12), dot) + 1 : dot].lstrip("\"'“‘(\n")
    return "." in word or word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def _with_capital(text: str, capital: bool) -> str:
    return text[:1].upper() + text[1:] if capital and text else text


class _DateScan:
    """The date mentions of one document and their findings."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.text = doc.checkable
        self.style: DateStyle = ctx.date_style
        dateline = find_dateline(doc)
        override = ctx.publication_date
        self.anchor: PublicationDate = (
            find_publication_date(doc, override) if override is not None else publication_date_in(doc, dateline)
        )
        self.mentions: list[_Mention] = []
        self.taken: list[tuple[int, int]] = []  # accepted spans, sorted
        self.blocked: list[tuple[int, int]] = []  # headlines and the dateline
        self.dateline: _Mention | None = None
        self.candidates = find_candidates(self.text)
        if dateline is not None:
            # Never reported (datelines have their own style), but a date "that day" may refer back to.
            self.dateline = _Mention(DATELINE, dateline.start(), dateline.end(), topic=True)
            self.dateline.month = _month_number(dateline.group("month") or dateline.group("month2"))
            self.dateline.day = int(dateline.group("day") or dateline.group("day2"))
            if dateline.group("year"):
                self.dateline.year = int(dateline.group("year"))

    # -- collecting -----------------------------------------------------------------------------
    def _free(self, start: int, end: int) -> bool:
        """Whether text[start:end] overlaps neither neighbour, in the sorted spans taken and blocked, of where it
        would stand."""
        key = (start, end)
        for spans in (self.taken, self.blocked):
            if spans:
                position = bisect.bisect_right(spans, key)
                if position and start < spans[position - 1][1] and spans[position - 1][0] < end:
                    return False
                if position < len(spans) and start < spans[position][1] and spans[position][0] < end:
                    return False
        return True

    def _take(self, mention: _Mention) -> None:
        bisect.insort(self.taken, (mention.start, mention.end))
        self.mentions.append(mention)

    def _word_before(self, start: int) -> str:
        words = self.text[max(0, start - 24) : start].split()
        return words[-1].strip(_PUNCTUATION).lower() if words else ""

    def _next_token(self, end: int) -> str:
        match = _NEXT_TOKEN.match(self.text, end)
        return match.group("word") or "" if match else ""

    def collect(self) -> None:
        self.blocked = sorted(self.doc.headlines)
        if self.dateline is not None:
            bisect.insort(self.blocked, (self.dateline.start, self.dateline.end))
        candidates = self.candidates
        self._collect_day_month(candidates.day_month)
        self._collect_month_day(candidates.month_day)
        self._collect_month_relative_year(candidates.month_relative_year)
        self._collect_day_of_month(candidates.day_of_month)
        self._collect_periods(candidates.periods)
        self._collect_relative_days(candidates.relative_days)
        self._collect_anaphors(candidates.anaphors)
        self._collect_weekdays(candidates.weekdays)
        self.mentions.sort(key=lambda mention: mention.start)

    def _date_tails(self, mention: _Mention, end: int, allow_range: bool) -> int:
        """Extend a month-day mention by a range end, a year, or "this year"; return the new end."""
        if allow_range:
            tail = _RANGE_TAIL.match(self.text, end)
            if tail and int(tail.group("d2")) > mention.day and self._range_end_ok(tail.end()):
                mention.end_day = int(tail.group("d2"))
                mention.sep = re.sub(r"\s*the\s*$", " ", tail.group("sep")).replace("\t", " ")
                end = tail.end()
        year = _YEAR_TAIL.match(self.text, end)
        if year:
            mention.year = int(year.group("year"))
            return year.end()
        relative = _RELATIVE_YEAR_TAIL.match(self.text, end)
        if relative:
            mention.year_offset = _MODIFIER_OFFSETS[relative.group("mod")]
            return relative.end()
        return end

    def _range_end_ok(self, end: int) -> bool:
        token = self._next_token(end)
        return not token or not token[0].isalpha() or token.lower() in _DAY_FOLLOWERS or token == "this"

    def _collect_month_day(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            if match.group("mon") == "May" and self._capitalised_word_before(start):
                continue  # Theresa May 10 ...
            mention = _Mention(MONTH_DAY, start, match.end(), day=int(match.group("d")))
            mention.month = _month_number(match.group("mon"))
            mention.end = self._date_tails(mention, match.end(), allow_range=True)
            if mention.year is not None:
                mention.kind = FULL
            if valid_date(mention.year or 2000, mention.month, mention.day) and self._free(start, mention.end):
                self._take(mention)

    def _collect_day_month(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            if match.group("the") and not match.group("o"):
                continue
            start = match.start()
            mention = _Mention(MONTH_DAY, start, match.end(), day=int(match.group("d")))
            mention.month = _month_number(match.group("mon"))
            if match.group("d2"):
                if int(match.group("d2")) <= mention.day:
                    continue
                mention.end_day = int(match.group("d2"))
                mention.sep = re.sub(r"\s*the\s*$", " ", match.group("sep")).replace("\t", " ")
            mention.end = self._date_tails(mention, match.end(), allow_range=False)
            if mention.year is not None:
                mention.kind = FULL
            if valid_date(mention.year or 2000, mention.month, mention.day) and self._free(start, mention.end):
                self._take(mention)

    def _collect_month_relative_year(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            if self._free(match.start(), match.end()):
                mention = _Mention(MONTH_YEAR_RELATIVE, match.start(), match.end())
                mention.month = _month_number(match.group("mon"))
                mention.year_offset = _MODIFIER_OFFSETS[match.group("mod")]
                self._take(mention)

    def _collect_day_of_month(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            if self._word_before(start) not in _DAY_PRECEDERS:
                continue
            mention = _Mention(DAY, start, match.end(), day=int(match.group("d")))
            end = match.end()
            tail = _RANGE_TAIL.match(self.text, end)
            if tail and tail.group("o2") and int(tail.group("d2")) > mention.day:
                mention.end_day = int(tail.group("d2"))
                mention.sep = re.sub(r"\s*the\s*$", " ", tail.group("sep")).replace("\t", " ")
                end = tail.end()
            month_tail = _MONTH_TAIL.match(self.text, end)
            if month_tail:
                mention.month_offset = _MODIFIER_OFFSETS.get(month_tail.group("mod") or "this", 0)
                end = month_tail.end()
            if not self._day_may_end_here(end):
                continue  # an ordinal: "the 18th century", "the 9th Army", "the 18th-century"
            mention.end = end
            if self._free(start, end):
                self._take(mention)

    def _day_may_end_here(self, end: int) -> bool:
        token = self._next_token(end)
        if not token:
            return True
        if token == "-":
            return False
        if not token[0].isalpha():
            return True
        if token == "local":
            return self.text.startswith("time", self.text.find("local", end) + 6)
        return token in _DAY_FOLLOWERS or token in _COMMON_VERBS or (token.islower() and token.endswith("ed"))

    def _collect_periods(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            before = self._word_before(start)
            if before in ("the", "his", "her", "its", "their", "our", "my", "your", "a", "every", "each", "that"):
                continue  # "the last year of the war", "the next month or so"
            if not self._free(start, match.end()):
                continue
            mention = _Mention(PERIOD, start, match.end(), unit=match.group("unit"))
            mention.offset = _MODIFIER_OFFSETS[match.group("mod").lower()]
            mention.possessive = match.group("poss") or ""
            mention.needs_preposition = before not in _PERIOD_PREPOSITIONS
            self._take(mention)

    def _collect_relative_days(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            word = match.group("word")
            key = word.lower()
            before = self._word_before(start)
            poss = match.group("poss") or ""
            if key in ("today", "tonight") and word[0].isupper() and not self._opens_sentence(start):
                continue  # "Russia Today", "USA Today"
            if key == "today":
                after = self._next_token(match.end()).lower()
                if before in _NOWADAYS_BEFORE or (poss and after in _NOWADAYS_AFTER):
                    continue  # "the world today", "even today", "today's world"
            if key == "tomorrow" and (
                before == "of" or (poss and self._next_token(match.end()).lower() in _NOWADAYS_AFTER)
            ):
                continue  # "the leaders of tomorrow"
            if not self._free(start, match.end()):
                continue
            offset, part = _DAY_REL_OFFSETS[key]
            mention = _Mention(RELATIVE_DAY_KIND, start, match.end(), offset=offset)
            mention.part = match.group("part") or part
            mention.possessive = poss
            self._take(mention)

    def _collect_anaphors(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            phrase = match.group("phrase").lower()
            after = self._next_token(match.end())
            if phrase in ("the day before", "the day after"):
                if after and (after[0].isalpha() or after[0].isdigit()):
                    continue  # "the day before the vote"
            elif after.lower() in _NOT_ANAPHOR_AFTER and not match.group("poss"):
                continue  # "the same day as the vote", "that day when", "the next day or two"
            if phrase in ("the next day", "the following day") and self._word_before(start) in _DURATION_BEFORE:
                continue  # "over the next day"
            if not self._free(start, match.end()):
                continue
            mention = _Mention(ANAPHOR, start, match.end(), offset=_ANAPHOR_OFFSETS[phrase])
            mention.possessive = match.group("poss") or ""
            self._take(mention)

    def _capitalised_word_before(self, start: int) -> bool:
        match = _CAPITALISED_BEFORE.search(self.text, max(0, start - 30), start)
        if not match:
            return False
        return not self._opens_sentence(match.start())

    def _collect_weekdays(self, matches: list[re.Match[str]]) -> None:
        text = self.text
        for match in matches:
            start = match.start()
            modifier = (match.group("mod") or "").lower()
            before = self._word_before(start)
            if not modifier and (
                before in _HABITUAL
                or self._capitalised_word_before(start)
                or (before in _WEEKDAY_NAME_WORDS and text[start - len(before) - 1 : start - 1][:1].isupper())
            ):
                continue  # "every Friday", "Good Friday", "Black Friday"
            end = match.end()
            if _DATED_AFTER_WEEKDAY.match(text, end):
                continue  # "Tuesday, Nov. 17": the date is there
            after = self._next_token(end)
            if after and (after[0].isupper() and after.isalpha()) and not match.group("part"):
                continue  # "Sunday Times", "Tuesday Group"
            if after.lower() in _WEEKDAY_COMMON_FOLLOWERS:
                continue  # "Friday prayers"
            if not self._free(start, end):
                continue
            mention = _Mention(WEEKDAY, start, end, weekday=_WEEKDAY_NAMES.index(match.group("wd").lower()))
            mention.modifier = {"past": "last", "coming": "next"}.get(modifier, modifier)
            mention.part = match.group("part") or ""
            mention.possessive = match.group("poss") or ""
            self._take(mention)

    # -- context --------------------------------------------------------------------------------
    @cached_property
    def future_cues(self) -> _FutureCues:
        return _FutureCues(self.text)

    # Sentence facts are read locally, around mentions: splitting a whole article into sentences would cost
    # more than the rest of the check.
    def _boundaries_between(self, start: int, end: int, limit: int = 2) -> int:
        """How many sentence ends lie in text[start:end], counting up to `limit`."""
        count = 0
        text = self.text
        # A boundary looks ahead at the next sentence's first letter: let it see past `end`.
        for boundary in _SENTENCE_BOUNDARY.finditer(text, start, min(len(text), end + 4)):
            if boundary.end() > end:
                break
            if boundary.group(0)[0] == "." and _abbreviation_before(text, boundary.start()):
                continue
            count += 1
            if count >= limit:
                break
        return count

    def _opens_sentence(self, offset: int) -> bool:
        """Only quotes, brackets, markup and a preposition ("On", "In the morning of") stand before it in its sentence."""
        text = self.text
        low = max(self.doc.body_start, offset - _LEAD_REACH)
        lead = _OPENING_LEAD.search(text, low, offset)
        if lead is None:
            return False
        if lead.group("stop"):
            return lead.group("stop") != "." or not _abbreviation_before(text, lead.start("stop"))
        if lead.group("break") or not text[self.doc.body_start : lead.start()].strip():
            return True
        # A line start: a new sentence only after a headline line (copy hard-wrapped mid-sentence is common).
        return lead.start() > 0 and self.doc.in_headline(lead.start() - 1)

    def _speaks_of_future(self, mention: _Mention) -> bool:
        """A future cue governs the date: earlier in its clause with no past verb in between ("will be held on the
        25th", not "will hold after the agreement signed on the 9th"), or after a date that opens the sentence."""
        text = self.text
        low = max(self.doc.body_start, mention.start - _FUTURE_REACH)
        high = min(len(text), mention.end + _FUTURE_REACH)
        cues = self.future_cues
        cue_before, cue_after = cues.possible(low, mention.start, mention.end, high)
        if not (cue_before and cues.search(low, mention.start)):
            if not (cue_after and cues.search(mention.end, high)):
                return False  # most sentences: no cue at all
            mention.topic = mention.topic or self._opens_sentence(mention.start)
            if not mention.topic:
                return False
        for boundary in _SENTENCE_BOUNDARY.finditer(text, low, min(len(text), mention.start + 4)):
            if boundary.end() > mention.start:
                break
            if boundary.group(0)[0] != "." or not _abbreviation_before(text, boundary.start()):
                low = boundary.end()
        before = text[low : mention.start]
        clause = max((cut.end() for cut in _CLAUSE_BOUNDARY.finditer(before)), default=0)
        before = before[clause:]
        found = cues.in_slice(low + clause, mention.start)
        if found and not _past_verb_in(before[found[-1].end() :].split()):
            return True
        if mention.topic:
            after = text[mention.end : high]
            cut = _CLAUSE_BOUNDARY.search(after) or _SENTENCE_BOUNDARY.search(after)
            after = after[: cut.start()] if cut else after
            return cues.in_words(" ".join(after.split()[:_FUTURE_WORDS_AFTER]))
        return False

    def annotate(self) -> None:
        """Sentence, position and tense facts each mention's resolution and rewriting depend on.

        Each fact is worked out only for the mentions whose outcome can depend on it: most dates in a
        long article are "last year" in mid-sentence, and the check must stay cheap next to the name check.
        """
        text = self.text
        previous_end = -1
        previous_needs = True
        quotations: tuple[tuple[int, int], ...] = ()
        marks = self.candidates.quote_marks
        if '"' in marks or "“" in marks or "«" in marks:
            quotations = self.doc.quotations
        quotation_starts = [start for start, _ in quotations]
        anchors = _anchor_dates(self.anchor)
        refers_back = any(mention.kind == ANAPHOR for mention in self.mentions)
        for mention in self.mentions:
            kind = mention.kind
            starts_upper = text[mention.start].isupper()
            if refers_back or (starts_upper and kind in _LOWER_CASE_KINDS):
                mention.topic = self._opens_sentence(mention.start)
            if kind == FULL:
                previous_end, previous_needs = mention.end, False
                continue
            # Capitalised because it opens the sentence (not "Tuesday", "November"): the rewrite is too.
            mention.capital = (
                starts_upper
                and kind in _LOWER_CASE_KINDS
                and mention.topic
                and not _LEAD_WORD.search(text, max(0, mention.start - 24), mention.start)
            )
            tense_matters = (
                kind == DAY
                or (kind == WEEKDAY and not mention.modifier)
                or (kind == MONTH_DAY and self._tense_decides_year(mention, anchors))
            )
            if tense_matters:
                mention.future = self._speaks_of_future(mention)
            if quotations:
                index = bisect.bisect_right(quotation_starts, mention.start) - 1
                mention.quoted = index >= 0 and mention.start < quotations[index][1]
            if kind in (RELATIVE_DAY_KIND, ANAPHOR, WEEKDAY, PERIOD) and self._is_subject(mention):
                # "This year marks ...", "Yesterday was quiet": the date is the subject, no "in"/"on".
                mention.needs_preposition = previous_needs = False
            elif kind in (RELATIVE_DAY_KIND, ANAPHOR, WEEKDAY):
                if previous_end >= 0 and _COORDINATION.fullmatch(text, previous_end, mention.start):
                    mention.needs_preposition = previous_needs  # "on Monday and Tuesday": one "on" for both
                else:
                    mention.needs_preposition = self._word_before(mention.start) not in _PREPOSITIONS
                previous_needs = mention.needs_preposition
            else:
                previous_needs = False
            if kind == DAY and mention.month_offset is None:
                mention.month, mention.year = self._stated_month(mention)
            previous_end = mention.end

    @staticmethod
    def _tense_decides_year(mention: _Mention, anchors: list[dt.date]) -> bool:
        """Whether "will" could move a month and day to another year: it is after publication, or long before."""
        if mention.year is not None or mention.year_offset is not None:
            return False
        for anchor in anchors:
            same = valid_date(anchor.year, mention.month or 1, mention.day)
            if same is None or same > anchor or (anchor - same).days > _REPORTED_PLAN_DAYS:
                return True
        return False

    def _is_subject(self, mention: _Mention) -> bool:
        following = self.text[mention.end : mention.end + 1]
        if following not in (" ", "\t") and not following.isalpha():
            return False  # a stop or a comma follows, as after most dates
        return not mention.possessive and self._next_token(mention.end).lower() in _SUBJECT_VERBS

    def _stated_month(self, mention: _Mention) -> tuple[int | None, int | None]:
        """The month a date or a month name earlier in the same sentence gives ("In October, ... on the 4th")."""
        low = max(self.doc.body_start, mention.start - _SAME_SENTENCE_REACH)
        month: int | None = None
        year: int | None = None
        month_end = -1
        for other in self.mentions:
            if other.start >= mention.start:
                break
            if other.start >= low and other.month is not None and other.kind in (MONTH_DAY, FULL):
                month, year, month_end = other.month, other.year, other.end
        for name in self._month_names(max(low, month_end), mention.start):
            if name.group("mon") in ("May", "March") and self._word_before(name.start()) not in _MONTH_PRECEDERS:
                continue  # the verb, the name
            if self._free(name.start(), name.end()):
                year_tail = _YEAR_TAIL.match(self.text, name.end())
                month = _month_number(name.group("mon"))
                year = int(year_tail.group("year")) if year_tail else None
                month_end = name.end()
        if month is None or self._boundaries_between(month_end, mention.start, 1):
            return None, None
        if _CLAUSE_BOUNDARY.search(self.text, month_end, mention.start):
            return None, None  # "rose in November, the ministry said on the 1st": the month is not the date's
        return month, year

    def _month_names(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """What `_MONTH_ALONE.finditer(text, start, end)` finds, tried only where the scan saw a month name begin."""
        hits = self.candidates.month_names
        reached = start
        for index in range(bisect.bisect_left(hits, start), len(hits)):
            point = hits[index]
            if point >= end:
                return
            if point >= reached:
                name = _MONTH_ALONE.match(self.text, point, end)
                if name is not None:
                    reached = name.end()
                    yield name

    # -- resolving --------------------------------------------------------------------------------
    def resolve_all(self, anchor: dt.date) -> list[_Resolved | None]:
        results: list[_Resolved | None] = []
        days: list[tuple[_Mention, _Resolved]] = []  # day-level dates so far, for "that day"
        if self.dateline is not None:
            resolved_dateline = self._resolve_month_day(self.dateline, anchor)
            if resolved_dateline is not None:
                days.append((self.dateline, resolved_dateline))
        for mention in self.mentions:
            resolved = self._resolve(mention, anchor, days)
            results.append(resolved)
            if resolved is not None and resolved.unit == "day":
                days.append((mention, resolved))
        return results

    def resolve_alone(self, m: _Mention, anchor: dt.date) -> _Resolved | None:
        """A mention that refers back to no other date, resolved on its own."""
        return self._resolve(m, anchor, [])

    def _resolve(self, m: _Mention, anchor: dt.date, days: list[tuple[_Mention, _Resolved]]) -> _Resolved | None:
        kind = m.kind
        if kind == FULL:
            day = valid_date(m.year or 0, m.month or 0, m.day)
            return _Resolved(day, "day", basis="explicit") if day else None
        if kind in (MONTH_DAY,) or (kind == DAY and m.month is not None and m.month_offset is None):
            return self._resolve_month_day(m, anchor)
        if kind == DAY:
            return self._resolve_day(m, anchor)
        if kind == MONTH_YEAR_RELATIVE:
            return _Resolved(dt.date(anchor.year + (m.year_offset or 0), m.month or 1, 1), "month", basis="offset")
        if kind == PERIOD:
            if m.unit == "year":
                return _Resolved(dt.date(anchor.year + m.offset, 1, 1), "year", basis="offset")
            if m.unit == "month":
                year, month = shift_month(anchor.year, anchor.month, m.offset)
                return _Resolved(dt.date(year, month, 1), "month", basis="offset")
            monday, sunday = week_of(anchor, m.offset)
            return _Resolved(monday, "week", sunday, basis="offset")
        if kind == RELATIVE_DAY_KIND:
            return _Resolved(anchor + dt.timedelta(days=m.offset), "day", basis="offset")
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
            return _Resolved(day, "day", basis=basis, convention=True)
        if kind == ANAPHOR:
            found = self._antecedent(m, days)
            if found is None:
                return None
            antecedent, resolved = found
            return _Resolved(
                resolved.start + dt.timedelta(days=m.offset),
                "day",
                basis="antecedent",
                convention=True,
                antecedent=antecedent.start,
            )
        return None

    def _resolve_month_day(self, m: _Mention, anchor: dt.date) -> _Resolved | None:
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
            if not m.future and same > anchor:
                year, basis, convention = year - 1, "inferred-year", True
            elif m.future and same < anchor and (anchor - same).days > _REPORTED_PLAN_DAYS:
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
            return _Resolved(start, "range", end, basis, convention) if end else None
        return _Resolved(start, "day", basis=basis, convention=convention)

    def _resolve_day(self, m: _Mention, anchor: dt.date) -> _Resolved | None:
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
        if start is None:
            return None
        if m.end_day is not None:
            end = valid_date(start.year, start.month, m.end_day)
            return _Resolved(start, "range", end, basis, convention) if end else None
        return _Resolved(start, "day", basis=basis, convention=convention)

    def _antecedent(self, m: _Mention, days: list[tuple[_Mention, _Resolved]]) -> tuple[_Mention, _Resolved] | None:
        before = [(other, resolved) for other, resolved in days if other.start < m.start]
        if not before:
            return None
        # The nearest date in the same sentence, else in the sentence before, else the latest date that opens
        # a sentence (or the dateline), else the latest date.
        nearest, resolved = before[-1]
        if nearest.kind != DATELINE and self._boundaries_between(nearest.end, m.start) <= 1:
            return nearest, resolved
        topics = [item for item in before if item[0].topic]
        return topics[-1] if topics else before[-1]

    # -- writing ----------------------------------------------------------------------------------
    def render(self, m: _Mention, resolved: _Resolved, publication: dt.date) -> str | None:
        style = self.style
        if resolved.unit == "week":
            return None
        if resolved.unit == "range":
            assert resolved.end is not None
            return style.write_range(resolved.start, resolved.end, m.sep or " to ", publication)
        if m.kind == MONTH_YEAR_RELATIVE:
            return style.write_month(resolved.start.year, resolved.start.month, publication)
        if resolved.unit in ("year", "month"):
            if resolved.unit == "year":
                written = str(resolved.start.year)
            else:
                written = style.write_month(resolved.start.year, resolved.start.month, publication)
            if m.possessive:
                phrase = f"the {written}"
            elif m.needs_preposition:
                phrase = f"in {written}"
            else:
                phrase = written
            return _with_capital(phrase, m.capital)
        written = style.write_date(resolved.start, publication, weekday_allowed=m.kind not in (DAY, MONTH_DAY))
        if m.kind in (DAY, MONTH_DAY, FULL):
            return written
        is_weekday = written in style.weekdays
        if m.part and not m.possessive:
            written = f"{written} {m.part}" if is_weekday else f"the {m.part} of {written}"
        if m.possessive:
            phrase = f"{written}{m.possessive}" if is_weekday else f"the {written}"
        elif m.needs_preposition:
            phrase = f"on {written}"
        else:
            phrase = written
        return _with_capital(phrase, m.capital)


def _surface(doc: Document, m: _Mention) -> str:
    return doc.text[m.start : m.end]


def _same_text(left: str, right: str) -> bool:
    return " ".join(left.split()) == " ".join(right.split())


_BASIS_TEXT = {
    "publication-year": "in the year of publication",
    "past": "the latest such day on or before publication",
    "last": "the last such day before publication",
    "next": "the next such day after publication",
    "future": "the first such day on or after publication (the sentence speaks of the future)",
    "offset": "counted from publication",
    "explicit": "as written",
    "inferred-year": "the year that fits publication and tense",
    "stated-month": "with the month the sentence gives",
}


def _found_text(m: _Mention, surface: str, style_only: bool) -> str:
    if m.kind == DAY:
        return f'"{surface}" gives no month'
    if m.kind == MONTH_DAY and m.year_offset not in (None, 0):
        return f'"{surface}" is relative to the publication date'
    if m.kind == MONTH_DAY:
        return f'"{surface}" is not in house style' if style_only else f'"{surface}" gives no year'
    if m.kind == ANAPHOR:
        return f'"{surface}" refers back to a date'
    if m.kind == WEEKDAY:
        return f'"{surface}" gives a weekday, not a date'
    return f'"{surface}" is relative to the publication date'


def _resolved_text(resolved: _Resolved, year_known: bool) -> str:
    if resolved.unit == "year":
        return str(resolved.start.year) if year_known else "a year the article does not give"
    if resolved.unit == "month":
        return resolved.start.strftime("%Y-%m") if year_known else f"--{resolved.start.month:02d}"
    if resolved.unit in ("range", "week"):
        assert resolved.end is not None
        return f"{iso_with_weekday(resolved.start, year_known)} to {iso_with_weekday(resolved.end, year_known)}"
    return iso_with_weekday(resolved.start, year_known)


def check_dates(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    scan = _DateScan(doc, ctx)
    scan.collect()
    if scan.mentions:
        scan.annotate()
    reported = [m for m in scan.mentions if m.kind in _RULE_OF_KIND]
    if reported:
        anchors = _anchor_dates(scan.anchor)
        # "That day" depends on the dates before it: resolve the whole article in order, against each anchor.
        in_order: dict[dt.date, list[_Resolved | None]] = {}
        if anchors and any(m.kind == ANAPHOR for m in reported):
            in_order = {base: scan.resolve_all(base) for base in anchors}
        position_of = {id(m): index for index, m in enumerate(scan.mentions)} if in_order else {}
        # What a mention becomes depends only on its own facts, the anchor and the style: remembered for the run
        # (articles of one day share their anchor and their "yesterday").
        memo = ctx.memo("dates.findings")
        anchor = scan.anchor
        run_key = (anchor.source, anchor.year, anchor.month, anchor.day, anchor.evidence, scan.style.name)
        for m in reported:
            if m.kind == ANAPHOR:
                results = [in_order[base][position_of[id(m)]] for base in anchors] if in_order else []
                parts = _finding_parts(scan, m, _outcome(scan, m, anchors, results))
            else:
                key = (_signature(scan.text, m), run_key)
                parts = memo.get(key, _UNSEEN)
                if parts is _UNSEEN:
                    results = [scan.resolve_alone(m, base) for base in anchors]
                    parts = memo[key] = _finding_parts(scan, m, _outcome(scan, m, anchors, results))
            if parts is not None:
                rule, message, replacement, applicability, extra = parts
                fix = Fix((Edit(m.start, m.end, replacement),), applicability) if applicability is not None else None
                yield Finding(rule.code, rule.name, rule.severity, m.start, m.end, message, fix, dict(extra))
    yield from _local_time_findings(scan)


_UNSEEN = object()
_FindingParts = tuple[Rule, str, str, "Applicability | None", dict[str, object]]


def _signature(text: str, m: _Mention) -> tuple[object, ...]:
    """Everything about a mention its finding depends on, apart from where it stands."""
    return (
        text[m.start : m.end],
        m.kind,
        m.day,
        m.end_day,
        m.month,
        m.year,
        m.sep,
        m.offset,
        m.year_offset,
        m.month_offset,
        m.unit,
        m.weekday,
        m.modifier,
        m.part,
        m.possessive,
        m.future,
        m.needs_preposition,
        m.capital,
        m.quoted,
    )


def _anchor_dates(anchor: PublicationDate) -> list[dt.date]:
    """The anchor, or (a dateline without a year) the same month and day in several years."""
    if anchor.date is not None:
        return [anchor.date]
    if not anchor.known:
        return []
    month, day_of_month = anchor.month or 1, anchor.day or 1
    return [day for year in _PROVISIONAL_YEARS if (day := valid_date(year, month, day_of_month)) is not None]


def _stable_under_lag(m: _Mention, resolved: _Resolved, anchor: dt.date) -> bool:
    """Whether the resolution would be the same had the source been written up to two days before publication.

    Only what the text leaves out can move: the month of "the 18th", the year of "this year", the month of
    "last month". A month and day the text states ("November 9th", "September 27 this year") move only with
    the year, and only across New Year.
    """
    earliest = anchor - dt.timedelta(days=_TRANSLATION_LAG_DAYS)
    if m.kind in (RELATIVE_DAY_KIND, WEEKDAY, ANAPHOR) or resolved.unit == "week":
        return False
    if m.kind == DAY and m.month is None and m.month_offset is None:
        # "the 18th": the latest 18th stays in the same month unless the source was written before the 18th.
        same_month = (resolved.start.year, resolved.start.month) == (anchor.year, anchor.month)
        return same_month and earliest.month == anchor.month and earliest.day >= (m.end_day or m.day)
    if m.kind == MONTH_YEAR_RELATIVE or m.year_offset is not None or resolved.unit == "year":
        return earliest.year == anchor.year
    if resolved.unit == "month" or m.month_offset is not None:
        return (earliest.year, earliest.month) == (anchor.year, anchor.month)
    return True


def _outcome(scan: _DateScan, m: _Mention, anchors: list[dt.date], results: list[_Resolved | None]) -> _Outcome:
    """The mention resolved against the anchor (or each provisional-year anchor), and whether its fix is safe."""
    if not anchors:
        return _Outcome(
            None,
            None,
            "no publication date is known (give --date, a front-matter date, a dateline or a dated file name)",
        )
    resolved = results[0]
    if resolved is None:
        return _Outcome(None, None, "no date is set before it" if m.kind == ANAPHOR else "it is not a valid date")
    replacement = scan.render(m, resolved, anchors[0])
    for base, other in zip(anchors[1:], results[1:], strict=True):
        if other is None or scan.render(m, other, base) != replacement:
            return _Outcome(None, None, "the dateline gives no year")
    safe = replacement is not None and not resolved.convention and _stable_under_lag(m, resolved, anchors[0])
    return _Outcome(resolved, replacement, safe=safe)


def _finding_parts(scan: _DateScan, m: _Mention, outcome: _Outcome) -> _FindingParts | None:
    """Rule, message, replacement, fix applicability and extra data of a mention's finding; None: no finding."""
    doc, anchor = scan.doc, scan.anchor
    rule = _RULE_OF_KIND[m.kind]
    surface = _surface(doc, m)
    resolved = outcome.resolved
    replacement = outcome.replacement
    if resolved is not None and replacement is not None and _same_text(replacement, surface):
        return None  # already as the house writes it: "Nov. 9" in a Nov. 19 article, "Tuesday" in ap-weekday
    style_only = False
    if m.kind == MONTH_DAY:
        if resolved is None and not _anchor_dates(anchor):
            # Without an anchor a month-day is worth a word only if house style writes it differently.
            example = valid_date(2000, m.month or 1, m.day) or dt.date(2000, 1, 1)
            written = scan.style.write_date(example, example, weekday_allowed=False)
            if m.end_day is None and m.year_offset is None and _same_text(written, surface):
                return None
            style_only = True
        elif resolved is not None:
            style_only = not resolved.convention and m.year_offset in (None, 0)
    found = _found_text(m, surface, style_only)
    extra: dict[str, object] = {
        "publication_date": anchor.iso(),
        "anchor_source": anchor.source,
    }
    applicability = None
    replacement_text = ""
    if resolved is None:
        message = f"{found}; it cannot be resolved: {outcome.why_unresolved}"
        extra["resolved"] = None
    else:
        year_known = anchor.year is not None
        extra["resolved"] = (
            _resolved_text(resolved, year_known)
            if resolved.unit != "day"
            else (
                resolved.start.isoformat() if year_known else f"--{resolved.start.month:02d}-{resolved.start.day:02d}"
            )
        )
        if resolved.end is not None:
            extra["resolved_end"] = resolved.end.isoformat() if year_known else None
        basis = (
            f"the date set on line {doc.line_col(resolved.antecedent)[0]}"
            if resolved.basis == "antecedent"
            else _BASIS_TEXT.get(resolved.basis, "")
        )
        what = _resolved_text(resolved, year_known)
        message = f"{found}: {what}, {basis} ({anchor.iso()}, {anchor.label})"
        if resolved.basis == "antecedent":
            message = f"{found}: {what}, {basis}"
        if replacement is None:
            message += "; name the day"
        elif m.quoted:
            message += f'; inside a quotation, not rewritten (would be "{replacement}")'
        else:
            message += f'; write "{replacement}"'
            applicability = Applicability.SAFE if outcome.safe else Applicability.UNSAFE
            replacement_text = replacement
            extra["replacement"] = replacement
    return rule, message, replacement_text, applicability, extra


def _local_time_findings(scan: _DateScan) -> Iterator[Finding]:
    """ "local time" right after a date (nothing but a comma or a bracket between them)."""
    text = scan.text
    position = text.find("local time")
    if position == -1:
        return
    date_ends = {m.end for m in scan.mentions if m.kind not in (PERIOD, MONTH_YEAR_RELATIVE)}
    rule = LOCAL_TIME_CALQUE
    while position != -1:
        start, end = position, position + len("local time")
        position = text.find("local time", end)
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        lead = _LOCAL_TIME_LEAD.search(text, max(0, start - 4), start)
        edit_start = lead.start() if lead else start
        if edit_start not in date_ends:
            continue  # not attached to a date: "at 10 a.m. local time" is good English
        edit_end = end + 1 if text.startswith(")", end) and "(" in text[edit_start:start] else end
        message = '"local time" after a date is a translation calque'
        fix = None
        if _PLACE_AFTER.match(text, edit_end):
            message += '; a place follows: say whose time it is ("Moscow time") or drop it'
        elif scan.candidates.quote_marks and scan.doc.in_quotation(start):
            message += "; inside a quotation, not rewritten"
        else:
            message += "; no place is given: drop it"
            fix = Fix((Edit(edit_start, edit_end, ""),), Applicability.SAFE)
        yield Finding(rule.code, rule.name, rule.severity, start, end, message, fix, {})


def publication_facts(doc: Document, ctx: CheckContext) -> dict[str, object]:
    """Per-file facts for the report: which publication date was used, and where it came from."""
    return {"publication_date": find_publication_date(doc, ctx.publication_date).as_json()}
