"""The command line through click's runner, and a few real runs of the installed command."""

from __future__ import annotations

import codecs
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.cli import main

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ISOLATED = ["--no-default-gazetteer", "--gazetteer", TEST_GAZETTEER]
REPO = Path(__file__).resolve().parent.parent


def _run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def _article(tmp_path: Path, text: str, name: str = "a.md", data: bytes | None = None) -> Path:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_findings_exit_1_with_text_output_grouped_per_file(tmp_path: Path) -> None:
    path = _article(tmp_path, "Talks on Naka resumed.\n")
    code, out, _ = _run("check", str(path), *ISOLATED)
    assert code == 1
    assert out.splitlines() == [
        str(path),
        '  1:10  NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]',
        "",
        "Found 1 finding (1 fixable with --fix).",
    ]


def test_concise_output_is_one_clickable_line_per_finding(tmp_path: Path) -> None:
    path = _article(tmp_path, "Talks on Naka resumed.\n")
    code, out, _ = _run("check", str(path), "--format", "concise", *ISOLATED)
    assert code == 1
    assert out.splitlines() == [
        f'{path}:1:10: NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]',
        "Found 1 finding (1 fixable with --fix).",
    ]


def test_clean_file_exits_0(tmp_path: Path) -> None:
    path = _article(tmp_path, "Talks on Nagorno-Karabakh resumed.\n")
    code, out, _ = _run("check", str(path), *ISOLATED)
    assert (code, out) == (0, "All clear: 1 file checked, no findings.\n")


def test_json_output_contract(tmp_path: Path) -> None:
    path = _article(tmp_path, "---\ndate: 2020-11-19\n---\nTalks on Naka resumed.\n")
    code, out, _ = _run("check", str(path), "--format", "json", *ISOLATED)
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "findings": 1, "fixed": 0, "errors": 0}
    (finding,) = data["findings"]
    assert finding == {
        "path": str(path),
        "code": "NC101",
        "rule": "name-variant",
        "severity": "warning",
        "line": 4,
        "column": 10,
        "end_line": 4,
        "end_column": 14,
        "start": 34,
        "end": 38,
        "text": "Naka",
        "message": '"Naka" is a variant of "Nagorno-Karabakh"',
        "fix": {
            "applicability": "safe",
            "edits": [
                {
                    "start": 34,
                    "end": 38,
                    "line": 4,
                    "column": 10,
                    "end_line": 4,
                    "end_column": 14,
                    "replacement": "Nagorno-Karabakh",
                }
            ],
        },
        "extra": {"entity": "nagorno-karabakh", "canonical": "Nagorno-Karabakh", "replacement": "Nagorno-Karabakh"},
    }
    assert data["files"][0]["metadata"] == {"date": "2020-11-19"}


def test_fix_keeps_bom_and_crlf_and_reports(tmp_path: Path) -> None:
    path = _article(tmp_path, "", "a.txt", data=codecs.BOM_UTF8 + b"Naka talks.\r\nKiev reacted.\r\n")
    code, out, _ = _run("check", str(path), "--fix", *ISOLATED)
    assert path.read_bytes() == codecs.BOM_UTF8 + b"Nagorno-Karabakh talks.\r\nKyiv reacted.\r\n"
    assert (code, out) == (0, "Fixed 2 findings in 1 file.\n")


def test_fix_leaves_unsafe_and_reports_what_remains(tmp_path: Path) -> None:
    path = _article(tmp_path, "Sirens in Kyyiv, the Ukrainian capital. Naka talks.\n")
    code, out, _ = _run("check", str(path), "--fix", *ISOLATED)
    assert path.read_text() == "Sirens in Kyyiv, the Ukrainian capital. Nagorno-Karabakh talks.\n"
    assert code == 1
    assert out.splitlines()[-1] == "Fixed 1 finding in 1 file. Found 1 finding (1 more with --unsafe-fixes)."
    code, _, _ = _run("check", str(path), "--fix", "--unsafe-fixes", *ISOLATED)
    assert (code, path.read_text()) == (0, "Sirens in Kyiv, the Ukrainian capital. Nagorno-Karabakh talks.\n")


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = _article(tmp_path, "Naka talks.\n")
    code, out, _ = _run("check", str(path), "--diff", *ISOLATED)
    assert code == 1
    assert out == f"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-Naka talks.\n+Nagorno-Karabakh talks.\n"
    assert path.read_text() == "Naka talks.\n"


def test_stdin_check_and_fix() -> None:
    code, out, _ = _run("check", "-", "--format", "concise", *ISOLATED, input="Naka talks.\n")
    assert code == 1
    assert out.startswith('-:1:1: NC101 "Naka"')
    code, out, err = _run("check", "-", "--format", "concise", "--fix", *ISOLATED, input="Naka talks.\n")
    assert out == "Nagorno-Karabakh talks.\n"
    assert "Fixed 1 finding" in err


