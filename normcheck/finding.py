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


# The frozen dataclasses above set each field through object.__setattr__, one call per field; code that builds
# thousands of findings per megabyte (the date and attribution checks, a cache hit) builds them here instead. Same
# type, fields, equality, hash and pickling: the instance dict is filled in one call, as pickle does it (keyword
# updates measured fastest; tests/test_finding.py compares both ways field by field).
_new_instance = object.__new__


def new_edit(start: int, end: int, replacement: str) -> Edit:
    """`Edit(start, end, replacement)`, built without the per-field setattr calls."""
    edit: Edit = _new_instance(Edit)
    edit.__dict__.update(start=start, end=end, replacement=replacement)
    return edit


def new_fix(edits: tuple[Edit, ...], applicability: Applicability) -> Fix:
    """`Fix(edits, applicability)`, built without the per-field setattr calls."""
    fix: Fix = _new_instance(Fix)
    fix.__dict__.update(edits=edits, applicability=applicability)
    return fix


def edit_fix(start: int, end: int, replacement: str, applicability: Applicability) -> Fix:
    """`Fix((Edit(start, end, replacement),), applicability)`, built without the per-field setattr calls."""
    return new_fix((new_edit(start, end, replacement),), applicability)


def new_finding(
    code: str,
    rule: str,
    severity: Severity,
    start: int,
    end: int,
    message: str,
    fix: Fix | None,
    extra: dict[str, Any],
) -> Finding:
    """`Finding(code, rule, severity, start, end, message, fix, extra)`, built without the per-field setattr calls."""
    finding: Finding = _new_instance(Finding)
    finding.__dict__.update(
        code=code, rule=rule, severity=severity, start=start, end=end, message=message, fix=fix, extra=extra
    )
    return finding
