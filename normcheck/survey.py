"""One pass over articles and archives that keeps only summaries: rule totals, name tables, listed findings.

What `normcheck report` and `normcheck gazetteer suggest` run. Workers send back, per article, its findings
with a line of context and its small name-usage table, never its text; the main process merges them in
input order. Memory stays flat as the archive grows, except for the per-article listing (capped by
`max_listed`) and the vocabulary of unknown names, which grows with distinct spellings, not with articles.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from normcheck.archive import ArchiveEnd, RecordFields, RecordLine, decode_record
from normcheck.batch import BATCH_SIZE, count_inputs, warm_up, work_items
from normcheck.checks.names import USAGE_SINK, NameUsage
from normcheck.consistency import ArchiveTable, document_date
from normcheck.context import CheckContext
from normcheck.errors import InputError
from normcheck.finding import Finding
from normcheck.parallel import OrderedPool, Passthrough, StopRequest
from normcheck.progress import Progress
from normcheck.runner import FileResult, RunOptions, check_path, check_source, plan_for
from normcheck.textio import SourceText, read_article

CONTEXT_CHARS = 60
_WHITESPACE = re.compile(r"\s+")
_SERIAL_BELOW = 48


@dataclass(frozen=True)
class FindingSummary:
    """A finding as the report shows it: where, what, a line of context each side, and the proposed fix."""

    code: str
    rule: str
    severity: str
    line: int
    column: int
    start: int
    end: int
    text: str
    message: str
    before: str
    after: str
    replacement: str | None  # the proposed fix, if the finding has one
    applicability: str | None  # safe, unsafe or display-only

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ArticleSummary:
    path: str
    date: str | None
    findings: tuple[FindingSummary, ...] = ()
    table: ArchiveTable | None = None
    error: str | None = None


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def _context(text: str, start: int, end: int, body_start: int = 0) -> tuple[str, str]:
    """Up to CONTEXT_CHARS each side of a finding (never the front matter), cut at a word boundary, on one line."""
    before = text[max(body_start, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if start - CONTEXT_CHARS > body_start:
        before = "…" + before.split(" ", 1)[-1]
    if end + CONTEXT_CHARS < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return _one_line(before).lstrip(), _one_line(after).rstrip()


def _summarize_finding(text: str, body_start: int, line_col: tuple[int, int], finding: Finding) -> FindingSummary:
    replacement = None
    if finding.fix is not None and len(finding.fix.edits) == 1:
        replacement = finding.fix.edits[0].replacement
    before, after = _context(text, finding.start, finding.end, body_start)
    return FindingSummary(
        finding.code,
        finding.rule,
        finding.severity.value,
        line_col[0],
        line_col[1],
        finding.start,
        finding.end,
        text[finding.start : finding.end],
        finding.message,
        before,
        after,
        replacement,
        finding.fix.applicability.value if finding.fix is not None else None,
    )


def _summarize(result: FileResult, usage: NameUsage | None) -> ArticleSummary:
    if result.error is not None:
        return ArticleSummary(result.path, None, error=str(result.error))
    doc = result.document
    assert doc is not None
    date = document_date(doc.metadata)
    findings = tuple(_summarize_finding(doc.text, doc.body_start, doc.line_col(f.start), f) for f in result.findings)
    if usage is None:
        table = ArchiveTable(articles=1, dated=int(date is not None))
    else:
        table = ArchiveTable.of_document(result.path, date, usage, doc.line_col)
    return ArticleSummary(result.path, date, findings, table)


def summarize_item(options: RunOptions, context: CheckContext, item: str | RecordLine) -> ArticleSummary | None:
    """The task a worker runs for one input: check it (never fix) and keep only its summary."""
    sink = context.options.setdefault(USAGE_SINK, [])
    assert isinstance(sink, list)
    sink.clear()
    if isinstance(item, str):
        result = check_path(item, context, options)
    else:
        try:
            record = decode_record(item)
        except InputError as exc:
            return ArticleSummary(item.archive, None, error=str(exc))
        if record is None:
            return None
        result = check_source(
            record.display_path,
            SourceText(record.text, "utf-8"),
            plan_for(item.archive, context, options),
            options,
            metadata=record.metadata,
        )
    return _summarize(result, sink[-1] if sink else None)


@dataclass
class Survey:
    """Everything a report shows, merged in input order."""

    table: ArchiveTable = field(default_factory=ArchiveTable)
    totals: Counter[str] = field(default_factory=Counter)  # rule code → findings
    rule_names: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    listed: list[ArticleSummary] = field(default_factory=list)  # articles with findings, up to max_listed
    with_findings: int = 0
    max_listed: int = 1000

    @property
    def articles(self) -> int:
        return self.table.articles

    @property
    def findings(self) -> int:
        return sum(self.totals.values())

    def add(self, summary: ArticleSummary) -> None:
        if summary.error is not None:
            self.errors.append(summary.error)
            return
        if summary.table is not None:
            self.table.merge(summary.table)
        for finding in summary.findings:
            self.totals[finding.code] += 1
            self.rule_names[finding.code] = finding.rule
        if summary.findings:
            self.with_findings += 1
            if len(self.listed) < self.max_listed:
                self.listed.append(ArticleSummary(summary.path, summary.date, summary.findings))


def run_survey(
    paths: Sequence[str],
    context: CheckContext,
    options: RunOptions,
    fields: RecordFields,
    jobs: int,
    max_listed: int = 1000,
    stop: StopRequest | None = None,
    progress: Progress | None = None,
) -> Survey:
    survey = Survey(max_listed=max_listed)
    for summary in _summaries(paths, context, options, fields, jobs, stop, progress):
        survey.add(summary)
    return survey


def _summaries(
    paths: Sequence[str],
    context: CheckContext,
    options: RunOptions,
    fields: RecordFields,
    jobs: int,
    stop: StopRequest | None,
    progress: Progress | None,
) -> Iterator[ArticleSummary]:
    items = work_items(paths, fields)
    head = list(itertools.islice(items, _SERIAL_BELOW))
    if len(head) < _SERIAL_BELOW:
        jobs = 1
    context.options.setdefault(USAGE_SINK, [])
    if jobs > 1:
        warm_up(context)
    with OrderedPool(context, jobs, BATCH_SIZE) as pool:
        if progress is not None:
            progress.count_in_background(partial(count_inputs, paths))
        try:
            for summary in pool.map(partial(summarize_item, options), itertools.chain(head, items), stop):
                if isinstance(summary, Passthrough):
                    marker = summary.value
                    if isinstance(marker, ArchiveEnd) and marker.error is not None:
                        yield ArticleSummary(marker.path, None, error=str(marker.error))
                    continue
                if summary is None:
                    continue
                if progress is not None:
                    progress.advance()
                yield summary
        finally:
            if progress is not None:
                progress.clear()


@functools.lru_cache(maxsize=4)
def _lowercase_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w'’-])(" + alternatives + r")(?!\w)")


def _lowercase_hits(words: frozenset[str], encoding: str | None, context: object, item: str | RecordLine) -> set[str]:
    """The task of the second pass: which of `words` one article writes (in lower case, as whole words)."""
    try:
        if isinstance(item, str):
            text: str | None = read_article(Path(item), encoding).text
        else:
            record = decode_record(item)
            text = record.text if record is not None else None
    except InputError:
        return set()  # reported by the first pass
    return set(_lowercase_pattern(words).findall(text)) if text else set()


def count_lowercase(
    paths: Sequence[str], fields: RecordFields, words: set[str], encoding: str | None = None, jobs: int = 1
) -> Counter[str]:
    """In how many articles each of `words` (lower case) stands as a whole word: a second, cheap pass.

    Only the spellings that would be clustered are asked about, so the pattern stays small.
    """
    counts: Counter[str] = Counter()
    if not words:
        return counts
    items = (item for item in work_items(paths, fields) if not isinstance(item, Passthrough))
    with OrderedPool(None, jobs, BATCH_SIZE) as pool:
        for hits in pool.map(partial(_lowercase_hits, frozenset(words), encoding), items):
            counts.update(hits)
    return counts
