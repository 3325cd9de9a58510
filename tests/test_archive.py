"""JSON Lines archives: records located by id and offset, byte-faithful fixing, malformed lines copied through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normcheck.archive import RecordFields, RecordLine, decode_record, fixed_archive_path, replace_text_field
from normcheck.cli import main
from normcheck.errors import InputError

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ISOLATED = ["--no-default-gazetteer", "--gazetteer", TEST_GAZETTEER, "--select", "NC1", "--no-cache"]

ARCHIVE_LINES = [
    '{"id": "a-1", "date": "2020-11-10", "title": "Truce", "text": "Talks on Naka resumed.", "tags": ["caucasus"]}\n',
    '{"id":"a-2","date":"2021-03-02","text":"Nothing to fix in Kyiv.","views":1.50e3}\n',
    "\n",
    '{"id": "a-3", "text": "broken\n',
    '["a", "list"]\n',
    '{"id": "a-4", "body": "no text field"}\n',
    '{"title": "Caf\\u00e9 owners in Naqqa", "text": "Caf\\u00e9 owners in Naqqa said\\nKiev was far.", "id": 5}\r\n',
]
FIXED_LINES = [
    '{"id": "a-1", "date": "2020-11-10", "title": "Truce", "text": "Talks on Nagorno-Karabakh resumed.", "tags": ["caucasus"]}\n',
    ARCHIVE_LINES[1],
    ARCHIVE_LINES[2],
    ARCHIVE_LINES[3],
    ARCHIVE_LINES[4],
    ARCHIVE_LINES[5],
    '{"title": "Caf\\u00e9 owners in Naqqa", "text": "Caf\\u00e9 owners in Nagorno-Karabakh said\\nKyiv was far.", "id": 5}\r\n',
]


def _archive(tmp_path: Path, lines: list[str] = ARCHIVE_LINES, name: str = "archive.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes("".join(lines).encode("utf-8"))
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_findings_point_at_record_id_and_offset_in_its_text(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    code, out, err = _run("check", str(archive), "--format", "concise", *ISOLATED)
    assert code == 2
    assert out.splitlines() == [
        f'{archive}#a-1:1:10: NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]',
        f'{archive}#5:1:16: NC101 "Naqqa" is a variant of "Nagorno-Karabakh" [*]',
        f'{archive}#5:2:1: NC101 "Kiev" is a variant of "Kyiv" [*]',
        "Found 3 findings (3 fixable with --fix). 3 inputs could not be checked (see the errors on stderr).",
    ]
    assert err.splitlines() == [
        f"normcheck: error: {archive}:4: malformed record: Unterminated string starting at (column 23); copied unchanged",
        f"normcheck: error: {archive}:5: malformed record: a list, not a JSON object; copied unchanged",
        f"normcheck: error: {archive}:6: record has no 'text' field (choose the field with --text-field); copied unchanged",
    ]


def test_json_output_carries_record_offsets_and_metadata(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    _, out, _ = _run("check", str(archive), "--format", "json", *ISOLATED)
    data = json.loads(out)
    first = data["findings"][0]
    assert (first["path"], first["start"], first["end"], first["text"]) == (f"{archive}#a-1", 9, 13, "Naka")
    assert data["files"][0]["metadata"] == {"line": "1", "id": "a-1", "date": "2020-11-10"}
    assert data["files"][2]["metadata"] == {"line": "7", "id": "5"}
    assert [(error["path"], error["line"]) for error in data["errors"]] == [
        (str(archive), 4),
        (str(archive), 5),
        (str(archive), 6),
    ]


def test_fix_writes_a_new_archive_keeping_other_fields_order_and_bad_lines(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    code, out, err = _run("check", str(archive), "--fix", *ISOLATED)
    assert code == 2  # the malformed lines are still input errors
    assert archive.read_bytes() == "".join(ARCHIVE_LINES).encode("utf-8")  # the original is untouched
    fixed = tmp_path / "archive.fixed.jsonl"
    assert fixed.read_bytes().decode("utf-8").splitlines(keepends=True) == FIXED_LINES
    assert f"normcheck: {archive}: 2 records fixed, written to {fixed}" in err
    assert (
        out.splitlines()[-1] == "Fixed 3 findings in 2 files. 3 inputs could not be checked (see the errors on stderr)."
    )
    # Fixing the fixed archive changes nothing more.
    code, out, _ = _run("check", str(fixed), "--fix", *ISOLATED)
    assert (tmp_path / "archive.fixed.fixed.jsonl").read_bytes() == fixed.read_bytes()


def test_fix_in_place_replaces_the_archive_and_keeps_its_mode(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    archive.chmod(0o640)
    code, _, err = _run("check", str(archive), "--fix", "--in-place", *ISOLATED)
    assert code == 2
    assert archive.read_bytes().decode("utf-8").splitlines(keepends=True) == FIXED_LINES
    assert archive.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive.jsonl"]
    code, _, err = _run("check", str(archive), "--fix", "--in-place", *ISOLATED)
    assert f"{archive}: nothing to fix, left as it was" in err


def test_in_place_without_fix_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run("check", str(_archive(tmp_path)), "--in-place", *ISOLATED)
    assert code == 2
    assert "--in-place only goes with --fix" in err


def test_diff_shows_record_changes_and_writes_nothing(tmp_path: Path) -> None:
    archive = _archive(tmp_path, ARCHIVE_LINES[:1])
    code, out, _ = _run("check", str(archive), "--diff", *ISOLATED)
    assert code == 1
    assert out == (
        f"--- a/{archive}#a-1\n+++ b/{archive}#a-1\n@@ -1 +1 @@\n-Talks on Naka resumed.\n"
        "\\ No newline at end of file\n+Talks on Nagorno-Karabakh resumed.\n\\ No newline at end of file\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive.jsonl"]


def test_custom_field_names(tmp_path: Path) -> None:
    archive = _archive(tmp_path, ['{"uid": 9, "published": "2019-01-01", "body": "Naka again."}\n'], "cms.ndjson")
    code, out, _ = _run(
        "check", str(archive), "--text-field", "body", "--id-field", "uid", "--date-field", "published",
        "--format", "json", *ISOLATED,
    )  # fmt: skip
    data = json.loads(out)
    assert code == 1
    assert data["files"][0] == {
        "path": f"{archive}#9",
        "findings": 1,
        "fixed": 0,
        "notes": [],
        "metadata": {"line": "1", "id": "9", "date": "2019-01-01"},
        "record": {"date": "2019-01-01", "id": "9", "line": 1},
    }


def test_record_without_id_is_named_by_its_line(tmp_path: Path) -> None:
    archive = _archive(tmp_path, ["\n", '{"text": "Naka."}\n'])
    _, out, _ = _run("check", str(archive), "--format", "concise", *ISOLATED)
    assert out.splitlines()[0] == f'{archive}#line-2:1:1: NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]'


def test_missing_archive_is_an_error(tmp_path: Path) -> None:
    code, _, err = _run("check", str(tmp_path / "gone.jsonl"), *ISOLATED)
    assert code == 2
    assert err == f"normcheck: error: {tmp_path / 'gone.jsonl'}: no such file\n"


def _line(raw: bytes, number: int = 1, fields: RecordFields | None = None) -> RecordLine:
    return RecordLine("a.jsonl", number, raw, fields or RecordFields())


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"text": "a"', "malformed record: Expecting ',' delimiter (column 13); copied unchanged"),
        (b'"just a string"\n', "malformed record: a str, not a JSON object; copied unchanged"),
        (
            b'{"text": 5}\n',
            "record has a non-string (int) 'text' field (choose the field with --text-field); copied unchanged",
        ),
        (b'{"text": "caf\xe9"}\n', "malformed record: not valid UTF-8 (byte 0xe9 at column 14); copied unchanged"),
    ],
)
def test_malformed_lines_are_errors_with_their_line_number(raw: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_record(_line(raw, 42))
    assert (caught.value.path, caught.value.line, caught.value.message) == ("a.jsonl", 42, message)


def test_decode_record_reads_bom_id_and_date() -> None:
    record = decode_record(_line(b'\xef\xbb\xbf{"id": 3, "date": "2022-02-24", "text": "Kiev"}\r\n'))
    assert record is not None
    assert (record.text, record.id, record.date, record.display_path) == ("Kiev", "3", "2022-02-24", "a.jsonl#3")
    assert decode_record(_line(b"   \n")) is None


def test_replace_text_field_touches_only_that_value() -> None:
    raw = b'{ "text" : "old", "meta": {"text": "nested"}, "n": 1.0e3, "s": "a\\/b" }\r\n'
    assert replace_text_field(raw, "text", 'new "quoted"\n') == (
        b'{ "text" : "new \\"quoted\\"\\n", "meta": {"text": "nested"}, "n": 1.0e3, "s": "a\\/b" }\r\n'
    )


def test_replace_text_field_keeps_the_escaping_style_and_bom() -> None:
    escaped = '\ufeff{"text": "Caf\\u00e9 Naka"}\n'.encode()
    assert replace_text_field(escaped, "text", "Café Nagorno-Karabakh", first_line=True) == (
        '\ufeff{"text": "Caf\\u00e9 Nagorno-Karabakh"}\n'.encode()
    )
    raw = '{"text": "Café Naka"}'.encode()
    assert replace_text_field(raw, "text", "Café Nagorno-Karabakh") == '{"text": "Café Nagorno-Karabakh"}'.encode()


def test_a_repeated_key_is_read_and_written_as_its_last_value() -> None:
    raw = b'{"text": "first", "text": "Naka"}\n'
    record = decode_record(_line(raw))
    assert record is not None
    assert record.text == "Naka"
    assert replace_text_field(raw, "text", "Nagorno-Karabakh") == b'{"text": "first", "text": "Nagorno-Karabakh"}\n'


def test_fixed_archive_path() -> None:
    assert fixed_archive_path("x/cms.jsonl", in_place=False) == Path("x/cms.fixed.jsonl")
    assert fixed_archive_path("x/cms.jsonl", in_place=True) == Path("x/cms.jsonl")
