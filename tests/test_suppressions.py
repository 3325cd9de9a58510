"""Suppression comments through the command line: reporting, selection, fixing stale ones."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from normcheck.cli import main

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ISOLATED = ["--isolated", "--no-default-gazetteer", "--gazetteer", TEST_GAZETTEER]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_stale_suppression_is_reported_and_fixed_away(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "Talks resumed.\n<!-- normcheck: disable-next-line NC101 -->\nTalks on Nagorno-Karabakh resumed.\n",
        encoding="utf-8",
    )
    code, out, _ = _run("check", str(path), "--format", "concise", *ISOLATED)
    assert code == 1
    assert out.splitlines() == [
        f"{path}:2:1: NC001 unused suppression: no NC101 finding here to disable-next-line [*]",
        "Found 1 finding (1 fixable with --fix).",
    ]
    code, out, _ = _run("check", str(path), "--format", "concise", "--fix", *ISOLATED)
    assert (code, out) == (0, "Fixed 1 finding in 1 file.\n")
    assert path.read_text(encoding="utf-8") == "Talks resumed.\nTalks on Nagorno-Karabakh resumed.\n"


def test_suppression_rules_can_be_ignored_and_explained(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("<!-- normcheck: disable NC101 -->\nTalks on Nagorno-Karabakh resumed.\n", encoding="utf-8")
    assert _run("check", str(path), *ISOLATED, "--ignore", "NC001")[0] == 0
    code, out, _ = _run("explain", "NC001")
    assert code == 0
    assert out.startswith("NC001 (unused-suppression)")
    code, out, _ = _run("rules")
    assert "NC002   invalid-suppression" in out
