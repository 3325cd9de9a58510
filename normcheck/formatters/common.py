"""What every formatter needs to say about a finding: positions, matched text, fix status."""

from __future__ import annotations

from dataclasses import dataclass

from normcheck.finding import Applicability, Finding
from normcheck.runner import FileResult


@dataclass(frozen=True)
class Located:
    path: str
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def located(result: FileResult) -> list[Located]:
    doc = result.document
    if doc is None:
        return []
    out = []
    for finding in result.findings:
        line, column = doc.line_col(finding.start)
        end_line, end_column = doc.line_col(finding.end)
        out.append(
            Located(result.path, finding, line, column, end_line, end_column, doc.text[finding.start : finding.end])
        )
    return out


def fixable_with(finding: Finding) -> Applicability | None:
    if finding.fix is None:
        return None
    return finding.fix.applicability
