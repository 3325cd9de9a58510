"""The attribution word lists: loading, validating (file and line) and compiling them into matchers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path

import ahocorasick
import yaml

from normcheck.errors import NormcheckError

DEFAULT_DISPLAY = "normcheck/data/attribution.yaml"
BE_FORMS = ("is", "are", "was", "were", "be", "been")
SOURCE_HEAD = 1  # a vague noun ("analysts"): a source only with a reporting verb next to it
SOURCE_SELF = 2  # a vague or anonymous source by itself ("reportedly", "it is said", "asked not to be named")
SOURCE_ROLE = 4  # a role noun ("official"): an anonymous source only after "a" or "an"
SOURCE_FAR = 8  # an anonymous noun ("sources"): its verb may stand after a description ("close to the talks")
CATEGORY_SHIFT = 4  # claim category i has the bit 1 << (CATEGORY_SHIFT + i)
_SOURCE_NEAR_BITS = SOURCE_HEAD | SOURCE_ROLE | SOURCE_FAR
# What the regex \s matches in a str: every character str.isspace() holds for (a test checks the list).
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

_Trie = dict[str, "_Trie"]


def _trie_alternation(keys: Iterable[str], suffixes: dict[str, str] | None = None) -> str:
    """One regex for many literal keys, shaped as a trie: far faster than a flat alternation on long texts.

    A space in a key matches any run of white space. `suffixes` maps a key to a regex that must follow it there
    (a lookahead, say); the key then matches only with its suffix.
    """
    trie: _Trie = {}
    ends: dict[int, str] = {}  # id of a key's end node → the key's suffix
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
        if suffixes and suffixes.get(key):
            ends[id(node)] = suffixes[key]

    def render(node: _Trie) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + render(child) for char, child in sorted(node.items()) if char
        ]
        suffix = ends.get(id(node), "")
        if not branches:
            return suffix
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        if suffix:
            return "(?:" + body + "|" + suffix + ")"
        # Greedy: the longest key wins, shorter ones on backtracking.
        return "(?:" + body + ")?"

    return "(?:" + render(trie) + ")"


class AttributionWordsError(NormcheckError):
    """An attribution word-list file that is missing, not YAML, or breaks the schema."""


# Where each list lives in the file: (section, key) → field name of AttributionWords.
_LIST_FIELDS: dict[tuple[str, str], str] = {
    ("reporting", "verbs"): "reporting_verbs",
    ("reporting", "source_prepositions"): "source_prepositions",
    ("reporting", "document_nouns"): "document_nouns",
    ("reporting", "document_prepositions"): "document_prepositions",
    ("vague", "impersonal_verbs"): "impersonal_verbs",
    ("vague", "raising_verbs"): "raising_verbs",
    ("vague", "hedges"): "hedges",
    ("vague", "adverbs"): "vague_adverbs",
    ("vague", "passive_judgements"): "passive_judgements",
    ("sources", "anonymous_nouns"): "anonymous_nouns",
    ("sources", "generic_nouns"): "generic_nouns",
    ("sources", "generic_pronouns"): "generic_pronouns",
    ("sources", "anaphoric_verbs"): "anaphoric_verbs",
    ("sources", "quantifiers"): "quantifiers",
    ("sources", "nondescriptive_modifiers"): "nondescriptive_modifiers",
    ("sources", "describing_modifiers"): "describing_modifiers",
    ("sources", "role_nouns"): "role_nouns",
    ("sources", "on_record_roles"): "on_record_roles",
    ("sources", "anonymity_markers"): "anonymity_markers",
    ("sources", "temporal_words"): "temporal_words",
    ("carry_over", "subjects"): "carry_subjects",
    ("carry_over", "openers"): "carry_openers",
    ("fragments", "caption_openers"): "caption_openers",
    ("claims", "copulas"): "copulas",
    ("claims", "intensifiers"): "intensifiers",
}
_SECTIONS = frozenset([*(section for section, _ in _LIST_FIELDS), "version"])
_CATEGORY_KEYS = frozenset(("name", "label", "anchors", "phrases", "predicates", "patterns"))


@dataclass(frozen=True)
class ClaimCategory:
    """One kind of claim (prediction, evaluation, ...) and the cues that signal it."""

    name: str
    label: str
    anchors: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()  # count only after a copula: "is catastrophic"
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttributionWords:
    """The merged word lists, as written in the files (lower-cased)."""

    reporting_verbs: tuple[str, ...] = ()
    source_prepositions: tuple[str, ...] = ()
    document_nouns: tuple[str, ...] = ()
    document_prepositions: tuple[str, ...] = ()
    impersonal_verbs: tuple[str, ...] = ()
    raising_verbs: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    vague_adverbs: tuple[str, ...] = ()
    passive_judgements: tuple[str, ...] = ()
    anonymous_nouns: tuple[str, ...] = ()
    generic_nouns: tuple[str, ...] = ()
    generic_pronouns: tuple[str, ...] = ()
    anaphoric_verbs: tuple[str, ...] = ()
    quantifiers: tuple[str, ...] = ()
    nondescriptive_modifiers: tuple[str, ...] = ()
    describing_modifiers: tuple[str, ...] = ()
    role_nouns: tuple[str, ...] = ()
    on_record_roles: tuple[str, ...] = ()
    anonymity_markers: tuple[str, ...] = ()
    temporal_words: tuple[str, ...] = ()
    carry_subjects: tuple[str, ...] = ()
    carry_openers: tuple[str, ...] = ()
    caption_openers: tuple[str, ...] = ()
    copulas: tuple[str, ...] = ()
    intensifiers: tuple[str, ...] = ()
    categories: tuple[ClaimCategory, ...] = ()
    sources: tuple[str, ...] = field(default=())

    def merged_with(self, other: AttributionWords) -> AttributionWords:
        """`other`'s lists added to these; categories of the same name gain its cues."""
        values: dict[str, object] = {}
        for item in fields(self):
            if item.name in ("categories", "sources"):
                continue
            values[item.name] = _unique((*getattr(self, item.name), *getattr(other, item.name)))
        categories = {category.name: category for category in self.categories}
        for category in other.categories:
            known = categories.get(category.name)
            if known is None:
                categories[category.name] = category
                continue
            categories[category.name] = replace(
                known,
                label=category.label if category.label != category.name else known.label,
                anchors=_unique((*known.anchors, *category.anchors)),
                phrases=_unique((*known.phrases, *category.phrases)),
                predicates=_unique((*known.predicates, *category.predicates)),
                patterns=_unique((*known.patterns, *category.patterns)),
            )
        return AttributionWords(
            **values,  # type: ignore[arg-type]
            categories=tuple(categories.values()),
            sources=(*self.sources, *other.sources),
        )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# -- reading and validating -------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _words(node: yaml.Node, where: str, display: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise AttributionWordsError(f"'{where}' must be a list of words or phrases", display, _line(node))
    items = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise AttributionWordsError(f"'{where}' entries must be non-empty strings", display, _line(item))
        value = " ".join(str(item.value).split()).lower()
        if not re.search(r"\w", value):
            raise AttributionWordsError(f"'{where}' entry {value!r} holds no letter", display, _line(item))
        if value in items:
            raise AttributionWordsError(f"'{where}' lists {value!r} twice", display, _line(item))
        items.append(value)
    return tuple(items)


