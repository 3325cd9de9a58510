"""Baselines: an old archive starts clean, and only new problems are reported after edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cli import main

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ISOLATED = ["--isolated", "--no-default-gazetteer", "--gazetteer", TEST_GAZETTEER]
OLD = (
    "Talks on Naka resumed in the evening.\n\n"
    "The relevant parties in Kiev disclosed that a new round would follow.\n\n"
    "Prices of food and fuel rose sharply.\n"
)


def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(OLD, encoding="utf-8")
    code, _, err = _run("check", "archive", "--write-baseline", "normcheck-baseline.json", *ISOLATED, cwd=tmp_path)
    assert code == 0
    assert "wrote 2 findings to the baseline normcheck-baseline.json" in err
    return tmp_path


def test_baseline_file_records_findings(archive: Path) -> None:
    data = json.loads((archive / "normcheck-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["code"], e["text"], e["line"]) for e in data["findings"]] == [
        ("archive/old.md", "NC101", "Naka", 1),
        ("archive/old.md", "NC101", "Kiev", 3),
    ]


def test_baselined_archive_is_clean_and_survives_an_inserted_paragraph(archive: Path) -> None:
    assert _run("check", "archive", "--baseline", "normcheck-baseline.json", *ISOLATED, cwd=archive)[0] == 0
    article = archive / "archive" / "old.md"
    article.write_text(
        "UPDATE: adds reaction.\n\nOfficials welcomed the talks.\n\n"
        + OLD.replace("rose sharply", "rose sharply in March"),
        encoding="utf-8",
    )
    code, out, _ = _run("check", "archive", "--baseline", "normcheck-baseline.json", *ISOLATED, cwd=archive)
    assert (code, out) == (0, "All clear: 1 file checked, no findings.\n")


def test_only_new_problems_are_reported(archive: Path) -> None:
    article = archive / "archive" / "old.md"
    article.write_text(OLD + "\nA second Naka summit is planned.\n", encoding="utf-8")
    code, out, _ = _run(
        "check", "archive", "--format", "concise", "--baseline", "normcheck-baseline.json", *ISOLATED, cwd=archive
    )
    assert code == 1
    assert out.splitlines()[0] == 'archive/old.md:7:10: NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]'
    assert out.splitlines()[-1] == "Found 1 finding (1 fixable with --fix)."
    # Without the baseline all three are there.
    assert (
        _run("check", "archive", "--format", "concise", *ISOLATED, cwd=archive)[1]
        .splitlines()[-1]
        .startswith("Found 3 findings")
    )


def test_baseline_paths_are_relative_to_the_baseline_file(archive: Path) -> None:
    code, out, _ = _run(
        "check", "old.md", "--baseline", "../normcheck-baseline.json", *ISOLATED, cwd=archive / "archive"
    )
    assert (code, out) == (0, "All clear: 1 file checked, no findings.\n")


def test_baseline_errors(archive: Path) -> None:
    code, _, err = _run("check", "archive", "--baseline", "missing.json", *ISOLATED, cwd=archive)
    assert code == 2
    assert "missing.json: baseline file not found" in err
    (archive / "bad.json").write_text('{"version": 7}', encoding="utf-8")
    code, _, err = _run("check", "archive", "--baseline", "bad.json", *ISOLATED, cwd=archive)
    assert code == 2
    assert "not a normcheck baseline" in err
    code, _, err = _run("check", "archive", "--write-baseline", "b.json", "--fix", *ISOLATED, cwd=archive)
    assert code == 2
    assert "use it without --fix" in err
