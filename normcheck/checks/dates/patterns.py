"""The patterns, word lists and constants the date rules are made of."""

from __future__ import annotations

import re

_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
)
_FULL_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_DAY_NUMBER = r"3[01]|[12]\d|0?[1-9]"
_ORDINAL = r"st|nd|rd|th"
_NUMBER_END = r"(?![\w])(?![.:,]\d)"

MONTH_DAY_PATTERN = re.compile(
    rf"(?<![\w.])(?P<mon>{_MONTH_NAMES})[ \t]+(?P<d>{_DAY_NUMBER})(?P<o>{_ORDINAL})?{_NUMBER_END}"
)
DAY_MONTH_PATTERN = re.compile(
    rf"(?<![\w.,$£€%])(?:(?P<the>[Tt]he)[ \t]+)?(?P<d>{_DAY_NUMBER})(?P<o>{_ORDINAL})?"
    rf"(?:(?P<sep>[ \t]*[-–][ \t]*|[ \t]+(?:to|and)[ \t]+(?:the[ \t]+)?)(?P<d2>{_DAY_NUMBER})(?P<o2>{_ORDINAL})?)?"
    rf"[ \t]+(?:of[ \t]+)?(?P<mon>{_MONTH_NAMES})(?![\w])"
)
DAY_OF_MONTH_PATTERN = re.compile(rf"(?<![\w])(?P<the>[Tt]he)[ \t]+(?P<d>{_DAY_NUMBER})(?P<o>{_ORDINAL})(?![\w])")
RANGE_TAIL = re.compile(
    rf"(?P<sep>[ \t]*[-–][ \t]*|[ \t]+(?:to|through|till|until|and)[ \t]+(?:the[ \t]+)?)"
    rf"(?P<d2>{_DAY_NUMBER})(?P<o2>{_ORDINAL})?{_NUMBER_END}"
)
YEAR_TAIL = re.compile(r",?[ \t]+(?P<year>(?:1[89]|20)\d\d)(?![\w])")
RELATIVE_YEAR_TAIL = re.compile(r",?[ \t]+(?:of[ \t]+)?(?P<mod>this|last|next)[ \t]+year(?![\w'’-])")
MONTH_TAIL = re.compile(r"[ \t]+of[ \t]+(?:(?P<mod>this|last|next)|the[ \t]+(?:same[ \t]+)?)[ \t]*month(?![\w'’-])")
MONTH_RELATIVE_YEAR_PATTERN = re.compile(
    rf"(?<![\w.])(?P<mon>{_FULL_MONTHS}),?[ \t]+(?:of[ \t]+)?(?P<mod>this|last|next)[ \t]+year(?![\w'’-])"
)
MONTH_NAME_PATTERN = re.compile(rf"(?<![\w.])(?P<mon>{_FULL_MONTHS})(?![\w])")
RELATIVE_UNIT_PATTERN = re.compile(
    r"(?<![\w'’-])(?P<mod>[Tt]his|[Ll]ast|[Nn]ext)[ \t]+(?P<unit>year|month|weekend|week)(?P<poss>['’]s)?(?![\w-])"
)
RELATIVE_DAY_PATTERN = re.compile(
    r"(?<![\w'’-])(?P<word>[Tt]he day before yesterday|[Tt]he day after tomorrow|[Yy]esterday|[Tt]omorrow|[Tt]oday"
    r"|[Tt]onight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))(?P<poss>['’]s)?"
    r"(?:[ \t]+(?P<part>morning|afternoon|evening|night))?(?![\w-])"
)
ANAPHOR_PATTERN = re.compile(
    r"(?<![\w'’-])(?P<phrase>[Tt]hat day|[Tt]he same day|[Tt]he next day|[Tt]he following day|[Tt]he previous day"
    r"|[Tt]he day before|[Tt]he day after)(?P<poss>['’]s)?(?![\w-])"
)
WEEKDAY_PATTERN = re.compile(
    r"(?<![\w'’-])(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)[ \t]+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<poss>['’]s)?"
    r"(?:[ \t]+(?P<part>morning|afternoon|evening|night))?(?![\w-])"
)
DATED_AFTER_WEEKDAY = re.compile(
    rf"[ \t]*[,(]?[ \t]*(?:(?:{_MONTH_NAMES})[ \t]+\d|\d{{1,2}}(?:{_ORDINAL})?[ \t]+(?:of[ \t]+)?(?:{_MONTH_NAMES})"
    rf"|the[ \t]+\d{{1,2}}(?:{_ORDINAL}))"
)
PLACE_AFTER = re.compile(r",?[ \t]+in[ \t]+[A-Z]|[ \t]+\((?:in[ \t]+)?[A-Z]")
# A capitalised word after a month and day that makes them the name of an event: "the May 4th Movement", "the
# September 18th Incident", "the 26th of July Movement".
EVENT_NAME_WORDS = frozenset(
    [
        "Movement", "Incident", "Revolution", "Uprising", "Massacre", "Accords", "Agreement", "Declaration",
        "Coup", "Crisis", "War", "Offensive", "Attacks", "Protests", "Manifesto", "Group",
    ]
)  # fmt: skip
# "local time" set against another place's time: "on Nov. 18 local time, or early Nov. 19 in Beijing".
OTHER_TIME_AFTER = re.compile(r",?[ \t]+(?:or|which was|i\.e\.)[ \t]")
# A clock time shortly before the date: "at 11:40 p.m. on Nov. 18 local time" is whose 11:40 it is, not a calque.
CLOCK_TIME = re.compile(r"\d(?::|\.)\d\d|\d[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC)|\b(?:noon|midnight)\b")
CLOCK_TIME_REACH = 30  # characters before a date searched for a clock time
LOCAL_TIME_LEAD = re.compile(r",?[ \t]*\(?$")
SENTENCE_BOUNDARY = re.compile(r"[.!?…][\"'”“’»)\]]*\s+(?=[\"'“‘«(\[]*[A-Z0-9])|\n[ \t]*\n")
COORDINATION = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|and[ \t]+|or[ \t]+)")
CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[ \t]+$")
PUNCTUATION = ",;:()[]\"'“”‘’«»—–-*_"
NEXT_TOKEN = re.compile(r"[ \t]*(?P<word>[A-Za-z]+|\S)?")
# What may stand between a sentence end (or the start of the copy) and a date that opens the sentence.
OPENING_LEAD = re.compile(
    r"(?:(?P<stop>[.!?…])[\"'”“’»)\]]*[ \t\r\n]+|(?P<break>\n[ \t]*\n)|^)[\"'“‘«(\[*_>#\s-]*"
    r"(?:(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince|[Ff]rom|[Aa]t|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Uu]ntil)[ \t]+)?"
    r"(?:the[ \t]+(?:morning|afternoon|evening|night)[ \t]+of[ \t]+)?$",
    re.MULTILINE,
)
LEAD_WORD = re.compile(r"[A-Za-z][ \t]+$")
LEAD_REACH = 40
SAME_SENTENCE_REACH = 300
# Verbs that report what was said: after one, "the same day that ..." is what was said that day, not a relative
# clause ("Kyiv said the same day that six sailors had been wounded"), and a clause ends before what was reported.
REPORTING_VERBS = frozenset(
    [
        "said", "says", "told", "stated", "announced", "noted", "added", "reported", "confirmed", "denied",
        "disclosed", "emphasized", "emphasised", "stressed", "wrote", "writes", "declared", "insisted", "warned",
    ]
)  # fmt: skip
# Where a clause ends before a date: a reporting verb opens what was reported, unless it is a passive after "be"
# ("results would be announced on the 6th": one clause).
CLAUSE_BOUNDARY = re.compile(
    r"[;:]|(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:" + "|".join(sorted(REPORTING_VERBS)) + r")\b"
    r"|\b(?:according to|that|but|while|which|who)\b"
)

