"""Paragraph and sentence boundaries of (masked) article text."""

from __future__ import annotations

import re

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_NEWLINE = re.compile(r"\n")

# Words that end with a period without ending the sentence. Months and titles are the ones that
# matter in news copy ("on Nov. 18", "Gen. Smith", "U.S. officials").
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "approx",
        "est",
        "dept",
        "univ",
        "assn",
        "corp",
        "inc",
        "ltd",
        "co",
        "bros",
        "vs",
        "etc",
        "al",
        "fig",
        "cf",
        "ie",
        "eg",
    ]
)

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”“’»)\]]*(?=\s+|$)")  # “ closes a German-style „quote“
_NEXT_START = re.compile(r"\s+[\"'“‘«(\[]*[A-Z0-9\u00C0-\u024F\u0400-\u04FF]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blank-line separated blocks; in a text with no blank lines at all, every line is a paragraph.

    Machine-translated copy often arrives one paragraph per line with no blank lines between them.
    """
    end = len(text) if end is None else end
    separator = _BLANK_LINE if _BLANK_LINE.search(text, start, end) else _NEWLINE
    bounds = [start]  # start, end of each block between separators
    for match in separator.finditer(text, start, end):
        bounds += match.span()
    bounds.append(end)
    result = []
    for block_start, block_end in zip(bounds[::2], bounds[1::2], strict=True):
        if block_start < block_end and not text[block_start].isspace() and not text[block_end - 1].isspace():
            result.append((block_start, block_end))  # nothing to strip: the common case, without a copy
            continue
        chunk = text[block_start:block_end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        result.append((block_start + lead, block_start + lead + len(stripped)))
    return result


def _is_abbreviation(text: str, dot_index: int) -> bool:
    # Fast path for the common case, a plain word after a space: decide it without the regex below (the same
    # answer: such a word is the whole [\w.]+ run before the dot).
    space = text.rfind(" ", max(0, dot_index - 40), dot_index)
    if space != -1:
        word = text[space + 1 : dot_index]
        if word.isalpha():
            return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())
    # Search a short window: anchoring `$` over the whole prefix would make splitting quadratic.
    match = _WORD_BEFORE.search(text, max(0, dot_index - 40), dot_index)
    if not match:
        return False
    word = match.group(1)
    if "." in word.rstrip("."):
        return True  # U.S., a.m., U.N.
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isupper()  # an initial: "John F. Kennedy"


def split_sentences(text: str, paragraph: Span) -> list[Span]:
    start, end = paragraph
    spans: list[Span] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if (
            match.group(0)[0] == "."
            and len(match.group(0).rstrip("\"'”“’»)]")) == 1
            and _is_abbreviation(text, match.start())
        ):
            continue
        if match.end() < end and not _NEXT_START.match(text, match.end(), end):
            continue
        spans.append((sentence_start, match.end()))
        rest = text[match.end() : end]
        sentence_start = match.end() + (len(rest) - len(rest.lstrip()))
    if sentence_start < end and text[sentence_start:end].strip():
        spans.append((sentence_start, end))
    return spans


# „ closes with “ in German and with ” in Polish, Romanian or Hungarian copy: whichever comes first.
_QUOTE_PAIRS = {"“": ("”",), "«": ("»",), "„": ("“", "”"), '"': ('"',)}
_OPENING_QUOTE = re.compile(r"[“«„\"]")
QUOTE_OPENERS = "".join(_QUOTE_PAIRS)  # the marks a quotation opens with: a text without any has none


def find_quotations(text: str, paragraph: Span) -> list[Span]:
    """Quoted passages inside one paragraph, quote marks included; they may span several sentences.

    An unclosed quotation runs to the end of the paragraph, as in news copy whose quote continues into the
    next paragraph.
    """
    start, end = paragraph
    spans: list[Span] = []
    position = start
    while True:
        opening = _OPENING_QUOTE.search(text, position, end)
        if opening is None:
            return spans
        closings = [text.find(mark, opening.end(), end) for mark in _QUOTE_PAIRS[opening.group(0)]]
        closing = min((found for found in closings if found != -1), default=-1)
        stop = end if closing == -1 else closing + 1
        spans.append((opening.start(), stop))
        position = stop
