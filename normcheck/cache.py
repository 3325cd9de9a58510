"""The result cache: a file's findings, kept under a key of its content, its settings and the gazetteer.

A second run over an unchanged archive reads each article, hashes it and loads its findings instead of
checking it. The key covers everything a finding depends on: normcheck's version and rules, the article's
text and format, the settings that apply to it (selection after per-file ignores, severities, check options)
and the bytes of every gazetteer file it is checked against, so a changed config or gazetteer is a miss.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normcheck import __version__
from normcheck.errors import NormcheckError
from normcheck.finding import Applicability, Finding, Severity, new_edit, new_finding, new_fix
from normcheck.gazetteer import default_gazetteer_dir, gazetteer_files

CACHE_DIR_NAME = ".normcheck_cache"
CACHE_FORMAT = 2
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by normcheck; it can be deleted.\n"


@dataclass(frozen=True)
class CachedResult:
    """What a check of one file produced, before any baseline filtering."""

    format: str
    findings: tuple[Finding, ...]
    fingerprints: tuple[str, ...]
    notes: tuple[str, ...]
    metadata: dict[str, Any]
    facts: dict[str, Any]  # what checks said of the file as a whole (its publication date)


# Entries are stored as plain tuples: unpickling builtins is several times faster than rebuilding
# dataclasses and enums through pickle's generic path, and a cache hit is all unpickling.
_SEVERITIES = {severity.value: severity for severity in Severity}
_APPLICABILITIES = {applicability.value: applicability for applicability in Applicability}


def _finding_row(finding: Finding) -> tuple[Any, ...]:
    fix = None
    if finding.fix is not None:
        fix = (finding.fix.applicability.value, tuple((e.start, e.end, e.replacement) for e in finding.fix.edits))
    return (
        finding.code,
        finding.rule,
        finding.severity.value,
        finding.start,
        finding.end,
        finding.message,
        fix,
        finding.extra,
    )


def _finding_from_row(row: tuple[Any, ...]) -> Finding:
    """A hit rebuilds every finding of the file, tens of thousands on a large archive: the fast constructors."""
    code, rule, severity, start, end, message, fix, extra = row
    if fix is not None:
        fix = new_fix(tuple([new_edit(*edit) for edit in fix[1]]), _APPLICABILITIES[fix[0]])
    return new_finding(code, rule, _SEVERITIES[severity], start, end, message, fix, extra)


def _to_rows(entry: CachedResult) -> tuple[Any, ...]:
    findings = tuple(_finding_row(finding) for finding in entry.findings)
    return (CACHE_FORMAT, entry.format, findings, entry.fingerprints, entry.notes, entry.metadata, entry.facts)


def _from_rows(rows: Any) -> CachedResult | None:
    if not isinstance(rows, tuple) or len(rows) != 7 or rows[0] != CACHE_FORMAT:
        return None
    _, document_format, findings, prints, notes, metadata, facts = rows
    return CachedResult(
        document_format, tuple(_finding_from_row(row) for row in findings), prints, notes, metadata, facts
    )


@functools.cache
def _code_stamp() -> str:
    """normcheck's own code and data (names, sizes, modification times): an edited check in a development
    checkout must not be answered from results of the code before it, whatever the version says."""
    package = Path(__file__).resolve().parent
    parts = [__version__, str(CACHE_FORMAT)]
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".txt", ".yaml", ".yml") and "__pycache__" not in file.parts:
            stat = file.stat()
            parts.append(f"{file.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.folder = root / f"v{CACHE_FORMAT}-{__version__}"
        self.folder_text = str(self.folder)  # entries are opened by string: no Path built per article
        self._gazetteer_digests: dict[tuple[Any, ...], str] = {}
        self._folders: set[Path] = set()
        self.hits = 0
        self.misses = 0

    def gazetteer_digest(self, use_default: bool, paths: tuple[Path, ...]) -> str:
        """A hash of the names and bytes of every gazetteer file, computed once per run and source list."""
        if (use_default, paths) not in self._gazetteer_digests:
            sources = ((default_gazetteer_dir(),) if use_default else ()) + paths
            digest = hashlib.sha256()
            try:
                for source in sources:
                    for file in gazetteer_files(source):
                        digest.update(str(file).encode() + b"\0" + file.read_bytes() + b"\0")
            except (OSError, NormcheckError):
                digest.update(os.urandom(16))  # unreadable now: never a hit; checking will report the error
            self._gazetteer_digests[(use_default, paths)] = digest.hexdigest()
        return self._gazetteer_digests[(use_default, paths)]

    def key(self, text: str, document_format: str, settings_parts: tuple[str, ...]) -> str:
        digest = hashlib.sha256()
        for part in (_code_stamp(), document_format, *settings_parts):
            digest.update(part.encode() + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> CachedResult | None:
        blob = self.read(key)
        return None if blob is None else self.decode(blob)

    def read(self, key: str) -> bytes | None:
        """The stored entry's bytes (a worker reads them; the process that reports decodes them)."""
        try:
            with open(os.path.join(self.folder_text, key[:2], key), "rb") as handle:
                return handle.read()
        except OSError:
            self.misses += 1
            return None

    def decode(self, blob: bytes) -> CachedResult | None:
        try:
            entry = _from_rows(pickle.loads(blob))
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            entry = None
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: CachedResult) -> None:
        """Store atomically; a cache that cannot be written (read-only checkout) is silently skipped."""
        target = self._path(key)
        # A temporary name of this process's own (not mkstemp, several times slower on overlay file systems),
        # renamed over the entry: a reader sees the old entry, the new one, or none.
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            if target.parent not in self._folders:
                if not self.folder.parent.exists():
                    self._create_root()
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            try:
                with temporary.open("wb") as handle:
                    pickle.dump(_to_rows(entry), handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    temporary.unlink()
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return

    def _create_root(self) -> None:
        root = self.folder.parent
        root.mkdir(parents=True, exist_ok=True)
        (root / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (root / ".gitignore").write_text("# made by normcheck\n*\n", encoding="utf-8")
