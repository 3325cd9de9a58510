"""Suppression comments in an article: which findings they switch off, and which of them are stale.

Forms (Markdown, HTML and plain text):
    <!-- normcheck: disable NC101 NC102 -->  …  <!-- normcheck: enable -->   (no codes: every rule)
    <!-- normcheck: disable-next-line NC201 -->
    <!-- normcheck: skip-file -->
Plain text also takes the same directives on a line of their own starting with `#` or `//`.
A directive that suppresses nothing is reported as NC001 (with a fix that removes it), one that cannot be
read as NC002, the way ruff reports an unused or malformed `noqa`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from normcheck.document import Document
from normcheck.finding import Applicability, Edit, Finding, Fix, Severity
from normcheck.regions import FENCED_CODE, INLINE_CODE
from normcheck.rules import Rule, RuleSelection

UNUSED_SUPPRESSION = Rule(
    code="NC001",
    name="unused-suppression",
    summary="A normcheck suppression comment that suppresses nothing",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what="Reports a `normcheck: disable` or `disable-next-line` directive (or one of its codes) under which no "
    "finding of that code is reported any more.",
    why="A stale suppression hides the next real problem in its range; reporting it keeps suppressions honest, as "
    "ruff does with unused `noqa`.",
    example_before="<!-- normcheck: disable-next-line NC101 -->\nTalks on Nagorno-Karabakh resumed.",
    example_after="Talks on Nagorno-Karabakh resumed.",
    fix_safety="Safe when every code in the directive is unused: the comment (and its line, when it stands alone) "
    "is removed. A directive only partly unused is reported without a fix: edit its codes by hand.",
)
INVALID_SUPPRESSION = Rule(
    code="NC002",
    name="invalid-suppression",
    summary="A normcheck directive that cannot be read",
    severity=Severity.WARNING,
    fix=None,
    what="Reports a `normcheck:` comment whose action is not disable, enable, disable-next-line or skip-file, or "
    "that names a code matching no rule.",
    why="A misspelt directive suppresses nothing, silently; the editor believes the finding is dealt with.",
    example_before="<!-- normcheck: disabel NC101 -->",
    example_after="<!-- normcheck: disable NC101 -->",
    fix_safety="No fix: what was meant is for the editor to say.",
)
RULES = (UNUSED_SUPPRESSION, INVALID_SUPPRESSION)
OWN_CODES = frozenset(rule.code for rule in RULES)

ACTIONS = ("disable", "enable", "disable-next-line", "skip-file")
_IN_COMMENT = re.compile(r"<!--[ \t]*normcheck:(?P<body>.*?)-->", re.DOTALL)
_ON_OWN_LINE = re.compile(r"^[ \t]*(?:#|//)[ \t]*normcheck:(?P<body>[^\r\n]*)$", re.MULTILINE)
_CODE = re.compile(r"^[A-Z]+[0-9]*$")


@dataclass(frozen=True)
class Directive:
    action: str
    codes: tuple[str, ...]  # empty: every rule
    start: int  # the whole comment, for reporting and removal
    end: int
    text: str


@dataclass
class Region:
    """Where one directive switches off one code (None: every code)."""

    directive: Directive
    code: str | None
    start: int
    end: int
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return self.start <= finding.start < self.end and (self.code is None or finding.code.startswith(self.code))


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    invalid: list[tuple[Directive, str]] = field(default_factory=list)
    skip_file: bool = False


def _code_spans(doc: Document) -> list[tuple[int, int]]:
    """Markdown code, where a directive is an example being shown, not an instruction."""
    if doc.format != "markdown" or ("`" not in doc.text and "~~~" not in doc.text):
        return []
    return [m.span() for pattern in (FENCED_CODE, INLINE_CODE) for m in pattern.finditer(doc.text)]


def _raw_directives(doc: Document) -> Iterable[tuple[int, int, str]]:
    text = doc.text
    if "normcheck:" not in text:
        return
    in_code = _code_spans(doc)
    found = []
    for match in _IN_COMMENT.finditer(text):
        if not any(start <= match.start() < end for start, end in in_code):
            found.append((match.start(), match.end(), match["body"]))
    if doc.format == "text":
        found.extend((m.start(), m.end(), m["body"]) for m in _ON_OWN_LINE.finditer(text))
    yield from sorted(found)


def parse(doc: Document, known_codes: Sequence[str]) -> Suppressions:
    result = Suppressions()
    for start, end, body in _raw_directives(doc):
        words = body.replace(",", " ").split()
        directive = Directive(words[0].lower() if words else "", tuple(w.upper() for w in words[1:]), start, end, body)
        if directive.action not in ACTIONS:
            result.invalid.append((directive, f'unknown normcheck directive "{directive.action or body.strip()}"'))
            continue
        bad = [c for c in directive.codes if not _CODE.match(c) or not any(k.startswith(c) for k in known_codes)]
        if bad:
            result.invalid.append((directive, f"normcheck directive names no known rule: {', '.join(bad)}"))
            continue
        result.directives.append(directive)
    _build_regions(doc.text, result)
    return result


def _build_regions(text: str, result: Suppressions) -> None:
    open_regions: list[Region] = []
    for directive in result.directives:
        if directive.action == "skip-file":
            result.skip_file = True
        elif directive.action == "disable-next-line":
            line_end = text.find("\n", directive.end)
            start = len(text) if line_end == -1 else line_end + 1
            next_end = text.find("\n", start)
            end = len(text) if next_end == -1 else next_end
            for code in directive.codes or (None,):
                result.regions.append(Region(directive, code, start, end))
        elif directive.action == "disable":
            for code in directive.codes or (None,):
                region = Region(directive, code, directive.end, len(text))
                open_regions.append(region)
                result.regions.append(region)
        else:  # enable: closes the disables for its codes, or all of them
            for region in list(open_regions):
                if not directive.codes or region.code in directive.codes:
                    region.end = directive.start
                    open_regions.remove(region)


def apply(
    doc: Document, findings: Iterable[Finding], suppressions: Suppressions, selection: RuleSelection
) -> tuple[Finding, ...]:
    """The findings no directive covers, plus NC001/NC002 for stale and unreadable directives."""
    kept = []
    for finding in findings:
        covering = [region for region in suppressions.regions if region.covers(finding)]
        for region in covering:
            region.used = True
        if not covering:
            kept.append(finding)
    if selection.enabled(UNUSED_SUPPRESSION.code):
        kept.extend(_unused(doc, suppressions, selection))
    if selection.enabled(INVALID_SUPPRESSION.code):
        for directive, message in suppressions.invalid:
            kept.append(_finding(INVALID_SUPPRESSION, directive, message, None))
    return tuple(sorted(kept, key=Finding.sort_key))


def _judged(region: Region, selection: RuleSelection, known_codes: Sequence[str]) -> bool:
    """A code this run does not check cannot be called unused: its findings were never looked for."""
    if region.code is None:
        return True
    return any(code.startswith(region.code) and selection.enabled(code) for code in known_codes)


def _unused(doc: Document, suppressions: Suppressions, selection: RuleSelection) -> Iterable[Finding]:
    from normcheck.checks import ALL_RULES

    known = [rule.code for rule in ALL_RULES]
    by_directive: dict[Directive, list[Region]] = {}
    for region in suppressions.regions:
        by_directive.setdefault(region.directive, []).append(region)
    for directive, regions in by_directive.items():
        unused = [r for r in regions if not r.used and _judged(r, selection, known)]
        if not unused:
            continue
        if directive.codes:
            codes = ", ".join(r.code or "" for r in unused)
            message = f"unused suppression: no {codes} finding here to {directive.action}"
        else:
            message = f"unused suppression: no finding here to {directive.action}"
        fix = _removal(doc.text, directive) if len(unused) == len(regions) else None
        yield _finding(UNUSED_SUPPRESSION, directive, message, fix)


def _removal(text: str, directive: Directive) -> Fix:
    """Remove the comment; when nothing else stands on its line, remove the line too."""
    line_start = text.rfind("\n", 0, directive.start) + 1
    line_end = text.find("\n", directive.end)
    line_end = len(text) if line_end == -1 else line_end + 1
    alone = not text[line_start : directive.start].strip() and not text[directive.end : line_end].strip()
    start, end = (line_start, line_end) if alone else (directive.start, directive.end)
    return Fix((Edit(start, end, ""),), Applicability.SAFE)


def _finding(rule: Rule, directive: Directive, message: str, fix: Fix | None) -> Finding:
    return Finding(rule.code, rule.name, rule.severity, directive.start, directive.end, message, fix)
