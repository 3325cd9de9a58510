"""Translation leftovers: paragraphs in another language, source-script text, source-language names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from normcheck.context import CheckContext
from normcheck.document import Document
from normcheck.finding import Applicability, Edit, Finding, Fix, Severity
from normcheck.gazetteer import Entity
from normcheck.language_id import ArticleLanguage, article_language
from normcheck.language_profiles import Language
from normcheck.rules import Rule
from normcheck.scripts import HOMOGLYPHS, LATIN, ScriptRun, foreign_runs, has_foreign_letters, script_of

WRONG_LANGUAGE = Rule(
    code="NC401",
    name="wrong-language-paragraph",
    summary="A paragraph in another language than the article's",
    severity=Severity.WARNING,
    fix=None,
    what="Reports a paragraph of 60 or more characters (headlines aside) that is not in the article's language: "
    "the language from --lang, front matter `lang`, the configured default, or else detected over the whole "
    "text. Text in another script is decided by a Unicode-script count; ordinary paragraphs are cleared by a "
    "stop-word profile of the article's language; only the rest is given to langdetect (seeded, deterministic), "
    "and a paragraph is reported only when langdetect and the stop words agree. Quoted passages are left out "
    "of the judgement when the paragraph has 40 or more characters outside them.",
    why="A paragraph of the source language left in a translated article is the most visible translation "
    "leftover, and spell checkers configured for the target language do not see it.",
    example_before="(in an English article) Les deux parties sont convenues de poursuivre les consultations au "
    "niveau technique dans les semaines à venir.",
    example_after=None,
    fix_safety="No fix: the paragraph needs translating.",
)
SOURCE_SCRIPT = Rule(
    code="NC402",
    name="source-script-leftover",
    summary="Text in another script left inside the article",
    severity=Severity.WARNING,
    fix=None,
    what="Reports runs of Han, Cyrillic, Arabic, Hangul, Kana, Hebrew, Greek (two or more letters) and other "
    "scripts that the article's language is not written in, outside paragraphs already reported by NC401. A "
    "gloss is allowed by default: a run in parentheses or quotes right after a Latin-script word "
    '("Kommersant (Коммерсантъ)"), or a run followed by its translation in parentheses. Option '
    "`allow_source_glosses` (CLI --no-source-glosses) reports glosses too.",
    why="Untranslated words and quotes in the source script are unreadable to the audience and often mean a "
    "sentence was skipped by the translator.",
    example_before="Peskov said the talks were «очень конструктивными» and would go on.",
    example_after=None,
    fix_safety="No fix: the text needs translating or transliterating.",
)
SOURCE_NAME = Rule(
    code="NC403",
    name="source-script-name",
    summary="A name left in its source-language form",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what="Reports a run of another script that is a `source_forms` entry of a gazetteer entity (纳卡, Нагорный "
    "Карабах) and offers the entity's house form in the article's language. Glosses are allowed as for NC402.",
    why="A name left in Chinese characters or Cyrillic is a translation leftover the gazetteer can resolve.",
    example_before="Fighting resumed in the 纳卡 region on Tuesday.",
    example_after="Fighting resumed in the Nagorno-Karabakh region on Tuesday.",
    fix_safety="Safe: the gazetteer says the source form names this entity; the house form of the article's "
    "language replaces it. A form two entities share gets no fix. With glosses reported, the fix that removes a "
    "gloss is unsafe.",
    fix_varies=True,
)
MIXED_SCRIPT = Rule(
    code="NC404",
    name="mixed-script-word",
    summary="A word mixing Latin letters with look-alike letters of another script",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    what='Reports a Latin-script word with Cyrillic or Greek letters inside it ("Pаshinyan" with a Cyrillic а), '
    "as copy-paste from source text and some machine translation leave them.",
    why="The word looks right but breaks search, spell checking and the name checks.",
    example_before="Pаshinyan met Aliyev in Brussels.",
    example_after="Pashinyan met Aliyev in Brussels.",
    fix_safety="Safe when every foreign letter has an exact Latin look-alike; otherwise the run is reported by "
    "NC402 with no fix.",
)
RULES = (WRONG_LANGUAGE, SOURCE_SCRIPT, SOURCE_NAME, MIXED_SCRIPT)

MIN_PARAGRAPH_CHARS = 60  # shorter paragraphs (bylines, captions, datelines) are not judged
MIN_FRAME_CHARS = 40  # with this much text outside quotations, only that text is judged
_MIN_LETTERS = {"Greek": 2}  # a single Greek letter is a symbol (μ, π, Δ), not a leftover
_RUN_EXCERPT = 40
_BRACKETS = {"(": ")", "（": "）", "[": "]", "“": "”", '"': '"', "«": "»", "‘": "’", "「": "」", "『": "』", "„": "“"}
_QUOTE_OPENERS = frozenset('“"«‘「『„')
_GLOSS_WINDOW = 60
_LOOK_ALIKE_SCRIPTS = frozenset(("Cyrillic", "Greek"))  # scripts whose letters can hide inside a Latin word
_SOURCE_WORDS = {
    "--lang": "from --lang",
    "front matter": "from front matter",
    "config": "configured",
    "detected": "detected",
}
_LEADING_MARKUP = re.compile(r"(?:[>*+\-#][ \t]*|\d{1,3}[.)][ \t]+)*")
_TRANSLATION_AFTER = re.compile(r"[\"'”’»」』]?\s*[(（]\s*[\"'“‘«]?[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class _SourceForm:
    entities: tuple[Entity, ...]  # as the article's language sees them
    # Whether the house form may replace it: the entity has forms in the article's language, or that
    # language is written in the script of the default forms (a Russian article gets no English name).
    fixable: tuple[bool, ...]


def _source_key(form: str) -> str:
    return " ".join(form.replace("\u2011", "-").replace("\u2010", "-").casefold().split())


def _source_forms(ctx: CheckContext, language: Language | None) -> dict[str, _SourceForm]:
    """Source forms written in a non-Latin script, by normalised spelling, for one article language."""
    memo = ctx.memo("language.source-forms")
    code = language.code if language is not None else None
    if code not in memo:
        view = ctx.name_index_for(code).gazetteer
        latin_language = language is None or LATIN in language.scripts
        claims: dict[str, list[tuple[Entity, bool]]] = {}
        for default, entity in zip(ctx.gazetteer.entities, view.entities, strict=True):
            own_forms = any(forms.language == code for forms in default.languages)
            for form in entity.source_forms:
                if any(script_of(char) not in (None, LATIN) for char in form):
                    claims.setdefault(_source_key(form), []).append((entity, own_forms or latin_language))
        memo[code] = {
            key: _SourceForm(tuple(entity for entity, _ in found), tuple(fixable for _, fixable in found))
            for key, found in claims.items()
        }
    forms: dict[str, _SourceForm] = memo[code]
    return forms


class _LanguageScan:
    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.ctx = ctx
        self.text = doc.checkable
        self.identifier = ctx.language_identifier
        self.article: ArticleLanguage = article_language(doc, ctx)
        self.expected: Language | None = self.identifier.table.get(self.article.code)
        self.allow_glosses = ctx.options.get("allow_source_glosses", True) is not False
        self.findings: list[Finding] = []

    def _add(self, rule: Rule, start: int, end: int, message: str, fix: Fix | None = None, **extra: object) -> None:
        self.findings.append(Finding(rule.code, rule.name, rule.severity, start, end, message, fix, dict(extra)))

    # -- NC401 ------------------------------------------------------------------------------------
    def foreign_paragraphs(self) -> list[tuple[int, int]]:
        if self.expected is None:
            return []
        reported = []
        headlines = set(self.doc.headlines)
        quotations = self.doc.quotations
        position = 0
        for start, end in self.doc.paragraphs:
            while position < len(quotations) and quotations[position][1] <= start:
                position += 1
            if (start, end) in headlines or end - start < MIN_PARAGRAPH_CHARS:
                continue
            inside = []
            while position < len(quotations) and quotations[position][0] < end:
                inside.append(quotations[position])
                position += 1
            judged = self._judged_text(start, end, inside)
            verdict = self.identifier.judge(judged, self.expected)
            if not verdict.foreign:
                continue
            reported.append((start, end))
            markup = _LEADING_MARKUP.match(self.text, start, end)
            start = markup.end() if markup else start  # from the first word, not from "> " or "- "
            article_name = self.expected.name
            if verdict.language is not None:
                what = self.identifier.table.name(verdict.language)
            else:
                what = f"{verdict.script} script"
            self._add(
                WRONG_LANGUAGE,
                start,
                end,
                f"paragraph {'is' if verdict.evidence == 'script' else 'appears to be'} in {what}, not {article_name} "
                f"(the article's language, {_SOURCE_WORDS[self.article.source]})",
                language=verdict.language,
                script=verdict.script,
                article_language=self.expected.code,
                article_language_source=self.article.source,
                evidence=verdict.evidence,
                probability=verdict.probability,
            )
        return reported

    def _judged_text(self, start: int, end: int, quotations: list[tuple[int, int]]) -> str:
        """The paragraph without its quotations when enough text stands outside them, else the whole paragraph."""
        paragraph = self.text[start:end]
        if not quotations:
            return paragraph
        pieces = []
        cursor = start
        for quote_start, quote_end in quotations:
            pieces.append(self.text[cursor:quote_start])
            cursor = max(cursor, quote_end)
        pieces.append(self.text[cursor:end])
        frame = " ".join(pieces)
        if len(frame.strip()) >= MIN_FRAME_CHARS:
            return frame
        return paragraph

    # -- NC402, NC403, NC404 ----------------------------------------------------------------------
    def script_runs(self, skip: list[tuple[int, int]]) -> None:
        if not has_foreign_letters(self.text):
            return
        expected_scripts = self.expected.scripts if self.expected is not None else (LATIN,)
        skipped = iter(skip)
        next_skip = next(skipped, None)
        for run in foreign_runs(self.text, self.doc.body_start):
            while next_skip is not None and next_skip[1] <= run.start:
                next_skip = next(skipped, None)
            if next_skip is not None and next_skip[0] <= run.start:
                continue
            if all(script in expected_scripts for script in run.scripts):
                continue
            self._judge_run(run)

    def _judge_run(self, run: ScriptRun) -> None:
        text = self.text
        before = text[run.start - 1] if run.start > 0 else " "
        after = text[run.end] if run.end < len(text) else " "
        if (script_of(before) == LATIN or script_of(after) == LATIN) and set(run.scripts) <= _LOOK_ALIKE_SCRIPTS:
            self._mixed_word(run)
            return
        if run.letters < _MIN_LETTERS.get(run.main_script, 1):
            return
        gloss = self._gloss(run)
        if gloss is not None and self.allow_glosses:
            return
        source = _source_forms(self.ctx, self.expected).get(_source_key(run.text))
        if source is not None:
            self._source_name(run, source, gloss)
            return
        excerpt = run.text if len(run.text) <= _RUN_EXCERPT else run.text[: _RUN_EXCERPT - 1] + "…"
        scripts = "/".join(run.scripts)
        what = "a gloss" if gloss is not None else "untranslated text"
        self._add(
            SOURCE_SCRIPT, run.start, run.end, f'{what} in {scripts} script: "{excerpt}"', scripts=list(run.scripts)
        )

    def _source_name(self, run: ScriptRun, source: _SourceForm, gloss: tuple[int, int] | None) -> None:
        entities = source.entities
        if len(entities) > 1:
            names = " or ".join(f'"{entity.canonical}"' for entity in entities)
            self._add(
                SOURCE_NAME,
                run.start,
                run.end,
                f'"{run.text}" is a source-language form of {names}; the context must decide',
                candidates=sorted(entity.id for entity in entities),
            )
            return
        entity = entities[0]
        if not source.fixable[0]:
            language = self.expected.name if self.expected is not None else "the article's language"
            self._add(
                SOURCE_NAME,
                run.start,
                run.end,
                f'"{run.text}" is a source-language form of {entity.id}; the gazetteer has no {language} form of it',
                entity=entity.id,
            )
            return
        if gloss is not None:
            fix = Fix((Edit(gloss[0], gloss[1], ""),), Applicability.UNSAFE) if gloss[1] > gloss[0] else None
            self._add(
                SOURCE_NAME,
                run.start,
                run.end,
                f'"{run.text}" glosses "{entity.canonical}" in the source language; glosses are not allowed here',
                fix,
                entity=entity.id,
                canonical=entity.canonical,
            )
            return
        replacement = entity.canonical
        if self.text[run.start - 1 : run.start].isalnum():
            replacement = " " + replacement
        if self.text[run.end : run.end + 1].isalnum():
            replacement += " "
        self._add(
            SOURCE_NAME,
            run.start,
            run.end,
            f'"{run.text}" is a source-language form of "{entity.canonical}"',
            Fix((Edit(run.start, run.end, replacement),), Applicability.SAFE),
            entity=entity.id,
            canonical=entity.canonical,
            replacement=replacement,
        )

    def _mixed_word(self, run: ScriptRun) -> None:
        text = self.text
        start, end = run.start, run.end
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        word = text[start:end]
        foreign = [char for char in word if script_of(char) not in (None, LATIN)]
        if all(char in HOMOGLYPHS for char in foreign):
            fixed = "".join(HOMOGLYPHS.get(char, char) for char in word)
            scripts = "/".join(run.scripts)
            self._add(
                MIXED_SCRIPT,
                start,
                end,
                f'"{word}" mixes {scripts} letters into a Latin word; write "{fixed}"',
                Fix((Edit(start, end, fixed),), Applicability.SAFE),
                replacement=fixed,
                letters="".join(dict.fromkeys(foreign)),
            )
            return
        if run.letters < _MIN_LETTERS.get(run.main_script, 1):
            return  # "μg", "Δx": a symbol written against a unit or variable
        self._add(
            SOURCE_SCRIPT,
            run.start,
            run.end,
            f'untranslated text in {"/".join(run.scripts)} script: "{run.text}"',
            scripts=list(run.scripts),
        )

    def _gloss(self, run: ScriptRun) -> tuple[int, int] | None:
        """Where the run is a gloss: the span to delete to remove it (empty when it cannot be cut out cleanly).

        A gloss is a run in brackets or quotes right after a Latin-script word ("Nagorno-Karabakh (纳卡)";
        with quotes the word must be capitalised, a name), or a run followed by its translation in
        parentheses ("Нет войне (No to war)").
        """
        text = self.text
        if _TRANSLATION_AFTER.match(text, run.end, min(len(text), run.end + 8)):
            return (run.start, run.start)
        window_start = max(self.doc.body_start, run.start - _GLOSS_WINDOW)
        opener_at = -1
        for position in range(run.start - 1, window_start - 1, -1):
            char = text[position]
            if char in _BRACKETS:
                opener_at = position
                break
            if char in ".!?\n" or char in _BRACKETS.values():
                return None
        if opener_at < 0:
            return None
        closer = _BRACKETS[text[opener_at]]
        closer_at = text.find(closer, run.end, min(len(text), run.end + _GLOSS_WINDOW))
        if closer_at < 0 or any(char in ".!?\n" for char in text[run.end : closer_at]):
            return None
        word_end = opener_at
        while word_end > 0 and text[word_end - 1] in " \t":
            word_end -= 1
        word_start = word_end
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in "-'’"):
            word_start -= 1
        word = text[word_start:word_end]
        if not word or script_of(word[-1]) != LATIN:
            return None
        if text[opener_at] in _QUOTE_OPENERS and not word[:1].isupper():
            return None
        only_run = text[opener_at + 1 : closer_at].strip() == run.text
        return (word_end, closer_at + 1) if only_run else (run.start, run.start)


def check_language(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    scan = _LanguageScan(doc, ctx)
    foreign = scan.foreign_paragraphs()
    scan.script_runs(foreign)
    yield from scan.findings
