"""Reporting frames of one sentence: which words attribute it ("Putin said"), and how specific the source is."""

from __future__ import annotations

import re
from enum import Enum
from typing import Final, NamedTuple

from normcheck.attribution_lexicon import AUXILIARY_WORDS, AttributionLexicon


class SourceKind(str, Enum):
    NAMED = "named"  # a name, an organisation, a pronoun, a definite role, or anything not recognisably vague
    DOCUMENT = "document"  # a text: "the statement said", "under the agreement"
    PASSIVE = "passive"  # "was accused of ...": agentless, yet a report of what someone said
    VAGUE = "vague"  # NC301: "analysts said", "it is reported", "reportedly"
    ANONYMOUS = "anonymous"  # NC302: "a senior official in the ministry who asked not to be named"


class Frame(NamedTuple):
    """A reporting frame; offsets are into the article text."""

    start: int  # the span a finding covers: the source phrase with its verb
    end: int
    verb_start: int
    verb_end: int
    kind: SourceKind
    form: str  # subject, inverted, participle, passive, preposition, document, impersonal, raising, adverb
    closing: bool = False  # ends its sentence: ", Putin said." governs everything before it

    def label(self, text: str) -> str:
        """How a message quotes the frame: "Putin emphasized", "…Armenian Defence Ministry said"."""
        if self.form != "subject":
            return " ".join(text[self.start : self.end].split())
        return " ".join(text[self.start : self.verb_end].split()[-5:])


# A token is a plain tuple (start, end, text, lower), offsets relative to the sentence: many are made per
# sentence, and tuples are several times cheaper to build than objects.
_Token = tuple[int, int, str, str]
START: Final = 0
END: Final = 1
TEXT: Final = 2
LOWER: Final = 3

_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
_BOUNDARY = frozenset(
    [
        *',;:()[]"“”«»—–‘.!?…',
        *[
            "that",
            "which",
            "who",
            "whom",
            "whose",
            "where",
            "when",
            "while",
            "but",
            "because",
            "as",
            "if",
            "although",
            "though",
            "since",
            "after",
            "before",
            "whereas",
            "so",
            "than",
            "whether",
            "once",
            "until",
            "unless",
        ],
    ]
)
_BE = frozenset(("is", "are", "was", "were", "be", "been", "being"))
_AUXILIARIES = frozenset((*AUXILIARY_WORDS, "yet", "reportedly", "allegedly"))
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "no",
        "any",
        "every",
        "each",
    ]
)
_NOUN_QUANTIFIERS = frozenset(["some", "many", "several", "most", "few", "these", "those", "other", "such"])
_INDEFINITE = frozenset(("a", "an", "one"))
_COORDINATORS = frozenset(("and", "or", "but", "nor"))
# A reporting word right after one of these is a noun: "with promises of", "despite warnings".
_NOUN_PREPOSITIONS = frozenset(
    ["with", "of", "for", "to", "by", "in", "on", "at", "from", "about", "despite", "amid", "after", "against"]
)
_PREPOSITIONS = frozenset(["of", "in", "at", "from", "within", "among", "inside", "close", "across", "outside"])
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "you", "one"])
_INVERTED_STARTS = frozenset(["a", "an", "the", "some", "many", "several", "one", "two", "three", "other", "senior"])
_DEMONYM_ENDING = re.compile(r"(?:an|ian|ean|ese|ish|i|ic|ern|ch)$")
_EXTRA_DEMONYMS = frozenset(
    [
        "western",
        "eastern",
        "northern",
        "southern",
        "arab",
        "greek",
        "thai",
        "swiss",
        "czech",
        "uzbek",
        "kazakh",
        "tajik",
        "turkmen",
        "kyrgyz",
        "basque",
        "slovak",
        "european",
        "asian",
        "african",
    ]
)
_CAPITALISED = re.compile(r"[A-Z\u00C0-\u00DE\u0400-\u042F]")
_SPAN = re.Match.span
_WORD_CHAR = re.compile(r"\w")

_PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]
_MEMO_LIMIT = 256  # distinct sentences whose frames a finder keeps


def _phrase_index(phrases: tuple[str, ...] | frozenset[str]) -> _PhraseIndex:
    """Phrases by first word, longest first: "people familiar with" is tried before "people"."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        parts = tuple(phrase.split())
        index.setdefault(parts[0], []).append(parts)
    return {word: tuple(sorted(group, key=len, reverse=True)) for word, group in index.items()}


def _match_at(words: list[str], index: int, phrases: _PhraseIndex) -> int:
    """Length in words of the longest phrase of `phrases` at words[index], or 0."""
    if index >= len(words):
        return 0
    for parts in phrases.get(words[index], ()):
        if tuple(words[index : index + len(parts)]) == parts:
            return len(parts)
    return 0


def _is_word(token: _Token) -> bool:
    return token[TEXT][0].isalnum() or token[TEXT][0] == "_"


class FrameFinder:
    """Finds the frames of sentences; build once per run (it carries the lexicon and the demonyms)."""

    def __init__(self, lexicon: AttributionLexicon, demonyms: frozenset[str]) -> None:
        self.lex = lexicon
        self.demonyms = demonyms
        self.anonymous_nouns = _phrase_index(lexicon.anonymous_nouns)
        self.generic_nouns = _phrase_index(lexicon.generic_nouns)
        self.quantifiers = _phrase_index(lexicon.quantifiers)
        self.role_nouns = _phrase_index(lexicon.role_nouns)
        self.on_record_roles = _phrase_index(lexicon.on_record_roles)
        # Vague heads that are one word ("analysts", "sources"): alone, such a word is a vague source.
        self.single_vague_heads = frozenset(
            phrase for phrase in (*lexicon.anonymous_nouns, *lexicon.generic_nouns) if " " not in phrase
        )
        self._memo: dict[str, list[Frame]] = {}  # sentence text → its frames, offsets relative to it

    # -- classifying a source phrase ----------------------------------------------------------------
    def _is_demonym(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.demonyms or lower in _EXTRA_DEMONYMS or bool(_DEMONYM_ENDING.search(lower))

    def _is_capitalised_name(self, word: str) -> bool:
        return bool(_CAPITALISED.match(word)) and not self._is_demonym(word)

    def classify(self, phrase: list[_Token], verb: str) -> SourceKind:
        """How specific a source phrase is ("analysts" vague, "sources close to the talks" anonymous, ...)."""
        tokens = [token for token in phrase if token[TEXT][0].isalnum() or token[TEXT][0] == "_"]  # _is_word
        while len(tokens) > 1 and (tokens[-1][LOWER] in self.lex.temporal or tokens[-1][LOWER].isdigit()):
            tokens.pop()  # "analysts on Monday": the day describes nothing
        words = [token[LOWER] for token in tokens]
        if not words or (len(words) == 1 and words[0] in _PRONOUNS):
            return SourceKind.NAMED
        lex = self.lex
        if len(words) == 1:
            # One word, the commonest case ("Analysts said"): what the general walk below decides for it.
            word = words[0]
            if word in self.single_vague_heads:
                return SourceKind.VAGUE
            if word in lex.generic_pronouns:
                return SourceKind.NAMED if verb in lex.anaphoric_verbs else SourceKind.VAGUE
            if word not in _INDEFINITE and word not in _DETERMINERS:
                return SourceKind.NAMED
        anonymous_nouns, generic_nouns = self.anonymous_nouns, self.generic_nouns
        for index, word in enumerate(words):
            # (The membership tests spare most words the calls.)
            length = _match_at(words, index, anonymous_nouns) if word in anonymous_nouns else 0
            generic = pronoun = False
            if not length and word in generic_nouns:
                length = _match_at(words, index, generic_nouns)
                generic = bool(length)
            if (
                not length
                and index == 0
                and words[0] in lex.generic_pronouns
                and (len(words) == 1 or words[1] in _PREPOSITIONS)
            ):
                length, pronoun = 1, True  # "some said", "many in Kyiv believe"; not "many residents said"
            if length:
                return self._vague_or_described(tokens, index, length, generic, pronoun, verb)
        if words[0] in ("a", "an", "one"):
            positions = range(len(words))
            if not any(_match_at(words, i, self.on_record_roles) for i in positions) and any(
                _match_at(words, i, self.role_nouns) for i in positions
            ):
                return SourceKind.ANONYMOUS  # "a senior official said"
        if words[0] in _DETERMINERS and any(word in lex.document_nouns for word in words[:5]):
            return SourceKind.DOCUMENT
        return SourceKind.NAMED

    def _vague_or_described(
        self, tokens: list[_Token], index: int, length: int, generic: bool, pronoun: bool, verb: str
    ) -> SourceKind:
        lex = self.lex
        words = [token[LOWER] for token in tokens]
        post = tokens[index + length :]
        if pronoun:
            if post and post[0][LOWER] == "of":
                return SourceKind.NAMED  # "many of the residents": a group the story names
            if post:
                return SourceKind.ANONYMOUS  # "some in the government"
            if verb in lex.anaphoric_verbs:
                return SourceKind.NAMED  # "Some said ...": the group just described
            return SourceKind.VAGUE
        position = 0
        describing = named = False
        before = words[:index]
        while position < index:
            quantifier = _match_at(before, position, self.quantifiers)
            if quantifier:
                position += quantifier
                continue
            word, text = words[position], tokens[position][TEXT]
            if word in _INDEFINITE:
                pass  # "a source in the ministry"
            elif word in lex.describing:
                describing = True
            elif word in lex.nondescriptive:
                pass
            elif _CAPITALISED.match(text):
                if not self._is_demonym(text):
                    named = True  # "Kremlin sources", "UN experts"
            else:
                return SourceKind.NAMED  # something this check does not understand: never guess "vague"
            position += 1
        post_named = bool(post) and any(_is_word(token) and self._is_capitalised_name(token[TEXT]) for token in post)
        if generic:
            if named or post_named:
                return SourceKind.NAMED  # "analysts at Goldman Sachs": the organisation is the source
            return SourceKind.ANONYMOUS if post else SourceKind.VAGUE
        return SourceKind.ANONYMOUS if (named or describing or post) else SourceKind.VAGUE

    # -- finding frames -------------------------------------------------------------------------------
    def find(self, text: str, lowered: str, start: int, end: int) -> list[Frame]:
        """Frames of the sentence text[start:end], in order; `lowered` is the text lower-cased, offsets kept.

        The frames of a sentence depend on its text alone. Those of the last few hundred distinct sentences are
        kept (offsets relative to the sentence): wire copy repeats its stock sentences ("Observers said the vote
        was orderly"). The bound keeps the memo small and means it holds only what recurs within a short stretch.
        """
        sentence = text[start:end]
        relative = self._memo.get(sentence)
        if relative is None:
            relative = _SentenceScan(self, sentence, lowered[start:end], 0).frames()
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[sentence] = relative
        if not start:
            return list(relative)
        new = tuple.__new__
        return [
            new(Frame, (first + start, last + start, verb_first + start, verb_last + start, kind, form, closing))
            for first, last, verb_first, verb_last, kind, form, closing in relative
        ]


class _SentenceScan:
    """The frames of one sentence. Offsets are relative to the sentence until a Frame is made.

    Tokens are made only where a frame needs them: left of a verb for its subject, right of it for an inverted
    subject; most of a sentence is never tokenised.
    """

    def __init__(self, finder: FrameFinder, sentence: str, lower: str, offset: int) -> None:
        self.finder = finder
        self.lex = finder.lex
        self.sentence = sentence
        self.lower = lower
        self.offset = offset
        # Anonymity markers are rare: a substring test spares most sentences the regex.
        self.anonymity: list[re.Match[str]] = (
            list(self.lex.anonymity_regex.finditer(lower)) if self.lex.may_hold_anonymity(lower) else []
        )

    def _tokens(self, start: int, end: int) -> list[_Token]:
        # Tokenised on the lower-cased sentence: lower-casing keeps every character's class, so the tokens are those
        # of the sentence itself.
        sentence, lower = self.sentence, self.lower
        return [
            (first, last, sentence[first:last], lower[first:last])
            for first, last in map(_SPAN, _TOKEN.finditer(lower, start, end))
        ]

    def _phrase_after(self, position: int) -> list[_Token]:
        """Up to 12 tokens from `position` to the next clause boundary."""
        phrase: list[_Token] = []
        lower = self.lower
        for match in _TOKEN.finditer(self.sentence, position):
            token = (match.start(), match.end(), match.group(), lower[match.start() : match.end()])
            if token[LOWER] in _BOUNDARY or len(phrase) == 12:
                break
            phrase.append(token)
        return phrase

    def _closes_sentence(self, position: int) -> bool:
        """Nothing but punctuation after `position`."""
        return _WORD_CHAR.search(self.sentence, position) is None

    def frame(
        self, start: int, end: int, verb_start: int, verb_end: int, kind: SourceKind, form: str, closing: bool = False
    ) -> Frame:
        offset = self.offset
        return Frame(start + offset, end + offset, verb_start + offset, verb_end + offset, kind, form, closing)

    def frames(self) -> list[Frame]:
        frames: list[Frame] = []
        for match in self.lex.frame_regex.finditer(self.lower):
            form = match.lastgroup
            start, end = match.span()
            if form == "marker":
                frame = self._frame_at(start, end)
                if frame is not None:
                    frames.append(frame)
            else:
                frames.append(self.frame(start, end, start, end, SourceKind.VAGUE, str(form)))
        if self.anonymity:
            frames = self._mark_anonymous(frames)
        if len(frames) > 1:
            frames.sort()  # by start, then end
        return frames

    def _mark_anonymous(self, frames: list[Frame]) -> list[Frame]:
        """A source "who asked not to be named" is anonymous whatever else describes it."""
        result = list(frames)
        for marker in self.anonymity:
            position = marker.start() + self.offset
            candidates = [
                (abs(frame.verb_start - position), index)
                for index, frame in enumerate(result)
                if frame.form in ("subject", "inverted", "preposition")
            ]
            if candidates:
                index = min(candidates)[1]
                result[index] = result[index]._replace(kind=SourceKind.ANONYMOUS)
        return result

    # -- one reporting verb or preposition ------------------------------------------------------------
    def _frame_at(self, start: int, end: int) -> Frame | None:
        marker = self.lower[start:end]
        if " " in marker or "\n" in marker:
            marker = " ".join(marker.split())
        if marker in self.lex.source_prepositions:
            return self._preposition_frame(start, end, marker)
        if marker in self.lex.document_prepositions:
            return self._document_frame(start, end)
        left = self._tokens(0, start)
        before = len(left) - 1
        if before >= 0 and (
            left[before][LOWER] in _DETERMINERS
            or (left[before][LOWER] in _NOUN_QUANTIFIERS and marker.endswith("s"))
            or left[before][LOWER] in _NOUN_PREPOSITIONS
            or left[before][LOWER].endswith(("'s", "’s"))
        ):
            return None  # "the report", "some estimates", "with promises of": nouns, not verbs
        position = before
        while (
            position >= 0
            and left[position][LOWER] not in _BE
            and (left[position][LOWER] in _AUXILIARIES or left[position][LOWER].endswith("ly"))
        ):
            position -= 1
        if position >= 0 and left[position][LOWER] in _BE:
            if not marker.endswith("as saying"):
                return self._passive_frame(start, end, marker)
            position -= 1  # "Putin was quoted as saying": the subject stands before "was"
            while position >= 0 and left[position][LOWER] in _AUXILIARIES:
                position -= 1
        if position >= 0 and left[position][LOWER] in _COORDINATORS:
            # "... demanded his release and called for talks": the subject is that of the first verb.
            return self.frame(start, end, start, end, SourceKind.NAMED, "participle")
        subject_start, subject_end, anonymous = self._subject(left, position)
        if subject_start <= subject_end:
            phrase = left[subject_start : subject_end + 1]
            kind = SourceKind.ANONYMOUS if anonymous else self.finder.classify(phrase, marker)
            opened = subject_start == 0 or left[subject_start - 1][TEXT] in _BOUNDARY
            closing = opened and _WORD_CHAR.search(self.sentence, end) is None  # _closes_sentence(end)
            offset = self.offset
            return Frame(
                phrase[0][START] + offset, end + offset, start + offset, end + offset, kind, "subject", closing
            )
        # Nothing before the verb: an inverted frame (", said Putin.") or a participle (", saying that ...").
        after = self._phrase_after(end)
        if any(token[LOWER] in self.lex.reporting_verbs for token in after):
            after = []  # "informed sources disclosed": the phrase is the subject of the next verb
        if after and (
            after[0][LOWER] in _INVERTED_STARTS or _CAPITALISED.match(after[0][TEXT]) or self._is_vague_head(after)
        ):
            kind = self.finder.classify(after, marker)
            closing = self._closes_sentence(after[-1][END])
            return self.frame(start, after[-1][END], start, end, kind, "inverted", closing)
        return self.frame(start, end, start, end, SourceKind.NAMED, "participle")

    def _is_vague_head(self, phrase: list[_Token]) -> bool:
        words = [token[LOWER] for token in phrase]
        return bool(_match_at(words, 0, self.finder.anonymous_nouns) or _match_at(words, 0, self.finder.generic_nouns))

    def _subject(self, left: list[_Token], subject_end: int) -> tuple[int, int, bool]:
        """Walk left from the verb to a clause boundary; skip an anonymity clause right before the verb."""
        anonymous = False
        if subject_end >= 0:
            end_offset = left[subject_end][END]
            for marker in self.anonymity:
                if marker.end() <= end_offset and not self.sentence[marker.end() : end_offset].strip(" ,"):
                    anonymous = True
                    # Go on walking before the anonymity clause (and a comma before it).
                    while subject_end >= 0 and left[subject_end][START] >= marker.start():
                        subject_end -= 1
                    while subject_end >= 0 and left[subject_end][TEXT] == ",":
                        subject_end -= 1
                    break
        position = subject_end
        verbs = self.lex.reporting_verbs
        while (
            position >= 0
            and subject_end - position < 12
            and left[position][LOWER] not in _BOUNDARY
            and left[position][LOWER] not in verbs  # "sources said the two sides agreed": "the two sides"
        ):
            position -= 1
        return position + 1, subject_end, anonymous

    def _preposition_frame(self, start: int, end: int, marker: str) -> Frame | None:
        phrase = self._phrase_after(end)
        if not phrase:
            return None
        kind = self.finder.classify(phrase, marker)
        closing = self._closes_sentence(phrase[-1][END])
        return self.frame(start, phrase[-1][END], start, end, kind, "preposition", closing)

    def _document_frame(self, start: int, end: int) -> Frame | None:
        for token in self._phrase_after(end)[:5]:
            if token[LOWER] in self.lex.document_nouns:
                return self.frame(start, token[END], start, end, SourceKind.DOCUMENT, "document")
        return None

    def _passive_frame(self, start: int, end: int, marker: str) -> Frame | None:
        after = self._phrase_after(end)
        if after and after[0][LOWER] == "by":
            agent = self._phrase_after(after[0][END])
            if agent:
                kind = self.finder.classify(agent, marker)
                return self.frame(start, agent[-1][END], start, end, kind, "passive")
        if marker in self.lex.passive_judgements:
            return None  # "will be considered a provocation" judges; it reports nobody
        if marker in self.lex.words.raising_verbs and after and after[0][LOWER] == "to":
            return None  # "is said to": the raising pattern reports it
        return self.frame(start, end, start, end, SourceKind.PASSIVE, "passive")
