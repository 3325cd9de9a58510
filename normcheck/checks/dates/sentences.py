"""Sentence facts read locally around a date: whether it opens its sentence, how many sentence ends lie between
two offsets. Splitting a whole article into sentences would cost more than the rest of the check."""

from __future__ import annotations

from normcheck.checks.dates.patterns import LEAD_REACH, OPENING_LEAD, SENTENCE_BOUNDARY
from normcheck.document import Document
from normcheck.segmentation import ABBREVIATIONS


def abbreviation_before(text: str, dot: int) -> bool:
    """The period at `dot` ends an abbreviation ("Nov.", "U.S.", "Gen."), not a sentence."""
    word = text[text.rfind(" ", max(0, dot - 12), dot) + 1 : dot].lstrip("\"'“‘(\n")
    return "." in word or word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentence_ends_between(text: str, start: int, end: int, limit: int = 2) -> int:
    """How many sentence ends lie in text[start:end], counting up to `limit`."""
    count = 0
    # A boundary looks ahead at the next sentence's first letter: let it see past `end`.
    for boundary in SENTENCE_BOUNDARY.finditer(text, start, min(len(text), end + 4)):
        if boundary.end() > end:
            break
        if boundary.group(0)[0] == "." and abbreviation_before(text, boundary.start()):
            continue
        count += 1
        if count >= limit:
            break
    return count


def opens_sentence(doc: Document, offset: int) -> bool:
    """Only quotes, brackets, markup and a preposition ("On", "In the morning of") stand before it in its sentence."""
    text = doc.checkable
    low = max(doc.body_start, offset - LEAD_REACH)
    # The lead must reach the date: with line anchors, a match may also end at a line end before it.
    lead = next((match for match in OPENING_LEAD.finditer(text, low, offset) if match.end() == offset), None)
    if lead is None:
        return False
    if lead.group("stop"):
        return lead.group("stop") != "." or not abbreviation_before(text, lead.start("stop"))
    if lead.group("break") or not text[doc.body_start : lead.start()].strip():
        return True
    # A line start: a new sentence only after a headline line (copy hard-wrapped mid-sentence is common).
    return lead.start() > 0 and doc.in_headline(lead.start() - 1)
