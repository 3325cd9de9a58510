"""A deterministic synthetic corpus of translated-news articles, for speed measurements."""

from __future__ import annotations

import random
from collections.abc import Iterator

from normcheck.gazetteer import Gazetteer

TEMPLATES = (
    "On the {day}th local time, {person} disclosed more details of the mediation of the {place} conflict.",
    "{person} emphasized that the agreement reached by the leaders of {country} and {country2} stopped the clashes.",
    "The relevant parties expressed their views on the situation in {place} and called for restraint.",
    "According to the statement, {count} people were evacuated from {unknown} and nearby villages.",
    "Residents of {unknown} said the shelling stopped after midnight, and the two sides exchanged prisoners.",
    "When talking about the role of {country} in the {place} issue, {person} said the outside world can make any assessment.",
    "The ceasefire agreement came into effect on {month} {day}, and peacekeepers will be stationed in {place}.",
    "Officials in {city} said talks with {country2} would continue next week despite the tension.",
    "The ministry of foreign affairs of {country} issued a statement on Tuesday about the {place} region.",
    "Analysts noted that trade between {country} and {country2} grew by {count} percent last year.",
)
UNKNOWN_SYLLABLES = (
    "mar",
    "tu",
    "ni",
    "ha",
    "drut",
    "ka",
    "lba",
    "jar",
    "sho",
    "vor",
    "ukh",
    "zan",
    "ben",
    "tar",
    "lis",
)
MONTHS = ("January", "March", "June", "September", "October", "November")


def _names(gazetteer: Gazetteer, kind: str) -> list[str]:
    out = []
    for entity in gazetteer.entities:
        if entity.type in kind.split(","):
            out.append(entity.canonical)
            out.extend(entity.variants)
            if entity.short:
                out.append(entity.short)
    return out


def articles(gazetteer: Gazetteer, total_bytes: int, seed: int = 7) -> Iterator[str]:
    """Yield articles of about 4 KB until `total_bytes` have been produced."""
    rng = random.Random(seed)
    places = _names(gazetteer, "region,city,place") or ["Nagorno-Karabakh", "Naka"]
    people = _names(gazetteer, "person") or ["Vladimir Putin", "Putin"]
    countries = _names(gazetteer, "country") or ["Armenia", "Azerbaijan"]
    unknown = [
        "".join(rng.choice(UNKNOWN_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(400)
    ]
    produced = 0
    while produced < total_bytes:
        paragraphs = []
        for _ in range(rng.randint(6, 9)):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                sentences.append(
                    rng.choice(TEMPLATES).format(
                        day=rng.randint(1, 28),
                        person=rng.choice(people),
                        place=rng.choice(places),
                        city=rng.choice(places),
                        country=rng.choice(countries),
                        country2=rng.choice(countries),
                        unknown=rng.choice(unknown),
                        count=rng.randint(2, 900),
                        month=rng.choice(MONTHS),
                    )
                )
            paragraphs.append(" ".join(sentences))
        article = "\n\n".join(paragraphs) + "\n"
        produced += len(article.encode("utf-8"))
        yield article


def synthetic_gazetteer_yaml(count: int, seed: int = 11) -> str:
    """`count` invented entities, each with two transliteration-style variants."""
    rng = random.Random(seed)
    onsets = ("b", "d", "g", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "v", "z", "zh", "ch", "y")
    vowels = ("a", "e", "i", "o", "u", "ou", "ya", "yi")
    seen: set[str] = set()
    lines = ["version: 1", "entities:"]
    while len(seen) < count:
        name = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4))) + rng.choice(
            ("n", "r", "sk", "v", "")
        )
        name = name.capitalize()
        if name in seen:
            continue
        seen.add(name)
        variant_a = name.replace("ou", "u").replace("kh", "h") if ("ou" in name or "kh" in name) else name + "h"
        variant_b = (
            name.replace("q", "k").replace("y", "i") if ("q" in name or "y" in name) else name[:-1] + name[-1] * 2
        )
        variants = sorted({v for v in (variant_a, variant_b) if v != name and v not in seen})
        seen.update(variants)
        lines.append(f"  - id: synthetic-{len(lines)}")
        lines.append(f"    canonical: {name}")
        lines.append("    type: place")
        if variants:
            lines.append(f"    variants: [{', '.join(variants)}]")
    return "\n".join(lines) + "\n"
