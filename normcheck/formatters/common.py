"""What every formatter needs to say about a finding: positions, matched text, fix status, report paths."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from normcheck.checks import RULES_BY_CODE
from normcheck.finding import Applicability, Finding
from normcheck.runner import FileResult


@dataclass(frozen=True)
class OutputOptions:
    """How a report is to be written; every formatter takes it, most need only part of it."""

    fixing: bool = False  # --fix was given: findings are what remains after fixing
    color: bool = False  # ANSI colour (the text format, on a terminal)


class Located(NamedTuple):  # a tuple: built once per finding per report, and large reports have many
    path: str
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    fingerprint: str = ""


def located(result: FileResult) -> list[Located]:
    doc = result.document
    if doc is None:
        return []
    out = []
    prints = result.fingerprints or ("",) * len(result.findings)
    for finding, fingerprint in zip(result.findings, prints, strict=True):
        line, column = doc.line_col(finding.start)
        end_line, end_column = doc.line_col(finding.end)
        text = doc.text[finding.start : finding.end]
        out.append(Located(result.path, finding, line, column, end_line, end_column, text, fingerprint))
    return out


def report_path(path: str) -> str:
    """A path as CI tools want it: relative to the working directory (the repository root) when inside it,
    with forward slashes."""
    if path == "-":
        return path
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(os.path.normpath(absolute)).as_posix()


def fixable_with(finding: Finding) -> Applicability | None:
    if finding.fix is None:
        return None
    return finding.fix.applicability


def statistics(results: Sequence[FileResult]) -> list[tuple[str, str, int, Applicability | None]]:
    """(code, rule name, count, fix applicability) per reported rule, most frequent first."""
    counts = Counter(finding.code for result in results for finding in result.findings)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = RULES_BY_CODE.get(code)
        rows.append((code, rule.name if rule else "", count, rule.fix if rule else None))
    return rows
