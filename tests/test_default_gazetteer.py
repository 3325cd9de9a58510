"""Data tests: the shipped gazetteer is valid, broad, and free of fix loops and fuzzy collisions."""

from __future__ import annotations

from collections import Counter

from normcheck.folding import fold, normalize_key
from normcheck.gazetteer import FormKind, default_gazetteer_dir, load_gazetteer, validate_paths

GAZETTEER = load_gazetteer([default_gazetteer_dir()])
CONFUSERS = [
    ("Niger", "Nigeria"),
    ("Austria", "Australia"),
    ("Iran", "Iraq"),
    ("Slovakia", "Slovenia"),
    ("Raqqa", "Naqqa"),
]


def test_validates_without_problems() -> None:
    problems, count = validate_paths([default_gazetteer_dir()])
    assert problems == []
    assert count >= 250


def test_breadth_for_international_news() -> None:
    types = Counter(entity.type for entity in GAZETTEER.entities)
    assert types["country"] >= 195
    assert types["person"] >= 40
    for name in (
        "Nagorno-Karabakh",
        "Kyiv",
        "Beijing",
        "Donbas",
        "Xinjiang",
        "Myanmar",
        "Ivory Coast",
        "Czech Republic",
    ):
        assert any(entity.canonical == name for entity in GAZETTEER.entities), name


def test_no_variant_is_claimed_twice_or_is_another_entitys_form() -> None:
    owners: dict[str, set[str]] = {}
    for entity in GAZETTEER.entities:
        for form, _ in entity.forms():
            owners.setdefault(normalize_key(form), set()).add(entity.id)
    for entity in GAZETTEER.entities:
        for variant in entity.variants:
            others = owners[normalize_key(variant)] - {entity.id}
            declared = {normalize_key(form) for form in entity.ambiguous}
            assert not others or normalize_key(variant) in declared, (variant, entity.id, others)


def test_no_two_entities_collide_under_folding() -> None:
    folded: dict[str, set[str]] = {}
    for entity in GAZETTEER.entities:
        if not entity.fuzzy:
            continue
        for form, kind in entity.forms():
            if kind is not FormKind.RELATED:
                folded.setdefault(fold(form), set()).add(entity.id)
    assert {key: ids for key, ids in folded.items() if len(ids) > 1} == {}


def test_confusers_are_separate_entities() -> None:
    for first, second in CONFUSERS:
        lookup = {normalize_key(form): entity.id for entity in GAZETTEER.entities for form, _ in entity.forms()}
        assert lookup[normalize_key(first)] != lookup[normalize_key(second)], (first, second)


def test_required_variants_from_the_brief() -> None:
    forms = {entity.id: {normalize_key(v) for v in entity.variants} for entity in GAZETTEER.entities}
    assert {"naka", "naqqa"} <= forms["nagorno-karabakh"]
    assert "kiev" in forms["kyiv"]
    assert {"gaddafi", "qaddafi"} <= forms["moammar-gadhafi"]
    assert "donbass" in forms["donbas"]
