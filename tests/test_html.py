"""HTML articles: only visible prose is checked, positions are in the original file, fixes touch text only."""

from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normcheck.cli import main
from normcheck.context import CheckContext
from normcheck.fixer import allowed_applicabilities, apply_fixes
from normcheck.gazetteer import load_gazetteer
from normcheck.htmltext import extract, parse_html_document
from normcheck.rules import RuleSelection
from normcheck.runner import check_document

TEST_GAZETTEER = Path(__file__).parent / "data" / "gazetteer.yaml"
ISOLATED = ["--isolated", "--no-default-gazetteer", "--gazetteer", str(TEST_GAZETTEER)]
CONTEXT = CheckContext(load_gazetteer([TEST_GAZETTEER]))

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head><meta property="article:published_time" content="2020-11-19">
<style>p.Naka { content: "Kiev" }</style></head>
<body>
<h1 class="Naka">Truce holds in Nagorno-Karabakh</h1>
<p>Talks on <b>Naka</b> resumed, AT&amp;T and Kiev&nbsp;officials said.\r
Nagorno&nbsp;Karabakh was quiet.</p>
<p>Nagorno <i>Karabakh</i> is split by a tag. See <a href="https://example.org/Naka" title="Naka">the map</a>.</p>
<pre>Naka in code</pre><code>Kiev</code><script>var Naka = "Kiev";</script>
<!-- Naka in a comment -->
<p>Officials in Nagorno-Karabakh cited Ki&#101;v.</p>
</body></html>
"""
FIXED = ARTICLE.replace("<b>Naka</b>", "<b>Nagorno-Karabakh</b>").replace("Kiev&nbsp;", "Kyiv&nbsp;")
FIXED = FIXED.replace("Nagorno&nbsp;Karabakh", "Nagorno-Karabakh").replace("Ki&#101;v", "Kyiv")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _markup(text: str) -> list[str]:
    """Every piece of the file that is not prose (tags, comments, declarations, script/style/code content)."""
    view = extract(text)
    pieces, cursor = [], 0
    for start, end in view.text_mask:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return [piece for piece in pieces if piece]  # an entity splits a text run; fixing may merge it


def test_findings_are_prose_only_at_original_positions(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(ARTICLE.encode("utf-8"))
    code, out, _ = _run("check", str(path), "--format", "concise", *ISOLATED)
    assert code == 1
    assert out.splitlines() == [
        f'{path}:7:16: NC101 "Naka" is a variant of "Nagorno-Karabakh" [*]',
        f'{path}:7:47: NC101 "Kiev" is a variant of "Kyiv" [*]',
        f'{path}:8:1: NC101 "Nagorno Karabakh" is a variant of "Nagorno-Karabakh" [*]',
        f'{path}:9:4: NC101 "Nagorno Karabakh" is a variant of "Nagorno-Karabakh"',
        f'{path}:12:40: NC101 "Kiev" is a variant of "Kyiv" [*]',
        "Found 5 findings (4 fixable with --fix).",
    ]


def test_fix_rewrites_text_nodes_only_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(ARTICLE.encode("utf-8"))
    code, out, _ = _run("check", str(path), "--fix", *ISOLATED)
    after = path.read_bytes().decode("utf-8")
    assert after == FIXED
    assert "\r\n" in after  # line endings as they were
    assert _markup(after) == _markup(ARTICLE)
    # The one finding left is the name split by <i>: reported, never fixed across the tag.
    assert (code, out.splitlines()[-1]) == (1, "Fixed 4 findings in 1 file. Found 1 finding.")
    before_changes = difflib.SequenceMatcher(a=ARTICLE, b=after, autojunk=False).get_opcodes()
    prose = extract(ARTICLE).text_mask
    for tag, i1, i2, _, _ in before_changes:
        if tag != "equal":
            assert any(start <= i1 and i2 <= end for start, end in prose), ARTICLE[i1:i2]


def test_metadata_suppressions_and_discovery(tmp_path: Path) -> None:
    doc = parse_html_document(ARTICLE, "story.html")
    assert doc.metadata == {"lang": "en", "date": "2020-11-19"}
    (tmp_path / "a.htm").write_text(
        "<p><!-- normcheck: disable-next-line NC101 -->\nKiev reacted.</p>\n<p>Kiev agreed.</p>\n", encoding="utf-8"
    )
    (tmp_path / "b.html").write_text("<p>Talks in Kyiv.</p>\n", encoding="utf-8")
    _, out, _ = _run("check", str(tmp_path), "--format", "concise", *ISOLATED)
    assert out.splitlines() == [
        f'{tmp_path / "a.htm"}:3:4: NC101 "Kiev" is a variant of "Kyiv" [*]',
        "Found 1 finding (1 fixable with --fix).",
    ]


def test_replacement_is_escaped_and_unknown_entities_stay_text() -> None:
    view = extract("<p>A &bogus; B &lt;x&gt;</p>")
    assert view.text == "A &bogus; B <x>\n\n"
    assert view.original_span(2, 9) == (5, 12)
    assert view.original_span(12, 15) == (15, 24)  # "<x>" is "&lt;x&gt;" in the file
    assert view.original_span(12, 17) is None  # runs into the paragraph break that stands for </p>
    doc = parse_html_document("<p>Kiev &amp; Naka</p>", "a.html")
    findings = check_document(doc, CONTEXT, RuleSelection())
    assert [(f.start, f.end) for f in findings] == [(3, 7), (14, 18)]


WORDS = ["Naka", "Kiev", "Kyiv", "Nagorno", "Karabakh", "talks", "resumed", "&amp;", "&nbsp;", "&#233;", ".", " ", "\n"]
TAGS = ["<p>", "</p>", "<b>", "</b>", '<a href="/Naka">', "</a>", "<br>", "<!-- Kiev -->", "<code>Kiev</code>"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS + TAGS), max_size=40))
def test_fixing_any_article_keeps_every_byte_of_markup(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = parse_html_document(text, "a.html")
    findings = check_document(doc, CONTEXT, RuleSelection())
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    outcome = apply_fixes(text, findings, allowed_applicabilities(True))
    assert _markup(outcome.text) == _markup(text)
