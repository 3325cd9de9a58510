"""The anchor pass of the attribution check: the Aho-Corasick automaton finds exactly what the anchor regex finds.

`AttributionLexicon.anchor_hits` runs the automaton; `anchor_hits_regex` keeps the regex scan it replaced, as the
reference. Both are compared on random texts built from the anchor keys and their near misses, and on every
article of the bench corpora and the seeds.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normcheck.attribution_lexicon import BE_FORMS, WHITE_SPACE, AttributionLexicon, lexicon_for, lower_same_length
from normcheck.document import parse_document

ROOT = Path(__file__).parent.parent
EXTRA = Path(__file__).parent / "data" / "attribution-extra.yaml"
OVERLAPS = Path(__file__).parent / "data" / "attribution-anchor-overlaps.yaml"
SPACES = ("\xa0", "\u2009", "\u3000", "\r", "\x0b", "\x85", "\u2028", "\n", "\t")


@functools.cache
def _lexicons() -> tuple[AttributionLexicon, AttributionLexicon, AttributionLexicon]:
    """The shipped word lists; with a newsroom's additions; with additions whose keys overlap the lead strings."""
    return lexicon_for(), lexicon_for((EXTRA,)), lexicon_for((EXTRA, OVERLAPS))


def _regex_matches(lexicon: AttributionLexicon, padded: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match[1]) for match in lexicon.anchor_regex.finditer(padded)]


def _padded(lowered: str) -> str:
    return " " + lowered.replace("\n", " ").replace("\t", " ")


def test_white_space_is_what_the_regex_calls_white_space() -> None:
    every = [chr(code) for code in range(0x110000)]
    assert [char for char in every if re.match(r"\s", char)] == list(WHITE_SPACE)
    assert [char for char in every if char.isspace()] == list(WHITE_SPACE)


@functools.cache
def _pieces() -> tuple[str, ...]:
    """Keys, their prefixes and extensions, and the words their conditions and source tests look for."""
    lexicon = _lexicons()[2]
    words = lexicon.words
    keys = sorted(lexicon.anchor_kinds)
    pieces = set(keys)
    for key in keys:
        pieces.update((key[:-1], key[: len(key) // 2], key + "s", key + "ed", key + "’s", key + "'", key + "-led"))
    for category in words.categories:
        pieces.update(phrase.lower() for phrase in (*category.phrases, *category.predicates))
    # The frames the conditions of "it is", "is" and the other forms of "be" look for, hedged or not.
    hedges = [hedge.lower() for hedge in words.hedges]
    for verbs, forms in ((words.raising_verbs, BE_FORMS), (words.impersonal_verbs, ("it is", "it has been"))):
        for index, verb in enumerate(verb.lower() for verb in verbs):
            hedge = hedges[index % len(hedges)]
            to = " to" if forms == BE_FORMS else ""
            for form in forms:
                pieces.update(
                    (f"{form} {verb}{to}", f"{form} {hedge} {verb}{to}", f"{form} {hedge} {hedge} {verb}{to}")
                )
    for phrases in (
        words.reporting_verbs,
        words.hedges,
        words.raising_verbs,
        words.impersonal_verbs,
        words.generic_nouns,
        words.anonymous_nouns,
        words.role_nouns,
        words.anonymity_markers,
    ):
        pieces.update(phrase.lower() for phrase in phrases)
    pieces.update(("a", "an", "one", "to", "for", "been", "world", "said", "by", "that", "the", "é", "_", "1"))
    pieces.discard("")
    return tuple(sorted(pieces))


_SPACES = st.sampled_from((" ", " ", " ", " ", " ", " ", "  ", " \n", "\n", *SPACES))
_SEPARATORS = st.sampled_from(
    (" ", " ", " ", " ", "  ", ", ", ". ", "\n", "\n\n", "\t", "-", "’", "'", "", " “", "” ", "—", *SPACES)
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    # A piece of several words is written with any white space between them ("it\u00a0is  said").
    pieces = [
        parts[0] + "".join(draw(_SPACES) + part for part in parts[1:])
        for parts in (piece.split(" ") for piece in draw(st.lists(st.sampled_from(_pieces()), min_size=1, max_size=12)))
    ]
    separators = draw(st.lists(_SEPARATORS, min_size=len(pieces) + 1, max_size=len(pieces) + 1))
    return separators[0] + "".join(piece + separator for piece, separator in zip(pieces, separators[1:], strict=True))


@settings(max_examples=1500, deadline=None)
@given(text=_texts(), which=st.sampled_from((0, 1, 2)))
def test_automaton_finds_what_the_regex_finds(text: str, which: int) -> None:
    lexicon = _lexicons()[which]
    padded = _padded(text)
    assert lexicon._anchor_matches(padded) == _regex_matches(lexicon, padded)
    assert lexicon.anchor_hits(text) == lexicon.anchor_hits_regex(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (start, end, word) in the padded text: the start is the space before the word, the end is one past it.
        # The longest key that meets its condition wins at a space; a shorter key inside it is not searched.
        ("it is said that", [(0, 6, "it is")]),
        ("it  is said that", [(0, 7, "it  is")]),  # any white space between the words of a key
        ("it\xa0is said", [(0, 6, "it\xa0is")]),
        ("it is high", []),  # "it is" only before its reporting verb; "is" then only before "said to" and the like
        ("analysts’ view", []),  # not at a word boundary
        ("many analysts said", [(0, 5, "many"), (5, 14, "analysts")]),
    ],
)
def test_anchor_matches_by_example(text: str, expected: list[tuple[int, int, str]]) -> None:
    lexicon = _lexicons()[0]
    padded = _padded(text)
    assert _regex_matches(lexicon, padded) == expected
    assert lexicon._anchor_matches(padded) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deadline u.s. time", [(0, 11, "deadline u"), (14, 19, "time")]),  # the longer key, reported first, wins
        ("he was said to", [(3, 12, "was said")]),  # a key that is also "was" with its lead "said"
        ("would be considered to", [(6, 20, "be considered")]),
        ("it is known", [(0, 12, "it is known")]),
    ],
)
def test_overlapping_keys_by_example(text: str, expected: list[tuple[int, int, str]]) -> None:
    lexicon = _lexicons()[2]
    padded = _padded(text)
    assert _regex_matches(lexicon, padded) == expected
    assert lexicon._anchor_matches(padded) == expected


def _articles() -> list[Path]:
    found = []
    for folder in ("bench/attribution", "bench/names", "bench/dates", "bench/language", "seeds"):
        found.extend(path for path in sorted((ROOT / folder).rglob("*")) if path.suffix in (".md", ".txt"))
    return found


def test_automaton_agrees_with_the_regex_on_every_bench_article() -> None:
    articles = _articles()
    assert len(articles) > 100
    hits = 0
    for lexicon in _lexicons():
        for path in articles:
            text = path.read_text(encoding="utf-8")
            for lowered in (lower_same_length(parse_document(text, path.name).checkable), lower_same_length(text)):
                expected = lexicon.anchor_hits_regex(lowered)
                assert lexicon.anchor_hits(lowered) == expected, path
                hits += len(expected)
    assert hits > 1000
