"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: rule metadata with help, results, fixes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO
from urllib.parse import quote

from normcheck import __version__
from normcheck.checks import ALL_RULES
from normcheck.finding import Severity
from normcheck.formatters.common import OutputOptions, located, report_path
from normcheck.rules import Rule
from normcheck.runner import FileResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RULE_INDEX = {rule.code: index for index, rule in enumerate(ALL_RULES)}


def _rule(rule: Rule) -> dict[str, Any]:
    example = f"Before: {rule.example_before}" + (f"\nAfter: {rule.example_after}" if rule.example_after else "")
    fix = rule.fix.value if rule.fix else "no fix"
    help_text = f"{rule.what}\n\nWhy: {rule.why}\n\n{example}\n\nFix ({fix}): {rule.fix_safety}"
    help_markdown = (
        f"{rule.what}\n\n**Why it matters:** {rule.why}\n\n"
        f"**Example**\n\n```text\n{example}\n```\n\n**Fix safety ({fix}):** {rule.fix_safety}"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"fix": fix},
    }


def _artifact(path: str) -> dict[str, Any]:
    shown = report_path(path)
    if shown.startswith("/"):
        return {"uri": "file://" + quote(shown)}
    return {"uri": quote(shown), "uriBaseId": "%SRCROOT%"}


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _results(result: FileResult) -> list[dict[str, Any]]:
    out = []
    doc = result.document
    for item in located(result):
        finding = item.finding
        record: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": _RULE_INDEX.get(finding.code, -1),
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(item.path),
                        "region": {
                            **_region(item.line, item.column, item.end_line, item.end_column),
                            "snippet": {"text": item.text},
                        },
                    }
                }
            ],
        }
        if item.fingerprint:
            record["partialFingerprints"] = {"normcheckFingerprint/v1": item.fingerprint}
        if finding.fix is not None and doc is not None:
            replacements = []
            for edit in finding.fix.edits:
                deleted = _region(*doc.line_col(edit.start), *doc.line_col(edit.end))
                replacements.append({"deletedRegion": deleted, "insertedContent": {"text": edit.replacement}})
            record["fixes"] = [
                {
                    "description": {"text": f"{finding.fix.applicability.value} fix"},
                    "artifactChanges": [{"artifactLocation": _artifact(item.path), "replacements": replacements}],
                }
            ]
            record["properties"] = {"fixApplicability": finding.fix.applicability.value}
        out.append(record)
    return out


def sarif_log(results: Sequence[FileResult]) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": result.error.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(result.path)}}],
        }
        for result in results
        if result.error is not None
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "normcheck",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in ALL_RULES],
                    }
                },
                # Columns count characters (code points), as everywhere in normcheck, not UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": [record for result in results for record in _results(result)],
            }
        ],
    }


def render(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    out.write(json.dumps(sarif_log(results), ensure_ascii=False, indent=2))
    out.write("\n")
