"""Running the checks over paths: discovery, reading, checking, fixing, re-checking."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normcheck import suppressions
from normcheck.checks import ALL_RULES, CHECKS
from normcheck.config import SEVERITY_ORDER, ConfigResolver, Settings
from normcheck.context import CheckContext
from normcheck.document import MARKDOWN_SUFFIXES, Document, parse_document
from normcheck.errors import InputError, NormcheckError
from normcheck.finding import Finding, Severity
from normcheck.fingerprint import fingerprints
from normcheck.fixer import SkippedFix, allowed_applicabilities, apply_fixes
from normcheck.htmltext import HTML_SUFFIXES, check_html, is_html, parse_html_document
from normcheck.rules import RuleSelection

if TYPE_CHECKING:
    from normcheck.baseline import Baseline
    from normcheck.cache import CachedResult, ResultCache
from normcheck.textio import SourceText, decode_article, read_article, write_atomically

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", *HTML_SUFFIXES)
_KNOWN_CODES = tuple(rule.code for rule in ALL_RULES)
STDIN_PATH = "-"


@dataclass(frozen=True)
class RunOptions:
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    encoding: str | None = None
    stdin_filename: str | None = None
    # Per-file configuration; without it every file gets the context's selection and the defaults.
    resolver: ConfigResolver | None = None
    # Findings recorded here are not reported (nor fixed): see baseline.py.
    baseline: Baseline | None = None
    # Findings of unchanged files are loaded from here (checking only; not with --fix, --diff or stdin).
    cache: ResultCache | None = None
    # Values from outside the configuration that change findings (such as --date), for the cache key.
    cache_salt: tuple[str, ...] = ()


# A check context, or a function that builds one for a file's settings (only when the file must be checked).
ContextSource = CheckContext | Callable[[Settings], CheckContext]


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
    fail_on: Severity = Severity.INFO  # the lowest severity that fails the run for this file (config `fail-on`)
    fingerprints: tuple[str, ...] = ()  # one per finding, stable across line shifts (see fingerprint.py)

    def fails(self) -> bool:
        return any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[self.fail_on] for f in self.findings)


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


def run_checks(doc: Document, ctx: CheckContext, selection: RuleSelection | None = None) -> tuple[Finding, ...]:
    """Every selected rule's findings for one document, in a stable order.

    Checks skip the work of rules outside `ctx.selection`; `selection` (a file's own, after per-file
    ignores, so never wider than the context's) filters what is reported.
    """
    selection = ctx.selection if selection is None else selection
    findings: list[Finding] = []
    for check in CHECKS:
        if not any(selection.enabled(rule.code) for rule in check.rules):
            continue
        findings.extend(f for f in check.run(doc, ctx) if selection.enabled(f.code))
    return tuple(sorted(findings, key=Finding.sort_key))


def check_document(
    doc: Document, context: CheckContext | Callable[[], CheckContext], selection: RuleSelection
) -> tuple[Finding, ...]:
    """Run the checks and honour the article's suppression comments (reporting the stale ones)."""
    directives = suppressions.parse(doc, _KNOWN_CODES)
    if directives.skip_file:
        return ()
    ctx = context if isinstance(context, CheckContext) else context()
    if doc.format == "html":
        findings = check_html(doc, lambda visible: run_checks(visible, ctx, selection))
    else:
        findings = run_checks(doc, ctx, selection)
    return suppressions.apply(doc, findings, directives, selection)


def parse_article(text: str, path: str) -> Document:
    """A Document for any article format: HTML by its suffix, else Markdown or plain text."""
    return parse_html_document(text, path) if is_html(path) else parse_document(text, path)


def file_facts(doc: Document, ctx: CheckContext, selection: RuleSelection) -> dict[str, object]:
    """What the selected checks say about the file as a whole (for example its publication date)."""
    facts: dict[str, object] = {}
    for check in CHECKS:
        if check.facts is not None and any(selection.enabled(rule.code) for rule in check.rules):
            facts.update(check.facts(doc, ctx))
    return facts


def _unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass(frozen=True)
class FilePlan:
    """What applies to one file: its rule selection and settings, and how to get a check context."""

    selection: RuleSelection
    settings: Settings | None
    context: ContextSource

    def build_context(self) -> CheckContext:
        if isinstance(self.context, CheckContext):
            return self.context
        assert self.settings is not None
        return self.context(self.settings)

    def fail_on(self) -> Severity:
        return self.settings["fail-on"] if self.settings is not None else Severity.INFO


def plan_for(path: str | None, ctx: ContextSource, options: RunOptions) -> FilePlan:
    if options.resolver is None:
        return FilePlan(ctx.selection if isinstance(ctx, CheckContext) else RuleSelection(), None, ctx)
    name = path or str(Path.cwd() / "-")
    settings = options.resolver.settings_for_file(name)
    # Per-file ignores match the path; without them every file of the folder has the same selection.
    selection = settings.selection_for(Path(name)) if settings["per-file-ignores"] else settings.base_selection
    return FilePlan(selection, settings, ctx)


def analyse(
    text: str, path: str, plan: FilePlan, metadata: Mapping[str, Any] | None = None
) -> tuple[Document, tuple[Finding, ...], dict[str, object]]:
    """Parse and check one article under its plan: the findings as they will be reported, and file facts.

    `metadata` (a JSON Lines record's id and date) is merged over the article's front matter.
    """
    doc = _with_metadata(parse_article(text, path), metadata)
    findings = check_document(doc, plan.build_context, plan.selection)
    facts = file_facts(doc, plan.build_context(), plan.selection)
    if plan.settings is not None and plan.settings["severity"]:
        settings = plan.settings
        findings = tuple(replace(f, severity=settings.severity_for(f.code, f.severity)) for f in findings)
    return doc, findings, facts


def check_source(
    path: str,
    source: SourceText,
    plan: FilePlan,
    options: RunOptions,
    from_stdin: bool = False,
    metadata: Mapping[str, Any] | None = None,
    known_miss: bool = False,
) -> FileResult:
    """Check one text; `metadata` (a JSON Lines record's id and date) is merged over its front matter's.

    `known_miss`: the caller has just found no cache entry for this text (the result is still stored).
    """
    if not source.text.strip():
        return FileResult(path, parse_article(source.text, path), empty=True, notes=("empty file, nothing to check",))
    use_cache = _cache_applies(plan, options) and not from_stdin
    result = _from_cache(path, source.text, plan, options) if use_cache and not known_miss else None
    if result is None:
        doc, findings, facts = analyse(source.text, path, plan, metadata)
        result = FileResult(path, doc, findings, notes=doc.notes, fail_on=plan.fail_on(), extra=facts)
        result.fingerprints = fingerprints(doc, findings)
        if use_cache:
            _to_cache(result, source.text, plan, options)
    findings = result.findings
    if options.baseline is not None:
        options.baseline.filter(result)
        findings = result.findings
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
    result.document, result.findings, result.extra = analyse(outcome.text, path, plan, metadata)
    result.fingerprints = fingerprints(result.document, result.findings)
    if options.baseline is not None:
        options.baseline.filter(result)
    result.fixed = outcome.applied
    return result


def _cache_applies(plan: FilePlan, options: RunOptions) -> bool:
    # Fixing and diffing need the document itself, and runs without settings (the API) keep no cache.
    return options.cache is not None and plan.settings is not None and not (options.fix or options.diff)


@dataclass(frozen=True)
class CacheHit:
    """An unchanged article as a worker found it: its text and the cache entry's bytes, unread.

    Workers do the reading and hashing; the process that reports decodes the entry. A bytes object crosses
    the pipe at memory speed, where a finished result would be pickled and unpickled object by object.
    """

    path: str
    text: str
    entry: bytes


def check_path_or_hit(path: str, ctx: ContextSource, options: RunOptions) -> FileResult | CacheHit:
    """`check_path` as a worker runs it: an unchanged article's cache entry comes back unread, for the process
    that reports to decode; any other article is checked (and its result stored) after one read."""
    plan = plan_for(path, ctx, options) if path != STDIN_PATH else None
    if plan is None or not _cache_applies(plan, options):
        return check_path(path, ctx, options, plan)
    assert options.cache is not None
    try:
        source = read_article(Path(path), options.encoding)
    except InputError as exc:
        return FileResult(path, error=exc)
    if source.text.strip():
        entry = options.cache.read(_cache_key(source.text, path, plan, options))
        if entry is not None:
            return CacheHit(path, source.text, entry)
    return check_source(path, source, plan, options, known_miss=True)


def result_from_hit(hit: CacheHit, ctx: ContextSource, options: RunOptions) -> FileResult | None:
    """The result a cache hit stands for (None if its entry cannot be decoded: check the file instead)."""
    assert options.cache is not None
    entry = options.cache.decode(hit.entry)
    if entry is None:
        return None
    result = _result_from_entry(hit.path, hit.text, entry, plan_for(hit.path, ctx, options))
    if options.baseline is not None:
        options.baseline.filter(result)
    return result


def _cache_key(text: str, path: str, plan: FilePlan, options: RunOptions) -> str:
    assert options.cache is not None
    assert plan.settings is not None
    settings = plan.settings
    gazetteer = options.cache.gazetteer_digest(settings["default-gazetteer"], settings["gazetteer"])
    selection = f"{plan.selection.select}|{plan.selection.ignore}"
    document_format = "html" if is_html(path) else "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"
    # The path is part of the key: a date in the file name can anchor the article's relative dates.
    parts = (settings.digest, selection, gazetteer, path, *options.cache_salt)
    return options.cache.key(text, document_format, parts)


def _from_cache(path: str, text: str, plan: FilePlan, options: RunOptions) -> FileResult | None:
    assert options.cache is not None
    entry = options.cache.get(_cache_key(text, path, plan, options))
    return None if entry is None else _result_from_entry(path, text, entry, plan)


def _result_from_entry(path: str, text: str, entry: CachedResult, plan: FilePlan) -> FileResult:
    # Formatters need only the text (positions, matched text) and metadata: no parsing on a hit.
    doc = Document(
        text=text, path=path, format=entry.format, checkable=text, metadata=entry.metadata, notes=entry.notes
    )
    result = FileResult(path, doc, entry.findings, notes=entry.notes, fail_on=plan.fail_on(), extra=dict(entry.facts))
    result.fingerprints = entry.fingerprints
    return result


def _to_cache(result: FileResult, text: str, plan: FilePlan, options: RunOptions) -> None:
    from normcheck.cache import CachedResult

    assert options.cache is not None
    assert result.document is not None
    doc = result.document
    entry = CachedResult(
        doc.format, result.findings, result.fingerprints, result.notes, dict(doc.metadata), dict(result.extra)
    )
    options.cache.put(_cache_key(text, result.path, plan, options), entry)


def _with_metadata(doc: Document, metadata: Mapping[str, Any] | None) -> Document:
    return replace(doc, metadata={**doc.metadata, **metadata}) if metadata else doc


def check_path(path: str, ctx: ContextSource, options: RunOptions, plan: FilePlan | None = None) -> FileResult:
    try:
        if path == STDIN_PATH:
            data = sys.stdin.buffer.read()
            display = options.stdin_filename or STDIN_PATH
            plan = plan_for(options.stdin_filename, ctx, options)
            return check_source(display, decode_article(data, display, options.encoding), plan, options, True)
        target = Path(path)
        source = read_article(target, options.encoding)
        return check_source(path, source, plan or plan_for(path, ctx, options), options)
    except InputError as exc:
        return FileResult(path, error=exc)
    except OSError as exc:
        return FileResult(path, error=InputError(f"cannot write the fixed file: {exc.strerror or exc}", path))


def run(paths: Iterable[str], ctx: ContextSource, options: RunOptions) -> Iterator[FileResult]:
    """Check each path in turn; files a config excludes are skipped without a word."""
    for path in paths:
        plan = None
        if options.resolver is not None and path != STDIN_PATH:
            target = Path(path)
            settings = options.resolver.settings_for(target)
            if settings.excluded(target):
                continue
            plan = FilePlan(settings.selection_for(target), settings, ctx)
        yield check_path(path, ctx, options, plan)
