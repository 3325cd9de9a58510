"""The command line: `normcheck check`, `rules`, `explain`, `gazetteer validate|lookup`."""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from normcheck import __version__
from normcheck.archive_cli import fields_from, gazetteer_suggest, jobs_options, record_options, report
from normcheck.batch import BatchOptions, Tally, run_many
from normcheck.checks import ALL_RULES, RULES_BY_CODE
from normcheck.context import CheckContext
from normcheck.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, NormcheckError
from normcheck.folding import fold
from normcheck.formatters import FORMATTERS
from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer, validate_paths
from normcheck.name_index import NameIndex
from normcheck.parallel import StopRequest, default_jobs, ignore_interrupts
from normcheck.progress import Progress
from normcheck.progress import wanted as progress_wanted
from normcheck.rules import RuleSelection, parse_code_list
from normcheck.runner import STDIN_PATH, FileResult, RunOptions, discover

_KNOWN_CODES = tuple(rule.code for rule in ALL_RULES)


def _fail(error: NormcheckError | str) -> None:
    click.echo(f"normcheck: error: {error}", err=True)
    sys.exit(EXIT_ERROR)


def _gazetteer(paths: Sequence[str], no_default: bool) -> Gazetteer:
    sources = [] if no_default else [default_gazetteer_dir()]
    sources.extend(Path(path) for path in paths)
    if not sources:
        return Gazetteer(entities=())
    return load_gazetteer(sources)


gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_paths",
    multiple=True,
    metavar="PATH",
    help="A gazetteer YAML file or folder, merged over the default (repeatable; later files win by entity id).",
)
no_default_option = click.option("--no-default-gazetteer", is_flag=True, help="Do not load the bundled gazetteer.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="normcheck")
def main() -> None:
    """normcheck: a linter for translated news text.

    Exit codes: 0 nothing found, 1 findings, 2 usage, configuration or input error.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Rule codes or prefixes to report (comma-separated; default: all)."
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Rule codes or prefixes to leave out; the longer prefix wins."
)
@gazetteer_option
@no_default_option
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes in place (atomically; encoding, BOM and line endings kept)."
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes (fuzzy matches).")
@click.option(
    "--encoding", default=None, help="Read articles in this encoding instead of detecting UTF-8/UTF-16 by BOM."
)
@click.option("--stdin-filename", default=None, help="With '-': the name to report (its suffix selects Markdown).")
@click.option(
    "--in-place", is_flag=True, help="With --fix on a .jsonl archive: replace it atomically, not NAME.fixed.jsonl."
)
@record_options
@jobs_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    gazetteer_paths: tuple[str, ...],
    no_default_gazetteer: bool,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    encoding: str | None,
    stdin_filename: str | None,
    in_place: bool,
    text_field: str,
    date_field: str,
    id_field: str,
    jobs: int | None,
    progress: bool | None,
) -> None:
    """Check articles (.txt, .md; folders are searched; '-' reads stdin) and .jsonl archives (one per line)."""
    if fix and diff:
        _fail("--fix and --diff exclude each other: --diff shows what --fix would write")
    if in_place and not fix:
        _fail("--in-place only goes with --fix (it says where a fixed .jsonl archive is written)")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            _fail(f"--encoding: unknown encoding '{encoding}'")
    try:
        selection = RuleSelection(
            select=parse_code_list(select, _KNOWN_CODES, "--select") or ("NC",),
            ignore=parse_code_list(ignore, _KNOWN_CODES, "--ignore"),
        )
        context = CheckContext(_gazetteer(gazetteer_paths, no_default_gazetteer), selection=selection)
    except NormcheckError as exc:
        _fail(exc)
    options = RunOptions(
        fix=fix, diff=diff, unsafe_fixes=unsafe_fixes, encoding=encoding, stdin_filename=stdin_filename
    )
    had_error = any_findings = any_diff = False
    for path in paths:
        if Path(path).is_dir() and next(discover([path]), None) is None:
            click.echo(f"normcheck: warning: no .txt, .md or .markdown articles found in {path}", err=True)
    bar = Progress(sys.stderr, "articles", enabled=progress_wanted(sys.stderr, progress))
    tally = Tally()
    batch_options = BatchOptions(options, fields_from(text_field, date_field, id_field), in_place)

    def checked(stop: StopRequest) -> Iterator[FileResult]:
        """Results in input order, streamed to the formatter: no run holds every article in memory."""
        nonlocal had_error, any_findings, any_diff
        for result in run_many(paths, context, batch_options, jobs or default_jobs(), tally, stop, bar):
            bar.clear()
            if result.error is not None:
                had_error = True
                click.echo(f"normcheck: error: {result.error}", err=True)
            for note in result.notes:
                click.echo(f"normcheck: {result.path}: note: {note}", err=True)
            if result.fixed_text is not None:
                click.echo(result.fixed_text, nl=False)
            any_findings = any_findings or bool(result.findings)
            any_diff = any_diff or bool(result.diff)
            yield result

    def stopping() -> None:
        bar.clear()
        click.echo("normcheck: stopping after the articles in progress (Ctrl-C again to abort) ...", err=True)

    with StopRequest(stopping) as stop:
        try:
            if STDIN_PATH in paths:
                results = list(checked(stop))
                # With a fixed article on stdout, the report goes to stderr so the two never mix.
                out = sys.stderr if any(r.fixed_text is not None for r in results) else sys.stdout
                FORMATTERS[output_format](results, out, fix)
            else:
                FORMATTERS[output_format](checked(stop), sys.stdout, fix)
        except KeyboardInterrupt:
            stop.requested = True
    for source, target, changed in tally.archives_written:
        click.echo(f"normcheck: {source}: {changed:,} records fixed, written to {target}", err=True)
    for source in tally.archives_unchanged:
        click.echo(f"normcheck: {source}: nothing to fix, left as it was", err=True)
    if stop.requested:
        ignore_interrupts()  # the work is over; a late second Ctrl-C must not cut the summary short
        click.echo(f"normcheck: {tally.interruption_summary()}", err=True)
        sys.exit(130)
    if had_error:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if any_diff else EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if any_findings else EXIT_CLEAN)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, fix safety, summary."""
    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fix": r.fix.value if r.fix else None,
                "summary": r.summary,
            }
            for r in ALL_RULES
        ]
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{'CODE':<7} {'NAME':<28} {'FIX':<13} SUMMARY")
    for r in ALL_RULES:
        click.echo(f"{r.code:<7} {r.name:<28} {(r.fix.value if r.fix else '-'):<13} {r.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: what it finds, why it matters, an example and how safe its fix is."""
    rule = RULES_BY_CODE.get(code.upper()) or next((r for r in ALL_RULES if r.name == code.lower()), None)
    if rule is None:
        _fail(f"unknown rule '{code}' (see `normcheck rules`)")
    assert rule is not None
    click.echo(f"{rule.code} ({rule.name}): {rule.summary}\n")
    click.echo(f"What it does\n  {rule.what}\n")
    click.echo(f"Why it matters\n  {rule.why}\n")
    click.echo(f"Example\n  before: {rule.example_before}")
    if rule.example_after:
        click.echo(f"  after:  {rule.example_after}")
    click.echo(f"\nFix safety ({rule.fix.value if rule.fix else 'no fix'})\n  {rule.fix_safety}")


@main.group()
def gazetteer() -> None:
    """Inspect gazetteer files."""


@gazetteer.command("validate")
@click.argument("paths", nargs=-1)
@no_default_option
def gazetteer_validate(paths: tuple[str, ...], no_default_gazetteer: bool) -> None:
    """Validate gazetteer files (with the default gazetteer merged under them unless told not to)."""
    try:
        sources = [] if no_default_gazetteer or not paths else [default_gazetteer_dir()]
        sources.extend(Path(p) for p in paths) if paths else sources.append(default_gazetteer_dir())
    except NormcheckError as exc:
        _fail(exc)
    problems, count = validate_paths(sources)
    for problem in problems:
        click.echo(f"{problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem{'s' * (len(problems) != 1)} found.", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"OK: {count} entities, no problems.")


@gazetteer.command("lookup")
@click.argument("name")
@gazetteer_option
@no_default_option
def gazetteer_lookup(name: str, gazetteer_paths: tuple[str, ...], no_default_gazetteer: bool) -> None:
    """Show which entity a spelling resolves to, and why."""
    try:
        index = NameIndex(_gazetteer(gazetteer_paths, no_default_gazetteer))
    except NormcheckError as exc:
        _fail(exc)
    refs = index.lookup(name)
    if refs:
        for ref in refs:
            entity = ref.entity
            target = entity.replacement_for(ref.form) if ref.kind.value == "variant" else ref.form
            verdict = f'a variant, fixed to "{target}"' if ref.kind.value == "variant" else f"the {ref.kind.value} form"
            click.echo(
                f'"{name}" → {entity.id} ({entity.type}, canonical "{entity.canonical}"): {verdict} [{entity.origin}]'
            )
        return
    folded = fold(name)
    candidates = index.fuzzy_candidates(folded)
    if not candidates:
        click.echo(f'"{name}" (folded "{folded}") matches no gazetteer entity.')
        sys.exit(EXIT_FINDINGS)
    click.echo(f'"{name}" is not in the gazetteer; folded "{folded}" is close to:')
    for candidate in candidates:
        entity = candidate.ref.entity
        click.echo(
            f'  {candidate.score:5.1f}  "{candidate.ref.form}" ({candidate.ref.kind.value} of {entity.id}, canonical "{entity.canonical}", folded "{fold(candidate.ref.form)}")'
        )


main.add_command(report)
gazetteer.add_command(gazetteer_suggest)


def entry_point() -> None:
    """Console entry point: every failure is one line on stderr, never a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("normcheck: interrupted; files already fixed were written whole, the rest are untouched", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, show the traceback only on request
        if os.environ.get("NORMCHECK_DEBUG"):
            raise
        click.echo(
            f"normcheck: internal error: {type(exc).__name__}: {exc} (set NORMCHECK_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_ERROR)
