"""Date styles are data: the shipped ones write what they promise, and a newsroom file is validated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from normcheck.date_style import load_date_style, shipped_date_styles
from normcheck.errors import ConfigError

PUBLISHED = dt.date(2020, 11, 19)


@pytest.mark.parametrize(
    ("style", "same_year", "other_year", "month", "range_text", "across_months"),
    [
        ("ap", "Nov. 18", "Sept. 27, 2019", "October", "Oct. 19 to 20", "Oct. 30 to Nov. 2"),
        ("ap-weekday", "Wednesday", "Sept. 27, 2019", "October", "Oct. 19 to 20", "Oct. 30 to Nov. 2"),
        ("iso", "2020-11-18", "2019-09-27", "2020-10", "2020-10-19 to 2020-10-20", "2020-10-30 to 2020-11-02"),
        (
            "dmy",
            "18 November 2020",
            "27 September 2019",
            "October 2020",
            "19 to 20 October 2020",
            "30 October 2020 to 2 November 2020",
        ),
    ],
)
def test_shipped_styles(
    style: str, same_year: str, other_year: str, month: str, range_text: str, across_months: str
) -> None:
    house = load_date_style(style)
    assert house.write_date(dt.date(2020, 11, 18), PUBLISHED) == same_year
    assert house.write_date(dt.date(2019, 9, 27), PUBLISHED) == other_year
    assert house.write_month(2020, 10, PUBLISHED) == month
    assert house.write_range(dt.date(2020, 10, 19), dt.date(2020, 10, 20), " to ", PUBLISHED) == range_text
    assert house.write_range(dt.date(2020, 10, 30), dt.date(2020, 11, 2), " to ", PUBLISHED) == across_months


def test_ap_abbreviates_only_the_long_months_and_names_the_weekday_only_when_asked() -> None:
    ap = load_date_style(None)
    assert ap.name == "ap"
    written = [ap.write_date(dt.date(2020, month, 5), dt.date(2020, 12, 31)) for month in range(1, 13)]
    assert written == [
        "Jan. 5", "Feb. 5", "March 5", "April 5", "May 5", "June 5",
        "July 5", "Aug. 5", "Sept. 5", "Oct. 5", "Nov. 5", "Dec. 5",
    ]  # fmt: skip
    weekday = load_date_style("ap-weekday")
    assert weekday.write_date(dt.date(2020, 11, 13), PUBLISHED) == "Friday"  # six days before
    assert weekday.write_date(dt.date(2020, 11, 12), PUBLISHED) == "Nov. 12"  # a week before: the date
    assert weekday.write_date(dt.date(2020, 11, 19), PUBLISHED) == "Thursday"  # the day itself: never "today"
    assert weekday.write_date(dt.date(2020, 11, 25), PUBLISHED) == "Wednesday"  # six days after
    assert weekday.write_date(dt.date(2020, 11, 26), PUBLISHED) == "Nov. 26"  # a week after: the date


def test_every_shipped_style_is_valid() -> None:
    styles, default = shipped_date_styles()
    assert default == "ap"
    assert sorted(styles) == ["ap", "ap-weekday", "dmy", "iso"]


def test_newsroom_style_file_extends_a_shipped_style(tmp_path: Path) -> None:
    path = tmp_path / "styles.yaml"
    path.write_text(
        "version: 1\ndefault: house\nstyles:\n  house:\n    extends: ap\n    year: always\n", encoding="utf-8"
    )
    house = load_date_style(str(path))
    assert house.write_date(dt.date(2020, 11, 18), PUBLISHED) == "Nov. 18, 2020"
    assert load_date_style(f"{path}:ap").write_date(dt.date(2020, 11, 18), PUBLISHED) == "Nov. 18"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  house:\n    extends: ap\n    yaer: always\n", r"styles.yaml:5: style 'house': unknown key 'yaer'"),
        ("  house:\n    extends: ap\n    date: '{month} {dya}'\n", r"styles.yaml:5: style 'house': template 'date'"),
        ("  house:\n    extends: ap\n    weekdays: [Mon, Tue]\n", r"styles.yaml:5: .*'weekdays' must be a list of 7"),
        ("  house:\n    extends: chicago\n", r"styles.yaml:4: style 'house' extends unknown style 'chicago'"),
        ("  house:\n    year: sometimes\n", r"styles.yaml:4: style 'house': 'year' must be one of"),
        ("  house:\n    description: no templates\n", r"styles.yaml:3: style 'house' lacks months_with_day"),
        ("  a:\n    extends: b\n  b:\n    extends: a\n", r"style 'b' extends itself through 'a'"),
        ("  house: [\n", r"styles.yaml:\d+: not valid YAML"),
    ],
)
def test_bad_style_files_say_where(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "styles.yaml"
    path.write_text("version: 1\nstyles:\n" + body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_date_style(str(path))


def test_unknown_style_name() -> None:
    with pytest.raises(ConfigError, match=r"unknown date style 'chicago' \(known: ap, ap-weekday, dmy, iso\)"):
        load_date_style("chicago")
