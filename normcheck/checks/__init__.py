"""The explicit registry of checks and the rules each one reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from normcheck import suppressions
from normcheck.checks import attribution, dates, language, names
from normcheck.context import CheckContext
from normcheck.document import Document
from normcheck.finding import Finding
from normcheck.rules import Rule


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    run: Callable[[Document, CheckContext], Iterator[Finding]]
    # Facts about a whole file for the report (the JSON `files` entries), computed when a rule is selected.
    facts: Callable[[Document, CheckContext], dict[str, object]] | None = None


CHECKS: tuple[Check, ...] = (
    Check("names", names.RULES, names.check_names),
    Check("dates", dates.RULES, dates.check_dates, dates.publication_facts),
    Check("language", language.RULES, language.check_language),
    Check("attribution", attribution.RULES, attribution.check_attribution),
)

# The suppression rules (NC0xx) are reported by the runner, not by a check, but are rules like any other.
ALL_RULES: tuple[Rule, ...] = (*suppressions.RULES, *(rule for check in CHECKS for rule in check.rules))
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
