"""Whether the sentence around a date speaks of the future ("will be held on the 25th"): it decides which 25th."""

from __future__ import annotations

import bisect
import re

from normcheck.checks.dates.mentions import Mention
from normcheck.checks.dates.patterns import CLAUSE_BOUNDARY, PUNCTUATION, SENTENCE_BOUNDARY
from normcheck.checks.dates.sentences import abbreviation_before, opens_sentence
from normcheck.document import Document

_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|is due|are due|due to|scheduled|expected to|set to|plans? to|planned"
    r"|upcoming|to be held|to take place|going to|is slated|are slated"
    # An aim is set for a date to come: "the WFP hoped to send its first convoy by the 15th".
    r"|hopes? to|hoped to|aims? to|intends? to"
    # A timetable in the present tense: "the transition period ends on December 31".
    r"|ends|expires|begins|starts|opens|closes|lasts|runs until|runs from|takes effect|comes into force)\b",
    re.IGNORECASE,
)
# Lower-case text every future cue contains, and how far before it each cue that contains it begins ("is due",
# "are due", "due to"): in the lower-cased text a cue can begin only there, so `_FUTURE_CUE_LOWER` is tried only at
# those points, found by str.find, instead of searched for (a case-blind alternation with no literal to skip to
# costs several microseconds per hundred characters).
_CUE_STARTS = (
    ("will", (0,)),
    ("would", (0,)),
    ("shall", (0,)),
    ("'ll", (0,)),
    ("is to", (0,)),
    ("are to", (0,)),
    ("due", (0, 3, 4)),
    ("scheduled", (0,)),
    ("expected to", (0,)),
    ("set to", (0,)),
    ("plan", (0,)),
    ("upcoming", (0,)),
    ("hope", (0,)),
    ("aim", (0,)),
    ("intend", (0,)),
    ("to be held", (0,)),
    ("to take place", (0,)),
    ("going to", (0,)),
    ("slated", (3, 4)),
    ("ends", (0,)),
    ("expires", (0,)),
    ("begins", (0,)),
    ("starts", (0,)),
    ("opens", (0,)),
    ("closes", (0,)),
    ("lasts", (0,)),
    ("runs until", (0,)),
    ("runs from", (0,)),
    ("takes effect", (0,)),
    ("comes into force", (0,)),
)
# The same cues in lower case, as a trie: `_FUTURE_CUE` is case-blind, and the regex engine tests case-blind
# literals several times slower. In a copy lower-cased by `_folded` (same offsets) it finds exactly what
# `_FUTURE_CUE` finds in the text.
_FUTURE_CUE_LOWER = re.compile(
    r"\b(?:w(?:ill|ould)|s(?:hall|cheduled|et to)|'ll|is (?:to|due|slated)|are (?:to|due|slated)|due to|expected to"
    r"|plan(?:s? to|ned)|upcoming|to (?:be held|take place)|going to|hope(?:s? to|d to)|aims? to|intends? to"
    r"|e(?:nds|xpires)|begins|starts|opens|closes|lasts|runs (?:until|from)|takes effect|comes into force)\b"
)
# Letters a case-blind pattern takes for ASCII letters that str.lower() leaves alone or lengthens.
_CASE_BLIND_ALIASES = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))
_FUTURE_REACH = 160  # characters around a date searched for a future cue (long wire sentences)
_FUTURE_WORDS_AFTER = 8
_PAST_REACH = 80  # characters before a date searched for the past verb of its clause
_WHEN_AFTER = re.compile(r",?[ \t]+when[ \t]+(?P<clause>[^.;:!?]*)")
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
# A participle after these is a state or a passive, not a past event: "will be held", "will remain closed".
_FUTURE_PARTICIPLE_AUXILIARIES = frozenset(
    ("be", "been", "being", "get", "is", "are", "remain", "remains", "stay", "stays")
)
_NOT_PAST = frozenset(
    ["scheduled", "expected", "planned", "needed", "united", "red", "bed", "proceed", "exceed", "indeed"]
)


def _past_verb_in(words: list[str]) -> bool:
    """A past verb among the words ("signed", "held"), unless it is part of a future passive ("be held")."""
    previous = ""
    for raw in words:
        word = raw.strip(PUNCTUATION).lower()
        is_past = word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST)
        if is_past and previous not in _FUTURE_PARTICIPLE_AUXILIARIES:
            return True
        previous = word
    return False


# Past forms whose date is where something was moved to: "postponed it to Feb. 9" looks ahead.
_RESCHEDULING = frozenset(("postponed", "delayed", "deferred", "moved", "rescheduled", "pushed", "extended"))


def past_verb_governs(doc: Document, mention: Mention) -> bool:
    """A past verb in the date's own clause (back to the last comma or stop; for a date that opens its sentence, the
    words after it): "the previous summit, held in Dushanbe on September 17", "On December 5, fighting erupted". A
    verb that moves a date ("postponed it to Feb. 9") does not count."""
    text = doc.checkable
    low = max(doc.body_start, mention.start - _PAST_REACH)
    words = re.split(r"[.!?;:,]", text[low : mention.start])[-1].split()
    if "to" in words[:-1]:
        # "has told banks to cut rates by October 31": the date belongs to the infinitive, not to the past verb.
        words = words[len(words) - words[::-1].index("to") :]
    if mention.topic or opens_sentence(doc, mention.start):
        words += re.split(r"[.!?;:]", text[mention.end : mention.end + _PAST_REACH])[0].split()[:_FUTURE_WORDS_AFTER]
    return _past_verb_in([word for word in words if word.lower() not in _RESCHEDULING])