# Words that may follow a day-of-month date; any other lower-case word makes "the 18th" an ordinal
# ("the 18th century", "the 9th round").
DAY_FOLLOWERS = frozenset(
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
        "because",
        "although",
        "though",
        "where",
        "if",
        "unless",
        "once",
        "so",
    ]
)
# A verb may follow a date that ends a clause ("the agreement reached on the 9th stopped the clashes").
COMMON_VERBS = frozenset(
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
END_POINT_WORDS = frozenset(["until", "till"])
# In the clause before "until the 4th", these say the period is over ("the curfew lasted until the 4th"); without
# one, the end may lie ahead ("declared a state of emergency until the 19th").
PERIOD_OVER_VERBS = frozenset(["lasted", "remained", "continued", "stayed", "ran", "persisted", "held", "ended"])
PERIOD_OVER_REACH = 80  # characters before the date searched for such a verb, within its clause
DAY_PRECEDERS = frozenset(
    [
        "on",
        "by",
        "from",
        "until",
        "till",
        "since",
        "to",
        "through",
        "before",
        "after",
        "of",
        "between",
        "and",
        "around",
        "for",
    ]
)
PREPOSITIONS = frozenset(
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
# After these a period needs no "in" of its own: "in last year" is not English, nor "compared with in 2019" (but
# "shorter than last year" is "shorter than in 2022": a parade is compared with the parade of that year).
PERIOD_PREPOSITIONS = PREPOSITIONS | {"in", "with"}
# A date right after these is when something is to begin: "a ban on travel, starting Friday". A day after them
# needs no "on" ("starting March 13"); a month keeps its "in" ("the rainy season starting in July").
STARTING_WORDS = frozenset(["starting", "beginning", "effective"])
DAY_PREPOSITIONS = PREPOSITIONS | STARTING_WORDS
# A month and day named as a deadline ("set Sept. 11 as the deadline", "the Sept. 11 deadline", "a deadline of
# Sept. 11") is a date planned ahead of time: it is read in the year of publication, after publication or not.
DEADLINE_AFTER = re.compile(r"(?:,?[ \t]+as[ \t]+(?:the|a|its|their)(?:[ \t]+[a-z]+)?)?[ \t]+deadlines?(?![\w-])")
DEADLINE_BEFORE = re.compile(r"(?<![\w-])deadlines?[ \t]+(?:of|on|is|was|for)[ \t]+$")
# A verb right after "this year" or "yesterday" makes it the subject: "this year would bring recovery".
SUBJECT_VERBS = frozenset(
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
MONTH_PRECEDERS = PREPOSITIONS | {"in", "early", "late", "mid"}  # "in May", not "with May" (Theresa May)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAME_WORDS = frozenset(
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
HABITUAL = frozenset(["every", "each", "most", "alternate", "all"])
WEEKDAY_COMMON_FOLLOWERS = frozenset(
    ["prayers", "prayer", "sermon", "sermons", "services", "service", "editions", "edition"]
)
NOWADAYS_BEFORE = frozenset(
    [
        "still", "even", "world", "society", "era", "age", "generation", "of", "to", "mankind", "humanity", "humankind",
        "operation", "use", "existence", "circulation",
    ]
)  # fmt: skip
NOWADAYS_AFTER = frozenset(["world", "generation", "youth", "society"])
NOT_ANAPHOR_AFTER = frozenset(["when", "that", "as", "of", "or", "after", "following", "on", "which"])
# "That day" as a thing, not a time: the object of these verbs ("he hopes to see that day", "people remember the
# day before yesterday as calm"), or the subject of these ("until that day comes").
DAY_AS_OBJECT_AFTER = frozenset(
    [
        "see", "saw", "seen", "remember", "remembers", "remembered", "recall", "recalls", "recalled", "forget",
        "forgot", "forgotten", "await", "awaits", "awaited", "awaiting", "describe", "describes", "described",
        "recount", "recounts", "recounted", "relive", "relived", "witness", "witnessed", "welcome", "welcomed",
        "celebrate", "celebrated", "commemorate", "commemorated",
    ]
)  # fmt: skip
# Words after "the day before" that leave it an adverb ("queues had formed the day before amid rumors"), not a
# preposition with an object ("the day before the vote").
ADVERB_AFTER_DAY_BEFORE = frozenset(
    ["amid", "as", "when", "while", "and", "but", "because", "despite", "in", "at", "with", "without", "following"]
)
DAY_AS_SUBJECT_BEFORE = frozenset(["comes", "came", "come", "arrives", "arrived", "dawns", "dawned"])
REPORTING_REACH = 80  # characters before "the same day that" searched for its reporting verb, within the clause
# "Today, mankind faces ...": today as nowadays, with a subject that is everyone.
NOWADAYS_SUBJECT = re.compile(r",?[ \t]+(?:mankind|humanity|humankind)(?![\w'’-])")
DURATION_BEFORE = frozenset(["within", "over", "for", "during"])
DAY_REL_OFFSETS = {
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
ANAPHOR_OFFSETS = {
    "that day": 0,
    "the same day": 0,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
    "the previous day": -1,
    "the day before": -1,
}
MODIFIER_OFFSETS = {"this": 0, "last": -1, "next": 1, "past": -1, "coming": 1}
TRANSLATION_LAG_DAYS = 2
REPORTED_PLAN_DAYS = 60  # a past date spoken of in the future tense this recently is a reported plan
NEAR_FUTURE_DAYS = (
    183  # a month and day up to half a year after publication is this year's unless a past verb governs it
)
PROVISIONAL_YEARS = (2019, 2020, 2021, 2023)  # for a dateline with no year: two leap-free, one leap, weekdays vary
