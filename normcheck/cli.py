"""The command line: `normcheck check`, `config`, `rules`, `explain`, `gazetteer validate|lookup`."""

from __future__ import annotations

import codecs
import datetime as dt
import gc
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from normcheck import __version__
from normcheck.archive_cli import fields_from, gazetteer_suggest, jobs_options, record_options, report
from normcheck.attribution_lexicon import load_words
from normcheck.baseline import Baseline, write_baseline
from normcheck.batch import BatchOptions, Tally, run_many
from normcheck.cache import CACHE_DIR_NAME, ResultCache
from normcheck.checks import ALL_RULES, RULES_BY_CODE
from normcheck.checks.attribution import ATTRIBUTION_WORDS_OPTION, attribution_lexicon
from normcheck.config import ConfigResolver, Settings, overrides_from_cli, severity_names
from normcheck.config import describe as describe_settings
from normcheck.context import CheckContext
from normcheck.date_style import load_date_style
from normcheck.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigError, NormcheckError
from normcheck.folding import fold
from normcheck.formatters import FORMATTERS, OutputOptions, json_format, text
from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer, validate_paths
from normcheck.language_profiles import load_languages, normalize_language_tag
from normcheck.name_index import NameIndex
from normcheck.parallel import StopRequest, default_jobs, ignore_interrupts
from normcheck.progress import Progress
from normcheck.progress import wanted as progress_wanted
from normcheck.publication import parse_cli_date
from normcheck.runner import ARTICLE_SUFFIXES, STDIN_PATH, FileResult, RunOptions, discover

STATISTICS_FORMATTERS = {"text": text.render_statistics, "json": json_format.render_statistics}
# Printed as results come; the other formats need the whole run.
STREAMED_FORMATTERS = {"text": text.render, "concise": text.render_concise}


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
    # A run keeps hundreds of thousands of findings alive until it reports them; with the default threshold
    # (700 allocations) the collector walks them again and again, which tripled the decoding time of cached
    # results in `--format json`. Cycles are rare here: collecting less often costs little memory.
    gc.set_threshold(50_000, 20, 100)


class ContextFactory:
    """One check context per distinct gazetteer and check options, built when a file first needs it.

    `publication_date` (--date) is the anchor for every article, over each article's own; `run_options`
    are command-line check options that are not configuration keys (--lang, --source-glosses). A class, not a
    closure: where worker processes are spawned instead of forked (macOS, Windows) it is pickled to them.
    """

    def __init__(self, publication_date: dt.date | None = None, run_options: dict[str, object] | None = None) -> None:
        self.publication_date = publication_date
        self.run_options = dict(run_options or {})
        self._built: dict[tuple[object, ...], CheckContext] = {}
        self._gazetteers: dict[tuple[object, ...], Gazetteer] = {}

    def __call__(self, settings: Settings) -> CheckContext:
        options = {**settings.check_options(), **self.run_options}
        selection = settings.base_selection
        gazetteer_key = (settings["default-gazetteer"], settings["gazetteer"])
        key = (gazetteer_key, selection, tuple(sorted(options.items())))
        if key not in self._built:
            if gazetteer_key not in self._gazetteers:
                sources = [default_gazetteer_dir()] if settings["default-gazetteer"] else []
                sources.extend(settings["gazetteer"])
                self._gazetteers[gazetteer_key] = load_gazetteer(sources) if sources else Gazetteer(entities=())
            context = CheckContext(
                self._gazetteers[gazetteer_key],
                selection=selection,
                options=dict(options),
                publication_date=self.publication_date,
                date_style_name=str(options["date-style"]) if "date-style" in options else None,
            )
            context.date_style  # noqa: B018 - load and validate the style now: a bad one is a usage error
            self._built[key] = context
        return self._built[key]


def _resolver(params: dict[str, object], config: str | None, isolated: bool) -> ConfigResolver:
    overrides = overrides_from_cli(params)
    if params.get("no_default_gazetteer"):
        overrides["default-gazetteer"] = False
    return ConfigResolver(overrides, Path(config) if config else None, isolated)


def _use_colour(choice: str, out: object) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or bool(getattr(out, "isatty", lambda: False)())


