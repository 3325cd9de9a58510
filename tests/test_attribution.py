"""The attribution word lists (validation with file and line, merging), the check's CLI surface, and the
segmentation fast path the check relies on. The rule behaviour itself is in tests/cases/attribution.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from normcheck import segmentation
from normcheck.attribution_lexicon import AttributionWordsError, load_words, parse_words
from normcheck.checks.attribution import (
    ATTRIBUTION_WORDS_OPTION,
    _AttributionScan,
    _finding,
    attribution_lexicon,
    check_attribution,
)
from normcheck.cli import main
from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.finding import Finding, Severity
from normcheck.gazetteer import Gazetteer

EXTRA = Path(__file__).parent / "data" / "attribution-extra.yaml"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("version: 1\nsources: [\n", 3, "not valid YAML"),
        ("version: 2\n", 1, "'version' must be 1"),
        ("version: 1\nsourcs:\n  generic_nouns: [bloggers]\n", 2, "unknown section 'sourcs'"),
        ("version: 1\nsources:\n  generic_noun: [bloggers]\n", 3, "unknown key 'generic_noun' in 'sources'"),
        ("version: 1\nsources:\n  generic_nouns: bloggers\n", 3, "'sources.generic_nouns' must be a list"),
        ("version: 1\nsources:\n  generic_nouns:\n    - bloggers\n    - ''\n", 5, "entries must be non-empty"),
        ("version: 1\nsources:\n  generic_nouns: [bloggers, '--']\n", 3, "holds no letter"),
        ("version: 1\nsources:\n  generic_nouns:\n    - bloggers\n    - Bloggers\n", 5, "lists 'bloggers' twice"),
        (
            "version: 1\nclaims:\n  categories:\n    - name: x\n      anchors: [a]\n      patterns: ['(a']\n",
            6,
            "not a valid regular expression",
        ),
        (
            "version: 1\nclaims:\n  categories:\n    - name: x\n      anchors: [a]\n      patterns: ['a*']\n",
            6,
            "matches the empty string",
        ),
        (
            "version: 1\nclaims:\n  categories:\n    - name: x\n      patterns: ['abc']\n",
            4,
            "has patterns but no 'anchors'",
        ),
        ("version: 1\nclaims:\n  categories:\n    - label: x\n      phrases: [abc]\n", 4, "needs a 'name'"),
        ("version: 1\nclaims:\n  categories:\n    - name: x\n", 4, "has no phrases, predicates or patterns"),
        ("version: 1\nclaims:\n  categories:\n    - name: x\n      phrase: [abc]\n", 5, "unknown key 'phrase'"),
        (
            "version: 1\nclaims:\n  categories:\n    - {name: x, phrases: [a]}\n    - {name: x, phrases: [b]}\n",
            3,
            "claim category 'x' is defined twice",
        ),
    ],
)
def test_word_list_errors_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(AttributionWordsError) as caught:
        parse_words(text, "ours.yaml")
    assert caught.value.path == "ours.yaml"
    assert caught.value.line == line
    assert message in caught.value.message


def test_missing_word_list_file() -> None:
    with pytest.raises(AttributionWordsError, match="no such attribution word-list file"):
        load_words([Path("/nonexistent/words.yaml")])


def test_extra_lists_are_added_and_categories_merged_by_name() -> None:
    shipped = load_words()
    merged = load_words([EXTRA])
    assert "bloggers" not in shipped.generic_nouns
    assert "bloggers" in merged.generic_nouns
    assert set(shipped.generic_nouns) < set(merged.generic_nouns)
    by_name = {category.name: category for category in merged.categories}
    assert "a slap in the face" in by_name["evaluation"].phrases
    assert by_name["evaluation"].label == "evaluation"  # kept: the extra file gave no label
    assert set(next(c for c in shipped.categories if c.name == "evaluation").predicates) <= set(
        by_name["evaluation"].predicates
    )
    assert by_name["boast"].label == "boast"
    assert merged.sources[-1] == str(EXTRA)


def test_the_lexicon_is_built_once_per_run_and_word_list_set() -> None:
    context = CheckContext(Gazetteer(entities=()))
    assert attribution_lexicon(context) is attribution_lexicon(context)
    other = CheckContext(Gazetteer(entities=()), options={ATTRIBUTION_WORDS_OPTION: [str(EXTRA)]})
    assert attribution_lexicon(other) is not attribution_lexicon(context)


def test_offsets_survive_characters_that_lower_case_to_two() -> None:
    # "İ" lower-cases to two characters; the check must still report the right span after it.
    text = "İstanbul hosted the talks. Sources said the delegations left on Friday.\n"
    findings = list(check_attribution(parse_document(text), CheckContext(Gazetteer(entities=()))))
    assert [(f.code, text[f.start : f.end]) for f in findings] == [("NC301", "Sources said")]


def test_the_fast_finding_equals_a_finding() -> None:
    made = _finding("NC301", "vague-attribution", Severity.WARNING, 3, 9, "m", {"form": "subject"})
    assert made == Finding("NC301", "vague-attribution", Severity.WARNING, 3, 9, "m", None, {"form": "subject"})
    assert (made.fix, made.extra, made.sort_key()) == (None, {"form": "subject"}, (3, 9, "NC301", "m"))


_STOCK = "Observers said the vote was orderly, although turnout was lower than at the previous election."


@pytest.mark.parametrize(
    "second",
    [
        f"The count ended late.\n\n{_STOCK} It rained.\n",  # the same sentence at another offset: memo hit
        f"“Turnout fell,” the commission said.\n\n“{_STOCK}”\n",  # inside a quotation: not reported, not memoised
        f"Officials met in `Observers said` code.\n\n{_STOCK}\n",  # code blanked: the text is not its checkable text
    ],
)
def test_sentences_seen_before_in_a_run_give_what_a_fresh_run_gives(second: str) -> None:
    """Frames and source findings are kept per distinct sentence for a run; a later article must get exactly what
    it would get on its own."""
    shared = CheckContext(Gazetteer(entities=()))
    list(check_attribution(parse_document(f"{_STOCK}\n"), shared))
    again = list(check_attribution(parse_document(second, "a.md"), shared))
    fresh = list(check_attribution(parse_document(second, "a.md"), CheckContext(Gazetteer(entities=()))))
    assert [(f.code, f.start, f.end, f.message, f.extra) for f in again] == [
        (f.code, f.start, f.end, f.message, f.extra) for f in fresh
    ]


@given(
    text=st.text(alphabet=list('..!?…"’)”“( \nAaBb1xy'), min_size=1, max_size=60),
    data=st.data(),
)
def test_rough_sentences_end_at_every_boundary_and_nowhere_else(text: str, data: st.DataObject) -> None:
    """_rough_sentence finds its boundaries with one regex; they are those of a plain scan of the marks."""
    words = [index for index, char in enumerate(text) if char.isalnum()]
    if not words:
        return
    position = data.draw(st.sampled_from(words))
    before = [end for mark, end in _boundaries(text) if mark < position]
    after = [end for mark, end in _boundaries(text) if mark > position]
    scan = _AttributionScan.__new__(_AttributionScan)
    scan.paragraphs, scan.text, scan._rough_ends = ((0, len(text)),), text, {}
    expected = (before[-1] if before else 0, after[0] if after else len(text))
    assert scan._rough_sentence_plain(0, position) == expected
    assert scan._rough_sentence(0, position) == expected
    # Again with the paragraph's boundaries already found (by an earlier anchor in it).
    other = data.draw(st.sampled_from(words))
    scan._rough_sentence(0, other)
    assert scan._rough_sentence(0, position) == expected


_AFTER_MARK = re.compile(r"[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]*[A-Z0-9])")


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(mark, end of the space after it) of every sentence boundary, mark by mark."""
    found = []
    for mark in re.finditer(r"[.!?…]", text):
        match = _AFTER_MARK.match(text, mark.end())
        if match:
            found.append((mark.start(), match.end()))
    return found


