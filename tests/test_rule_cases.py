"""Runs every rule case file under tests/cases: exact findings and exact fixed text."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from normcheck.checks import CHECKS
from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.fixer import allowed_applicabilities, apply_fixes
from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer
from normcheck.rules import RuleSelection
from normcheck.runner import check_document

CASES_DIR = Path(__file__).parent / "cases"
TEST_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.yaml"


def _family_codes(stem: str) -> list[str]:
    """A case file named after a check (names.yaml, dates.yaml) runs that check's rules unless a case selects."""
    for check in CHECKS:
        if check.name == stem:
            return [rule.code for rule in check.rules]
    return ["NC"]


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]:
            case.setdefault("select", _family_codes(file.stem))
            params.append(pytest.param(case, id=f"{file.stem}: {case['name']}"))
    return params


ALL_CASES = _load_cases()


def _options(case: dict[str, Any]) -> dict[str, object]:
    """Run options of a case: `options` as written, `option_paths` with paths relative to tests/."""
    options: dict[str, object] = dict(case.get("options", {}))
    for key, paths in case.get("option_paths", {}).items():
        options[key] = tuple(str(Path(__file__).parent / path) for path in paths)
    return options


def _context(case: dict[str, Any]) -> CheckContext:
    """`gazetteer: none` runs a case with no gazetteer, `default` with the shipped one, `NAME` with
    tests/data/gazetteer-NAME.yaml, and no `gazetteer:` with tests/data/gazetteer.yaml.

    `options:` become the run options (as the CLI sets them: `lang`, `allow_source_glosses`, ...);
    `date: YYYY-MM-DD` is the run's publication date (`--date`); `date_style: NAME` its `--date-style`.
    Contexts are shared between cases with the same settings, as one run shares them between files.
    """
    options = _options(case)
    date = case.get("date")
    return _shared_context(
        case.get("gazetteer") or "test",
        tuple(sorted(options.items())),
        tuple(case.get("select", ["NC"])),
        dt.date.fromisoformat(str(date)) if date is not None else None,
        case.get("date_style"),
    )


@functools.cache
def _shared_context(
    choice: str,
    options: tuple[tuple[str, Any], ...],
    select: tuple[str, ...],
    publication: dt.date | None,
    date_style: str | None,
) -> CheckContext:
    if choice == "none":
        gazetteer = Gazetteer(entities=())
    elif choice == "default":
        gazetteer = load_gazetteer([default_gazetteer_dir()])
    elif choice == "test":
        gazetteer = load_gazetteer([TEST_GAZETTEER])
    else:
        gazetteer = load_gazetteer([TEST_GAZETTEER.with_name(f"gazetteer-{choice}.yaml")])
    return CheckContext(
        gazetteer,
        selection=RuleSelection(select=select),
        options=dict(options),
        publication_date=publication,
        date_style_name=date_style,
    )


def _expected_span(text: str, expected: dict[str, Any]) -> tuple[int, int]:
    needle = expected["match"]
    nth = expected.get("nth", 1)
    position = -1
    for _ in range(nth):
        position = text.find(needle, position + 1)
        assert position >= 0, f"case text lacks occurrence {nth} of {needle!r}"
    return position, position + len(needle)


@pytest.mark.parametrize("case", ALL_CASES)
def test_rule_case(case: dict[str, Any]) -> None:
    text = case["text"]
    doc = parse_document(text, case.get("path", "article.txt"))
    context = _context(case)
    findings = check_document(doc, context, context.selection)
    got = [(f.code, f.start, f.end, f.message) for f in findings]
    want = sorted(
        ((e["code"], *_expected_span(text, e), e["message"]) for e in case["findings"]),
        key=lambda item: (item[1], item[2], item[0]),
    )
    assert got == want
    if "fixed" in case:
        assert apply_fixes(text, findings, allowed_applicabilities(False)).text == case["fixed"]
    if "fixed" in case or "fixed_unsafe" in case:
        expected_unsafe = case.get("fixed_unsafe", case.get("fixed"))
        assert apply_fixes(text, findings, allowed_applicabilities(True)).text == expected_unsafe
