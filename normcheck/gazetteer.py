"""Loading, merging and validating gazetteer YAML files (entities and their spellings)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from normcheck.errors import GazetteerError
from normcheck.folding import normalize_key

# libyaml's loader, where PyYAML was built with it, reads the gazetteer several times faster; both keep
# line numbers on every node.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ENTITY_TYPES = ("country", "region", "city", "place", "person", "org", "other")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LIST_KEYS = ("variants", "accepted", "related", "source_forms", "context", "ambiguous")
_KNOWN_KEYS = frozenset(("id", "canonical", "type", "short", "fuzzy", "note", "languages", *_LIST_KEYS))
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_LANGUAGE_LIST_KEYS = ("variants", "accepted", "related")
_LANGUAGE_KEYS = frozenset(("canonical", "short", *_LANGUAGE_LIST_KEYS))


class FormKind(str, Enum):
    CANONICAL = "canonical"
    SHORT = "short"
    ACCEPTED = "accepted"
    RELATED = "related"
    VARIANT = "variant"


@dataclass(frozen=True)
class LanguageForms:
    """An entity's house forms in one language (`languages: {fr: {canonical: Haut-Karabakh}}`)."""

    language: str
    canonical: str
    short: str | None = None
    variants: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    origin: str = ""  # "file:line" of the language's entry

    def spellings(self) -> Iterable[str]:
        yield self.canonical
        if self.short:
            yield self.short
        yield from self.variants
        yield from self.accepted
        yield from self.related


