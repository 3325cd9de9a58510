"""Which writing system a letter belongs to: Unicode-script tests for runs of foreign script in article text.

Only letters have a script here; digits, punctuation, spaces, symbols and combining marks are neutral.
The table covers the scripts that reach translated news copy; a letter outside it counts as "Latin" when
it is in a Latin block and is neutral otherwise, so an unlisted script is never reported.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

LATIN = "Latin"

# (first, last, script): letter blocks, sorted by first code point.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, LATIN),
    (0x0061, 0x007A, LATIN),
    (0x00AA, 0x00AA, LATIN),
    (0x00BA, 0x00BA, LATIN),
    (0x00C0, 0x00D6, LATIN),
    (0x00D8, 0x00F6, LATIN),
    (0x00F8, 0x02AF, LATIN),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0531, 0x058A, "Armenian"),
    (0x0591, 0x05F4, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x08A0, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x1C80, 0x1C8F, "Cyrillic"),
    (0x1C90, 0x1CBF, "Georgian"),
    (0x1E00, 0x1EFF, LATIN),
    (0x1F00, 0x1FFF, "Greek"),
    (0x2C60, 0x2C7F, LATIN),
    (0x2D00, 0x2D2F, "Georgian"),
    (0x2DE0, 0x2DFF, "Cyrillic"),
    (0x3005, 0x3007, "Han"),
    (0x3021, 0x3029, "Han"),
    (0x3041, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3105, 0x312F, "Bopomofo"),
    (0x3131, 0x318E, "Hangul"),
    (0x31F0, 0x31FF, "Katakana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0xA720, 0xA7FF, LATIN),
    (0xAB30, 0xAB6F, LATIN),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB00, 0xFB06, LATIN),
    (0xFB13, 0xFB17, "Armenian"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF21, 0xFF3A, LATIN),
    (0xFF41, 0xFF5A, LATIN),
    (0xFF66, 0xFF9F, "Katakana"),
    (0x20000, 0x2FA1F, "Han"),
)
_STARTS = [first for first, _, _ in _RANGES]

# Scripts written by one language only: a paragraph in them names its language without langdetect.
SCRIPT_LANGUAGE = {
    "Greek": "el",
    "Armenian": "hy",
    "Hebrew": "he",
    "Georgian": "ka",
    "Hangul": "ko",
    "Hiragana": "ja",
    "Katakana": "ja",
    "Thai": "th",
    "Lao": "lo",
    "Khmer": "km",
    "Sinhala": "si",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Gujarati": "gu",
    "Gurmukhi": "pa",
    "Myanmar": "my",
    "Tibetan": "bo",
    "Thaana": "dv",
}


def script_of(char: str) -> str | None:
    """The script of a letter, or None for anything that is not a letter of a listed script."""
    if not char.isalpha():
        return None
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0:
        first, last, script = _RANGES[index]
        if first <= code <= last:
            return script
    return None


def _class_of(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "") for first, last in ranges
    )


_LATIN_CLASS = _class_of([(first, last) for first, last, script in _RANGES if script == LATIN])
_FOREIGN_CLASS = _class_of([(first, last) for first, last, script in _RANGES if script != LATIN])
# A run starts at a letter of a non-Latin script and extends over anything but a Latin letter or a line
# break; its end is then trimmed back to its last non-Latin letter. Linear: no nested quantifiers.
_FOREIGN_STRETCH = re.compile(f"[{_FOREIGN_CLASS}][^{_LATIN_CLASS}\\n]*")
_FOREIGN_CHAR = re.compile(f"[{_FOREIGN_CLASS}]")
_LATIN_LETTERS = re.compile(f"[{_LATIN_CLASS}]+")


@dataclass(frozen=True)
class ScriptRun:
    """Letters of non-Latin scripts with nothing but spaces, digits and punctuation between them."""

    start: int
    end: int
    text: str
    scripts: tuple[str, ...]  # by letter count, most first; ties by name

    @property
    def main_script(self) -> str:
        return self.scripts[0]

    @property
    def letters(self) -> int:
        return sum(1 for char in self.text if script_of(char) is not None)


def _scripts_in(text: str) -> tuple[str, ...]:
    counts = Counter(script for script in map(script_of, text) if script is not None and script != LATIN)
    return tuple(script for script, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


_CJK = frozenset(("Han", "Hiragana", "Katakana", "Bopomofo"))


def _family(script: str) -> str:
    """Japanese mixes Han and Kana in one word: they make one run; any other change of script ends a run."""
    return "CJK" if script in _CJK else script


def foreign_runs(text: str, start: int = 0, end: int | None = None) -> Iterator[ScriptRun]:
    """Runs of non-Latin-script letters in text[start:end], one per script (Han and Kana count as one)."""
    end = len(text) if end is None else end
    for match in _FOREIGN_STRETCH.finditer(text, start, end):
        run_start = last_letter = -1
        family = ""
        for offset, char in enumerate(match.group(), match.start()):
            script = script_of(char)
            if script is None:
                continue
            if run_start >= 0 and _family(script) != family:
                yield _run(text, run_start, last_letter + 1)
                run_start = -1
            if run_start < 0:
                run_start, family = offset, _family(script)
            last_letter = offset
        if run_start >= 0:
            yield _run(text, run_start, last_letter + 1)


def _run(text: str, start: int, end: int) -> ScriptRun:
    return ScriptRun(start, end, text[start:end], _scripts_in(text[start:end]))


def has_foreign_letters(text: str) -> bool:
    """A quick test: ASCII text has none, anything else is searched once."""
    return not text.isascii() and _FOREIGN_CHAR.search(text) is not None


def letter_counts(text: str) -> Counter[str]:
    """Letters per script; Latin letters are counted with one regex pass."""
    counts: Counter[str] = Counter()
    if text.isascii():
        counts[LATIN] = sum(1 for char in text if char.isalpha())
        return counts
    counts[LATIN] = sum(len(run) for run in _LATIN_LETTERS.findall(text))
    for match in _FOREIGN_STRETCH.finditer(text):
        for char in match.group():
            script = script_of(char)
            if script is not None and script != LATIN:
                counts[script] += 1
    return counts


# Letters of other scripts that look exactly like a Latin letter: what machine translation and copy-paste
# leave inside Latin words ("Pаshinyan" with a Cyrillic а). Only exact look-alikes are listed.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Ү": "Y",
    "Һ": "H",
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    # Greek
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "o",
}

KNOWN_SCRIPTS = frozenset(script for _, _, script in _RANGES)
