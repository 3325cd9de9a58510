"""NC207: "local time" right after a date, a translation calque."""

from __future__ import annotations

from collections.abc import Iterator

from normcheck.checks.dates.mentions import MONTH_YEAR_RELATIVE, PERIOD
from normcheck.checks.dates.patterns import LOCAL_TIME_LEAD, PLACE_AFTER
from normcheck.checks.dates.rules import LOCAL_TIME_CALQUE
from normcheck.checks.dates.scan import DateScan
from normcheck.finding import Applicability, Finding, edit_fix, new_finding


def local_time_findings(scan: DateScan) -> Iterator[Finding]:
    """ "local time" right after a date (nothing but a comma or a bracket between them)."""
    text = scan.text
    position = text.find("local time")
    if position == -1:
        return
    date_ends = {m.end for m in scan.mentions if m.kind not in (PERIOD, MONTH_YEAR_RELATIVE)}
    rule = LOCAL_TIME_CALQUE
    while position != -1:
        start, end = position, position + len("local time")
        position = text.find("local time", end)
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        lead = LOCAL_TIME_LEAD.search(text, max(0, start - 4), start)
        edit_start = lead.start() if lead else start
        if edit_start not in date_ends:
            continue  # not attached to a date: "at 10 a.m. local time" is good English
        edit_end = end + 1 if text.startswith(")", end) and "(" in text[edit_start:start] else end
        message = '"local time" after a date is a translation calque'
        fix = None
        if PLACE_AFTER.match(text, edit_end):
            message += '; a place follows: say whose time it is ("Moscow time") or drop it'
        elif scan.candidates.quote_marks and scan.doc.in_quotation(start):
            message += "; inside a quotation, not rewritten"
        else:
            message += "; no place is given: drop it"
            fix = edit_fix(edit_start, edit_end, "", Applicability.SAFE)
        yield new_finding(rule.code, rule.name, rule.severity, start, end, message, fix, {})
