"""Archive commands and options: `report`, `gazetteer suggest`, and the jobs/progress/JSON Lines options."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from normcheck.archive import RecordFields
from normcheck.context import CheckContext
from normcheck.errors import EXIT_CLEAN, EXIT_ERROR, NormcheckError
from normcheck.parallel import StopRequest, default_jobs, ignore_interrupts
from normcheck.progress import Progress
from normcheck.progress import wanted as progress_wanted
from normcheck.rules import RuleSelection, parse_code_list
from normcheck.runner import RunOptions
from normcheck.textio import write_atomically

if TYPE_CHECKING:
    from normcheck.survey import Survey

# The survey, report and suggestion modules are imported by the commands that use them: `normcheck check`
# (the one run on every commit) should not pay for loading them.

F = TypeVar("F", bound=Callable[..., Any])


def jobs_options(function: F) -> F:
    """--jobs and --progress/--no-progress."""
    function = click.option(
        "--progress/--no-progress",
        "progress",
        default=None,
        help="A progress line on stderr (default: only when stderr is a terminal and CI is not set).",
    )(function)
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help=f"Worker processes (default: the number of cores, {default_jobs()} here; 1 checks in this process). "
        "The output is the same for any N.",
    )(function)


def record_options(function: F) -> F:
    """--text-field, --date-field, --id-field: where a JSON Lines record keeps its text, date and id."""
    defaults = RecordFields()
    for name, default, what in reversed(
        (
            ("text", defaults.text, "the article text"),
            ("date", defaults.date, "the publication date"),
            ("id", defaults.id, "the record id findings are reported against"),
        )
    ):
        function = click.option(
            f"--{name}-field",
            default=default,
            show_default=True,
            metavar="NAME",
            help=f"In .jsonl archives: the field holding {what}.",
        )(function)
    return function


def fields_from(text_field: str, date_field: str, id_field: str) -> RecordFields:
    return RecordFields(text=text_field, date=date_field, id=id_field)


def context_options(function: F) -> F:
    """--gazetteer, --no-default-gazetteer, --select, --ignore: as for `normcheck check`."""
    for decorator in reversed(
        (
            click.option(
                "--gazetteer",
                "gazetteer_paths",
                multiple=True,
                metavar="PATH",
                help="A gazetteer YAML file or folder, merged over the default (repeatable).",
            ),
            click.option("--no-default-gazetteer", is_flag=True, help="Do not load the bundled gazetteer."),
            click.option("--select", multiple=True, metavar="CODES", help="Rule codes or prefixes to report."),
            click.option("--ignore", multiple=True, metavar="CODES", help="Rule codes or prefixes to leave out."),
        )
    ):
        function = decorator(function)
    return function


def _build_context(
    gazetteer_paths: tuple[str, ...], no_default_gazetteer: bool, select: tuple[str, ...], ignore: tuple[str, ...]
) -> CheckContext:
    # Imported here: cli imports this module for its options, and builds the gazetteer the same way.
    from normcheck.checks import ALL_RULES
    from normcheck.cli import _fail, _gazetteer

    known_codes = tuple(rule.code for rule in ALL_RULES)

    try:
        selection = RuleSelection(
            select=parse_code_list(select, known_codes, "--select") or ("NC",),
            ignore=parse_code_list(ignore, known_codes, "--ignore"),
        )
        return CheckContext(_gazetteer(gazetteer_paths, no_default_gazetteer), selection=selection)
    except NormcheckError as exc:
        _fail(exc)
        raise  # unreachable: _fail exits


def _survey(
    paths: tuple[str, ...],
    context: CheckContext,
    fields: RecordFields,
    jobs: int | None,
    progress: bool | None,
    max_listed: int,
) -> tuple[Survey, bool]:
    """The survey of the inputs, and whether Ctrl-C cut it short."""
    for path in paths:
        if path == "-":
            raise click.UsageError("reports read files and folders, not standard input")
    bar = Progress(sys.stderr, "articles", enabled=progress_wanted(sys.stderr, progress))

    def stopping() -> None:
        bar.clear()
        click.echo("normcheck: stopping after the articles in progress (Ctrl-C again to abort) ...", err=True)

    from normcheck.survey import run_survey

    with StopRequest(stopping) as stop:
        survey = run_survey(paths, context, RunOptions(), fields, jobs or default_jobs(), max_listed, stop, bar)
    for error in survey.errors:
        click.echo(f"normcheck: error: {error}", err=True)
    if stop.requested:
        ignore_interrupts()
        click.echo(f"normcheck: interrupted after {survey.articles:,} articles; the report covers only those", err=True)
    return survey, stop.requested


def _exit_code(survey: Survey, interrupted: bool) -> int:
    return 130 if interrupted else EXIT_ERROR if survey.errors else EXIT_CLEAN


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the report as one self-contained HTML page (works offline).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default=None,
    help="What to print on stdout (default: text, or nothing when --html is given).",
)
@click.option(
    "--max-articles",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="List the findings of at most this many articles (totals and tables always cover all).",
)
@context_options
@record_options
@jobs_options
def report(
    paths: tuple[str, ...],
    html_path: str | None,
    output_format: str | None,
    max_articles: int,
    gazetteer_paths: tuple[str, ...],
    no_default_gazetteer: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    text_field: str,
    date_field: str,
    id_field: str,
    jobs: int | None,
    progress: bool | None,
) -> None:
    """Report on an archive: findings per rule, how each entity is spelled over time, look-alike unknown names."""
    from normcheck.report.data import render_text, report_data
    from normcheck.report.html import render_html
    from normcheck.survey import count_lowercase

    context = _build_context(gazetteer_paths, no_default_gazetteer, select, ignore)
    fields = fields_from(text_field, date_field, id_field)
    survey, interrupted = _survey(paths, context, fields, jobs, progress, max_articles)
    data = report_data(
        survey,
        context.gazetteer,
        context.name_index,
        paths,
        partial(count_lowercase, paths, fields, jobs=jobs or default_jobs()),
    )
    if html_path is not None:
        try:
            target = Path(html_path)
            existed = target.exists()
            write_atomically(target, render_html(data).encode("utf-8"))
            if not existed:  # a new file gets the usual permissions, not the temporary file's 0600
                umask = os.umask(0)
                os.umask(umask)
                target.chmod(0o666 & ~umask)
        except OSError as exc:
            click.echo(f"normcheck: error: cannot write {html_path}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(f"normcheck: report written to {html_path}", err=True)
    if output_format == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif output_format == "text" or html_path is None:
        click.echo(render_text(data), nl=False)
    sys.exit(_exit_code(survey, interrupted))


@click.command("suggest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the YAML here (default: stdout).",
)
@context_options
@record_options
@jobs_options
def gazetteer_suggest(
    paths: tuple[str, ...],
    output_path: str | None,
    gazetteer_paths: tuple[str, ...],
    no_default_gazetteer: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    text_field: str,
    date_field: str,
    id_field: str,
    jobs: int | None,
    progress: bool | None,
) -> None:
    """Propose gazetteer entities from look-alike names no gazetteer knows, as YAML to review and merge."""
    from normcheck.consistency import unknown_clusters
    from normcheck.suggest import suggestions_yaml
    from normcheck.survey import count_lowercase

    context = _build_context(gazetteer_paths, no_default_gazetteer, select, ignore)
    fields = fields_from(text_field, date_field, id_field)
    survey, interrupted = _survey(paths, context, fields, jobs, progress, 0)
    clusters, held_back = unknown_clusters(
        survey.table, context.name_index, partial(count_lowercase, paths, fields, jobs=jobs or default_jobs())
    )
    text = suggestions_yaml(clusters, held_back, context.gazetteer, survey.articles, paths)
    if output_path is None:
        click.echo(text, nl=False)
    else:
        Path(output_path).write_text(text, encoding="utf-8")
        click.echo(
            f"normcheck: {len(clusters)} candidate entit{'y' if len(clusters) == 1 else 'ies'} written to "
            f"{output_path}; review before use",
            err=True,
        )
    sys.exit(_exit_code(survey, interrupted))
