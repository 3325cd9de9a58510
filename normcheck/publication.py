"""Finding an article's publication date, the anchor relative dates are resolved against.

Sources, in order of precedence: the command line (`--date`), the front matter (`date`), a dateline at the
start of the copy ("MOSCOW, Nov. 19 (Xinhua) --"), a date in the file name or its folders
(`2020-11-19-naka.md`, `20201119_naka.md`, `2020/11/19/naka.md`). Pure functions of the document text,
its path and the override: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from normcheck.document import Document

CLI = "cli"
FRONT_MATTER = "front-matter"
DATELINE = "dateline"
FILE_NAME = "file-name"
NONE = "none"

SOURCE_LABELS = {
    CLI: "--date",
    FRONT_MATTER: "front matter",
    DATELINE: "dateline",
    FILE_NAME: "file name",
    NONE: "none",
}

FRONT_MATTER_KEYS = ("date", "published", "publish_date", "publishDate", "pubdate")

MONTH_NUMBERS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTH_NUMBERS[_name] = _number

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_TIME_TAIL = r"(?:[T\s,]+\d{1,2}[:.]\d{2}.*)?"
_ISO_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s].*)?$")
_SLASHED_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})" + _TIME_TAIL + "$")
_SLASHED_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})" + _TIME_TAIL + "$")
_MONTH_DAY_YEAR = re.compile(
    rf"^(?:{_WEEKDAY})?({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})" + _TIME_TAIL + "$", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:{_WEEKDAY})?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})" + _TIME_TAIL + "$",
    re.IGNORECASE,
)

# "MOSCOW, Nov. 19 (Xinhua) --", "BEIJING, Nov. 19, 2020 --", "Nov 19 (Reuters) -", "KYIV, Ukraine, Nov. 19
# (AP) —", "MOSCOW, November 19. /TASS/." The place is in capitals; a place or an agency must be there, so
# an ordinary sentence opening with a date is not a dateline.
DATELINE_PATTERN = re.compile(
    r"[ \t>*_]*"
    r"(?:(?P<place>[A-Z][A-Z'’.\- ]{1,40}(?:,[ \t]*[A-Z][A-Za-z'’.\- ]{1,30})?),[ \t]+)?"
    rf"(?:(?P<month>{_MONTH})\.?[ \t]+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[ \t]+(?P<month2>{_MONTH})\.?)"
    r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?"
    r"\.?[ \t]*"
    r"(?:\((?P<agency>[A-Za-z][^()\n]{0,30})\)|/(?P<agency2>[A-Z][A-Za-z]+)/\.?)?"
    r"[ \t]*(?P<dash>--|—|–|-)?"
)
_DATE_IN_PATH = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_DATELINE_LINES = 3


@dataclass(frozen=True)
class PublicationDate:
    """The anchor: a date, or a month and day whose year no source gave, or nothing.

    `year` is None when only a dateline without a year was found; resolutions that depend on the year
    are then left unresolved.
    """

    source: str  # one of CLI, FRONT_MATTER, DATELINE, FILE_NAME, NONE
    year: int | None = None
    month: int | None = None
    day: int | None = None
    evidence: str = ""  # the text the date was read from
    span: tuple[int, int] | None = None  # where in the article (the dateline), if there
    year_source: str | None = None  # for a dateline without a year: where the year came from
    notes: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.month is not None and self.day is not None

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self.source]

    def iso(self) -> str | None:
        """ISO 8601 text of the anchor; `--11-19` when the year is unknown."""
        if self.month is None or self.day is None:
            return None
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"date": self.iso(), "source": self.source, "text": self.evidence or None}
        if self.year_source is not None:
            record["year_source"] = self.year_source
        if self.notes:
            record["notes"] = list(self.notes)
        return record


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_value(value: Any) -> dt.date | None:
    """A front-matter date value: a YAML date or timestamp, or a string in a common format.

    A timestamp keeps the calendar date written in its own time zone ("2020-11-19T23:30:00-05:00" is
    Nov. 19): that is the date the newsroom published on.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().split())
    match = _ISO_DATE.match(text)
    if match:
        return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _SLASHED_YMD.match(text)
    if match:
        return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        return _valid(int(match.group(3)), MONTH_NUMBERS[match.group(1).lower()], int(match.group(2)))
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        return _valid(int(match.group(3)), MONTH_NUMBERS[match.group(2).lower()], int(match.group(1)))
    match = _SLASHED_DMY.match(text)
    if match:
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if first > 12 >= second:
            return _valid(year, second, first)  # 19/11/2020
        if second > 12 >= first:
            return _valid(year, first, second)  # 11/19/2020
        return None  # 05/11/2020: May 11 or 5 November; refuse to guess
    try:
        return parsedate_to_datetime(text).date()  # RFC 2822: "Thu, 19 Nov 2020 08:30:00 +0800"
    except (TypeError, ValueError, IndexError):
        return None


