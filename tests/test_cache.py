"""The result cache: hits on unchanged files, misses on changed content, config or gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cache import ResultCache
from normcheck.cli import _context_factory, main
from normcheck.config import ConfigResolver
from normcheck.parallel import OrderedPool
from normcheck.runner import RunOptions, discover, run

TEST_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.yaml"


def _check(root: Path, cache: ResultCache) -> list[tuple[str, str, int, int, str]]:
    options = RunOptions(resolver=ConfigResolver(), cache=cache)
    results = list(run(discover([str(root / "articles")]), _context_factory(), options))
    return [(r.path, f.code, f.start, f.end, f.severity.value) for r in results for f in r.findings]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    gazetteer = tmp_path / "names.yaml"
    gazetteer.write_text(TEST_GAZETTEER.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".normcheck.yaml").write_text("default-gazetteer: false\ngazetteer: [names.yaml]\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("Talks on Naka resumed.\n", encoding="utf-8")
    (tmp_path / "articles" / "b.html").write_text("<p>Kiev <b>agreed</b>.</p>\n", encoding="utf-8")
    (tmp_path / "articles" / "c.txt").write_text("Putin spoke.\n", encoding="utf-8")
    return tmp_path


def test_second_run_hits_and_gives_the_same_findings(root: Path) -> None:
    folder = root / "cache"
    first_cache = ResultCache(folder)
    first = _check(root, first_cache)
    assert (first_cache.hits, first_cache.misses) == (0, 3)
    assert len(first) == 3
    second_cache = ResultCache(folder)
    assert _check(root, second_cache) == first
    assert (second_cache.hits, second_cache.misses) == (3, 0)
    assert (
        (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_changed_content_is_a_miss_for_that_file_only(root: Path) -> None:
    folder = root / "cache"
    _check(root, ResultCache(folder))
    (root / "articles" / "a.md").write_text("Talks on Naka resumed. Kiev agreed.\n", encoding="utf-8")
    cache = ResultCache(folder)
    findings = _check(root, cache)
    assert (cache.hits, cache.misses) == (2, 1)
    assert [f[1] for f in findings if f[0].endswith("a.md")] == ["NC101", "NC101"]


def test_changed_config_or_gazetteer_invalidates(root: Path) -> None:
    folder = root / "cache"
    _check(root, ResultCache(folder))
    (root / ".normcheck.yaml").write_text(
        "default-gazetteer: false\ngazetteer: [names.yaml]\nseverity: {NC101: error}\n", encoding="utf-8"
    )
    cache = ResultCache(folder)
    findings = _check(root, cache)
    assert (cache.hits, cache.misses) == (0, 3)
    assert {f[4] for f in findings if f[1] == "NC101"} == {"error"}
    # The gazetteer no longer lists "Naka" as a variant: every file is a miss, and the finding is gone.
    gazetteer = root / "names.yaml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("[Naka, Naqqa,", "[Naqqa,"), encoding="utf-8")
    cache = ResultCache(folder)
    findings = _check(root, cache)
    assert (cache.hits, cache.misses) == (0, 3)
    assert [f[1] for f in findings if f[0].endswith("a.md")] == []


def test_cli_no_cache_and_cache_dir(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.delenv("NORMCHECK_CACHE_DIR")
    runner = CliRunner()
    first = runner.invoke(main, ["check", "articles", "--format", "json", "--no-cache"])
    assert not (root / ".normcheck_cache").exists()
    runner.invoke(main, ["check", "articles"])
    assert (root / ".normcheck_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    again = runner.invoke(main, ["check", "articles", "--format", "json"])
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert again.exit_code == first.exit_code == 1


def test_cached_articles_are_answered_without_starting_workers(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --jobs 2, a run over unchanged articles starts no worker process: the main process answers from
    the cache (shipping cached results back from workers cost more than the lookup). One changed article
    starts the pool again, and every run prints the same report."""
    monkeypatch.chdir(root)
    monkeypatch.delenv("NORMCHECK_CACHE_DIR")
    for number in range(60):  # more than the pool's serial threshold
        (root / "articles" / f"n{number:02d}.md").write_text(f"Talks {number} on Naka resumed.\n", encoding="utf-8")
    starts: list[int] = []
    original_start = OrderedPool._start

    def counted_start(pool: OrderedPool[object]) -> None:
        starts.append(pool.jobs)
        original_start(pool)

    monkeypatch.setattr(OrderedPool, "_start", counted_start)
    command = ["check", "articles", "--jobs", "2", "--format", "json"]
    first = CliRunner().invoke(main, command)
    assert starts == [2]
    second = CliRunner().invoke(main, command)
    assert starts == [2]
    assert json.loads(second.stdout) == json.loads(first.stdout)
    (root / "articles" / "n07.md").write_text("Talks on Nagorno-Karabakh resumed.\n", encoding="utf-8")
    third = CliRunner().invoke(main, command)
    assert starts == [2, 2]
    files = {entry["path"]: entry for entry in json.loads(third.stdout)["files"]}
    assert (files["articles/n07.md"]["findings"], files["articles/n06.md"]["findings"], len(files)) == (0, 1, 63)
