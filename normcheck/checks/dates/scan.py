"""The date mentions of one document: collected from the candidate scan, then the facts about each (tense,
sentence position, quotation, the month the sentence gives) that its resolution and rewriting depend on."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator

from normcheck.calendar_math import valid_date
from normcheck.checks.dates.candidates import find_candidates
from normcheck.checks.dates.future_tense import past_verb_governs, speaks_of_future
from normcheck.checks.dates.mentions import (
    ANAPHOR,
    DATELINE,
    DAY,
    FULL,
    LOWER_CASE_KINDS,
    MONTH_DAY,
    MONTH_YEAR_RELATIVE,
    PERIOD,
    RELATIVE_DAY_KIND,
    WEEKDAY,
    Mention,
    month_number,
)
from normcheck.checks.dates.patterns import (
    ADVERB_AFTER_DAY_BEFORE,
    ANAPHOR_OFFSETS,
    CAPITALISED_BEFORE,
    CLAUSE_BOUNDARY,
    COMMON_VERBS,
    COORDINATION,
    DATED_AFTER_WEEKDAY,
    DAY_AS_OBJECT_AFTER,
    DAY_AS_SUBJECT_BEFORE,
    DAY_FOLLOWERS,
    DAY_PRECEDERS,
    DAY_PREPOSITIONS,
    DAY_REL_OFFSETS,
    DEADLINE_AFTER,
    DEADLINE_BEFORE,
    DURATION_BEFORE,
    END_POINT_WORDS,
    EVENT_NAME_WORDS,
    HABITUAL,
    LEAD_WORD,
    MODIFIER_OFFSETS,
    MONTH_NAME_PATTERN,
    MONTH_PRECEDERS,
    MONTH_TAIL,
    NEXT_TOKEN,
    NOT_ANAPHOR_AFTER,
    NOWADAYS_AFTER,
    NOWADAYS_BEFORE,
    NOWADAYS_SUBJECT,
    PERIOD_OVER_REACH,
    PERIOD_OVER_VERBS,
    PERIOD_PREPOSITIONS,
    PUNCTUATION,
    RANGE_TAIL,
    RELATIVE_YEAR_TAIL,
    REPORTED_PLAN_DAYS,
    REPORTING_REACH,
    REPORTING_VERBS,
    SAME_SENTENCE_REACH,
    STARTING_WORDS,
    SUBJECT_VERBS,
    WEEKDAY_COMMON_FOLLOWERS,
    WEEKDAY_NAME_WORDS,
    WEEKDAY_NAMES,
    YEAR_TAIL,
)
from normcheck.checks.dates.resolution import anchor_dates
from normcheck.checks.dates.sentences import opens_sentence, sentence_ends_between
from normcheck.context import CheckContext
from normcheck.date_style import DateStyle
from normcheck.document import Document
from normcheck.publication import PublicationDate, find_dateline, find_publication_date, publication_date_in

# Words before "last year" that make it a noun phrase, not a date: "the last year of the war".
_PERIOD_DETERMINERS = frozenset(
    ("the", "his", "her", "its", "their", "our", "my", "your", "a", "every", "each", "that")
)
_WEEKDAY_MODIFIERS = {"past": "last", "coming": "next"}
_SENTENCE_CUT = re.compile(r"[.!?;:]")
_CLAUSE_CUT = re.compile(r"[.!?;:,]")


class DateScan:
    """The date mentions of one document, and the facts about each that its resolution and rewriting depend on."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.text = doc.checkable
        self.style: DateStyle = ctx.date_style
        dateline = find_dateline(doc)
        override = ctx.publication_date
        self.anchor: PublicationDate = (
            find_publication_date(doc, override) if override is not None else publication_date_in(doc, dateline)
        )
        self.mentions: list[Mention] = []
        self.taken: list[tuple[int, int]] = []  # accepted spans, sorted
        self.blocked: list[tuple[int, int]] = []  # headlines and the dateline
        self.dateline: Mention | None = None
        self.candidates = find_candidates(self.text)
        if dateline is not None:
            # Never reported (datelines have their own style), but a date "that day" may refer back to.
            self.dateline = Mention(DATELINE, dateline.start(), dateline.end(), topic=True)
            self.dateline.month = month_number(dateline.group("month") or dateline.group("month2"))
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

    def _take(self, mention: Mention) -> None:
        bisect.insort(self.taken, (mention.start, mention.end))
        self.mentions.append(mention)

    def _take_unless_named(self, mention: Mention) -> None:
        """Take a month and day, unless it names an event ("the May 4th Movement"): then its span is only covered, so
        that no other pattern reads a date inside it and no "next day" refers back to it."""
        if self._next_token(mention.end) in EVENT_NAME_WORDS:
            bisect.insort(self.taken, (mention.start, mention.end))
        else:
            self._take(mention)

    def _word_before(self, start: int) -> str:
        words = self.text[max(0, start - 24) : start].rsplit(None, 1)
        return words[-1].strip(PUNCTUATION).lower() if words else ""

    def _before(self, mention: Mention) -> str:
        """The word before a mention, looked at once."""
        before = mention.before
        if before is None:
            before = mention.before = self._word_before(mention.start)
        return before

    def _next_token(self, end: int) -> str:
        match = NEXT_TOKEN.match(self.text, end)
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

    def _date_tails(self, mention: Mention, end: int, allow_range: bool) -> int:
        """Extend a month-day mention by a range end, a year, or "this year"; return the new end."""
        if allow_range:
            tail = RANGE_TAIL.match(self.text, end)
            if tail and int(tail.group("d2")) > mention.day and self._range_end_ok(tail.end()):
                mention.end_day = int(tail.group("d2"))
                mention.sep = re.sub(r"\s*the\s*$", " ", tail.group("sep")).replace("\t", " ")
                end = tail.end()
        year = YEAR_TAIL.match(self.text, end)
        if year:
            mention.year = int(year.group("year"))
            return year.end()
        relative = RELATIVE_YEAR_TAIL.match(self.text, end)
        if relative:
            mention.year_offset = MODIFIER_OFFSETS[relative.group("mod")]
            return relative.end()
        return end

    def _range_end_ok(self, end: int) -> bool:
        token = self._next_token(end)
        return not token or not token[0].isalpha() or token.lower() in DAY_FOLLOWERS or token == "this"

    def _collect_month_day(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            if match.group("mon") in ("May", "March") and self._capitalised_word_before(start):
                continue  # Theresa May 10 ..., a Long March 5 rocket
            mention = Mention(MONTH_DAY, start, match.end(), day=int(match.group("d")))
            mention.month = month_number(match.group("mon"))
            mention.end = self._date_tails(mention, match.end(), allow_range=True)
            if mention.year is not None:
                mention.kind = FULL
            if valid_date(mention.year or 2000, mention.month, mention.day) and self._free(start, mention.end):
                self._take_unless_named(mention)

    def _collect_day_month(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            if match.group("the") and not match.group("o"):
                continue
            start = match.start()
            mention = Mention(MONTH_DAY, start, match.end(), day=int(match.group("d")))
            mention.month = month_number(match.group("mon"))
            if match.group("d2"):
                if int(match.group("d2")) <= mention.day:
                    continue
                mention.end_day = int(match.group("d2"))
                mention.sep = re.sub(r"\s*the\s*$", " ", match.group("sep")).replace("\t", " ")
            mention.end = self._date_tails(mention, match.end(), allow_range=False)
            if mention.year is not None:
                mention.kind = FULL
            if valid_date(mention.year or 2000, mention.month, mention.day) and self._free(start, mention.end):
                self._take_unless_named(mention)

    def _collect_month_relative_year(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            if self._free(match.start(), match.end()):
                mention = Mention(MONTH_YEAR_RELATIVE, match.start(), match.end())
                mention.month = month_number(match.group("mon"))
                mention.year_offset = MODIFIER_OFFSETS[match.group("mod")]
                self._take(mention)

    def _collect_day_of_month(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            before = self._word_before(start)
            if before not in DAY_PRECEDERS:
                continue
            mention = Mention(
                DAY, start, match.end(), day=int(match.group("d")), before=before, end_point=before in END_POINT_WORDS
            )
            end = match.end()
            tail = RANGE_TAIL.match(self.text, end)
            if tail and tail.group("o2") and int(tail.group("d2")) > mention.day:
                mention.end_day = int(tail.group("d2"))
                mention.sep = re.sub(r"\s*the\s*$", " ", tail.group("sep")).replace("\t", " ")
                end = tail.end()
            month_tail = MONTH_TAIL.match(self.text, end)
            if month_tail:
                mention.month_offset = MODIFIER_OFFSETS.get(month_tail.group("mod") or "this", 0)
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
        return token in DAY_FOLLOWERS or token in COMMON_VERBS or (token.islower() and token.endswith("ed"))

    def _collect_periods(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            before = self._word_before(start)
            if before in _PERIOD_DETERMINERS and match.group("mod").lower() != "this":
                continue  # "the last year of the war", "the next month or so" (but "stressed that this year's")
            end = match.end()
            if not self._free(start, end):
                continue
            modifier, unit, possessive = match.group("mod", "unit", "poss")
            mention = Mention(
                PERIOD,
                start,
                end,
                unit=unit,
                offset=MODIFIER_OFFSETS[modifier.lower()],
                possessive=possessive or "",
                needs_preposition=before not in PERIOD_PREPOSITIONS,
                before=before,
            )
            self._take(mention)

    def _collect_relative_days(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            word = match.group("word")
            key = word.lower()
            before = self._word_before(start)
            poss = match.group("poss") or ""
            if key in ("today", "tonight") and word[0].isupper() and not opens_sentence(self.doc, start):
                continue  # "Russia Today", "USA Today"
            if key == "today":
                after = self._next_token(match.end()).lower()
                if (
                    before in NOWADAYS_BEFORE
                    or (poss and after in NOWADAYS_AFTER)
                    or NOWADAYS_SUBJECT.match(self.text, match.end())
                ):
                    continue  # "the world today", "even today", "today's world", "Today, mankind faces"
            if key == "tomorrow" and (
                before == "of" or (poss and self._next_token(match.end()).lower() in NOWADAYS_AFTER)
            ):
                continue  # "the leaders of tomorrow"
            if key.startswith("the day") and before in DAY_AS_OBJECT_AFTER:
                continue  # "people remember the day before yesterday as calm"
            if not self._free(start, match.end()):
                continue
            offset, part = DAY_REL_OFFSETS[key]
            mention = Mention(
                RELATIVE_DAY_KIND, start, match.end(), offset=offset, part=match.group("part") or part, before=before
            )
            mention.possessive = poss
            self._take(mention)

    def _collect_anaphors(self, matches: list[re.Match[str]]) -> None:
        for match in matches:
            start = match.start()
            phrase = match.group("phrase").lower()
            after = self._next_token(match.end())
            if phrase in ("the day before", "the day after"):
                if (
                    after
                    and (after[0].isalpha() or after[0].isdigit())
                    and after.lower() not in ADVERB_AFTER_DAY_BEFORE
                ):
                    continue  # "the day before the vote" (but "queues had formed the day before amid rumors")
            elif (
                after.lower() in NOT_ANAPHOR_AFTER
                and not match.group("poss")
                and not (after == "that" and self._reported_before(start))
            ):
                continue  # "the same day as the vote", "that day when", "the next day or two"
            before = self._word_before(start)
            if phrase in ("the next day", "the following day") and before in DURATION_BEFORE:
                continue  # "over the next day"
            if before in DAY_AS_OBJECT_AFTER or after.lower() in DAY_AS_SUBJECT_BEFORE:
                continue  # "he hopes to see that day", "until that day comes": the day as a thing, not a time
            if not self._free(start, match.end()):
                continue
            mention = Mention(ANAPHOR, start, match.end(), offset=ANAPHOR_OFFSETS[phrase])
            mention.possessive = match.group("poss") or ""
            self._take(mention)

    def _reported_before(self, start: int) -> bool:
        """A reporting verb earlier in the clause: "said in a speech in Arba Minch the same day that ..." is what was
        said that day, not "the same day that" of a relative clause."""
        return self._clause_holds(start, REPORTING_REACH, REPORTING_VERBS, _CLAUSE_CUT)

    def _clause_holds(self, start: int, reach: int, words: frozenset[str], cut: re.Pattern[str]) -> bool:
        """Whether one of `words` stands in the clause before `start` (back to the last `cut`, at most `reach`)."""
        low = max(self.doc.body_start, start - reach)
        clause = cut.split(self.text[low:start])[-1]
        return any(word.strip(PUNCTUATION).lower() in words for word in clause.split())

    def _capitalised_word_before(self, start: int) -> bool:
        match = CAPITALISED_BEFORE.search(self.text, max(0, start - 30), start)
        if not match:
            return False
        return not opens_sentence(self.doc, match.start())

    def _collect_weekdays(self, matches: list[re.Match[str]]) -> None:
        text = self.text
        for match in matches:
            start = match.start()
            modifier = (match.group("mod") or "").lower()
            before = self._word_before(start)
            if not modifier and (
                before in HABITUAL
                or self._capitalised_word_before(start)
                or (before in WEEKDAY_NAME_WORDS and text[start - len(before) - 1 : start - 1][:1].isupper())
            ):
                continue  # "every Friday", "Good Friday", "Black Friday"
            end = match.end()
            if DATED_AFTER_WEEKDAY.match(text, end):
                continue  # "Tuesday, Nov. 17": the date is there
            after = self._next_token(end)
            if after and (after[0].isupper() and after.isalpha()) and not match.group("part"):
                continue  # "Sunday Times", "Tuesday Group"
            if after.lower() in WEEKDAY_COMMON_FOLLOWERS:
                continue  # "Friday prayers"
            if not self._free(start, end):
                continue
            name, part, possessive = match.group("wd", "part", "poss")
            mention = Mention(
                WEEKDAY,
                start,
                end,
                weekday=WEEKDAY_NAMES.index(name.lower()),
                modifier=_WEEKDAY_MODIFIERS.get(modifier, modifier),
                part=part or "",
                possessive=possessive or "",
                before=before,
            )
            self._take(mention)

    # -- facts about each mention ----------------------------------------------------------------
    def annotate(self) -> None:
        """Sentence, position and tense facts each mention's resolution and rewriting depend on.

        Each fact is worked out only for the mentions whose outcome can depend on it: most dates in a
        long article are "last year" in mid-sentence, and the check must stay cheap next to the name check.
        """
        anchors = anchor_dates(self.anchor)
        if not anchors:
            return  # nothing is resolved, so no fact changes a finding: each says why it cannot be resolved
        text = self.text
        previous_end = -1
        previous_needs = True
        quotations: tuple[tuple[int, int], ...] = ()
        if self.candidates.quote_marks:  # any mark that opens a quotation, „ included
            quotations = self.doc.quotations
        quotation_starts = [start for start, _ in quotations]
        refers_back = any(mention.kind == ANAPHOR for mention in self.mentions)
        for mention in self.mentions:
            kind = mention.kind
            if kind == PERIOD and mention.unit in ("week", "weekend"):
                # A week is never rewritten ("name the day"), so no fact changes its finding; nor is it a day
                # "that day" may refer back to. After it, as after every period, a date needs its own "on".
                previous_end, previous_needs = mention.end, False
                continue
            starts_upper = text[mention.start].isupper()
            if refers_back or (starts_upper and kind in LOWER_CASE_KINDS):
                mention.topic = opens_sentence(self.doc, mention.start)
            if kind == FULL:
                previous_end, previous_needs = mention.end, False
                continue
            # Capitalised because it opens the sentence (not "Tuesday", "November"): the rewrite is too.
            mention.capital = (
                starts_upper
                and kind in LOWER_CASE_KINDS
                and mention.topic
                and not LEAD_WORD.search(text, max(0, mention.start - 24), mention.start)
            )
            # Tense (and the sentence position it may note) only moves a resolution: with no anchor there is none.
            tense_matters = anchors and (
                kind in (DAY, ANAPHOR)  # "the same day": a past sentence cannot mean a date after publication
                or (kind == WEEKDAY and not mention.modifier)
                or (kind == MONTH_DAY and self._tense_decides_year(mention, anchors))
            )
            if tense_matters:
                mention.future = self._before(mention) in STARTING_WORDS or speaks_of_future(self.doc, mention)
                if kind == DAY and mention.end_point and not mention.future:
                    mention.period_over = self._period_over(mention)
                if kind == MONTH_DAY:
                    mention.deadline = self._named_as_deadline(mention)
                    mention.end_point = self._before(mention) in END_POINT_WORDS
                    if mention.end_point and not mention.future:
                        mention.period_over = self._period_over(mention)
                    elif not mention.future:
                        mention.past = past_verb_governs(self.doc, mention)
            if quotations:
                index = bisect.bisect_right(quotation_starts, mention.start) - 1
                mention.quoted = index >= 0 and mention.start < quotations[index][1]
            if kind in (RELATIVE_DAY_KIND, ANAPHOR, WEEKDAY, PERIOD) and self._is_subject(mention):
                # "This year marks ...", "Yesterday was quiet": the date is the subject, no "in"/"on".
                mention.needs_preposition = previous_needs = False
            elif kind in (RELATIVE_DAY_KIND, ANAPHOR, WEEKDAY):
                if previous_end >= 0 and COORDINATION.fullmatch(text, previous_end, mention.start):
                    mention.needs_preposition = previous_needs  # "on Monday and Tuesday": one "on" for both
                else:
                    mention.needs_preposition = self._before(mention) not in DAY_PREPOSITIONS
                previous_needs = mention.needs_preposition
            else:
                previous_needs = False
            if kind == DAY and mention.month_offset is None:
                month, year = self._stated_month(mention)
                # A past month is not the month of a date to come ("since November 2018, will meet from the 21st").
                stated_in_past = year is not None and month is not None and anchors[0] > dt.date(year, month, 28)
                if not (mention.future and stated_in_past):
                    mention.month, mention.year = month, year
            previous_end = mention.end

    @staticmethod
    def _tense_decides_year(mention: Mention, anchors: list[dt.date]) -> bool:
        """Whether "will" could move a month and day to another year: it is after publication, or long before."""
        if mention.year is not None or mention.year_offset is not None:
            return False
        for anchor in anchors:
            same = valid_date(anchor.year, mention.month or 1, mention.day)
            if same is None or same > anchor or (anchor - same).days > REPORTED_PLAN_DAYS:
                return True
        return False

    def _period_over(self, mention: Mention) -> bool:
        """A verb in the date's clause says the period it ends is over: "the curfew lasted for two weeks, until the
        4th" (a comma does not end that clause)."""
        return self._clause_holds(mention.start, PERIOD_OVER_REACH, PERIOD_OVER_VERBS, _SENTENCE_CUT)

    def _named_as_deadline(self, mention: Mention) -> bool:
        """ "set Sept. 11 as the deadline", "the Sept. 11 deadline", "a deadline of Sept. 11"."""
        if DEADLINE_AFTER.match(self.text, mention.end):
            return True
        return DEADLINE_BEFORE.search(self.text, max(0, mention.start - 24), mention.start) is not None

    def _is_subject(self, mention: Mention) -> bool:
        following = self.text[mention.end : mention.end + 1]
        if following not in (" ", "\t") and not following.isalpha():
            return False  # a stop or a comma follows, as after most dates
        return not mention.possessive and self._next_token(mention.end).lower() in SUBJECT_VERBS

    def _stated_month(self, mention: Mention) -> tuple[int | None, int | None]:
        """The month a date or a month name earlier in the same sentence gives ("In October, ... on the 4th")."""
        low = max(self.doc.body_start, mention.start - SAME_SENTENCE_REACH)
        month: int | None = None
        year: int | None = None
        month_end = -1
        relative_month_end = -1  # "the 5th of this month": a month counted from publication, not one stated
        for other in self.mentions:
            if other.start >= mention.start:
                break
            if other.start >= low and other.month is not None and other.kind in (MONTH_DAY, FULL):
                month, year, month_end = other.month, other.year, other.end
            elif other.start >= low and other.kind == DAY and other.month_offset is not None:
                relative_month_end = other.end
        for name in self._month_names(max(low, month_end), mention.start):
            if name.group("mon") in ("May", "March") and self._word_before(name.start()) not in MONTH_PRECEDERS:
                continue  # the verb, the name
            if self._free(name.start(), name.end()):
                year_tail = YEAR_TAIL.match(self.text, name.end())
                month = month_number(name.group("mon"))
                year = int(year_tail.group("year")) if year_tail else None
                month_end = name.end()
        # No month, or a later "of this month" took its place ("July 14 ... the 5th of this month").
        if month is None or month_end < relative_month_end:
            return None, None
        if sentence_ends_between(self.text, month_end, mention.start, 1):
            return None, None
        if CLAUSE_BOUNDARY.search(self.text, month_end, mention.start):
            return None, None  # "rose in November, the ministry said on the 1st": the month is not the date's
        return month, year

    def _month_names(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """What `MONTH_NAME_PATTERN.finditer(text, start, end)` finds, tried only where the scan saw a month name begin."""
        hits = self.candidates.month_names
        reached = start
        for index in range(bisect.bisect_left(hits, start), len(hits)):
            point = hits[index]
            if point >= end:
                return
            if point >= reached:
                name = MONTH_NAME_PATTERN.match(self.text, point, end)
                if name is not None:
                    reached = name.end()
                    yield name
