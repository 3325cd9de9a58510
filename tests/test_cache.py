"""The result cache: hits on unchanged files, misses on changed content, config or gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from normcheck import batch
from normcheck.cache import ResultCache, _finding_from_row, _finding_row
from normcheck.cli import ContextFactory, main
from normcheck.config import ConfigResolver
from normcheck.finding import Applicability, Edit, Finding, Fix, Severity
from normcheck.runner import CacheHit, RunOptions, discover, run

TEST_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.yaml"


def _check(root: Path, cache: ResultCache) -> list[tuple[str, str, int, int, str]]:
    options = RunOptions(resolver=ConfigResolver(), cache=cache)
    results = list(run(discover([str(root / "articles")]), ContextFactory(), options))
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


def test_workers_send_cache_hits_unread_and_the_report_is_the_same(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --jobs 2, workers read and hash unchanged articles and send the cache entries' bytes; the main
    process decodes them (shipping finished results back cost more). A changed article is checked again,
    and every run prints the same report whatever the number of jobs."""
    monkeypatch.chdir(root)
    monkeypatch.delenv("NORMCHECK_CACHE_DIR")
    for number in range(60):  # more than the pool's serial threshold
        (root / "articles" / f"n{number:02d}.md").write_text(f"Talks {number} on Naka resumed.\n", encoding="utf-8")
    decoded: list[str] = []
    original = batch.result_from_hit

    def counted(hit: CacheHit, *args: Any) -> Any:
        decoded.append(hit.path)
        return original(hit, *args)

    monkeypatch.setattr(batch, "result_from_hit", counted)
    command = ["check", "articles", "--jobs", "2", "--format", "json"]
    first = CliRunner().invoke(main, command)
    assert decoded == []
    second = CliRunner().invoke(main, command)
    assert len(decoded) == 63
    assert json.loads(second.stdout) == json.loads(first.stdout)
    (root / "articles" / "n07.md").write_text("Talks on Nagorno-Karabakh resumed.\n", encoding="utf-8")
    decoded.clear()
    third = CliRunner().invoke(main, command)
    assert len(decoded) == 62
    assert "articles/n07.md" not in decoded
    files = {entry["path"]: entry for entry in json.loads(third.stdout)["files"]}
    assert (files["articles/n07.md"]["findings"], files["articles/n06.md"]["findings"], len(files)) == (0, 1, 63)
    serial = CliRunner().invoke(main, ["check", "articles", "--jobs", "1", "--format", "json"])
    assert json.loads(serial.stdout) == json.loads(third.stdout)


def test_cached_findings_rebuild_equal_to_the_originals() -> None:
    """The cache rebuilds findings without __init__: every field (fix edits, enums, extra) must come back."""
    fix = Fix((Edit(3, 7, "Kyiv"), Edit(9, 10, "")), Applicability.UNSAFE)
    for finding in (
        Finding("NC101", "name-variant", Severity.WARNING, 3, 7, "m", fix, {"canonical": "Kyiv"}),
        Finding("NC301", "vague-attribution", Severity.INFO, 0, 2, "n"),
    ):
        rebuilt = _finding_from_row(_finding_row(finding))
        assert rebuilt == finding
        assert (rebuilt.extra, rebuilt.fix) == (finding.extra, finding.fix)
        assert vars(rebuilt) == vars(finding)
