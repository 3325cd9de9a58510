"""Output formats. Each module renders a finished list of file results; none of them checks anything."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from normcheck.formatters import json_format, text
from normcheck.runner import FileResult

Formatter = Callable[[Iterable[FileResult], TextIO, bool], None]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
}
