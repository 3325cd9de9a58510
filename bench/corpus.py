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
FILLER = (
    "The two sides agreed to continue consultations at the working level in the coming weeks.",
    "Prices of food and fuel have risen sharply since the beginning of the year, according to official data.",
    "The statement did not say how many people had been detained or where they were being held.",
    "Schools and hospitals in the area remained closed, and public transport was suspended until further notice.",
    "Negotiators met behind closed doors for more than six hours, and no joint declaration was issued afterwards.",
    "The government said it would allocate additional funds to rebuild damaged roads, bridges and power lines.",
    "Humanitarian organizations warned that winter would make the situation of displaced families even harder.",
    "Observers said the vote was orderly, although turnout was lower than at the previous election.",
    "The central bank kept its key interest rate unchanged and said inflation was expected to slow next year.",
    "Local media reported long queues at border crossings as thousands of people tried to leave the region.",
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


def _names(gazetteer: Gazetteer, kind: str) -> tuple[list[str], list[str]]:
    """House forms and variants of the entities of the given types."""
    house, variants = [], []
    for entity in gazetteer.entities:
        if entity.type in kind.split(","):
            house.append(entity.canonical)
            if entity.short:
                house.append(entity.short)
            variants.extend(entity.variants)
    return house, variants


class _Picker:
    """Mostly house forms, a variant now and then, as in copy that needs a few fixes per article."""

    def __init__(self, rng: random.Random, names: tuple[list[str], list[str]], variant_share: float = 0.15) -> None:
        self.rng, self.house, self.variants, self.share = rng, names[0], names[1], variant_share

    def __call__(self) -> str:
        if self.variants and self.rng.random() < self.share:
            return self.rng.choice(self.variants)
        return self.rng.choice(self.house)


def articles(gazetteer: Gazetteer, total_bytes: int, seed: int = 7) -> Iterator[str]:
    """Yield articles of about 3 KB until `total_bytes` have been produced.

    About half the sentences name nobody; the rest name one to three gazetteer entities (15% of them as a
    variant) or an invented local name, so an article has about as many names as a wire story.
    """
    rng = random.Random(seed)
    places = _Picker(rng, _names(gazetteer, "region,city,place"))
    people = _Picker(rng, _names(gazetteer, "person"))
    countries = _Picker(rng, _names(gazetteer, "country"))
    unknown = [
        "".join(rng.choice(UNKNOWN_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(400)
    ]
    produced = 0
    while produced < total_bytes:
        paragraphs = []
        for _ in range(rng.randint(6, 9)):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                if rng.random() < 0.5:
                    sentences.append(rng.choice(FILLER))
                    continue
                sentences.append(
                    rng.choice(TEMPLATES).format(
                        day=rng.randint(1, 28),
                        person=people(),
                        place=places(),
                        city=places(),
                        country=countries(),
                        country2=countries(),
                        unknown=rng.choice(unknown),
                        count=rng.randint(2, 900),
                        month=rng.choice(MONTHS),
                    )
                )
            paragraphs.append(" ".join(sentences))
        article = "\n\n".join(paragraphs) + "\n"
        produced += len(article.encode("utf-8"))
        yield article


def synthetic_gazetteer_yaml(count: int, taken: set[str], seed: int = 11) -> str:
    """`count` invented entities, each with two transliteration-style variants; none spelled like `taken`."""
    rng = random.Random(seed)
    onsets = ("b", "d", "g", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "v", "z", "zh", "ch", "y")
    vowels = ("a", "e", "i", "o", "u", "ou", "ya", "yi")
    seen: set[str] = set()
    lines = ["version: 1", "entities:"]
    made = 0
    while made < count:
        name = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4))) + rng.choice(
            ("n", "r", "sk", "v", "")
        )
        name = name.capitalize()
        if name in seen or name.lower() in taken:
            continue
        seen.add(name)
        variant_a = name.replace("ou", "u").replace("kh", "h") if ("ou" in name or "kh" in name) else name + "h"
        variant_b = (
            name.replace("q", "k").replace("y", "i") if ("q" in name or "y" in name) else name[:-1] + name[-1] * 2
        )
        variants = sorted({v for v in (variant_a, variant_b) if v != name and v not in seen and v.lower() not in taken})
        seen.update(variants)
        made += 1
        lines.append(f"  - id: synthetic-{made}")
        lines.append(f"    canonical: {name}")
        lines.append("    type: place")
        if variants:
            lines.append(f"    variants: [{', '.join(variants)}]")
    return "\n".join(lines) + "\n"
