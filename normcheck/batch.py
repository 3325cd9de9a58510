"""Checking many inputs: article files and JSON Lines records through the ordered pool, archives fixed.

`run_many` is what `normcheck check` runs: it streams the inputs (folders walked lazily, archives read line
by line) through `parallel.OrderedPool`, writes fixed archives as their records come back in order, and
keeps a tally of what was done for the summary printed after an interruption.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from normcheck.archive import (
    ArchiveEnd,
    ArchiveStart,
    ArchiveWriter,
    RecordFields,
    RecordLine,
    count_lines,
    decode_record,
    expand_archives,
    fixed_archive_path,
    is_archive,
    replace_text_field,
)
from normcheck.context import CheckContext
from normcheck.errors import InputError
from normcheck.parallel import OrderedPool, Passthrough, StopRequest
from normcheck.progress import Progress
from normcheck.runner import (
    STDIN_PATH,
    CacheHit,
    ContextSource,
    FileResult,
    RunOptions,
    check_path,
    check_path_or_hit,
    check_source,
    discover,
    plan_for,
    result_from_hit,
)
from normcheck.textio import SourceText

# Fewer items than this are checked in this process: starting workers would cost more than it saves.
_SERIAL_BELOW = 48
BATCH_SIZE = 256  # the largest batch a worker is sent (they start at 8 and double)


@dataclass(frozen=True)
class BatchOptions:
    run: RunOptions = field(default_factory=RunOptions)
    fields: RecordFields = field(default_factory=RecordFields)
    in_place: bool = False  # fixed archives replace the original instead of going to NAME.fixed.jsonl


@dataclass(frozen=True)
class ItemOutcome:
    result: FileResult | None  # None for a blank line of an archive, or a cache hit
    output: bytes | None = None  # for an archive being fixed: the line to write, fixed or as it was
    changed: bool = False
    cached: CacheHit | None = None  # an unchanged article: decoded here, in the main process


@dataclass
class Tally:
    """What a run did, for the summary after Ctrl-C and the notes about written archives."""

    files: int = 0
    records: int = 0
    files_fixed: int = 0
    records_fixed: int = 0
    archives_written: list[tuple[str, str, int]] = field(default_factory=list)  # source, target, records fixed
    archives_unchanged: list[str] = field(default_factory=list)
    archives_abandoned: list[str] = field(default_factory=list)

    def interruption_summary(self) -> str:
        done = [f"{self.files:,} file{'s' * (self.files != 1)}"]
        if self.records:
            done.append(f"{self.records:,} archive record{'s' * (self.records != 1)}")
        fixed = self.files_fixed + self.records_fixed
        parts = [f"interrupted after checking {' and '.join(done)}"]
        if fixed:
            fixed_parts = [f"{self.files_fixed:,} file{'s' * (self.files_fixed != 1)}"] if self.files_fixed else []
            if self.records_fixed:
                fixed_parts.append(f"{self.records_fixed:,} record{'s' * (self.records_fixed != 1)}")
            parts.append(f"{' and '.join(fixed_parts)} fixed")
        for source in self.archives_abandoned:
            parts.append(f"{source} left as it was (its fixed copy was not written)")
        parts.append("every file is either its old or its new version; run the same command again to continue")
        return "; ".join(parts)


def warm_up(context: ContextSource) -> None:
    """Build what every check needs before workers are forked, so they share it instead of each building it.

    A context built per file's settings (from the configuration) is built in each worker on first need.
    """
    if isinstance(context, CheckContext):
        context.name_index  # noqa: B018
        context.common_words  # noqa: B018


def _without_caches(result: FileResult) -> FileResult:
    """Cached structure (sentences, paragraphs) is dropped: rebuilt on demand, it costs more to send between
    processes. The line starts are kept, computed here: every finding's line and column is read from them,
    and this runs in the worker, not in the main process that writes the output."""
    document = result.document
    if document is not None:
        line_starts = document.line_starts
        result.document = replace(document)
        result.document.__dict__["line_starts"] = line_starts  # the cached_property's own slot
    return result


def check_item(options: BatchOptions, context: ContextSource, item: str | RecordLine) -> ItemOutcome:
    """The task a worker runs for one input: an article path or one archive line."""
    if isinstance(item, str):
        outcome = check_path_or_hit(item, context, options.run)
        if isinstance(outcome, CacheHit):
            return ItemOutcome(None, cached=outcome)
        return ItemOutcome(_without_caches(outcome))
    fixing = options.run.fix
    try:
        record = decode_record(item)
    except InputError as exc:
        return ItemOutcome(FileResult(item.archive, error=exc), item.raw if fixing else None)
    if record is None:
        return ItemOutcome(None, item.raw if fixing else None)
    result = check_source(
        record.display_path,
        SourceText(record.text, "utf-8"),
        plan_for(item.archive, context, options.run),
        options.run,
        from_stdin=True,  # the fixed text comes back to be written into the archive line
        metadata=record.metadata,
    )
    result.extra["record"] = record.metadata
    if result.fixed_text is None:
        return ItemOutcome(_without_caches(result), item.raw if fixing else None)
    output = replace_text_field(item.raw, item.fields.text, result.fixed_text, first_line=item.number == 1)
    result.fixed_text = None
    return ItemOutcome(_without_caches(result), output, changed=True)


def count_inputs(paths: Sequence[str]) -> int:
    """Articles and archive lines to check (the progress bar's total); a second, cheap pass over the inputs."""
    return sum(count_lines(path) if is_archive(path) else 1 for path in discover(paths))


def _not_excluded(paths: Iterator[str], options: RunOptions) -> Iterator[str]:
    """Files a configuration's `exclude` names are skipped without a word, as `runner.run` does."""
    resolver = options.resolver
    for path in paths:
        if resolver is not None and path != STDIN_PATH and resolver.excludes(path):
            continue
        yield path


def work_items(
    paths: Sequence[str], fields: RecordFields, options: RunOptions | None = None
) -> Iterator[str | RecordLine | Passthrough[object]]:
    for item in expand_archives(_not_excluded(discover(paths), options or RunOptions()), fields):
        yield Passthrough(item) if isinstance(item, (ArchiveStart, ArchiveEnd)) else item


def run_many(
    paths: Sequence[str],
    context: ContextSource,
    options: BatchOptions,
    jobs: int,
    tally: Tally,
    stop: StopRequest | None = None,
    progress: Progress | None = None,
) -> Iterator[FileResult]:
    """Check every input with `jobs` processes; results in input order whatever `jobs` is."""
    items = work_items(paths, options.fields, options.run)
    if STDIN_PATH in paths:
        jobs = 1  # standard input can only be read here
    head = list(itertools.islice(items, _SERIAL_BELOW))
    if len(head) < _SERIAL_BELOW:
        jobs = 1
    writing = options.run.fix
    writer: ArchiveWriter | None = None
    count_total = partial(progress.count_in_background, partial(count_inputs, paths)) if progress else None
    with OrderedPool(context, jobs, BATCH_SIZE, partial(warm_up, context), count_total) as pool:
        try:
            for produced in pool.map(partial(check_item, options), itertools.chain(head, items), stop):
                if isinstance(produced, Passthrough):
                    marker = produced.value
                    if isinstance(marker, ArchiveStart):
                        if writing:
                            try:
                                writer = ArchiveWriter(marker.path, fixed_archive_path(marker.path, options.in_place))
                            except OSError as exc:
                                yield FileResult(
                                    marker.path, error=InputError(f"cannot write the fixed archive: {exc}", marker.path)
                                )
                    elif isinstance(marker, ArchiveEnd):
                        if marker.error is not None:
                            yield FileResult(marker.path, error=marker.error)
                            if writer is not None:
                                writer.abort()
                        elif writer is not None:
                            if writer.commit():
                                tally.archives_written.append((marker.path, str(writer.target), writer.changed))
                            else:
                                tally.archives_unchanged.append(marker.path)
                        writer = None
                    continue
                outcome: ItemOutcome = produced
                if writer is not None and outcome.output is not None:
                    writer.write(outcome.output, outcome.changed)
                result = outcome.result
                if outcome.cached is not None:
                    hit = outcome.cached
                    result = result_from_hit(hit, context, options.run) or check_path(hit.path, context, options.run)
                if result is None:
                    continue
                is_record = "record" in result.extra or (result.error is not None and is_archive(result.path))
                if is_record:
                    tally.records += 1
                    tally.records_fixed += outcome.changed
                else:
                    tally.files += 1
                    tally.files_fixed += bool(result.fixed)
                if progress is not None:
                    progress.advance()
                yield result
        finally:
            if writer is not None:
                writer.abort()
                tally.archives_abandoned.append(str(writer.source))
            if progress is not None:
                progress.clear()
