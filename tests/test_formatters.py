"""Every output format on the same articles: exact lines where a CI tool parses them, schemas where they exist."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from normcheck.cli import main
from normcheck.document import parse_document
from normcheck.finding import Applicability, Edit, Finding, Fix, Severity
from normcheck.fixer import SkippedFix
from normcheck.formatters import FORMATTERS, OutputOptions
from normcheck.runner import FileResult

DATA = Path(__file__).parent / "data"
ISOLATED = ["--isolated", "--no-default-gazetteer", "--gazetteer", str(DATA / "gazetteer.yaml")]
ARTICLE = "Putin spoke about Naka.\n\nKiev, the agency said, agreed. Prices rose.\n"


def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "desk" / "clean.md").write_text("Talks on Nagorno-Karabakh resumed.\n", encoding="utf-8")
    return tmp_path


def test_sarif_is_valid_against_the_official_schema(repo: Path) -> None:
    code, out, _ = _run("check", "desk", "--format", "sarif", *ISOLATED, cwd=repo)
    assert code == 1
    log = json.loads(out)
    schema = json.loads((DATA / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)  # raises with the failing path if invalid
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "Why:" in rules["NC101"]["help"]["text"]
    assert rules["NC104"]["defaultConfiguration"] == {"level": "note"}
    variant = next(r for r in run["results"] if r["ruleId"] == "NC101" and r["message"]["text"].startswith('"Naka"'))
    assert run["tool"]["driver"]["rules"][variant["ruleIndex"]]["id"] == "NC101"
    location = variant["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "desk/a.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 19,
        "endLine": 1,
        "endColumn": 23,
        "snippet": {"text": "Naka"},
    }
    assert variant["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 19, "endLine": 1, "endColumn": 23},
            "insertedContent": {"text": "Nagorno-Karabakh"},
        }
    ]
    assert len(variant["partialFingerprints"]["normcheckFingerprint/v1"]) == 32


def test_sarif_with_an_unreadable_file_is_still_valid(repo: Path) -> None:
    (repo / "desk" / "bad.txt").write_bytes(b"bad \xff\n")
    code, out, _ = _run("check", "desk", "--format", "sarif", *ISOLATED, cwd=repo)
    assert code == 2
    log = json.loads(out)
    schema = json.loads((DATA / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_annotations_exactly(repo: Path) -> None:
    odd = repo / "desk" / "odd, name: 1.md"
    odd.write_text("Talks on Naka resumed.\n", encoding="utf-8")
    code, out, _ = _run("check", "desk", "--format", "github", *ISOLATED, cwd=repo)
    assert code == 1
    assert out.splitlines() == [
        "::notice file=desk/a.md,line=1,col=1,endLine=1,endColumn=6,title=NC104 (person-short-first-mention)"
        '::first mention of Vladimir Putin uses the short form "Putin"; give the full name',
        "::warning file=desk/a.md,line=1,col=19,endLine=1,endColumn=23,title=NC101 (name-variant)"
        '::"Naka" is a variant of "Nagorno-Karabakh"',
        "::warning file=desk/a.md,line=3,col=1,endLine=3,endColumn=5,title=NC101 (name-variant)"
        '::"Kiev" is a variant of "Kyiv"',
        "::warning file=desk/odd%2C name%3A 1.md,line=1,col=10,endLine=1,endColumn=14,title=NC101 (name-variant)"
        '::"Naka" is a variant of "Nagorno-Karabakh"',
    ]


def _gitlab(repo: Path) -> list[dict[str, object]]:
    code, out, _ = _run("check", "desk", "--format", "gitlab", *ISOLATED, cwd=repo)
    assert code == 1
    issues: list[dict[str, object]] = json.loads(out)
    return issues


def test_gitlab_fingerprints_are_unique_and_stable_across_line_shifts(repo: Path) -> None:
    before = _gitlab(repo)
    assert [(i["check_name"], i["location"]) for i in before] == [
        ("NC104", {"path": "desk/a.md", "lines": {"begin": 1, "end": 1}}),
        ("NC101", {"path": "desk/a.md", "lines": {"begin": 1, "end": 1}}),
        ("NC101", {"path": "desk/a.md", "lines": {"begin": 3, "end": 3}}),
    ]
    assert before[1]["severity"] == "minor"
    assert len({i["fingerprint"] for i in before}) == 3
    # A new paragraph above, an edit in another sentence: every old issue keeps its fingerprint.
    article = repo / "desk" / "a.md"
    article.write_text(
        "Vladimir Putin arrived in the morning.\n\n" + ARTICLE.replace("Prices rose.", "Fuel prices rose sharply."),
        encoding="utf-8",
    )
    after = _gitlab(repo)
    assert [i["location"]["lines"]["begin"] for i in after] == [3, 5]  # type: ignore[index]
    assert [i["fingerprint"] for i in after] == [before[1]["fingerprint"], before[2]["fingerprint"]]


def test_jsonl_lines_are_the_json_records(repo: Path) -> None:
    _, out, _ = _run("check", "desk", "--format", "jsonl", *ISOLATED, cwd=repo)
    _, full, _ = _run("check", "desk", "--format", "json", *ISOLATED, cwd=repo)
    assert [json.loads(line) for line in out.splitlines()] == json.loads(full)["findings"]
    assert len(out.splitlines()) == 3


def test_junit_suites_per_file(repo: Path) -> None:
    (repo / "desk" / "bad.txt").write_bytes(b"bad \xff\n")
    code, out, _ = _run("check", "desk", "--format", "junit", *ISOLATED, cwd=repo)
    assert code == 2
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"desk/a.md", "desk/bad.txt", "desk/clean.md"}
    failures = suites["desk/a.md"].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["NC104", "NC101", "NC101"]
    assert failures[1].text == 'desk/a.md:1:19: NC101 (name-variant) "Naka" is a variant of "Nagorno-Karabakh"'
    assert suites["desk/clean.md"].find("testcase/failure") is None
    assert suites["desk/bad.txt"].find("testcase/error") is not None


def test_text_groups_findings_under_each_file_with_aligned_positions(repo: Path) -> None:
    (repo / "desk" / "b.md").write_text("Agreed.\n" * 11 + "In Kiev.\n", encoding="utf-8")
    code, out, _ = _run("check", "desk", *ISOLATED, cwd=repo)
    assert code == 1
    assert out.splitlines() == [
        "desk/a.md",
        '  1:1   NC104 first mention of Vladimir Putin uses the short form "Putin"; give the full name [unsafe fix]',
        '  1:19  NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]',
        '  3:1   NC101 "Kiev" is a variant of "Kyiv" [*]',
        "",
        "desk/b.md",
        '  12:4  NC101 "Kiev" is a variant of "Kyiv" [*]',
        "",
        "Found 4 findings (3 fixable with --fix, 1 more with --unsafe-fixes).",
    ]
    _, concise, _ = _run("check", "desk", "--format", "concise", *ISOLATED, cwd=repo)
    assert concise.splitlines()[1:] == [
        'desk/a.md:1:19: NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]',
        'desk/a.md:3:1: NC101 "Kiev" is a variant of "Kyiv" [*]',
        'desk/b.md:12:4: NC101 "Kiev" is a variant of "Kyiv" [*]',
        "Found 4 findings (3 fixable with --fix, 1 more with --unsafe-fixes).",
    ]


def test_text_colour_only_when_asked_or_on_a_terminal(repo: Path) -> None:
    _, plain, _ = _run("check", "desk/a.md", *ISOLATED, cwd=repo)
    assert "\033[" not in plain
    assert plain.splitlines()[0] == "desk/a.md"
    assert plain.splitlines()[-1] == "Found 3 findings (2 fixable with --fix, 1 more with --unsafe-fixes)."
    _, coloured, _ = _run("check", "desk/a.md", "--color", "always", *ISOLATED, cwd=repo)
    assert "\033[1mdesk/a.md\033[0m" in coloured
    assert "\033[1m\033[33mNC101\033[0m" in coloured


def test_statistics(repo: Path) -> None:
    code, out, _ = _run("check", "desk", "--statistics", *ISOLATED, cwd=repo)
    assert code == 1
    assert out.splitlines() == [
        "     2  NC101   [*]  name-variant",
        "     1  NC104   [-]  person-short-first-mention",
        "Found 3 findings in 1 file ([*] fixable with --fix, [-] with --unsafe-fixes).",
    ]
    _, out, _ = _run("check", "desk", "--statistics", "--format", "json", *ISOLATED, cwd=repo)
    assert json.loads(out)[0] == {"code": "NC101", "name": "name-variant", "count": 2, "fix": "safe"}
    code, _, err = _run("check", "desk", "--statistics", "--format", "sarif", *ISOLATED, cwd=repo)
    assert code == 2
    assert "--statistics works with --format text or json" in err


def test_text_lists_an_overlapping_fix_left_out_under_its_file() -> None:
    doc = parse_document("Talks on Naka resumed.\n", "a.md")
    fix = Fix((Edit(9, 13, "Nagorno-Karabakh"),), Applicability.SAFE)
    kept = Finding("NC101", "name-variant", Severity.WARNING, 9, 13, "kept", fix)
    dropped = Finding("NC102", "name-near-miss", Severity.WARNING, 9, 13, "dropped", fix)
    result = FileResult("a.md", doc, (kept,), skipped_fixes=(SkippedFix(dropped, kept),))
    grouped, concise = io.StringIO(), io.StringIO()
    FORMATTERS["text"]([result], grouped, OutputOptions())
    FORMATTERS["concise"]([result], concise, OutputOptions())
    assert grouped.getvalue().splitlines()[:3] == [
        "a.md",
        "  1:10  NC101 kept [*]",
        "  1:10  note: fix for NC102 not applied: it overlaps the fix for NC101; run again to apply it",
    ]
    assert concise.getvalue().splitlines()[1] == (
        "a.md:1:10: note: fix for NC102 not applied: it overlaps the fix for NC101; run again to apply it"
    )
