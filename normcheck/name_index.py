"""A gazetteer compiled for matching: exact forms bucketed by first word, blocked lists for fuzzy look-ups.

Exact matching makes one C-speed pass over the text for capitalised words (names are capitalised), then
tries, at each of those positions only, the trie-shaped regex of the gazetteer forms that begin with
that word. Its cost does not grow with the number of entities the way a per-word scan of the gazetteer
would. Fuzzy look-ups touch only the forms that share a first-letter class and a compatible length with
the query, and are remembered for the rest of the run.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from normcheck.folding import block_key, fold, normalize_key
from normcheck.gazetteer import Entity, FormKind, Gazetteer

_UPPER_CLASS = "[" + re.escape("".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())) + "]"
# The charset comes first so the regex engine can skip ahead to capitals; the look-behind then rules out
# a capital inside a word ("McDonald" is one word, not "Donald").
_CAPITALISED_WORD = re.compile(_UPPER_CLASS + r"(?<![\w'’]" + _UPPER_CLASS + r")[^\W\d_]*")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_SEPARATOR_PATTERN = r"(?:[-\u2010\u2011]|[ \t]+|[ \t]*\r?\n[ \t]*)"
_APOSTROPHE_PATTERN = r"['\u2019]"
FUZZY_CUTOFF = 80.0
_FUZZY_KINDS = (FormKind.CANONICAL, FormKind.SHORT, FormKind.ACCEPTED, FormKind.VARIANT)
_MIN_FUZZY_LENGTH = 4


@dataclass(frozen=True)
class FormRef:
    entity: Entity
    kind: FormKind
    form: str


@dataclass(frozen=True)
class KnownMatch:
    start: int
    end: int
    surface: str
    refs: tuple[FormRef, ...]


@dataclass(frozen=True)
class FuzzyCandidate:
    score: float
    ref: FormRef


def _char_pattern(char: str) -> str:
    if char == " ":
        return _SEPARATOR_PATTERN
    if char == "'":
        return _APOSTROPHE_PATTERN
    return re.escape(char)


_Trie = dict[str, "_Trie"]


def _trie_pattern(keys: list[str]) -> str:
    trie: _Trie = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        branches = [_char_pattern(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"  # greedy: the longest form wins, shorter ones on backtracking
        return body

    return render(trie)


class NameIndex:
    """Exact and fuzzy look-up of gazetteer forms. Build once per run (per worker process)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        forms_by_key: dict[str, list[FormRef]] = {}
        for entity in gazetteer.entities:
            for form, kind in entity.forms():
                forms_by_key.setdefault(normalize_key(form), []).append(FormRef(entity, kind, form))
        self.forms_by_key = {key: tuple(refs) for key, refs in forms_by_key.items()}
        buckets: dict[str, list[str]] = {}
        lowercase_starts: set[str] = set()
        for key, refs in self.forms_by_key.items():
            first = _FIRST_WORD.match(key)
            if first is None:
                continue
            buckets.setdefault(first.group(0), []).append(key)
            if any(ref.form[:1].islower() for ref in refs):
                lowercase_starts.add(first.group(0))
        self._bucket_keys = buckets
        # Most first words are the whole form ("kyiv"): those need no regex, a string comparison will do.
        self._whole_word_refs = {
            first: self.forms_by_key[first] for first, keys in buckets.items() if keys == [first] and first.isalpha()
        }
        self._bucket_patterns: dict[str, re.Pattern[str] | None] = {}
        # Forms that begin in lower case ("al-Qaida", "bin Laden") need their own, small, start pattern.
        self._lowercase_start = (
            re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lowercase_starts))) + r")\b")
            if lowercase_starts
            else None
        )
        self.related_folds = frozenset(fold(form) for entity in gazetteer.entities for form in entity.related)
        self._blocks = self._build_fuzzy_blocks(gazetteer)
        # Folded spellings that are too short for ratio scoring still count when they fold equal.
        exact: dict[str, list[FormRef]] = {}
        for entity in gazetteer.entities:
            if entity.fuzzy:
                for form, kind in entity.forms():
                    if kind in _FUZZY_KINDS:
                        exact.setdefault(fold(form), []).append(FormRef(entity, kind, form))
        self._folded_exact = {key: tuple(refs) for key, refs in exact.items()}
        self._fuzzy_memo: dict[str, tuple[FuzzyCandidate, ...]] = {}

    @staticmethod
    def _build_fuzzy_blocks(gazetteer: Gazetteer) -> dict[str, tuple[list[int], list[str], list[FormRef]]]:
        staged: dict[str, list[tuple[int, str, FormRef]]] = {}
        for entity in gazetteer.entities:
            if not entity.fuzzy:
                continue
            for form, kind in entity.forms():
                if kind not in _FUZZY_KINDS:
                    continue
                folded = fold(form)
                if len(folded) < _MIN_FUZZY_LENGTH:
                    continue
                staged.setdefault(block_key(folded), []).append((len(folded), folded, FormRef(entity, kind, form)))
        blocks = {}
        for key, items in staged.items():
            items.sort(key=lambda item: (item[0], item[1], item[2].entity.id))
            blocks[key] = ([item[0] for item in items], [item[1] for item in items], [item[2] for item in items])
        return blocks

    def _bucket_pattern(self, first_word: str) -> re.Pattern[str] | None:
        """The trie regex of the forms beginning with `first_word`, compiled on first use."""
        try:
            return self._bucket_patterns[first_word]
        except KeyError:
            keys = self._bucket_keys.get(first_word)
            pattern = re.compile(_trie_pattern(sorted(keys)) + r"(?!\w)", re.IGNORECASE) if keys else None
            self._bucket_patterns[first_word] = pattern
            return pattern

    def scan(self, text: str) -> tuple[list[KnownMatch], list[int]]:
        """Gazetteer forms in `text`, and the start of every other capitalised word (outside those forms)."""
        # This loop runs once per capitalised word of every article: keep it lean.
        lowercase_known = self._lowercase_matches(text)
        blocked = iter(lowercase_known)
        next_block = next(blocked, None)
        known: list[KnownMatch] = []
        others: list[int] = []
        covered_until = 0
        patterns = self._bucket_patterns
        forms_by_key = self.forms_by_key
        whole_word_refs = self._whole_word_refs
        for word in _CAPITALISED_WORD.finditer(text):
            start = word.start()
            if start < covered_until:
                continue
            while next_block is not None and next_block.end <= start:
                next_block = next(blocked, None)
            if next_block is not None and next_block.start <= start:
                continue
            surface = word.group()
            first = surface.lower()
            whole = whole_word_refs.get(first)
            if whole is not None:
                end = word.end()
                if end == len(text) or not (text[end].isalnum() or text[end] == "_"):
                    known.append(KnownMatch(start, end, surface, whole))
                    covered_until = end
                    continue
            pattern = patterns[first] if first in patterns else self._bucket_pattern(first)
            match = pattern.match(text, start) if pattern is not None else None
            if match is not None:
                surface = match.group()
                refs = forms_by_key.get(normalize_key(surface))
                if refs:
                    found = KnownMatch(start, match.end(), surface, refs)
                    if " " in surface and all(ref.kind is not FormKind.CANONICAL for ref in refs):
                        found = self._longer_form_inside(text, found) or found
                    known.append(found)
                    covered_until = found.end
                    continue
            others.append(start)
        if lowercase_known:
            known = sorted([*known, *lowercase_known], key=lambda item: item.start)
        return known, others

    def _longer_form_inside(self, text: str, found: KnownMatch) -> KnownMatch | None:
        """A form that begins at a later word of a match and reaches past its end: "Prince Mohammed" (a short form) in
        "Crown Prince Mohammed bin Salman" is the start of "Mohammed bin Salman"."""
        position = text.find(" ", found.start, found.end)
        while position != -1:
            word = _FIRST_WORD.match(text, position + 1)
            if word is not None:
                pattern = self._bucket_pattern(word.group().lower())
                longer = pattern.match(text, word.start()) if pattern is not None else None
                if longer is not None and longer.end() > found.end:
                    refs = self.forms_by_key.get(normalize_key(longer.group()))
                    if refs:
                        return KnownMatch(word.start(), longer.end(), longer.group(), refs)
            position = text.find(" ", position + 1, found.end)
        return None

    def _lowercase_matches(self, text: str) -> list[KnownMatch]:
        """Forms that begin in lower case ("al-Qaida"), which the capitalised-word pass cannot see."""
        if self._lowercase_start is None:
            return []
        found: list[KnownMatch] = []
        covered_until = 0
        for word in self._lowercase_start.finditer(text):
            start = word.start()
            if start < covered_until:
                continue
            pattern = self._bucket_pattern(word.group())
            match = pattern.match(text, start) if pattern is not None else None
            if match is not None:
                refs = self.forms_by_key.get(normalize_key(match.group()))
                if refs:
                    found.append(KnownMatch(start, match.end(), match.group(), refs))
                    covered_until = match.end()
        return found

    def lookup(self, name: str) -> tuple[FormRef, ...]:
        return self.forms_by_key.get(normalize_key(name), ())

    def fuzzy_candidates(self, folded: str) -> tuple[FuzzyCandidate, ...]:
        """Gazetteer forms whose folded spelling scores at least FUZZY_CUTOFF against `folded`."""
        cached = self._fuzzy_memo.get(folded)
        if cached is not None:
            return cached
        found = [FuzzyCandidate(100.0, ref) for ref in self._folded_exact.get(folded, ())]
        block = self._blocks.get(block_key(folded))
        if block is not None and len(folded) >= _MIN_FUZZY_LENGTH:
            lengths, choices, refs = block
            # ratio >= c needs the other length within [L*c/(200-c), L*(200-c)/c]
            low = bisect.bisect_left(lengths, len(folded) * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF))
            high = bisect.bisect_right(lengths, len(folded) * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF)
            if low < high:
                hits = process.extract(folded, choices[low:high], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8)
                found.extend(FuzzyCandidate(score, refs[low + position]) for _, score, position in hits if score < 100)
        result = tuple(
            sorted(found, key=lambda candidate: (-candidate.score, candidate.ref.entity.id, candidate.ref.form))
        )
        self._fuzzy_memo[folded] = result
        return result