def _mapping(node: yaml.Node, where: str, display: str) -> list[tuple[str, yaml.Node, int]]:
    if not isinstance(node, yaml.MappingNode):
        raise AttributionWordsError(f"'{where}' must be a mapping", display, _line(node))
    items = []
    seen = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in seen:
            raise AttributionWordsError(f"key '{key}' appears twice in '{where}'", display, _line(key_node))
        seen.add(key)
        items.append((key, value_node, _line(key_node)))
    return items


def _compile_checked(pattern: str, display: str, line: int) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise AttributionWordsError(
            f"pattern {pattern!r} is not a valid regular expression: {exc.msg} at position {exc.pos}", display, line
        ) from None
    if compiled.fullmatch("") is not None:
        raise AttributionWordsError(f"pattern {pattern!r} matches the empty string", display, line)
    return compiled


def _category(node: yaml.Node, display: str) -> ClaimCategory:
    line = _line(node)
    values: dict[str, object] = {}
    for key, value_node, key_line in _mapping(node, "claims.categories[]", display):
        if key not in _CATEGORY_KEYS:
            known = ", ".join(sorted(_CATEGORY_KEYS))
            raise AttributionWordsError(f"unknown key '{key}' in a claim category (known: {known})", display, key_line)
        if key in ("name", "label"):
            if not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
                raise AttributionWordsError(f"'{key}' must be a non-empty string", display, key_line)
            values[key] = str(value_node.value).strip()
        elif key == "patterns":
            if not isinstance(value_node, yaml.SequenceNode):
                raise AttributionWordsError("'patterns' must be a list of regular expressions", display, key_line)
            patterns = []
            for item in value_node.value:
                if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                    raise AttributionWordsError("'patterns' entries must be non-empty strings", display, _line(item))
                _compile_checked(str(item.value), display, _line(item))
                patterns.append(str(item.value))
            values[key] = tuple(patterns)
        else:
            values[key] = _words(value_node, f"claims.categories.{key}", display)
    if "name" not in values:
        raise AttributionWordsError("a claim category needs a 'name'", display, line)
    if not any(values.get(key) for key in ("phrases", "predicates", "patterns")):
        raise AttributionWordsError(
            f"claim category '{values['name']}' has no phrases, predicates or patterns", display, line
        )
    if values.get("patterns") and not values.get("anchors"):
        raise AttributionWordsError(
            f"claim category '{values['name']}' has patterns but no 'anchors' (words one of which must occur for "
            "the patterns to be tried)",
            display,
            line,
        )
    name = str(values["name"])
    return ClaimCategory(
        name=name,
        label=str(values.get("label", name)),
        anchors=values.get("anchors", ()),  # type: ignore[arg-type]
        phrases=values.get("phrases", ()),  # type: ignore[arg-type]
        predicates=values.get("predicates", ()),  # type: ignore[arg-type]
        patterns=values.get("patterns", ()),  # type: ignore[arg-type]
    )


