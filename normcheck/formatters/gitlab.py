"""GitLab Code Quality report: a JSON array of issues, each with a fingerprint that survives line shifts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, TextIO

from normcheck.finding import Severity
from normcheck.formatters.common import OutputOptions, located, report_path
from normcheck.runner import FileResult

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issues(results: Sequence[FileResult]) -> list[dict[str, Any]]:
    out = []
    for result in results:
        path = report_path(result.path)
        for item in located(result):
            finding = item.finding
            # The finding's own fingerprint has no position in it; the path makes it unique in the repository.
            fingerprint = hashlib.sha256(f"{path}\0{item.fingerprint}".encode()).hexdigest()
            out.append(
                {
                    "type": "issue",
                    "check_name": finding.code,
                    "description": f"{finding.code} {finding.message}",
                    "categories": ["Style"],
                    "severity": _SEVERITIES[finding.severity],
                    "fingerprint": fingerprint,
                    "location": {"path": path, "lines": {"begin": item.line, "end": item.end_line}},
                }
            )
    return out


def render(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    out.write(json.dumps(issues(results), ensure_ascii=False, indent=2))
    out.write("\n")