@dataclass(frozen=True)
class Entity:
    id: str
    canonical: str
    type: str
    variants: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source_forms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    short: str | None = None
    fuzzy: bool = True
    origin: str = ""  # "file:line", for messages
    languages: tuple[LanguageForms, ...] = ()  # per-language house forms; `forms()` gives the default ones

    def forms(self) -> Iterable[tuple[str, FormKind]]:
        yield self.canonical, FormKind.CANONICAL
        if self.short:
            yield self.short, FormKind.SHORT
        for form in self.accepted:
            yield form, FormKind.ACCEPTED
        for form in self.related:
            yield form, FormKind.RELATED
        for form in self.variants:
            yield form, FormKind.VARIANT

    def replacement_for(self, form: str) -> str:
        """The house form a variant is rewritten to: a one-word surname variant becomes the short form."""
        if self.short and len(normalize_key(form).split()) == len(normalize_key(self.short).split()):
            return self.short
        return self.canonical

    def in_language(self, language: str) -> Entity:
        """This entity as an article in `language` sees it; itself when it has no forms for that language.

        The language's own forms come first. Default forms it does not list itself keep their kind, except
        that the default canonical and short forms become accepted: an English "Jordan" or "Georgia" in a
        German article may be a person or a US state, so it is left alone rather than "fixed"; a language
        that wants an English form rewritten lists it among its variants. Nothing is ever rewritten into a
        default form the language does not list. A person's default short form stays the short form when
        the language gives none and its canonical form contains it ("Wladimir Putin" keeps "Putin").
        """
        own = next((forms for forms in self.languages if forms.language == language), None)
        if own is None:
            return self
        taken = {_spelling(form) for form in own.spellings()}
        short = own.short
        demoted: list[str] = [self.canonical]  # the default house forms: accepted in this language
        if self.short:
            if short is None and f" {self.short} " in f" {own.canonical} ":
                short = self.short
            else:
                demoted.append(self.short)

        def merged(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
            seen = set(taken)
            out = list(first)
            for form in second:
                if _spelling(form) not in seen:
                    seen.add(_spelling(form))
                    out.append(form)
            return tuple(out)

        return replace(
            self,
            canonical=own.canonical,
            short=short,
            variants=merged(own.variants, self.variants),
            accepted=merged(own.accepted, [*demoted, *self.accepted]),
            related=merged(own.related, self.related),
            origin=own.origin,
            languages=(),
        )


def _spelling(form: str) -> str:
    """One spelling, whatever its spacing and apostrophe; case is kept ("Nato" and "NATO" differ)."""
    return " ".join(form.replace("\u2019", "'").split())


@dataclass(frozen=True)
class Gazetteer:
    entities: tuple[Entity, ...]
    sources: tuple[str, ...] = field(default=())

    def by_id(self, entity_id: str) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    @cached_property
    def languages(self) -> frozenset[str]:
        """The languages some entity has forms for."""
        return frozenset(forms.language for entity in self.entities for forms in entity.languages)

    def for_language(self, language: str) -> Gazetteer:
        """The gazetteer as an article in `language` sees it (see `Entity.in_language`); itself when unchanged."""
        if not any(forms.language == language for entity in self.entities for forms in entity.languages):
            return self
        return Gazetteer(tuple(entity.in_language(language) for entity in self.entities), self.sources)


def default_gazetteer_dir() -> Path:
    """The shipped gazetteer: inside the installed package, or the source tree in a checkout."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "_gazetteer", package_dir.parent / "gazetteer"):
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    raise GazetteerError("the default gazetteer is missing from this installation; reinstall normcheck")


def gazetteer_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not files:
            raise GazetteerError("folder holds no .yaml gazetteer files", str(path))
        return files
    if not path.exists():
        raise GazetteerError("no such gazetteer file or folder", str(path))
    return [path]


def _yaml_error(exc: yaml.YAMLError, display: str) -> GazetteerError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None:
        problem = f"{context} (line {context_mark.line + 1}): {problem}"
    return GazetteerError(f"not valid YAML: {problem}", display, mark.line + 1 if mark is not None else None)


def _string_list(value: Any, key: str, display: str, line: int) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise GazetteerError(f"'{key}' must be a list of non-empty strings", display, line)
    return tuple(item.strip() for item in value)


def _entity_from_node(loader: yaml.SafeLoader, node: yaml.Node, display: str) -> Entity:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise GazetteerError("each entity must be a mapping with id, canonical and type", display, line)
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key not in _KNOWN_KEYS:
            known = ", ".join(sorted(_KNOWN_KEYS))
            raise GazetteerError(f"unknown key '{key}' (known keys: {known})", display, key_line)
        if key in values:
            raise GazetteerError(f"key '{key}' appears twice in one entity", display, key_line)
        lines[key] = key_line
        if key == "languages":
            values[key] = value_node  # read below, node by node, for line numbers
            continue
        values[key] = loader.construct_object(value_node, deep=True)
    for required in ("id", "canonical", "type"):
        if required not in values:
            raise GazetteerError(f"entity is missing '{required}'", display, line)
    entity_id = values["id"]
    if not isinstance(entity_id, str) or not _ID_PATTERN.match(entity_id):
        raise GazetteerError("'id' must be lowercase letters, digits and hyphens", display, lines["id"])
    canonical = values["canonical"]
    if not isinstance(canonical, str) or not canonical.strip():
        raise GazetteerError("'canonical' must be a non-empty string", display, lines["canonical"])
    if values["type"] not in ENTITY_TYPES:
        raise GazetteerError(f"'type' must be one of {', '.join(ENTITY_TYPES)}", display, lines["type"])
    short = values.get("short")
    if short is not None and (not isinstance(short, str) or not short.strip()):
        raise GazetteerError("'short' must be a non-empty string", display, lines["short"])
    fuzzy = values.get("fuzzy", True)
    if not isinstance(fuzzy, bool):
        raise GazetteerError("'fuzzy' must be true or false", display, lines["fuzzy"])
    lists = {key: _string_list(values[key], key, display, lines[key]) for key in _LIST_KEYS if key in values}
    languages = _language_forms(loader, values["languages"], entity_id, display) if "languages" in values else ()
    entity = Entity(
        id=entity_id,
        canonical=canonical.strip(),
        type=values["type"],
        short=short.strip() if short else None,
        fuzzy=fuzzy,
        origin=f"{display}:{line}",
        languages=languages,
        **lists,
    )
    _check_entity_forms(entity, display, line)
    for forms in languages:
        _check_entity_forms(entity.in_language(forms.language), display, _origin_parts_of(forms.origin)[1] or line)
    return entity


def _language_forms(
    loader: yaml.SafeLoader, node: yaml.Node, entity_id: str, display: str
) -> tuple[LanguageForms, ...]:
    """`languages: {fr: {canonical: ..., short: ..., variants: [...], accepted: [...], related: [...]}}`."""
    if not isinstance(node, yaml.MappingNode):
        raise GazetteerError(
            "'languages' must map language codes to forms, e.g. {fr: {canonical: Haut-Karabakh}}",
            display,
            node.start_mark.line + 1,
        )
    result: list[LanguageForms] = []
    for code_node, forms_node in node.value:
        code = code_node.value if isinstance(code_node, yaml.ScalarNode) else None  # raw: "no" is Norwegian
        line = code_node.start_mark.line + 1
        if not isinstance(code, str) or not _LANGUAGE_CODE.match(code):
            raise GazetteerError(
                f"entity '{entity_id}': language code '{code}' must be two or three lower-case letters (fr, de, es)",
                display,
                line,
            )
        if any(forms.language == code for forms in result):
            raise GazetteerError(f"entity '{entity_id}': language '{code}' is given twice", display, line)
        if not isinstance(forms_node, yaml.MappingNode):
            raise GazetteerError(
                f"entity '{entity_id}', language '{code}': expected a mapping with 'canonical'", display, line
            )
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in forms_node.value:
            key = loader.construct_object(key_node)
            key_line = key_node.start_mark.line + 1
            if key not in _LANGUAGE_KEYS:
                known = ", ".join(sorted(_LANGUAGE_KEYS))
                raise GazetteerError(
                    f"entity '{entity_id}', language '{code}': unknown key '{key}' (known keys: {known})",
                    display,
                    key_line,
                )
            if key in values:
                raise GazetteerError(
                    f"entity '{entity_id}', language '{code}': key '{key}' appears twice", display, key_line
                )
            values[key] = loader.construct_object(value_node, deep=True)
            lines[key] = key_line
        if "canonical" not in values:
            raise GazetteerError(f"entity '{entity_id}', language '{code}' is missing 'canonical'", display, line)
        for key in ("canonical", "short"):
            if key in values and (not isinstance(values[key], str) or not values[key].strip()):
                raise GazetteerError(
                    f"entity '{entity_id}', language '{code}': '{key}' must be a non-empty string",
                    display,
                    lines[key],
                )
        lists = {
            key: _string_list(values[key], key, display, lines[key]) for key in _LANGUAGE_LIST_KEYS if key in values
        }
        result.append(
            LanguageForms(
                language=code,
                canonical=values["canonical"].strip(),
                short=values["short"].strip() if "short" in values else None,
                origin=f"{display}:{line}",
                **lists,
            )
        )
    return tuple(result)


def _check_entity_forms(entity: Entity, display: str, line: int) -> None:
    """The same spelling twice in one entity is an error; spellings that differ in case are not ("Nato"/"NATO")."""
    seen: dict[str, FormKind] = {}
    for form, kind in entity.forms():
        spelling = _spelling(form)
        if spelling in seen:
            raise GazetteerError(
                f"entity '{entity.id}': \"{form}\" is listed twice ({seen[spelling].value} and {kind.value})",
                display,
                line,
            )
        seen[spelling] = kind


def read_gazetteer_file(path: Path) -> tuple[list[Entity], list[GazetteerError]]:
    """The entities of one file and every problem found in it (a broken entity is left out)."""
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], [GazetteerError("not valid UTF-8", display)]
    except OSError as exc:
        return [], [GazetteerError(f"cannot read: {exc.strerror or exc}", display)]
    loader = _Loader(text)
    entities: list[Entity] = []
    problems: list[GazetteerError] = []
    try:
        for node in _entity_nodes(loader, display):
            try:
                entities.append(_entity_from_node(loader, node, display))
            except GazetteerError as exc:
                problems.append(exc)
    except GazetteerError as exc:
        return [], [exc]
    except yaml.YAMLError as exc:
        return [], [_yaml_error(exc, display)]
    finally:
        loader.dispose()
    seen_ids: dict[str, str] = {}
    for entity in entities:
        if entity.id in seen_ids:
            problems.append(
                GazetteerError(
                    f"id '{entity.id}' is used twice in this file (first at {seen_ids[entity.id]})",
                    display,
                    _origin_parts(entity)[1],
                )
            )
        seen_ids[entity.id] = entity.origin
    return entities, problems


def _entity_nodes(loader: yaml.SafeLoader, display: str) -> list[yaml.Node]:
    root = loader.get_single_node()
    if root is None:
        raise GazetteerError("empty gazetteer file (expected 'entities:')", display, 1)
    if not isinstance(root, yaml.MappingNode):
        raise GazetteerError("top level must be a mapping with 'entities:'", display, root.start_mark.line + 1)
    entities_node = None
    for key_node, value_node in root.value:
        key = loader.construct_object(key_node)
        line = key_node.start_mark.line + 1
        if key == "version":
            if loader.construct_object(value_node) != 1:
                raise GazetteerError("unsupported gazetteer 'version' (this normcheck reads version 1)", display, line)
        elif key == "entities":
            entities_node = value_node
        else:
            raise GazetteerError(f"unknown top-level key '{key}' (expected 'version' and 'entities')", display, line)
    if entities_node is None:
        raise GazetteerError("missing 'entities:' list", display, 1)
    if not isinstance(entities_node, yaml.SequenceNode):
        raise GazetteerError("'entities' must be a list", display, entities_node.start_mark.line + 1)
    return list(entities_node.value)


def load_gazetteer_file(path: Path) -> list[Entity]:
    entities, problems = read_gazetteer_file(path)
    if problems:
        raise problems[0]
    return entities


def _origin_parts(entity: Entity) -> tuple[str, int | None]:
    return _origin_parts_of(entity.origin)


def _origin_parts_of(origin: str) -> tuple[str, int | None]:
    path, _, line = origin.rpartition(":")
    return path, int(line) if line.isdigit() else None


def check_cross_entity(entities: Sequence[Entity]) -> list[GazetteerError]:
    """Forms claimed by two entities: variants must be unambiguous and must never be another's house form.

    Checked for the default forms and again for each language's view of the gazetteer, where a problem is
    reported only if an entity with forms in that language takes part in it.
    """
    problems = _claim_problems(entities, "", None)
    for language in sorted({forms.language for entity in entities for forms in entity.languages}):
        with_forms = {entity.id for entity in entities if any(f.language == language for f in entity.languages)}
        view = [entity.in_language(language) for entity in entities]
        problems.extend(_claim_problems(view, f"in the '{language}' forms: ", with_forms))
    return problems


def _claim_problems(entities: Sequence[Entity], prefix: str, involving: set[str] | None) -> list[GazetteerError]:
    claims: dict[str, list[tuple[Entity, FormKind, str]]] = {}
    for entity in entities:
        for form, kind in entity.forms():
            claims.setdefault(normalize_key(form), []).append((entity, kind, form))
    problems: list[GazetteerError] = []
    for claimants in claims.values():
        if len({entity.id for entity, _, _ in claimants}) < 2:
            continue
        kinds = {kind for _, kind, _ in claimants}
        if FormKind.VARIANT not in kinds and FormKind.CANONICAL not in kinds:
            continue  # two people sharing a surname, or a demonym shared by two countries, is fine
        first_entity, first_kind, form = claimants[0]
        for entity, kind, _ in claimants[1:]:
            if entity.id == first_entity.id:
                continue
            if involving is not None and entity.id not in involving and first_entity.id not in involving:
                continue
            if kind == first_kind == FormKind.VARIANT:
                key = normalize_key(form)
                if all(key in {normalize_key(f) for f in e.ambiguous} for e in (entity, first_entity)):
                    continue
                reason = f"variant \"{form}\" is claimed by '{first_entity.id}' and '{entity.id}'; list it under 'ambiguous' in both"
            elif FormKind.VARIANT in (kind, first_kind):
                reason = (
                    f"\"{form}\" is a {first_kind.value} form of '{first_entity.id}' and a {kind.value} form of "
                    f"'{entity.id}': a fix would rewrite one entity's own name"
                )
            else:
                reason = f"\"{form}\" is a {first_kind.value} form of '{first_entity.id}' and a {kind.value} form of '{entity.id}'"
            path, line = _origin_parts(entity)
            problems.append(GazetteerError(prefix + reason, path, line))
    return problems


def load_gazetteer(paths: Sequence[Path]) -> Gazetteer:
    """Load files in order; a later entity with the same id replaces the earlier one."""
    merged: dict[str, Entity] = {}
    sources: list[str] = []
    for path in paths:
        for file in gazetteer_files(path):
            sources.append(str(file))
            for entity in load_gazetteer_file(file):
                merged[entity.id] = entity
    entities = tuple(merged.values())
    problems = check_cross_entity(entities)
    if problems:
        raise problems[0]
    return Gazetteer(entities=entities, sources=tuple(sources))


def validate_paths(paths: Sequence[Path]) -> tuple[list[GazetteerError], int]:
    """Every problem found, for `normcheck gazetteer validate`; and the number of entities read."""
    problems: list[GazetteerError] = []
    merged: dict[str, Entity] = {}
    for path in paths:
        try:
            files = gazetteer_files(path)
        except GazetteerError as exc:
            problems.append(exc)
            continue
        for file in files:
            entities, file_problems = read_gazetteer_file(file)
            problems.extend(file_problems)
            for entity in entities:
                merged[entity.id] = entity
    problems.extend(check_cross_entity(tuple(merged.values())))
    return problems, len(merged)
