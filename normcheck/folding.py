"""Transliteration folding: map spellings of one name from different romanisations to one key.

"Kyiv" and "Kiev" both fold to "kiv"; "Qaddafi" and "Kadhafi" to "kadafi". Folding is only ever used
to compare names, never to produce text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Order matters: digraphs before the single letters they contain.
_FOLD_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"tsch|tch", "ch"),
        (r"sch", "sh"),
        (r"dzh|dj", "j"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"zh", "j"),
        (r"ck|q|c(?=[aou])", "k"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"^ye", "e"),  # Yerevan/Erevan, Yevgeny/Evgeny
        (r"[yj]", "i"),
        (r"ie", "i"),
        (r"(.)\1+", r"\1"),
    )
)

_KEY_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The transliteration-folded comparison key of a name."""
    folded = anyascii(name).lower()
    for pattern, replacement in _FOLD_RULES:
        folded = pattern.sub(replacement, folded)
    return folded


@lru_cache(maxsize=65536)
def normalize_key(form: str) -> str:
    """Exact-match key: lower case, one kind of apostrophe, hyphens and spaces alike."""
    return _KEY_SEPARATORS.sub(" ", form.translate(_APOSTROPHES).lower()).strip()


# First-letter classes for blocking fuzzy candidates: letters that transliterations swap.
_BLOCK_CLASSES = {letter: group[0] for group in ("aeiouy", "kgqc", "bp", "dt", "fvw", "szx", "jh") for letter in group}


def loose_fold(name: str) -> str:
    """`fold`, and G and H alike (Ukrainian and Armenian Г/Հ come out as either: Hadrut/Gadrut)."""
    return fold(name).replace("g", "h")


def block_key(folded: str) -> str:
    if not folded:
        return ""
    return _BLOCK_CLASSES.get(folded[0], folded[0])
