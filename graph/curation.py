"""Disagreements and editorial readings: curators' judgements, attributed, beside the sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gongyun import namespaces as iris
from gongyun.graph import terms as t
from gongyun.graph.claims import quantity_quads, unit_of
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import fields, line_of, load
from gongyun.normalise.numbers import parse_quantity
from gongyun.paths import GRAPH_DIR

CURATION_DIR = GRAPH_DIR / "curation"
DISAGREEMENT_TYPES = {
    "Contradiction", "PartialVersusTotal", "DifferentGranularity", "PossiblyDifferentReferent",
    "ArithmeticInconsistency", "Anachronism", "LikelyScanningError",
}


@dataclass
class Curation:
    disagreements: list[tuple[dict, Path]]
    readings: list[tuple[dict, Path]]


def load_curation(problems: Problems, root: Path = CURATION_DIR) -> Curation:
    curation = Curation([], [])
    for path in sorted(root.glob("*.yaml")) if root.exists() else []:
        doc = load(path) or {}
        if not isinstance(doc, dict):
            continue  # retired.yaml and other lists are not disagreements or readings
        curation.disagreements += [(d, path) for d in doc.get("disagreements") or []]
        curation.readings += [(r, path) for r in doc.get("readings") or []]
    return curation


def curation_quads(curation: Curation, claim_ids: set[str], known: set[str],
                   problems: Problems, sink: t.QuadSink,
                   skipped_sources: frozenset[str] = frozenset()) -> None:
    """Write disagreements and readings; with a partial build (`--only`), entries about
    claims of sources left out are skipped rather than reported missing."""
    g = t.graph("curation")

    def left_out(ids: list[str]) -> bool:
        return any(i.split("-")[0] in skipped_sources for i in ids)

    seen: set[str] = set()
    for raw, path in curation.disagreements:
        line, d = line_of(raw), fields(raw)
        ident = iris.disagreement_id(str(d.get("id")))
        if ident in seen:
            problems.error(path, line, f"{ident} declared twice")
            continue
        seen.add(ident)
        if d.get("type") not in DISAGREEMENT_TYPES:
            problems.error(path, line, f"{ident}: type must be one of {sorted(DISAGREEMENT_TYPES)}")
            continue
        claims = [str(c) for c in d.get("claims") or []]
        if left_out(claims):
            continue
        missing = [c for c in claims if c not in claim_ids]
        if missing:
            problems.error(path, line, f"{ident}: unknown claims {missing}")
            continue
        if len(claims) < 2:
            problems.error(path, line, f"{ident}: needs two or more claims")
            continue
        if not d.get("rationale"):
            problems.error(path, line, f"{ident}: needs a rationale")
            continue
        s = t.res(ident)
        sink.add(s, t.RDF_TYPE, t.gy("Disagreement"), g)
        sink.add(s, t.gy("disagreementType"), t.gy(d["type"]), g)
        for claim in claims:
            sink.add(s, t.gy("between"), t.res(iris.claim_id(claim)), g)
        sink.add(s, t.gy("rationale"), t.en(" ".join(str(d["rationale"]).split())), g)
        sink.add(s, t.ns("rdfs", "label"), t.en(f"Disagreement: {d['id']}"), g)
        sources = sorted({c.split("-")[0] for c in claims})
        sink.add(s, t.gy("withinSource"), t.boolean(len(sources) == 1), g)
        sink.add(s, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
    for raw, path in curation.readings:
        line, d = line_of(raw), fields(raw)
        ident = iris.reading_id(str(d.get("id")))
        of = str(d.get("reading_of", ""))
        if left_out([of]):
            continue
        if of not in claim_ids:
            problems.error(path, line, f"{ident}: reading_of {of!r} is not a claim")
            continue
        if d.get("s") not in known or f"gy:{d.get('p')}" not in known:
            problems.error(path, line, f"{ident}: s or p is not declared")
            continue
        if not d.get("rationale"):
            problems.error(path, line, f"{ident}: needs a rationale")
            continue
        s = t.res(ident)
        sink.add(s, t.RDF_TYPE, t.gy("EditorialReading"), g)
        sink.add(s, t.gy("readingOf"), t.res(iris.claim_id(of)), g)
        sink.add(s, t.gy("subject"), t.res(str(d["s"])), g)
        sink.add(s, t.gy("predicate"), t.gy(str(d["p"])), g)
        if "quantity" in d:
            unit = unit_of(d)
            try:
                parsed = parse_quantity(str(d["quantity"]), unit)
            except ValueError as exc:
                problems.error(path, line, f"{ident}: {exc}")
                continue
            node = t.res(iris.quantity_id(str(d["id"])))
            quantity_quads(node, parsed, d.get("counts"), g, sink)
            sink.add(s, t.gy("object"), node, g)
        elif "o" in d:
            sink.add(s, t.gy("object"), t.ref(str(d["o"])), g)
        elif "text" in d:
            sink.add(s, t.gy("object"), t.zh(str(d["text"])), g)
        else:
            problems.error(path, line, f"{ident}: needs a value (quantity, o or text)")
            continue
        sink.add(s, t.gy("rank"), t.gy("NormalRank"), g)
        sink.add(s, t.gy("rationale"), t.en(" ".join(str(d["rationale"]).split())), g)
        sink.add(s, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
