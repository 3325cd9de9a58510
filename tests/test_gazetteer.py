"""Gazetteer loading and validation: every problem names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from normcheck.errors import GazetteerError
from normcheck.gazetteer import load_gazetteer, validate_paths

HEADER = "version: 1\nentities:\n"


def _write(tmp_path: Path, body: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("  - id: x\n    canonical: X\n    type: planet\n", 5, "'type' must be one of"),
        ("  - id: x\n    canonical: X\n    type: city\n    varients: [Y]\n", 6, "unknown key 'varients'"),
        ("  - id: x\n    type: city\n", 3, "entity is missing 'canonical'"),
        ("  - id: Bad Id\n    canonical: X\n    type: city\n", 3, "'id' must be lowercase"),
        (
            "  - id: x\n    canonical: X\n    type: city\n    variants: [[a]]\n",
            6,
            "'variants' must be a list of non-empty strings",
        ),
        ("  - id: x\n    canonical: X\n    type: city\n    variants: [X]\n", 3, '"X" is listed twice'),
        (
            "  - id: x\n    canonical: X\n    type: city\n  - id: x\n    canonical: Y\n    type: city\n",
            6,
            "id 'x' is used twice",
        ),
        ("  - id: x\n    canonical: X\n    type: city\n    fuzzy: maybe\n", 6, "'fuzzy' must be true or false"),
        ("  - id: x\n    canonical: [X\n", 5, "not valid YAML: while parsing a flow sequence (line 4)"),
    ],
)
def test_schema_errors_name_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(GazetteerError) as info:
        load_gazetteer([path])
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in info.value.message


def test_variant_of_one_entity_is_canonical_of_another(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  - id: a\n    canonical: Kyiv\n    type: city\n  - id: b\n    canonical: Kiev Oblast\n    type: region\n    variants: [Kyiv]\n",
    )
    with pytest.raises(GazetteerError, match="a fix would rewrite one entity's own name") as info:
        load_gazetteer([path])
    assert info.value.line == 6


def test_variant_claimed_twice_needs_ambiguous_in_both(tmp_path: Path) -> None:
    body = "  - id: a\n    canonical: A\n    type: city\n    variants: [Ay]\n  - id: b\n    canonical: B\n    type: city\n    variants: [Ay]\n"
    with pytest.raises(GazetteerError, match="list it under 'ambiguous' in both"):
        load_gazetteer([_write(tmp_path, body)])
    declared = body.replace("variants: [Ay]\n", "variants: [Ay]\n    ambiguous: [Ay]\n")
    assert len(load_gazetteer([_write(tmp_path, declared, "ok.yaml")]).entities) == 2


def test_later_files_override_by_id(tmp_path: Path) -> None:
    first = _write(tmp_path, "  - id: kyiv\n    canonical: Kyiv\n    type: city\n    variants: [Kiev]\n", "a.yaml")
    second = _write(tmp_path, "  - id: kyiv\n    canonical: Kiev\n    type: city\n", "b.yaml")
    gazetteer = load_gazetteer([first, second])
    assert [(e.id, e.canonical, e.variants) for e in gazetteer.entities] == [("kyiv", "Kiev", ())]


def test_top_level_problems(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(GazetteerError, match="empty gazetteer file"):
        load_gazetteer([empty])
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("version: 2\nentities: []\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="unsupported gazetteer 'version'"):
        load_gazetteer([wrong])
    with pytest.raises(GazetteerError, match="no such gazetteer file"):
        load_gazetteer([tmp_path / "missing.yaml"])
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(GazetteerError, match="not valid UTF-8"):
        load_gazetteer([binary])


def test_validate_collects_every_problem(tmp_path: Path) -> None:
    bad_type = _write(tmp_path, "  - id: x\n    canonical: X\n    type: planet\n", "a.yaml")
    bad_key = _write(tmp_path, "  - id: y\n    canonical: Y\n    type: city\n    colour: red\n", "b.yaml")
    problems, _ = validate_paths([bad_type, bad_key])
    assert [(p.path, p.line) for p in problems] == [(str(bad_type), 5), (str(bad_key), 6)]
