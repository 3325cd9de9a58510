"""The HTML report: self-contained, and checked in a real headless Chromium (loads cleanly, counts match JSON)."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from headless_chromium import HeadlessChromium, Page, find_or_install_chromium

from normcheck.cli import main
from normcheck.report.html import render_html

TEST_GAZETTEER = str(Path(__file__).parent / "data" / "gazetteer.yaml")
ISOLATED = ["--no-default-gazetteer", "--gazetteer", TEST_GAZETTEER, "--select", "NC1"]
ARTIFACTS = Path(os.environ.get("NORMCHECK_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))

RECORDS = [
    ("2019-03-02", "Fighting resumed in Naka on Tuesday, the relevant parties said."),
    ("2019-07-15", "Talks on Naka and the Lachin corridor stalled."),
    ("2020-10-01", "Armenia and Azerbaijan fought over Nagorno-Karabakh.\n\nNagorno-Karabakh was calm."),
    ("2021-01-20", "Refugees returned to Nagorno-Karabakh, officials disclosed."),
    ("2021-02-11", "Shelling hit Naqqa overnight, local time. The page said </script><b>bold</b> there."),
    ("2021-05-05", "Sirens sounded in Kiev, the Ukrainian capital. Zelensky spoke."),
    ("2020-10-02", "Shelling hit Martuni overnight. Residents of Martuni fled. The Martouni hospital was hit."),
    ("2020-11-20", "Aid reached Martouni on Friday, and Martuni was calm."),
]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("report")
    jsonl = folder / "desk.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for number, (date, text) in enumerate(RECORDS, start=1):
            handle.write(json.dumps({"id": f"s{number}", "date": date, "text": text}) + "\n")
    (folder / "files").mkdir()
    (folder / "files" / "brief.md").write_text("---\ndate: 2022-02-24\n---\nKiev and Naka.\n", encoding="utf-8")
    html_path = folder / "report.html"
    code, out, err = _run(
        "report", str(jsonl), str(folder / "files"), "--html", str(html_path), "--format", "json", *ISOLATED
    )
    assert code == 0, err
    _, checked, _ = _run("check", str(jsonl), str(folder / "files"), "--format", "json", *ISOLATED)
    return {"html": html_path, "report": json.loads(out), "check": json.loads(checked)}


def test_the_page_is_self_contained(archive: dict[str, Any]) -> None:
    page = archive["html"].read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page
    assert "@import" not in page
    assert "url(" not in page
    assert "default-src 'none'" in page  # the page itself forbids any fetch
    # The data block is the report JSON, with "</" escaped so no article text can end the script early.
    block = re.search(r'<script type="application/json" id="nc-data">(.*?)</script>', page, re.S)
    assert block is not None
    assert json.loads(block.group(1)) == archive["report"]
    assert "</script><b>" not in block.group(1)


def test_a_new_report_file_gets_the_usual_permissions(archive: dict[str, Any]) -> None:
    umask = os.umask(0)
    os.umask(umask)
    assert archive["html"].stat().st_mode & 0o777 == 0o666 & ~umask


def test_render_html_escapes_the_title() -> None:
    data = {"sources": ["<b>x</b>.jsonl"]}
    assert "<title>normcheck report: &lt;b&gt;x&lt;/b&gt;.jsonl</title>" in render_html(data)


@pytest.fixture(scope="module")
def browser() -> Iterator[HeadlessChromium]:
    executable, reason = find_or_install_chromium()
    if executable is None:
        pytest.skip(f"no headless Chromium: {reason}")
    with HeadlessChromium(executable) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def page(browser: HeadlessChromium, archive: dict[str, Any]) -> Page:
    opened = browser.open(archive["html"].as_uri())
    assert opened.evaluate("document.documentElement.getAttribute('data-ready')") == "true"
    return opened


def test_page_loads_without_console_errors_and_is_screenshotted(page: Page) -> None:
    assert page.errors() == []
    png = page.screenshot(ARTIFACTS / "report.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 20_000


def test_totals_shown_match_the_json_outputs(page: Page, archive: dict[str, Any]) -> None:
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('#totals tbody tr[data-code]'))"
        ".map(r => [r.dataset.code, Number(r.cells[2].dataset.value), r.cells[2].textContent])"
    )
    from_check = Counter(finding["code"] for finding in archive["check"]["findings"])
    assert {code: value for code, value, _ in shown} == dict(from_check)
    assert {row["code"]: row["count"] for row in archive["report"]["totals"]} == dict(from_check)
    assert all(text == f"{value:,}" for _, value, text in shown)
    cards = page.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('.card')).map(c => [c.id, Number(c.dataset.value)]))"
    )
    assert cards["sum-articles"] == archive["check"]["summary"]["files"] == 9
    assert cards["sum-findings"] == archive["check"]["summary"]["findings"]
    assert cards["sum-errors"] == 0


def test_entity_table_renderings_and_chart(page: Page, archive: dict[str, Any]) -> None:
    entities = archive["report"]["entities"]
    assert page.evaluate("document.querySelectorAll('#entities tbody.group').length") == len(entities)
    karabakh = next(entity for entity in entities if entity["id"] == "nagorno-karabakh")
    page.evaluate("document.querySelector(\"#entities tbody[data-id='nagorno-karabakh'] tr.main\").click()")
    rows = page.evaluate(
        "Array.from(document.querySelectorAll(\"#entities tbody[data-id='nagorno-karabakh'] table.renderings tbody tr\"))"
        ".map(r => [r.dataset.spelling, r.cells[1].textContent, Number(r.cells[2].dataset.value)])"
    )
    assert rows == [[r["spelling"], r["status"], r["count"]] for r in karabakh["renderings"]]
    bars = page.evaluate(
        "Array.from(document.querySelectorAll(\"#entities tbody[data-id='nagorno-karabakh'] svg rect.bar\"))"
        ".map(b => [b.dataset.period, b.dataset.spelling, Number(b.dataset.count)])"
    )
    expected = sorted(
        [month, r["spelling"], count] for r in karabakh["renderings"] for month, count in r["months"].items()
    )
    assert sorted(bars) == expected
    assert page.evaluate("!document.querySelector(\"#entities tbody[data-id='nagorno-karabakh'] tr.detail\").hidden")


def test_clusters_and_article_findings_with_context_and_fix(page: Page, archive: dict[str, Any]) -> None:
    clusters = page.evaluate(
        "Array.from(document.querySelectorAll('#clusters tbody tr[data-canonical]'))"
        ".map(r => [r.dataset.canonical, Number(r.cells[2].dataset.value)])"
    )
    assert clusters == [[c["canonical"], c["total"]] for c in archive["report"]["clusters"]]
    assert clusters == [["Martuni", 5]]
    findings = page.evaluate(
        "Array.from(document.querySelectorAll('#articles tr.finding'))"
        ".map(r => [r.dataset.code, r.querySelector('mark').textContent, r.cells[2].textContent])"
    )
    assert len(findings) == archive["check"]["summary"]["findings"]
    assert [code for code, _, _ in findings] == [f["code"] for f in archive["check"]["findings"]]
    assert [text for _, text, _ in findings] == [f["text"] for f in archive["check"]["findings"]]
    naqqa = page.evaluate(
        "Array.from(document.querySelectorAll('#articles tr.finding')).find(r => r.querySelector('mark').textContent"
        " === 'Naqqa').cells[1].textContent"
    )
    assert naqqa == "Shelling hit Naqqa overnight, local time. The page said </script><b>bold</b>…"
    assert "→ Nagorno-Karabakh (safe)" in next(fix for _, text, fix in findings if text == "Naqqa")
    brief = page.evaluate(
        "Array.from(document.querySelectorAll(\"#articles tbody.group[data-path$='brief.md'] tr.finding\"))"
        ".map(r => r.cells[1].textContent)"
    )
    assert brief == ["Kiev and Naka.", "Kiev and Naka."]  # the front matter is never context


def test_filtering_and_sorting_in_the_page(page: Page) -> None:
    visible = "Array.from(document.querySelectorAll('#articles tbody.group')).filter(g => !g.hidden).length"
    total = page.evaluate("document.querySelectorAll('#articles tbody.group').length")
    page.evaluate(
        "(() => { const i = document.querySelector(\"input[data-filter='articles']\"); i.value = 'martouni';"
        " i.dispatchEvent(new Event('input')); })()"
    )
    assert page.evaluate(visible) == 2
    assert page.evaluate("document.querySelector(\"[data-count-for='articles']\").textContent") == "2 shown"
    page.evaluate(
        "(() => { const i = document.querySelector(\"input[data-filter='articles']\"); i.value = '';"
        " i.dispatchEvent(new Event('input')); const s = document.getElementById('rule-filter'); s.value = 'NC103';"
        " s.dispatchEvent(new Event('change')); })()"
    )
    codes = page.evaluate(
        "Array.from(document.querySelectorAll('#articles tr.finding')).filter(r => !r.hidden"
        " && !r.closest('tbody').hidden).map(r => r.dataset.code)"
    )
    assert codes
    assert set(codes) == {"NC103"}
    page.evaluate(
        "(() => { const s = document.getElementById('rule-filter'); s.value = ''; s.dispatchEvent(new Event('change')); })()"
    )
    assert page.evaluate(visible) == total
    mentions = "Array.from(document.querySelectorAll('#entities tbody.group')).map(g => Number(g.rows[0].cells[2].dataset.value))"
    page.evaluate("document.querySelectorAll('#entities th')[2].click()")
    ascending = page.evaluate(mentions)
    assert ascending == sorted(ascending)
    page.evaluate("document.querySelectorAll('#entities th')[2].click()")
    descending = page.evaluate(mentions)
    assert descending == sorted(ascending, reverse=True)
    assert page.errors() == []


def test_the_harness_does_report_page_errors(browser: HeadlessChromium, tmp_path: Path) -> None:
    """A negative control: the same check that passes the report fails a page with a broken script."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html><body><script>console.error('bad data'); undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    errors = browser.open(broken.as_uri()).errors()
    assert any("bad data" in error for error in errors)
    assert any("undefinedFunction" in error for error in errors)
