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
from typing import TextIO

from normcheck.finding import Applicability, Severity
from normcheck.formatters.common import OutputOptions, statistics
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
    errors: int = 0  # files that could not be checked (each has its error line on stderr)

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
            checked = f"{self.checked} file{'s' * (self.checked != 1)} checked"
            # "All clear" only when every file was read: a CI log's last line must not hide a file that failed.
            parts.append(f"No findings in the {checked}." if self.errors else f"All clear: {checked}, no findings.")
        if self.errors:
            parts.append(_not_checked(self.errors))
        return " ".join(parts)


def _not_checked(errors: int) -> str:
    # "input": a file, or a record of a JSON Lines archive.
    return f"{errors} input{'s' * (errors != 1)} could not be checked (see the errors on stderr)."


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
    write_file = _write_grouped if grouped else _write_concise
    for result in results:
        counts.checked += result.error is None
        counts.errors += result.error is not None
        if result.diff:
            any_diff = True
            out.write(result.diff)
            continue
        if result.fixed:
            counts.fixed += len(result.fixed)
            counts.files_fixed += 1
        rows = _rows(result, paint, counts) + _skipped_notes(result, options)
        if rows:
            write_file(result.path, rows, out, paint)
    if not any_diff:
        out.write(paint(counts.summary(), _BOLD) + "\n")


# A row is (line, column, text); line 0 for a note with no position (after --fix the old ones are gone).
_Row = tuple[int, int, str]


def _rows(result: FileResult, paint: _Paint, counts: _Counts) -> list[_Row]:
    """One row per finding, counted; only the start is located (no end, no matched text): a cached run over
    a large archive prints tens of thousands of these and does little else."""
    doc = result.document
    if doc is None or not result.findings:
        return []
    line_col = doc.line_col
    safe = unsafe = 0
    rows = []
    for finding in result.findings:
        line, column = line_col(finding.start)
        fix = finding.fix
        mark = ""
        if fix is not None:
            applicability = fix.applicability
            safe += applicability is Applicability.SAFE
            unsafe += applicability is Applicability.UNSAFE
            mark = paint(_MARKS.get(applicability, ""), _CYAN)
        code = paint(finding.code, _BOLD, _SEVERITY_COLOURS[finding.severity])
        rows.append((line, column, f"{code} {finding.message}{mark}"))
    counts.total += len(rows)
    counts.safe += safe
    counts.unsafe += unsafe
    return rows


def _skipped_notes(result: FileResult, options: OutputOptions) -> list[_Row]:
    """A row for each fix the fixer left out because it overlapped another."""
    notes = []
    for skipped in result.skipped_fixes:
        line = column = 0
        if result.document is not None and not options.fixing:
            line, column = result.document.line_col(skipped.finding.start)
        notes.append(
            (
                line,
                column,
                f"note: fix for {skipped.finding.code} not applied: it overlaps the fix for "
                f"{skipped.conflicts_with.code}; run again to apply it",
            )
        )
    return notes


def _write_concise(path: str, rows: list[_Row], out: TextIO, paint: _Paint) -> None:
    bold_path = paint(path, _BOLD)
    out.write(
        "".join(
            f"{bold_path}{paint(f':{line}:{column}:', _DIM) if line else ':'} {text}\n" for line, column, text in rows
        )
    )


def _write_grouped(path: str, rows: list[_Row], out: TextIO, paint: _Paint) -> None:
    # Line numbers right-aligned and columns left-aligned on the colon, so the codes form one column.
    line_width = len(str(max(line for line, _, _ in rows)))
    column_width = len(str(max(column for _, column, _ in rows)))
    blank = " " * (line_width + 1 + column_width)
    lines = [paint(path, _BOLD), "\n"]
    for line, column, text in rows:
        location = f"{line:>{line_width}}:{column:<{column_width}}" if line else blank
        lines.append(f"  {paint(location, _DIM)}  {text}\n")
    lines.append("\n")
    out.write("".join(lines))


def render_statistics(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    """`--statistics`: a count per rule instead of the findings."""
    rows = statistics(results)
    marks = {Applicability.SAFE: "[*]", Applicability.UNSAFE: "[-]"}
    for code, name, count, fix in rows:
        out.write(f"{count:>6}  {code:<6}  {marks.get(fix, '   ') if fix else '   '}  {name}\n")
    total = sum(count for _, _, count, _ in rows)
    files = sum(1 for result in results if result.findings)
    errors = sum(1 for result in results if result.error is not None)
    if total:
        out.write(f"Found {total} finding{'s' * (total != 1)} in {files} file{'s' * (files != 1)}")
        out.write(" ([*] fixable with --fix, [-] with --unsafe-fixes).\n")
    else:
        out.write("No findings.\n" if errors else "All clear: no findings.\n")
    if errors:
        out.write(_not_checked(errors) + "\n")
