"""`gongyun diff A B`: what changed between two builds or releases of the graph.

A and B are each a build folder (its dumps/gongyun.nq), an N-Quads file (.nq or .nq.gz), or a
release version (1.0.0: its dump under build/releases/1.0.0/, where `gongyun release` writes
it). The answer: claims added, removed and changed (which fields, from what to what), per
entity and per source; entities created, merged and retired, and any published id gone with no
retirement record. Text (Markdown, for the changelog) or JSON (for machines).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from gongyun.graph.releases import VERSION, citable_ids
from gongyun.graph.retired import KINDS
from gongyun.namespaces import DATASET, GRAPH, PREFIXES, VOCAB, curie, local_id, resource_iri

RELEASES_BUILD_DIR = Path("build") / "releases"
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
CLAIM = VOCAB + "Claim"
READING = VOCAB + "EditorialReading"
CLAIM_ID = re.compile(r"\d{3}-c\d{4}")
# Kinds of local id that name things (what "entities created" counts); claims, evidence,
# disagreements, readings, sources and the dataset's own nodes are reported apart.
ENTITY_KINDS = ("org/", "armed/", "ent/", "facility/", "line/", "person/", "group/", "set/",
                "work/", "event/", "place/", "concept/")
# Claim fields that say where a claim is, not what it says: not compared.
BOOKKEEPING = {RDF_TYPE, VOCAB + "evidence", VOCAB + "statedIn"}
# A claim's value nodes, compared by what they hold (their IRIs follow the claim's id).
VALUE_NODES = ("quantity/", "time/")
KIND_OF = {VOCAB + term: kind for kind, term in KINDS.items()}


@dataclass
class Graph:
    """What a diff needs from one graph: the ids it publishes (retired ones apart), labels,
    claims and retirement records."""

    name: str
    ids: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    claims: dict[str, dict[str, str]] = field(default_factory=dict)
    retired: dict[str, dict] = field(default_factory=dict)
    version: str | None = None
    quads: int = 0


def dump_path(spec: str, releases_dir: Path = RELEASES_BUILD_DIR) -> Path:
    """The N-Quads dump `spec` names (see the module's docstring)."""
    path = Path(spec)
    if VERSION.match(spec) and not path.exists():
        found = releases_dir / spec / f"gongyun-{spec}.nq.gz"
        if not found.exists():
            raise FileNotFoundError(
                f"release {spec}: no dump at {found}; `gongyun release {spec}` writes it there, "
                f"or download it (its checksums are in graph/releases/{spec}/release.yaml)")
        return found
    if path.is_dir():
        path = path / "dumps" / "gongyun.nq"
    if not path.exists():
        raise FileNotFoundError(f"{spec}: no such build folder, dump or release")
    return path


def _local(iri: str) -> str:
    return local_id(iri) or iri


def _short(term: NamedNode | Literal) -> str:
    """A term as the changelog writes it: our resources by local id, other IRIs as CURIEs,
    literals quoted with their language."""
    if isinstance(term, Literal):
        lang = f"@{term.language}" if term.language else ""
        return f'"{term.value}"{lang}'
    return local_id(term.value) or curie(term.value)


def load_graph(path: Path, name: str | None = None) -> Graph:
    graph = Graph(name or str(path))
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        quads = list(parse(handle, format=RdfFormat.N_QUADS))
    graph.quads = len(quads)
    graph.ids = citable_ids(quads)
    claims_graph, retired_graph = GRAPH + "claims/", GRAPH + "retired"
    curation_graph = GRAPH + "curation"
    claim_nodes: set[str] = set()
    about: dict[str, list[tuple[str, NamedNode | Literal]]] = defaultdict(list)
    quotes: dict[str, str] = {}
    for q in quads:
        s, p, o, g = q.subject.value, q.predicate.value, q.object, q.graph_name.value
        local = local_id(s) if p == RDFS_LABEL and isinstance(o, Literal) else None
        if local and (o.language == "zh" or local not in graph.labels):
            graph.labels[local] = o.value
        if g.startswith(claims_graph) or g == curation_graph:
            if p == RDF_TYPE and o.value in (CLAIM, READING):
                claim_nodes.add(s)
            about[s].append((p, o))
            if p == PREFIXES["oa"] + "exact":
                quotes[s.rsplit("/", 1)[0]] = o.value
        elif g == retired_graph:
            record = graph.retired.setdefault(_local(s), {"replaced_by": []})
            if p == VOCAB + "retirementKind":
                record["kind"] = KIND_OF.get(o.value, _short(o))
            elif p == PREFIXES["dcterms"] + "isReplacedBy":
                record["replaced_by"].append(_local(o.value))
            elif p == PREFIXES["dcterms"] + "date":
                record["date"] = o.value
            elif p == VOCAB + "rationale":
                record["reason"] = o.value
        elif p == PREFIXES["owl"] + "versionInfo" and s == resource_iri(DATASET):
            graph.version = o.value
    graph.ids -= set(graph.retired)  # a retired id is published only as its record
    for node in claim_nodes:
        graph.claims[_local(node).removeprefix("claim/").removeprefix("reading/")] = \
            _claim_fields(node, about, quotes)
    return graph


def _claim_fields(node: str, about: dict, quotes: dict[str, str]) -> dict[str, str]:
    """A claim as comparable fields: each property's values, a value node (quantity, time
    window) written out with its own properties, and the quote of its evidence."""
    fields: dict[str, list[str]] = defaultdict(list)
    for p, o in about.get(node, []):
        if p in BOOKKEEPING:
            if p == VOCAB + "evidence" and o.value in quotes:
                fields["quote"].append(quotes[o.value])
            continue
        fields[_short(NamedNode(p))].append(_value(o, about))
    return {k: " | ".join(sorted(v)) for k, v in sorted(fields.items())}


def _value(term: NamedNode | Literal, about: dict) -> str:
    owned = isinstance(term, NamedNode) and _local(term.value).startswith(VALUE_NODES)
    parts = about.get(term.value) if owned else None
    if not parts:
        return _short(term)
    inner = sorted(f"{_short(NamedNode(p))}={_short(o)}" for p, o in parts
                   if p != RDF_TYPE and not (isinstance(o, NamedNode) and o.value in about))
    return "{" + ", ".join(inner) + "}"


def _source_of(claim: str) -> str:
    match = CLAIM_ID.fullmatch(claim)
    return claim[:3] if match else "editors"


def diff(a: Graph, b: Graph) -> dict:
    """The differences from `a` to `b`, as plain data (the JSON output)."""
    added = sorted(set(b.claims) - set(a.claims))
    removed = sorted(set(a.claims) - set(b.claims))
    changed = []
    for claim in sorted(set(a.claims) & set(b.claims)):
        old, new = a.claims[claim], b.claims[claim]
        fields = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        if fields:
            changed.append({"claim": claim, "changes": [
                {"field": k, "from": old.get(k), "to": new.get(k)} for k in fields]})
    per_entity: dict[str, dict[str, list[str]]] = defaultdict(
        lambda: {"added": [], "removed": [], "changed": []})
    per_source: dict[str, dict[str, int]] = defaultdict(
        lambda: {"added": 0, "removed": 0, "changed": 0})
    for what, ids, graphs in (("added", added, (b,)), ("removed", removed, (a,)),
                              ("changed", [c["claim"] for c in changed], (a, b))):
        for claim in ids:
            per_source[_source_of(claim)][what] += 1
            subjects = {g.claims[claim].get("gy:subject", "") for g in graphs}
            for subject in sorted(s for s in subjects if s):
                per_entity[subject][what].append(claim)
    entities_a = {i for i in a.ids if i.startswith(ENTITY_KINDS)}
    entities_b = {i for i in b.ids if i.startswith(ENTITY_KINDS)}
    newly_retired = {i: r for i, r in b.retired.items() if i not in b.ids and i in a.ids}
    retired = [{"id": i, **r} for i, r in sorted(newly_retired.items())]
    return {
        "a": {"name": a.name, "version": a.version, "quads": a.quads, "claims": len(a.claims),
              "entities": len(entities_a)},
        "b": {"name": b.name, "version": b.version, "quads": b.quads, "claims": len(b.claims),
              "entities": len(entities_b)},
        "claims": {"added": added, "removed": removed, "changed": changed},
        "per_source": dict(sorted(per_source.items())),
        "per_entity": {k: v for k, v in sorted(per_entity.items())},
        "entities": {
            "created": [{"id": i, "label": b.labels.get(i)}
                        for i in sorted(entities_b - entities_a)],
            "merged": [{"id": r["id"], "into": r["replaced_by"]} for r in retired
                       if r.get("kind") == "merged"],
            "retired": retired,
            "gone_without_record": sorted(i for i in a.ids - b.ids if i not in b.retired),
        },
        "labels": {i: b.labels.get(i) or a.labels.get(i) for i in sorted(per_entity)},
    }


def as_text(result: dict, limit: int = 50) -> str:
    """Markdown for the changelog; each list cut at `limit` items (the JSON has them all)."""
    a, b, claims, entities = result["a"], result["b"], result["claims"], result["entities"]
    labels = result["labels"]

    def cut(items: list, render) -> list[str]:
        lines = [render(i) for i in items[:limit]]
        if len(items) > limit:
            lines.append(f"- … and {len(items) - limit} more (`gongyun diff --json`)")
        return lines

    def named(ident: str, label: str | None = None) -> str:
        label = label or labels.get(ident)
        return f"`{ident}`" + (f" {label}" if label else "")

    lines = [
        f"Compared {a['name']} ({a['version'] or 'no version'}: {a['claims']} claims, "
        f"{a['entities']} entities) with {b['name']} ({b['version'] or 'no version'}: "
        f"{b['claims']} claims, {b['entities']} entities).", "",
        f"- Claims: {len(claims['added'])} added, {len(claims['removed'])} removed, "
        f"{len(claims['changed'])} changed.",
        f"- Entities: {len(entities['created'])} created, {len(entities['merged'])} merged, "
        f"{len(entities['retired'])} retired."]
    if entities["gone_without_record"]:
        lines.append(f"- **{len(entities['gone_without_record'])} published ids gone without "
                     "a retirement record** (the build refuses this against a release).")
    if result["per_source"]:
        lines += ["", "### Claims per source", "", "| source | added | removed | changed |",
                  "| --- | ---: | ---: | ---: |"]
        lines += [f"| {s} | {n['added']} | {n['removed']} | {n['changed']} |"
                  for s, n in result["per_source"].items()]
    if entities["created"]:
        lines += ["", "### Entities created", ""]
        lines += cut(entities["created"], lambda e: f"- {named(e['id'], e['label'])}")
    if entities["retired"]:
        lines += ["", "### Entities merged and retired", ""]
        lines += cut(entities["retired"], lambda r: (
            f"- `{r['id']}` {r.get('kind', '?')}"
            + (f" → {', '.join(f'`{t}`' for t in r['replaced_by'])}" if r["replaced_by"]
               else "") + f" ({r.get('date', '')}): {r.get('reason', '')}"))
    if entities["gone_without_record"]:
        lines += ["", "### Gone without a retirement record", ""]
        lines += cut(entities["gone_without_record"], lambda i: f"- `{i}`")
    if result["per_entity"]:
        lines += ["", "### Claims per entity", ""]
        changes = {c["claim"]: c["changes"] for c in claims["changed"]}

        def entity_lines(item: tuple[str, dict]) -> str:
            ident, n = item
            out = [f"- {named(ident)}: {len(n['added'])} added, {len(n['removed'])} removed, "
                   f"{len(n['changed'])} changed"]
            for claim in n["changed"][:5]:
                out += [f"  - `{claim}` {c['field']}: {c['from'] or '∅'} → {c['to'] or '∅'}"
                        for c in changes[claim]]
            return "\n".join(out)

        lines += cut(list(result["per_entity"].items()), entity_lines)
    return "\n".join(lines) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", help="the earlier graph: a build folder, a .nq(.gz) dump or a "
                        "release version (1.0.0)")
    parser.add_argument("b", help="the later graph, the same way")
    parser.add_argument("--json", action="store_true", help="JSON for machines (every item)")
    parser.add_argument("--limit", type=int, default=50,
                        help="items shown per list in the text (default 50)")
    parser.add_argument("--releases-dir", type=Path, default=RELEASES_BUILD_DIR,
                        help="where release dumps are (default build/releases)")


def run(args: argparse.Namespace) -> int:
    try:
        graphs = [load_graph(dump_path(spec, args.releases_dir), spec)
                  for spec in (args.a, args.b)]
    except (FileNotFoundError, SyntaxError) as exc:
        print(f"gongyun diff: {exc}", file=sys.stderr)
        return 2
    result = diff(*graphs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(as_text(result, args.limit), end="")
    return 0
