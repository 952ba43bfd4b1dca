"""Claims to RDF: each claim an n-ary gy:Claim node with its value (entity, time window,
quantity or literal), qualifiers, rank, source and evidence (a W3C Web Annotation)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pyoxigraph import Literal, NamedNode

from gongyun import namespaces as iris
from gongyun.graph import terms as t
from gongyun.graph.annotations import Claim, Evidence
from gongyun.graph.evidence import Located
from gongyun.graph.problems import Problems
from gongyun.normalise.dates import Window, parse_date, parse_duration
from gongyun.normalise.numbers import ParsedQuantity, parse_quantity
from gongyun.normalise.units import normalise_unit_id

PRECISION = {
    "day": "DayPrecision", "xun": "XunPrecision", "month": "MonthPrecision",
    "season": "SeasonPrecision", "year": "YearPrecision", "multi-year": "MultiYearPrecision",
    "open-ended": "OpenEndedPrecision",
}
QUALIFIER = {
    "exact": "Exact", "more-than": "MoreThan", "about": "About", "nearly": "Nearly",
    "at-least": "AtLeast", "at-most": "AtMost", "less-than": "LessThan", "reaching": "Reaching",
    "range": "Range", "vague": "Vague",
}
RANK = {"preferred": "PreferredRank", "normal": "NormalRank", "deprecated": "DeprecatedRank"}
KIND = {"report": "Report", "judgement": "AuthorJudgement"}
COMPLETENESS = {"complete": "Complete", "incomplete": "Incomplete", "partial-list": "PartialList"}
EXTENT = {"most": "Most", "part": "Part", "few": "Few"}
TIME_QUALIFIERS = {"as_of": ("asOf", "as-of"), "from": ("validFrom", "from"),
                   "until": ("validUntil", "until")}
DURATION_PREDICATES = {"duration"}


@dataclass(frozen=True)
class DirectTriple:
    """A claim's plain reading `s p o`, with the rank that decides if it enters gyg:direct."""

    subject: NamedNode
    predicate: NamedNode
    object: NamedNode | Literal
    rank: str
    claim: str


def _in_quote(words: str, quote: str) -> bool:
    return str(words) in quote


def window_quads(node: NamedNode, window: Window, anchor: str | None, g: NamedNode,
                 sink: t.QuadSink) -> None:
    add = lambda p, o: sink.add(node, p, o, g)  # noqa: E731
    add(t.RDF_TYPE, t.gy("TimeWindow"))
    add(t.gy("earliest"), t.date(window.earliest.isoformat()))
    if window.latest is not None:  # an open-ended window has no end, and no stand-in for one
        add(t.gy("latest"), t.date(window.latest.isoformat()))
    add(t.gy("precision"), t.gy(PRECISION[window.precision]))
    add(t.gy("asWritten"), t.zh(window.as_written))
    add(t.gy("edtf"), t.typed(window.edtf, "string"))
    if window.time_word:
        add(t.gy("timeWord"), t.res(iris.concept_id("timeword", window.time_word)))
    if anchor:
        add(t.gy("anchoredOn"), t.ref(anchor))
    for edge, end, bound in (("hasBeginning", "begin", window.earliest),
                             ("hasEnd", "end", window.latest)):
        if bound is None:  # an open-ended window has no end, and no stand-in for one
            continue
        instant = NamedNode(iris.instant_id(node.value, end))
        add(t.ns("time", edge), instant)
        sink.add(instant, t.RDF_TYPE, t.ns("time", "Instant"), g)
        sink.add(instant, t.ns("time", "inXSDDate"), t.date(bound.isoformat()), g)


def quantity_quads(node: NamedNode, q: ParsedQuantity, counts: str | None, g: NamedNode,
                   sink: t.QuadSink) -> None:
    add = lambda p, o: sink.add(node, p, o, g)  # noqa: E731
    add(t.RDF_TYPE, t.gy("Quantity"))
    if q.value is not None:
        add(t.gy("value"), t.decimal(q.value))
    if q.lower is not None:
        add(t.gy("lowerBound"), t.decimal(q.lower))
    if q.upper is not None:
        add(t.gy("upperBound"), t.decimal(q.upper))
    add(t.gy("qualifier"), t.gy(QUALIFIER[q.qualifier]))
    if q.unit:
        add(t.gy("unit"), t.res(iris.concept_id("unit", q.unit)))
    if counts:
        add(t.gy("countedThing"), t.ref(counts))
    add(t.gy("asWritten"), t.zh(q.as_written))


