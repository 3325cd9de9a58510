"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from normcheck.finding import Severity
from normcheck.formatters.common import OutputOptions, located, report_path
from normcheck.runner import FileResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    for result in results:
        path = _property(report_path(result.path))
        if result.error is not None:
            line = f",line={result.error.line}" if result.error.line else ""
            out.write(f"::error file={path}{line},title=normcheck::{_data(result.error.message)}\n")
        for item in located(result):
            finding = item.finding
            title = _property(f"{finding.code} ({finding.rule})")
            out.write(
                f"::{_COMMANDS[finding.severity]} file={path},line={item.line},col={item.column},"
                f"endLine={item.end_line},endColumn={item.end_column},title={title}::{_data(finding.message)}\n"
            )
