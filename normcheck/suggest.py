"""`normcheck gazetteer suggest`: candidate gazetteer entities, as YAML an editor reviews and merges.

Each candidate is one cluster of look-alike names in no gazetteer (see `normcheck.consistency`): the
canonical is the most frequent spelling (on a tie, the one without diacritics), the variants are the
others, and the counts, dates and example locations stand beside it as comments. Spellings close to a
gazetteer name, and words the archive also writes in lower case, are never proposed; they are listed at
the end so the editor sees what was held back and why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from anyascii import anyascii

from normcheck.consistency import Cluster, LeftOut, SpellingStats
from normcheck.gazetteer import Gazetteer

_PLAIN_SCALAR = re.compile(r"^[^\W\d_][\w .'’-]*$")
_YAML_WORDS = frozenset(("yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"))


def _scalar(value: str) -> str:
    """A YAML scalar: plain where that is unambiguous, else a JSON string (which YAML reads the same)."""
    if _PLAIN_SCALAR.match(value) and value.lower() not in _YAML_WORDS and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def _entity_id(canonical: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", anyascii(canonical).lower()).strip("-") or "entity"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _describe(spelling: str, stats: SpellingStats) -> str:
    articles = f"{stats.articles:,} article{'s' * (stats.articles != 1)}"
    dates = ""
    if stats.first is not None:
        dates = f", {stats.first}" if stats.first == stats.last else f", {stats.first} to {stats.last}"
    example = f"; e.g. {stats.examples[0]}" if stats.examples else ""
    return f"{spelling}: {stats.count:,} in {articles}{dates}{example}"


def suggestions_yaml(
    clusters: Sequence[Cluster],
    left_out: Sequence[LeftOut],
    gazetteer: Gazetteer,
    articles: int,
    sources: Sequence[str],
) -> str:
    """The YAML text of a gazetteer file with one candidate entity per cluster."""
    taken = {entity.id for entity in gazetteer.entities}
    lines = [
        f"# normcheck gazetteer suggest: {len(clusters)} candidate entit{'ies' if len(clusters) != 1 else 'y'} "
        f"from {articles:,} articles ({', '.join(sources)}).",
        "# Each entry is one cluster of look-alike names that no gazetteer knows. Review every one before use:",
        "# check the canonical spelling against the house style, set the type, delete what is not one name,",
        "# then merge the file into your gazetteer or pass it with --gazetteer.",
        "version: 1",
    ]
    if not clusters:
        lines.append("entities: []")
    else:
        lines.append("entities:")
    for cluster in clusters:
        for spelling, stats in cluster.members:
            lines.append(f"  # {_describe(spelling, stats)}")
        lines.append(f"  - id: {_entity_id(cluster.canonical, taken)}")
        lines.append(f"    canonical: {_scalar(cluster.canonical)}")
        lines.append("    type: other  # set it: country, region, city, place, person or org")
        lines.append(f"    variants: [{', '.join(_scalar(variant) for variant in cluster.variants)}]")
    if left_out:
        lines.append("")
        lines.append("# Held back (not proposed):")
        for item in left_out:
            lines.append(f"#   {item.spelling} ({item.count:,}): {item.reason}")
    return "\n".join(lines) + "\n"
