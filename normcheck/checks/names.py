"""Name consistency: gazetteer variants, near-misses, unknown look-alikes, short first mentions."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from normcheck.checks.language import MIXED_SCRIPT
from normcheck.context import CheckContext
from normcheck.document import Document
from normcheck.finding import Applicability, Edit, Finding, Fix, Severity
from normcheck.folding import fold, loose_fold, normalize_key
from normcheck.gazetteer import Entity, FormKind
from normcheck.language_id import article_language
from normcheck.name_index import FormRef, FuzzyCandidate, KnownMatch
from normcheck.rules import Rule
from normcheck.scripts import HOMOGLYPHS, LATIN, script_of
from normcheck.segmentation import QUOTE_OPENERS

VARIANT = Rule(
    code="NC101",
    name="name-variant",
    summary="A known variant spelling of a gazetteer entity",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what="Finds spellings the gazetteer lists as variants of an entity (Kiev, Naqqa, Gaddafi) and spaced forms of "
    "hyphenated names (Nagorno Karabakh).",
    why="One entity spelled several ways reads as several entities, and breaks archive search.",
    example_before="Fighting resumed in the Naka region, Kiev’s envoy said.",
    example_after="Fighting resumed in the Nagorno-Karabakh region, Kyiv’s envoy said.",
    fix_safety="Safe: the gazetteer says the variant means this entity. Case (an all-caps headline) and "
    "possessives are kept; a one-word variant of a person's name becomes the short (surname) form.",
    fix_varies=True,
)
NEAR_MISS = Rule(
    code="NC102",
    name="name-near-miss",
    summary="An unknown spelling close to a gazetteer name after transliteration folding",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    what="Finds capitalised names in no gazetteer that fold (diacritics, q/k, kh/h, y/i, ou/u, doubled letters) to "
    "a gazetteer name or score high against it, when the article's context confirms the entity.",
    why="Transliteration produces spellings no list has seen; each one splits the entity further.",
    example_before="Ukraine's capital Kyyiv was quiet on Friday.",
    example_after="Ukraine's capital Kyiv was quiet on Friday.",
    fix_safety="Unsafe: a look-alike may be a different real name. Names that are themselves in the gazetteer "
    "(Niger/Nigeria, Austria/Australia) are never treated as variants; applied only with --unsafe-fixes.",
)
UNKNOWN_LOOKALIKES = Rule(
    code="NC103",
    name="name-inconsistent-unknown",
    summary="One name in no gazetteer, spelled two ways in one article",
    severity=Severity.WARNING,
    fix=Applicability.DISPLAY_ONLY,
    what="Clusters capitalised names that are in no gazetteer by their folded spelling; when one article uses two "
    "spellings of one cluster, every occurrence of the less frequent spelling is reported.",
    why="Local names (villages, district officials) are where translators disagree, and no gazetteer has them.",
    example_before="Shelling hit Martuni overnight. Residents of Martuni fled. The Martouni hospital was hit.",
    example_after=None,
    fix_safety="Display only: the tool cannot know which spelling is right; it suggests the more frequent one.",
)
SHORT_FIRST_MENTION = Rule(
    code="NC104",
    name="person-short-first-mention",
    summary="A person's first mention uses the short form",
    severity=Severity.INFO,
    fix=Applicability.UNSAFE,
    what="Reports a gazetteer person whose first mention in the body (headlines aside) is the surname alone.",
    why="News style introduces people by full name on first reference.",
    example_before="Putin said the truce would hold. Russian President Vladimir Putin spoke on television.",
    example_after="Vladimir Putin said the truce would hold. Russian President Vladimir Putin spoke on television.",
    fix_safety="Unsafe: the full name may already stand nearby in another form; applied only with --unsafe-fixes.",
)
RULES = (VARIANT, NEAR_MISS, UNKNOWN_LOOKALIKES, SHORT_FIRST_MENTION)

# CheckContext.options key: a list to which the check appends each document's NameUsage. Set it to collect
# archive-wide consistency tables (normcheck.consistency); findings are the same with or without it.
USAGE_SINK = "names.usage-sink"


@dataclass(frozen=True)
class NameUsage:
    """The name spellings one article uses, as the name check read them: for archive-wide tables."""

    # (entity id, spelling as written, offset): every mention resolved to one entity, near misses included
    mentions: tuple[tuple[str, str, int], ...]
    # (spelling, offset, counts as a name use): capitalised words in no gazetteer and not claimed as near
    # misses; the flag is False at a sentence start or in a headline, where any word is capitalised
    unknown: tuple[tuple[str, int, bool], ...]
    # capitalised words dropped because the article also writes them in lower case (ordinary words)
    lowercase: tuple[str, ...]


_CAPITALISED_TOKEN = re.compile(r"(?<![\w'’])[A-Z\u00C0-\u00DE\u0100-\u024F][^\W\d_]*(?:['’\-][^\W\d_]+)*")
_NEXT_CAPITALISED_WORD = re.compile(r"[ \t]([A-Z][\w'’\-]*)")
_PREVIOUS_CAPITALISED_WORD = re.compile(r"(?<![\w'’\-])([A-Z][\w'’\-]*)[ \t]$")
# A variant given as the old or another name of the place: "Mumbai, known as Bombay until 1995", "Bombay (now
# Mumbai)", "Kiev, as it was then spelled". There the variant is the point, not a slip.
_NAMED_AS_BEFORE = re.compile(
    r"(?:\b(?:known|spelled|spelt|written|called|named|renamed|formerly|previously|once)(?:[ \t]+(?:as|from))?"
    r"|\bthe[ \t]+name)[ \t]+[\"“'‘]?$",
    re.IGNORECASE,
)
_NAMED_AS_AFTER = re.compile(
    r"[\"”'’]?(?:[ \t]*\((?:now|today|formerly)\b|,?[ \t]+as[ \t]+(?:it|the[ \t]+\w+)[ \t]+(?:was|is|used[ \t]+to[ \t]+be)"
    r"(?:[ \t]+(?:then|once|formerly|still|officially))?[ \t]+(?:called|known|spelled|spelt|written|named)\b)",
    re.IGNORECASE,
)
# Words a person's name qualifies ("the Stalin era", "Mao suits", "Nazarbayev University"): there the name is not a
# mention of the person that a first-mention rule should complete.
_QUALIFIED_BY_A_NAME = frozenset(
    [
        "era", "eras", "years", "regime", "government", "administration", "suit", "suits", "doctrine", "style",
        "period", "rule", "family", "dynasty", "clan", "legacy", "statue", "statues", "mausoleum", "cult",
        "University", "Foundation", "Airport", "Street", "Avenue", "Square", "Stadium", "Prize", "Institute",
        "Center", "Centre", "Library", "Museum", "Bridge", "Park", "Hall", "Doctrine", "Group", "Memorial",
        "Boulevard", "Mausoleum", "School", "Academy", "Fund", "Award",
    ]
)  # fmt: skip
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
# "a Pudong resident surnamed Wang": someone else with the surname, so a bare "Wang" is not Wang Yi.
_SURNAME_GIVEN = ("surnamed ", "nicknamed ")
# An Arabic name part before a surname ("Saif al-Islam Gaddafi", "Khalifa bin Zayed"): a longer name than the
# gazetteer's, whose particle is written in lower case.
_PREVIOUS_NAME_PARTICLE = re.compile(
    r"(?<![\w'’\-])(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|bint|abu|abd|ould)[\- ][A-Z][\w'’]*[ \t]$"
)
# A word opens a sentence when only spaces, quotes, brackets or markup stand between it and a full stop,
# a paragraph break or the start of the text. (An abbreviation such as "Mr." counts as a stop here: such
# a word is then judged a little more cautiously, which costs recall, not precision.)
_SENTENCE_OPENING = re.compile(r"(?:[.!?…:]|^|\n[ \t]*\n|\A)[\"'“‘«(\[*_#>\s-]*$")
_LOWERCASE_COMPOUND_TAIL = re.compile(r"(?<=[^\W\d_])-(?=[a-z])")
_POSSESSIVE = re.compile(r"['’]s?$")
# Suffixes that turn a name into another word ("Armenia" → "Armenian"); such pairs are not look-alikes.
_DERIVATIONAL_SUFFIXES = frozenset(
    "s es n ns an ian ans ians er ers ern ite ites i is ese ish ic ics a ov ova ev eva".split()
)
_HIGH_SCORE = 90.0
_UNCONFIRMED_MIN_LENGTH = 6  # a fold-equal spelling this long needs no context words
_HIGH_SCORE_MIN_LENGTH = 8
_CLUSTER_SCORE = 85.0
_TIE_MARGIN = 3.0


@dataclass(frozen=True)
class _SurfaceVerdict:
    """What a matched spelling is, independent of where it stands; computed once per spelling per run."""

    refs: tuple[FormRef, ...]  # the forms it may be, after the case rule and exact-spelling preference
    variants: tuple[FormRef, ...]  # forms to rewrite: gazetteer variants, or a house form spaced differently
    single_word: bool
    entity_ids: tuple[str, ...]  # the entities `refs` belong to, each once


def _judge_surface(match: KnownMatch) -> _SurfaceVerdict:
    refs = _preferred_refs(match.surface, [ref for ref in match.refs if _case_acceptable(match.surface, ref.form)])
    variants = [ref for ref in refs if ref.kind is FormKind.VARIANT]
    if not variants:
        house = next((ref for ref in refs if ref.kind in _HOUSE_KINDS), None)
        if house is not None and _separators_differ(match.surface, house.form):
            variants = [house]  # "Nagorno Karabakh" for "Nagorno-Karabakh"
    single_word = len(normalize_key(match.surface).split()) == 1
    entity_ids = tuple(dict.fromkeys(ref.entity.id for ref in refs))
    return _SurfaceVerdict(tuple(refs), tuple(variants), single_word, entity_ids)


@dataclass
class _Token:
    start: int
    end: int
    text: str
    sentence_initial: bool


def _as_latin(word: str) -> str | None:
    """The word with its letters of other scripts written as the Latin letters they look exactly like; None when it
    has no such letter, or a letter of another script that looks like no Latin one."""
    if word.isascii():
        return None  # nearly every word: asked first, as it costs next to nothing
    foreign = [char for char in word if script_of(char) not in (None, LATIN)]
    if not foreign or any(char not in HOMOGLYPHS for char in foreign):
        return None
    return "".join(HOMOGLYPHS.get(char, char) for char in word)


def _with_case_of(surface: str, replacement: str) -> str:
    letters = [char for char in surface if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return replacement.upper()
    if surface[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _case_acceptable(surface: str, form: str) -> bool:
    """Names are capitalised: "china" the porcelain is not "China" the country."""
    first = surface[:1]
    return first.isupper() or (form[:1].islower() and first == form[:1])


_HOUSE_KINDS = (FormKind.CANONICAL, FormKind.SHORT, FormKind.ACCEPTED, FormKind.RELATED)


def _spelling(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("\u2019", "'"))


def _preferred_refs(surface: str, refs: list[FormRef]) -> list[FormRef]:
    """Forms that differ only in case ("Nato" the variant, "NATO" the house form): the exact spelling decides.

    Without an exact spelling, a form written the same apart from case is the house form in an all-caps
    headline ("NAGORNO-KARABAKH"), not a variant.
    """
    exact = [ref for ref in refs if _spelling(ref.form) == _spelling(surface)]
    if exact:
        return exact
    same_letters = [ref for ref in refs if _spelling(ref.form).lower() == _spelling(surface).lower()]
    house = [ref for ref in same_letters if ref.kind in _HOUSE_KINDS]
    return house or refs


def _separators_differ(surface: str, form: str) -> bool:
    def normalized(value: str) -> str:
        return re.sub(r"\s+", " ", value.replace("\u2019", "'")).lower()

    return normalized(surface) != normalized(form)


def _occurs_as_word(text: str, word: str) -> bool:
    """`word` stands in `text` as a whole word (a plain substring search: far faster than a regex here)."""
    position = text.find(word)
    while position != -1:
        before = text[position - 1] if position else " "
        after = text[position + len(word) : position + len(word) + 1] or " "
        if not (before.isalnum() or before in "'’-") and not after.isalnum():
            return True
        position = text.find(word, position + 1)
    return False


def is_derived(word: str, base: str) -> bool:
    """One word is the other plus a derivational suffix ("Armenian" from "Armenia"): not look-alikes."""
    word, base = word.lower(), base.lower()
    if len(word) < len(base):
        word, base = base, word
    return word.startswith(base) and word[len(base) :] in _DERIVATIONAL_SUFFIXES


class _NameScan:
    """All name findings of one document; state lives only for the scan of that document."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        # The gazetteer as an article in this language sees it: French house forms in a French article.
        language = article_language(doc, ctx).code if ctx.gazetteer.languages else None
        self.index = ctx.name_index_for(language)
        memo_name = "names.surface-verdicts" if self.index is ctx.name_index else f"names.surface-verdicts.{language}"
        self.verdicts: dict[str, _SurfaceVerdict] = ctx.memo(memo_name)
        self.doc = doc
        self.text = doc.checkable
        self.common_words = ctx.common_words
        self.findings: list[Finding] = []
        self.known_spans: list[tuple[int, int]] = []
        self.mentions: list[tuple[int, int, Entity, FormKind, str]] = []  # start, end, entity, kind, form
        self._lower_case_seen: dict[str, bool] = {}
        self.known_starts: set[int] = set()
        self.capitalised_starts: list[int] = []  # capitalised words that are not gazetteer forms
        self.shadowed_entities: set[str] = set()
        self.present: Counter[str] = Counter()  # entity id → spellings of it in the article, any form
        self.lowercase_words: set[str] = set()  # capitalised here, lower case elsewhere in the article
        self.mixed_script_enabled = ctx.selection.enabled(MIXED_SCRIPT.code)
        # Quotations are worked out only for a text that can hold one (most articles: a few str.find calls).
        self.has_quote_marks = any(mark in self.text for mark in QUOTE_OPENERS)

    # -- shared helpers -------------------------------------------------------------------------
    def used_in_lower_case(self, word: str) -> bool:
        """Whether the article also writes `word` in lower case: then it is an ordinary word, not a name."""
        lowered = word.lower()
        known = self._lower_case_seen.get(lowered)
        if known is None:
            known = self._lower_case_seen[lowered] = _occurs_as_word(self.text, lowered)
        return known

    def _next_word_is_unknown_name(self, start: int, end: int) -> bool:
        """True for "Bombay Sapphire", "Kiev Pechersk": the match is part of a longer proper name."""
        if self.text[start:end].isupper():
            return False  # in an all-caps headline every word is capitalised
        match = _NEXT_CAPITALISED_WORD.match(self.text, end)
        if not match or match.start(1) in self.known_starts:
            return False
        return self._is_unknown_name(_POSSESSIVE.sub("", match.group(1)))

    def _previous_word_is_unknown_name(self, start: int, end: int) -> bool:
        """True for "Vitaliy Kim": the short form belongs to a name the gazetteer does not know."""
        if self.text[start:end].isupper():
            return False
        low = max(0, start - 40)
        match = _PREVIOUS_CAPITALISED_WORD.search(self.text, low, start)
        if match is not None and self._is_unknown_name(match.group(1)):
            return True
        return _PREVIOUS_NAME_PARTICLE.search(self.text, low, start) is not None

    def _is_unknown_name(self, word: str) -> bool:
        if word.lower() in self.common_words or self.index.lookup(word):
            return False
        # A look-alike of a gazetteer name ("Kiev Kyyiv") is a neighbouring name, not part of this one.
        return not any(candidate.score >= _HIGH_SCORE for candidate in self.index.fuzzy_candidates(fold(word)))

    def _add(self, rule: Rule, start: int, end: int, message: str, fix: Fix | None = None, **extra: object) -> None:
        self.findings.append(Finding(rule.code, rule.name, rule.severity, start, end, message, fix, dict(extra)))

    # -- NC101 ----------------------------------------------------------------------------------
    def scan_known(self) -> None:
        matches, self.capitalised_starts = self.index.scan(self.text)
        self.known_starts = {match.start for match in matches}
        for match in matches:
            verdict = self.verdicts.get(match.surface)
            if verdict is None:
                verdict = self.verdicts[match.surface] = _judge_surface(match)
            if not verdict.refs:
                continue
            self.known_spans.append((match.start, match.end))
            if verdict.variants and self._inside_accepted_form(match, verdict.variants):
                continue  # "chicken Kiev": neither a mention of the city nor a variant to rewrite
            for entity_id in verdict.entity_ids:
                self.present[entity_id] += 1
            self._record_mention(match, verdict)
            if verdict.variants:
                self._report_variant(match, verdict)

    def _next_word_is_another_name(self, end: int) -> bool:
        """A gazetteer name right after the form: "Saddam Hifter" (a son of Khalifa Hifter) is not Saddam Hussein."""
        match = _NEXT_CAPITALISED_WORD.match(self.text, end)
        return match is not None and match.start(1) in self.known_starts

    def _names_a_thing(self, end: int) -> bool:
        """The name qualifies what follows it: "Khrushchev-era", "the Stalin era", "Nazarbayev University"."""
        text = self.text
        if text.startswith("-", end) and text[end + 1 : end + 2].isalpha():
            return True
        following = _NEXT_WORD.match(text, end)
        return following is not None and following.group(1) in _QUALIFIED_BY_A_NAME

    def _record_mention(self, match: KnownMatch, verdict: _SurfaceVerdict) -> None:
        if len(verdict.entity_ids) != 1:
            return  # a form two entities share says nothing about which one is meant
        ref = verdict.refs[0]
        if (
            verdict.single_word
            and ref.kind is not FormKind.CANONICAL
            and (
                self._next_word_is_unknown_name(match.start, match.end)
                or self._next_word_is_another_name(match.end)
                or self.text[max(0, match.start - 12) : match.start].endswith(_SURNAME_GIVEN)
                or self._previous_word_is_unknown_name(match.start, match.end)
            )
        ):
            # "Vitaliy Kim" is not Kim Jong Un, nor "Saddam Hifter" Saddam Hussein, and neither is a later bare "Kim"
            # in the same article.
            self.shadowed_entities.add(ref.entity.id)
            return
        self.mentions.append((match.start, match.end, ref.entity, ref.kind, ref.form))

    def _inside_accepted_form(self, match: KnownMatch, variants: tuple[FormRef, ...]) -> bool:
        """Whether the variant is part of a form its entity's gazetteer entry accepts, written in another case
        ("chicken Kiev" for the accepted "Chicken Kiev"; the form as written is matched whole by the scan)."""
        text, surface = self.text, match.surface.lower()
        for ref in variants:
            for form in ref.entity.accepted:
                lowered = form.lower()
                offset = lowered.find(surface)
                while offset != -1:
                    start, end = match.start - offset, match.start - offset + len(form)
                    if (
                        start >= 0
                        and text[start:end].lower() == lowered
                        and not (start > 0 and text[start - 1].isalnum())
                        and not (end < len(text) and text[end].isalnum())
                    ):
                        return True
                    offset = lowered.find(surface, offset + 1)
        return False

    def _report_variant(self, match: KnownMatch, verdict: _SurfaceVerdict) -> None:
        if verdict.single_word and self._next_word_is_unknown_name(match.start, match.end):
            return  # "Bombay Sapphire": a longer proper name the gazetteer does not know
        if _NAMED_AS_BEFORE.search(self.text, max(0, match.start - 30), match.start) or _NAMED_AS_AFTER.match(
            self.text, match.end
        ):
            return  # "Mumbai, known as Bombay until 1995": the old name is what the sentence is about
        variants = verdict.variants
        entities = {ref.entity.id: ref.entity for ref in variants}
        applicability = Applicability.SAFE
        ref = variants[0]
        if len(entities) > 1:
            chosen = self._choose_by_context(list(entities.values()))
            if chosen is None:
                names = " or ".join(f'"{entity.canonical}"' for entity in entities.values())
                message = f'"{match.surface}" is a variant of {names}; the context does not tell which'
                self._add(VARIANT, match.start, match.end, message, None, entity=None, candidates=sorted(entities))
                return
            ref = next(ref for ref in variants if ref.entity is chosen)
            applicability = Applicability.UNSAFE
        target = ref.form if ref.kind is not FormKind.VARIANT else ref.entity.replacement_for(ref.form)
        replacement = _with_case_of(match.surface, target)
        if replacement == match.surface:
            return  # "Al-Qaida" opening a sentence is the house form capitalised, not a variant
        self._add(
            VARIANT,
            match.start,
            match.end,
            f'"{match.surface}" is a variant of "{target}"',
            Fix((Edit(match.start, match.end, replacement),), applicability),
            entity=ref.entity.id,
            canonical=ref.entity.canonical,
            replacement=replacement,
        )

    def _context_score(self, entity: Entity) -> int:
        return sum(1 for word in entity.context if word in self.text) + self.present[entity.id]

    def _choose_by_context(self, entities: list[Entity]) -> Entity | None:
        scored = sorted(
            ((self._context_score(entity), entity.id, entity) for entity in entities),
            key=lambda item: (-item[0], item[1]),
        )
        if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][2]
        return None

    # -- tokens not in the gazetteer ----------------------------------------------------------------
    def unknown_tokens(self) -> list[_Token]:
        text = self.text
        known_spans = sorted(self.known_spans)
        span_starts = [start for start, _ in known_spans]
        # Judge each distinct spelling once; most capitalised words in an article repeat.
        head_of: dict[str, str | None] = {}
        candidates: list[tuple[int, str]] = []
        for start in self.capitalised_starts:
            if start >= 2 and text[start - 1] in "-\u2010\u2011" and text[start - 2].isalpha():
                continue  # the second half of a compound already read with its first half
            token = _CAPITALISED_TOKEN.match(text, start)
            if token is None:
                continue
            raw = token.group(0)
            head = head_of.get(raw, "")
            if head == "":
                head = head_of[raw] = self._name_head(raw)
            if head is None:
                continue
            position = bisect.bisect_right(span_starts, start) - 1
            if position >= 0 and known_spans[position][1] > start:
                continue
            candidates.append((start, head))
        if not candidates:
            return []
        tokens = []
        for start, word in candidates:
            if self.used_in_lower_case(word):
                self.lowercase_words.add(word)
            else:
                tokens.append(_Token(start, start + len(word), word, self._starts_sentence(start)))
        return tokens

    def _starts_sentence(self, start: int) -> bool:
        """Whether a word opens a sentence: only quotes, brackets or markup stand between it and the last stop."""
        lead = _SENTENCE_OPENING.search(self.text, max(0, start - 12), start)
        return lead is not None

    def _name_head(self, raw: str) -> str | None:
        """The name-like head of a capitalised token ("Naka-based" → "Naka"), or None for ordinary words."""
        word = _POSSESSIVE.sub("", raw)
        if "-" in word:
            word = _LOWERCASE_COMPOUND_TAIL.split(word, maxsplit=1)[0]
        if len(word) < 4 or not word[:1].isupper() or word.isupper() or word.lower() in self.common_words:
            return None
        return word

    # -- NC102 ------------------------------------------------------------------------------------
    def scan_near_misses(self, tokens: list[_Token]) -> list[_Token]:
        """Report near-misses; return the tokens that were not attributed to any entity."""
        by_text: dict[str, list[_Token]] = {}
        for token in tokens:
            by_text.setdefault(token.text, []).append(token)
        unclaimed: list[_Token] = []
        for word, occurrences in by_text.items():
            decision = self._near_miss_target(word, occurrences)
            if decision is None:
                unclaimed.extend(occurrences)
                continue
            candidate, target = decision
            # "Nаgorno-Karabakh" with a Cyrillic а: the language check reports the look-alike letter with a safe fix,
            # which leaves the house form; a near miss on the same word would be the same problem reported twice.
            as_latin = _as_latin(word) if self.mixed_script_enabled else None
            reported_as_mixed_script = as_latin is not None and bool(self.index.lookup(as_latin))
            for token in occurrences:
                self.mentions.append(
                    (token.start, token.end, candidate.ref.entity, candidate.ref.kind, candidate.ref.form)
                )
                self.present[candidate.ref.entity.id] += 1
                if reported_as_mixed_script:
                    continue
                replacement = _with_case_of(token.text, target)
                score = round(candidate.score)
                self._add(
                    NEAR_MISS,
                    token.start,
                    token.end,
                    f'"{token.text}" looks like a misspelling of "{target}" (similarity {score})',
                    Fix((Edit(token.start, token.end, replacement),), Applicability.UNSAFE),
                    entity=candidate.ref.entity.id,
                    canonical=candidate.ref.entity.canonical,
                    replacement=replacement,
                    score=score,
                )
        return unclaimed

    def _near_miss_target(self, word: str, occurrences: list[_Token]) -> tuple[FuzzyCandidate, str] | None:
        folded = fold(word)
        if folded in self.index.related_folds:
            return None
        candidates = [
            candidate
            for candidate in self.index.fuzzy_candidates(folded)
            if not is_derived(word, candidate.ref.form)
            and candidate.ref.kind is not FormKind.RELATED
            # One word is not a misspelt name of two: "Binladin" (the group) is not "bin Laden".
            and " " not in candidate.ref.form
        ]
        best_per_entity: dict[str, FuzzyCandidate] = {}
        for candidate in candidates:
            if self._strong_enough(candidate, folded, occurrences):
                best_per_entity.setdefault(candidate.ref.entity.id, candidate)
        if not best_per_entity:
            return None
        ranked = sorted(best_per_entity.values(), key=lambda candidate: (-candidate.score, candidate.ref.entity.id))
        confirmed = [candidate for candidate in ranked if self._context_score(candidate.ref.entity) > 0]
        best = ranked[0]
        if len(ranked) > 1 and ranked[1].score >= best.score - _TIE_MARGIN:
            # Two entities are about as close: only the article's context may decide.
            contenders = [candidate for candidate in confirmed if candidate.score >= best.score - _TIE_MARGIN]
            if len(contenders) != 1:
                return None
            best = contenders[0]
        elif best not in confirmed and not (best.score == 100 and len(folded) >= _UNCONFIRMED_MIN_LENGTH):
            return None
        ref = best.ref
        target = ref.entity.replacement_for(ref.form) if ref.kind is FormKind.VARIANT else ref.form
        return best, target

    @staticmethod
    def _strong_enough(candidate: FuzzyCandidate, folded: str, occurrences: list[_Token]) -> bool:
        if candidate.score >= 100:
            return True
        # A high but inexact score at sentence starts only is too weak: the word may be ordinary.
        return (
            candidate.score >= _HIGH_SCORE
            and len(folded) >= _HIGH_SCORE_MIN_LENGTH
            and not all(token.sentence_initial for token in occurrences)
        )

    # -- NC103 ------------------------------------------------------------------------------------
    def scan_unknown_lookalikes(self, tokens: list[_Token]) -> None:
        by_text: dict[str, list[_Token]] = {}
        for token in tokens:
            # The language check rewrites look-alike letters ("Pаshinyan" with a Cyrillic а): here the word counts
            # as it will read then, so that the letter is not reported a second time as another spelling.
            as_latin = _as_latin(token.text) if self.mixed_script_enabled else None
            by_text.setdefault(as_latin or token.text, []).append(token)
        mid_sentence = {
            word for word, occurrences in by_text.items() if not all(t.sentence_initial for t in occurrences)
        }
        mid_folds = {loose_fold(word) for word in mid_sentence}
        # A spelling seen only at sentence starts may be an ordinary word, unless it folds exactly onto a
        # name used mid-sentence ("Grigorian said ..." next to "Arsen Grigoryan").
        words = sorted(word for word in by_text if word in mid_sentence or loose_fold(word) in mid_folds)
        if len(words) < 2:
            return
        for members in cluster_lookalikes(words):
            counts = Counter({word: len(by_text[word]) for word in members})
            first_seen = {word: by_text[word][0].start for word in members}
            dominant = sorted(members, key=lambda word: (-counts[word], first_seen[word]))[0]
            summary = ", ".join(
                f"{word} ×{counts[word]}"
                for word in sorted(members, key=lambda word: (-counts[word], first_seen[word]))
            )
            for word in members:
                if word == dominant:
                    continue
                for token in by_text[word]:
                    self._add(
                        UNKNOWN_LOOKALIKES,
                        token.start,
                        token.end,
                        f'"{word}" and "{dominant}" look like one name spelled two ways ({summary}); use one spelling',
                        Fix((Edit(token.start, token.end, dominant),), Applicability.DISPLAY_ONLY),
                        forms=dict(counts),
                        suggestion=dominant,
                    )

    def usage(self, unclaimed: list[_Token]) -> NameUsage:
        text = self.doc.text
        mentions = []
        for start, end, entity, _, form in sorted(self.mentions, key=lambda mention: mention[0]):
            surface = re.sub(r"\s+", " ", text[start:end])
            letters = [char for char in surface if char.isalpha()]
            if len(letters) > 1 and all(char.isupper() for char in letters) and not form.isupper():
                surface = form  # "NAKA" in an all-caps headline is the spelling "Naka"
            mentions.append((entity.id, surface, start))
        unknown = tuple(
            (token.text, token.start, not token.sentence_initial and not self.doc.in_headline(token.start))
            for token in sorted(unclaimed, key=lambda token: token.start)
        )
        return NameUsage(tuple(mentions), unknown, tuple(sorted(self.lowercase_words)))

    # -- NC104 ------------------------------------------------------------------------------------
    def scan_short_first_mentions(self) -> None:
        first: dict[str, tuple[int, int, Entity, FormKind, str]] = {}
        for mention in sorted(self.mentions, key=lambda item: item[0]):
            start, end, entity, _, _ = mention
            if entity.type != "person" or not entity.short or entity.id in first:
                continue
            if entity.id in self.shadowed_entities or self.doc.in_headline(start):
                continue
            if self._names_a_thing(end) or (self.has_quote_marks and self.doc.in_quotation(start)):
                continue  # "the Khrushchev-era blocks", "Mao suits", a quote: not a mention of the person to complete
            first[entity.id] = mention
        for start, end, entity, kind, form in first.values():
            short = entity.short or ""
            is_short = (
                kind is FormKind.SHORT
                or (kind is FormKind.VARIANT and entity.replacement_for(form) == short)
                or (kind is FormKind.ACCEPTED and len(normalize_key(form).split()) == len(normalize_key(short).split()))
            )
            if not is_short:
                continue
            given_name = entity.canonical.split()[0]
            if self.text[max(0, start - len(given_name) - 4) : start].rstrip(" .").endswith(given_name.rstrip(".")):
                continue
            surface = self.doc.text[start:end]
            replacement = _with_case_of(surface, entity.canonical)
            self._add(
                SHORT_FIRST_MENTION,
                start,
                end,
                f'first mention of {entity.canonical} uses the short form "{surface}"; give the full name',
                Fix((Edit(start, end, replacement),), Applicability.UNSAFE),
                entity=entity.id,
                canonical=entity.canonical,
                replacement=replacement,
            )


