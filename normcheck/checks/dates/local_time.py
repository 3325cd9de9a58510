"""NC207: "local time" right after a date, a translation calque."""

from __future__ import annotations

from collections.abc import Iterator

from normcheck.checks.dates.mentions import MONTH_YEAR_RELATIVE, PERIOD
from normcheck.checks.dates.patterns import CLOCK_TIME, CLOCK_TIME_REACH, LOCAL_TIME_LEAD, OTHER_TIME_AFTER, PLACE_AFTER
from normcheck.checks.dates.rules import LOCAL_TIME_CALQUE
from normcheck.checks.dates.scan import DateScan
from normcheck.finding import Applicability, Finding, edit_fix, new_finding

_LEAD_REACH = 4  # at most this many characters (", (") between a date and its "local time"


def local_time_findings(scan: DateScan) -> Iterator[Finding]:
    """ "local time" right after a date (nothing but a comma, blanks or a bracket, four characters at most, between
    them): looked for right after each date, not through the whole text."""
    text = scan.text
    rule = LOCAL_TIME_CALQUE
    for m in scan.mentions:
        if m.kind in (PERIOD, MONTH_YEAR_RELATIVE):
            continue
        edit_start = m.end
        start = text.find("local time", edit_start, edit_start + _LEAD_REACH + len("local time"))
        if start == -1:
            continue
        end = start + len("local time")
        if text[start - 1].isalnum() or (end < len(text) and text[end].isalnum()):
            continue
        # A date ends in a letter, a digit or a stop, so the lead can begin nowhere before the date's end.
        if not LOCAL_TIME_LEAD.fullmatch(text, edit_start, start):
            continue  # not attached to the date: "on the 18th at 10 a.m. local time" is good English
        if CLOCK_TIME.search(text, max(0, m.start - CLOCK_TIME_REACH), m.start):
            continue  # "at 11:40 p.m. on Nov. 18 local time": it says whose 11:40 p.m.
        edit_end = end + 1 if text.startswith(")", end) and "(" in text[edit_start:start] else end
        message = '"local time" after a date is a translation calque'
        fix = None
        if PLACE_AFTER.match(text, edit_end):
            message += '; a place follows: say whose time it is ("Moscow time") or drop it'
        elif OTHER_TIME_AFTER.match(text, edit_end):
            message += '; another time follows: say whose time it is ("Moscow time") or drop it'
        elif scan.candidates.quote_marks and scan.doc.in_quotation(start):
            message += "; inside a quotation, not rewritten"
        else:
            message += "; no place is given: drop it"
            fix = edit_fix(edit_start, edit_end, "", Applicability.SAFE)
        yield new_finding(rule.code, rule.name, rule.severity, start, end, message, fix, {})
