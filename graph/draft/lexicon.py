"""What the graph knows, and every surface form a text may write for it.

`load_knowledge` reads the curated declarations (graph/entities, the annotation files whose
review state is not `draft`, the vocabularies) and the gazetteer. With `leave_out=H` it reads
only what the *other* texts know, for the leave-one-out evaluation: the entities declared in
their annotation files, and the shared entities and gazetteer places their claims refer to;
nothing that only H's curated annotation names.

`Lexicon` maps the matching key (`chinese.fold`) of every label, alias and variant to the known
things it names: 〇/○/零 and Arabic digits in unit numbers, traditional characters, full-width
digits (the folding), and short forms (平汉铁路 -> 平汉路, 平汉线; 山西省 -> 山西). Names that
refer by description rather than by name are left out: a generic alone (总会, 工会), a
demonstrative form (该会, 此厂), one character.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongyun.graph.annotations import (
    AnnotationSet,
    annotation_files,
    read_annotation_file,
    review_state,
)
from gongyun.graph.entities import Declarations, Entity, load_concept_file, load_entity_file
from gongyun.graph.names import GENERICS
from gongyun.graph.problems import Problems
from gongyun.normalise.chinese import fold, variants
from gongyun.paths import GRAPH_DIR

# Words that refer to something by description, not by name (an alias a curator gave for one
# passage): matching them elsewhere would link the wrong thing.
DESCRIPTIVE = frozenset({"敌人", "敌方", "我军", "我方", "日方", "该会", "本会"})
_DEMONSTRATIVE = "该此这那其各"
# Short forms of generic endings: 平汉铁路 is also 平汉路, 平汉线 and 平汉; 山西省 also 山西.
SHORT_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("铁路", ("路", "线")),
    ("省", ("",)),
    ("市", ("",)),
    ("县", ("",)),
)


@dataclass(frozen=True)
class Known:
    """A named thing the lexicon can match: an entity or a gazetteer place."""

    id: str
    classes: tuple[str, ...]
    zh: str


@dataclass
class Knowledge:
    entities: dict[str, Known] = field(default_factory=dict)
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # id -> (name, kind)
    concepts: dict[str, Any] = field(default_factory=dict)
    declared: Declarations = field(default_factory=Declarations)

    def add(self, known: Known, names: Iterable[tuple[str, str]]) -> None:
        self.entities[known.id] = known
        self.names[known.id] = [(n, k) for n, k in names if n]


def _referenced_ids(value: Any) -> Iterator[str]:
    """Every id-like string in a claim (s, o, counts, attributed_to, anchors, units)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _referenced_ids(v)
    elif isinstance(value, list):
        for v in value:
            yield from _referenced_ids(v)
    elif isinstance(value, str) and "/" in value and " " not in value:
        yield value


def _places(graph_dir: Path) -> list[dict]:
    path = graph_dir / "gazetteer" / "places.yaml"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # noqa: S506


def curated_files(graph_dir: Path, sources: set[str] | None = None) -> list[Path]:
    """The annotation files a curator owns (review state not `draft`)."""
    return [p for p in annotation_files(sources, graph_dir / "annotations")
            if review_state(p) != "draft"]


def load_knowledge(graph_dir: Path = GRAPH_DIR, leave_out: str | None = None) -> Knowledge:
    """The curated knowledge; with `leave_out`, only what the other texts know."""
    problems = Problems()
    shared = Declarations()
    for path in sorted((graph_dir / "entities").glob("*.yaml")):
        load_entity_file(shared, path, problems)
    decl = Declarations()
    for path in sorted((graph_dir / "vocab").glob("*.yaml")):
        if path.name != "schemes.yaml":
            load_concept_file(decl, path, problems)
    annotations = AnnotationSet()
    folders = {p.name for p in (graph_dir / "annotations").iterdir() if p.is_dir()} \
        if (graph_dir / "annotations").exists() else set()
    sources = folders - {leave_out} if leave_out else None
    for path in curated_files(graph_dir, sources):
        read_annotation_file(path, decl, problems, annotations)
    referenced = {i for c in annotations.claims() for i in _referenced_ids(c.data)}
    knowledge = Knowledge(concepts=dict(decl.concepts), declared=decl)
    for entity in shared.entities.values():
        if leave_out is None or entity.id in referenced:
            decl.entities.setdefault(entity.id, entity)
    for entity in decl.entities.values():
        if entity.named:
            knowledge.add(_known(entity), _entity_names(entity))
    for place in _places(graph_dir):
        if leave_out is not None and place["id"] not in referenced:
            continue
        names = [(str(place.get("zh", "")), "label")]
        names += [(str(a), "alias") for a in place.get("aliases") or []]
        knowledge.add(Known(str(place["id"]), ("Place",), str(place.get("zh", ""))), names)
    return knowledge


def _known(entity: Entity) -> Known:
    return Known(entity.id, tuple(entity.classes), entity.zh)


def _entity_names(entity: Entity) -> list[tuple[str, str]]:
    return [(entity.zh, "label")] + [(a, "alias") for a in entity.aliases]


def descriptive(name: str) -> bool:
    """A name that refers by description (总会, 该会, 敌人) or is one character."""
    core = name.strip("“”《》\"'")
    return (len(core) < 2 or core in DESCRIPTIVE or core in GENERICS
            or (len(core) == 2 and core[0] in _DEMONSTRATIVE))


def short_forms(name: str) -> set[str]:
    out = set()
    for ending, replacements in SHORT_FORMS:
        stem = name[: -len(ending)]
        if name.endswith(ending) and len(stem) >= 2:
            out.update(stem + r for r in replacements)
    # A railway is written by its two termini's abbreviations alone (津浦, 陇海, 同蒲沿线).
    if name.endswith("铁路") and len(name) == 4:
        out.add(name[:2])
    return out


@dataclass(frozen=True)
class Surface:
    """One form the lexicon can match, and the thing it names."""

    known: Known
    name: str  # the label or alias it comes from
    rule: str  # label | alias | variant | short-form


class Lexicon:
    def __init__(self, knowledge: Knowledge) -> None:
        table: dict[str, dict[str, Surface]] = defaultdict(dict)
        for entity_id, names in knowledge.names.items():
            known = knowledge.entities[entity_id]
            for name, kind in names:
                core = name.strip("“”《》")
                if descriptive(core):
                    continue
                forms = [(core, kind)] + [(v, "variant") for v in variants(core) - {core}]
                forms += [(s, "short-form") for s in short_forms(core)]
                for form, rule in forms:
                    if descriptive(form):
                        continue
                    key = fold(form)
                    best = table[key].get(entity_id)
                    if best is None or _RANK[rule] < _RANK[best.rule]:
                        table[key][entity_id] = Surface(known, name, rule)
        self.table = {k: tuple(v.values()) for k, v in table.items()}
        self.max_len = max((len(k) for k in self.table), default=0)
        self.first = {k[0] for k in self.table}
        self.knowledge = knowledge

    def lookup(self, key: str) -> tuple[Surface, ...]:
        return self.table.get(key, ())

    def __contains__(self, key: str) -> bool:
        return key in self.table


_RANK = {"label": 0, "alias": 1, "variant": 2, "short-form": 3}