def unit_of(d: dict[str, Any]) -> str | None:
    """The unit a claim or reading names (`unit: concept/unit/person`), as the unit's own id."""
    return normalise_unit_id(str(d["unit"])) if d.get("unit") else None


def _date_spec(spec: Any) -> tuple[str, str | None, str | None]:
    if isinstance(spec, dict):
        return str(spec.get("date", "")), spec.get("context"), spec.get("anchor")
    return str(spec), None, None


def claim_quads(claim: Claim, evidence: Evidence, problems: Problems, sink: t.QuadSink,
                known: set[str], graph: str | None = None) -> DirectTriple | None:
    """Write one claim (into `graph`, by default claims/<source>); returns its plain reading
    for the direct graph, or None on error."""
    d, source, quote = claim.data, evidence.source, evidence.quote
    g = t.graph(graph or iris.claims_graph(source))
    node = t.res(iris.claim_id(claim.id))
    fail = lambda message: problems.error(claim.file, claim.line, f"{claim.id}: {message}")  # noqa: E731
    subject_id, predicate = claim.subject, claim.predicate
    if subject_id not in known:
        fail(f"subject {subject_id!r} is not declared")
        return None
    if f"gy:{predicate}" not in known:
        fail(f"predicate {predicate!r} is not a gy: property in the ontology")
        return None
    value: NamedNode | Literal
    try:
        if "o" in d:
            target = str(d["o"])
            if target not in known:
                fail(f"object {target!r} is not declared")
                return None
            value = t.ref(target)
            if "as" in d and not _in_quote(d["as"], quote):
                fail(f"'as' {d['as']!r} is not in the quote")
        elif "date" in d:
            words = str(d["date"])
            if not _in_quote(words, quote):
                fail(f"date {words!r} is not in the quote")
                return None
            if d.get("anchor") and d["anchor"] not in known:
                fail(f"anchor {d['anchor']!r} is not declared")
            value = t.res(iris.time_window_id(claim.id))
            window = parse_date_or_explain(words, d.get("context"))
            window_quads(value, window, d.get("anchor"), g, sink)
        elif "quantity" in d:
            words = str(d["quantity"])
            if not _in_quote(words, quote):
                fail(f"quantity {words!r} is not in the quote")
                return None
            counts = d.get("counts")
            if counts and counts not in known:
                fail(f"counts {counts!r} is not declared")
            unit = unit_of(d)
            parsed = (parse_duration(words) if predicate in DURATION_PREDICATES
                      else parse_quantity(words, unit))
            if unit and parsed.unit is None:
                parsed = ParsedQuantity(parsed.value, parsed.lower, parsed.upper,
                                        parsed.qualifier, unit, parsed.as_written)
            value = t.res(iris.quantity_id(claim.id))
            quantity_quads(value, parsed, counts, g, sink)
            for per in _as_list(d.get("per")):  # 每期, per boat: the figure is not a total
                if per not in known:
                    fail(f"per {per!r} is not declared")
                sink.add(value, t.gy("per"), t.ref(per), g)
        elif "text" in d:
            words = str(d["text"])
            if not _in_quote(words, quote):
                fail(f"text {words!r} is not in the quote")
                return None
            value = t.zh(words)
        else:
            value = _plain_literal(d["value"])
    except ValueError as exc:
        fail(str(exc))
        return None

    add = lambda p, o: sink.add(node, p, o, g)  # noqa: E731
    add(t.RDF_TYPE, t.gy("Claim"))
    add(t.gy("subject"), t.res(subject_id))
    add(t.gy("predicate"), t.gy(predicate))
    add(t.gy("object"), value)
    rank = str(d.get("rank", "normal"))
    if rank not in RANK:
        fail(f"rank {rank!r} is not one of {sorted(RANK)}")
        return None
    add(t.gy("rank"), t.gy(RANK[rank]))
    add(t.gy("statedIn"), t.res(iris.source_id(source)))
    add(t.gy("evidence"), t.res(iris.annotation_id(evidence.id)))
    kind = str(d.get("kind", "report"))
    if kind not in KIND:
        fail(f"kind {kind!r} is not one of {sorted(KIND)}")
    else:
        add(t.gy("claimKind"), t.gy(KIND[kind]))
        if kind == "judgement":
            add(t.gy("attributedTo"), t.res(iris.author_id(source)))
    if d.get("attributed_to"):
        if d["attributed_to"] not in known:
            fail(f"attributed_to {d['attributed_to']!r} is not declared")
        add(t.gy("attributedTo"), t.ref(str(d["attributed_to"])))
    if d.get("per") and "quantity" not in d:
        fail("'per' qualifies a quantity (the figure is per boat, per intake…)")
    if d.get("extent"):
        if d["extent"] not in EXTENT:
            fail(f"extent must be one of {sorted(EXTENT)}")
        else:
            add(t.gy("extent"), t.gy(EXTENT[d["extent"]]))
    if d.get("completeness"):
        if d["completeness"] not in COMPLETENESS:
            fail(f"completeness must be one of {sorted(COMPLETENESS)}")
        else:
            add(t.gy("completeness"), t.gy(COMPLETENESS[d["completeness"]]))
    for key, (prop, role) in TIME_QUALIFIERS.items():
        if key not in d:
            continue
        words, context, anchor = _date_spec(d[key])
        if not _in_quote(words, quote):
            fail(f"{key} date {words!r} is not in the quote")
            continue
        try:
            window = parse_date_or_explain(words, context)
        except ValueError as exc:
            fail(f"{key}: {exc}")
            continue
        qualifier_node = t.res(iris.time_window_id(claim.id, role))
        window_quads(qualifier_node, window, anchor, g, sink)
        add(t.gy(prop), qualifier_node)
    if d.get("role"):
        if not _in_quote(d["role"], quote):
            fail(f"role {d['role']!r} is not in the quote")
        add(t.gy("inRole"), t.zh(str(d["role"])))
    if "position" in d:
        add(t.gy("listPosition"), t.integer(int(d["position"])))
    if d.get("note"):
        add(t.ns("rdfs", "comment"), t.en(str(d["note"])))
    return DirectTriple(t.res(subject_id), t.gy(predicate), value, rank, claim.id)


