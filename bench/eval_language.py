"""Precision, recall and fix accuracy of the language rules (NC4xx) on bench/language (labelled articles).

Usage: python bench/eval_language.py [--verbose]

NC401 is scored on paragraphs of 80 or more characters, as the issue sets the target there, and also on
all paragraphs. An article's language comes from its front matter, or is detected.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from labels import strip_labels

from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.gazetteer import default_gazetteer_dir, load_gazetteer
from normcheck.rules import RuleSelection
from normcheck.runner import run_checks

CODES = ("NC401", "NC402", "NC403", "NC404")
LONG = 80  # characters: the paragraph length the NC401 target is set on
ROWS = ("NC401 (80+)", *CODES)


def _row(code: str, start: int, end: int) -> list[str]:
    if code != "NC401":
        return [code]
    return ["NC401", "NC401 (80+)"] if end - start >= LONG else ["NC401"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every false alarm and miss")
    args = parser.parse_args()
    context = CheckContext(load_gazetteer([default_gazetteer_dir()]))
    selection = RuleSelection(select=("NC4",))
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    fixes_right: Counter[str] = Counter()
    fixes_total: Counter[str] = Counter()
    articles = sorted(path for path in (HERE / "language" / "articles").iterdir() if path.suffix in (".md", ".txt"))
    clean = 0
    for path in articles:
        text, golds = strip_labels(path.read_text(encoding="utf-8"))
        clean += not golds
        findings = run_checks(parse_document(text, path.name), context, selection)
        gold_by_span = {(g.code, g.start, g.end): g for g in golds}
        found = set()
        for finding in findings:
            key = (finding.code, finding.start, finding.end)
            found.add(key)
            gold = gold_by_span.get(key)
            rows = _row(finding.code, finding.start, finding.end)
            if gold is None:
                for row in rows:
                    false_pos[row] += 1
                if args.verbose:
                    excerpt = text[finding.start : finding.end][:70]
                    print(f"  false alarm {path.name}: {finding.code} {excerpt!r}: {finding.message}")
                continue
            for row in rows:
                true_pos[row] += 1
            if gold.fix is not None:
                fixes_total[finding.code] += 1
                replacement = finding.fix.edits[0].replacement if finding.fix else None
                if replacement == gold.fix:
                    fixes_right[finding.code] += 1
                elif args.verbose:
                    print(f"  wrong fix   {path.name}: {gold.surface!r} → {replacement!r}, expected {gold.fix!r}")
        for key, gold in gold_by_span.items():
            if key not in found:
                for row in _row(gold.code, gold.start, gold.end):
                    false_neg[row] += 1
                if args.verbose:
                    print(f"  missed      {path.name}: {gold.code} {gold.surface[:70]!r}")
    print(f"Language rules on {len(articles)} labelled articles (bench/language/articles), {clean} without labels")
    print(
        f"{'rule':<12} {'labelled':>8} {'found':>6} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'fix acc.':>8}"
    )
    for row in (*ROWS, "all"):
        rows = CODES if row == "all" else (row,)
        tp = sum(true_pos[r] for r in rows)
        fp = sum(false_pos[r] for r in rows)
        fn = sum(false_neg[r] for r in rows)
        fixed = sum(fixes_right[r] for r in rows)
        fixable = sum(fixes_total[r] for r in rows)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        accuracy = f"{fixed / fixable:8.3f}" if fixable else f"{'-':>8}"
        print(
            f"{row:<12} {tp + fn:>8} {tp + fp:>6} {tp:>5} {fp:>4} {fn:>4} {precision:>9.3f} {recall:>7.3f} {accuracy}"
        )
    identifier = context.language_identifier
    print(
        f"paragraphs judged: {identifier.paragraphs_judged}, reached langdetect: {identifier.paragraphs_to_langdetect}; "
        f"langdetect calls in all (articles' own language included): {identifier.langdetect_calls}"
    )
    _english_control(args.verbose)
    return 0


def _english_control(verbose: bool) -> None:
    """The 61 English articles of bench/names, written for the name rules: every NC4 finding is a false alarm."""
    context = CheckContext(load_gazetteer([default_gazetteer_dir()]))
    articles = sorted((HERE / "names" / "articles").glob("*.md"))
    alarms = 0
    for path in articles:
        text, _ = strip_labels(path.read_text(encoding="utf-8"))
        for finding in run_checks(parse_document(text, path.name), context, RuleSelection(select=("NC4",))):
            alarms += 1
            if verbose:
                print(f"  false alarm {path.name}: {finding.code} {finding.message}")
    identifier = context.language_identifier
    print(
        f"English control (bench/names, {len(articles)} articles): {alarms} NC4xx findings (all false alarms); "
        f"{identifier.paragraphs_judged} paragraphs judged, {identifier.paragraphs_to_langdetect} reached langdetect"
    )


if __name__ == "__main__":
    raise SystemExit(main())
