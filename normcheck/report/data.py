"""The report's data, one JSON-ready dict: the `--format json` output and what the HTML page embeds.

Schema version 1: `summary` (articles, dated, findings, articles_with_findings, articles_listed, errors),
`totals` (per rule: code, rule, count), `entities` (per gazetteer entity the archive mentions: its
renderings with status, count, articles, first/last date, example locations and counts per month),
`clusters` (look-alike names in no gazetteer: canonical, variants, members with the same statistics),
`held_back` (spellings not clustered, and why), `articles` (per listed article: path, date, findings with
context and proposed fix) and `errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from normcheck import __version__
from normcheck.consistency import entity_reports, unknown_clusters
from normcheck.gazetteer import Gazetteer
from normcheck.name_index import NameIndex
from normcheck.survey import Survey

SCHEMA_VERSION = 1


def report_data(
    survey: Survey,
    gazetteer: Gazetteer,
    index: NameIndex,
    sources: Sequence[str],
    count_lowercase: Callable[[set[str]], Mapping[str, int]] | None = None,
) -> dict[str, Any]:
    clusters, held_back = unknown_clusters(survey.table, index, count_lowercase)
    entities = entity_reports(survey.table, gazetteer)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "normcheck", "version": __version__},
        "sources": list(sources),
        "summary": {
            "articles": survey.articles,
            "dated": survey.table.dated,
            "findings": survey.findings,
            "articles_with_findings": survey.with_findings,
            "articles_listed": len(survey.listed),
            "errors": len(survey.errors),
        },
        "totals": [
            {"code": code, "rule": survey.rule_names[code], "count": count}
            for code, count in sorted(survey.totals.items())
        ],
        "entities": [
            {
                "id": entity.id,
                "canonical": entity.canonical,
                "type": entity.type,
                "total": entity.total,
                "off_style": entity.off_style,
                "renderings": [
                    {"spelling": r.spelling, "status": r.status, **r.stats.to_json()} for r in entity.renderings
                ],
            }
            for entity in entities
        ],
        "clusters": [
            {
                "canonical": cluster.canonical,
                "variants": list(cluster.variants),
                "total": cluster.total,
                "members": [{"spelling": spelling, **stats.to_json()} for spelling, stats in cluster.members],
            }
            for cluster in clusters
        ],
        "held_back": [{"spelling": item.spelling, "count": item.count, "reason": item.reason} for item in held_back],
        "articles": [
            {"path": article.path, "date": article.date, "findings": [f.to_json() for f in article.findings]}
            for article in survey.listed
        ],
        "errors": list(survey.errors),
    }


def render_text(data: dict[str, Any], limit: int = 25) -> str:
    """The report for a terminal: totals, entities spelled more than one way, look-alike clusters."""
    summary = data["summary"]
    lines = [
        f"normcheck report: {summary['articles']:,} articles ({summary['dated']:,} dated), "
        f"{summary['findings']:,} findings in {summary['articles_with_findings']:,} articles, "
        f"{summary['errors']:,} errors",
        "",
        "Findings per rule",
    ]
    lines.extend(f"  {row['code']:<6} {row['rule']:<28} {row['count']:>10,}" for row in data["totals"])
    if not data["totals"]:
        lines.append("  none")
    mixed = [entity for entity in data["entities"] if len(entity["renderings"]) > 1]
    lines += ["", f"Entities spelled more than one way ({len(mixed):,} of {len(data['entities']):,} mentioned)"]
    for entity in mixed[:limit]:
        lines.append(f"  {entity['canonical']} ({entity['type']}), {entity['total']:,} mentions")
        for rendering in entity["renderings"]:
            span = rendering["first"] or "undated"
            if rendering["last"] != rendering["first"]:
                span = f"{rendering['first']} to {rendering['last']}"
            example = rendering["examples"][0] if rendering["examples"] else ""
            lines.append(
                f"    {rendering['spelling']:<24} {rendering['status']:<10} {rendering['count']:>8,}  {span}  {example}"
            )
    if len(mixed) > limit:
        lines.append(f"  ... {len(mixed) - limit:,} more (--format json or --html for all)")
    clusters = data["clusters"]
    lines += ["", f"Look-alike names in no gazetteer ({len(clusters):,} cluster{'s' * (len(clusters) != 1)})"]
    for cluster in clusters[:limit]:
        members = ", ".join(f'"{m["spelling"]}" {m["count"]:,}' for m in cluster["members"])
        example = cluster["members"][0]["examples"][0] if cluster["members"][0]["examples"] else ""
        lines.append(f"  {members}  e.g. {example}")
    if len(clusters) > limit:
        lines.append(f"  ... {len(clusters) - limit:,} more (--format json or --html for all)")
    return "\n".join(lines) + "\n"
