"""Configuration: `.normcheck.yaml` or `[tool.normcheck]`, found per checked file, merged under the command line.

Every setting is declared once, in `KEYS`: its name in a config file, its type, and the command-line option that
overrides it. Resolution is per file: the nearest config file walking up from the file's folder wins (no merging
of several files), `--config FILE` replaces discovery, `--isolated` ignores every file, and a command-line value
replaces the file's value for its key. Each resolved value remembers where it came from, for `normcheck config`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from normcheck.errors import ConfigError
from normcheck.finding import Severity
from normcheck.rules import RuleSelection

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

YAML_NAME = ".normcheck.yaml"
PYPROJECT_NAME = "pyproject.toml"
DEFAULT_SOURCE = "default"
SEVERITY_ORDER = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Where:
    """Where a value was written, for error messages: a file (and line, for YAML) and the key."""

    file: str
    key: str
    line: int | None = None
    base: Path = field(default_factory=Path.cwd)  # relative paths and globs are taken from here

    def error(self, message: str) -> ConfigError:
        return ConfigError(f"`{self.key}`: {message}", self.file, self.line)


# --- value types -------------------------------------------------------------------------------------------


def _known_codes() -> tuple[str, ...]:
    from normcheck.checks import ALL_RULES  # late: the registry imports the checks, config must not need them

    return tuple(rule.code for rule in ALL_RULES)


def _string_items(value: Any, where: Where, what: str) -> list[str]:
    """A list of strings; a single string (comma-separated, as on the command line) is accepted too."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise where.error(f"expected a list of {what}, got {_describe(value)}")
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {json.dumps(value, default=str)[:60]}"


def _code(raw: str, where: Where) -> str:
    code = raw.strip().upper()
    if code == "ALL":
        return "NC"
    if not any(known.startswith(code) for known in _known_codes()):
        raise where.error(f"'{raw}' matches no rule code (see `normcheck rules`)")
    return code


def parse_codes(value: Any, where: Where) -> tuple[str, ...]:
    return tuple(_code(item, where) for item in _string_items(value, where, "rule codes"))


def parse_globs(value: Any, where: Where) -> tuple[Glob, ...]:
    return tuple(Glob(pattern, where.base) for pattern in _string_items(value, where, "glob patterns"))


def parse_paths(value: Any, where: Where) -> tuple[Path, ...]:
    return tuple((where.base / item).resolve() for item in _string_items(value, where, "paths"))


