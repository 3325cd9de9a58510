"""Command-line options for archive runs (jobs, progress, JSON Lines fields), shared by check and report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from normcheck.archive import RecordFields
from normcheck.parallel import default_jobs

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