def parse_words(text: str, display: str) -> AttributionWords:
    """Parse and validate one word-list file; every problem names the file and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AttributionWordsError(
            f"not valid YAML: {problem}", display, mark.line + 1 if mark is not None else None
        ) from None
    if root is None:
        raise AttributionWordsError("the file is empty", display)
    values: dict[str, object] = {}
    categories: tuple[ClaimCategory, ...] = ()
    for section, section_node, line in _mapping(root, "the file", display):
        if section not in _SECTIONS:
            known = ", ".join(sorted(_SECTIONS))
            raise AttributionWordsError(f"unknown section '{section}' (known: {known})", display, line)
        if section == "version":
            if str(getattr(section_node, "value", "")) != "1":
                raise AttributionWordsError("'version' must be 1", display, line)
            continue
        for key, value_node, key_line in _mapping(section_node, section, display):
            if section == "claims" and key == "categories":
                if not isinstance(value_node, yaml.SequenceNode):
                    raise AttributionWordsError("'claims.categories' must be a list", display, key_line)
                categories = tuple(_category(item, display) for item in value_node.value)
                names = [category.name for category in categories]
                duplicate = next((name for name in names if names.count(name) > 1), None)
                if duplicate:
                    raise AttributionWordsError(f"claim category '{duplicate}' is defined twice", display, key_line)
                continue
            name = _LIST_FIELDS.get((section, key))
            if name is None:
                known = ", ".join(sorted(k for s, k in _LIST_FIELDS if s == section))
                if section == "claims":
                    known += ", categories"
                raise AttributionWordsError(f"unknown key '{key}' in '{section}' (known: {known})", display, key_line)
            values[name] = _words(value_node, f"{section}.{key}", display)
    return AttributionWords(**values, categories=categories, sources=(display,))  # type: ignore[arg-type]


def read_words_file(path: Path) -> AttributionWords:
    if not path.is_file():
        raise AttributionWordsError("no such attribution word-list file", str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AttributionWordsError(f"cannot read the file: {exc}", str(path)) from None
    return parse_words(text, str(path))


def default_words() -> AttributionWords:
    text = resources.files("normcheck").joinpath("data/attribution.yaml").read_text(encoding="utf-8")
    return parse_words(text, DEFAULT_DISPLAY)


def load_words(extra: Sequence[Path] = ()) -> AttributionWords:
    """The shipped lists with each extra file added on top, in order."""
    words = default_words()
    for path in extra:
        words = words.merged_with(read_words_file(path))
    return words


# -- compiling ------------------------------------------------------------------------------------


def _alternation(phrases: Iterable[str]) -> str:
    """One regex for many phrases (spaces match any run of spaces), trie-shaped: the longest phrase wins."""
    return _trie_alternation(sorted({" ".join(phrase.lower().split()) for phrase in phrases}))


def _word_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w’'-])" + _alternation(phrases) + r"(?![\w’'-])", re.IGNORECASE)


def lower_same_length(text: str) -> str:
    """`text` lower-cased with every offset kept (a few characters lower-case to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # "İ" (U+0130, Turkish) is the one character that lower-cases to two; it is kept as it is.
    lowered = "İ".join(part.lower() for part in text.split("İ"))
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


# Words too common to pre-filter on; a phrase's anchor is its longest other word ("far from safe" → "safe").
_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "as",
        "and",
        "or",
        "for",
        "from",
        "with",
        "not",
        "no",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "it",
        "that",
        "this",
        "new",
        "people",
        "person",
        "government",
        "security",
        "military",
        "diplomatic",
        "step",
        "role",
    ]
)