def parse_string(value: Any, where: Where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(f"expected a non-empty string, got {_describe(value)}")
    return value.strip()


def parse_language(value: Any, where: Where) -> str:
    """A language tag normcheck knows (en, fr, de-CH ...), as its normalised code."""
    from normcheck.language_profiles import load_languages, normalize_language_tag

    text = parse_string(value, where)
    code = normalize_language_tag(text)
    table = load_languages()
    if code is None or table.get(code) is None:
        raise where.error(f"unknown language '{text}' (known: {', '.join(sorted(table.by_code))})")
    return code


def parse_bool(value: Any, where: Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(f"expected true or false, got {_describe(value)}")
    return value


def parse_severity(value: Any, where: Where) -> Severity:
    try:
        return Severity(str(value).lower()) if isinstance(value, str) else Severity(value)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise where.error(f"expected one of {choices}, got {_describe(value)}") from None


def _mapping(value: Any, where: Where, what: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise where.error(f"expected a mapping of {what}, got {_describe(value)}")
    return value


def parse_code_severities(value: Any, where: Where) -> tuple[tuple[str, Severity], ...]:
    pairs = []
    for code, severity in _mapping(value, where, "rule code → severity").items():
        inner = Where(where.file, f"{where.key}.{code}", where.line, where.base)
        pairs.append((_code(str(code), inner), parse_severity(severity, inner)))
    return tuple(pairs)


def parse_per_file_codes(value: Any, where: Where) -> tuple[tuple[Glob, tuple[str, ...]], ...]:
    pairs = []
    for pattern, codes in _mapping(value, where, "glob → rule codes").items():
        inner = Where(where.file, f"{where.key}.{pattern}", where.line, where.base)
        pairs.append((Glob(str(pattern), where.base), parse_codes(codes, inner)))
    return tuple(pairs)


@dataclass(frozen=True)
class Key:
    """One setting: its config-file name, how its value is parsed, and the CLI option that overrides it."""

    name: str
    parse: Callable[[Any, Where], Any]
    default: Any
    option: str | None  # the click parameter name of the overriding option, if there is one
    help: str

    @property
    def flag(self) -> str | None:
        return "--" + self.option.replace("_", "-") if self.option else None


# The one table of settings. A new key is one row here; a command-line option whose click parameter name is
# `option` overrides it (see `overrides_from_cli`).
KEYS: tuple[Key, ...] = (
    Key("select", parse_codes, ("NC",), "select", "rule codes or prefixes to report"),
    Key("ignore", parse_codes, (), "ignore", "rule codes or prefixes to leave out (the longer prefix wins)"),
    Key("per-file-ignores", parse_per_file_codes, (), None, "glob → codes to leave out for matching files"),
    Key("exclude", parse_globs, (), None, "globs of files and folders not to check"),
    Key("gazetteer", parse_paths, (), "gazetteer_paths", "gazetteer files or folders, merged over the default"),
    Key("default-gazetteer", parse_bool, True, None, "load the bundled gazetteer under your own"),
    Key("severity", parse_code_severities, (), None, "rule code or prefix → error, warning or info"),
    Key("fail-on", parse_severity, Severity.INFO, "fail_on", "the lowest severity that makes the exit code 1"),
    Key("date-style", parse_string, None, "date_style", "house date style (used by the date rules)"),
    # Not overridden by --lang: that option beats an article's own front matter, this key does not.
    Key("lang", parse_language, None, None, "the articles' language, when their front matter does not say"),
)
KEYS_BY_NAME: dict[str, Key] = {key.name: key for key in KEYS}


# --- globs ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Glob:
    """A gitignore-like glob taken relative to `base`: `drafts` or `*.txt` match a name at any depth,
    `archive/2019/**` or `archive/*.md` match the path from `base`; `**` crosses folders."""

    pattern: str
    base: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(_glob_regex(self.pattern.strip("/"))))

    def matches(self, path: Path) -> bool:
        regex: re.Pattern[str] = self._regex  # type: ignore[attr-defined]
        try:
            relative = path.resolve().relative_to(self.base.resolve())
        except ValueError:
            relative = Path(path.name)
        parts = relative.parts
        if "/" not in self.pattern.strip("/"):
            return any(regex.fullmatch(part) for part in parts)
        return any(regex.fullmatch("/".join(parts[:end])) for end in range(1, len(parts) + 1))

    def __str__(self) -> str:
        return self.pattern


def _glob_regex(pattern: str) -> str:
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and "]" in pattern[index + 1 :]:
            close = pattern.index("]", index + 1)
            body = pattern[index + 1 : close]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            index = close
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


# --- config files --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict[str, Any]  # parsed values of the keys it sets


def read_config_file(path: Path) -> ConfigFile:
    """Read and validate one config file; raise ConfigError naming the file, line (YAML) and key."""
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("config file not found", display) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", display) from None
    if path.name == PYPROJECT_NAME or path.suffix == ".toml":
        raw, lines, prefix = _toml_table(text, display)
    else:
        raw, lines, prefix = _yaml_mapping(text, display)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        where = Where(display, f"{prefix}{name}", lines.get(str(name)), path.parent.resolve())
        key = KEYS_BY_NAME.get(str(name))
        if key is None:
            close = difflib.get_close_matches(str(name), KEYS_BY_NAME, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(KEYS_BY_NAME)
            raise where.error(f"unknown key; {hint}")
        values[key.name] = key.parse(value, where)
    return ConfigFile(path.resolve(), values)


def _yaml_mapping(text: str, display: str) -> tuple[dict[str, Any], dict[str, int], str]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}", display, line) from None
    if data is None:
        return {}, {}, ""
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ConfigError("a config file must be a mapping of keys to values", display, 1)
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return data, lines, ""


def _toml_table(text: str, display: str) -> tuple[dict[str, Any], dict[str, int], str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", display) from None
    table = data.get("tool", {}).get("normcheck", {})
    if not isinstance(table, dict):
        raise ConfigError("`tool.normcheck` must be a table", display)
    return table, {}, "tool.normcheck."


def _pyproject_has_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # a broken pyproject.toml without our table is not ours to report
    return isinstance(data.get("tool"), dict) and "normcheck" in data["tool"]


# --- resolution ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What applies to one file: every key's value and where it came from."""

    values: dict[str, Any]
    sources: dict[str, str]  # key → "default", "command line (--select)" or a config file path
    config_file: Path | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def selection_for(self, path: Path | None) -> RuleSelection:
        if not self["per-file-ignores"]:
            return self.base_selection
        ignore = list(self["ignore"])
        if path is not None:
            for glob, codes in self["per-file-ignores"]:
                if glob.matches(path):
                    ignore.extend(codes)
        return RuleSelection(select=tuple(self["select"]), ignore=tuple(ignore))

    @cached_property
    def base_selection(self) -> RuleSelection:
        """`select` and `ignore` before per-file ignores: what the check context is built for."""
        return RuleSelection(select=tuple(self["select"]), ignore=tuple(self["ignore"]))

    def excluded(self, path: Path) -> bool:
        return any(glob.matches(path) for glob in self["exclude"])

    def severity_for(self, code: str, default: Severity) -> Severity:
        best = max((p for p, _ in self["severity"] if code.startswith(p)), key=len, default=None)
        return default if best is None else dict(self["severity"])[best]

    def fails(self, severity: Severity) -> bool:
        return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[self["fail-on"]]

    def check_options(self) -> dict[str, object]:
        """The settings checks may read through `CheckContext.options` (date style, language)."""
        options: dict[str, object] = {}
        if self.values["date-style"] is not None:
            options["date-style"] = self.values["date-style"]
        if self.values["lang"] is not None:
            options["default_lang"] = self.values["lang"]  # below front matter `lang`, above detection
        return options

    @cached_property
    def digest(self) -> str:
        """A stable hash of everything that can change what a check reports, for the result cache."""
        return hashlib.sha256(json.dumps(_plain(self.values), sort_keys=True).encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Glob):
        return [value.pattern, str(value.base)]
    if isinstance(value, (Path, Severity)):
        return str(value.value if isinstance(value, Severity) else value)
    return value


def overrides_from_cli(params: Mapping[str, Any]) -> dict[str, Any]:
    """Command-line values for every key that has an option and was given on this run, parsed like file values."""
    overrides: dict[str, Any] = {}
    for key in KEYS:
        if key.option is None or key.option not in params:
            continue
        value = params[key.option]
        if value is None or value == ():
            continue
        raw = list(value) if isinstance(value, tuple) else value
        overrides[key.name] = key.parse(raw, Where("command line", key.flag or key.name))
    return overrides


class ConfigResolver:
    """Finds and caches the config that applies to each file."""

    def __init__(
        self, overrides: Mapping[str, Any] | None = None, config: Path | None = None, isolated: bool = False
    ) -> None:
        if config is not None and isolated:
            raise ConfigError("--config and --isolated exclude each other")
        self.overrides = dict(overrides or {})
        self.forced = read_config_file(config) if config is not None else None
        self.isolated = isolated
        self._by_dir: dict[Path, ConfigFile | None] = {}
        self._by_written_dir: dict[Path, ConfigFile | None] = {}
        self._by_folder_text: dict[str, Settings] = {}
        self._settings: dict[Path | None, Settings] = {}

    def find(self, directory: Path) -> ConfigFile | None:
        """The nearest config file at or above `directory` (`.normcheck.yaml` before `pyproject.toml`)."""
        directory = directory.resolve()
        visited = []
        found: ConfigFile | None = None
        for folder in (directory, *directory.parents):
            if folder in self._by_dir:
                found = self._by_dir[folder]
                break
            visited.append(folder)
            if (folder / YAML_NAME).is_file():
                found = read_config_file(folder / YAML_NAME)
                break
            pyproject = folder / PYPROJECT_NAME
            if pyproject.is_file() and _pyproject_has_table(pyproject):
                found = read_config_file(pyproject)
                break
        for folder in visited:
            self._by_dir[folder] = found
        return found

    def config_file_for(self, path: Path, is_dir: bool = False) -> ConfigFile | None:
        if self.isolated:
            return None
        if self.forced is not None:
            return self.forced
        # Memoised by the folder as written: the files of one folder are many, resolving paths is not cheap.
        folder = path if is_dir else path.parent
        if folder not in self._by_written_dir:
            self._by_written_dir[folder] = self.find(folder if str(folder) else Path.cwd())
        return self._by_written_dir[folder]

    def settings_for(self, path: Path, is_dir: bool = False) -> Settings:
        """The settings for a file (or, with `is_dir`, for files directly in that folder)."""
        config = self.config_file_for(path, is_dir)
        cache_key = config.path if config is not None else None
        if cache_key not in self._settings:
            self._settings[cache_key] = self._resolve(config)
        return self._settings[cache_key]

    def settings_for_file(self, path: str) -> Settings:
        """`settings_for` a file named by a string, memoised by its folder as written: a large run asks once
        per article, and building and hashing a Path for each costs more than the check of a cached one."""
        folder = os.path.dirname(path)
        settings = self._by_folder_text.get(folder)
        if settings is None:
            settings = self._by_folder_text[folder] = self.settings_for(Path(path))
        return settings

    def excludes(self, path: str) -> bool:
        """Whether the settings for the file at `path` exclude it (a Path is built only when globs exist)."""
        settings = self.settings_for_file(path)
        return bool(settings["exclude"]) and settings.excluded(Path(path))

    def _resolve(self, config: ConfigFile | None) -> Settings:
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for key in KEYS:
            if key.name in self.overrides:
                values[key.name] = self.overrides[key.name]
                sources[key.name] = f"command line ({key.flag})"
            elif config is not None and key.name in config.values:
                values[key.name] = config.values[key.name]
                sources[key.name] = str(config.path)
            else:
                values[key.name] = key.default
                sources[key.name] = DEFAULT_SOURCE
        return Settings(values, sources, config.path if config else None)


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(key, value as written, source) rows for `normcheck config`."""
    rows = []
    for key in KEYS:
        rows.append((key.name, _show(settings[key.name]), settings.sources[key.name]))
    return rows


def _show(value: Any) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return ", ".join(f"{_show(k)}: {_show(v)}" for k, v in value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return str(value)


def severity_names() -> Sequence[str]:
    return [severity.value for severity in Severity]
