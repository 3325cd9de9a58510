"""What a resolved mention becomes: its rewrite in house style, its message, and whether its fix is safe."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from normcheck.calendar_math import iso_with_weekday, valid_date
from normcheck.checks.dates.mentions import (
    ANAPHOR,
    DAY,
    FULL,
    MONTH_DAY,
    MONTH_YEAR_RELATIVE,
    RELATIVE_DAY_KIND,
    RULE_OF_KIND,
    WEEKDAY,
    Mention,
    Resolved,
)
from normcheck.checks.dates.patterns import TRANSLATION_LAG_DAYS
from normcheck.checks.dates.resolution import anchor_dates
from normcheck.checks.dates.scan import DateScan
from normcheck.date_style import DateStyle
from normcheck.document import Document
from normcheck.finding import Applicability
from normcheck.rules import Rule


@dataclass
class Outcome:
    """A mention resolved against the real anchor, and what the other anchors say about its fix."""

    resolved: Resolved | None
    replacement: str | None
    why_unresolved: str = ""
    safe: bool = False


def _with_capital(text: str, capital: bool) -> str:
    return text[:1].upper() + text[1:] if capital and text else text


def render(style: DateStyle, m: Mention, resolved: Resolved, publication: dt.date) -> str | None:
    """The mention rewritten in house style, or None when it is not rewritten (a week)."""
    if resolved.unit == "week":
        return None
    if resolved.unit == "range":
        assert resolved.end is not None
        return style.write_range(resolved.start, resolved.end, m.sep or " to ", publication)
    if m.kind == MONTH_YEAR_RELATIVE:
        return style.write_month(resolved.start.year, resolved.start.month, publication)
    if resolved.unit in ("year", "month"):
        if resolved.unit == "year":
            written = str(resolved.start.year)
        else:
            written = style.write_month(resolved.start.year, resolved.start.month, publication)
        if m.possessive:
            phrase = f"the {written}"
        elif m.needs_preposition:
            phrase = f"in {written}"
        else:
            phrase = written
        return _with_capital(phrase, m.capital)
    written = style.write_date(resolved.start, publication, weekday_allowed=m.kind not in (DAY, MONTH_DAY))
    if m.kind in (DAY, MONTH_DAY, FULL):
        return written
    is_weekday = written in style.weekdays
    if m.part and not m.possessive:
        written = f"{written} {m.part}" if is_weekday else f"the {m.part} of {written}"
    if m.possessive:
        phrase = f"{written}{m.possessive}" if is_weekday else f"the {written}"
    elif m.needs_preposition:
        phrase = f"on {written}"
    else:
        phrase = written
    return _with_capital(phrase, m.capital)


def _surface(doc: Document, m: Mention) -> str:
    return doc.text[m.start : m.end]


def _same_text(left: str, right: str) -> bool:
    return " ".join(left.split()) == " ".join(right.split())


_BASIS_TEXT = {
    "publication-year": "in the year of publication",
    "past": "the latest such day on or before publication",
    "end-point": "the nearer such day to publication, before or after it (the end of a period may lie ahead)",
    "last": "the last such day before publication",
    "next": "the next such day after publication",
    "future": "the first such day on or after publication (the sentence speaks of the future)",
    "offset": "counted from publication",
    "explicit": "as written",
    "inferred-year": "the year that fits publication and tense",
    "stated-month": "with the month the sentence gives",
    "deadline": "in the year of publication (a deadline is set ahead of time)",
}


def _found_text(m: Mention, surface: str, style_only: bool) -> str:
    if m.kind == DAY:
        return f'"{surface}" gives no month'
    if m.kind == MONTH_DAY and m.year_offset not in (None, 0):
        return f'"{surface}" is relative to the publication date'
    if m.kind == MONTH_DAY:
        return f'"{surface}" is not in house style' if style_only else f'"{surface}" gives no year'
    if m.kind == ANAPHOR:
        return f'"{surface}" refers back to a date'
    if m.kind == WEEKDAY:
        return f'"{surface}" gives a weekday, not a date'
    return f'"{surface}" is relative to the publication date'


def _resolved_text(resolved: Resolved, year_known: bool) -> str:
    if resolved.unit == "year":
        return str(resolved.start.year) if year_known else "a year the article does not give"
    if resolved.unit == "month":
        return resolved.start.strftime("%Y-%m") if year_known else f"--{resolved.start.month:02d}"
    if resolved.unit in ("range", "week"):
        assert resolved.end is not None
        return f"{iso_with_weekday(resolved.start, year_known)} to {iso_with_weekday(resolved.end, year_known)}"
    return iso_with_weekday(resolved.start, year_known)


FindingParts = tuple[Rule, str, str, "Applicability | None", dict[str, object]]


def signature(text: str, m: Mention) -> tuple[object, ...]:
    """Everything about a mention its finding depends on, apart from where it stands: the words as written (the
    collectors read the day, range, modifier, unit, part and possessive from them, so equal words give equal
    fields) and the facts the context gave (the month the sentence states, tense, preposition, capital, quotation).
    """
    return (
        text[m.start : m.end],
        m.kind,
        m.month,
        m.year,
        m.future,
        m.deadline,
        m.end_point,
        m.period_over,
        m.past,
        m.needs_preposition,
        m.capital,
        m.quoted,
    )


def _stable_under_lag(m: Mention, resolved: Resolved, anchor: dt.date) -> bool:
    """Whether the resolution would be the same had the source been written up to two days before publication.

    Only what the text leaves out can move: the month of "the 18th", the year of "this year", the month of
    "last month". A month and day the text states ("November 9th", "September 27 this year") move only with
    the year, and only across New Year.
    """
    earliest = anchor - dt.timedelta(days=TRANSLATION_LAG_DAYS)
    if m.kind in (RELATIVE_DAY_KIND, WEEKDAY, ANAPHOR) or resolved.unit == "week":
        return False
    if m.kind == DAY and m.month is None and m.month_offset is None:
        # "the 18th": the latest 18th stays in the same month unless the source was written before the 18th.
        same_month = (resolved.start.year, resolved.start.month) == (anchor.year, anchor.month)
        return same_month and earliest.month == anchor.month and earliest.day >= (m.end_day or m.day)
    if m.kind == MONTH_YEAR_RELATIVE or m.year_offset is not None or resolved.unit == "year":
        return earliest.year == anchor.year
    if resolved.unit == "month" or m.month_offset is not None:
        return (earliest.year, earliest.month) == (anchor.year, anchor.month)
    return True


def outcome_of(scan: DateScan, m: Mention, anchors: list[dt.date], results: list[Resolved | None]) -> Outcome:
    """The mention resolved against the anchor (or each provisional-year anchor), and whether its fix is safe."""
    if not anchors:
        return Outcome(
            None,
            None,
            "no publication date is known (give --date, a front-matter date, a dateline or a dated file name)",
        )
    resolved = results[0]
    if resolved is None:
        return Outcome(None, None, "no date is set before it" if m.kind == ANAPHOR else "it is not a valid date")
    if m.kind == ANAPHOR and resolved.start > anchors[0] and not m.future:
        # "Talks will open on the 5th of next month. The parties reached an agreement the same day": a past event
        # cannot fall on that date, and which day is meant the text does not say.
        return Outcome(None, None, "the date before it lies after publication, but its sentence speaks of the past")
    replacement = render(scan.style, m, resolved, anchors[0])
    for base, other in zip(anchors[1:], results[1:], strict=True):
        if other is None or render(scan.style, m, other, base) != replacement:
            return Outcome(None, None, "the dateline gives no year")
    safe = replacement is not None and not resolved.convention and _stable_under_lag(m, resolved, anchors[0])
    return Outcome(resolved, replacement, safe=safe)


def finding_parts(scan: DateScan, m: Mention, outcome: Outcome) -> FindingParts | None:
    """Rule, message, replacement, fix applicability and extra data of a mention's finding; None: no finding."""
    doc, anchor = scan.doc, scan.anchor
    rule = RULE_OF_KIND[m.kind]
    surface = _surface(doc, m)
    resolved = outcome.resolved
    replacement = outcome.replacement
    if resolved is not None and replacement is not None and _same_text(replacement, surface):
        return None  # already as the house writes it: "Nov. 9" in a Nov. 19 article, "Tuesday" in ap-weekday
    style_only = False
    if m.kind == MONTH_DAY:
        if resolved is None and not anchor_dates(anchor):
            # Without an anchor a month-day is worth a word only if house style writes it differently.
            example = valid_date(2000, m.month or 1, m.day) or dt.date(2000, 1, 1)
            written = scan.style.write_date(example, example, weekday_allowed=False)
            if m.end_day is None and m.year_offset is None and _same_text(written, surface):
                return None
            style_only = True
        elif resolved is not None:
            style_only = not resolved.convention and m.year_offset in (None, 0)
    found = _found_text(m, surface, style_only)
    extra: dict[str, object] = {
        "publication_date": anchor.iso(),
        "anchor_source": anchor.source,
    }
    applicability = None
    replacement_text = ""
    if resolved is None:
        message = f"{found}; it cannot be resolved: {outcome.why_unresolved}"
        extra["resolved"] = None
    else:
        year_known = anchor.year is not None
        extra["resolved"] = (
            _resolved_text(resolved, year_known)
            if resolved.unit != "day"
            else (
                resolved.start.isoformat() if year_known else f"--{resolved.start.month:02d}-{resolved.start.day:02d}"
            )
        )
        if resolved.end is not None:
            extra["resolved_end"] = resolved.end.isoformat() if year_known else None
        basis = (
            f"the date set on line {doc.line_col(resolved.antecedent)[0]}"
            if resolved.basis == "antecedent"
            else _BASIS_TEXT.get(resolved.basis, "")
        )
        what = _resolved_text(resolved, year_known)
        message = f"{found}: {what}, {basis} ({anchor.iso()}, {anchor.label})"
        if resolved.basis == "antecedent":
            message = f"{found}: {what}, {basis}"
        if replacement is None:
            message += "; name the day"
        elif m.quoted:
            message += f'; inside a quotation, not rewritten (would be "{replacement}")'
        else:
            message += f'; write "{replacement}"'
            applicability = Applicability.SAFE if outcome.safe else Applicability.UNSAFE
            replacement_text = replacement
            extra["replacement"] = replacement
    return rule, message, replacement_text, applicability, extra