def _anchor_word(phrase: str) -> str:
    words: list[str] = re.findall(r"[\w’'-]+", phrase.lower())
    rare = [word for word in words if word not in _COMMON]
    return max(rare or words, key=len)


def _rest_after(phrase: str, anchor: str) -> str | None:
    """A lookahead body for what follows `anchor` in `phrase` ("it is time to", "time": a space, "to"), or None."""
    phrase = " ".join(phrase.lower().split())
    match = re.search(r"(?<![\w’'-])" + re.escape(anchor) + r"(?![\w’'-])", phrase)
    if match is None:
        return None
    rest = phrase[match.end() :]
    if not rest:
        return None
    return "".join(r"\s+" if char == " " else re.escape(char) for char in rest) + r"(?![\w’'-])"


def _word_after(phrase: str, anchor: str) -> str | None:
    """The word after `anchor` in `phrase` when a space parts them (the start of `_rest_after`), or None."""
    phrase = " ".join(phrase.lower().split())
    match = re.search(r"(?<![\w’'-])" + re.escape(anchor) + r"(?![\w’'-])", phrase)
    if match is None or phrase[match.end() : match.end() + 1] != " ":
        return None
    return phrase[match.end() + 1 :].split(" ")[0]


def _first_words(phrases: Iterable[str]) -> set[str]:
    """The first words of `phrases`, lower-cased: one of them starts any text the phrases' alternation matches."""
    return {phrase.lower().split()[0] for phrase in phrases}


# "a", "an" or "one" and up to three words before a role noun: "a senior official" (searched in a window before it).
INDEFINITE_BEFORE = re.compile(r"(?<![\w’'-])(?:a|an|one)\s+(?:[\w’'-]+\s+){0,3}$")


# Words that may stand between a vague noun and its reporting verb ("analysts have also said"), and any -ly adverb;
# the frame finder (reporting_frames.py) skips the same words between a subject and its verb.
AUXILIARY_WORDS = (
    "also",
    "further",
    "later",
    "again",
    "previously",
    "repeatedly",
    "publicly",
    "recently",
    "earlier",
    "then",
    "once",
    "still",
    "already",
    "has",
    "have",
    "had",
    "will",
    "would",
    "did",
    "does",
    "do",
    "not",
    "never",
    "even",
    "only",
    "just",
)


# What ends a source phrase, seen from its last word ("..., said analysts." or "according to reports, ..."): as
# the check's own test within a paragraph, or a line break or the end of the text, which a paragraph end is.
_CLAUSE_END_AHEAD = r"[\"'”’»)]*(?:\s*[,.;:!?(—–]|\s*$|[ \t\r]*\n)"


@dataclass(frozen=True)
class CompiledCategory:
    """A category's cues as one regex. Most run on the lower-cased text with no IGNORECASE flag: the flag turns
    every literal into a case-folding test that the regex engine cannot skip ahead on, several times slower. A
    category whose patterns hold a case-sensitive part ("(?-i:may)", not the month) runs on the text itself."""

    category: ClaimCategory
    regex: re.Pattern[str]
    on_lowered: bool = True


