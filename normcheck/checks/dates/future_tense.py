"""Whether the sentence around a date speaks of the future ("will be held on the 25th"): it decides which 25th."""

from __future__ import annotations

import re

from normcheck.checks.dates.mentions import Mention
from normcheck.checks.dates.patterns import CLAUSE_BOUNDARY, PUNCTUATION, SENTENCE_BOUNDARY
from normcheck.checks.dates.sentences import abbreviation_before, opens_sentence
from normcheck.document import Document

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


def _holds_cue_text(lowered: str) -> bool:
    for cue in _FUTURE_CUE_TEXTS:  # noqa: SIM110 - a loop costs less than any() over a generator, run per date
        if cue in lowered:
            return True
    return False


class FutureCues:
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
        if not _holds_cue_text(lowered):
            return False, False  # most dates: no cue either side
        return _holds_cue_text(lowered[: start - low]), _holds_cue_text(lowered[end - low :])

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


def speaks_of_future(doc: Document, cues: FutureCues, mention: Mention) -> bool:
    """A future cue governs the date: earlier in its clause with no past verb in between ("will be held on the
    25th", not "will hold after the agreement signed on the 9th"), or after a date that opens the sentence."""
    text = doc.checkable
    low = max(doc.body_start, mention.start - _FUTURE_REACH)
    high = min(len(text), mention.end + _FUTURE_REACH)
    cue_before, cue_after = cues.possible(low, mention.start, mention.end, high)
    if not (cue_before and cues.search(low, mention.start)):
        if not (cue_after and cues.search(mention.end, high)):
            return False  # most sentences: no cue at all
        mention.topic = mention.topic or opens_sentence(doc, mention.start)
        if not mention.topic:
            return False
    for boundary in SENTENCE_BOUNDARY.finditer(text, low, min(len(text), mention.start + 4)):
        if boundary.end() > mention.start:
            break
        if boundary.group(0)[0] != "." or not abbreviation_before(text, boundary.start()):
            low = boundary.end()
    before = text[low : mention.start]
    clause = max((cut.end() for cut in CLAUSE_BOUNDARY.finditer(before)), default=0)
    before = before[clause:]
    found = cues.in_slice(low + clause, mention.start)
    if found and not _past_verb_in(before[found[-1].end() :].split()):
        return True
    if mention.topic:
        after = text[mention.end : high]
        cut = CLAUSE_BOUNDARY.search(after) or SENTENCE_BOUNDARY.search(after)
        after = after[: cut.start()] if cut else after
        return cues.in_words(" ".join(after.split()[:_FUTURE_WORDS_AFTER]))
    return False
