"""The date options of `normcheck check` and the publication date in the JSON report."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from normcheck.cli import main

NO_NAMES = ["--no-default-gazetteer", "--select", "NC2"]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_date_option_resolves_and_fixes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("On the 18th local time, the ministry said talks would resume.\n", encoding="utf-8")
    code, out, _ = _run("check", str(path), "--format", "concise", *NO_NAMES, "--date", "2020-11-19")
    assert code == 1
    assert out.splitlines() == [
        f'{path}:1:4: NC201 "the 18th" gives no month: 2020-11-18 (Wed), the latest such day on or before '
        'publication (2020-11-19, --date); write "Nov. 18" [unsafe fix]',
        f'{path}:1:13: NC207 "local time" after a date is a translation calque; no place is given: drop it [*]',
        "Found 2 findings (1 fixable with --fix, 1 more with --unsafe-fixes).",
    ]
    code, _, _ = _run(
        "check", str(path), "--format", "concise", *NO_NAMES, "--date", "2020-11-19", "--fix", "--unsafe-fixes"
    )
    assert (code, path.read_text(encoding="utf-8")) == (0, "On Nov. 18, the ministry said talks would resume.\n")


def test_date_style_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Trade grew on November 9th.\n", encoding="utf-8")
    _run("check", str(path), *NO_NAMES, "--date", "2020-11-19", "--date-style", "dmy", "--fix")
    assert path.read_text(encoding="utf-8") == "Trade grew on 9 November 2020.\n"


def test_bad_date_and_style_are_usage_errors(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks.\n", encoding="utf-8")
    code, _, err = _run("check", str(path), "--date", "19.11.2020")
    assert code == 2
    assert err == (
        "normcheck: error: --date: '19.11.2020' is not a date in the form YYYY-MM-DD (for example 2020-11-19)\n"
    )
    code, _, err = _run("check", str(path), "--date-style", "chicago")
    assert code == 2
    assert "unknown date style 'chicago' (known: ap, ap-weekday, dmy, iso)" in err


def test_json_reports_the_publication_date_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ndate: 2020-11-19T08:00:00+08:00\n---\nTalks resumed on the 9th.\n")
    (tmp_path / "b.md").write_text("MOSCOW, Nov. 19 (Xinhua) -- Talks resumed on the 9th.\n")
    (tmp_path / "2020-11-19-c.md").write_text("Talks resumed on the 9th.\n")
    (tmp_path / "d.md").write_text("Talks resumed on the 9th.\n")
    code, out, _ = _run("check", str(tmp_path), "--format", "json", *NO_NAMES)
    assert code == 1
    data = json.loads(out)
    anchors = {Path(entry["path"]).name: entry["publication_date"] for entry in data["files"]}
    assert anchors == {
        "2020-11-19-c.md": {"date": "2020-11-19", "source": "file-name", "text": "2020-11-19"},
        "a.md": {"date": "2020-11-19", "source": "front-matter", "text": "date: 2020-11-19 08:00:00+08:00"},
        "b.md": {
            "date": "--11-19",
            "source": "dateline",
            "text": "MOSCOW, Nov. 19 (Xinhua) --",
            "notes": ["the dateline gives no year: dates that need one are not resolved"],
        },
        "d.md": {"date": None, "source": "none", "text": None},
    }
    first = next(f for f in data["findings"] if Path(f["path"]).name == "a.md")
    assert first["extra"] == {
        "publication_date": "2020-11-19",
        "anchor_source": "front-matter",
        "resolved": "2020-11-09",
        "replacement": "Nov. 9",
    }
    code, out, _ = _run("check", str(tmp_path), "--format", "json", *NO_NAMES, "--date", "2020-11-20")
    assert {entry["publication_date"]["source"] for entry in json.loads(out)["files"]} == {"cli"}


def test_json_has_no_publication_date_when_no_date_rule_runs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Talks resumed on the 9th.\n")
    _, out, _ = _run("check", str(tmp_path), "--format", "json", "--no-default-gazetteer", "--select", "NC1")
    assert "publication_date" not in json.loads(out)["files"][0]


def test_fixing_the_seed_twice_gives_what_fixing_once_gave(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds" / "naka-ceasefire.md"
    path = tmp_path / "naka-ceasefire.md"
    path.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = _run("check", str(path), *NO_NAMES, "--fix", "--unsafe-fixes")
    assert (code, out) == (0, "Fixed 8 findings in 1 file.\n")
    once = path.read_text(encoding="utf-8")
    assert "On Nov. 18, in an interview" in once
    assert "In the interview on Nov. 18, Putin" in once
    code, out, _ = _run("check", str(path), *NO_NAMES, "--fix", "--unsafe-fixes")
    assert (code, out, path.read_text(encoding="utf-8")) == (0, "All clear: 1 file checked, no findings.\n", once)
