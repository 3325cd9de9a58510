"""Baselines: the findings an archive has today, recorded by fingerprint, so only new ones are reported.

A finding is identified by its file (relative to the baseline file's folder) and its fingerprint, which holds
no line or offset (see fingerprint.py): lines added above it and edits elsewhere leave it recognised.
Identical findings are counted, so a second copy of a recorded problem is still new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normcheck.errors import ConfigError
from normcheck.runner import FileResult
from normcheck.textio import write_atomically

BASELINE_VERSION = 1


def _key_path(path: str, folder: Path) -> str:
    return Path(os.path.relpath(Path(path).absolute(), folder)).as_posix()


@dataclass
class Baseline:
    folder: Path  # paths in the baseline are relative to this
    recorded: dict[str, Counter[str]] = field(default_factory=dict)  # path → fingerprint → how many

    @classmethod
    def load(cls, path: Path) -> Baseline:
        display = str(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("baseline file not found (create it with --write-baseline)", display) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read the baseline: {exc}", display) from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise ConfigError(f"not a normcheck baseline (version {BASELINE_VERSION} expected)", display)
        baseline = cls(path.absolute().parent)
        for index, entry in enumerate(data.get("findings", [])):
            if not isinstance(entry, dict) or not {"path", "fingerprint"} <= entry.keys():
                raise ConfigError(f"baseline entry {index + 1} lacks path or fingerprint", display)
            baseline.recorded.setdefault(str(entry["path"]), Counter())[str(entry["fingerprint"])] += 1
        return baseline

    def filter(self, result: FileResult) -> None:
        """Drop the findings the baseline records (each recorded one absorbs one finding)."""
        if not result.findings or result.document is None:
            return
        remaining = Counter(self.recorded.get(_key_path(result.path, self.folder), ()))
        kept, prints = [], []
        for finding, fingerprint in zip(result.findings, result.fingerprints, strict=True):
            if remaining[fingerprint] > 0:
                remaining[fingerprint] -= 1
                continue
            kept.append(finding)
            prints.append(fingerprint)
        result.findings, result.fingerprints = tuple(kept), tuple(prints)


def write_baseline(path: Path, results: Iterable[FileResult]) -> int:
    """Record every finding of `results`; return how many."""
    folder = path.absolute().parent
    entries: list[dict[str, Any]] = []
    for result in results:
        if result.document is None:
            continue
        key_path = _key_path(result.path, folder)
        for finding, fingerprint in zip(result.findings, result.fingerprints, strict=True):
            line, _ = result.document.line_col(finding.start)
            entries.append(
                {
                    "path": key_path,
                    "code": finding.code,
                    "text": result.document.text[finding.start : finding.end],
                    "line": line,  # for people reading the file; matching ignores it
                    "fingerprint": fingerprint,
                }
            )
    entries.sort(key=lambda entry: (entry["path"], entry["line"], entry["code"], entry["fingerprint"]))
    data = {"version": BASELINE_VERSION, "tool": "normcheck", "findings": entries}
    write_atomically(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return len(entries)
