"""The parsed article every check reads: text, format, metadata, checkable regions, structure."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from normcheck.regions import front_matter_span, mask_regions
from normcheck.segmentation import Span, find_quotations, split_paragraphs, split_sentences

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_ATX_HEADING_AT = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")  # used with match(text, start): no "^", which holds only at 0
_SETEXT_UNDERLINE = re.compile(r"\n[ \t]{0,3}(?:=+|-+)[ \t]*\r?$")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…:;][\"'”“’»)]*\s*$")  # “ closes a German-style „quote“
# libyaml's safe loader reads front matter about ten times faster; over an archive of short articles the
# pure-Python one cost more than the name check itself.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """One article. Offsets everywhere are 0-based character offsets into `text`.

    Structure (paragraphs, sentences, quotations, headlines, line starts) is computed on first use and
    kept: a check that needs no sentences does not pay for splitting them.
    """

    text: str
    path: str
    format: str  # "text" or "markdown"
    checkable: str  # `text` with non-checkable regions blanked; same length, same offsets
    metadata: dict[str, Any]
    body_start: int = 0  # where the copy begins, after any front matter
    notes: tuple[str, ...] = field(default=())

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        return line_starts_of(self.text)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        return tuple(split_paragraphs(self.checkable, self.body_start))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        return tuple(span for paragraph in self.paragraphs for span in split_sentences(self.checkable, paragraph))

    @cached_property
    def quotations(self) -> tuple[Span, ...]:
        """Quoted passages, quote marks included; they may span sentences."""
        return tuple(span for paragraph in self.paragraphs for span in find_quotations(self.checkable, paragraph))

    @cached_property
    def headlines(self) -> tuple[Span, ...]:
        """Paragraphs that are headings, or a headline-like first line."""
        return tuple(_headlines(self.checkable, list(self.paragraphs), self.format == "markdown"))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return line_index + 1, offset - self.line_starts[line_index] + 1

    def sentence_at(self, offset: int) -> Span | None:
        starts = [start for start, _ in self.sentences]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and self.sentences[index][0] <= offset < self.sentences[index][1]:
            return self.sentences[index]
        return None

    def in_headline(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.headlines)

    def in_quotation(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quotations)


def line_starts_of(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return tuple(starts)


def _read_front_matter(text: str) -> tuple[dict[str, Any], list[str]]:
    span = front_matter_span(text)
    if span is None:
        return {}, []
    block = text[span[0] : span[1]].lstrip("\ufeff")
    if not block.startswith("---"):
        return {}, ["front matter in TOML (+++) is not read"]
    body = block.split("\n", 1)[1].rsplit("---", 1)[0]
    try:
        data = yaml.load(body, Loader=_YAML_LOADER)  # a safe loader (in C where PyYAML has it)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, [f"front matter is not valid YAML{where}; it was ignored"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["front matter is not a mapping; it was ignored"]
    return {str(key): value for key, value in data.items()}, []


def _headlines(text: str, paragraphs: list[Span], markdown: bool) -> list[Span]:
    return [span for index, span in enumerate(paragraphs) if is_headline(text, span, index == 0, markdown)]


def is_headline(text: str, paragraph: Span, first: bool, markdown: bool) -> bool:
    """Whether a paragraph is a heading, or (`first`: the first paragraph) a headline-like first line.

    `Document.headlines` holds the paragraphs for which this is true; a check that needs only a few paragraphs
    asks about those.
    """
    start, end = paragraph
    if markdown and (
        _ATX_HEADING_AT.match(text, start, end)
        # A setext underline is a line of its own: no line break, no underline (spares most paragraphs the search).
        or (text.find("\n", start, end) != -1 and _SETEXT_UNDERLINE.search(text, start, end))
    ):
        return True
    if not first:
        return False
    chunk = text[start:end]
    return "\n" not in chunk.strip() and not _ENDS_LIKE_SENTENCE.search(chunk)


def parse_document(text: str, path: str = "<string>", format: str | None = None) -> Document:
    if format is None:
        format = "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"
    markdown = format == "markdown"
    metadata, notes = _read_front_matter(text) if markdown or text.startswith("---") else ({}, [])
    checkable, _ = mask_regions(text, markdown=markdown)
    front = front_matter_span(text)
    if front is not None and not markdown:
        # Plain text may carry front matter too; it is metadata, not copy.
        checkable = re.sub(r"[^\r\n]", " ", checkable[: front[1]]) + checkable[front[1] :]
    return Document(
        text=text,
        path=path,
        format=format,
        checkable=checkable,
        metadata=metadata,
        body_start=front[1] if front else 0,
        notes=tuple(notes),
    )
