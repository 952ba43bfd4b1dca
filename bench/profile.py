"""The shape of a graph in numbers: quads per named graph and nodes per kind, read from an
N-Quads file in one streaming pass. The synthetic generator is tuned against these numbers
measured on the real build (`python -m bench.profile build/dumps/gongyun.nq`)."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from gongyun.namespaces import GRAPH, RDF_TYPE, VOCAB, prefixed

RDFS_LABEL = prefixed("rdfs", "label")

# The node kinds the generator emits, by the class that marks them.
KINDS = {
    "claim": VOCAB + "Claim",
    "annotation": prefixed("oa", "Annotation"),
    "quantity": VOCAB + "Quantity",
    "time_window": VOCAB + "TimeWindow",
    "instant": prefixed("time", "Instant"),
    "disagreement": VOCAB + "Disagreement",
    "geometry": prefixed("geo", "Geometry"),
    "concept": prefixed("skos", "Concept"),
}


def graph_family(iri: str) -> str:
    """'claims/001' -> 'claims'; the other graphs by their own name."""
    name = iri[len(GRAPH):] if iri.startswith(GRAPH) else iri
    return name.split("/")[0]


def measure(quads) -> dict:
    """Counts from an iterable of pyoxigraph quads (one pass, counters only)."""
    per_graph: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    entity_types = 0
    gazetteer_places = 0
    wanted = {iri: kind for kind, iri in KINDS.items()}
    total = 0
    for q in quads:
        total += 1
        family = graph_family(q.graph_name.value)
        per_graph[family] += 1
        p = q.predicate.value
        if p == RDF_TYPE:
            kind = wanted.get(q.object.value)
            if kind and family != "entailed":
                kinds[kind] += 1
            if family == "entities":
                entity_types += 1
            elif family == "gazetteer" and q.object.value == VOCAB + "Place":
                gazetteer_places += 1
        elif p == RDFS_LABEL and family in ("entities", "gazetteer"):
            labels[q.object.language or "none"] += 1
    kinds["entity"] = entity_types
    kinds["place"] = gazetteer_places
    return {"quads": total, "per_graph": dict(sorted(per_graph.items())),
            "kinds": dict(sorted(kinds.items())), "labels": dict(sorted(labels.items()))}


def shares(profile: dict) -> dict[str, dict[str, float]]:
    """Per-graph shares of all quads and node kinds per 1000 quads: size-free numbers."""
    total = profile["quads"]
    return {
        "graph_share": {g: n / total for g, n in profile["per_graph"].items()},
        "kinds_per_1000": {k: 1000 * n / total for k, n in profile["kinds"].items()},
    }


def measure_file(path: Path) -> dict:
    return measure(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("nquads", type=Path, nargs="?", default=Path("build/dumps/gongyun.nq"))
    args = parser.parse_args(argv)
    profile = measure_file(args.nquads)
    print(json.dumps({**profile, **shares(profile)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