def check_names(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    enabled = ctx.selection.enabled
    sink = ctx.options.get(USAGE_SINK)
    scan = _NameScan(doc, ctx)
    scan.scan_known()
    unclaimed: list[_Token] = []
    # Near misses feed the first-mention rule (a misspelt surname is still a mention), so they run for it too.
    if (
        enabled(NEAR_MISS.code)
        or enabled(UNKNOWN_LOOKALIKES.code)
        or enabled(SHORT_FIRST_MENTION.code)
        or isinstance(sink, list)
    ):
        tokens = scan.unknown_tokens()
        if tokens:
            unclaimed = scan.scan_near_misses(tokens)
            if enabled(UNKNOWN_LOOKALIKES.code):
                scan.scan_unknown_lookalikes(unclaimed)
    if enabled(SHORT_FIRST_MENTION.code):
        scan.scan_short_first_mentions()
    if isinstance(sink, list):
        sink.append(scan.usage(unclaimed))
    yield from scan.findings


def cluster_lookalikes(words: Iterable[str]) -> list[list[str]]:
    """Group names in no gazetteer that look like one name spelled several ways (NC103, and archive-wide).

    Two spellings join when their folded forms (G and H alike) begin with the same letter, are 4+ letters
    long, differ in length by at most two, score at least 85 (rapidfuzz ratio), and neither is the other
    plus a derivational suffix ("Martuni"/"Martunian"). Clusters are the connected groups of two or more,
    each in sorted order. Only spellings of one first letter and a close length are ever compared, so an
    archive's vocabulary of unknown names clusters in seconds.
    """
    distinct = sorted(set(words))
    folded = {word: loose_fold(word) for word in distinct}
    parent = {word: word for word in distinct}

    def root(word: str) -> str:
        while parent[word] != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    by_letter: dict[str, list[str]] = {}
    for word in distinct:
        if len(folded[word]) >= 4:
            by_letter.setdefault(folded[word][0], []).append(word)
    for group in by_letter.values():
        group.sort(key=lambda word: (len(folded[word]), word))
        lengths = [len(folded[word]) for word in group]
        keys = [folded[word] for word in group]
        for position, word in enumerate(group):
            query = keys[position]
            high = bisect.bisect_right(lengths, len(query) + 2)
            window = keys[position + 1 : high]
            for _, _, offset in process.extract(
                query, window, scorer=fuzz.ratio, score_cutoff=_CLUSTER_SCORE, limit=None
            ):
                other = group[position + 1 + offset]
                if not is_derived(word, other):
                    parent[root(other)] = root(word)
    clusters: dict[str, list[str]] = {}
    for word in distinct:
        clusters.setdefault(root(word), []).append(word)
    return sorted(members for members in clusters.values() if len(members) > 1)
