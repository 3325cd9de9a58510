"""The languages normcheck knows (name, scripts, stop-word profile), read and validated from YAML data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from normcheck.errors import ConfigError
from normcheck.scripts import KNOWN_SCRIPTS

SHIPPED_NAME = "normcheck/data/languages.yaml"
_CODE = re.compile(r"^[a-z]{2,3}$")
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_KEYS = frozenset(("name", "scripts", "stopwords", "markers"))


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    scripts: tuple[str, ...]
    stopwords: frozenset[str] = field(default=frozenset())
    markers: tuple[str, ...] = ()

    @property
    def profiled(self) -> bool:
        return bool(self.stopwords)


@dataclass(frozen=True)
class LanguageTable:
    by_code: dict[str, Language]

    def get(self, code: str | None) -> Language | None:
        return self.by_code.get(code) if code else None

    def name(self, code: str) -> str:
        language = self.by_code.get(code)
        return language.name if language else code

    @property
    def profiled(self) -> tuple[Language, ...]:
        """Languages with a stop-word profile, in file order."""
        return tuple(language for language in self.by_code.values() if language.profiled)


def normalize_language_tag(tag: str) -> str | None:
    """The primary language subtag of a BCP 47-ish tag ("en-GB" → "en", "zh-cn" → "zh"), or None."""
    match = _TAG.match(tag.strip())
    return match.group(1).lower() if match else None


def _fail(message: str, display: str, node: yaml.Node) -> ConfigError:
    return ConfigError(message, display, node.start_mark.line + 1)


def _words(loader: yaml.SafeLoader, node: yaml.Node, key: str, code: str, display: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(f"language '{code}': '{key}' must be a list of words", display, node)
    words: list[str] = []
    for item in node.value:
        # The raw scalar: YAML 1.1 would read the English words "no", "on" and "off" as booleans.
        word = item.value if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(word, str) or not word.strip() or " " in word.strip():
            raise _fail(f"language '{code}': '{key}' entries must be single words", display, item)
        if word != word.lower():
            raise _fail(f"language '{code}': '{key}' entry \"{word}\" must be lower case", display, item)
        if word in words:
            raise _fail(f"language '{code}': \"{word}\" is listed twice in '{key}'", display, item)
        words.append(word)
    return tuple(words)


def _language(loader: yaml.SafeLoader, code: str, node: yaml.Node, display: str) -> Language:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(f"language '{code}' must be a mapping with name and scripts", display, node)
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key not in _KEYS:
            raise _fail(
                f"language '{code}': unknown key '{key}' (known: {', '.join(sorted(_KEYS))})", display, key_node
            )
        if key in values:
            raise _fail(f"language '{code}': key '{key}' appears twice", display, key_node)
        values[key] = value_node
    for required in ("name", "scripts"):
        if required not in values:
            raise _fail(f"language '{code}' is missing '{required}'", display, node)
    name = loader.construct_object(values["name"])
    if not isinstance(name, str) or not name.strip():
        raise _fail(f"language '{code}': 'name' must be a non-empty string", display, values["name"])
    scripts = _words_any_case(loader, values["scripts"], code, display)
    stopwords = _words(loader, values["stopwords"], "stopwords", code, display) if "stopwords" in values else ()
    markers = _words(loader, values["markers"], "markers", code, display) if "markers" in values else ()
    for marker in markers:
        if marker not in stopwords:
            raise _fail(
                f"language '{code}': marker \"{marker}\" is not among its stopwords", display, values["markers"]
            )
    return Language(code, name.strip(), scripts, frozenset(stopwords), markers)


def _words_any_case(loader: yaml.SafeLoader, node: yaml.Node, code: str, display: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise _fail(f"language '{code}': 'scripts' must be a non-empty list", display, node)
    scripts = []
    for item in node.value:
        script = loader.construct_object(item)
        if script not in KNOWN_SCRIPTS:
            known = ", ".join(sorted(KNOWN_SCRIPTS))
            raise _fail(f"language '{code}': unknown script '{script}' (known: {known})", display, item)
        scripts.append(script)
    return tuple(scripts)


def parse_languages(text: str, display: str) -> dict[str, Language]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.MappingNode):
            raise ConfigError("expected a mapping with 'version' and 'languages'", display, 1)
        languages_node = None
        for key_node, value_node in root.value:
            key = loader.construct_object(key_node)
            if key == "version":
                if loader.construct_object(value_node) != 1:
                    raise _fail("unsupported 'version' (this normcheck reads version 1)", display, key_node)
            elif key == "languages":
                languages_node = value_node
            else:
                raise _fail(f"unknown top-level key '{key}' (expected 'version' and 'languages')", display, key_node)
        if not isinstance(languages_node, yaml.MappingNode):
            raise ConfigError("missing 'languages:' mapping", display, 1)
        table: dict[str, Language] = {}
        for key_node, value_node in languages_node.value:
            code = key_node.value if isinstance(key_node, yaml.ScalarNode) else None  # raw: "no" is Norwegian
            if not isinstance(code, str) or not _CODE.match(code):
                raise _fail(f"language code '{code}' must be two or three lower-case letters", display, key_node)
            if code in table:
                raise _fail(f"language '{code}' is listed twice", display, key_node)
            table[code] = _language(loader, code, value_node, display)
        return table
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"not valid YAML: {problem}", display, mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()


def load_languages(extra_files: Sequence[Path] = ()) -> LanguageTable:
    """The shipped table, with each extra file's languages replacing shipped ones by code."""
    shipped = resources.files("normcheck").joinpath("data/languages.yaml").read_text(encoding="utf-8")
    table = parse_languages(shipped, SHIPPED_NAME)
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read language file: {exc}", str(path)) from None
        table.update(parse_languages(text, str(path)))
    return LanguageTable(table)
