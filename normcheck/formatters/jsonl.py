"""JSON Lines: one finding per line, each the same record as in `--format json`, for streaming into tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from normcheck.formatters.common import OutputOptions
from normcheck.formatters.json_format import finding_records
from normcheck.runner import FileResult


def render(results: Sequence[FileResult], out: TextIO, options: OutputOptions) -> None:
    for result in results:
        for record in finding_records(result):
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
