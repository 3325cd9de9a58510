"""Machine-readable output: the stable JSON contract CI tools build on (see README, "JSON output")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from normcheck import __version__
from normcheck.formatters.common import OutputOptions, located, statistics
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


def render(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
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
                **result.extra,  # facts the checks report per file, e.g. "publication_date"
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
    out.write(dumps_one_record_per_line(document))


def dumps_one_record_per_line(document: dict[str, Any]) -> str:
    """The document indented at the top, each record of its lists on one line of its own.

    Reads like `indent=2` where people look (the summary, one finding per line) and is written by the C
    encoder: with `indent`, json encodes in Python, and 100,000 findings took seconds.
    """
    dump = json.JSONEncoder(ensure_ascii=False, default=str).encode  # one encoder: dumps() builds one per call
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            rows = ",\n".join(f"    {dump(item)}" for item in value)
            parts.append(f"  {dump(key)}: [\n{rows}\n  ]")
        else:
            parts.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def render_statistics(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    """`--statistics --format json`: a list of {code, name, count, fix} per reported rule."""
    rows = [
        {"code": code, "name": name, "count": count, "fix": fix.value if fix else None}
        for code, name, count, fix in statistics(results)
    ]
    out.write(json.dumps(rows, ensure_ascii=False, indent=2))
    out.write("\n")
