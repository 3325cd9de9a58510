"""Archive-scale speed and memory: normcheck over 100,000 synthetic articles, beside textlint+prh and codespell.

Usage: python bench/archive.py [--articles 100000] [--small 25000] [--compare 2000] [--skip-tools]

1. Writes a synthetic archive of short wire stories (about 1 KB each, dated 2010-2024) twice: as files
   (bench/.work/archive/files/, 1,000 per folder, date in front matter) and as one JSON Lines file.
2. Times `normcheck check` over each with --jobs 1 and --jobs 2 (articles/s, MB/s, speed-up), and records
   the peak memory of the whole process tree (main process plus workers, summed) for two archive sizes.
3. On the first --compare files, times the same variant→canonical substitution with the same variant list
   in fix mode: normcheck (a gazetteer made of exactly those pairs, --select NC101 --fix), textlint with
   textlint-rule-prh (installed from npm into bench/.work/node) and codespell -w (installed from PyPI into
   bench/.work/codespell), and checks how many variants each left behind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import FILLER, MONTHS, TEMPLATES, UNKNOWN_SYLLABLES, _names, _Picker

from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer

WORK = HERE / ".work" / "archive"
NODE = HERE / ".work" / "node"
CODESPELL = HERE / ".work" / "codespell"
NORMCHECK = Path(sys.executable).parent / "normcheck"


def machine_load() -> str:
    """Load average, and on Linux the share of time other runnable work waited for a CPU (pressure stall)."""
    text = f"load average {os.getloadavg()[0]:.1f}"
    try:
        with open("/proc/pressure/cpu") as pressure:
            waiting = pressure.readline().split()[2].split("=")[1]
        text += f", CPU pressure {waiting}% (time some task waited for a CPU, last 60 s)"
    except (OSError, IndexError):
        pass
    return text


def short_articles(gazetteer: Gazetteer, count: int, seed: int = 17) -> Iterator[tuple[str, str]]:
    """(date, text) of `count` short wire stories: two or three paragraphs, about 1 KB, some names varied."""
    rng = random.Random(seed)
    places = _Picker(rng, _names(gazetteer, "region,city,place"))
    people = _Picker(rng, _names(gazetteer, "person"))
    countries = _Picker(rng, _names(gazetteer, "country"))
    unknown = [
        "".join(rng.choice(UNKNOWN_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(400)
    ]
    for _ in range(count):
        date = f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        paragraphs = []
        for _ in range(rng.randint(2, 3)):
            sentences = []
            for _ in range(rng.randint(2, 3)):
                if rng.random() < 0.45:
                    sentences.append(rng.choice(FILLER))
                    continue
                sentences.append(
                    rng.choice(TEMPLATES).format(
                        day=rng.randint(1, 28),
                        person=people(),
                        place=places(),
                        city=places(),
                        country=countries(),
                        country2=countries(),
                        unknown=rng.choice(unknown),
                        count=rng.randint(2, 900),
                        month=rng.choice(MONTHS),
                    )
                )
            paragraphs.append(" ".join(sentences))
        yield date, "\n\n".join(paragraphs) + "\n"


def build_archive(gazetteer: Gazetteer, count: int, small: int) -> tuple[Path, Path, Path, float]:
    """The files folder, the JSON Lines archive, the small archive (its first lines), and the size in MB."""
    files, archive, small_archive = WORK / "files", WORK / "archive.jsonl", WORK / "archive-small.jsonl"
    stamp = WORK / "stamp.json"
    wanted = {"articles": count, "small": small, "version": 2}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        size = json.loads((WORK / "size.json").read_text())["mb"]
        return files, archive, small_archive, size
    if WORK.exists():
        shutil.rmtree(WORK)
    files.mkdir(parents=True)
    started = time.perf_counter()
    text_bytes = 0
    with archive.open("w", encoding="utf-8") as jsonl, small_archive.open("w", encoding="utf-8") as small_jsonl:
        for number, (date, text) in enumerate(short_articles(gazetteer, count)):
            folder = files / f"{number // 1000:03d}"
            if number % 1000 == 0:
                folder.mkdir()
            (folder / f"{number:06d}.md").write_text(f"---\ndate: {date}\n---\n{text}", encoding="utf-8")
            line = json.dumps({"id": f"a{number:06d}", "date": date, "text": text}, ensure_ascii=False) + "\n"
            jsonl.write(line)
            if number < small:
                small_jsonl.write(line)
            text_bytes += len(text.encode("utf-8"))
    size = text_bytes / (1024 * 1024)
    (WORK / "size.json").write_text(json.dumps({"mb": size}))
    stamp.write_text(json.dumps(wanted))
    print(f"generated {count:,} articles ({size:.1f} MB of text) in {time.perf_counter() - started:.1f} s")
    return files, archive, small_archive, size


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, summed (Linux /proc)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory of the process tree in MB, CPU seconds of the tree (user + system)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    peak = 0
    stderr_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(process.stderr.read() if process.stderr else b""))
    reader.start()
    while True:
        # wait4 reports the CPU time of the process and of every worker it waited for.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss_kb(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if process.returncode not in (0, 1):
        tail = b"".join(stderr_chunks).decode(errors="replace").strip().splitlines()[-3:]
        print(f"  ! {' '.join(command[:3])} ... exited {process.returncode}: {' / '.join(tail)}")
    return seconds, peak // 1024, usage.ru_utime + usage.ru_stime


def variant_pairs(gazetteer: Gazetteer) -> dict[str, str]:
    """One-word variant → house form: what every tool in the comparison is given."""
    pairs = {}
    for entity in gazetteer.entities:
        for variant in entity.variants:
            if re.fullmatch(r"[A-Z][a-z]+", variant):
                pairs[variant] = entity.replacement_for(variant)
    return pairs


def write_tool_configs(pairs: dict[str, str]) -> tuple[Path, Path, Path]:
    by_target: dict[str, list[str]] = {}
    for variant, target in sorted(pairs.items()):
        by_target.setdefault(target, []).append(variant)
    gazetteer = WORK / "pairs-gazetteer.yaml"
    lines = ["version: 1", "entities:"]
    for number, (target, variants) in enumerate(sorted(by_target.items())):
        lines.append(f"  - {{id: pair-{number}, canonical: {json.dumps(target)}, type: other, fuzzy: false,")
        lines.append(f"     variants: [{', '.join(json.dumps(v) for v in variants)}]}}")
    gazetteer.write_text("\n".join(lines) + "\n", encoding="utf-8")
    prh = WORK / "prh.yml"
    prh_lines = ["version: 1", "rules:"]
    for target, variants in sorted(by_target.items()):
        prh_lines.append(f"  - expected: {json.dumps(target)}")
        prh_lines.append("    patterns:")
        prh_lines.extend(f"      - /\\b{variant}\\b/" for variant in variants)
    prh.write_text("\n".join(prh_lines) + "\n", encoding="utf-8")
    codespell = WORK / "codespell-dictionary.txt"
    codespell.write_text("".join(f"{v.lower()}->{t}\n" for v, t in sorted(pairs.items())), encoding="utf-8")
    return gazetteer, prh, codespell


def install_textlint() -> Path | None:
    binary = NODE / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        print("  npm is not installed: textlint comparison skipped")
        return None
    print("installing textlint and textlint-rule-prh from npm into bench/.work/node ...", flush=True)
    NODE.mkdir(parents=True, exist_ok=True)
    finished = subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(NODE),
            "--no-audit",
            "--no-fund",
            "--silent",
            "textlint",
            "textlint-rule-prh",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0 or not binary.exists():
        print(f"  npm install failed ({finished.returncode}): {finished.stderr.strip()[-300:]}")
        return None
    return binary


def install_codespell() -> Path | None:
    script = CODESPELL / "bin" / "codespell"
    if script.exists():
        return script
    print("installing codespell from PyPI into bench/.work/codespell ...", flush=True)
    finished = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(CODESPELL), "codespell"],
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0 or not script.exists():
        print(f"  pip install failed ({finished.returncode}): {finished.stderr.strip()[-300:]}")
        return None
    return script


def copy_subset(files: Path, count: int, name: str) -> Path:
    target = WORK / name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for number in range(count):
        source = files / f"{number // 1000:03d}" / f"{number:06d}.md"
        shutil.copyfile(source, target / source.name)
    return target


def variants_left(folder: Path, pairs: dict[str, str]) -> int:
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(pairs, key=len, reverse=True))) + r")\b")
    return sum(len(pattern.findall(path.read_text(encoding="utf-8"))) for path in folder.glob("*.md"))


def compare_tools(files: Path, count: int, pairs: dict[str, str]) -> None:
    gazetteer, prh, dictionary = write_tool_configs(pairs)
    before = variants_left(copy_subset(files, count, "compare-original"), pairs)
    size = sum(path.stat().st_size for path in (WORK / "compare-original").glob("*.md")) / (1024 * 1024)
    print(
        f"\nSame job for every tool: {len(pairs)} one-word variant→house-form pairs from the default gazetteer, fixed "
        f"in place, over {count:,} of the files ({size:.1f} MB, {before:,} variant occurrences)"
    )
    results: dict[str, float] = {}
    for jobs in ("1", "2"):
        folder = copy_subset(files, count, f"compare-normcheck-{jobs}")
        seconds, _, _ = timed(
            [str(NORMCHECK), "check", str(folder), "--no-default-gazetteer", "--gazetteer", str(gazetteer),
             "--select", "NC101", "--fix", "--jobs", jobs, "--no-progress"]
        )  # fmt: skip
        results[f"normcheck --jobs {jobs}"] = seconds
        print(
            f"  normcheck --select NC101 --fix --jobs {jobs}: {seconds:6.2f} s, variants left {variants_left(folder, pairs):,}"
        )
    # How much of that is the fsync of every fixed file (normcheck's atomic write makes each one durable;
    # neither textlint nor codespell syncs): the same run with os.fsync stubbed out, for comparison only.
    folder = copy_subset(files, count, "compare-normcheck-nosync")
    no_sync = (
        "import os, sys; os.fsync = lambda fd: None; from normcheck.cli import entry_point; "
        "sys.argv[0] = 'normcheck'; entry_point()"
    )
    seconds, _, _ = timed(
        [sys.executable, "-c", no_sync, "check", str(folder), "--no-default-gazetteer", "--gazetteer", str(gazetteer),
         "--select", "NC101", "--fix", "--jobs", "1", "--no-progress"]
    )  # fmt: skip
    results["normcheck --jobs 1, no fsync"] = seconds
    print(
        f"  normcheck --jobs 1, fsync stubbed out:   {seconds:6.2f} s, variants left {variants_left(folder, pairs):,}"
    )
    textlint = install_textlint()
    if textlint is not None:
        folder = copy_subset(files, count, "compare-textlint")
        config = WORK / "textlintrc.json"
        config.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}), encoding="utf-8")
        seconds, _, _ = timed(
            [str(textlint), "--config", str(config), "--rules-base-directory", str(NODE / "node_modules"), "--fix", str(folder)],
            cwd=WORK,
        )  # fmt: skip
        results["textlint"] = seconds
        print(
            f"  textlint --fix with textlint-rule-prh:   {seconds:6.2f} s, variants left {variants_left(folder, pairs):,}"
        )
    codespell = install_codespell()
    if codespell is not None:
        folder = copy_subset(files, count, "compare-codespell")
        environment = {**os.environ, "PYTHONPATH": str(CODESPELL)}
        seconds, _, _ = timed([str(codespell), "-D", str(dictionary), "-w", str(folder)], env=environment)
        results["codespell"] = seconds
        print(
            f"  codespell -D <pairs> -w:                 {seconds:6.2f} s, variants left {variants_left(folder, pairs):,}"
        )
    for run in ("normcheck --jobs 1", "normcheck --jobs 2", "normcheck --jobs 1, no fsync"):
        for tool in ("textlint", "codespell"):
            if tool in results:
                print(f"  time ratio {run} / {tool}: {results[run] / results[tool]:.2f} (below 1: normcheck is faster)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=25_000, help="the smaller archive for the memory comparison")
    parser.add_argument("--compare", type=int, default=2_000, help="files for the textlint/codespell comparison")
    parser.add_argument("--skip-tools", action="store_true", help="no textlint/codespell comparison")
    args = parser.parse_args()
    gazetteer = load_gazetteer([default_gazetteer_dir()])
    files, archive, small_archive, size = build_archive(gazetteer, args.articles, args.small)
    print(
        f"archive: {args.articles:,} articles, {size:.1f} MB of text; machine: {os.cpu_count()} cores; at the start "
        f"{machine_load()} (other work on the machine slows every figure, and the 2-job runs most)"
    )
    print(f"\n{'input':<28} {'jobs':>4} {'seconds':>8} {'articles/s':>11} {'MB/s':>6} {'CPU s':>7} {'peak MB':>8}")
    seconds_by: dict[tuple[str, str], float] = {}
    cpu_by: dict[tuple[str, str], float] = {}
    peaks: dict[str, int] = {}
    for label, target in (("files (.md, front matter)", files), ("JSON Lines", archive)):
        for jobs in ("1", "2"):
            seconds, peak, cpu = timed([str(NORMCHECK), "check", str(target), "--jobs", jobs, "--no-progress"])
            seconds_by[(label, jobs)], cpu_by[(label, jobs)] = seconds, cpu
            if label == "JSON Lines" and jobs == "2":
                peaks["large"] = peak
            print(
                f"{label:<28} {jobs:>4} {seconds:8.1f} {args.articles / seconds:11,.0f} {size / seconds:6.2f} "
                f"{cpu:7.1f} {peak:8,}"
            )
    small_seconds, small_peak, small_cpu = timed(
        [str(NORMCHECK), "check", str(small_archive), "--jobs", "2", "--no-progress"]
    )
    print(
        f"{'JSON Lines, ' + format(args.small, ',') + ' articles':<28} {2:>4} {small_seconds:8.1f} "
        f"{args.small / small_seconds:11,.0f} {size * args.small / args.articles / small_seconds:6.2f} "
        f"{small_cpu:7.1f} {small_peak:8,}"
    )
    for label in ("files (.md, front matter)", "JSON Lines"):
        speedup = seconds_by[(label, "1")] / seconds_by[(label, "2")]
        overhead = cpu_by[(label, "2")] / cpu_by[(label, "1")]
        print(
            f"speed-up with 2 jobs, {label}: {speedup:.2f}x wall time; the 2-job run used {overhead:.2f}x the CPU "
            f"time of the 1-job run, so on two idle cores it can be at most {2 / overhead:.2f}x"
        )
    print(
        f"peak memory (main process and workers, summed), --jobs 2: {small_peak:,} MB for {args.small:,} articles, "
        f"{peaks['large']:,} MB for {args.articles:,} articles"
    )
    if not args.skip_tools:
        compare_tools(files, min(args.compare, args.articles), variant_pairs(gazetteer))
    print(f"at the end: {machine_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
