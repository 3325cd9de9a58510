"""Machine-readable output: the stable JSON contract CI tools build on (see README, "JSON output")."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from normcheck import __version__
from normcheck.formatters.common import located
from normcheck.runner import FileResult

SCHEMA_VERSION = 1


def _edit_json(result: FileResult, start: int, end: int, replacement: str) -> dict[str, Any]:
    assert result.document is not None
    line, column = result.document.line_col(start)
    end_line, end_column = result.document.line_col(end)
    return {
        "start": start,
        "end": end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "replacement": replacement,
    }


def finding_records(result: FileResult) -> list[dict[str, Any]]:
    records = []
    for item in located(result):
        finding = item.finding
        fix = None
        if finding.fix is not None:
            fix = {
                "applicability": finding.fix.applicability.value,
                "edits": [_edit_json(result, edit.start, edit.end, edit.replacement) for edit in finding.fix.edits],
            }
        records.append(
            {
                "path": item.path,
                "code": finding.code,
                "rule": finding.rule,
                "severity": finding.severity.value,
                "line": item.line,
                "column": item.column,
                "end_line": item.end_line,
                "end_column": item.end_column,
                "start": finding.start,
                "end": finding.end,
                "text": item.text,
                "message": finding.message,
                "fix": fix,
                "extra": finding.extra,
            }
        )
    return records


def render(results: Iterable[FileResult], out: TextIO, fixing: bool) -> None:
    """One pass over `results`: only the finding records are kept, never the articles."""
    findings: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    errors = []
    for result in results:
        findings.extend(finding_records(result))
        if result.error is not None:
            errors.append({"path": result.path, "line": result.error.line, "message": result.error.message})
            continue
        files.append(
            {
                "path": result.path,
                "findings": len(result.findings),
                "fixed": len(result.fixed),
                "notes": list(result.notes),
                "metadata": {
                    key: str(value) for key, value in (result.document.metadata if result.document else {}).items()
                },
            }
        )
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "normcheck", "version": __version__},
        "files": files,
        "findings": findings,
        "errors": errors,
        "summary": {
            "files": len(files),
            "findings": len(findings),
            "fixed": sum(file["fixed"] for file in files),
            "errors": len(errors),
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")