def _from_front_matter(doc: Document) -> tuple[PublicationDate | None, list[str]]:
    notes: list[str] = []
    for key in FRONT_MATTER_KEYS:
        if key not in doc.metadata:
            continue
        value = doc.metadata[key]
        parsed = parse_date_value(value)
        if parsed is not None:
            return PublicationDate(FRONT_MATTER, parsed.year, parsed.month, parsed.day, f"{key}: {value}"), notes
        notes.append(f"front matter {key} {str(value)!r} is not a date normcheck can read (use YYYY-MM-DD)")
    return None, notes


def find_dateline(doc: Document) -> re.Match[str] | None:
    """The dateline at the start of the copy, if there is one: in the first lines after any headline."""
    text = doc.checkable
    position = doc.body_start
    seen = 0
    while position < len(text) and seen < _DATELINE_LINES:
        line_end = text.find("\n", position)
        line_end = len(text) if line_end == -1 else line_end
        line = text[position:line_end]
        if line.strip():
            seen += 1
            match = DATELINE_PATTERN.match(text, position, line_end)
            agency = match is not None and bool(match.group("agency") or match.group("agency2"))
            # A place or an agency, and an agency or a dash: an ordinary sentence opening with a date is neither.
            if match is not None and (match.group("place") or agency) and (match.group("dash") or agency):
                return match
        position = line_end + 1
    return None


def _date_in_path(path: str) -> tuple[dt.date, str] | None:
    normalized = path.replace("\\", "/")
    name = normalized.rsplit("/", 1)[-1]
    for candidate in (name, normalized):
        for match in _DATE_IN_PATH.finditer(candidate):
            parsed = _valid(int(match.group(1)), int(match.group(3)), int(match.group(4)))
            if parsed is not None:
                return parsed, match.group(0)
    return None


def find_publication_date(doc: Document, override: dt.date | None = None) -> PublicationDate:
    """The publication date of `doc` and where it came from, by the documented precedence."""
    if override is not None:
        return PublicationDate(CLI, override.year, override.month, override.day, override.isoformat())
    return publication_date_in(doc, find_dateline(doc))


def publication_date_in(doc: Document, dateline: re.Match[str] | None) -> PublicationDate:
    """The publication date the article gives itself: front matter, then `dateline` (what `find_dateline` found),
    then the file name. For a caller that needs the dateline anyway: it is looked for once."""
    found, notes = _from_front_matter(doc)
    if found is not None:
        return found
    from_path = _date_in_path(doc.path)
    if dateline is not None:
        month_name = dateline.group("month") or dateline.group("month2")
        day = int(dateline.group("day") or dateline.group("day2"))
        month = MONTH_NUMBERS[month_name.lower()]
        evidence = dateline.group(0).strip()
        span = (dateline.start(), dateline.end())
        year_text = dateline.group("year")
        if year_text is not None and _valid(int(year_text), month, day):
            return PublicationDate(DATELINE, int(year_text), month, day, evidence, span, notes=tuple(notes))
        if _valid(2000, month, day):  # a leap year: Feb. 29 is a possible dateline
            year = from_path[0].year if from_path is not None else None
            year_source = FILE_NAME if from_path is not None else None
            if year is not None and not _valid(year, month, day):
                year, year_source = None, None
            if year is None:
                notes.append("the dateline gives no year: dates that need one are not resolved")
            return PublicationDate(DATELINE, year, month, day, evidence, span, year_source, tuple(notes))
    if from_path is not None:
        parsed, evidence = from_path
        return PublicationDate(FILE_NAME, parsed.year, parsed.month, parsed.day, evidence, notes=tuple(notes))
    return PublicationDate(NONE, notes=tuple(notes))


def parse_cli_date(value: str) -> dt.date:
    """`--date YYYY-MM-DD`; raises ValueError with a message that says what is expected."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    parsed = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    if parsed is None:
        raise ValueError(f"'{value}' is not a date in the form YYYY-MM-DD (for example 2020-11-19)")
    return parsed
