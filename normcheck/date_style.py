"""House styles for writing dates, loaded from YAML (normcheck/data/date_styles.yaml or a newsroom's file)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from normcheck.errors import ConfigError

DEFAULT_STYLE = "ap"
_SHIPPED = "data/date_styles.yaml"
_TEMPLATE_KEYS = (
    "date",
    "date_with_year",
    "month",
    "month_with_year",
    "range_same_month",
    "range_same_month_with_year",
    "range",
)
_LIST_KEYS = {"months_with_day": 12, "months_alone": 12, "weekdays": 7}
_KNOWN_KEYS = frozenset(("description", "extends", "year", "weekday_within_days", *_TEMPLATE_KEYS, *_LIST_KEYS))
_YEAR_RULES = ("different", "always")
_SAMPLE = dt.date(2020, 11, 18)


@dataclass(frozen=True)
class DateStyle:
    """How a house writes a date, a month, a range; `year` says when the year is written."""

    name: str
    description: str
    months_with_day: tuple[str, ...]
    months_alone: tuple[str, ...]
    weekdays: tuple[str, ...]
    date: str
    date_with_year: str
    month: str
    month_with_year: str
    range_same_month: str
    range_same_month_with_year: str
    range: str
    year: str
    weekday_within_days: int

    def _values(self, day: dt.date) -> dict[str, Any]:
        return {
            "month": self.months_with_day[day.month - 1],
            "day": day.day,
            "year": day.year,
            "month_number": day.month,
            "weekday": self.weekdays[day.weekday()],
        }

    def _with_year(self, year: int, publication: dt.date) -> bool:
        return self.year == "always" or year != publication.year

    def write_date(self, day: dt.date, publication: dt.date, weekday_allowed: bool = True) -> str:
        """The date as the house writes it in running text."""
        before = (publication - day).days
        # AP names the weekday for dates within a week before or after publication, the day itself included ("on
        # Thursday", never "today": wire copy is read later).
        if weekday_allowed and -self.weekday_within_days < before < self.weekday_within_days:
            return self.weekdays[day.weekday()]
        template = self.date_with_year if self._with_year(day.year, publication) else self.date
        return template.format(**self._values(day))

    def write_month(self, year: int, month: int, publication: dt.date) -> str:
        template = self.month_with_year if self._with_year(year, publication) else self.month
        first = dt.date(year, month, 1)
        values = {**self._values(first), "month": self.months_alone[month - 1]}
        return template.format(**values)

    def write_range(self, start: dt.date, end: dt.date, sep: str, publication: dt.date) -> str:
        if (start.year, start.month) == (end.year, end.month):
            template = (
                self.range_same_month_with_year if self._with_year(start.year, publication) else self.range_same_month
            )
            return template.format(**self._values(start), sep=sep, end_day=end.day)
        return self.range.format(
            start=self.write_date(start, publication, weekday_allowed=False),
            sep=sep,
            end=self.write_date(end, publication, weekday_allowed=False),
        )


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _mapping(node: yaml.Node, what: str, display: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{what} must be a mapping", display, _line(node))
    return list(node.value)


def _style_values(
    name: str, node: yaml.Node, loader: yaml.SafeLoader, display: str
) -> tuple[dict[str, Any], dict[str, int]]:
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in _mapping(node, f"style '{name}'", display):
        key = loader.construct_object(key_node, deep=True)
        if key not in _KNOWN_KEYS:
            known = ", ".join(sorted(_KNOWN_KEYS))
            raise ConfigError(f"style '{name}': unknown key '{key}' (known keys: {known})", display, _line(key_node))
        value = loader.construct_object(value_node, deep=True)
        line = _line(key_node)
        if key in _LIST_KEYS:
            size = _LIST_KEYS[key]
            if not isinstance(value, list) or len(value) != size or not all(isinstance(v, str) and v for v in value):
                raise ConfigError(f"style '{name}': '{key}' must be a list of {size} names", display, line)
            value = tuple(value)
        elif key in (*_TEMPLATE_KEYS, "description", "extends"):
            if not isinstance(value, str) or not value:
                raise ConfigError(f"style '{name}': '{key}' must be a non-empty string", display, line)
        elif key == "year" and value not in _YEAR_RULES:
            raise ConfigError(f"style '{name}': 'year' must be one of {', '.join(_YEAR_RULES)}", display, line)
        elif key == "weekday_within_days" and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 7
        ):
            raise ConfigError(f"style '{name}': 'weekday_within_days' must be a number from 0 to 7", display, line)
        values[key] = value
        lines[key] = line
    return values, lines


def _check_templates(style: DateStyle, lines: dict[str, int], display: str, fallback_line: int) -> None:
    publication = dt.date(2021, 1, 3)
    checks: dict[str, Callable[[], str]] = {
        "date": lambda: style.write_date(_SAMPLE, dt.date(2020, 12, 31), weekday_allowed=False),
        "date_with_year": lambda: style.write_date(_SAMPLE, publication, weekday_allowed=False),
        "month": lambda: style.write_month(2020, 11, dt.date(2020, 12, 31)),
        "month_with_year": lambda: style.write_month(2020, 11, publication),
        "range_same_month": lambda: style.write_range(_SAMPLE, _SAMPLE.replace(day=20), " to ", dt.date(2020, 12, 1)),
        "range_same_month_with_year": lambda: style.write_range(_SAMPLE, _SAMPLE.replace(day=20), "-", publication),
        "range": lambda: style.write_range(_SAMPLE, dt.date(2020, 12, 2), " to ", publication),
    }
    for key, render in checks.items():
        try:
            render()
        except (KeyError, ValueError, IndexError, AttributeError) as exc:
            raise ConfigError(
                f"style '{style.name}': template '{key}' cannot be written ({type(exc).__name__}: {exc}); "
                "see the placeholders listed in normcheck/data/date_styles.yaml",
                display,
                lines.get(key, fallback_line),
            ) from None


def parse_date_styles(
    text: str, display: str, base: dict[str, DateStyle] | None = None
) -> tuple[dict[str, DateStyle], str | None]:
    """Every style in one YAML document, with `extends` applied, and the file's default style name.

    `base` holds styles defined elsewhere (the shipped ones) that a style here may extend.
    """
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise ConfigError("date style file is empty", display)
        top = {
            loader.construct_object(key, deep=True): (key, value) for key, value in _mapping(root, "the file", display)
        }
        unknown = sorted(set(top) - {"version", "default", "styles"})
        if unknown:
            raise ConfigError(f"unknown top-level key '{unknown[0]}' (known: version, default, styles)", display)
        if "styles" not in top:
            raise ConfigError("no 'styles' mapping", display)
        raw: dict[str, tuple[dict[str, Any], dict[str, int], int]] = {}
        for name_node, style_node in _mapping(top["styles"][1], "'styles'", display):
            name = loader.construct_object(name_node, deep=True)
            if not isinstance(name, str) or not name:
                raise ConfigError("a style name must be a non-empty string", display, _line(name_node))
            values, lines = _style_values(name, style_node, loader, display)
            raw[name] = (values, lines, _line(name_node))
        default = None
        if "default" in top:
            default = loader.construct_object(top["default"][1], deep=True)
            if not isinstance(default, str):
                raise ConfigError("'default' must be a style name", display, _line(top["default"][0]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"not valid YAML: {problem}", display, mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    return _build_styles(raw, display, base or {}), default


def _build_styles(
    raw: dict[str, tuple[dict[str, Any], dict[str, int], int]], display: str, base: dict[str, DateStyle]
) -> dict[str, DateStyle]:
    built: dict[str, DateStyle] = {}
    required = [field.name for field in fields(DateStyle) if field.name != "name"]

    def build(name: str, chain: tuple[str, ...]) -> DateStyle:
        if name in built:
            return built[name]
        values, lines, line = raw[name]
        merged: dict[str, Any] = {}
        parent_name = values.get("extends")
        if parent_name is not None:
            if parent_name in chain:
                raise ConfigError(f"style '{name}' extends itself through '{parent_name}'", display, lines["extends"])
            if parent_name in raw:
                parent = build(parent_name, (*chain, name))
            elif parent_name in base:
                parent = base[parent_name]
            else:
                raise ConfigError(
                    f"style '{name}' extends unknown style '{parent_name}'", display, lines.get("extends", line)
                )
            merged = {field.name: getattr(parent, field.name) for field in fields(DateStyle)}
        merged.update({key: value for key, value in values.items() if key != "extends"})
        merged["name"] = name
        merged.setdefault("weekday_within_days", 0)
        merged.setdefault("description", "")
        missing = [key for key in required if key not in merged]
        if missing:
            raise ConfigError(f"style '{name}' lacks {', '.join(missing)} (and extends no style)", display, line)
        style = DateStyle(**merged)
        _check_templates(style, lines, display, line)
        built[name] = style
        return style

    for name in raw:
        build(name, ())
    return built


def shipped_date_styles() -> tuple[dict[str, DateStyle], str]:
    text = resources.files("normcheck").joinpath(_SHIPPED).read_text(encoding="utf-8")
    styles, default = parse_date_styles(text, "normcheck/" + _SHIPPED)
    return styles, default or DEFAULT_STYLE


def load_date_style(spec: str | None) -> DateStyle:
    """`--date-style`: a shipped style name, or a YAML file of styles (`file.yaml` or `file.yaml:NAME`).

    A newsroom file's styles are merged over the shipped ones and may extend them (`extends: ap`).
    """
    styles, default = shipped_date_styles()
    name = spec or default
    if spec and (".yaml" in spec or ".yml" in spec):
        path_text, _, style_name = spec.partition(":") if not Path(spec).exists() else (spec, "", "")
        try:
            text = Path(path_text).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read the date style file: {exc.strerror or exc}", path_text) from None
        except UnicodeDecodeError:
            raise ConfigError("date style file is not valid UTF-8", path_text) from None
        own, own_default = parse_date_styles(text, path_text, base=styles)
        styles = {**styles, **own}
        name = style_name or own_default or default
    if name not in styles:
        raise ConfigError(f"unknown date style '{name}' (known: {', '.join(sorted(styles))})")
    return styles[name]
