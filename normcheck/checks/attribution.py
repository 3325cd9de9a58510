"""Attribution: vague sourcing, anonymous sources, and claims that no source carries."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

from normcheck.attribution_lexicon import (
    CATEGORY_SHIFT,
    INDEFINITE_BEFORE,
    SOURCE_FAR,
    SOURCE_HEAD,
    SOURCE_ROLE,
    SOURCE_SELF,
    AttributionLexicon,
    lexicon_for,
    lower_same_length,
)
from normcheck.claim_cues import ClaimCue, find_claim_cues
from normcheck.context import CheckContext
from normcheck.document import Document, is_headline
from normcheck.finding import Finding, Severity, new_finding
from normcheck.reporting_frames import Frame, FrameFinder, SourceKind
from normcheck.rules import Rule
from normcheck.segmentation import QUOTE_OPENERS, Span, find_quotations, split_sentences

VAGUE_ATTRIBUTION = Rule(
    code="NC301",
    name="vague-attribution",
    summary="Sourcing too vague to stand: no name, no organisation, no description",
    severity=Severity.WARNING,
    fix=None,
    what='Finds sources that name and describe no one: "it is reported that", "it is widely believed", "according '
    'to reports", "sources said", "experts believe", "some people think", "observers say", "many believe", "analysts '
    'said" with no name or organisation, "X is said to ...", and "reportedly" or "allegedly" when nothing else in '
    "the sentence names a source. The span is the source phrase with its verb. Vague phrases inside a quotation "
    "(the speaker's words) or inside a named source's reported speech (\"Putin said that some experts ...\") are left "
    "alone.",
    why="A reader cannot weigh a claim whose source is nobody in particular; translation turns 据悉 and 有分析认为 "
    "into exactly these phrases. Style guides (AP, Reuters) ask for a name, or at least an organisation and a role.",
    example_before="Analysts said the relevant parties were still divided over the rules of the elections.",
    example_after="Jalel Harchaoui, a Libya analyst at RUSI, said the parties were still divided over the rules.",
    fix_safety="No automatic fix: only the reporter knows who the source is. The message says what is missing.",
)
ANONYMOUS_SOURCE = Rule(
    code="NC302",
    name="anonymous-source",
    summary="An anonymous source that is described (lower severity: style guides allow it)",
    severity=Severity.INFO,
    fix=None,
    what='Finds sources that are unnamed but described: "a senior official in the Armenian Defence Ministry who asked '
    'not to be named", "sources close to the negotiations", "military sources", "people familiar with the matter", '
    '"a Western diplomat". Any source marked "on condition of anonymity" or "who asked not to be named" is reported '
    'here, whatever describes it. Unnamed spokespeople and plural officials ("officials said", "police said") are '
    "accepted wire sources and not reported.",
    why="News style allows anonymous sources when the desk knows who they are and the story says why the name is "
    "withheld; an editor should see each one.",
    example_before="A senior official in the Armenian Defence Ministry who asked not to be named said troops had withdrawn.",
    example_after="A senior official in the Armenian Defence Ministry, who was not authorised to speak publicly, said "
    "troops had withdrawn.",
    fix_safety="No automatic fix: information only.",
)
UNATTRIBUTED_CLAIM = Rule(
    code="NC303",
    name="unattributed-claim",
    summary="An opinion, prediction, counterfactual, accusation or intention that no source carries",
    severity=Severity.WARNING,
    fix=None,
    what='Finds sentences that state a claim — a counterfactual ("if ..., war can be avoided"), a prediction ("will '
    'be considered a direct provocation", "could lead to"), an evaluation ("the situation is catastrophic"), an '
    'accusation ("X violated the agreement"), an intention ("wants to", "is ready to"), a call for action ("should", '
    '"must") or an editorial comment ("undoubtedly") — with no reporting frame in the sentence and none carried '
    "from before. Carry-over follows news conventions: the words are inside a quotation; or the previous sentence "
    'of the paragraph is attributed and this one continues it (a pronoun subject such as "He", an opener such as '
    '"In addition", or a colon before it); or it opens a paragraph that continues the last sentence of the one '
    "before (a personal pronoun, a colon, or the terms of a statement or agreement just cited). Headlines, captions, "
    "short fragments and questions are not claims. The span is the whole sentence; the message names the claim cue "
    "and the nearest reporting frame before it.",
    why='Translation often drops the reporting frame ("he said", "Putin believes"), and the speaker\'s opinion then '
    "reads as the newspaper's own.",
    example_before="Putin emphasized that the agreement was drawn up within a day. If the current agreement can be "
    "reached as soon as possible, war can be avoided.",
    example_after="Putin emphasized that the agreement was drawn up within a day. If the current agreement can be "
    "reached as soon as possible, war can be avoided, he said.",
    fix_safety="No automatic fix: the tool cannot know whose claim it is. The message says where the nearest "
    'reporting frame is, so the editor can carry it over ("he said") or cut the claim.',
)
RULES = (VAGUE_ATTRIBUTION, ANONYMOUS_SOURCE, UNATTRIBUTED_CLAIM)

ATTRIBUTION_WORDS_OPTION = "attribution_words"  # CheckContext.options key: extra word-list files

_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)*_\]]*\s*$")
_QUESTION = re.compile(r"\?[\"'”’»)*_\]]*\s*$")
# A rough sentence boundary: after one of these marks, closing quotes or brackets, space, and a capital or digit.
_ROUGH_BOUNDARY = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]*[A-Z0-9])")
_BOUNDARY_LOOKAHEAD_OPENERS = "\"'“‘«(["  # what _ROUGH_BOUNDARY's look-ahead lets stand before the capital
_BLOCK_QUOTE = re.compile(r"\s*>")
_PHRASE_END = re.compile(r"[\"'”’»)]*\s*(?:[,.;:!?(—–]|$)")
_PHRASE_END_FAR = re.compile(r"(?:\s+[^\s.,;:!?]+){0,8}?[\"'”’»)]*\s*(?:[,.;:!?(—–]|$)")
_NEAR_BITS = SOURCE_HEAD | SOURCE_ROLE
_LIST_ITEM = re.compile(r"\s*(?:[-*+•]\s|\d{1,2}[.)]\s)")
_WORD = re.compile(r"[\w’'-]+")
_FIRST_WORDS = re.compile(r"[\s\"“‘«(\[*_>#-]*([\w’'-]+)(?:\s+([\w’'-]+))?")
_EXPLETIVE_IT = frozenset(("is", "was", "seems", "appears", "would", "will", "remains"))
_PERSONAL = frozenset(("he", "she", "they", "we", "i"))
_FRAGMENT_MAX_WORDS = 25
_CAPTION_MAX_CHARS = 400
_MIN_CLAIM_WORDS = 4
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


_SOURCE_MEMO_LIMIT = 256  # distinct sentences whose source findings a run keeps
# A remembered source finding, offsets relative to its sentence: code, rule, severity, start, end, message, extra.
_SourceRow = tuple[str, str, Severity, int, int, str, dict[str, object]]


def _finding(
    code: str, name: str, severity: Severity, start: int, end: int, message: str, extra: dict[str, object]
) -> Finding:
    """A Finding with no fix, made by the fast constructor: a run over an archive makes many."""
    return new_finding(code, name, severity, start, end, message, None, extra)


def _words_key(ctx: CheckContext) -> tuple[str, ...]:
    """The --attribution-words files of this run, as the key of its word lists."""
    option = ctx.options.get(ATTRIBUTION_WORDS_OPTION)
    if not option:
        return ()
    return tuple(str(path) for path in option) if isinstance(option, (list, tuple)) else (str(option),)


def attribution_lexicon(ctx: CheckContext) -> AttributionLexicon:
    """The compiled word lists for this run (the shipped file plus any --attribution-words files)."""
    extra = _words_key(ctx)
    memo = ctx.memo("attribution.lexicon")
    lexicon = memo.get(extra)
    if lexicon is None:
        lexicon = memo[extra] = lexicon_for([Path(path) for path in extra])
    return lexicon


def _frame_finder(ctx: CheckContext, lexicon: AttributionLexicon) -> FrameFinder:
    """One finder per run and word lists; it knows the gazetteer's demonyms ("Armenian" describes no source)."""
    memo = ctx.memo("attribution.frame-finder")
    finder = memo.get(id(lexicon))
    if finder is None or finder.lex is not lexicon:
        demonyms = frozenset(
            form.lower() for entity in ctx.gazetteer.entities for form in entity.related if " " not in form
        )
        finder = memo[id(lexicon)] = FrameFinder(lexicon, demonyms)
    return finder


