"""Detection precision/recall of the date rules and the share of mentions resolved to the right day, on bench/dates.

Usage: python bench/eval_dates.py [--verbose] [--set articles|holdout|holdout2|holdout3|holdout4|holdout5] (--holdout: --set holdout)

Each article in bench/dates/<set> carries inline labels ({{surface|CODE|fix}}, see bench/dates/README.md);
bench/dates/manifest.yaml gives each article's publication date and where normcheck must find it (the
--date of the run for articles that carry no date of their own).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from labels import strip_labels

from normcheck.checks.dates import RULES
from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.finding import Applicability
from normcheck.fixer import allowed_applicabilities, apply_fixes
from normcheck.gazetteer import Gazetteer
from normcheck.publication import find_publication_date
from normcheck.rules import RuleSelection
from normcheck.runner import run_checks

CODES = tuple(rule.code for rule in RULES)
CORPUS = HERE / "dates"
SEED = HERE.parent / "seeds" / "naka-ceasefire.md"
# The mentions the issue lists for the seed, with the text each must read after --fix --unsafe-fixes.
SEED_EXPECTED = (
    ("On the 18th local time,", "On Nov. 18,"),
    ("Armenia on the 9th stopped", "Armenia on Nov. 9 stopped"),
    ("from October 19th to 20th,", "from Oct. 19 to 20,"),
    ("In the interview that day,", "In the interview on Nov. 18,"),
    ("On September 27 this year,", "On Sept. 27,"),
    ("On November 9th,", "On Nov. 9,"),
    ("ceasefire on November 10.", "ceasefire on Nov. 10."),
)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every false alarm, miss and wrong fix")
    parser.add_argument(
        "--set",
        dest="folder",
        default="articles",
        choices=("articles", "holdout", "holdout2", "holdout3", "holdout4", "holdout5"),
        help="which labelled set of bench/dates to evaluate (default: articles, the development set)",
    )
    parser.add_argument("--holdout", action="store_true", help="the same as --set holdout")
    args = parser.parse_args()
    folder = "holdout" if args.holdout else args.folder
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))[folder]
    selection = RuleSelection(select=("NC2",))
    contexts: dict[object, CheckContext] = {}
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    resolvable = resolved_right = fixes_without_gold = 0
    safe_applied = safe_right = 0
    anchors_right = 0
    anchor_sources: Counter[str] = Counter()
    articles = sorted((CORPUS / folder).glob("*.md"))
    labels = 0
    for path in articles:
        entry = manifest[path.name]
        cli = dt.date.fromisoformat(str(entry["cli"])) if entry.get("cli") else None
        context = contexts.setdefault(cli, CheckContext(Gazetteer(entities=()), publication_date=cli))
        text, golds = strip_labels(path.read_text(encoding="utf-8"))
        labels += len(golds)
        doc = parse_document(text, path.name)
        anchor = find_publication_date(doc, cli)
        expected_date = None if entry["date"] is None else str(entry["date"])
        anchor_sources[entry["anchor"]] += 1
        if (anchor.source, anchor.iso()) == (entry["anchor"], expected_date):
            anchors_right += 1
        elif args.verbose:
            print(
                f"  wrong anchor {path.name}: {anchor.source} {anchor.iso()}, expected {entry['anchor']} {expected_date}"
            )
        findings = run_checks(doc, context, selection)
        gold_by_span = {(g.code, g.start, g.end): g for g in golds}
        found = set()
        for finding in findings:
            key = (finding.code, finding.start, finding.end)
            found.add(key)
            gold = gold_by_span.get(key)
            replacement = finding.fix.edits[0].replacement if finding.fix else None
            if gold is None:
                false_pos[finding.code] += 1
                if args.verbose:
                    print(
                        f"  false alarm  {path.name}: {finding.code} {text[finding.start : finding.end]!r}: {finding.message}"
                    )
                continue
            true_pos[finding.code] += 1
            if gold.fix is None:
                if replacement is not None:
                    fixes_without_gold += 1
                    if args.verbose:
                        print(f"  fix for unresolvable {path.name}: {gold.surface!r} → {replacement!r}")
                continue
            resolvable += 1
            if replacement == gold.fix:
                resolved_right += 1
            elif args.verbose:
                print(
                    f"  wrong fix    {path.name}: {gold.code} {gold.surface!r} → {replacement!r}, expected {gold.fix!r}"
                )
            if finding.fix is not None and finding.fix.applicability is Applicability.SAFE:
                safe_applied += 1
                safe_right += replacement == gold.fix
        for key, gold in gold_by_span.items():
            if key not in found:
                false_neg[gold.code] += 1
                if args.verbose:
                    print(f"  missed       {path.name}: {gold.code} {gold.surface!r} at {gold.start}")
    clean = sum(1 for path in articles if "{{" not in path.read_text(encoding="utf-8"))
    print(f"Date rules on {len(articles)} labelled articles (bench/dates/{folder}), {labels} labels, {clean} clean")
    sources = ", ".join(f"{source} {count}" for source, count in sorted(anchor_sources.items()))
    print(f"publication date found from the expected source: {anchors_right} of {len(articles)} ({sources})")
    print(f"{'rule':<7} {'labelled':>8} {'found':>6} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    for code in (*CODES, "all"):
        codes = CODES if code == "all" else (code,)
        tp = sum(true_pos[c] for c in codes)
        fp = sum(false_pos[c] for c in codes)
        fn = sum(false_neg[c] for c in codes)
        print(
            f"{code:<7} {tp + fn:>8} {tp + fp:>6} {tp:>5} {fp:>4} {fn:>4} {_ratio(tp, tp + fp):>9.3f} {_ratio(tp, tp + fn):>7.3f}"
        )
    print(
        f"resolved to the right day (fix text as labelled): {resolved_right} of {resolvable} detected resolvable "
        f"mentions = {_ratio(resolved_right, resolvable):.3f}"
    )
    print(f"fixes offered for mentions labelled unresolvable: {fixes_without_gold}")
    print(
        f"safe fixes (applied by --fix): {safe_applied}, right: {safe_right} = {_ratio(safe_right, safe_applied):.3f}"
    )
    seed_text = SEED.read_text(encoding="utf-8")
    seed_findings = run_checks(parse_document(seed_text, SEED.name), CheckContext(Gazetteer(entities=())), selection)
    fixed = apply_fixes(seed_text, seed_findings, allowed_applicabilities(True)).text
    handled = sum(1 for before, after in SEED_EXPECTED if before in seed_text and after in fixed)
    print(f"seeds/naka-ceasefire.md: {handled} of {len(SEED_EXPECTED)} listed mentions fixed as expected")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
