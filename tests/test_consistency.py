"""Cross-archive consistency: entity renderings over time, look-alike clusters, `gazetteer suggest`."""

from __future__ import annotations

import datetime
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from normcheck.checks.names import USAGE_SINK, cluster_lookalikes
from normcheck.cli import main
from normcheck.consistency import ArchiveTable, document_date, transliteration_compatible
from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.gazetteer import load_gazetteer, validate_paths
from normcheck.runner import run_checks

TEST_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.yaml"
ISOLATED = ["--no-default-gazetteer", "--gazetteer", str(TEST_GAZETTEER), "--select", "NC1"]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _write_archive(path: Path, records: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number, (date, text) in enumerate(records, start=1):
            handle.write(json.dumps({"id": f"s{number}", "date": date, "text": text}) + "\n")
    return path


RENDERINGS = [
    ("2019-03-02", "Fighting resumed in Naka on Tuesday, the relevant parties said."),
    ("2019-07-15", "Talks on Naka and the Lachin corridor stalled."),
    ("2020-10-01", "Armenia and Azerbaijan fought over Nagorno-Karabakh.\n\nNagorno-Karabakh was calm."),
    ("2021-01-20", "Refugees returned to Nagorno-Karabakh, officials disclosed."),
    ("2021-02-11", "Shelling hit Naqqa overnight, local time."),
    ("2021-05-05", "Sirens sounded in Kiev, the Ukrainian capital."),
]


def test_entity_renderings_with_counts_dates_examples_and_months(tmp_path: Path) -> None:
    archive = _write_archive(tmp_path / "desk.jsonl", RENDERINGS)
    code, out, _ = _run("report", str(archive), "--format", "json", *ISOLATED)
    assert code == 0
    data = json.loads(out)
    entities = {entity["id"]: entity for entity in data["entities"]}
    karabakh = entities["nagorno-karabakh"]
    assert (karabakh["total"], karabakh["off_style"]) == (6, 3)
    assert [(r["spelling"], r["status"], r["count"], r["articles"]) for r in karabakh["renderings"]] == [
        ("Nagorno-Karabakh", "canonical", 3, 2),
        ("Naka", "variant", 2, 2),
        ("Naqqa", "variant", 1, 1),
    ]
    naka = karabakh["renderings"][1]
    assert (naka["first"], naka["last"]) == ("2019-03-02", "2019-07-15")
    assert naka["examples"] == [f"{archive}#s1:1:21", f"{archive}#s2:1:10"]
    assert naka["months"] == {"2019-03": 1, "2019-07": 1}
    assert karabakh["renderings"][0]["months"] == {"2020-10": 2, "2021-01": 1}
    assert [r["spelling"] for r in entities["kyiv"]["renderings"]] == ["Kiev"]
    assert data["entities"][0]["id"] == "nagorno-karabakh"  # the most off-style occurrences first
    assert data["summary"] == {
        "articles": 6,
        "dated": 6,
        "findings": 4,
        "articles_with_findings": 4,
        "articles_listed": 4,
        "errors": 0,
    }
    assert data["totals"] == [{"code": "NC101", "rule": "name-variant", "count": 4}]


def test_report_text_shows_entities_spelled_more_than_one_way(tmp_path: Path) -> None:
    archive = _write_archive(tmp_path / "desk.jsonl", RENDERINGS)
    _, out, _ = _run("report", str(archive), *ISOLATED)
    lines = out.splitlines()
    assert lines[0] == "normcheck report: 6 articles (6 dated), 4 findings in 4 articles, 0 errors"
    assert "  NC101  name-variant                          4" in lines
    assert "Entities spelled more than one way (1 of 5 mentioned)" in lines
    assert "  Nagorno-Karabakh (region), 6 mentions" in lines
    assert (
        f"    Naka                     variant           2  2019-03-02 to 2019-07-15  {tmp_path}/desk.jsonl#s1:1:21"
        in lines
    )


LOOKALIKES = [
    # one village, two transliterations, and a derived adjective that is not a spelling of it
    ("2020-10-02", "Shelling hit Martuni overnight. Residents of Martuni fled to Stepanakert."),
    ("2020-10-03", "The hospital in Martuni was damaged, and Martunian farmers lost their harvest."),
    ("2020-10-04", "Evacuations from Martouni continued, officials in Martuni said."),
    ("2020-11-20", "Aid reached Martouni on Friday."),
    # two real countries no gazetteer here knows: letters close, names different
    ("2021-01-05", "Ministers from Austria met their counterparts from Australia in Vienna."),
    ("2021-01-06", "Trade between Austria and Australia grew, while Slovakia and Slovenia signed a pact."),
    # ordinary words: capitalised by a translator here and there, lower case in other stories
    ("2021-02-01", "The agreement called for a Ceasefire along the line, and a Ceasfire review."),
    ("2021-02-02", "The ceasefire held overnight."),
    ("2021-02-03", "A ceasefire was agreed on Monday."),
    ("2021-02-04", "Observers said the ceasefire was fragile."),
    ("2021-02-05", "Violations of the ceasefire were reported."),
    # misspellings of a gazetteer city the articles do not confirm: held back, never a new entity
    ("2021-03-01", "Talks in Vienne ended without a statement, the relevant parties disclosed."),
    ("2021-03-02", "Diplomats in Viena said the talks would resume."),
]


def test_suggest_proposes_lookalikes_but_no_confusers_or_ordinary_words(tmp_path: Path) -> None:
    archive = _write_archive(tmp_path / "desk.jsonl", LOOKALIKES)
    gazetteer = tmp_path / "small.yaml"
    gazetteer.write_text(
        "version: 1\nentities:\n"
        "  - {id: nagorno-karabakh, canonical: Nagorno-Karabakh, type: region, variants: [Naka]}\n"
        "  - {id: stepanakert, canonical: Stepanakert, type: city}\n"
        "  - {id: vienna, canonical: Vienna, type: city}\n"
        "  - {id: nigeria, canonical: Nigeria, type: country, related: [Nigerian]}\n",
        encoding="utf-8",
    )
    output = tmp_path / "suggested.yaml"
    code, _, err = _run(
        "gazetteer", "suggest", str(archive), "-o", str(output), "--no-default-gazetteer", "--gazetteer", str(gazetteer)
    )
    assert code == 0, err
    assert f"1 candidate entity written to {output}" in err
    text = output.read_text(encoding="utf-8")
    entities = yaml.safe_load(text)["entities"]
    assert entities == [{"id": "martuni", "canonical": "Martuni", "type": "other", "variants": ["Martouni"]}]
    assert f"  # Martuni: 4 in 3 articles, 2020-10-02 to 2020-10-04; e.g. {archive}#s1:1:14" in text
    assert f"  # Martouni: 2 in 2 articles, 2020-10-04 to 2020-11-20; e.g. {archive}#s3:1:18" in text
    assert '#   Viena (1): close to the gazetteer\'s "Vienna"' in text
    assert "#   Ceasefire (1): written in lower case in 4 articles" in text
    for word in ("Austria", "Australia", "Slovakia", "Slovenia", "Martunian"):
        assert f"- {word}" not in text
        assert f"[{word}" not in text
    # The suggestions are a valid gazetteer file on top of the one used.
    problems, count = validate_paths([gazetteer, output])
    assert (problems, count) == ([], 5)


def test_suggested_file_validates_over_the_default_gazetteer(tmp_path: Path) -> None:
    archive = _write_archive(tmp_path / "desk.jsonl", LOOKALIKES[:4])
    code, out, _ = _run("gazetteer", "suggest", str(archive))
    assert code == 0
    suggested = tmp_path / "suggested.yaml"
    suggested.write_text(out, encoding="utf-8")
    code, out, err = _run("gazetteer", "validate", str(suggested))
    assert (code, err) == (0, "")
    assert out.startswith("OK: ")


def test_suggest_with_nothing_to_propose_writes_an_empty_valid_file(tmp_path: Path) -> None:
    archive = _write_archive(tmp_path / "desk.jsonl", RENDERINGS)
    code, out, _ = _run("gazetteer", "suggest", str(archive), *ISOLATED)
    assert code == 0
    assert yaml.safe_load(out) == {"version": 1, "entities": []}


def test_same_report_for_one_and_two_jobs(tmp_path: Path) -> None:
    records = [(f"20{10 + n % 12}-0{1 + n % 9}-15", LOOKALIKES[n % len(LOOKALIKES)][1]) for n in range(90)]
    records += [(date, text) for date, text in RENDERINGS]
    archive = _write_archive(tmp_path / "desk.jsonl", records)
    outputs = [_run("report", str(archive), "--format", "json", "-j", jobs, *ISOLATED)[1] for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["articles"] == 96


def test_usage_sink_does_not_change_findings() -> None:
    text = "Residents of Martuni fled. The Martouni hospital was hit, Martuni officials said. Putin spoke of Naka."
    plain = CheckContext(load_gazetteer([TEST_GAZETTEER]))
    collecting = CheckContext(load_gazetteer([TEST_GAZETTEER]), options={USAGE_SINK: []})
    doc = parse_document(text, "a.txt")
    assert run_checks(doc, plain) == run_checks(doc, collecting)
    (usage,) = collecting.options[USAGE_SINK]  # type: ignore[misc]
    assert usage.mentions == (("vladimir-putin", "Putin", 82), ("nagorno-karabakh", "Naka", 97))
    assert usage.unknown == (("Martuni", 13, True), ("Martouni", 31, True), ("Martuni", 58, True))


def test_archive_tables_merge_in_any_grouping() -> None:
    context = CheckContext(load_gazetteer([TEST_GAZETTEER]), options={USAGE_SINK: []})
    tables = []
    for number, (date, text) in enumerate(RENDERINGS):
        doc = parse_document(text, f"{number}.txt")
        run_checks(doc, context)
        tables.append(ArchiveTable.of_document(doc.path, date, context.options[USAGE_SINK][-1], doc.line_col))  # type: ignore[index]
    one = ArchiveTable()
    for table in tables:
        one.merge(table)
    left, right = ArchiveTable(), ArchiveTable()
    for table in tables[:3]:
        left.merge(table)
    for table in tables[3:]:
        right.merge(table)
    left.merge(right)
    assert one == left


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-19", "2020-11-19"),
        ("2020-11-19T08:00:00Z", "2020-11-19"),
        (datetime.date(2021, 1, 2), "2021-01-02"),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_document_date(value: object, expected: str | None) -> None:
    assert document_date({"date": value}) == expected


def test_transliteration_compatible() -> None:
    assert transliteration_compatible("Martouni", "Martuni")
    assert transliteration_compatible("Kelbajar", "Kalbajar")
    assert transliteration_compatible("Stepanakert", "Stepanakerd")
    assert transliteration_compatible("Hadrut", "Gadrut")
    assert not transliteration_compatible("Austria", "Australia")
    assert not transliteration_compatible("Slovakia", "Slovenia")
    assert not transliteration_compatible("Drutmar", "Drutjar")


def test_cluster_lookalikes_is_the_name_checks_clustering() -> None:
    assert cluster_lookalikes(["Martuni", "Martouni", "Martunian", "Hadrut", "Gadrut", "Kiev"]) == [
        ["Gadrut", "Hadrut"],
        ["Martouni", "Martuni", "Martunian"],  # joined through "Martouni"; the archive split undoes it
    ]


def _has_workers(pid: int) -> bool:
    try:
        return bool(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the worker processes")
def test_ctrl_c_during_a_report_writes_what_was_surveyed_and_exits_130(tmp_path: Path) -> None:
    archive = _write_archive(tmp_path / "big.jsonl", [RENDERINGS[n % len(RENDERINGS)] for n in range(30_000)])
    html = tmp_path / "report.html"
    process = subprocess.Popen(
        [sys.executable, "-m", "normcheck", "report", str(archive), "--html", str(html), "-j", "2", *ISOLATED],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not _has_workers(process.pid):
        time.sleep(0.01)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    surveyed = int(re.search(r"interrupted after ([\d,]+) articles", err).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert 0 < surveyed < 30_000
    assert f"report written to {html}" in err
    data = json.loads(re.search(r'id="nc-data">(.*?)</script>', html.read_text(encoding="utf-8"), re.S).group(1))  # type: ignore[union-attr]
    assert data["summary"]["articles"] == surveyed
