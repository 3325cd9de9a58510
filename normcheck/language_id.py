"""Which language a text is in: script test first, then stop-word profiles, then (rarely) langdetect.

The cheap tests decide almost everything. A Unicode-script count settles text in another script at once;
a stop-word profile of the expected language clears ordinary paragraphs of it. Only what both leave open
reaches langdetect, and a paragraph is only called foreign when langdetect and the stop words agree.

langdetect is made deterministic and free of hidden global state here: normcheck never calls
`langdetect.detect()` (which fills a module-level factory and seeds from the clock). Each run owns one
`DetectorFactory`, created on the first text that needs it (not at import), with its profiles loaded
in sorted order and the fixed seed `LANGDETECT_SEED`; every detector it makes starts from that seed, so
the same text always gets the same answer. The only state is that factory, which lives in the run's
`CheckContext` (one per worker process).
"""

from __future__ import annotations

import os
import string
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from normcheck.language_profiles import Language, LanguageTable, normalize_language_tag
from normcheck.scripts import LATIN, SCRIPT_LANGUAGE, has_foreign_letters, letter_counts

if TYPE_CHECKING:
    from normcheck.context import CheckContext
    from normcheck.document import Document

DEFAULT_LANGUAGE = "en"  # the language of the gazetteer's default forms, and of the tool's word lists
LANGDETECT_SEED = 0
LANGDETECT_MAX_CHARS = 3000  # langdetect reads text one character at a time; a sample is plenty

# Stop-word thresholds (shares of all words). An ordinary English news paragraph has 35-50% stop words.
CLEAR_SHARE = 0.25  # at least this share of expected-language stop words clears a paragraph at once ...
CLEAR_MIN_HITS = 4  # ... when there are at least this many of them
COMPARE_SHARE = 0.15  # below CLEAR_SHARE: cleared when clearly ahead of every other profile of its script
COMPARE_MIN_HITS = 3
COMPARE_LEAD = 1.5
# What it takes to call a paragraph foreign after langdetect: all of these.
FOREIGN_MIN_PROBABILITY = 0.90
FOREIGN_MAX_EXPECTED_SHARE = 0.12  # few stop words of the expected language ...
FOREIGN_MIN_DETECTED_SHARE = 0.12  # ... and, when langdetect's language has a profile, enough of its own
FOREIGN_MIN_LOWERCASE_WORDS = 8  # prose, not a list of names
# Whole articles.
MARKER_DENSITY = 4.0  # default-language markers per 1,000 characters that settle an article at once
ARTICLE_MIN_LETTERS = 20
ARTICLE_STOPWORD_SHARE = 0.20
ARTICLE_STOPWORD_LEAD = 1.5
ARTICLE_MIN_PROBABILITY = 0.90
ARTICLE_MIN_LETTERS_FOR_LANGDETECT = 200  # on less, langdetect guesses; the article language stays undetermined

_SEPARATORS = str.maketrans(dict.fromkeys(string.punctuation + string.digits + "‘’“”«»„—–…\xa0", " "))


def words_of(text: str) -> list[str]:
    """Lower-case words: punctuation, digits and apostrophes separate them (French l'armée → l, armée)."""
    return text.lower().translate(_SEPARATORS).split()


@dataclass(frozen=True)
class Verdict:
    """The language of one paragraph (or article) as far as the evidence goes."""

    foreign: bool  # in another language than the expected one
    language: str | None  # the language it is in, when known
    evidence: str  # "script", "markers", "stopwords", "langdetect", "uncertain"
    probability: float = 1.0
    script: str | None = None  # the dominant script, when the script test decided


@dataclass(frozen=True)
class ArticleLanguage:
    code: str | None  # None: could not be determined (then nothing is judged against it)
    source: str  # "--lang", "front matter", "config", "detected", "undetermined"
    evidence: str = ""


