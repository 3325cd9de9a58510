"""Cross-archive consistency: how each entity is spelled across an archive, and look-alike unknown names.

A worker turns each article into a small `ArchiveTable` from what the name check read (its `NameUsage`);
the main process merges the tables in input order, so any number of jobs gives the same result. Tables
hold counts, first and last dates, counts per month and the first few example locations, never text.

The look-alike clusters reuse the name check's own clustering (`cluster_lookalikes`), folding and guards
(gazetteer forms, common words, words seen in lower case, derived words), and add the guards an archive
needs: a spelling close to a gazetteer name is left out (it is a near miss of a known entity, or a
different real name that must not be merged with one), and a cluster is split around its most frequent
spelling so that a chain of small differences never joins two different names.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from normcheck.checks.names import NameUsage, cluster_lookalikes, is_derived
from normcheck.folding import fold, loose_fold, normalize_key
from normcheck.gazetteer import Entity, FormKind, Gazetteer
from normcheck.name_index import NameIndex

EXAMPLES_KEPT = 3
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_CLUSTER_SCORE = 85.0
# A spelling also written in lower case in more than this share of its articles is an ordinary word.
_LOWERCASE_SHARE = 0.05
_VOWELS = frozenset("aeiou")
# Consonants that romanisations of one name swap, after loose folding (which already merged q/k, kh/h, w/v,
# y/i, and g into h: so "hk" is the G/K of Gaddafi/Kadhafi).
_CONSONANT_PAIRS = frozenset(frozenset(pair) for pair in ("td", "sz", "bp", "fv", "ks", "hk"))


def document_date(metadata: Mapping[str, Any]) -> str | None:
    """The ISO date (YYYY-MM-DD) of an article's `date` metadata, or None when it has none or it is unreadable."""
    value = metadata.get("date")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        match = _ISO_DATE.match(value.strip())
        if match:
            return match.group(0)
    return None


@dataclass
class SpellingStats:
    """How often one spelling occurs, when, and where (the first few places, in archive order)."""

    count: int = 0
    articles: int = 0
    name_uses: int = 0  # unknown names: occurrences mid-sentence and outside headlines
    lowercase_articles: int = 0  # unknown names: articles that also write the word in lower case
    first: str | None = None
    last: str | None = None
    examples: list[str] = field(default_factory=list)
    months: Counter[str] = field(default_factory=Counter)

    def merge(self, other: SpellingStats) -> None:
        self.count += other.count
        self.articles += other.articles
        self.name_uses += other.name_uses
        self.lowercase_articles += other.lowercase_articles
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        if other.last is not None and (self.last is None or other.last > self.last):
            self.last = other.last
        if len(self.examples) < EXAMPLES_KEPT:
            self.examples.extend(other.examples[: EXAMPLES_KEPT - len(self.examples)])
        months = self.months
        for month, count in other.months.items():  # a loop: Counter.update is slower for a handful of keys
            months[month] = months.get(month, 0) + count

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "articles": self.articles,
            "first": self.first,
            "last": self.last,
            "examples": list(self.examples),
            "months": dict(sorted(self.months.items())),
        }


def _stats_for(count: int, date: str | None, example: str | None) -> SpellingStats:
    stats = SpellingStats(count=count, articles=1, first=date, last=date)
    if example is not None:
        stats.examples.append(example)
    if date is not None:
        stats.months[date[:7]] = count
    return stats


