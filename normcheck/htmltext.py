"""HTML articles: the text a reader sees, with a map back to the bytes of the markup.

The stdlib `html.parser` (with character references left unconverted) reports every tag, comment, text run
and entity with its position, so the article's visible text is built as a separate string in which each
character knows the span of the original it came from. Checks run on that text; their findings and fix
edits are mapped back. An edit whose span would cross a tag is dropped (the finding stays), so a fix only
ever rewrites the inside of one text node, and every byte of markup stays as it was.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from normcheck.document import Document, line_starts_of, parse_document
from normcheck.finding import Edit, Finding, Fix

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Content never checked: code, scripts, styles, and other non-prose containers.
SKIPPED_ELEMENTS = frozenset(("script", "style", "code", "pre", "kbd", "samp", "textarea", "template", "svg", "math"))
# Elements that end a paragraph for the sentence splitter.
BLOCK_ELEMENTS = frozenset(
    (
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav",
        "ol", "p", "section", "table", "td", "th", "title", "tr", "ul",
    )
)  # fmt: skip
VOID_ELEMENTS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"))
_DATE_META = ("date", "article:published_time", "dc.date", "pubdate", "publish-date")
_SYNTHETIC = -1


def is_html(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)


class _Events(HTMLParser):
    """Records (kind, start offset, payload) for each parser event; an event ends where the next one starts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, int, object]] = []
        self._line_starts = line_starts_of(text)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", self._offset(), (tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("startend", self._offset(), (tag, attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", self._offset(), tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", self._offset(), data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("ref", self._offset(), name))

    def handle_charref(self, name: str) -> None:
        self.events.append(("ref", self._offset(), name))

    def handle_comment(self, data: str) -> None:
        self.events.append(("markup", self._offset(), data))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("markup", self._offset(), decl))

    def handle_pi(self, data: str) -> None:
        self.events.append(("markup", self._offset(), data))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("markup", self._offset(), data))


@dataclass(frozen=True)
class HtmlText:
    """The visible text of an HTML article and, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]  # original start of each character, or -1 for a paragraph break standing for a tag
    ends: tuple[int, ...]
    text_mask: tuple[tuple[int, int], ...]  # original spans that are prose (text runs and entities)
    metadata: dict[str, str]

    def original_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The original span of [start, end), or None when it is not one unbroken run of text."""
        if start == end:
            if start < len(self.text) and self.starts[start] != _SYNTHETIC:
                return self.starts[start], self.starts[start]
            if start > 0 and self.ends[start - 1] != _SYNTHETIC:
                return self.ends[start - 1], self.ends[start - 1]
            return None
        for index in range(start, end):
            if self.starts[index] == _SYNTHETIC:
                return None
            if index > start and self.starts[index] != self.ends[index - 1]:
                return None
        return self.starts[start], self.ends[end - 1]

    def covering_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that contains [start, end), even across markup: where to report a finding."""
        real = [i for i in range(start, max(end, start + 1)) if i < len(self.text) and self.starts[i] != _SYNTHETIC]
        if not real:
            point = next((self.starts[i] for i in range(start, len(self.text)) if self.starts[i] != _SYNTHETIC), None)
            point = point if point is not None else (self.ends[start - 1] if start > 0 else 0)
            return point, point
        return self.starts[real[0]], self.ends[real[-1]]


def extract(text: str) -> HtmlText:
    parser = _Events(text)
    parser.feed(text)
    parser.close()
    events = parser.events
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    mask: list[tuple[int, int]] = []
    metadata: dict[str, str] = {}
    skipping: list[str] = []

    def add_break(count: int) -> None:
        """Newlines standing for a tag (no original span); two end a paragraph, and never more than two."""
        trailing = 0
        while trailing < len(chars) and starts[-1 - trailing] == _SYNTHETIC:
            trailing += 1
        if chars and trailing < count:
            chars.extend("\n" * (count - trailing))
            starts.extend([_SYNTHETIC] * (count - trailing))
            ends.extend([_SYNTHETIC] * (count - trailing))

    for index, (kind, start, payload) in enumerate(events):
        end = events[index + 1][1] if index + 1 < len(events) else len(text)
        if kind in ("start", "startend", "end"):
            tag = payload[0] if isinstance(payload, tuple) else str(payload)
            if kind != "end" and isinstance(payload, tuple):
                _read_metadata(tag, dict(payload[1]), metadata)
            if tag in SKIPPED_ELEMENTS and tag not in VOID_ELEMENTS and kind != "startend":
                if kind == "start":
                    skipping.append(tag)
                elif tag in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(tag) :]
            if tag in BLOCK_ELEMENTS:
                add_break(2)
            elif tag == "br":
                add_break(1)
            continue
        if skipping or kind == "markup":
            continue
        if kind == "data":
            data = text[start:end]
            chars.extend(data)
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
            mask.append((start, end))
        elif kind == "ref":
            raw = text[start:end]
            decoded = html.unescape(raw).replace("\xa0", " ")
            if decoded == raw:  # not a reference html knows: it is text as written
                chars.extend(raw)
                starts.extend(range(start, end))
                ends.extend(range(start + 1, end + 1))
            else:
                chars.extend(decoded)
                starts.extend([start] * len(decoded))
                ends.extend([end] * len(decoded))
            mask.append((start, end))
    return HtmlText("".join(chars), tuple(starts), tuple(ends), tuple(mask), metadata)


def _read_metadata(tag: str, attrs: dict[str, str | None], metadata: dict[str, str]) -> None:
    if tag == "html" and attrs.get("lang"):
        metadata.setdefault("lang", str(attrs["lang"]))
    elif tag == "meta":
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        content = attrs.get("content")
        if content and name in _DATE_META:
            metadata.setdefault("date", content)


_NOT_NEWLINE = re.compile(r"[^\r\n]")


def parse_html_document(text: str, path: str) -> Document:
    """The article as a Document over the original text; `checkable` blanks all markup, keeping offsets."""
    view = extract(text)
    pieces = []
    cursor = 0
    for start, end in view.text_mask:
        pieces.append(_NOT_NEWLINE.sub(" ", text[cursor:start]))
        pieces.append(text[start:end])
        cursor = end
    pieces.append(_NOT_NEWLINE.sub(" ", text[cursor:]))
    return Document(text=text, path=path, format="html", checkable="".join(pieces), metadata=dict(view.metadata))


def check_html(doc: Document, run: Callable[[Document], Iterable[Finding]]) -> tuple[Finding, ...]:
    """Run the checks on the visible text of an HTML document and map what they report back onto it."""
    view = extract(doc.text)
    visible = parse_document(view.text, doc.path, format="text")
    visible = replace(visible, metadata={**view.metadata, **visible.metadata})
    mapped = []
    for finding in run(visible):
        start, end = view.covering_span(finding.start, finding.end)
        mapped.append(replace(finding, start=start, end=end, fix=_map_fix(view, finding.fix)))
    return tuple(sorted(mapped, key=Finding.sort_key))


def _map_fix(view: HtmlText, fix: Fix | None) -> Fix | None:
    if fix is None:
        return None
    edits = []
    for edit in fix.edits:
        span = view.original_span(edit.start, edit.end)
        if span is None:  # the edit would cross a tag: report, do not touch the markup
            return None
        edits.append(Edit(span[0], span[1], html.escape(edit.replacement, quote=False)))
    return Fix(tuple(edits), fix.applicability)
