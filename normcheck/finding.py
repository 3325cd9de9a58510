"""Findings and the fixes they carry: the one data type every check produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    """How far a fix may be trusted."""

    SAFE = "safe"  # meaning kept: a known gazetteer variant becomes the canonical form
    UNSAFE = "unsafe"  # may change meaning: a fuzzy match, a resolved date
    DISPLAY_ONLY = "display-only"  # a suggestion to show, never applied


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] by `replacement` (0-based character offsets)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    fix: Fix | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.code, self.message)
