"""Which parts of an article may be checked: front matter, code, URLs and markup are masked out.

Masking replaces a region by spaces of the same length (newlines kept), so every offset a check
reports into the masked text is also an offset into the original text.
"""

from __future__ import annotations

import re

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
FENCED_CODE = re.compile(
    r"^([ \t]{0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\2[`~]*[ \t]*$|\Z)", re.DOTALL | re.MULTILINE
)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:|mailto:)[^<>\s]*>")
LINK_TARGET = re.compile(r"\]\(\s*<?[^)\s]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
URL = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>\"'`)\]]*[^\s<>\"'`)\].,;:!?]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] not in "\r\n":
            chars[index] = " "


# Each pattern with a substring that must occur for it to match: most articles hold no code, no
# comments and no links, and a substring test is far cheaper than a regex pass.
_MARKDOWN_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (FRONT_MATTER, ("---", "+++")),
    (FENCED_CODE, ("```", "~~~")),
    (HTML_COMMENT, ("<!--",)),
    (INLINE_CODE, ("`",)),
    (REFERENCE_DEFINITION, ("]:",)),
    (LINK_TARGET, ("](",)),
    (AUTOLINK, ("<",)),
    (HTML_TAG, ("<",)),
)
_ANY_TEXT_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (URL, ("://", "www.")),
    (EMAIL, ("@",)),
)


def mask_regions(text: str, markdown: bool) -> tuple[str, list[tuple[int, int]]]:
    """Return the text with non-checkable regions blanked, and the blanked spans."""
    patterns = (*_MARKDOWN_PATTERNS, *_ANY_TEXT_PATTERNS) if markdown else _ANY_TEXT_PATTERNS
    chars: list[str] | None = None
    masked_spans: list[tuple[int, int]] = []
    current = text
    for pattern, needles in patterns:
        if not any(needle in current for needle in needles):
            continue
        matches = list(pattern.finditer(current))
        if not matches:
            continue
        if chars is None:
            chars = list(text)
        for match in matches:
            _blank(chars, match.start(), match.end())
            masked_spans.append((match.start(), match.end()))
        current = "".join(chars)
    masked_spans.sort()
    return current, masked_spans


def front_matter_span(text: str) -> tuple[int, int] | None:
    match = FRONT_MATTER.match(text)
    return (match.start(), match.end()) if match else None