def _planned_before(text: str, cue: int) -> bool:
    """A cue in the past perfect is a plan that was superseded ("the vote had been scheduled for December 23"): it
    says nothing of the date's tense. (A simple past is most often reported speech: "the highway was expected to
    reopen on Monday" still looks ahead.)"""
    words = text[max(0, cue - 16) : cue].lower().split()
    return words[-1:] == ["had"] or words[-2:] == ["had", "been"]


def _folded(text: str) -> str:
    """`text` lower-cased, of the same length, with the letters `_FUTURE_CUE` (case-blind) takes for ASCII ones
    written as those: there `_FUTURE_CUE_LOWER` finds what `_FUTURE_CUE` finds in `text`, at the same offsets."""
    if not text.isascii():
        # İ (whose lower case is two characters), dotless ı and long ſ match i and s case-blind; K lowers to k.
        for letter, ascii_letter in _CASE_BLIND_ALIASES:
            if letter in text:
                text = text.replace(letter, ascii_letter)
    return text.lower()


def cue_in_words(words: str) -> bool:
    """Whether `words` (a string made of a text's words) holds a future cue."""
    return _FUTURE_CUE_LOWER.search(_folded(words)) is not None


class CueWindow:
    """The future cues of text[low:high], for the questions asked about one date: the points where a cue may
    begin are found once, and the pattern is tried only there, in a lower-cased copy of the window (the same
    answers as searching the text, see tests/test_date_candidates.py)."""

    __slots__ = ("lowered", "offset", "starts")

    def __init__(self, text: str, low: int, high: int) -> None:
        # One character more on the left: a word boundary at `low` depends on the character before it.
        self.offset = low - 1 if low > 0 else 0
        lowered = self.lowered = _folded(text[self.offset : high])
        starts: list[int] = []
        self.starts = starts
        for cue, backs in _CUE_STARTS:
            if cue in lowered:  # most cues are not there: a substring test costs less than a search
                position = lowered.find(cue)
                while position != -1:
                    for back in backs:
                        starts.append(position - back)
                    position = lowered.find(cue, position + 1)
        starts.sort()

    def search(self, start: int, end: int) -> bool:
        """Whether a cue lies in text[start:end] (as `pattern.search(text, start, end)` finds), within the window."""
        lowered = self.lowered
        starts, offset = self.starts, self.offset
        start, end = start - offset, end - offset
        match = _FUTURE_CUE_LOWER.match
        for index in range(bisect.bisect_left(starts, start), len(starts)):
            point = starts[index]
            if point >= end:
                break
            if match(lowered, point, end) is not None:
                return True
        return False

    def cue_ends_in_slice(self, start: int, end: int) -> list[int]:
        """Where each cue of the string text[start:end] ends, as an offset into the text (the string is matched as a
        string of its own: its ends are word boundaries)."""
        return [cue_end for _, cue_end in self.cues_in_slice(start, end)]

    def cues_in_slice(self, start: int, end: int) -> list[tuple[int, int]]:
        """Where each cue of the string text[start:end] begins and ends, as offsets into the text (see
        `cue_ends_in_slice`)."""
        lowered = self.lowered
        starts, offset = self.starts, self.offset
        start, end = start - offset, end - offset
        match = _FUTURE_CUE_LOWER.match
        cues: list[tuple[int, int]] = []
        reached = start
        for index in range(bisect.bisect_left(starts, start), len(starts)):
            point = starts[index]
            if point >= end:
                break
            if point < reached:
                continue
            if point == start:  # a word boundary at the start of the string, whatever stands before it
                found = match(lowered[start:end])
                cue_end = start + found.end() if found is not None else -1
            else:
                found = match(lowered, point, end)
                cue_end = found.end() if found is not None else -1
            if cue_end != -1:
                cues.append((point + offset, cue_end + offset))
                reached = cue_end
        return cues


def speaks_of_future(doc: Document, mention: Mention) -> bool:
    """A future cue governs the date: earlier in its clause with no past verb in between ("will be held on the
    25th", not "will hold after the agreement signed on the 9th"), after a date that opens the sentence, or in a
    "when" clause right after the date ("elections on March 31, when voters will choose mayors")."""
    text = doc.checkable
    low = max(doc.body_start, mention.start - _FUTURE_REACH)
    high = min(len(text), mention.end + _FUTURE_REACH)
    when = _WHEN_AFTER.match(text, mention.end, high)
    if when is not None and cue_in_words(" ".join(when.group("clause").split()[:_FUTURE_WORDS_AFTER])):
        return True
    window = CueWindow(text, low, mention.start)
    if not window.search(low, mention.start):
        # A cue after the date counts only when the date opens the sentence: that is asked first, as it costs less.
        if not (mention.topic or opens_sentence(doc, mention.start)):
            return False
        if not CueWindow(text, mention.end, high).search(mention.end, high):
            return False  # most sentences: no cue at all
        mention.topic = True
    for boundary in SENTENCE_BOUNDARY.finditer(text, low, min(len(text), mention.start + 4)):
        if boundary.end() > mention.start:
            break
        if boundary.group(0)[0] != "." or not abbreviation_before(text, boundary.start()):
            low = boundary.end()
    before = text[low : mention.start]
    clause = max((cut.end() for cut in CLAUSE_BOUNDARY.finditer(before)), default=0)
    found = [
        end for start, end in window.cues_in_slice(low + clause, mention.start) if not _planned_before(text, start)
    ]
    if found and not _past_verb_in(text[found[-1] : mention.start].split()):
        return True
    if mention.topic:
        after = text[mention.end : high]
        cut = CLAUSE_BOUNDARY.search(after) or SENTENCE_BOUNDARY.search(after)
        after = after[: cut.start()] if cut else after
        return cue_in_words(" ".join(after.split()[:_FUTURE_WORDS_AFTER]))
    return False
