"""Precision, recall and fix accuracy of the name rules on bench/names (labelled articles).

Usage: python bench/eval_names.py [--verbose]
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
from normcheck.fixer import allowed_applicabilities, apply_fixes
from normcheck.gazetteer import default_gazetteer_dir, load_gazetteer
from normcheck.rules import RuleSelection
from normcheck.runner import run_checks

CODES = ("NC101", "NC102", "NC103", "NC104")
SEED = HERE.parent / "seeds" / "naka-ceasefire.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every false alarm and miss")
    args = parser.parse_args()
    context = CheckContext(load_gazetteer([default_gazetteer_dir()]), selection=RuleSelection(select=("NC1",)))
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    fixes_right: Counter[str] = Counter()
    fixes_total: Counter[str] = Counter()
    articles = sorted((HERE / "names" / "articles").glob("*.md"))
    for path in articles:
        text, golds = strip_labels(path.read_text(encoding="utf-8"))
        findings = run_checks(parse_document(text, path.name), context)
        gold_by_span = {(g.code, g.start, g.end): g for g in golds}
        found = set()
        for finding in findings:
            key = (finding.code, finding.start, finding.end)
            found.add(key)
            gold = gold_by_span.get(key)
            if gold is None:
                false_pos[finding.code] += 1
                if args.verbose:
                    print(
                        f"  false alarm {path.name}: {finding.code} {text[finding.start : finding.end]!r}: {finding.message}"
                    )
                continue
            true_pos[finding.code] += 1
            if gold.fix is not None:
                fixes_total[finding.code] += 1
                replacement = finding.fix.edits[0].replacement if finding.fix else None
                if replacement == gold.fix:
                    fixes_right[finding.code] += 1
                elif args.verbose:
                    print(
                        f"  wrong fix   {path.name}: {finding.code} {gold.surface!r} → {replacement!r}, expected {gold.fix!r}"
                    )
        for key, gold in gold_by_span.items():
            if key not in found:
                false_neg[gold.code] += 1
                if args.verbose:
                    print(f"  missed      {path.name}: {gold.code} {gold.surface!r} at {gold.start}")
    print(f"Name rules on {len(articles)} labelled articles (bench/names/articles)")
    print(
        f"{'rule':<7} {'labelled':>8} {'found':>6} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'fix acc.':>8}"
    )
    for code in (*CODES, "all"):
        codes = CODES if code == "all" else (code,)
        tp = sum(true_pos[c] for c in codes)
        fp = sum(false_pos[c] for c in codes)
        fn = sum(false_neg[c] for c in codes)
        fixed = sum(fixes_right[c] for c in codes)
        fixable = sum(fixes_total[c] for c in codes)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        accuracy = f"{fixed / fixable:8.3f}" if fixable else f"{'-':>8}"
        print(
            f"{code:<7} {tp + fn:>8} {tp + fp:>6} {tp:>5} {fp:>4} {fn:>4} {precision:>9.3f} {recall:>7.3f} {accuracy}"
        )
    seed_text = SEED.read_text(encoding="utf-8")
    seed_findings = run_checks(parse_document(seed_text, SEED.name), context)
    naka = [f for f in seed_findings if f.code == "NC101" and seed_text[f.start : f.end] in ("Naka", "Naqqa")]
    fixed_seed = apply_fixes(seed_text, seed_findings, allowed_applicabilities(False)).text
    leftover = sum(fixed_seed.count(word) for word in ("Naka", "Naqqa"))
    print(f"seeds/naka-ceasefire.md: {len(naka)} of 16 Naka/Naqqa found; after --fix: {leftover} left")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
