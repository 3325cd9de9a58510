"""Inline labels of the evaluation corpora: `{{surface|CODE|fix}}` or `{{surface|CODE}}`."""

from __future__ import annotations

import re
from dataclasses import dataclass

LABEL = re.compile(r"\{\{([^{}|]+)\|([A-Z]+[0-9]+)(?:\|([^{}]*))?\}\}")


@dataclass(frozen=True)
class Gold:
    code: str
    start: int
    end: int
    surface: str
    fix: str | None


def strip_labels(marked: str) -> tuple[str, list[Gold]]:
    """The article text as the linter sees it, and the labelled spans in it."""
    pieces: list[str] = []
    golds: list[Gold] = []
    cursor = 0
    length = 0
    for match in LABEL.finditer(marked):
        before = marked[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        surface, code, fix = match.group(1), match.group(2), match.group(3)
        golds.append(Gold(code, length, length + len(surface), surface, fix))
        pieces.append(surface)
        length += len(surface)
        cursor = match.end()
    pieces.append(marked[cursor:])
    text = "".join(pieces)
    if "{{" in text or "}}" in text:
        raise ValueError("malformed label left in the text: " + text[text.find("{{") : text.find("{{") + 60])
    return text, golds
