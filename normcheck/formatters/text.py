"""Human-readable output: one `path:line:col: CODE message` line per finding, file by file, and a summary.

The line form is the one editors and terminals make clickable; findings of one file stay together, in order.
Colour (bold path, red code, marked fixes) only when asked for, i.e. on a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from normcheck.finding import Applicability, Severity
from normcheck.formatters.common import OutputOptions, fixable_with, located, statistics
from normcheck.runner import FileResult

_MARKS = {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}
_BOLD, _RED, _YELLOW, _CYAN, _DIM, _RESET = "\033[1m", "\033[31m", "\033[33m", "\033[36m", "\033[2m", "\033[0m"
_SEVERITY_COLOURS = {Severity.ERROR: _RED, Severity.WARNING: _YELLOW, Severity.INFO: _CYAN}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        return f"{''.join(styles)}{text}{_RESET}" if self.enabled and text else text


def render(results: Iterable[FileResult], out: TextIO, options: OutputOptions) -> None:
    """One pass over `results`, printing as they come: a run over an archive holds no article for long."""
    paint = _Paint(options.color)
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
            where = paint(item.path, _BOLD) + paint(f":{item.line}:{item.column}:", _DIM)
            code = paint(finding.code, _BOLD, _SEVERITY_COLOURS[finding.severity])
            out.write(f"{where} {code} {finding.message}{paint(mark, _CYAN)}\n")
            total += 1
            applicability = fixable_with(finding)
            safe += applicability is Applicability.SAFE
            unsafe += applicability is Applicability.UNSAFE
        for skipped in result.skipped_fixes:
            doc = result.document
            where = ""
            if doc is not None and not options.fixing:
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
    out.write(paint(" ".join(parts), _BOLD) + "\n")


def render_statistics(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    """`--statistics`: a count per rule instead of the findings."""
    rows = statistics(results)
    marks = {Applicability.SAFE: "[*]", Applicability.UNSAFE: "[-]"}
    for code, name, count, fix in rows:
        out.write(f"{count:>6}  {code:<6}  {marks.get(fix, '   ') if fix else '   '}  {name}\n")
    total = sum(count for _, _, count, _ in rows)
    files = sum(1 for result in results if result.findings)
    if total:
        out.write(f"Found {total} finding{'s' * (total != 1)} in {files} file{'s' * (files != 1)}")
        out.write(" ([*] fixable with --fix, [-] with --unsafe-fixes).\n")
    else:
        out.write("All clear: no findings.\n")
