"""Output formats. Each module renders a finished list of file results; none of them checks anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from normcheck.formatters import github, gitlab, json_format, jsonl, junit, sarif, text
from normcheck.formatters.common import OutputOptions
from normcheck.runner import FileResult

Formatter = Callable[[Sequence[FileResult], TextIO, OutputOptions], None]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "concise": text.render_concise,
    "json": json_format.render,
    "jsonl": jsonl.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}

__all__ = ["FORMATTERS", "Formatter", "OutputOptions"]