config_option = click.option(
    "--config",
    "config_path",
    metavar="FILE",
    default=None,
    help="Use this .normcheck.yaml or pyproject.toml for every file instead of the nearest one.",
)
isolated_option = click.option("--isolated", is_flag=True, help="Ignore every configuration file.")


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
@config_option
@isolated_option
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
    "--fail-on",
    type=click.Choice(severity_names()),
    default=None,
    help="The lowest severity that makes the exit code 1 (default: info, i.e. any finding).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option(
    "--baseline",
    "baseline_path",
    metavar="FILE",
    default=None,
    help="Report only findings not recorded in this baseline file (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    metavar="FILE",
    default=None,
    help="Record today's findings in FILE, so later runs with --baseline report only new ones; exits 0.",
)
@click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing unchanged files' results.")
@click.option(
    "--cache-dir",
    metavar="DIR",
    default=CACHE_DIR_NAME,
    envvar="NORMCHECK_CACHE_DIR",
    show_default=True,
    help="Where results are cached (also NORMCHECK_CACHE_DIR).",
)
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the findings (text or json).")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format; auto: only on a terminal, and not when NO_COLOR is set.",
)
@click.option(
    "--date",
    "publication_date",
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date to resolve relative dates against, over each article's own (front matter, dateline, "
    "file name).",
)
@click.option(
    "--date-style",
    default=None,
    metavar="NAME",
    help="House style for rewritten dates: ap (default), ap-weekday, iso, dmy, or a YAML file of styles "
    "(file.yaml or file.yaml:NAME). Config key: date-style.",
)
@click.option(
    "--lang",
    "lang",
    default=None,
    metavar="CODE",
    help="The articles' language (en, fr, de-CH ...), over front matter `lang` and detection.",
)
@click.option(
    "--source-glosses/--no-source-glosses",
    default=True,
    show_default=True,
    help="Allow a source-script gloss after a name, as in 'Nagorno-Karabakh (纳卡)' (NC402/NC403).",
)
@click.option(
    "--attribution-words",
    "attribution_words",
    multiple=True,
    metavar="PATH",
    help="A YAML file of reporting verbs, vague sources and claim cues added to the shipped lists (repeatable).",
)
@click.option(
    "--in-place", is_flag=True, help="With --fix on a .jsonl archive: replace it atomically, not NAME.fixed.jsonl."
)
@record_options
@jobs_options
@click.pass_context
def check(
    click_context: click.Context,
    /,
    paths: tuple[str, ...],
    output_format: str,
    config_path: str | None,
    isolated: bool,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    encoding: str | None,
    stdin_filename: str | None,
    exit_zero: bool,
    statistics: bool,
    color: str,
    baseline_path: str | None,
    write_baseline_path: str | None,
    no_cache: bool,
    cache_dir: str,
    publication_date: str | None,
    lang: str | None,
    source_glosses: bool,
    attribution_words: tuple[str, ...],
    in_place: bool,
    text_field: str,
    date_field: str,
    id_field: str,
    jobs: int | None,
    progress: bool | None,
    **_overridable: object,
) -> None:
    """Check articles (.txt, .md, .html; folders are searched; '-' reads stdin) and .jsonl archives.

    Settings come from the nearest .normcheck.yaml or [tool.normcheck] in pyproject.toml above each file;
    command-line options override them (see `normcheck config PATH`).
    """
    if fix and diff:
        _fail("--fix and --diff exclude each other: --diff shows what --fix would write")
    if in_place and not fix:
        _fail("--in-place only goes with --fix (it says where a fixed .jsonl archive is written)")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            _fail(f"--encoding: unknown encoding '{encoding}'")
    if statistics and output_format not in STATISTICS_FORMATTERS:
        _fail(f"--statistics works with --format {' or '.join(STATISTICS_FORMATTERS)}, not {output_format}")
    if write_baseline_path and (fix or diff or baseline_path):
        _fail("--write-baseline records the findings as they are: use it without --fix, --diff or --baseline")
    try:
        resolver = _resolver(click_context.params, config_path, isolated)
        baseline = Baseline.load(Path(baseline_path)) if baseline_path else None
        try:
            anchor = parse_cli_date(publication_date) if publication_date is not None else None
        except ValueError as exc:
            raise ConfigError(f"--date: {exc}") from None
        date_style = click_context.params.get("date_style")
        if date_style is not None:
            load_date_style(str(date_style))  # a bad style is a usage error before any file is read
        run_options = language_options(lang, source_glosses)
        run_options[ATTRIBUTION_WORDS_OPTION] = tuple(attribution_words)
        if attribution_words:
            # A bad word-list file is a usage error, reported before any article is read.
            attribution_lexicon(CheckContext(Gazetteer(entities=()), options=dict(run_options)))
    except NormcheckError as exc:
        _fail(exc)
    options = RunOptions(
        fix=fix,
        diff=diff,
        unsafe_fixes=unsafe_fixes,
        encoding=encoding,
        stdin_filename=stdin_filename,
        resolver=resolver,
        baseline=baseline,
        cache=None if no_cache else ResultCache(Path(cache_dir)),
        cache_salt=(
            f"date={anchor}",
            *(f"{key}={value}" for key, value in sorted(run_options.items())),
            # the word lists' contents, not just their names: an edited list must not hit old results
            *(hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in attribution_words),
        ),
    )
    had_error = any_fails = any_diff = False
    for path in paths:
        if Path(path).is_dir() and next(discover([path]), None) is None:
            click.echo(f"normcheck: warning: no articles ({', '.join(ARTICLE_SUFFIXES)}) found in {path}", err=True)
    contexts = ContextFactory(anchor, run_options)
    try:
        # A gazetteer named on the command line is loaded now, so a broken one is reported even if no
        # article needs it.
        if "gazetteer" in resolver.overrides:
            contexts(resolver.settings_for(Path.cwd(), is_dir=True))
    except NormcheckError as exc:
        _fail(exc)
    bar = Progress(sys.stderr, "articles", enabled=progress_wanted(sys.stderr, progress))
    tally = Tally()
    batch_options = BatchOptions(options, fields_from(text_field, date_field, id_field), in_place)

    def checked(stop: StopRequest) -> Iterator[FileResult]:
        """Results in input order; the text format prints them as they come, so no run holds every article."""
        nonlocal had_error, any_fails, any_diff
        for result in run_many(paths, contexts, batch_options, jobs or default_jobs(), tally, stop, bar):
            bar.clear()
            if result.error is not None:
                had_error = True
                click.echo(f"normcheck: error: {result.error}", err=True)
            for note in result.notes:
                click.echo(f"normcheck: {result.path}: note: {note}", err=True)
            if result.fixed_text is not None:
                click.echo(result.fixed_text, nl=False)
            any_fails = any_fails or result.fails()
            any_diff = any_diff or bool(result.diff)
            yield result

    def stopping() -> None:
        bar.clear()
        click.echo("normcheck: stopping after the articles in progress (Ctrl-C again to abort) ...", err=True)

    render = STATISTICS_FORMATTERS[output_format] if statistics else FORMATTERS[output_format]
    streamed = (
        output_format in STREAMED_FORMATTERS and not statistics and not write_baseline_path and STDIN_PATH not in paths
    )
    results: list[FileResult] = []
    with StopRequest(stopping) as stop:
        try:
            if streamed:
                STREAMED_FORMATTERS[output_format](
                    checked(stop), sys.stdout, OutputOptions(fixing=fix, color=_use_colour(color, sys.stdout))
                )
            else:
                results = list(checked(stop))
                # With a fixed article on stdout, the report goes to stderr so the two never mix.
                out = sys.stderr if any(r.fixed_text is not None for r in results) else sys.stdout
                render(results, out, OutputOptions(fixing=fix, color=_use_colour(color, out)))
        except KeyboardInterrupt:
            stop.requested = True
        except NormcheckError as exc:  # a bad config file or gazetteer found on the way
            _fail(exc)
    for source, target, changed in tally.archives_written:
        click.echo(f"normcheck: {source}: {changed:,} records fixed, written to {target}", err=True)
    for source in tally.archives_unchanged:
        click.echo(f"normcheck: {source}: nothing to fix, left as it was", err=True)
    if stop.requested:
        ignore_interrupts()  # the work is over; a late second Ctrl-C must not cut the summary short
        click.echo(f"normcheck: {tally.interruption_summary()}", err=True)
        sys.exit(130)
    if write_baseline_path:  # written even when some files could not be read: those are reported as errors
        count = write_baseline(Path(write_baseline_path), results)
        plural = "s" * (count != 1)
        click.echo(f"normcheck: wrote {count} finding{plural} to the baseline {write_baseline_path}", err=True)
    if had_error:
        sys.exit(EXIT_ERROR)
    if exit_zero or write_baseline_path:
        sys.exit(EXIT_CLEAN)
    if diff:
        sys.exit(EXIT_FINDINGS if any_diff else EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if any_fails else EXIT_CLEAN)