RELATIVE_HINT = (
    " (words that order events, such as 随后, 会后, 之后, 接着, 与此同时, 'X后' or 'X时', are not "
    "dates: state them as p: after / before / during / simultaneousWith with o: the event; "
    "'1941年后' is from: 1941年; see graph/ANNOTATING.md, 'Relative time')"
)


def parse_date_or_explain(words: str, context: str | None) -> Window:
    try:
        return parse_date(words, context)
    except ValueError as exc:
        raise ValueError(f"{exc}{RELATIVE_HINT}") from exc


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _plain_literal(value: Any) -> Literal:
    if isinstance(value, bool):
        return t.boolean(value)
    if isinstance(value, int):
        return t.integer(value)
    if isinstance(value, float | Decimal):
        return t.decimal(Decimal(str(value)))
    return t.typed(str(value), "string")


def annotation_quads(evidence: Evidence, located: Located, sink: t.QuadSink,
                     graph: str | None = None) -> None:
    g = t.graph(graph or iris.claims_graph(evidence.source))
    ann, target, quote, position = (t.res(iris.annotation_id(evidence.id, part))
                                    for part in (None, "target", "quote", "position"))
    sink.add(ann, t.RDF_TYPE, t.ns("oa", "Annotation"), g)
    sink.add(ann, t.ns("oa", "motivatedBy"), t.ns("oa", "describing"), g)
    for claim in evidence.claims:
        sink.add(ann, t.ns("oa", "hasBody"), t.res(iris.claim_id(claim.id)), g)
    sink.add(ann, t.ns("oa", "hasTarget"), target, g)
    sink.add(ann, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
    sink.add(ann, t.gy("reviewState"), t.typed(evidence.review, "string"), g)
    sink.add(ann, t.gy("paragraph"), t.integer(evidence.paragraph), g)
    sink.add(target, t.RDF_TYPE, t.ns("oa", "SpecificResource"), g)
    sink.add(target, t.ns("oa", "hasSource"), t.res(iris.source_id(evidence.source)), g)
    sink.add(target, t.ns("oa", "hasSelector"), quote, g)
    sink.add(target, t.ns("oa", "hasSelector"), position, g)
    sink.add(quote, t.RDF_TYPE, t.ns("oa", "TextQuoteSelector"), g)
    sink.add(quote, t.ns("oa", "exact"), t.typed(evidence.quote, "string"), g)
    sink.add(quote, t.ns("oa", "prefix"), t.typed(located.prefix, "string"), g)
    sink.add(quote, t.ns("oa", "suffix"), t.typed(located.suffix, "string"), g)
    sink.add(position, t.RDF_TYPE, t.ns("oa", "TextPositionSelector"), g)
    sink.add(position, t.ns("oa", "start"), t.typed(located.start, "nonNegativeInteger"), g)
    sink.add(position, t.ns("oa", "end"), t.typed(located.end, "nonNegativeInteger"), g)
