"""Human-readable output: one line per finding, `path:line:col: CODE message`, and a summary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from normcheck.finding import Applicability
from normcheck.formatters.common import fixable_with, located
from normcheck.runner import FileResult

_MARKS = {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}


def render(results: Iterable[FileResult], out: TextIO, fixing: bool) -> None:
    """One pass over `results`, writing as it goes: a run's results may be streamed, never all in memory."""
    total = safe = unsafe = fixed = files_fixed = checked = 0
    any_diff = False
    for result in results:
        checked += result.error is None
        if result.diff:
            any_diff = True
            out.write(result.diff)
            continue
        if result.fixed:
            fixed += len(result.fixed)
            files_fixed += 1
        for item in located(result):
            finding = item.finding
            mark = _MARKS.get(finding.fix.applicability, "") if finding.fix else ""
            out.write(f"{item.path}:{item.line}:{item.column}: {finding.code} {finding.message}{mark}\n")
            total += 1
            applicability = fixable_with(finding)
            safe += applicability is Applicability.SAFE
            unsafe += applicability is Applicability.UNSAFE
        for skipped in result.skipped_fixes:
            doc = result.document
            where = ""
            if doc is not None and not fixing:
                line, column = doc.line_col(skipped.finding.start)
                where = f":{line}:{column}"
            out.write(
                f"{result.path}{where}: note: fix for {skipped.finding.code} not applied: it overlaps the fix for "
                f"{skipped.conflicts_with.code}; run again to apply it\n"
            )
    if any_diff:
        return
    parts = []
    if fixed:
        parts.append(f"Fixed {fixed} finding{'s' * (fixed != 1)} in {files_fixed} file{'s' * (files_fixed != 1)}.")
    if total:
        hint = []
        if safe:
            hint.append(f"{safe} fixable with --fix")
        if unsafe:
            hint.append(f"{unsafe} more with --unsafe-fixes")
        parts.append(f"Found {total} finding{'s' * (total != 1)}" + (f" ({', '.join(hint)})" if hint else "") + ".")
    elif not fixed:
        parts.append(f"All clear: {checked} file{'s' * (checked != 1)} checked, no findings.")
    out.write(" ".join(parts) + "\n")
