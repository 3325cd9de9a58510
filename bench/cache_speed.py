"""The result cache on a 10,000-article repository: a first run, a second run over unchanged files, and a run
after the configuration changed.

Usage: python bench/cache_speed.py [--articles 10000] [--repeat 2] [--corpus synthetic|labelled]

Writes the synthetic corpus (bench/corpus.py) as Markdown files under bench/.work/cache-repo/ (not committed)
and times the installed `normcheck check` on it, all rules, default gazetteer, as a CI job would run it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import articles
from labels import strip_labels

from normcheck.gazetteer import default_gazetteer_dir, load_gazetteer

WORK = HERE / ".work" / "cache-repo"
NAMES = HERE / "names" / "articles"
# An installed normcheck has its bytecode compiled at install time; a development shell that forbids writing
# it would make every run compile the package again (a third of a second), which no user pays.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _timed(command: list[str]) -> tuple[float, float, int]:
    """Wall-clock and CPU (user + system) seconds of one run: CPU time is the steadier figure on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=WORK, env=_ENV
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2, help="first runs to take the best of (second runs: one more)")
    parser.add_argument(
        "--corpus",
        choices=("synthetic", "labelled"),
        default="synthetic",
        help="synthetic: bench/corpus.py (about 14 findings per article); labelled: the 61 name-benchmark articles "
        "without their labels, copied round with a numbered closing line (about as many findings as real copy)",
    )
    args = parser.parse_args()
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "articles").mkdir(parents=True)
    if args.corpus == "labelled":
        sources = [strip_labels(path.read_text(encoding="utf-8"))[0] for path in sorted(NAMES.glob("*.md"))]
        texts = [f"{sources[n % len(sources)]}\nArchive copy {n}.\n" for n in range(args.articles)]
    else:
        texts = list(islice(articles(load_gazetteer([default_gazetteer_dir()]), 10**12), args.articles))
    for number, text in enumerate(texts):
        (WORK / "articles" / f"{number:05d}.md").write_text(text, encoding="utf-8")
    size_mb = sum(len(text.encode("utf-8")) for text in texts) / (1024 * 1024)
    print(f"repository: {len(texts)} articles, {size_mb:.1f} MB")

    command = [str(Path(sys.executable).parent / "normcheck"), "check", "articles", "--cache-dir", ".normcheck_cache"]
    # Each figure is the best of a few runs (as timeit reports): other work on the machine only ever adds time.
    firsts = []
    for _ in range(args.repeat):
        shutil.rmtree(WORK / ".normcheck_cache", ignore_errors=True)
        firsts.append(_timed(command))
    seconds = [_timed(command) for _ in range(args.repeat + 1)]
    first, second = min(firsts), min(seconds)
    print(f"first run (empty cache):      {first[0]:7.2f} s wall, {first[1]:7.2f} s CPU  (exit {first[2]})")
    print(f"second run (unchanged files): {second[0]:7.2f} s wall, {second[1]:7.2f} s CPU  (exit {second[2]})")
    print(f"speed-up: {first[0] / second[0]:.1f}x wall, {first[1] / second[1]:.1f}x CPU")
    print("  all first runs (wall s): " + ", ".join(f"{run[0]:.2f}" for run in firsts))
    print("  all second runs (wall s): " + ", ".join(f"{run[0]:.2f}" for run in seconds))
    (WORK / ".normcheck.yaml").write_text("severity: {NC104: info}\nfail-on: warning\n", encoding="utf-8")
    third = _timed(command)
    print(f"after a config change:        {third[0]:7.2f} s wall, {third[1]:7.2f} s CPU  (every file checked again)")
    uncached = _timed([*command, "--no-cache"])
    print(f"with --no-cache:              {uncached[0]:7.2f} s wall, {uncached[1]:7.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