class AttributionLexicon:
    """The word lists compiled into the matchers the check uses. Build once per run."""

    def __init__(self, words: AttributionWords) -> None:
        self.words = words
        self.sources = words.sources
        self.reporting_verbs = frozenset(words.reporting_verbs)
        self.document_nouns = frozenset(words.document_nouns)
        self.passive_judgements = frozenset(words.passive_judgements)
        self.generic_pronouns = frozenset(words.generic_pronouns)
        self.anaphoric_verbs = frozenset(words.anaphoric_verbs)
        self.nondescriptive = frozenset(words.nondescriptive_modifiers)
        self.describing = frozenset(words.describing_modifiers)
        self.temporal = frozenset(words.temporal_words)
        self.role_nouns = frozenset(words.role_nouns)
        self.on_record_roles = frozenset(words.on_record_roles)
        self.carry_subjects = frozenset(words.carry_subjects)
        # Vague heads, longest first: "people familiar with" before "people".
        self.anonymous_nouns = tuple(sorted(set(words.anonymous_nouns), key=lambda p: (-len(p.split()), p)))
        self.generic_nouns = tuple(sorted(set(words.generic_nouns), key=lambda p: (-len(p.split()), p)))
        self.quantifiers = tuple(sorted(set(words.quantifiers), key=lambda p: (-len(p.split()), p)))

        # The sentence patterns run on lower-cased text: a trie's first character then narrows the search fast.
        markers = _alternation((*words.reporting_verbs, *words.source_prepositions, *words.document_prepositions))
        self.source_prepositions = frozenset(words.source_prepositions)
        self.document_prepositions = frozenset(words.document_prepositions)
        hedges = f"(?:{_alternation(words.hedges)}\\s+)*" if words.hedges else ""
        impersonal = (
            rf"it\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be)\s+{hedges}"
            rf"{_alternation(words.impersonal_verbs)}(?![\w-])(?!\s+by\b)"
        )
        raising = (
            rf"(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+{hedges}"
            rf"{_alternation(words.raising_verbs)}\s+to(?![\w-])"
        )
        # Pre-filter tests at a vague noun: is a reporting verb right after it ("analysts have said"), a few words
        # after it ("sources close to the talks said"), or right before it ("said some analysts")?
        skip = "(?:" + "|".join(AUXILIARY_WORDS) + "|[a-z]+ly)"
        self.verb_after_regex = re.compile(rf"(?:\s+{skip}){{0,2}}\s+{markers}(?![\w’'-])")
        self.verb_after_far_regex = re.compile(rf"(?:\s+[^\s.;:!?]+){{0,8}}?\s+{markers}(?![\w’'-])")
        # The anchor pass drops vague nouns and roles that stand nowhere near a reporting verb or a clause end,
        # with the check's own tests (`_source_near`) loosened to hold on the whole text (a line break ends a
        # clause) rather than within a paragraph.
        # The group "verb" tells the check that the verb test held, and where it ended.
        self.source_after_regex = re.compile(rf"(?P<verb>{self.verb_after_regex.pattern})|{_CLAUSE_END_AHEAD}")
        self.source_after_far_regex = re.compile(
            rf"(?P<verb>{self.verb_after_far_regex.pattern})|(?:\s+[^\s.,;:!?]+){{0,8}}?{_CLAUSE_END_AHEAD}"
        )
        # Words that may stand between the verb and the vague noun: quantifiers, modifiers, and the first words
        # of the phrases themselves ("according to media reports").
        phrase_words = {
            word for phrase in (*words.generic_nouns, *words.anonymous_nouns) for word in phrase.split()[:-1]
        }
        modifiers = _alternation(
            word
            for word in (
                *words.quantifiers,
                *words.nondescriptive_modifiers,
                *words.describing_modifiers,
                *phrase_words,
                "the",
                "a",
                "an",
            )
            if " " not in word
        )
        self.verb_before_regex = re.compile(rf"(?<![\w’'-]){markers}(?:\s+{modifiers}){{0,3}}\s+$")
        # One pass finds every frame of a sentence. The leftmost, first alternative wins, so "it is said that"
        # is one impersonal frame, not also a "said" frame.
        self.frame_regex = re.compile(
            rf"(?<![\w’'-])(?:(?P<impersonal>{impersonal})|(?P<raising>{raising})"
            rf"|(?P<adverb>{_alternation(words.vague_adverbs)}(?![\w’'-]))|(?P<marker>{markers}(?![\w’'-])))"
        )
        self.anonymity_regex = _word_regex(words.anonymity_markers)
        # A quick test for any anonymity marker's rarest word (a plain substring test): most sentences then skip
        # the full regex.
        self.anonymity_words = tuple(sorted({_anchor_word(marker) for marker in words.anonymity_markers}))
        self.opener_regex = re.compile(r"(?:" + _alternation(words.carry_openers) + r")\b,?\s*", re.IGNORECASE)
        self.caption_regex = re.compile(
            r"[\s*_>#!\[(\"“]*" + _alternation(words.caption_openers) + r"\b\s*[:|/,(-]", re.IGNORECASE
        )
        self.categories = tuple(self._compile_category(category) for category in words.categories)
        self.anchor_regex = self._anchor_regex()

    def _compile_category(self, category: ClaimCategory) -> CompiledCategory:
        parts = []
        if category.phrases:
            parts.append(r"(?<![\w’'-])" + _alternation(category.phrases) + r"(?![\w’'-])")
        if category.predicates:
            copulas = _alternation(self.words.copulas)
            intensifiers = f"(?:{_alternation(self.words.intensifiers)}\\s+)*" if self.words.intensifiers else ""
            parts.append(rf"(?<![\w’'-]){copulas}\s+{intensifiers}{_alternation(category.predicates)}(?![\w’'-])")
        parts.extend(f"(?:{pattern})" for pattern in category.patterns)
        if any("(?-i" in pattern for pattern in category.patterns):
            return CompiledCategory(category, re.compile("|".join(parts), re.IGNORECASE), on_lowered=False)
        # Phrases and predicates are stored lower-cased; patterns are matched as written, so an upper-case letter
        # in one (outside a (?-i:...) group, handled above) would never match lower-cased text: keep the flag then.
        if any(re.search(r"(?<!\\)[A-Z]", re.sub(r"\\.", "", pattern)) for pattern in category.patterns):
            return CompiledCategory(category, re.compile("|".join(parts), re.IGNORECASE), on_lowered=False)
        return CompiledCategory(category, re.compile("|".join(parts)))

    def _anchor_regex(self) -> re.Pattern[str]:
        """Words one of which every cue contains: a fast first pass over the whole article.

        Each anchor carries a bit mask: SOURCE_HEAD (a vague noun: a source only next to a reporting verb),
        SOURCE_SELF (a phrase that is a vague or anonymous source by itself), SOURCE_ROLE (a role noun: an
        anonymous source only after "a" or "an", next to a reporting verb) and one bit per claim category
        (1 << (CATEGORY_SHIFT + index)) whose patterns the word may start.

        Many anchors also carry a condition on what follows them, a lookahead the regex engine tests: the rest of
        the phrase the anchor word was taken from ("time" only before "to" or "for": "it is time to"), or for
        "it is" and "is", the reporting verb of "it is said" and "is said to". An anchor without its condition
        could not be the cue or source it stands for, so the check never sees it.
        """
        words = self.words
        kinds: dict[str, int] = {}
        # Per anchor, the lookahead bodies one of which must follow it; None: nothing is required.
        conditions: dict[str, set[str | None]] = {}
        # Per anchor, the words one of which must follow it after white space for any of its conditions to hold
        # (a quick test for the automaton); None: not known, or nothing is required.
        leads: dict[str, set[str] | None] = {}

        def add(anchor: str, kind: int, condition: str | None = None, lead: Iterable[str] | None = None) -> None:
            anchor = " ".join(anchor.lower().split())
            kinds[anchor] = kinds.get(anchor, 0) | kind
            conditions.setdefault(anchor, set()).add(condition)
            known = leads.get(anchor, set())
            leads[anchor] = None if known is None or condition is None or lead is None else known | set(lead)

        for index, category in enumerate(words.categories):
            bit = 1 << (CATEGORY_SHIFT + index)
            for anchor in category.anchors:
                add(anchor, bit)
            for phrase in (*category.phrases, *category.predicates):
                anchor = _anchor_word(phrase)
                lead = _word_after(phrase, anchor)
                add(anchor, bit, _rest_after(phrase, anchor), None if lead is None else (lead,))
        tails: dict[str, set[str]] = {}
        for phrase in (*words.generic_nouns, *words.generic_pronouns, *words.anonymous_nouns):
            anchor = _anchor_word(phrase)
            add(anchor, SOURCE_HEAD | (SOURCE_FAR if phrase in words.anonymous_nouns else 0))
            # The rest of the phrase after its anchor word ("the outside world": " world"), which must follow it.
            parts = phrase.split()
            tails.setdefault(anchor, set()).add(" ".join(["", *parts[parts.index(anchor) + 1 :]]))
        self.source_tails = {anchor: tuple(sorted(found, key=len, reverse=True)) for anchor, found in tails.items()}
        for phrase in words.role_nouns:
            add(_anchor_word(phrase), SOURCE_ROLE)
        for phrase in (*words.vague_adverbs, *words.anonymity_markers):
            add(_anchor_word(phrase), SOURCE_SELF)
        # "it is (widely) said", "X is (widely) said to": the impersonal and raising frames, from their first word.
        hedges = f"(?:\\s+{_alternation(words.hedges)})*" if words.hedges else ""
        verbs = _alternation(words.impersonal_verbs)
        for be in ("is", "was", "has", "had"):
            add(
                f"it {be}",
                SOURCE_SELF,
                rf"(?:\s+been)?{hedges}\s+{verbs}(?![\w’'-])",
                {"been", *_first_words(words.hedges), *_first_words(words.impersonal_verbs)},
            )
        if words.raising_verbs:
            raising = rf"{hedges}\s+{_alternation(words.raising_verbs)}\s+to(?![\w’'-])"
            for be in BE_FORMS:
                add(be, SOURCE_SELF, raising, {*_first_words(words.hedges), *_first_words(words.raising_verbs)})
        self.anchor_kinds = kinds
        # The source test of the anchor pass, for words that are nothing but a vague noun or a role: the tails that
        # must follow a noun (none: nothing must), then the test after them.
        # A role noun alone ("official") must also follow "a", "an" or "one" (the indefinite test, looser too).
        self.source_tests: dict[str, tuple[tuple[str, ...], re.Pattern[str], bool]] = {}
        for anchor, kind in kinds.items():
            if kind & _SOURCE_NEAR_BITS and not kind & ~_SOURCE_NEAR_BITS:
                found = self.source_tails.get(anchor, ("",)) if kind & SOURCE_HEAD else ("",)
                after = self.source_after_far_regex if kind & (SOURCE_ROLE | SOURCE_FAR) else self.source_after_regex
                role = bool(kind & SOURCE_ROLE and not kind & SOURCE_HEAD)
                self.source_tests[anchor] = (() if found == ("",) else found, after, role)
        suffixes = {
            anchor: r"(?![\w’'-])(?=" + "|".join(sorted(item for item in found if item is not None)) + ")"
            for anchor, found in conditions.items()
            if None not in found
        }
        # A literal space before the alternation lets the regex engine skip ahead fast.
        self.anchor_automaton = self._anchor_automaton(
            suffixes, {anchor: found for anchor, found in leads.items() if found and anchor in suffixes}
        )
        return re.compile(" (" + _trie_alternation(sorted(kinds), suffixes) + r")(?![\w’'-])")

    def may_hold_anonymity(self, lowered: str) -> bool:
        """False if `lowered` holds no anonymity marker ("who asked not to be named"); a quick substring test."""
        for word in self.anonymity_words:  # noqa: SIM110 - a plain loop is the fastest form of this test
            if word in lowered:
                return True
        return False

    def _anchor_automaton(self, suffixes: dict[str, str], leads: dict[str, set[str]]) -> ahocorasick.Automaton:
        """The anchor keys as an Aho-Corasick automaton: all of them found in one C pass, overlaps included.

        Each key is stored with the space before it, as " key" → (length, length of the key with its space, key,
        the match of its suffix or None). A key with `leads`, words one of which its suffix needs after white
        space, is stored with each of them instead ("was said", "was widely"): the automaton then skips most
        places where the suffix would fail ("was the").
        A key whose words the text parts with anything but one space ("it  is", "it\u00a0is") the automaton
        cannot see; the regex allows any run of white space there. For those, every key prefix up to a space
        (and every key with leads) is also stored followed by a white-space character other than a space, or by
        a space and any white-space character, as " it\u00a0" → (length, 0, None, None): a start where the regex
        alone can say what matches. A string stored for two different keys (a key "was said" and "was" with its
        lead "said", say) is such a start too.
        """
        entries: dict[str, tuple[int, int, str | None, Callable[[str, int], object] | None]] = {}

        def store(
            string: str,
            key_length: int = 0,
            key: str | None = None,
            condition: Callable[[str, int], object] | None = None,
        ) -> None:
            entry = (len(string), key_length, key, condition)
            if entries.setdefault(string, entry) != entry:
                entries[string] = (len(string), 0, None, None)

        for key in self.anchor_kinds:
            suffix = suffixes.get(key)
            condition = re.compile(suffix).match if suffix else None
            found = leads.get(key)
            for lead in sorted(found) if found else ():
                store(f" {key} {lead}", len(key) + 1, key, condition)
            if not found:
                store(" " + key, len(key) + 1, key, condition)
            for gap in [gap for gap, char in enumerate(key) if char == " "] + ([len(key)] if found else []):
                prefix = " " + key[:gap]
                for space in WHITE_SPACE:
                    if space != " ":
                        store(prefix + space)
                    store(prefix + " " + space)
        automaton = ahocorasick.Automaton()
        for string, entry in entries.items():
            automaton.add_word(string, entry)
        automaton.make_automaton()
        return automaton

    def _anchor_matches(self, padded: str) -> list[tuple[int, int, str]]:
        """What `anchor_regex.finditer(padded)` finds, as (start, end, word), from one pass of the automaton.

        The regex takes, at each space, the longest key that ends at a word boundary and meets its suffix
        condition (the trie prefers its deeper branches and backtracks to the shorter key), then searches on from
        where that match ends. The automaton reports every key at every space; this keeps the same ones.
        """
        longest: dict[int, tuple[int, str]] = {}  # start → the longest valid key found there so far
        irregular: list[int] = []  # starts where a key may run across white space other than one space
        size = len(padded)
        for last, (length, key_length, key, condition) in self.anchor_automaton.iter(padded):
            start = last + 1 - length
            if key is None:
                irregular.append(start)
                continue
            end = start + key_length
            if end < size:
                char = padded[end]
                if char.isalnum() or char in "_’'-":
                    continue
            if condition is not None and condition(padded, end) is None:
                continue
            known = longest.get(start)
            if known is None or known[0] < end:
                longest[start] = (end, key)
        matches = []
        search_from = 0
        if irregular:
            starts = sorted({*longest, *irregular})
            regex_match = self.anchor_regex.match
            checked = set(irregular)
            for start in starts:
                if start < search_from:
                    continue
                if start in checked:
                    match = regex_match(padded, start)
                    if match is None:
                        continue
                    search_from = match.end()
                    matches.append((start, search_from, match[1]))
                else:
                    search_from, key = longest[start]
                    matches.append((start, search_from, key))
            return matches
        for start in sorted(longest):
            if start >= search_from:
                search_from, key = longest[start]
                matches.append((start, search_from, key))
        return matches

    def anchor_hits(self, lowered: str) -> list[tuple[int, int, int, int]]:
        """(offset, end, kind mask, verb end) of words that may belong to a cue: a superset, checked later.

        `lowered` is the article lower-cased with offsets kept (`lower_same_length`). The verb end is where the
        reporting verb after a vague noun (one without tails, not a role) ends ("analysts said": after "said"),
        when the source test found one; otherwise 0.
        """
        padded = " " + lowered.replace("\n", " ").replace("\t", " ")
        return self._tested_hits(self._anchor_matches(padded), padded, lowered)

    def anchor_hits_regex(self, lowered: str) -> list[tuple[int, int, int, int]]:
        """`anchor_hits` with the anchor regex's own scan: the reference the automaton is tested against."""
        padded = " " + lowered.replace("\n", " ").replace("\t", " ")
        matches = [(match.start(), match.end(), match[1]) for match in self.anchor_regex.finditer(padded)]
        return self._tested_hits(matches, padded, lowered)

    def _tested_hits(
        self, matches: Iterable[tuple[int, int, str]], padded: str, lowered: str
    ) -> list[tuple[int, int, int, int]]:
        """The anchor matches (start, end, word) in `padded` that pass the source test, as `anchor_hits` gives."""
        kinds = self.anchor_kinds
        tests = self.source_tests
        # A match starts at the space before its word; with one space prepended, that is the word's offset.
        hits = []
        for match_start, match_end, word in matches:
            verb_end = 0
            test = tests.get(word)
            if test is not None:
                # A vague noun or a role alone: a source only next to a reporting verb or at a clause end. The check
                # tests that within the paragraph; this looser test (on the text with its line breaks, which end
                # paragraphs) spares it most such words.
                end = match_end
                tails, after, role = test
                # (match_start is the word's offset in `lowered`)
                if role and INDEFINITE_BEFORE.search(lowered, max(0, match_start - 40), match_start) is None:
                    continue  # "official data": a role noun is a source only as "a (senior) official"
                if tails:
                    for tail in tails:
                        if padded.startswith(tail, end):
                            end += len(tail)
                            break
                    else:
                        continue  # "outside" without "world"
                found = after.match(lowered, end - 1)
                if found is None:
                    continue
                if not tails and found.lastgroup == "verb" and kinds[word] & SOURCE_HEAD:
                    verb_end = found.end()
            kind = kinds.get(word)
            if kind is None:  # a phrase written across a line break or with double spaces
                kind = kinds.get(" ".join(word.split()), 0)
            hits.append((match_start, match_end - 1, kind, verb_end))
        return hits


def lexicon_for(extra: Sequence[Path] = ()) -> AttributionLexicon:
    return AttributionLexicon(load_words(extra))
