"""Applying fixes: choose non-overlapping edits, splice them back to front."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from normcheck.finding import Applicability, Edit, Finding


@dataclass(frozen=True)
class SkippedFix:
    finding: Finding
    conflicts_with: Finding


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: tuple[Finding, ...]
    skipped: tuple[SkippedFix, ...]


def allowed_applicabilities(unsafe: bool) -> frozenset[Applicability]:
    return frozenset({Applicability.SAFE, Applicability.UNSAFE}) if unsafe else frozenset({Applicability.SAFE})


def _overlaps(edit: Edit, kept: list[Edit]) -> int | None:
    """Index of a kept edit that `edit` collides with, or None. `kept` is sorted by start."""
    position = bisect.bisect_left(kept, edit)
    for neighbour in (position - 1, position):
        if 0 <= neighbour < len(kept):
            other = kept[neighbour]
            if edit.start < other.end and other.start < edit.end:
                return neighbour
            if edit.start == other.start and (edit.start == edit.end or other.start == other.end):
                return neighbour  # two insertions (or an insertion and a replacement) at one point
    return None


def _preference(finding: Finding) -> tuple[int, int, int, str]:
    assert finding.fix is not None
    # For one span, the fuller rewrite wins: "Zelensky" → "Volodymyr Zelenskyy" (first mention) over
    # "Zelensky" → "Zelenskyy", so that fixing twice gives what fixing once gave.
    replacement_length = sum(len(edit.replacement) for edit in finding.fix.edits)
    return (finding.fix.start, finding.fix.end, -replacement_length, finding.code)


def apply_fixes(text: str, findings: Iterable[Finding], allowed: frozenset[Applicability]) -> FixOutcome:
    candidates = sorted((f for f in findings if f.fix is not None and f.fix.applicability in allowed), key=_preference)
    kept_edits: list[Edit] = []
    owners: list[Finding] = []
    applied: list[Finding] = []
    skipped: list[SkippedFix] = []
    for finding in candidates:
        assert finding.fix is not None
        clash = next((hit for edit in finding.fix.edits if (hit := _overlaps(edit, kept_edits)) is not None), None)
        if clash is not None:
            skipped.append(SkippedFix(finding, owners[clash]))
            continue
        for edit in finding.fix.edits:
            position = bisect.bisect_left(kept_edits, edit)
            kept_edits.insert(position, edit)
            owners.insert(position, finding)
        applied.append(finding)
    pieces: list[str] = []
    cursor = len(text)
    for edit in reversed(kept_edits):  # back to front: earlier offsets stay valid
        pieces.append(text[edit.end : cursor])
        pieces.append(edit.replacement)
        cursor = edit.start
    pieces.append(text[:cursor])
    return FixOutcome("".join(reversed(pieces)), tuple(applied), tuple(skipped))
