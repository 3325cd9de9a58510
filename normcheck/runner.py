"""Running the checks over paths: discovery, reading, checking, fixing, re-checking."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from normcheck.checks import CHECKS
from normcheck.context import CheckContext
from normcheck.document import Document, parse_document
from normcheck.errors import InputError, NormcheckError
from normcheck.finding import Finding
from normcheck.fixer import SkippedFix, allowed_applicabilities, apply_fixes
from normcheck.textio import SourceText, decode_article, read_article, write_atomically

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
STDIN_PATH = "-"


@dataclass(frozen=True)
class RunOptions:
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    encoding: str | None = None
    stdin_filename: str | None = None


@dataclass
class FileResult:
    path: str
    document: Document | None = None
    findings: tuple[Finding, ...] = ()
    error: NormcheckError | None = None
    notes: tuple[str, ...] = ()
    fixed: tuple[Finding, ...] = ()
    skipped_fixes: tuple[SkippedFix, ...] = ()
    diff: str = ""
    fixed_text: str | None = None  # for stdin with --fix: the text to print
    empty: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def discover(paths: Sequence[str]) -> Iterator[str]:
    """Yield article paths in a stable order; folders are walked for article suffixes, hidden ones skipped."""
    for raw in paths:
        if raw == STDIN_PATH:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
                for name in sorted(files):
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                        yield os.path.join(root, name)
        else:
            yield raw  # a named file is checked whatever its suffix; a missing one is reported


def run_checks(doc: Document, ctx: CheckContext) -> tuple[Finding, ...]:
    """Every selected rule's findings for one document, in a stable order."""
    selection = ctx.selection
    findings: list[Finding] = []
    for check in CHECKS:
        if not any(selection.enabled(rule.code) for rule in check.rules):
            continue
        findings.extend(f for f in check.run(doc, ctx) if selection.enabled(f.code))
    return tuple(sorted(findings, key=Finding.sort_key))


def _unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def check_source(
    path: str,
    source: SourceText,
    ctx: CheckContext,
    options: RunOptions,
    from_stdin: bool = False,
    metadata: Mapping[str, Any] | None = None,
) -> FileResult:
    """Check one text; `metadata` (a JSON Lines record's id and date) is merged over its front matter's."""
    doc = _with_metadata(parse_document(source.text, path), metadata)
    if not source.text.strip():
        return FileResult(path, doc, empty=True, notes=("empty file, nothing to check",))
    findings = run_checks(doc, ctx)
    result = FileResult(path, doc, findings, notes=doc.notes)
    if not (options.fix or options.diff):
        return result
    outcome = apply_fixes(source.text, findings, allowed_applicabilities(options.unsafe_fixes))
    result.skipped_fixes = outcome.skipped
    if outcome.text == source.text:
        return result
    if options.diff:
        result.diff = _unified_diff(path, source.text, outcome.text)
        return result
    if from_stdin:
        result.fixed_text = outcome.text
    else:
        write_atomically(Path(path), source.encode(outcome.text))
    # Verify once: what remains after the fix is what the user still has to do.
    fixed_doc = _with_metadata(parse_document(outcome.text, path), metadata)
    result.document = fixed_doc
    result.findings = run_checks(fixed_doc, ctx)
    result.fixed = outcome.applied
    return result


def _with_metadata(doc: Document, metadata: Mapping[str, Any] | None) -> Document:
    return replace(doc, metadata={**doc.metadata, **metadata}) if metadata else doc


def check_path(path: str, ctx: CheckContext, options: RunOptions) -> FileResult:
    try:
        if path == STDIN_PATH:
            data = sys.stdin.buffer.read()
            display = options.stdin_filename or STDIN_PATH
            return check_source(display, decode_article(data, display, options.encoding), ctx, options, from_stdin=True)
        source = read_article(Path(path), options.encoding)
        return check_source(path, source, ctx, options)
    except InputError as exc:
        return FileResult(path, error=exc)
    except OSError as exc:
        return FileResult(path, error=InputError(f"cannot write the fixed file: {exc.strerror or exc}", path))


def run(paths: Iterable[str], ctx: CheckContext, options: RunOptions) -> Iterator[FileResult]:
    for path in paths:
        yield check_path(path, ctx, options)