@main.command("config")
@click.argument("path", default=".")
@config_option
@isolated_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def config_command(path: str, config_path: str | None, isolated: bool, output_format: str) -> None:
    """Show the configuration that applies to PATH (a file or folder), and where each value comes from."""
    try:
        resolver = ConfigResolver({}, Path(config_path) if config_path else None, isolated)
        settings = resolver.settings_for(Path(path), is_dir=Path(path).is_dir())
    except NormcheckError as exc:
        _fail(exc)
    rows = describe_settings(settings)
    if output_format == "json":
        data = {
            "path": path,
            "config_file": str(settings.config_file) if settings.config_file else None,
            "settings": {key: {"value": value, "source": source} for key, value, source in rows},
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    where = settings.config_file or ("none (--isolated)" if isolated else "none found; defaults apply")
    click.echo(f"config file: {where}")
    key_width = max(len(key) for key, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for key, value, source in rows:
        click.echo(f"{key:<{key_width}}  {value:<{value_width}}  ({source})")


def language_options(lang: str | None, source_glosses: bool) -> dict[str, object]:
    """Run options of the language checks; `--lang` must name a language normcheck knows."""
    options: dict[str, object] = {"allow_source_glosses": source_glosses}
    if lang is not None:
        code = normalize_language_tag(lang)
        table = load_languages()
        if code is None or table.get(code) is None:
            known = ", ".join(sorted(table.by_code))
            raise ConfigError(f"--lang: unknown language '{lang}' (known: {known})")
        options["lang"] = code
    return options


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
                "fix_varies": r.fix_varies,
                "summary": r.summary,
            }
            for r in sorted(ALL_RULES, key=lambda rule: rule.code)
        ]
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{'CODE':<7} {'NAME':<28} {'FIX':<13} SUMMARY")
    for r in sorted(ALL_RULES, key=lambda rule: rule.code):
        click.echo(f"{r.code:<7} {r.name:<28} {r.fix_label:<13} {r.summary}")


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
    click.echo(f"\nFix safety ({rule.fix_label if rule.fix else 'no fix'})\n  {rule.fix_safety}")


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
@click.option("--lang", "lang", default=None, metavar="CODE", help="Look up in this language's forms (fr, de ...).")
def gazetteer_lookup(name: str, gazetteer_paths: tuple[str, ...], no_default_gazetteer: bool, lang: str | None) -> None:
    """Show which entity a spelling resolves to, and why."""
    try:
        loaded = _gazetteer(gazetteer_paths, no_default_gazetteer)
        language = language_options(lang, True).get("lang")
        index = NameIndex(loaded.for_language(language) if isinstance(language, str) else loaded)
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


@main.group()
def attribution() -> None:
    """Inspect the attribution word lists (reporting verbs, vague sources, claim cues)."""


@attribution.command("validate")
@click.argument("paths", nargs=-1)
def attribution_validate(paths: tuple[str, ...]) -> None:
    """Validate attribution word-list files, merged over the shipped lists (with no file: the shipped lists)."""
    try:
        words = load_words([Path(path) for path in paths])
        attribution_lexicon(CheckContext(Gazetteer(entities=()), options={ATTRIBUTION_WORDS_OPTION: list(paths)}))
    except NormcheckError as exc:
        _fail(exc)
    click.echo(
        f"OK: {len(words.reporting_verbs)} reporting verbs, "
        f"{len(words.anonymous_nouns) + len(words.generic_nouns) + len(words.generic_pronouns)} vague sources, "
        f"{len(words.categories)} claim categories ({', '.join(category.name for category in words.categories)}) "
        f"from {len(words.sources)} file{'s' * (len(words.sources) != 1)}."
    )
