"""The process pool: input order kept for any number of jobs, bounded streaming, Ctrl-C, progress line."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck import parallel
from normcheck.cli import main
from normcheck.parallel import OrderedPool, Passthrough, StopRequest, WorkerError
from normcheck.progress import Progress, wanted

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ISOLATED = ["--no-default-gazetteer", "--gazetteer", TEST_GAZETTEER, "--select", "NC1"]
REPO = Path(__file__).resolve().parent.parent

STORIES = (
    "Talks on Naka resumed on the 3rd local time, officials disclosed.\n",
    "Kiev said the relevant parties had agreed to meet in Naqqa.\n\nPutin did not comment.\n",
    "Sirens sounded in Kyiv. The Ukrainian capital was calm by noon.\n",
    "Residents of Martuni fled overnight. The Martouni hospital was hit, and Martuni lost power.\n",
)


def _square_with_offset(context: int, item: int) -> int:
    return item * item + context


def _slow_square(context: int, item: int) -> int:
    time.sleep(0.01)
    return item * item + context


def _fail_on_seven(context: int, item: int) -> int:
    if item == 7:
        raise ValueError("seven is not allowed")
    return item


def _die_on_seven(context: int, item: int) -> int:
    if item == 7:
        os._exit(3)
    return item


def test_a_task_error_in_a_worker_is_reported_with_its_traceback() -> None:
    with pytest.raises(WorkerError, match=r"(?s)a check failed in a worker process:.*ValueError: seven is not allowed"):  # noqa: SIM117
        with OrderedPool(0, 2, batch_size=4) as pool:
            list(pool.map(_fail_on_seven, iter(range(50))))


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    with pytest.raises(WorkerError, match="a worker process stopped unexpectedly"):  # noqa: SIM117
        with OrderedPool(0, 2, batch_size=4) as pool:
            list(pool.map(_die_on_seven, iter(range(50))))


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_and_markers_keep_input_order(jobs: int) -> None:
    items: list[object] = []
    for number in range(120):
        items.append(number)
        if number % 25 == 0:
            items.append(Passthrough(f"marker {number}"))
    with OrderedPool(1000, jobs, batch_size=7) as pool:
        produced = list(pool.map(_square_with_offset, iter(items)))
    expected = [item if isinstance(item, Passthrough) else item * item + 1000 for item in items]  # type: ignore[operator]
    assert produced == expected


def test_input_is_read_lazily() -> None:
    """Never more than a few batches per worker are read ahead of the results."""
    read = []

    def numbers() -> Iterator[int]:
        for number in range(10_000):
            read.append(number)
            yield number

    with OrderedPool(0, 2, batch_size=4) as pool:
        results = pool.map(_square_with_offset, numbers())
        first = [next(results) for _ in range(3)]
        assert first == [0, 1, 4]
        assert len(read) <= 2 * 4 * 4 + 4  # jobs x in-flight batches x batch size, plus the batch being cut
        results.close()


@pytest.mark.parametrize("jobs", [1, 2])
def test_stop_request_finishes_work_in_flight_and_starts_nothing_new(jobs: int) -> None:
    stop = StopRequest()
    produced = []
    with OrderedPool(0, jobs, batch_size=5) as pool:
        for result in pool.map(_slow_square, iter(range(500)), stop):
            produced.append(result)
            if len(produced) == 12:
                stop.requested = True
    assert 12 <= len(produced) < 100
    assert produced == [number * number for number in range(len(produced))]  # a prefix, in order, no gaps


def _corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"{number:05d}.md"
        path.write_text(f"# Report {number}\n\n" + STORIES[number % len(STORIES)], encoding="utf-8")
        paths.append(path)
    return paths


def _archive(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            record = {"id": f"r{number}", "date": f"20{10 + number % 9}-05-0{1 + number % 9}"}
            record["text"] = STORIES[number % len(STORIES)]
            handle.write(json.dumps(record) + "\n")
            if number == 10:
                handle.write("{not json\n")
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_same_output_for_one_and_two_jobs(tmp_path: Path, output_format: str) -> None:
    _corpus(tmp_path / "articles", 70)
    archive = _archive(tmp_path / "archive.jsonl", 60)
    outputs = []
    for jobs in ("1", "2"):
        code, out, err = _run(
            "check", str(tmp_path / "articles"), str(archive), "--format", output_format, "--jobs", jobs, *ISOLATED
        )
        assert code == 2  # the malformed archive line is an input error
        outputs.append((out, err))
    assert outputs[0] == outputs[1]
    assert f"{archive}:12: malformed record" in outputs[0][1]
    if output_format == "json":
        data = json.loads(outputs[0][0])
        assert data["summary"]["files"] == 130
        paths = [entry["path"] for entry in data["files"]]
        assert paths[:70] == [str(tmp_path / "articles" / f"{n:05d}.md") for n in range(70)]
        assert paths[70:] == [f"{archive}#r{n}" for n in range(60)]


def test_same_fixed_files_for_one_and_two_jobs(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        _corpus(tmp_path / jobs / "articles", 70)
        _archive(tmp_path / jobs / "archive.jsonl", 60)
        code, _, err = _run(
            "check", str(tmp_path / jobs), str(tmp_path / jobs / "archive.jsonl"), "--fix", "-j", jobs, *ISOLATED
        )
        assert code == 2, err
    for name in [f"articles/{n:05d}.md" for n in range(70)] + ["archive.fixed.jsonl"]:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
    assert "Nagorno-Karabakh" in (tmp_path / "1" / "articles" / "00000.md").read_text()


def test_no_progress_line_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    _corpus(tmp_path, 60)
    code, _, err = _run("check", str(tmp_path), *ISOLATED)
    assert code == 1
    assert "\r" not in err
    assert "articles" not in err


def test_progress_line_shows_count_rate_and_time_left() -> None:
    stream = io.StringIO()
    progress = Progress(stream, "articles")
    progress.done, progress.total = 250, 1000
    line = progress.line(progress._started + 5.0)
    assert line == "[######..................] 250/1,000 articles 50/s, 0:15 left"
    progress.total = None
    assert progress.line(progress._started + 5.0) == "250 articles 50/s, 0:05 so far"
    progress.advance()
    assert stream.getvalue().startswith("\r\x1b[K")
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_wanted_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wanted(Terminal(), None) is True
    assert wanted(io.StringIO(), None) is False
    assert wanted(io.StringIO(), True) is True
    assert wanted(Terminal(), False) is False
    monkeypatch.setenv("CI", "true")
    assert wanted(Terminal(), None) is False


def _interrupt(args: list[str], watch: list[Path], presses: int = 1) -> subprocess.CompletedProcess[str]:
    """Start `python -m normcheck` with args, press Ctrl-C once the first file changed, wait for the end."""
    before = {path: path.read_bytes() for path in watch}
    process = subprocess.Popen(
        [sys.executable, "-m", "normcheck", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(path.read_bytes() != before[path] for path in watch[:50]):
            break
        time.sleep(0.01)
    for _ in range(presses):
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize(("jobs", "presses"), [("1", 1), ("2", 1), ("2", 2)])
def test_ctrl_c_leaves_every_file_old_or_new_and_prints_a_summary(tmp_path: Path, jobs: str, presses: int) -> None:
    reference = _corpus(tmp_path / "reference", 3000)
    code, _, _ = _run("check", str(tmp_path / "reference"), "--fix", "-j", "2", *ISOLATED)
    assert code == 1
    originals = _corpus(tmp_path / "original", 3000)
    paths = _corpus(tmp_path / "work", 3000)
    finished = _interrupt(["check", str(tmp_path / "work"), "--fix", "-j", jobs, *ISOLATED], paths, presses)
    assert finished.returncode == 130, finished.stderr
    assert "interrupted after checking" in finished.stderr
    assert "every file is either its old or its new version" in finished.stderr
    assert "Traceback" not in finished.stderr
    old = new = 0
    for path, original, fixed in zip(paths, originals, reference, strict=True):
        content = path.read_bytes()
        assert content in (original.read_bytes(), fixed.read_bytes()), path
        old += content == original.read_bytes()
        new += content == fixed.read_bytes() and content != original.read_bytes()
    assert new > 0
    assert old > 0
    assert not list((tmp_path / "work").glob(".*normcheck-tmp"))


def test_ctrl_c_during_an_in_place_archive_fix_keeps_the_old_archive(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive.jsonl", 20_000)
    original = archive.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "normcheck", "check", str(archive), "--fix", "--in-place", "-j", "2", *ISOLATED],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".*normcheck-tmp")):
        time.sleep(0.01)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert f"{archive} left as it was" in err
    assert archive.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["archive.jsonl"]


@pytest.mark.skipif(shutil.which("normcheck") is None, reason="normcheck is not installed on PATH")
def test_installed_command_runs_two_jobs_on_the_seeds() -> None:
    finished = subprocess.run(
        ["normcheck", "check", str(REPO / "seeds"), "--jobs", "2", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 1
    articles = [path for path in (REPO / "seeds").iterdir() if path.suffix in (".md", ".txt")]
    assert json.loads(finished.stdout)["summary"]["files"] == len(articles)


def test_spawned_workers_as_on_macos_and_windows_give_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork is missing, workers are spawned and everything they get is pickled: the check context
    factory, the run options, the task. The report must be the one a single process gives."""
    _corpus(tmp_path / "articles", 60)
    serial = _run("check", str(tmp_path / "articles"), "--format", "json", "--jobs", "1", "--no-cache", *ISOLATED)
    monkeypatch.setattr(parallel, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    spawned = _run("check", str(tmp_path / "articles"), "--format", "json", "--jobs", "2", "--no-cache", *ISOLATED)
    assert spawned == serial
    assert json.loads(serial[1])["summary"]["files"] == 60
