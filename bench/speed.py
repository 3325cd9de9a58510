"""Throughput of the name check, with the default and with a 10,000-entity gazetteer, next to codespell;
and the time the date, attribution and language checks add to the name check (with how much of the
English corpus reached langdetect).

Usage: python bench/speed.py [--megabytes 20]

Builds a synthetic corpus (bench/.work/, not committed), times the name check in process on one core,
then the date, attribution and language checks on the same documents, then times `normcheck check` and
`codespell` (installed here if missing) over the same files with the same variant→canonical pairs. Runs of
`normcheck check` use --no-cache: the result cache would otherwise answer repeated runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import articles, synthetic_gazetteer_yaml

from normcheck.checks import attribution, dates, language, names
from normcheck.checks.dates.candidates import find_candidates
from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer

WORK = HERE / ".work"


def _time_name_check(texts: list[str], gazetteer: Gazetteer) -> tuple[float, float, int]:
    started = time.perf_counter()
    context = CheckContext(gazetteer)
    context.name_index  # noqa: B018 - build the index outside the timed scan
    build = time.perf_counter() - started
    findings = 0
    started = time.perf_counter()
    for text in texts:
        findings += sum(1 for _ in names.check_names(parse_document(text, "a.md"), context))
    return build, time.perf_counter() - started, findings


def _time_date_check(
    texts: list[str], gazetteer: Gazetteer, anchor: dt.date | None, repeats: int = 3
) -> tuple[float, float, float, int]:
    """CPU seconds of parse + name check, CPU seconds the date check adds on the same documents, and the part of
    that the candidate scan alone would take (every date pattern located, nothing about the dates read yet: the
    floor of the check's design). Each the best of `repeats` runs over fresh documents and a fresh context; CPU
    time, so other work on the machine counts less.
    """
    best_names = best_dates = best_scan = float("inf")
    findings = 0
    clock = time.process_time
    for _ in range(repeats):
        context = CheckContext(gazetteer, publication_date=anchor)
        context.name_index  # noqa: B018 - build the index and load the date style outside the timed loop
        context.date_style  # noqa: B018
        names_seconds = dates_seconds = scan_seconds = 0.0
        findings = 0
        for text in texts:
            started = clock()
            doc = parse_document(text, "a.md")
            for _ in names.check_names(doc, context):
                pass
            middle = clock()
            findings += sum(1 for _ in dates.check_dates(doc, context))
            checked = clock()
            find_candidates(doc.checkable)
            names_seconds += middle - started
            dates_seconds += checked - middle
            scan_seconds += clock() - checked
        best_names, best_dates = min(best_names, names_seconds), min(best_dates, dates_seconds)
        best_scan = min(best_scan, scan_seconds)
    return best_names, best_dates, best_scan, findings


def _cpu_seconds(texts: list[str], gazetteer: Gazetteer, checks: str, repeats: int = 3) -> tuple[float, CheckContext]:
    """Best-of-`repeats` CPU time of the name check, the language check, or both ("names", "language",
    "both") over fresh documents and a fresh context; CPU time, so other work on the machine counts less.
    """
    best = float("inf")
    context = CheckContext(gazetteer)
    for _ in range(repeats):
        context = CheckContext(gazetteer)
        context.name_index  # noqa: B018 - built outside the timed scan, as above
        context.language_identifier  # noqa: B018 - the language table; langdetect itself loads on first need
        started = time.process_time()
        for text in texts:
            doc = parse_document(text, "a.md")
            if checks in ("names", "both"):
                for _ in names.check_names(doc, context):
                    pass
            if checks in ("language", "both"):
                for _ in language.check_language(doc, context):
                    pass
        best = min(best, time.process_time() - started)
    return best, context


def _report_language(texts: list[str], gazetteer: Gazetteer) -> None:
    names_alone, _ = _cpu_seconds(texts, gazetteer, "names")
    language_alone, context = _cpu_seconds(texts, gazetteer, "language")
    both, _ = _cpu_seconds(texts, gazetteer, "both")
    identifier = context.language_identifier
    judged, reached = identifier.paragraphs_judged, identifier.paragraphs_to_langdetect
    paragraphs = sum(len(parse_document(text, "a.md").paragraphs) for text in texts)
    print(
        f"CPU time, best of 3: name check {names_alone:.2f} s, language check alone {language_alone:.2f} s "
        f"({language_alone / names_alone:.0%} of the name check), both {both:.2f} s "
        f"(the language check adds {both / names_alone - 1:.0%})"
    )
    print(
        f"English paragraphs: {paragraphs}, judged (60+ characters, not headlines): {judged}, reached langdetect: "
        f"{reached} ({reached / max(judged, 1):.2%} of judged); articles whose language needed langdetect: "
        f"{identifier.langdetect_calls - reached} of {len(texts)}; langdetect loaded: "
        f"{'yes' if identifier._factory is not None else 'no'}"
    )


def _child_cpu(command: list[str]) -> float:
    """User and system CPU seconds a command took (it runs to completion, output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _time_attribution_check(
    texts: list[str], gazetteer: Gazetteer, rounds: int = 3
) -> tuple[tuple[float, float], tuple[float, float], int]:
    """Best-of-`rounds` times of the name check (parsing included) and of the attribution check added to it,
    as (wall, CPU) pairs.

    The two are timed in turns on the same parsed articles, so a busy machine slows both alike; CPU time counts
    only this process's work, so other work on a shared machine distorts it less than wall time.
    """
    context = CheckContext(gazetteer)
    context.name_index  # noqa: B018 - built outside the timed scans, as above
    attribution.attribution_lexicon(context)  # the word lists are loaded once per run, like the gazetteer
    name_wall, name_cpu, attribution_wall, attribution_cpu = [], [], [], []
    findings = 0
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        documents = [parse_document(text, "a.md") for text in texts]
        for document in documents:
            for _ in names.check_names(document, context):
                pass
        name_wall.append(time.perf_counter() - started)
        name_cpu.append(time.process_time() - started_cpu)
        started, started_cpu = time.perf_counter(), time.process_time()
        findings = sum(sum(1 for _ in attribution.check_attribution(document, context)) for document in documents)
        attribution_wall.append(time.perf_counter() - started)
        attribution_cpu.append(time.process_time() - started_cpu)
    return (min(name_wall), min(name_cpu)), (min(attribution_wall), min(attribution_cpu)), findings


def _ensure_codespell() -> str | None:
    found = shutil.which("codespell") or (
        str(Path(sys.executable).parent / "codespell") if (Path(sys.executable).parent / "codespell").exists() else None
    )
    if found:
        return found
    print("installing codespell for the comparison ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "codespell"], check=False)
    candidate = Path(sys.executable).parent / "codespell"
    return str(candidate) if candidate.exists() else shutil.which("codespell")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    default = load_gazetteer([default_gazetteer_dir()])
    texts = list(articles(default, int(args.megabytes * 1024 * 1024)))
    size_mb = sum(len(text.encode("utf-8")) for text in texts) / (1024 * 1024)
    print(f"corpus: {len(texts)} articles, {size_mb:.1f} MB")

    WORK.mkdir(exist_ok=True)
    big_path = WORK / "gazetteer-10k.yaml"
    synthetic = 10_000 - len(default.entities)
    taken = {form.lower() for entity in default.entities for form, _ in entity.forms()}
    big_path.write_text(synthetic_gazetteer_yaml(synthetic, taken), encoding="utf-8")
    big = load_gazetteer([default_gazetteer_dir(), big_path])

    results = {}
    for label, gazetteer in (("default", default), ("10k", big)):
        build, seconds, findings = _time_name_check(texts, gazetteer)
        results[label] = seconds
        print(
            f"name check, {label:>7} gazetteer ({len(gazetteer.entities):>5} entities): {size_mb / seconds:6.2f} MB/s "
            f"({seconds:.2f} s, index built in {build:.2f} s, {findings} findings)"
        )
    print(f"10k-entity run / default run: {results['10k'] / results['default']:.2f}x")
    for label, anchor in (("with --date 2020-11-19", dt.date(2020, 11, 19)), ("no publication date", None)):
        names_seconds, dates_seconds, scan_seconds, findings = _time_date_check(texts, default, anchor)
        print(
            f"date check, {label}: adds {dates_seconds:.2f} s to the {names_seconds:.2f} s of parsing + name check "
            f"= {dates_seconds / names_seconds:.0%} (CPU time, best of 3; target: at most 30%; {findings} date findings)"
        )
    print(
        f"of which the candidate scan alone (every date pattern located, nothing about the dates read yet) would add "
        f"{scan_seconds / names_seconds:.0%}"
    )
    _report_language(texts, default)
    (name_seconds, name_cpu), (attribution_seconds, attribution_cpu), attribution_findings = _time_attribution_check(
        texts, default
    )
    print(
        f"attribution check (NC301-NC303) adds {attribution_seconds:.2f} s to the name check's {name_seconds:.2f} s: "
        f"{attribution_seconds / name_seconds:.0%} ({size_mb / attribution_seconds:.1f} MB/s, {attribution_findings} "
        f"findings; best of 3 interleaved runs); in CPU time {attribution_cpu:.2f} s to {name_cpu:.2f} s: "
        f"{attribution_cpu / name_cpu:.0%}"
    )

    corpus_dir = WORK / "corpus"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    corpus_dir.mkdir()
    for number, text in enumerate(texts):
        (corpus_dir / f"{number:06d}.txt").write_text(text, encoding="utf-8")
    pairs = {}
    for entity in default.entities:
        for variant in entity.variants:
            if " " not in variant and "-" not in variant and "'" not in variant:
                pairs[variant.lower()] = entity.replacement_for(variant)
    dictionary = WORK / "codespell-dictionary.txt"
    dictionary.write_text("".join(f"{wrong}->{right}\n" for wrong, right in sorted(pairs.items())), encoding="utf-8")

    normcheck_bin = Path(sys.executable).parent / "normcheck"
    started = time.perf_counter()
    subprocess.run(
        [str(normcheck_bin), "check", str(corpus_dir), "--no-cache", "--select", "NC101"],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    ours = time.perf_counter() - started
    print(f"normcheck check --select NC101 over {len(texts)} files: {ours:.2f} s ({size_mb / ours:.2f} MB/s)")
    # The end-to-end added time of the language checks, in CPU time of the child processes (best of 3,
    # interleaved), so that other work on the machine distorts the comparison less than wall time would.
    cpu: dict[str, float] = {"NC1": float("inf"), "NC1,NC4": float("inf")}
    for _ in range(3):
        for selection in cpu:
            cpu[selection] = min(
                cpu[selection],
                _child_cpu([str(normcheck_bin), "check", str(corpus_dir), "--no-cache", "--select", selection]),
            )
    print(
        f"normcheck check, CPU time (best of 3): --select NC1 {cpu['NC1']:.2f} s, --select NC1,NC4 "
        f"{cpu['NC1,NC4']:.2f} s (the language checks add {cpu['NC1,NC4'] / cpu['NC1'] - 1:.0%} end to end)"
    )
    started = time.perf_counter()
    subprocess.run(
        [str(normcheck_bin), "check", str(corpus_dir), "--no-cache", "--select", "NC101,NC3"],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    with_attribution = time.perf_counter() - started
    print(
        f"normcheck check --select NC101,NC3 over the same files: {with_attribution:.2f} s "
        f"({with_attribution / ours - 1:+.0%} end to end, start-up and word-list loading included)"
    )
    codespell = _ensure_codespell()
    if codespell is None:
        print("codespell could not be installed; comparison skipped")
        return 0
    started = time.perf_counter()
    subprocess.run([codespell, "-D", str(dictionary), str(corpus_dir)], stdout=subprocess.DEVNULL, check=False)
    theirs = time.perf_counter() - started
    print(
        f"codespell -D <{len(pairs)} variant pairs> over the same files: {theirs:.2f} s ({size_mb / theirs:.2f} MB/s)"
    )
    print(f"time ratio normcheck / codespell: {ours / theirs:.2f} (below 1 means normcheck is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
