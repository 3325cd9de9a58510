"""Runs every rule case file under tests/cases: exact findings and exact fixed text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.fixer import allowed_applicabilities, apply_fixes
from normcheck.gazetteer import Gazetteer, default_gazetteer_dir, load_gazetteer
from normcheck.rules import RuleSelection
from normcheck.runner import run_checks

CASES_DIR = Path(__file__).parent / "cases"
TEST_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.yaml"


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]:
            params.append(pytest.param(case, id=f"{file.stem}: {case['name']}"))
    return params


ALL_CASES = _load_cases()


def _options(case: dict[str, Any]) -> dict[str, object]:
    """Run options of a case: `options` as written, `option_paths` with paths relative to tests/."""
    options: dict[str, object] = dict(case.get("options", {}))
    for key, paths in case.get("option_paths", {}).items():
        options[key] = [str(Path(__file__).parent / path) for path in paths]
    return options


def _context(case: dict[str, Any]) -> CheckContext:
    """`gazetteer: none` runs a case with no gazetteer, `default` with the shipped one, else the test one."""
    choice = case.get("gazetteer")
    if choice == "none":
        return CheckContext(Gazetteer(entities=()), options=_options(case))
    if choice == "default":
        return CheckContext(load_gazetteer([default_gazetteer_dir()]), options=_options(case))
    return CheckContext(load_gazetteer([TEST_GAZETTEER]), options=_options(case))


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
    findings = run_checks(doc, _context(case), RuleSelection(select=tuple(case.get("select", ["NC"]))))
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


def test_every_rule_has_docs_and_cases() -> None:
    """`normcheck explain` needs every doc field, and every code needs at least one case file entry."""
    from normcheck.checks import ALL_RULES

    cased = {finding["code"] for case in ALL_CASES for finding in case.values[0]["findings"]}
    for rule in ALL_RULES:
        for name in ("name", "summary", "what", "why", "example_before", "fix_safety"):
            assert getattr(rule, name), f"{rule.code} lacks {name}"
        assert rule.code in cased, f"{rule.code} has no case in tests/cases"
