"""Ambiguous relative dates: find them, resolve them against the publication date, rewrite them in house style.

The scan finds every date expression of the copy (headlines and the dateline aside), including explicit
ones that need no fix: they are what "that day" and "the next day" refer back to. Resolution is a pure
function of the mentions and an anchor date, which lets the check ask two questions of every fix by
resolving again against other anchors:

- Is it resolvable? With a dateline that gives no year, the answer must not depend on the year.
- Is it safe? The fix must come out the same if the original was written up to two days before the
  publication date (translated copy often appears a day or two after its source), and must not rest on a
  convention (the latest such day, the most recent Tuesday, the date "that day" refers back to, a year
  inferred across New Year or against the tense of the sentence). Quoted mentions are never rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from normcheck.checks.dates.findings import FindingParts, finding_parts, outcome_of, signature
from normcheck.checks.dates.local_time import local_time_findings
from normcheck.checks.dates.mentions import ANAPHOR, RULE_OF_KIND, Resolved
from normcheck.checks.dates.resolution import anchor_dates, resolve_all, resolve_alone
from normcheck.checks.dates.rules import RULES
from normcheck.checks.dates.scan import DateScan
from normcheck.context import CheckContext
from normcheck.document import Document
from normcheck.finding import Applicability, Finding, Severity, edit_fix, new_finding
from normcheck.publication import find_publication_date

__all__ = ["RULES", "check_dates", "publication_facts"]

_UNSEEN = object()
_YEAR_AT_END = re.compile(r", \d{4}$")  # a rewrite that ends in its year: "Dec. 23, 2018"
# The sentence goes on after it, with no punctuation of its own (and not with "local time", which NC207 drops).
_TEXT_GOES_ON = re.compile(r"[ \t]+(?!local time\b)[\w(]")
# A finding as the memo keeps it: code, rule name, severity, message, replacement, applicability, extra.
_Prepared = tuple[str, str, Severity, str, str, "Applicability | None", dict[str, object]]


def check_dates(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    scan = DateScan(doc, ctx)
    scan.collect()
    if scan.mentions:
        scan.annotate()
    reported = [m for m in scan.mentions if m.kind in RULE_OF_KIND]
    if reported:
        anchors = anchor_dates(scan.anchor)
        # "That day" depends on the dates before it: resolve the whole article in order, against each anchor.
        in_order: dict[dt.date, list[Resolved | None]] = {}
        if anchors and any(m.kind == ANAPHOR for m in reported):
            in_order = {base: resolve_all(scan.text, scan.mentions, scan.dateline, base) for base in anchors}
        position_of = {id(m): index for index, m in enumerate(scan.mentions)} if in_order else {}
        # What a mention becomes depends only on its own facts, the anchor and the style: remembered for the run
        # (articles of one day share their anchor and their "yesterday").
        anchor = scan.anchor
        run_key = (anchor.source, anchor.year, anchor.month, anchor.day, anchor.evidence, scan.style.name)
        memo = ctx.memo("dates.findings").setdefault(run_key, {})
        text = scan.text
        for m in reported:
            if m.kind == ANAPHOR:
                results = [in_order[base][position_of[id(m)]] for base in anchors] if in_order else []
                parts = _prepared(finding_parts(scan, m, outcome_of(scan, m, anchors, results)))
            else:
                key = signature(text, m)
                parts = memo.get(key, _UNSEEN)
                if parts is _UNSEEN:
                    results = [resolve_alone(m, base) for base in anchors]
                    parts = memo[key] = _prepared(finding_parts(scan, m, outcome_of(scan, m, anchors, results)))
            if parts is not None:
                code, name, severity, message, replacement, applicability, extra = parts
                extra = dict(extra)
                if applicability is not None and _YEAR_AT_END.search(replacement) and _TEXT_GOES_ON.match(text, m.end):
                    # AP closes a year inside a sentence with a comma: "the July 28, 2024, election".
                    replacement = extra["replacement"] = replacement + ","
                fix = edit_fix(m.start, m.end, replacement, applicability) if applicability is not None else None
                yield new_finding(code, name, severity, m.start, m.end, message, fix, extra)
    yield from local_time_findings(scan)


def _prepared(parts: FindingParts | None) -> _Prepared | None:
    if parts is None:
        return None
    rule, message, replacement, applicability, extra = parts
    return rule.code, rule.name, rule.severity, message, replacement, applicability, extra


def publication_facts(doc: Document, ctx: CheckContext) -> dict[str, object]:
    """Per-file facts for the report: which publication date was used, and where it came from."""
    return {"publication_date": find_publication_date(doc, ctx.publication_date).as_json()}
