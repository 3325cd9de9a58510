"""The publication-date anchor: each source, its formats, and the order of precedence."""

from __future__ import annotations

import datetime as dt

import pytest

from normcheck.document import parse_document
from normcheck.publication import find_publication_date, parse_cli_date, parse_date_value

NOV_19 = dt.date(2020, 11, 19)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2020, 11, 19), NOV_19),
        (dt.datetime(2020, 11, 19, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))), NOV_19),
        ("2020-11-19", NOV_19),
        ("2020-11-19T23:30:00-05:00", NOV_19),  # the date in the zone it was written in, not UTC
        ("2020-11-19T08:30:00Z", NOV_19),
        ("2020-11-19 08:30", NOV_19),
        ("20201119", NOV_19),
        (20201119, NOV_19),
        ("2020/11/19", NOV_19),
        ("Nov. 19, 2020", NOV_19),
        ("November 19, 2020 10:15 AM", NOV_19),
        ("Thursday, November 19, 2020", NOV_19),
        ("19 November 2020", NOV_19),
        ("19th of November, 2020", NOV_19),
        ("Thu, 19 Nov 2020 08:30:00 +0800", NOV_19),
        ("19/11/2020", NOV_19),
        ("11/19/2020", NOV_19),
        ("05/11/2020", None),  # May 11 or 5 November: not guessed
        ("2020-02-30", None),
        ("next week", None),
        (True, None),
    ],
)
def test_front_matter_date_formats(value: object, expected: dt.date | None) -> None:
    assert parse_date_value(value) == expected


def _anchor(text: str, path: str = "story.md", override: dt.date | None = None) -> tuple[str, str | None, str]:
    found = find_publication_date(parse_document(text, path), override)
    return found.source, found.iso(), found.evidence


def test_front_matter_with_time_zone() -> None:
    text = "---\ndate: 2020-11-19T23:30:00-05:00\n---\nTalks resumed.\n"
    assert _anchor(text) == ("front-matter", "2020-11-19", "date: 2020-11-19 23:30:00-05:00")


def test_front_matter_published_key_and_string_formats() -> None:
    assert _anchor("---\npublished: Nov. 19, 2020\n---\nTalks.\n")[:2] == ("front-matter", "2020-11-19")


@pytest.mark.parametrize(
    ("first_line", "evidence"),
    [
        ("MOSCOW, Nov. 19, 2020 (Xinhua) -- Talks resumed.", "MOSCOW, Nov. 19, 2020 (Xinhua) --"),
        ("BEIJING, Nov. 19, 2020 -- Talks resumed.", "BEIJING, Nov. 19, 2020 --"),
        ("KYIV, Ukraine, Nov. 19, 2020 (AP) — Talks resumed.", "KYIV, Ukraine, Nov. 19, 2020 (AP) —"),
        ("MOSCOW, 19 November 2020. /TASS/. Talks resumed.", "MOSCOW, 19 November 2020. /TASS/."),
    ],
)
def test_datelines_with_a_year(first_line: str, evidence: str) -> None:
    assert _anchor(f"# Talks resume\n\n{first_line}\n") == ("dateline", "2020-11-19", evidence)


def test_dateline_without_a_year_takes_the_year_of_the_file_name() -> None:
    found = find_publication_date(parse_document("Nov 19 (Reuters) - Talks resumed.\n", "news/2020/11/19/talks.md"))
    assert (found.source, found.iso(), found.year_source) == ("dateline", "2020-11-19", "file-name")


def test_dateline_without_any_year() -> None:
    found = find_publication_date(parse_document("MOSCOW, Nov. 19 (Xinhua) -- Talks resumed.\n", "talks.md"))
    assert (found.source, found.iso(), found.date) == ("dateline", "--11-19", None)
    assert found.notes == ("the dateline gives no year: dates that need one are not resolved",)


def test_a_sentence_that_opens_with_a_date_is_not_a_dateline() -> None:
    assert _anchor("Nov. 19 was a quiet day in the capital.\n")[0] == "none"


@pytest.mark.parametrize(
    "path",
    ["2020-11-19-naka.md", "20201119_naka.md", "archive/2020/11/19/naka.md", "naka_2020.11.19.txt"],
)
def test_date_in_the_file_name(path: str) -> None:
    assert _anchor("Talks resumed.\n", path)[:2] == ("file-name", "2020-11-19")


@pytest.mark.parametrize("path", ["naka.md", "report-2020.md", "20201319_naka.md", "story-202011191230.md"])
def test_no_date_in_the_file_name(path: str) -> None:
    assert _anchor("Talks resumed.\n", path)[0] == "none"


def test_precedence_cli_then_front_matter_then_dateline_then_file_name() -> None:
    text = "---\ndate: 2020-11-18\n---\nMOSCOW, Nov. 17, 2020 (Xinhua) -- Talks resumed.\n"
    path = "2020-11-16-talks.md"
    assert _anchor(text, path, dt.date(2020, 11, 19))[:2] == ("cli", "2020-11-19")
    assert _anchor(text, path)[:2] == ("front-matter", "2020-11-18")
    assert _anchor(text.split("---\n", 2)[2], path)[:2] == ("dateline", "2020-11-17")
    assert _anchor("Talks resumed.\n", path)[:2] == ("file-name", "2020-11-16")


def test_unreadable_front_matter_date_falls_through_with_a_note() -> None:
    found = find_publication_date(parse_document("---\ndate: sometime soon\n---\nTalks.\n", "2020-11-19-a.md"))
    assert (found.source, found.iso()) == ("file-name", "2020-11-19")
    assert found.notes == ("front matter date 'sometime soon' is not a date normcheck can read (use YYYY-MM-DD)",)
    assert found.as_json() == {
        "date": "2020-11-19",
        "source": "file-name",
        "text": "2020-11-19",
        "notes": ["front matter date 'sometime soon' is not a date normcheck can read (use YYYY-MM-DD)"],
    }


def test_cli_date() -> None:
    assert parse_cli_date("2020-11-19") == NOV_19
    with pytest.raises(ValueError, match=r"'19\.11\.2020' is not a date in the form YYYY-MM-DD"):
        parse_cli_date("19.11.2020")
    with pytest.raises(ValueError, match="not a date"):
        parse_cli_date("2020-02-30")
