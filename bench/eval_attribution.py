"""Precision and recall of the attribution rules on bench/attribution (labelled articles).

Usage: python bench/eval_attribution.py [--verbose]

Labels and matching are described in bench/attribution/README.md: NC301/NC302 label the source phrase,
NC303 and the other kinds (AC0 attributed, AC1 carried over, PF0 plain fact, FR0 fragment) the sentence.
A finding matches a label of its code when the spans overlap. Articles 01-18 are the development set;
19-32 were held out until a second round of rules studied their misses, 33-42 until a third round studied
theirs; 43 and up were written and labelled after the third round, and are the held-out set now.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from labels import Gold, strip_labels

from normcheck.context import CheckContext
from normcheck.document import parse_document
from normcheck.finding import Finding
from normcheck.gazetteer import default_gazetteer_dir, load_gazetteer
from normcheck.rules import RuleSelection
from normcheck.runner import run_checks

RULES = ("NC301", "NC302", "NC303")
KINDS = {
    "NC301": "vague attribution",
    "NC302": "anonymous, described",
    "NC303": "unattributed claim",
    "AC0": "attributed",
    "AC1": "attributed, carried over",
    "PF0": "plain fact",
    "FR0": "headline, caption",
}
FIRST_HELD_OUT_FROM = 19  # held out in the first round; their misses were studied in the second
SECOND_HELD_OUT_FROM = 33  # written after the second round; their misses were studied in the third
HELD_OUT_FROM = 43  # written and labelled after the third round of rules
SEED = HERE.parent / "seeds" / "naka-ceasefire.md"


@dataclass
class Tally:
    true_pos: Counter[str] = field(default_factory=Counter)
    false_pos: Counter[str] = field(default_factory=Counter)
    false_neg: Counter[str] = field(default_factory=Counter)
    labelled: Counter[str] = field(default_factory=Counter)  # every kind of label
    flagged: Counter[str] = field(default_factory=Counter)  # labels of a kind that some finding overlapped
    exact: Counter[str] = field(default_factory=Counter)  # true positives whose span is exactly the label's


def _overlaps(finding: Finding, gold: Gold) -> bool:
    return finding.start < gold.end and gold.start < finding.end


def score(path: Path, context: CheckContext, tally: Tally, verbose: bool) -> None:
    text, golds = strip_labels(path.read_text(encoding="utf-8"))
    unknown = sorted({gold.code for gold in golds} - set(KINDS))
    if unknown:
        raise SystemExit(f"{path.name}: unknown label codes {unknown}")
    findings = run_checks(parse_document(text, path.name), context, RuleSelection(select=("NC3",)))
    for gold in golds:
        tally.labelled[gold.code] += 1
    matched: set[int] = set()
    for finding in findings:
        hit = next(
            (
                index
                for index, gold in enumerate(golds)
                if index not in matched and gold.code == finding.code and _overlaps(finding, gold)
            ),
            None,
        )
        if hit is not None:
            matched.add(hit)
            tally.true_pos[finding.code] += 1
            gold = golds[hit]
            tally.exact[finding.code] += (finding.start, finding.end) == (gold.start, gold.end)
            continue
        tally.false_pos[finding.code] += 1
        if verbose:
            where = [g.code for g in golds if _overlaps(finding, g)] or ["unlabelled"]
            print(
                f"  false alarm {path.name}: {finding.code} on {'/'.join(where)}: {text[finding.start : finding.end]!r}"
            )
            print(f"              {finding.message}")
    for index, gold in enumerate(golds):
        if any(_overlaps(finding, gold) for finding in findings):
            tally.flagged[gold.code] += 1
        if gold.code in RULES and index not in matched:
            tally.false_neg[gold.code] += 1
            if verbose:
                print(f"  missed      {path.name}: {gold.code} {gold.surface!r}")


def report(name: str, tally: Tally, articles: int) -> None:
    sentences = sum(tally.labelled[code] for code in KINDS if code != "FR0")
    print(f"\n{name}: {articles} articles, {sentences} labelled sentences (+{tally.labelled['FR0']} fragments)")
    print(
        f"{'rule':<7} {'labelled':>8} {'found':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'exact span':>10}"
    )
    for code in (*RULES, "all"):
        codes = RULES if code == "all" else (code,)
        tp = sum(tally.true_pos[c] for c in codes)
        fp = sum(tally.false_pos[c] for c in codes)
        fn = sum(tally.false_neg[c] for c in codes)
        exact = sum(tally.exact[c] for c in codes)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"{code:<7} {tp + fn:>8} {tp + fp:>6} {tp:>4} {fp:>4} {fn:>4} {precision:>9.3f} {recall:>7.3f} {exact:>6}/{tp:<3}"
        )
    print(f"{'kind of sentence':<34} {'labelled':>8} {'flagged':>8}")
    for code, label in KINDS.items():
        print(f"  {code:<5} {label:<26} {tally.labelled[code]:>8} {tally.flagged[code]:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every false alarm and miss of the development set"
    )
    parser.add_argument(
        "--held-out-details", action="store_true", help="with --verbose, list those of the held-out set too"
    )
    args = parser.parse_args()
    context = CheckContext(load_gazetteer([default_gazetteer_dir()]))
    articles = sorted((HERE / "attribution" / "articles").glob("*.md"))
    development, first_held_out, second_held_out, held_out, everything = Tally(), Tally(), Tally(), Tally(), Tally()
    counts = [0, 0, 0, 0]
    for path in articles:
        number = int(path.name.split("-", 1)[0])
        group = sum(number >= first for first in (FIRST_HELD_OUT_FROM, SECOND_HELD_OUT_FROM, HELD_OUT_FROM))
        counts[group] += 1
        show = args.verbose and (group < 3 or args.held_out_details)
        for tally in (everything, (development, first_held_out, second_held_out, held_out)[group]):
            score(path, context, tally, show and tally is everything)
    print("Attribution rules on bench/attribution/articles (a finding matches a label of its code it overlaps)")
    report("all articles", everything, len(articles))
    report(f"development set (01-{FIRST_HELD_OUT_FROM - 1:02d}, looked at while tuning)", development, counts[0])
    report(
        f"first held-out set ({FIRST_HELD_OUT_FROM}-{SECOND_HELD_OUT_FROM - 1}, held out in the first round; its misses were "
        "studied in the second)",
        first_held_out,
        counts[1],
    )
    report(
        f"second held-out set ({SECOND_HELD_OUT_FROM}-{HELD_OUT_FROM - 1}, held out in the second round; its misses "
        "were studied in the third)",
        second_held_out,
        counts[2],
    )
    report(
        f"held-out set ({HELD_OUT_FROM}-, written after the third round, not looked at while tuning)",
        held_out,
        counts[3],
    )
    seed_text = SEED.read_text(encoding="utf-8")
    seed_findings = run_checks(parse_document(seed_text, SEED.name), context, RuleSelection(select=("NC3",)))
    print(f"\nseeds/naka-ceasefire.md: {len(seed_findings)} findings")
    for finding in seed_findings:
        print(f"  {finding.code} {seed_text[finding.start : finding.end][:90]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
