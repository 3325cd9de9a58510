"""The explicit registry of checks and the rules each one reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from normcheck.checks import attribution, names
from normcheck.context import CheckContext
from normcheck.document import Document
from normcheck.finding import Finding
from normcheck.rules import Rule


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    run: Callable[[Document, CheckContext], Iterator[Finding]]


CHECKS: tuple[Check, ...] = (
    Check("names", names.RULES, names.check_names),
    Check("attribution", attribution.RULES, attribution.check_attribution),
)

ALL_RULES: tuple[Rule, ...] = tuple(rule for check in CHECKS for rule in check.rules)
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
