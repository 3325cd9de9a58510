"""Human-readable output, file by file, and a summary line with counts and how many are fixable.

`text` (the default) groups each file's findings under its path, as a copy editor reads a report:

    seeds/naka-ceasefire.md
       3:5   NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]
      12:40  NC201 "the 18th" gives no month: ...

`concise` prints one `path:line:col: CODE message` line per finding, the form editors, terminals and
problem matchers make clickable. Colour (bold path, coloured code, marked fixes) only when asked for, i.e.
on a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TextIO

from normcheck.finding import Applicability, Finding, Severity
from normcheck.formatters.common import Located, OutputOptions, fixable_with, located, statistics
from normcheck.runner import FileResult

_MARKS = {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}
_BOLD, _RED, _YELLOW, _CYAN, _DIM, _RESET = "\033[1m", "\033[31m", "\033[33m", "\033[36m", "\033[2m", "\033[0m"
_SEVERITY_COLOURS = {Severity.ERROR: _RED, Severity.WARNING: _YELLOW, Severity.INFO: _CYAN}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        return f"{''.join(styles)}{text}{_RESET}" if self.enabled and text else text


@dataclass
class _Counts:
    total: int = 0
    safe: int = 0
    unsafe: int = 0
    fixed: int = 0
    files_fixed: int = 0
    checked: int = 0

    def summary(self) -> str:
        parts = []
        if self.fixed:
            fixed, files = self.fixed, self.files_fixed
            parts.append(f"Fixed {fixed} finding{'s' * (fixed != 1)} in {files} file{'s' * (files != 1)}.")
        if self.total:
            hint = []
            if self.safe:
                hint.append(f"{self.safe} fixable with --fix")
            if self.unsafe:
                hint.append(f"{self.unsafe} more with --unsafe-fixes")
            found = f"Found {self.total} finding{'s' * (self.total != 1)}"
            parts.append(found + (f" ({', '.join(hint)})" if hint else "") + ".")
        elif not self.fixed:
            parts.append(f"All clear: {self.checked} file{'s' * (self.checked != 1)} checked, no findings.")
        return " ".join(parts)


def render(results: Iterable[FileResult], out: TextIO, options: OutputOptions) -> None:
    """`--format text`: each file's findings under its path."""
    _render(results, out, options, grouped=True)


def render_concise(results: Iterable[FileResult], out: TextIO, options: OutputOptions) -> None:
    """`--format concise`: one clickable line per finding."""
    _render(results, out, options, grouped=False)


def _render(results: Iterable[FileResult], out: TextIO, options: OutputOptions, grouped: bool) -> None:
    """One pass over `results`, printing as they come: a run over an archive holds no article for long."""
    paint = _Paint(options.color)
    counts = _Counts()
    any_diff = False
    write_file = partial(_write_grouped if grouped else _write_concise, out=out, paint=paint, options=options)
    for result in results:
        counts.checked += result.error is None
        if result.diff:
            any_diff = True
            out.write(result.diff)
            continue
        if result.fixed:
            counts.fixed += len(result.fixed)
            counts.files_fixed += 1
        items = located(result)
        for item in items:
            counts.total += 1
            applicability = fixable_with(item.finding)
            counts.safe += applicability is Applicability.SAFE
            counts.unsafe += applicability is Applicability.UNSAFE
        if items or result.skipped_fixes:
            write_file(result, items)
    if not any_diff:
        out.write(paint(counts.summary(), _BOLD) + "\n")


def _finding_text(finding: Finding, paint: _Paint) -> str:
    mark = _MARKS.get(finding.fix.applicability, "") if finding.fix else ""
    code = paint(finding.code, _BOLD, _SEVERITY_COLOURS[finding.severity])
    return f"{code} {finding.message}{paint(mark, _CYAN)}"


def _skipped_notes(result: FileResult, options: OutputOptions) -> list[tuple[str, str]]:
    """(line:col or "", note) for each fix the fixer left out because it overlapped another."""
    notes = []
    for skipped in result.skipped_fixes:
        where = ""
        if result.document is not None and not options.fixing:
            line, column = result.document.line_col(skipped.finding.start)
            where = f"{line}:{column}"
        notes.append(
            (
                where,
                f"note: fix for {skipped.finding.code} not applied: it overlaps the fix for "
                f"{skipped.conflicts_with.code}; run again to apply it",
            )
        )
    return notes


def _write_concise(
    result: FileResult, items: Sequence[Located], out: TextIO, paint: _Paint, options: OutputOptions
) -> None:
    for item in items:
        where = paint(item.path, _BOLD) + paint(f":{item.line}:{item.column}:", _DIM)
        out.write(f"{where} {_finding_text(item.finding, paint)}\n")
    for where, note in _skipped_notes(result, options):
        out.write(f"{result.path}{':' + where if where else ''}: {note}\n")


def _write_grouped(
    result: FileResult, items: Sequence[Located], out: TextIO, paint: _Paint, options: OutputOptions
) -> None:
    rows = [(f"{item.line}:{item.column}", _finding_text(item.finding, paint)) for item in items]
    rows += _skipped_notes(result, options)
    # Line numbers right-aligned and columns left-aligned on the colon, so the codes form one column.
    line_width = max(len(where.partition(":")[0]) for where, _ in rows)
    column_width = max(len(where.partition(":")[2]) for where, _ in rows)
    out.write(paint(result.path, _BOLD) + "\n")
    for where, text in rows:
        line, colon, column = where.partition(":")
        location = f"{line:>{line_width}}{colon or ' '}{column:<{column_width}}"
        out.write(f"  {paint(location, _DIM)}  {text}\n")
    out.write("\n")


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