_WORD_BEFORE_DOT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.é'(\" ", max_size=30)


@given(before=_WORD_BEFORE_DOT)
def test_abbreviation_fast_path_agrees_with_the_regex(before: str) -> None:
    """segmentation._is_abbreviation decides plain words without its regex; the answer must not change."""
    text = before + ". Next"
    dot = len(before)
    match = re.search(r"([\w.]+)$", text[max(0, dot - 40) : dot])
    if not match:
        expected = False
    else:
        word = match.group(1)
        expected = (
            "." in word.rstrip(".") or word.lower() in segmentation.ABBREVIATIONS or (len(word) == 1 and word.isupper())
        )
    assert segmentation._is_abbreviation(text, dot) == expected


# -- command line -------------------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_reports_attribution_findings_without_fixes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Putin emphasized that the agreement was drawn up within a day. "
        "If the current agreement can be reached as soon as possible, war can be avoided.\n",
        encoding="utf-8",
    )
    code, out, _ = _run("check", str(path), "--format", "concise", "--select", "NC3")
    assert code == 1
    assert out.splitlines() == [
        f'{path}:1:64: NC303 counterfactual with no source ("If the current … war can be avoided") reads as the '
        'newspaper\'s own claim; the last attribution is "Putin emphasized" one sentence earlier',
        "Found 1 finding.",
    ]
    code, _, _ = _run("check", str(path), "--format", "concise", "--select", "NC3", "--fix")
    assert code == 1  # nothing to fix: the finding remains
    assert "war can be avoided." in path.read_text(encoding="utf-8")


def test_attribution_words_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Bloggers say the bridge is unsafe.\n", encoding="utf-8")
    assert _run("check", str(path), "--select", "NC3")[0] == 0
    code, out, _ = _run("check", str(path), "--select", "NC3", "--attribution-words", str(EXTRA))
    assert code == 1
    assert 'NC301 vague attribution "Bloggers say"' in out


def test_a_bad_word_list_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "ours.yaml"
    bad.write_text("version: 1\nsources:\n  generic_nouns: [bloggers, '']\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Nothing to see.\n", encoding="utf-8")
    code, _, err = _run("check", str(article), "--attribution-words", str(bad))
    assert code == 2
    assert err.strip() == f"normcheck: error: {bad}:3: 'sources.generic_nouns' entries must be non-empty strings"
    code, _, err = _run("attribution", "validate", str(bad))
    assert code == 2
    assert f"{bad}:3:" in err


def test_attribution_validate_command() -> None:
    code, out, _ = _run("attribution", "validate", str(EXTRA))
    assert code == 0
    assert out.startswith("OK: ")
    assert "boast" in out
    assert "from 2 files." in out


def test_rules_and_explain_list_the_attribution_rules() -> None:
    _, out, _ = _run("rules")
    assert "NC301   vague-attribution" in out
    assert "NC302   anonymous-source" in out
    assert "NC303   unattributed-claim" in out
    code, out, _ = _run("explain", "NC303")
    assert code == 0
    assert "Fix safety (no fix)" in out
    assert "war can be avoided, he said." in out