@dataclass
class ArchiveTable:
    """Entity renderings and unknown-name spellings of a set of articles; merge tables to cover more."""

    articles: int = 0
    dated: int = 0
    renderings: dict[str, dict[str, SpellingStats]] = field(default_factory=dict)  # entity id → spelling →
    unknown: dict[str, SpellingStats] = field(default_factory=dict)
    lowercase: Counter[str] = field(default_factory=Counter)  # spelling → articles writing it in lower case

    @classmethod
    def of_document(
        cls, path: str, date: str | None, usage: NameUsage, line_col: Callable[[int], tuple[int, int]]
    ) -> ArchiveTable:
        table = cls(articles=1, dated=int(date is not None))

        def where(offset: int) -> str:
            line, column = line_col(offset)
            return f"{path}:{line}:{column}"

        mentions: dict[tuple[str, str], list[int]] = {}
        for entity_id, spelling, offset in usage.mentions:
            mentions.setdefault((entity_id, spelling), []).append(offset)
        for (entity_id, spelling), offsets in mentions.items():
            table.renderings.setdefault(entity_id, {})[spelling] = _stats_for(len(offsets), date, where(offsets[0]))
        unknown: dict[str, list[tuple[int, bool]]] = {}
        for spelling, offset, name_use in usage.unknown:
            unknown.setdefault(spelling, []).append((offset, name_use))
        for spelling, uses in unknown.items():
            stats = _stats_for(len(uses), date, where(uses[0][0]))
            stats.name_uses = sum(1 for _, name_use in uses if name_use)
            table.unknown[spelling] = stats
        table.lowercase.update(usage.lowercase)
        return table

    def merge(self, other: ArchiveTable) -> None:
        self.articles += other.articles
        self.dated += other.dated
        for entity_id, spellings in other.renderings.items():
            mine = self.renderings.get(entity_id)
            if mine is None:
                mine = self.renderings[entity_id] = {}
            _merge_spellings(mine, spellings)
        _merge_spellings(self.unknown, other.unknown)
        if other.lowercase:
            self.lowercase.update(other.lowercase)


def _merge_spellings(mine: dict[str, SpellingStats], theirs: dict[str, SpellingStats]) -> None:
    for spelling, stats in theirs.items():
        current = mine.get(spelling)
        if current is None:
            current = mine[spelling] = SpellingStats()
        current.merge(stats)


@dataclass(frozen=True)
class Rendering:
    spelling: str
    status: str  # canonical, short, accepted, related, variant, spacing (a house form spaced differently), near miss
    stats: SpellingStats


@dataclass(frozen=True)
class EntityReport:
    id: str
    canonical: str
    type: str
    renderings: tuple[Rendering, ...]  # most frequent first

    @property
    def total(self) -> int:
        return sum(rendering.stats.count for rendering in self.renderings)

    @property
    def off_style(self) -> int:
        """Occurrences that are not a house form (canonical, short, accepted) or a derived word (related)."""
        return sum(
            r.stats.count for r in self.renderings if r.status not in ("canonical", "short", "accepted", "related")
        )


def _status(entity: Entity, spelling: str) -> str:
    forms = list(entity.forms())
    for form, kind in forms:
        if form == spelling:
            return kind.value
    key = normalize_key(spelling)
    for form, kind in forms:
        if normalize_key(form) == key:
            return "variant" if kind is FormKind.VARIANT else "spacing"
    return "near miss"


def entity_reports(table: ArchiveTable, gazetteer: Gazetteer) -> list[EntityReport]:
    """Every entity the archive mentions, the one with the most off-style occurrences first."""
    entities = {entity.id: entity for entity in gazetteer.entities}
    reports = []
    for entity_id, spellings in table.renderings.items():
        entity = entities.get(entity_id)
        if entity is None:
            continue
        renderings = tuple(
            Rendering(spelling, _status(entity, spelling), stats)
            for spelling, stats in sorted(spellings.items(), key=lambda item: (-item[1].count, item[0]))
        )
        reports.append(EntityReport(entity.id, entity.canonical, entity.type, renderings))
    return sorted(reports, key=lambda report: (-report.off_style, -report.total, report.id))


@dataclass(frozen=True)
class Cluster:
    """Look-alike spellings of one name in no gazetteer; `canonical` is the most frequent."""

    canonical: str
    members: tuple[tuple[str, SpellingStats], ...]  # the canonical first, then by count

    @property
    def total(self) -> int:
        return sum(stats.count for _, stats in self.members)

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(spelling for spelling, _ in self.members[1:])


@dataclass(frozen=True)
class LeftOut:
    spelling: str
    count: int
    reason: str


def _preferred(spellings: Iterable[str], stats: Mapping[str, SpellingStats]) -> str:
    # Most frequent; on a tie the one a house style would pick (no diacritics), then the alphabetical first.
    return min(spellings, key=lambda spelling: (-stats[spelling].count, not spelling.isascii(), spelling))


