"""Every rule is documented and has test cases: `normcheck explain` never comes up empty."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from normcheck.checks import ALL_RULES

CASES = [
    case
    for file in sorted((Path(__file__).parent / "cases").glob("*.yaml"))
    for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]
]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_has_docs(rule: object) -> None:
    for field in ("code", "name", "summary", "what", "why", "example_before", "fix_safety"):
        assert getattr(rule, field), f"{rule} lacks {field}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_has_failing_cases(rule: object) -> None:
    code = getattr(rule, "code")  # noqa: B009
    assert any(finding["code"] == code for case in CASES for finding in case["findings"]), f"no case reports {code}"


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("NC") and code[2:].isdigit() and len(code) == 5 for code in codes)
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))
