"""What checks may consult besides the document: the compiled gazetteer and run options."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from normcheck.date_style import DateStyle, load_date_style
from normcheck.gazetteer import Gazetteer
from normcheck.language_id import LanguageIdentifier
from normcheck.language_profiles import load_languages
from normcheck.name_index import NameIndex
from normcheck.rules import RuleSelection


def load_common_words() -> frozenset[str]:
    text = resources.files("normcheck").joinpath("data/common_words.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        words.update(word.lower() for word in line.split())
    return frozenset(words)


@dataclass
class CheckContext:
    """Built once per run (once per worker process); checks only read from it.

    The name index memoises fuzzy look-ups internally, which is why a context is never shared across runs.
    """

    gazetteer: Gazetteer
    # Which rules will be reported: a check may skip the work of rules nobody asked for.
    selection: RuleSelection = field(default_factory=RuleSelection)
    options: dict[str, object] = field(default_factory=dict)
    publication_date: dt.date | None = None  # --date: the anchor for every article, over its own
    date_style_name: str | None = None  # --date-style: a shipped style name or a YAML file of styles
    _memos: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False)

    def memo(self, name: str) -> dict[Any, Any]:
        """A cache that lives as long as this context: for results that depend only on their key."""
        return self._memos.setdefault(name, {})

    @cached_property
    def name_index(self) -> NameIndex:
        return NameIndex(self.gazetteer)

    @cached_property
    def date_style(self) -> DateStyle:
        """The house style resolved dates are written in (loaded once; raises ConfigError if unknown)."""
        return load_date_style(self.date_style_name)

    @cached_property
    def common_words(self) -> frozenset[str]:
        return load_common_words()

    def name_index_for(self, language: str | None) -> NameIndex:
        """The name index of the gazetteer as an article in `language` sees it (see `Gazetteer.for_language`).

        The default index when the language is unknown or no entity has forms for it; each other view is
        built once per run, on first use.
        """
        if language is None:
            return self.name_index
        views = self.memo("name-index-by-language")
        if language not in views:
            view = self.gazetteer.for_language(language)
            views[language] = self.name_index if view is self.gazetteer else NameIndex(view)
        index: NameIndex = views[language]
        return index

    @cached_property
    def language_identifier(self) -> LanguageIdentifier:
        """Languages, stop-word profiles and the run's langdetect factory (loaded on the first text needing it).

        Option `language_files`: extra language YAML files merged over the shipped table.
        """
        files = self.options.get("language_files") or ()
        assert isinstance(files, (list, tuple))
        return LanguageIdentifier(load_languages(tuple(files)))
