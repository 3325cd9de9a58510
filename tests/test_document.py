"""Document parsing: regions, paragraphs, sentences, headlines and the offset map."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from normcheck.document import parse_document
from normcheck.segmentation import split_paragraphs


def _sentences(text: str, path: str = "a.txt") -> list[str]:
    doc = parse_document(text, path)
    return [doc.text[start:end] for start, end in doc.sentences]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "On Nov. 18 the U.S. envoy met Mr. Smith and Gen. Lee. They talked. John F. Kennedy was cited.\n"
    assert _sentences(text) == [
        "On Nov. 18 the U.S. envoy met Mr. Smith and Gen. Lee.",
        "They talked.",
        "John F. Kennedy was cited.",
    ]


def test_quotes_and_question_marks_end_sentences() -> None:
    assert _sentences('"Will it hold?" he asked. "Yes." Then silence.\n') == [
        '"Will it hold?" he asked.',
        '"Yes."',
        "Then silence.",
    ]


def test_one_paragraph_per_line_when_there_are_no_blank_lines() -> None:
    doc = parse_document("First para.\nSecond para.\nThird.\n", "a.txt")
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["First para.", "Second para.", "Third."]


def test_blank_lines_separate_paragraphs_and_hard_wraps_stay_inside() -> None:
    doc = parse_document("One line\nwrapped here.\n\nSecond paragraph.\n", "a.txt")
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["One line\nwrapped here.", "Second paragraph."]


def test_front_matter_is_metadata_not_copy() -> None:
    doc = parse_document("---\ndate: 2020-11-19\nlang: en\n---\nBody text.\n", "a.md")
    assert str(doc.metadata["date"]) == "2020-11-19"
    assert doc.metadata["lang"] == "en"
    assert doc.checkable.strip() == "Body text."
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["Body text."]


def test_bad_front_matter_is_a_note_not_a_crash() -> None:
    doc = parse_document("---\ndate: [unclosed\n---\nBody.\n", "a.md")
    assert doc.metadata == {}
    assert doc.notes
    assert "front matter is not valid YAML" in doc.notes[0]


def test_markdown_regions_are_masked_to_spaces_of_the_same_length() -> None:
    text = "Text `code` [link](http://x.org/a) <!-- c --> https://y.org/b end\n```\nfenced\n```\n"
    doc = parse_document(text, "a.md")
    assert len(doc.checkable) == len(text)
    for hidden in ("code", "x.org", "c --", "y.org", "fenced"):
        assert hidden not in doc.checkable
    assert "link" in doc.checkable
    assert "end" in doc.checkable


def test_plain_text_masks_urls_only() -> None:
    doc = parse_document("See `this` at https://naka.example/x now.\n", "a.txt")
    assert "`this`" in doc.checkable
    assert "naka.example" not in doc.checkable


def test_headlines() -> None:
    doc = parse_document("# Truce holds\n\nBody sentence here.\n", "a.md")
    assert [doc.text[s:e] for s, e in doc.headlines] == ["# Truce holds"]
    plain = parse_document("TRUCE HOLDS IN REGION\nThe truce held on Monday, officials said.\n", "a.txt")
    assert [plain.text[s:e] for s, e in plain.headlines] == ["TRUCE HOLDS IN REGION"]


def test_line_col_with_crlf() -> None:
    doc = parse_document("ab\r\ncd\r\n", "a.txt")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(4) == (2, 1)
    assert doc.line_col(5) == (2, 2)


@given(st.text(alphabet=st.sampled_from("ab \n\r.`[]()#-"), max_size=200))
def test_offset_map_agrees_with_counting(text: str) -> None:
    doc = parse_document(text, "a.md")
    assert len(doc.checkable) == len(text)
    for offset in range(0, len(text) + 1, 7):
        line, column = doc.line_col(offset)
        assert line == text.count("\n", 0, offset) + 1
        assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
    for start, end in doc.sentences:
        assert 0 <= start < end <= len(text)


def test_quotations_span_sentences_and_run_to_paragraph_end_when_unclosed() -> None:
    text = 'He said: “War can be avoided. We will see.” Then he left.\n\nShe said, "It is over.\n'
    doc = parse_document(text, "a.txt")
    assert [doc.text[s:e] for s, e in doc.quotations] == ["“War can be avoided. We will see.”", '"It is over.']
    assert doc.in_quotation(text.index("War"))
    assert not doc.in_quotation(text.index("Then"))


def test_low_opening_quotes_close_with_either_high_mark() -> None:
    """„ closes with “ in German copy and with ” in Polish or Romanian copy; neither runs to the paragraph end."""
    text = "Er sagte: „Wir sehen.“ Then he left. She said: „It is over,” and left.\n"
    doc = parse_document(text, "a.txt")
    assert [doc.text[s:e] for s, e in doc.quotations] == ["„Wir sehen.“", "„It is over,”"]
    assert not doc.in_quotation(text.index("Then"))
    assert not doc.in_quotation(text.index("and left"))


def test_a_stop_before_a_german_closing_quote_ends_the_sentence() -> None:
    text = "He said: „We will see.“ Then he left.\n"
    assert _sentences(text) == ["He said: „We will see.“", "Then he left."]
    # A first line that ends that way is a sentence, not a headline.
    assert parse_document(text, "a.txt").headlines == ()


def _paragraphs_by_stripping(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The plain form of split_paragraphs: cut the text at its separators, strip every block."""
    end = len(text) if end is None else end
    body = text[start:end]
    separator = r"\n[ \t\r]*\n" if re.search(r"\n[ \t\r]*\n", body) else r"\n"
    bounds = [0, *(offset for match in re.finditer(separator, body) for offset in match.span()), len(body)]
    spans = []
    for block_start, block_end in zip(bounds[::2], bounds[1::2], strict=True):
        chunk = body[block_start:block_end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + block_start + lead, start + block_start + lead + len(chunk.strip())))
    return spans


@given(text=st.text(alphabet=list("ab. \n\t\r\u00a0\u2003"), max_size=60), data=st.data())
def test_paragraphs_without_copies_are_those_of_plain_stripping(text: str, data: st.DataObject) -> None:
    """split_paragraphs skips the strip of a block with no space at either end; the spans stay the same."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert split_paragraphs(text) == _paragraphs_by_stripping(text)
    assert split_paragraphs(text, start, end) == _paragraphs_by_stripping(text, start, end)
