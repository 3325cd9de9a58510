"""Claim cues of one sentence: the words that make it an opinion, prediction, accusation ... rather than a fact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from normcheck.attribution_lexicon import AttributionLexicon, ClaimCategory

# List markers, quote marks and markup before a sentence's first word: patterns anchored with "^" skip them.
_LEAD = re.compile(r"\s*(?:[-*+•>#]+\s+|\d{1,2}[.)]\s+)?[\"“‘«(\[*_]*")


@dataclass(frozen=True)
class ClaimCue:
    category: ClaimCategory
    start: int  # offsets into the article text
    end: int
    text: str


def find_claim_cues(
    text: str, start: int, end: int, lexicon: AttributionLexicon, categories: int = -1
) -> list[ClaimCue]:
    """Every cue in the sentence text[start:end], in order of position.

    `categories` is a bit mask (bit i: category i) of the categories to try; by default all of them.
    """
    sentence = text[start:end]
    lead = _LEAD.match(sentence)
    offset = lead.end() if lead else 0
    body = sentence[offset:]
    cues = []
    for index, compiled in enumerate(lexicon.categories):
        if not categories >> index & 1:
            continue
        for match in compiled.regex.finditer(body):
            cues.append(
                ClaimCue(
                    compiled.category, start + offset + match.start(), start + offset + match.end(), match.group(0)
                )
            )
    cues.sort(key=lambda cue: (cue.start, -cue.end))
    return cues