def transliteration_compatible(first: str, second: str) -> bool:
    """The folded spellings differ only where transliterations differ: vowels, or one consonant of a pair.

    "Martouni"/"Martuni", "Kelbajar"/"Kalbajar", "Stepanakert"/"Stepanakerd" and "Tskhinvali"/"Tskhinval"
    qualify; "Austria"/"Australia" (an inserted "al"), "Drutmar"/"Drutjar" (m/j) and "Marben"/"Marbentu"
    (an added syllable) do not: those are different names, however close their letters.
    """
    a, b = loose_fold(first), loose_fold(second)
    for tag, a_start, a_end, b_start, b_end in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed, inserted = a[a_start:a_end], b[b_start:b_end]
        if all(char in _VOWELS for char in removed + inserted):
            continue
        if len(removed) == len(inserted) == 1 and frozenset((removed, inserted)) in _CONSONANT_PAIRS:
            continue
        return False
    return True


def _split_around_centre(members: list[str], stats: Mapping[str, SpellingStats]) -> list[list[str]]:
    """Keep the spellings close to the most frequent one (and derived from none); cluster the rest again."""
    centre = _preferred(members, stats)
    key = loose_fold(centre)
    close = [centre]
    for spelling in sorted(members, key=lambda s: (-stats[s].count, s)):
        if spelling == centre or fuzz.ratio(loose_fold(spelling), key) < _CLUSTER_SCORE:
            continue
        if not transliteration_compatible(spelling, centre):
            continue
        if not any(is_derived(spelling, member) for member in close):
            close.append(spelling)
    groups = [close] if len(close) > 1 else []
    for sub in cluster_lookalikes([spelling for spelling in members if spelling not in close]):
        groups.extend(_split_around_centre(sub, stats))
    return groups


def unknown_clusters(
    table: ArchiveTable,
    index: NameIndex,
    count_lowercase: Callable[[set[str]], Mapping[str, int]] | None = None,
) -> tuple[list[Cluster], list[LeftOut]]:
    """Clusters of look-alike unknown names (largest first), and the spellings held back from them and why.

    `count_lowercase(words)` says in how many articles of the archive each word is written in lower case;
    it is asked only about the spellings that would be clustered (a second, cheap pass over the archive).
    Without it, only the articles where a word is both capitalised and in lower case are known.
    """
    stats = table.unknown
    left_out: list[LeftOut] = []
    # As in one article (NC103): a spelling seen only at sentence starts or in headlines may be an ordinary
    # word, unless it folds exactly onto a spelling used as a name.
    name_folds = {loose_fold(spelling) for spelling, s in stats.items() if s.name_uses}
    eligible = []
    for spelling, spelling_stats in stats.items():
        if not spelling_stats.name_uses and loose_fold(spelling) not in name_folds:
            continue
        folded = fold(spelling)
        near = [candidate for candidate in index.fuzzy_candidates(folded) if candidate.ref.kind is not FormKind.RELATED]
        if near or folded in index.related_folds:
            names = ", ".join(sorted({f'"{candidate.ref.entity.canonical}"' for candidate in near})) or "a related form"
            left_out.append(LeftOut(spelling, spelling_stats.count, f"close to the gazetteer's {names}"))
            continue
        eligible.append(spelling)
    candidates = {spelling for members in cluster_lookalikes(eligible) for spelling in members}
    lowercase: Mapping[str, int] = table.lowercase
    if count_lowercase is not None and candidates:
        lowercase = count_lowercase({spelling.lower() for spelling in candidates})
    kept = []
    for spelling in eligible:
        in_lower_case = lowercase.get(spelling if lowercase is table.lowercase else spelling.lower(), 0)
        if spelling in candidates and in_lower_case > _LOWERCASE_SHARE * (stats[spelling].articles + in_lower_case):
            left_out.append(
                LeftOut(spelling, stats[spelling].count, f"written in lower case in {in_lower_case:,} articles")
            )
            continue
        kept.append(spelling)
    clusters = []
    for members in cluster_lookalikes(kept):
        for group in _split_around_centre(members, stats):
            canonical = _preferred(group, stats)
            others = sorted((s for s in group if s != canonical), key=lambda s: (-stats[s].count, s))
            clusters.append(Cluster(canonical, tuple((s, stats[s]) for s in (canonical, *others))))
    clusters.sort(key=lambda cluster: (-cluster.total, cluster.canonical))
    left_out.sort(key=lambda item: (-item.count, item.spelling))
    return clusters, left_out