def test_select_and_ignore_by_prefix(tmp_path: Path) -> None:
    path = _article(tmp_path, "Putin spoke about Naka.\n", "a.txt")
    _, out, _ = _run("check", str(path), "--format", "concise", *ISOLATED, "--select", "NC104")
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["NC104"]
    _, out, _ = _run("check", str(path), "--format", "concise", *ISOLATED, "--ignore", "NC10", "--select", "NC101")
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["NC101"]
    code, _, err = _run("check", str(path), "--format", "concise", "--select", "NC999")
    assert code == 2
    assert "'NC999' matches no rule code" in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"bad \xff\n", "not valid UTF-8"),
        (b"\x00\x01\x02binary", "binary file"),
    ],
)
def test_unreadable_input_exit_2_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = _article(tmp_path, "", "a.txt", data=data)
    code, _, err = _run("check", str(path), *ISOLATED)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_the_summary_never_says_all_clear_when_a_file_could_not_be_checked(tmp_path: Path) -> None:
    good = _article(tmp_path, "The talks resumed in Geneva.\n", "good.txt")
    bad = _article(tmp_path, "", "bad.txt", data=b"bad \xff\n")
    code, out, _ = _run("check", str(good), str(bad), *ISOLATED)
    assert (code, out) == (
        2,
        "No findings in the 1 file checked. 1 input could not be checked (see the errors on stderr).\n",
    )
    code, out, _ = _run("check", str(good), str(bad), "--statistics", *ISOLATED)
    assert (code, out) == (2, "No findings.\n1 input could not be checked (see the errors on stderr).\n")


def test_empty_file_is_a_note(tmp_path: Path) -> None:
    path = _article(tmp_path, "", "a.txt")
    code, _, err = _run("check", str(path), *ISOLATED)
    assert code == 0
    assert "empty file, nothing to check" in err


def test_missing_path_and_bad_gazetteer(tmp_path: Path) -> None:
    code, _, err = _run("check", str(tmp_path / "nope.md"), *ISOLATED)
    assert code == 2
    assert "no such file" in err
    bad = tmp_path / "g.yaml"
    bad.write_text("version: 1\nentities:\n  - id: x\n    canonical: [X\n", encoding="utf-8")
    code, _, err = _run("check", str(tmp_path), "--no-default-gazetteer", "--gazetteer", str(bad))
    assert code == 2
    assert f"normcheck: error: {bad}:5: not valid YAML" in err


def test_folders_are_searched_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    _article(tmp_path, "Naka.\n", "sub/b.md")
    _article(tmp_path, "Naka.\n", "a.txt")
    _article(tmp_path, "Naka.\n", ".git/c.md")
    _article(tmp_path, "Naka.\n", "image.png")
    _, out, _ = _run("check", str(tmp_path), "--format", "concise", *ISOLATED)
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.md"),
    ]


def test_rules_explain_and_gazetteer_commands() -> None:
    code, out, _ = _run("rules")
    assert code == 0
    codes = [line.split()[0] for line in out.splitlines()[1:]]
    assert codes == sorted(codes)  # by code, whatever order the checks run in
    assert "NC101   name-variant                 safe/unsafe" in out  # safe unless the context had to choose
    assert "NC102   name-near-miss               unsafe" in out
    code, out, _ = _run("explain", "NC102")
    assert code == 0
    assert "Fix safety (unsafe)" in out
    assert "Fix safety (safe/unsafe)" in _run("explain", "NC201")[1]
    listed = json.loads(_run("rules", "--format", "json")[1])
    assert [(rule["code"], rule["fix"], rule["fix_varies"]) for rule in listed[2:4]] == [
        ("NC101", "safe", True),
        ("NC102", "unsafe", False),
    ]
    code, _, err = _run("explain", "NC999")
    assert code == 2
    assert "unknown rule" in err
    code, out, _ = _run("gazetteer", "lookup", "Naqqa", *ISOLATED)
    assert code == 0
    assert 'a variant, fixed to "Nagorno-Karabakh"' in out
    code, out, _ = _run("gazetteer", "lookup", "Kyyiv", *ISOLATED)
    assert code == 0
    assert '100.0  "Kyiv"' in out
    code, out, _ = _run("gazetteer", "validate", TEST_GAZETTEER, "--no-default-gazetteer")
    assert code == 0
    assert out.startswith("OK: 15 entities")


def test_version() -> None:
    from normcheck import __version__

    code, out, _ = _run("--version")
    assert code == 0
    assert __version__ in out


@pytest.mark.skipif(shutil.which("normcheck") is None, reason="normcheck is not installed on PATH")
def test_installed_command_runs_on_the_seeds() -> None:
    proc = subprocess.run(
        ["normcheck", "check", str(REPO / "seeds" / "naka-ceasefire.md")], capture_output=True, text=True, cwd="/"
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.count("NC101") >= 16
    assert "Traceback" not in proc.stderr


def test_module_entry_point() -> None:
    proc = subprocess.run([sys.executable, "-m", "normcheck", "rules"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "NC101" in proc.stdout


def test_unknown_encoding_is_a_usage_error_said_once(tmp_path: Path) -> None:
    _article(tmp_path, "Naka.\n", "a.md")
    _article(tmp_path, "Naka.\n", "b.md")
    code, _, err = _run("check", str(tmp_path), "--encoding", "nosuch", *ISOLATED)
    assert code == 2
    assert err == "normcheck: error: --encoding: unknown encoding 'nosuch'\n"


def test_folder_without_articles_is_a_warning(tmp_path: Path) -> None:
    code, out, err = _run("check", str(tmp_path), *ISOLATED)
    assert code == 0
    assert f"found in {tmp_path}" in err
    assert out == "All clear: 0 files checked, no findings.\n"


def test_internal_errors_are_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from normcheck import cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.delenv("NORMCHECK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        cli.entry_point()
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("normcheck: internal error: RuntimeError: boom (set NORMCHECK_DEBUG=1")
