"""Claim cues of one sentence: the words that make it an opinion, prediction, accusation ... rather than a fact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from normcheck.attribution_lexicon import AttributionLexicon, ClaimCategory, lower_same_length

# List markers, quote marks and markup before a sentence's first word: patterns anchored with "^" skip them.
_LEAD = re.compile(r"\s*(?:[-*+•>#]+\s+|\d{1,2}[.)]\s+)?[\"“‘«(\[*_]*")


@dataclass(frozen=True)
class ClaimCue:
    category: ClaimCategory
    start: int  # offsets into the article text
    end: int
    text: str


def find_claim_cues(
    text: str,
    start: int,
    end: int,
    lexicon: AttributionLexicon,
    categories: int = -1,
    lowered: str | None = None,
) -> list[ClaimCue]:
    """Every cue in the sentence text[start:end], in order of position.

    `categories` is a bit mask (bit i: category i) of the categories to try; by default all of them. `lowered` is
    the text lower-cased with offsets kept (`lower_same_length`), if the caller has it: most categories match on it.
    """
    sentence = text[start:end]
    lead = _LEAD.match(sentence)
    offset = lead.end() if lead else 0
    body = sentence[offset:]
    body_lowered: str | None = None
    cues = []
    for index, compiled in enumerate(lexicon.categories):
        if not categories >> index & 1:
            continue
        target = body
        if compiled.on_lowered:
            if body_lowered is None:
                body_lowered = lowered[start + offset : end] if lowered is not None else lower_same_length(body)
            target = body_lowered
        for match in compiled.regex.finditer(target):
            first, last = start + offset + match.start(), start + offset + match.end()
            cues.append(ClaimCue(compiled.category, first, last, text[first:last]))
    cues.sort(key=lambda cue: (cue.start, -cue.end))
    return cues