class LanguageIdentifier:
    """Language tests for one run: the language table and a seeded langdetect factory made on first use."""

    def __init__(self, table: LanguageTable) -> None:
        self.table = table
        self._factory: Any = None
        default = table.get(DEFAULT_LANGUAGE)
        self._default_markers = tuple(f" {marker} " for marker in default.markers) if default is not None else ()
        # For the speed benchmark: how much work reached each stage.
        self.langdetect_calls = 0
        self.paragraphs_judged = 0
        self.paragraphs_to_langdetect = 0

    # -- langdetect ------------------------------------------------------------------------------
    def _detector_factory(self) -> Any:
        if self._factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            profiles = []
            for name in sorted(os.listdir(PROFILES_DIRECTORY)):  # sorted: the same language order everywhere
                with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as handle:
                    profiles.append(handle.read())
            factory = DetectorFactory()
            factory.load_json_profile(profiles)
            factory.set_seed(LANGDETECT_SEED)
            self._factory = factory
        return self._factory

    def langdetect(self, text: str) -> list[tuple[str, float]]:
        """langdetect's languages and probabilities, best first (zh-cn and zh-tw as zh); [] without features."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._detector_factory().create()
        detector.set_max_text_length(LANGDETECT_MAX_CHARS)
        detector.append(text)
        self.langdetect_calls += 1
        try:
            found = detector.get_probabilities()
        except LangDetectException:
            return []
        merged: Counter[str] = Counter()
        for item in found:
            merged[normalize_language_tag(item.lang) or item.lang] += item.prob
        return sorted(merged.items(), key=lambda pair: (-pair[1], pair[0]))

    # -- paragraphs ------------------------------------------------------------------------------
    def judge(self, text: str, expected: Language) -> Verdict:
        """Whether `text` is in the `expected` language; `foreign` only on agreeing evidence."""
        self.paragraphs_judged += 1
        # Text without a letter of another script is all Latin: nothing to count for a Latin-script language.
        if LATIN not in expected.scripts or has_foreign_letters(text):
            counts = letter_counts(text)
            total = sum(counts.values())
            if total == 0:
                return Verdict(False, None, "uncertain", 0.0)
            in_expected_script = sum(counts[script] for script in expected.scripts)
            if in_expected_script * 2 < total:
                return self.name_by_script(text, self._by_script(counts, expected))
        if expected.profiled:
            # The fast path, for nearly every paragraph: whitespace tokens, punctuation and all ("said,"
            # does not count, which only makes the test stricter).
            tokens = text.lower().split()
            hits = sum(map(expected.stopwords.__contains__, tokens))
            if hits >= CLEAR_MIN_HITS and hits >= CLEAR_SHARE * len(tokens):
                return Verdict(False, expected.code, "stopwords", round(hits / len(tokens), 3))
        words = words_of(text)
        shares = self._expected_share(words, expected)
        if shares is not None:
            hits, share = shares
            if hits >= COMPARE_MIN_HITS and share >= COMPARE_SHARE:
                rivals = self._shares(words, (lang for lang in self._same_script(expected) if lang is not expected))
                if share >= COMPARE_LEAD * max(rivals.values(), default=0.0):
                    return Verdict(False, expected.code, "stopwords", round(share, 3))
        return self._by_langdetect(text, words, expected, shares)

    def _by_script(self, counts: Counter[str], expected: Language) -> Verdict:
        foreign = [(count, script) for script, count in counts.items() if script not in expected.scripts]
        count, script = max(foreign, key=lambda item: (item[0], item[1]))
        language = SCRIPT_LANGUAGE.get(script)
        if script == "Han":
            language = "ja" if counts["Hiragana"] + counts["Katakana"] else "zh"
        if script == LATIN:
            language = None
        share = count / sum(counts.values())
        return Verdict(True, language, "script", round(share, 3), script)

    def name_by_script(self, text: str, verdict: Verdict) -> Verdict:
        """A script verdict with its language named when a stop-word profile of that script fits (Cyrillic → ru).

        Only for naming in messages: the script test has already decided.
        """
        if verdict.language is not None or verdict.script is None:
            return verdict
        candidates = [language for language in self.table.profiled if verdict.script in language.scripts]
        if not candidates:
            return verdict
        ranked = sorted(self._shares(words_of(text), candidates).items(), key=lambda item: (-item[1], item[0]))
        best, share = ranked[0]
        if share >= COMPARE_SHARE:
            return Verdict(verdict.foreign, best, verdict.evidence, verdict.probability, verdict.script)
        return verdict

    def _by_langdetect(
        self, text: str, words: list[str], expected: Language, shares: tuple[int, float] | None
    ) -> Verdict:
        self.paragraphs_to_langdetect += 1
        found = self.langdetect(text)
        if not found:
            return Verdict(False, None, "uncertain", 0.0)
        top, probability = found[0]
        expected_probability = dict(found).get(expected.code, 0.0)
        if top == expected.code or expected_probability >= 0.10:
            return Verdict(False, expected.code, "langdetect", round(max(expected_probability, 0.0), 3))
        detected = self.table.get(top)
        lowercase_words = sum(1 for word in text.translate(_SEPARATORS).split() if word[:1].islower())
        agrees = (
            probability >= FOREIGN_MIN_PROBABILITY
            and lowercase_words >= FOREIGN_MIN_LOWERCASE_WORDS
            and (shares is None or shares[1] < FOREIGN_MAX_EXPECTED_SHARE)
        )
        if agrees and detected is not None and detected.profiled:
            agrees = self._shares(words, (detected,))[detected.code] >= FOREIGN_MIN_DETECTED_SHARE
        if not agrees:
            return Verdict(False, top, "uncertain", round(probability, 3))
        return Verdict(True, top, "langdetect", round(probability, 3))

    def _same_script(self, language: Language) -> tuple[Language, ...]:
        return tuple(other for other in self.table.profiled if set(other.scripts) & set(language.scripts))

    @staticmethod
    def _expected_share(words: list[str], expected: Language) -> tuple[int, float] | None:
        if not expected.profiled:
            return None
        hits = sum(map(expected.stopwords.__contains__, words))
        return hits, (hits / len(words) if words else 0.0)

    @staticmethod
    def _shares(words: list[str], languages: Any) -> dict[str, float]:
        if not words:
            return {language.code: 0.0 for language in languages}
        counts = Counter(words)
        present = counts.keys()
        return {
            language.code: sum(counts[word] for word in present & language.stopwords) / len(words)
            for language in languages
        }

    # -- whole articles --------------------------------------------------------------------------
    def detect(self, text: str) -> Verdict:
        """The language of a whole article, or an uncertain verdict with language None."""
        if self._default_markers and text:
            marker_hits = sum(map(text.count, self._default_markers))
            if marker_hits * 1000 >= MARKER_DENSITY * len(text) and marker_hits >= 3:
                return Verdict(False, DEFAULT_LANGUAGE, "markers")
        counts = letter_counts(text)
        total = sum(counts.values())
        if total < ARTICLE_MIN_LETTERS:
            return Verdict(False, None, "uncertain", 0.0)
        script, count = max(counts.items(), key=lambda item: (item[1], item[0]))
        if script != LATIN and script in SCRIPT_LANGUAGE:
            return Verdict(False, SCRIPT_LANGUAGE[script], "script", round(count / total, 3), script)
        if script == "Han":
            language = "ja" if counts["Hiragana"] + counts["Katakana"] else "zh"
            return Verdict(False, language, "script", round(count / total, 3), script)
        words = words_of(text)
        candidates = [language for language in self.table.profiled if script in language.scripts]
        if candidates and words:
            ranked = sorted(self._shares(words, candidates).items(), key=lambda item: (-item[1], item[0]))
            best, best_share = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            if best_share >= ARTICLE_STOPWORD_SHARE and best_share >= ARTICLE_STOPWORD_LEAD * runner_up:
                return Verdict(False, best, "stopwords", round(best_share, 3), script)
        if total < ARTICLE_MIN_LETTERS_FOR_LANGDETECT:
            return Verdict(False, None, "uncertain", 0.0)
        found = self.langdetect(text)
        if found and found[0][1] >= ARTICLE_MIN_PROBABILITY:
            return Verdict(False, found[0][0], "langdetect", round(found[0][1], 3), script)
        return Verdict(False, None, "uncertain", 0.0)


def article_language(doc: Document, ctx: CheckContext) -> ArticleLanguage:
    """The article's language: `--lang`, else front matter `lang`, else the config default, else detection.

    Remembered for the last few documents of the run, so the name and language checks decide it once.
    """
    memo = ctx.memo("language.article")
    cached = memo.get(id(doc))
    if cached is not None and cached[0] is doc:
        result: ArticleLanguage = cached[1]
        return result
    result = _resolve_article_language(doc, ctx)
    if len(memo) >= 16:
        memo.clear()
    memo[id(doc)] = (doc, result)  # holding the document keeps its id from being reused while cached
    return result


def _resolve_article_language(doc: Document, ctx: CheckContext) -> ArticleLanguage:
    table = ctx.language_identifier.table
    option = ctx.options.get("lang")
    if isinstance(option, str) and option:
        return ArticleLanguage(option, "--lang")
    front = doc.metadata.get("lang")
    if isinstance(front, str):
        code = normalize_language_tag(front)
        if code is not None and table.get(code) is not None:
            return ArticleLanguage(code, "front matter")
    configured = ctx.options.get("default_lang")
    if isinstance(configured, str) and configured:
        return ArticleLanguage(configured, "config")
    verdict = ctx.language_identifier.detect(doc.checkable)
    if verdict.language is None:
        return ArticleLanguage(None, "undetermined")
    return ArticleLanguage(verdict.language, "detected", verdict.evidence)