def _count(number: int, noun: str) -> str:
    word = _NUMBERS[number - 1] if 0 < number <= len(_NUMBERS) else str(number)
    return f"{word} {noun}{'s' * (number != 1)}"


def _abbreviate(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text.split()
    return " ".join(words[:3]) + " … " + " ".join(words[-4:])


class _AttributionScan:
    """The attribution findings of one document; all state lives for one scan only."""

    def __init__(
        self,
        doc: Document,
        lowered: str,
        lexicon: AttributionLexicon,
        finder: FrameFinder,
        source_memo: dict[str, list[_SourceRow]] | None = None,
    ) -> None:
        self.doc = doc
        self.source_memo = {} if source_memo is None else source_memo
        self._plain: bool | None = None
        self.text = doc.checkable
        self.lowered = lowered
        self.lex = lexicon
        self.finder = finder
        self.paragraphs = doc.paragraphs
        self._markdown = doc.format == "markdown"
        self._headline: dict[int, bool] = {}
        self.findings: list[Finding] = []
        self._sentences: dict[int, list[Span]] = {}
        self._quotes: dict[int, list[Span]] = {}
        self._frames: dict[tuple[int, int], list[Frame]] = {}
        self._attributed: dict[tuple[int, int], bool] = {}
        self._fragment: dict[int, bool] = {}
        self._rough_ends: dict[int, list[int]] = {}

    # -- structure, computed per paragraph on demand -----------------------------------------------------
    def sentences(self, paragraph: int) -> list[Span]:
        # The same splitter as Document.sentences, run only on paragraphs that hold a cue.
        spans = self._sentences.get(paragraph)
        if spans is None:
            spans = self._sentences[paragraph] = split_sentences(self.text, self.paragraphs[paragraph])
        return spans

    def quotes(self, paragraph: int) -> list[Span]:
        spans = self._quotes.get(paragraph)
        if spans is None:
            start, end = self.paragraphs[paragraph]
            text = self.text
            if _BLOCK_QUOTE.match(text, start, end):
                spans = [(start, end)]  # a Markdown block quote
            else:
                spans = []  # no quote mark at all: spares the regex scan of find_quotations
                for mark in QUOTE_OPENERS:
                    if text.find(mark, start, end) != -1:
                        spans = find_quotations(text, self.paragraphs[paragraph])
                        break
            self._quotes[paragraph] = spans
        return spans

    def in_quote(self, paragraph: int, offset: int) -> bool:
        return any(start < offset < end for start, end in self.quotes(paragraph))

    def frames(self, paragraph: int, sentence: int) -> list[Frame]:
        key = (paragraph, sentence)
        frames = self._frames.get(key)
        if frames is None:
            start, end = self.sentences(paragraph)[sentence]
            frames = self._frames[key] = self.finder.find(self.text, self.lowered, start, end)
        return frames

    def is_headline(self, paragraph: int) -> bool:
        """`Document.headlines`' test, asked only of the paragraphs the check looks at."""
        known = self._headline.get(paragraph)
        if known is None:
            known = self._headline[paragraph] = is_headline(
                self.text, self.paragraphs[paragraph], paragraph == 0, self._markdown
            )
        return known

    def is_fragment(self, paragraph: int) -> bool:
        """Headlines, captions, credits and other short unpunctuated lines are not claims."""
        known = self._fragment.get(paragraph)
        if known is not None:
            return known
        start, end = self.paragraphs[paragraph]
        text = self.text
        fragment = (
            self.is_headline(paragraph)
            or text.startswith("![", start)
            or (
                not _TERMINAL.search(text, max(start, end - 8), end)
                and len(text[start:end].split()) <= _FRAGMENT_MAX_WORDS
            )
            or (end - start < _CAPTION_MAX_CHARS and self.lex.caption_regex.match(text, start, end) is not None)
        )
        self._fragment[paragraph] = fragment
        return fragment

    # -- carry-over -----------------------------------------------------------------------------------
    def _first_words(self, span: Span) -> tuple[str, str]:
        match = _FIRST_WORDS.match(self.text, span[0], span[1])
        if match is None:
            return "", ""
        return match.group(1).lower(), (match.group(2) or "").lower()

    def _continues(self, span: Span, personal_only: bool) -> bool:
        """Whether a sentence goes on in the voice of the one before ("He added ...", "In addition, ...")."""
        start, end = span
        lead = _FIRST_WORDS.match(self.text, start, end)
        body_start = lead.start(1) if lead else start
        opener = self.lex.opener_regex.match(self.text, body_start, end)
        if opener is not None and not personal_only:
            return True
        first, second = self._first_words((opener.end(), end) if opener else span)
        if personal_only:
            return first in _PERSONAL
        if first == "it" and second in _EXPLETIVE_IT:
            return False  # "It is clear that ...": an expletive, not the speaker
        return first in self.lex.carry_subjects

    def _ends_with_colon(self, span: Span) -> bool:
        return self.text[span[0] : span[1]].rstrip().rstrip("\"'”’»)*_").endswith(":")

    def _quoted(self, paragraph: int, span: Span) -> bool:
        lead = _FIRST_WORDS.match(self.text, span[0], span[1])
        first_word = lead.start(1) if lead else span[0]
        return self.in_quote(paragraph, first_word)

    def attributed(self, paragraph: int, sentence: int) -> bool:
        key = (paragraph, sentence)
        known = self._attributed.get(key)
        if known is None:
            self._attributed[key] = False  # a guard against cycles; carry-over only looks backwards anyway
            span = self.sentences(paragraph)[sentence]
            known = (
                bool(self.frames(paragraph, sentence))
                or self._quoted(paragraph, span)
                or self.carried(paragraph, sentence)
            )
            self._attributed[key] = known
        return known

    def _previous_paragraph(self, paragraph: int) -> int | None:
        previous = paragraph - 1
        if previous < 0 or self.is_headline(previous):
            return None
        return previous

    def carried(self, paragraph: int, sentence: int) -> bool:
        """Whether the reporting frame of an earlier sentence carries over to this one."""
        span = self.sentences(paragraph)[sentence]
        if sentence > 0:
            previous = self.sentences(paragraph)[sentence - 1]
            return self.attributed(paragraph, sentence - 1) and (
                self._continues(span, personal_only=False) or self._ends_with_colon(previous)
            )
        before = self._previous_paragraph(paragraph)
        if before is None:
            return False
        last = len(self.sentences(before)) - 1
        if last < 0 or not self.attributed(before, last):
            return False
        last_span = self.sentences(before)[last]
        start, end = self.paragraphs[paragraph]
        list_item = _LIST_ITEM.match(self.text, start, end) is not None
        previous_list_item = _LIST_ITEM.match(self.text, *self.paragraphs[before]) is not None
        return (
            self._ends_with_colon(last_span)
            or (list_item and previous_list_item)
            or self._continues(span, personal_only=True)
            or any(frame.kind is SourceKind.DOCUMENT for frame in self.frames(before, last))
        )

    def last_attribution(self, paragraph: int, sentence: int) -> str:
        """Where the nearest reporting frame before a sentence is, for the message."""
        for earlier in range(sentence - 1, -1, -1):
            frames = self.frames(paragraph, earlier)
            if frames:
                distance = _count(sentence - earlier, "sentence")
                return f'the last attribution is "{_abbreviate(frames[-1].label(self.doc.text))}" {distance} earlier'
        for before in range(paragraph - 1, -1, -1):
            if self.is_headline(before):
                continue
            for earlier in range(len(self.sentences(before)) - 1, -1, -1):
                frames = self.frames(before, earlier)
                if frames:
                    where = (
                        "in the previous paragraph"
                        if before == paragraph - 1
                        else (f"{_count(paragraph - before, 'paragraph')} earlier")
                    )
                    return f'the last attribution is "{_abbreviate(frames[-1].label(self.doc.text))}" {where}'
        return "no sentence before it names a source"

    # -- findings --------------------------------------------------------------------------------------
    def _add_source(self, rule: Rule, start: int, end: int, message: str, form: str) -> None:
        self.findings.append(_finding(rule.code, rule.name, rule.severity, start, end, message, {"form": form}))

    def _add(self, rule: Rule, start: int, end: int, message: str, **extra: object) -> None:
        self.findings.append(_finding(rule.code, rule.name, rule.severity, start, end, message, dict(extra)))

    def report_sources(self, paragraph: int, start: int, end: int) -> None:
        """Report the vague and anonymous sources of the rough sentence text[start:end].

        With no quotation in the paragraph, what is reported depends on the sentence's text alone, so the
        findings of the last few hundred distinct sentences are kept (offsets relative to the sentence): stock
        sentences recur in wire copy.
        """
        text = self.text
        if self.quotes(paragraph) or not self._text_is_checkable():
            self._report_sources(paragraph, self.finder.find(text, self.lowered, start, end))
            return
        sentence = text[start:end]
        known = self.source_memo.get(sentence)
        if known is None:
            first = len(self.findings)
            self._report_sources(paragraph, self.finder.find(text, self.lowered, start, end))
            known = [
                (
                    found.code,
                    found.rule,
                    found.severity,
                    found.start - start,
                    found.end - start,
                    found.message,
                    dict(found.extra),
                )
                for found in self.findings[first:]
            ]
            if len(self.source_memo) >= _SOURCE_MEMO_LIMIT:
                self.source_memo.clear()  # a bound, not an eviction policy
            self.source_memo[sentence] = known
            return
        for code, name, severity, first, last, message, extra in known:
            self.findings.append(_finding(code, name, severity, first + start, last + start, message, dict(extra)))

    def _text_is_checkable(self) -> bool:
        """Whether the article text is its checkable text (no code or URL blanked): messages quote the text."""
        if self._plain is None:
            self._plain = self.doc.text == self.text
        return self._plain

    def check_claim(self, paragraph: int, sentence: int, categories: int) -> None:
        """Report the sentence if it holds a claim cue (of `categories`) and no source carries it."""
        start, end = self.sentences(paragraph)[sentence]
        body = self.text[start:end]
        if _QUESTION.search(body) or len(_WORD.findall(body)) < _MIN_CLAIM_WORDS:
            return
        cues = [
            cue
            for cue in find_claim_cues(self.text, start, end, self.lex, categories, self.lowered)
            if not self.in_quote(paragraph, cue.start)
        ]
        if not cues or self.frames(paragraph, sentence):
            return
        if self._quoted(paragraph, (start, end)) or self.carried(paragraph, sentence):
            return
        self._report_claim(paragraph, sentence, cues[0])

    def _report_sources(self, paragraph: int, frames: list[Frame]) -> None:
        vague, anonymous = SourceKind.VAGUE, SourceKind.ANONYMOUS
        quotes: list[Span] | None = None
        for frame in frames:
            if frame.kind is not vague and frame.kind is not anonymous:
                continue
            if quotes is None:
                quotes = self.quotes(paragraph)
            if quotes and any(start < frame.start < end for start, end in quotes):
                continue  # the speaker's own words
            if len(frames) == 1:
                pass  # the only frame: nothing else can make it a hedge or govern it
            elif frame.form == "adverb" and any(other.form != "adverb" for other in frames):
                continue  # "reportedly" next to a named source is a hedge, not the source
            else:
                governing = [other for other in frames if other.kind is not vague and other.kind is not anonymous]
                if any(other.verb_end <= frame.start for other in governing) or any(
                    other.closing and other.start >= frame.end for other in governing
                ):
                    continue  # inside a named source's reported speech: "Putin said that some experts believe ..."
            surface = self.doc.text[frame.start : frame.end]
            if frame.kind is SourceKind.ANONYMOUS:
                self._add_source(
                    ANONYMOUS_SOURCE,
                    frame.start,
                    frame.end,
                    f'anonymous source "{_abbreviate(surface, 80)}": described but not named; news style allows it '
                    "when the desk knows who it is and the story says why the name is withheld",
                    frame.form,
                )
            elif frame.form == "adverb":
                self._add_source(
                    VAGUE_ATTRIBUTION,
                    frame.start,
                    frame.end,
                    f'vague attribution: "{surface}" is the only source given for this sentence; say who reports it',
                    frame.form,
                )
            elif frame.form in ("impersonal", "raising"):
                self._add_source(
                    VAGUE_ATTRIBUTION,
                    frame.start,
                    frame.end,
                    f'vague attribution "{_abbreviate(surface)}": a passive with no agent names no source; say who '
                    "reports or believes it",
                    frame.form,
                )
            else:
                self._add_source(
                    VAGUE_ATTRIBUTION,
                    frame.start,
                    frame.end,
                    f'vague attribution "{_abbreviate(surface)}": it names no source and describes none; say who '
                    "(a name, or an organisation and a role)",
                    frame.form,
                )

    def _report_claim(self, paragraph: int, sentence: int, cue: ClaimCue) -> None:
        start, end = self.sentences(paragraph)[sentence]
        cue_text = _abbreviate(self.doc.text[cue.start : cue.end])
        where = self.last_attribution(paragraph, sentence)
        self._add(
            UNATTRIBUTED_CLAIM,
            start,
            end,
            f'{cue.category.label} with no source ("{cue_text}") reads as the newspaper\'s own claim; {where}',
            category=cue.category.name,
            cue=self.doc.text[cue.start : cue.end],
            cue_start=cue.start,
            cue_end=cue.end,
        )

    # -- the first pass: cheap local tests decide which sentences get the full analysis ------------------------
    def _source_near(self, span: Span, start: int, end: int, kind: int) -> bool:
        """Whether a vague noun or role stands where a source stands: next to a reporting verb."""
        lex, lowered = self.lex, self.lowered
        if kind & SOURCE_HEAD:
            for tail in lex.source_tails.get(lowered[start:end], ("",)):
                if lowered.startswith(tail, end):
                    end += len(tail)
                    break
            else:
                return False  # "outside" without "world"
        if (
            kind & SOURCE_ROLE
            and not kind & SOURCE_HEAD
            and INDEFINITE_BEFORE.search(lowered, max(span[0], start - 40), start) is None
        ):
            return False  # "official data": a role noun is a source only as "a (senior) official"
        far = kind & (SOURCE_ROLE | SOURCE_FAR)
        after = lex.verb_after_far_regex if far else lex.verb_after_regex
        if after.match(lowered, end, span[1]) is not None:
            return True
        # Inverted ("..., said analysts.") or after a preposition ("according to reports, ..."): the source phrase
        # then ends the clause.
        ending = _PHRASE_END_FAR if far else _PHRASE_END
        return (
            ending.match(lowered, end, span[1]) is not None
            and lex.verb_before_regex.search(lowered, max(span[0], start - 48), start) is not None
        )

    def _rough_sentence(self, paragraph: int, position: int) -> Span:
        """The rough sentence around `position` (a word's start): sentences split by full stops alone.

        A boundary is a mark (. ! ? …), closing quotes or brackets, space, and a capital or digit after it: the
        splitter's boundaries before its abbreviation test, so a rough sentence always lies inside one real
        sentence ("Gen. Smith said" is two rough ones). Sources are judged within rough sentences; the difference
        (a frame cut off after an abbreviation such as "Gen.") rarely matters to them.
        """
        start, end = self.paragraphs[paragraph]
        if self.text[position] in _BOUNDARY_LOOKAHEAD_OPENERS:
            return self._rough_sentence_plain(paragraph, position)
        ends = self._rough_ends.get(paragraph)
        if ends is None:
            # Where each boundary ends, found once per paragraph: a paragraph often holds several anchors.
            ends = self._rough_ends[paragraph] = [
                boundary.end() for boundary in _ROUGH_BOUNDARY.finditer(self.text, start, end)
            ]
        # The sentence starts at the end of the last boundary before the word (a boundary that ends at the word
        # itself included: no boundary can end inside the word, as its look-ahead needs a capital or digit after
        # space) and ends where the next boundary after the word does.
        index = bisect.bisect_right(ends, position)
        return (ends[index - 1] if index else start), (ends[index] if index < len(ends) else end)

    def _rough_sentence_plain(self, paragraph: int, position: int) -> Span:
        """`_rough_sentence` by two searches around the word; its reference (a test), and what it does when the
        word opens with a quote mark, where the boundary before it depends on what follows (beyond the word's
        first character)."""
        start, end = self.paragraphs[paragraph]
        text = self.text
        sentence_start = start
        # The last boundary before the word. Its look-ahead needs the word's first character, hence the + 1.
        for boundary in _ROUGH_BOUNDARY.finditer(text, start, position + 1):
            sentence_start = boundary.end()
        after = _ROUGH_BOUNDARY.search(text, position, end)
        return sentence_start, (after.end() if after is not None else end)

    def run(self, anchors: list[tuple[int, int, int, int]]) -> None:
        """Check the sentences the anchors point at; most anchors are dropped by a cheap local test first."""
        paragraphs = self.paragraphs
        paragraph = 0
        count = len(paragraphs)
        # (paragraph, rough sentence start) → [is there a source to judge?, claim categories to try, its end]
        pending: dict[tuple[int, int], list[int]] = {}
        rough: tuple[int, int, int] = (-1, 0, 0)  # paragraph, start and end of the last rough sentence found
        for start, stop, kind, verb_end in anchors:
            while paragraph < count and paragraphs[paragraph][1] <= start:
                paragraph += 1
            if paragraph == count:
                break
            span = paragraphs[paragraph]
            if span[0] > start:
                continue
            # A vague noun whose reporting verb the anchor pass found within this paragraph is a source as
            # `_source_near` would find it: the same test, and it held inside the paragraph.
            sources = (
                kind & SOURCE_SELF
                or 0 < verb_end <= span[1]
                or (kind & _NEAR_BITS and self._source_near(span, start, stop, kind))
            )
            categories = kind >> CATEGORY_SHIFT
            if not (sources or categories) or self.is_fragment(paragraph):
                continue
            if not (rough[0] == paragraph and rough[1] <= start < rough[2]):
                rough = (paragraph, *self._rough_sentence(paragraph, start))
            entry = pending.get((paragraph, rough[1]))
            if entry is None:
                pending[(paragraph, rough[1])] = [bool(sources), categories, rough[2]]
            else:
                entry[0] |= bool(sources)
                entry[1] |= categories
        claims: dict[tuple[int, int], int] = {}
        for (paragraph, start), (sources, categories, end) in pending.items():
            if sources:
                self.report_sources(paragraph, start, end)
            if categories and find_claim_cues(self.text, start, end, self.lex, categories, self.lowered):
                starts = [sentence_start for sentence_start, _ in self.sentences(paragraph)]
                sentence = max(bisect.bisect_right(starts, start) - 1, 0)
                claims[(paragraph, sentence)] = claims.get((paragraph, sentence), 0) | categories
        for (paragraph, sentence), categories in sorted(claims.items()):
            self.check_claim(paragraph, sentence, categories)


def _run_state(ctx: CheckContext) -> tuple[AttributionLexicon, FrameFinder, dict[str, list[_SourceRow]]]:
    """The word lists, frame finder and source memo of this run: one lookup per article instead of three."""
    key = _words_key(ctx)
    state = ctx.memo("attribution.state")
    parts = state.get(key)
    if parts is None:
        lexicon = attribution_lexicon(ctx)
        parts = state[key] = (lexicon, _frame_finder(ctx, lexicon), ctx.memo(f"attribution.sources.{id(lexicon)}"))
    return parts


def check_attribution(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    lexicon, finder, source_memo = _run_state(ctx)
    lowered = lower_same_length(doc.checkable)
    anchors = lexicon.anchor_hits(lowered)
    if not anchors:
        return
    scan = _AttributionScan(doc, lowered, lexicon, finder, source_memo)
    scan.run(anchors)
    yield from scan.findings
