"""Draft annotation files as RDF, each text's in its own named graph `gyg:drafts/<source>`.

`gongyun build --with-drafts` calls this; the published build never reads a draft file, so
the published graphs, dumps and counts never hold a proposal. What a draft graph holds:

- the things a draft proposes (new entities, minted events, proposed places): type, labels,
  `gy:named false` for events, the reason;
- each evidence as an oa:Annotation with its selectors (offsets checked like every quote),
  `gy:reviewState "draft"`, and its claims as gy:Claim nodes (the same code as curated claims);
- each mention as an oa:Annotation motivated by oa:identifying (oa:hasBody the thing, or every
  candidate of an ambiguous one) targeting the exact words; each figure or date as an
  oa:Annotation motivated by oa:describing whose body is its gy:Quantity or gy:TimeWindow;
- every proposal's reason as `gy:draftReason`, a JSON literal (rdf:JSON).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from gongyun.graph import terms as t
from gongyun.graph.annotations import AnnotationSet, Evidence, Proposal, read_annotation_file
from gongyun.graph.claims import annotation_quads, claim_quads, quantity_quads, window_quads
from gongyun.graph.entities import Declarations
from gongyun.graph.evidence import Located, QuoteError, locate_in
from gongyun.graph.names import pinyin_for
from gongyun.graph.problems import Problems
from gongyun.graph.sources import Source
from gongyun.namespaces import PREFIXES
from gongyun.normalise.dates import parse_date
from gongyun.normalise.numbers import parse_quantity

RDF_JSON = PREFIXES["rdf"] + "JSON"
DRAFTER = "agent/gongyun-draft"


@dataclass
class DraftGraphs:
    quads: list[Quad] = field(default_factory=list)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # source -> draft files read


def graph_name(source: str) -> str:
    return f"drafts/{source}"


def _reason(value: object) -> Literal:
    return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True),
                   datatype=NamedNode(RDF_JSON))


def _word_target(node: NamedNode, source: str, text: str, start: int, end: int,
                 g: NamedNode, sink: t.QuadSink) -> None:
    target = NamedNode(node.value + "/target")
    position = NamedNode(node.value + "/position")
    quote = NamedNode(node.value + "/quote")
    sink.add(node, t.ns("oa", "hasTarget"), target, g)
    sink.add(target, t.RDF_TYPE, t.ns("oa", "SpecificResource"), g)
    sink.add(target, t.ns("oa", "hasSource"), t.res(f"source/{source}"), g)
    sink.add(target, t.ns("oa", "hasSelector"), position, g)
    sink.add(target, t.ns("oa", "hasSelector"), quote, g)
    sink.add(position, t.RDF_TYPE, t.ns("oa", "TextPositionSelector"), g)
    sink.add(position, t.ns("oa", "start"), t.typed(start, "nonNegativeInteger"), g)
    sink.add(position, t.ns("oa", "end"), t.typed(end, "nonNegativeInteger"), g)
    sink.add(quote, t.RDF_TYPE, t.ns("oa", "TextQuoteSelector"), g)
    sink.add(quote, t.ns("oa", "exact"), t.typed(text[start:end], "string"), g)


def _proposal_quads(p: Proposal, ev: Evidence, located: Located, source: Source,
                    known: set[str], problems: Problems, sink: t.QuadSink) -> None:
    g = t.graph(graph_name(ev.source))
    d = p.data
    words = str(d.get("as") or d.get("quantity") or d.get("date") or "")
    offset = ev.quote.find(words) if words else -1
    if offset < 0:
        problems.error(ev.file, p.line, f"{p.id}: {words!r} is not in the evidence quote")
        return
    node = t.res(f"annotation/{p.id}")
    sink.add(node, t.RDF_TYPE, t.ns("oa", "Annotation"), g)
    sink.add(node, t.gy("reviewState"), t.typed("draft", "string"), g)
    sink.add(node, t.ns("prov", "wasAttributedTo"), t.res(DRAFTER), g)
    if d.get("reason") is not None:
        sink.add(node, t.gy("draftReason"), _reason(d["reason"]), g)
    start = located.start + offset
    _word_target(node, ev.source, source.text, start, start + len(words), g, sink)
    if p.kind == "mention":
        sink.add(node, t.ns("oa", "motivatedBy"), t.ns("oa", "identifying"), g)
        bodies = [d["o"]] if d.get("o") else list(d.get("candidates") or [])
        for body in bodies:
            if str(body) not in known:
                problems.error(ev.file, p.line, f"{p.id}: {body!r} is not declared")
                continue
            sink.add(node, t.ns("oa", "hasBody"), t.ref(str(body)), g)
        return
    sink.add(node, t.ns("oa", "motivatedBy"), t.ns("oa", "describing"), g)
    body = t.res(f"value/{p.id}")
    try:
        if "quantity" in d:
            quantity_quads(body, parse_quantity(str(d["quantity"])), None, g, sink)
        else:
            window_quads(body, parse_date(str(d["date"]), d.get("context")), None, g, sink)
    except ValueError as exc:
        # An unread figure stays a proposal for the curator; it has no reading to publish.
        sink.add(node, t.ns("rdfs", "comment"), t.en(f"not read: {exc}"), g)
        return
    sink.add(node, t.ns("oa", "hasBody"), body, g)


def _entity_quads(raw: dict, source: str, sink: t.QuadSink) -> None:
    g = t.graph(graph_name(source))
    s = t.res(str(raw["id"]))
    classes = raw.get("class") or []
    for cls in classes if isinstance(classes, list) else [classes]:
        sink.add(s, t.RDF_TYPE, t.gy(str(cls)), g)
    sink.add(s, t.ns("rdfs", "label"), t.zh(str(raw.get("zh", ""))), g)
    if raw.get("named") is False:
        sink.add(s, t.gy("named"), t.boolean(False), g)
    else:
        sink.add(s, t.ns("rdfs", "label"), t.pinyin(str(raw.get("pinyin")
                                                         or pinyin_for(str(raw["zh"])))), g)
    if raw.get("en"):
        sink.add(s, t.ns("rdfs", "label"), t.en(str(raw["en"])), g)
    if raw.get("reason") is not None:
        sink.add(s, t.gy("draftReason"), _reason(raw["reason"]), g)


def draft_graphs(paths: list[Path], sources: dict[str, Source], curated: Declarations,
                 known: set[str], problems: Problems) -> DraftGraphs:
    """The drafts graphs of the draft files `paths`; problems as file:line like a build's."""
    decl = Declarations(entities=dict(curated.entities), concepts=dict(curated.concepts))
    drafts = AnnotationSet()
    for path in paths:
        read_annotation_file(path, decl, problems, drafts)
    new = {i: e for i, e in decl.entities.items() if i not in curated.entities}
    places = {str(p["id"]): p for p in drafts.draft_places}
    known = known | set(new) | set(places)
    sink = t.QuadSink()
    result = DraftGraphs()
    for header in drafts.files.values():
        result.files[header["source"]] = result.files.get(header["source"], 0) + 1
    for entity in new.values():
        raw = {"id": entity.id, "class": entity.classes, "zh": entity.zh,
               "pinyin": entity.pinyin, "en": entity.en, "named": entity.named}
        source = entity.file.parent.name
        _entity_quads(raw, source, sink)
    for raw in drafts.draft_places:
        _entity_quads({**raw, "class": raw.get("class") or "Place"}, str(raw["source"]), sink)
    for source_id in result.files:
        agent = t.res(DRAFTER)
        g = t.graph(graph_name(source_id))
        sink.add(agent, t.RDF_TYPE, t.ns("prov", "SoftwareAgent"), g)
        sink.add(agent, t.ns("rdfs", "label"), t.en("gongyun draft (drafting engine)"), g)
    for ev in drafts.evidence:
        source = sources.get(ev.source)
        if source is None:
            problems.error(ev.file, ev.line, f"{ev.id}: no source {ev.source!r}")
            continue
        try:
            located = locate_in(source, ev.paragraph, ev.quote, ev.prefix, ev.suffix)
        except QuoteError as exc:
            problems.error(ev.file, ev.line, f"{ev.id}: {exc}")
            continue
        result.spans.setdefault(ev.source, []).append((located.start, located.end))
        g = graph_name(ev.source)
        annotation_quads(ev, located, sink, graph=g)
        for claim in ev.claims:
            if claim_quads(claim, ev, problems, sink, known, graph=g) is not None \
                    and claim.data.get("reason") is not None:
                sink.add(t.res(f"claim/{claim.id}"), t.gy("draftReason"),
                         _reason(claim.data["reason"]), t.graph(g))
        for proposal in ev.proposals:
            _proposal_quads(proposal, ev, located, source, known, problems, sink)
    result.quads = sink.quads
    return result
