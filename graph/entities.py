"""Entities and SKOS concepts declared by curators: one declaration per id, anywhere in graph/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongyun.graph import terms as t
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import LINE_KEY, line_of, load
from gongyun.namespaces import ENTITY_PREFIXES


@dataclass
class Entity:
    id: str
    classes: list[str]
    zh: str
    en: str | None
    pinyin: str | None
    aliases: list[str]
    note: str | None
    named: bool
    file: Path
    line: int | None


@dataclass
class Concept:
    id: str
    zh: str | None
    en: str | None
    definition: str | None
    broader: list[str]
    broad_match: list[str]
    file: Path
    line: int | None

    @property
    def scheme(self) -> str:
        return self.id.rsplit("/", 1)[0]


@dataclass
class Declarations:
    entities: dict[str, Entity] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def add_entity(decl: Declarations, raw: dict, file: Path, problems: Problems) -> None:
    line = line_of(raw)
    _refuse_unknown_keys(raw, ENTITY_KEYS, file, line, problems)
    entity_id = str(raw.get("id", ""))
    if not any(entity_id.startswith(p) for p in ENTITY_PREFIXES):
        problems.error(file, line, f"entity id {entity_id!r} has no known prefix "
                       f"({', '.join(ENTITY_PREFIXES)})")
        return
    if entity_id in decl.entities:
        first = decl.entities[entity_id]
        problems.error(file, line, f"{entity_id} is declared twice (first at "
                       f"{first.file.name}:{first.line})")
        return
    if not raw.get("zh"):
        problems.error(file, line, f"{entity_id}: no zh label")
    classes = _as_list(raw.get("class")) or [ENTITY_PREFIXES[entity_id.split("/")[0] + "/"]]
    decl.entities[entity_id] = Entity(
        id=entity_id,
        classes=classes,
        zh=str(raw.get("zh", "")),
        en=raw.get("en"),
        pinyin=raw.get("pinyin"),
        aliases=_as_list(raw.get("aliases")),
        note=raw.get("note"),
        named=raw.get("named", True) is not False,
        file=file,
        line=line,
    )


# What only a draft file holds: each proposal's reason, the mentions and the figures and dates
# proposed, an ambiguous mention's candidates. A curator resolves them before review: checked.
DRAFT_ONLY = ("reason", "mentions", "values", "candidates")
# An unquoted comma inside a YAML flow mapping ({id: …, en: a, b}) cuts the value and turns the
# rest into keys without values; refusing unknown keys catches that, and typos, at the line.
ENTITY_KEYS = frozenset({"id", "class", "zh", "en", "pinyin", "aliases", "note", "named",
                         *DRAFT_ONLY})
CONCEPT_KEYS = frozenset({"id", "zh", "en", "definition", "broader", "broad_match", "facility",
                          *DRAFT_ONLY})


def _refuse_unknown_keys(raw: dict, known: frozenset[str], file: Path, line: int,
                         problems: Problems) -> None:
    unknown = [str(k) for k in raw if k not in known and k != LINE_KEY]
    if unknown:
        problems.error(file, line, f"{raw.get('id', '?')}: unknown key(s) "
                       f"{', '.join(map(repr, unknown))} (known: {', '.join(sorted(known))}); "
                       "a comma in an unquoted value of {…} splits it: quote the value")


def add_concept(decl: Declarations, raw: dict, file: Path, problems: Problems) -> None:
    line = line_of(raw)
    _refuse_unknown_keys(raw, CONCEPT_KEYS, file, line, problems)
    concept_id = str(raw.get("id", ""))
    if not concept_id.startswith("concept/") or concept_id.count("/") < 2:
        problems.error(file, line, f"concept id {concept_id!r} must be concept/<scheme>/<id>")
        return
    if concept_id in decl.concepts:
        # Concepts are shared vocabulary: two curators naming the same concept alike is one
        # concept; naming it differently is a clash to resolve.
        first = decl.concepts[concept_id]
        if raw.get("zh") and first.zh and str(raw["zh"]) != first.zh:
            problems.error(file, line, f"{concept_id} is declared twice with different zh "
                           f"labels ({first.zh!r} at {first.file.name}:{first.line})")
        return
    decl.concepts[concept_id] = Concept(
        id=concept_id,
        zh=raw.get("zh"),
        en=raw.get("en"),
        definition=raw.get("definition"),
        broader=_as_list(raw.get("broader")),
        broad_match=_as_list(raw.get("broad_match")),
        file=file,
        line=line,
    )


def load_entity_file(decl: Declarations, path: Path, problems: Problems) -> None:
    for raw in load(path) or []:
        add_entity(decl, raw, path, problems)


def load_concept_file(decl: Declarations, path: Path, problems: Problems) -> None:
    for raw in load(path) or []:
        add_concept(decl, raw, path, problems)


def entity_quads(decl: Declarations, sink: t.QuadSink) -> None:
    g = t.graph("entities")
    label = t.ns("rdfs", "label")
    for entity in decl.entities.values():
        s = t.res(entity.id)
        for cls in entity.classes:
            sink.add(s, t.RDF_TYPE, t.gy(cls), g)
        sink.add(s, label, t.zh(entity.zh), g)
        if entity.en:
            sink.add(s, label, t.en(entity.en), g)
        if entity.pinyin:
            sink.add(s, label, t.pinyin(entity.pinyin), g)
        for alias in dict.fromkeys(entity.aliases):
            if alias != entity.zh:
                sink.add(s, t.ns("skos", "altLabel"), t.zh(alias), g)
        if entity.note:
            sink.add(s, t.ns("rdfs", "comment"), t.en(entity.note), g)
        if not entity.named:
            sink.add(s, t.gy("named"), t.boolean(False), g)


def concept_quads(decl: Declarations, scheme_labels: dict[str, dict], sink: t.QuadSink) -> None:
    g = t.graph("vocabularies")
    label = t.ns("skos", "prefLabel")
    schemes: set[str] = set()
    for concept in decl.concepts.values():
        s = t.res(concept.id)
        sink.add(s, t.RDF_TYPE, t.ns("skos", "Concept"), g)
        sink.add(s, t.ns("skos", "inScheme"), t.res(concept.scheme), g)
        schemes.add(concept.scheme)
        if concept.zh:
            sink.add(s, label, t.zh(concept.zh), g)
            sink.add(s, t.ns("rdfs", "label"), t.zh(concept.zh), g)
        if concept.en:
            sink.add(s, label, t.en(concept.en), g)
            sink.add(s, t.ns("rdfs", "label"), t.en(concept.en), g)
        if concept.definition:
            sink.add(s, t.ns("skos", "definition"), t.en(concept.definition), g)
        for broader in concept.broader:
            sink.add(s, t.ns("skos", "broader"), t.ref(broader), g)
        for match in concept.broad_match:
            sink.add(s, t.ns("skos", "broadMatch"), t.ref(match), g)
    for scheme in sorted(schemes):
        s = t.res(scheme)
        sink.add(s, t.RDF_TYPE, t.ns("skos", "ConceptScheme"), g)
        names = scheme_labels.get(scheme, {})
        sink.add(s, t.ns("rdfs", "label"), t.en(names.get("en", scheme.split("/", 1)[1])), g)
        if names.get("zh"):
            sink.add(s, t.ns("rdfs", "label"), t.zh(names["zh"]), g)
