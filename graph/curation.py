"""Disagreements and editorial readings: curators' judgements, attributed, beside the sources.

The ranks follow the curators' verdicts (docs/decisions/0009-readings-and-ranks.md): a
correction deprecates the claim it corrects (the annotation says `rank: deprecated`, checked
here) and stands in its place at normal rank; a refinement is preferred over the vaguer source
claim; identifications and conversions stand beside the source claim; a conjecture stays out
of the direct graph. A disagreement states its verdict, and the ranks of its claims must agree
with it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gongyun import namespaces as iris
from gongyun.graph import terms as t
from gongyun.graph.annotations import Claim
from gongyun.graph.claims import (
    DirectTriple,
    parse_date_or_explain,
    quantity_quads,
    unit_of,
    window_quads,
)
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import fields, line_of, load
from gongyun.normalise.numbers import parse_quantity
from gongyun.paths import GRAPH_DIR

CURATION_DIR = GRAPH_DIR / "curation"
DISAGREEMENT_TYPES = {
    "Contradiction", "PartialVersusTotal", "DifferentGranularity", "PossiblyDifferentReferent",
    "ArithmeticInconsistency", "Anachronism", "LikelyScanningError",
}
VERDICTS = {"corrected": "Corrected", "preferred": "OnePreferred", "all-stand": "AllStand",
            "unresolved": "Unresolved"}
# Reading kind -> (its term, the reading's rank, the rank the claim it reads must have).
READING_KINDS = {
    "correction": ("Correction", "normal", "deprecated"),
    "refinement": ("Refinement", "preferred", "normal"),
    "identification": ("Identification", "normal", "normal"),
    "conversion": ("Conversion", "normal", "normal"),
    "conjecture": ("Conjecture", "normal", "normal"),
}
RANK_TERMS = {"preferred": "PreferredRank", "normal": "NormalRank", "deprecated": "DeprecatedRank"}
JUDGEMENT_PREDICATES = {"assessment", "firstOfItsKind"}
# A folded YAML line break is a space; Chinese prose has none, except between two Latin words
# or numbers (claim ids, "Eighth Route Army").
_CJK_SPACE = re.compile(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])")


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


def _rationales(d: dict, ident: str, problems: Problems, path: Path,
                line: int | None) -> tuple[str, str] | None:
    english = " ".join(str(d.get("rationale") or "").split())
    chinese = _CJK_SPACE.sub("", " ".join(str(d.get("rationale_zh") or "").split()))
    if not english or not chinese:
        problems.error(path, line, f"{ident}: needs a rationale (English) and a rationale_zh "
                       "(Chinese), saying the same")
        return None
    return english, chinese


def _ids(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def rank_of(claim: Claim) -> str:
    return str(claim.data.get("rank", "normal"))


def curation_quads(curation: Curation, claims: dict[str, Claim], known: set[str],
                   problems: Problems, sink: t.QuadSink,
                   skipped_sources: frozenset[str] = frozenset()) -> list[DirectTriple]:
    """Write readings and disagreements; return the readings' plain triples for the direct
    graph. With a partial build (`--only`), entries about claims of sources left out are
    skipped rather than reported missing."""
    g = t.graph("curation")

    def left_out(ids: list[str]) -> bool:
        return any(i.split("-")[0] in skipped_sources for i in ids)

    direct: list[DirectTriple] = []
    kinds: dict[str, tuple[str, str]] = {}  # reading id -> (kind, claim it reads)
    for raw, path in curation.readings:
        line, d = line_of(raw), fields(raw)
        ident = iris.reading_id(str(d.get("id")))
        of = str(d.get("reading_of", ""))
        if left_out([of]):
            continue
        if ident in kinds:
            problems.error(path, line, f"{ident} declared twice")
            continue
        reading = _reading(d, ident, of, claims, known, problems, path, line, sink, g)
        if reading is None:
            continue
        kinds[str(d["id"])] = (str(d["kind"]), of)
        if d["kind"] != "conjecture":
            direct.append(reading)

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
        between = _ids(d.get("claims"))
        if left_out(between):
            continue
        missing = [c for c in between if c not in claims]
        if missing:
            problems.error(path, line, f"{ident}: unknown claims {missing}")
            continue
        if len(between) < 2:
            problems.error(path, line, f"{ident}: needs two or more claims")
            continue
        texts = _rationales(d, ident, problems, path, line)
        verdict = _verdict(d, ident, between, claims, kinds, problems, path, line)
        if texts is None or verdict is None:
            continue
        s = t.res(ident)
        sink.add(s, t.RDF_TYPE, t.gy("Disagreement"), g)
        sink.add(s, t.gy("disagreementType"), t.gy(d["type"]), g)
        for claim in between:
            sink.add(s, t.gy("between"), t.res(iris.claim_id(claim)), g)
        sink.add(s, t.gy("verdict"), t.gy(VERDICTS[verdict]), g)
        for reading in _ids(d.get("resolved_by")):
            sink.add(s, t.gy("resolvedBy"), t.res(iris.reading_id(reading)), g)
        sink.add(s, t.gy("rationale"), t.en(texts[0]), g)
        sink.add(s, t.gy("rationale"), t.zh(texts[1]), g)
        sink.add(s, t.ns("rdfs", "label"), t.en(f"Disagreement: {d['id']}"), g)
        sources = sorted({c.split("-")[0] for c in between})
        sink.add(s, t.gy("withinSource"), t.boolean(len(sources) == 1), g)
        sink.add(s, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
    return direct


def _reading(d: dict, ident: str, of: str, claims: dict[str, Claim], known: set[str],
             problems: Problems, path: Path, line: int | None, sink: t.QuadSink,
             g: object) -> DirectTriple | None:
    if of not in claims:
        problems.error(path, line, f"{ident}: reading_of {of!r} is not a claim")
        return None
    if d.get("s") not in known or f"gy:{d.get('p')}" not in known:
        problems.error(path, line, f"{ident}: s or p is not declared")
        return None
    kind = d.get("kind")
    if kind not in READING_KINDS:
        problems.error(path, line, f"{ident}: kind must be one of {sorted(READING_KINDS)}")
        return None
    term, rank, source_rank = READING_KINDS[kind]
    read = claims[of]
    if rank_of(read) != source_rank:
        problems.error(path, line, f"{ident}: a {kind} needs the claim it reads, {of}, at rank "
                       f"{source_rank} (write `rank: {source_rank}` on it in {read.file.name}), "
                       f"not {rank_of(read)}")
        return None
    texts = _rationales(d, ident, problems, path, line)
    if texts is None:
        return None
    s = t.res(ident)
    value = _reading_value(d, ident, of, kind, read, problems, path, line, sink, g)
    if value is None:
        return None
    subject, predicate = t.res(str(d["s"])), t.gy(str(d["p"]))
    sink.add(s, t.RDF_TYPE, t.gy("EditorialReading"), g)
    sink.add(s, t.gy("readingOf"), t.res(iris.claim_id(of)), g)
    sink.add(s, t.gy("readingKind"), t.gy(term), g)
    sink.add(s, t.gy("subject"), subject, g)
    sink.add(s, t.gy("predicate"), predicate, g)
    sink.add(s, t.gy("object"), value, g)
    sink.add(s, t.gy("rank"), t.gy(RANK_TERMS[rank]), g)
    if d["p"] in JUDGEMENT_PREDICATES:  # still the author's judgement, as the curators read it
        sink.add(s, t.gy("claimKind"), t.gy("AuthorJudgement"), g)
        sink.add(s, t.gy("attributedTo"), t.res(iris.author_id(of.split("-")[0])), g)
    sink.add(s, t.gy("rationale"), t.en(texts[0]), g)
    sink.add(s, t.gy("rationale"), t.zh(texts[1]), g)
    sink.add(s, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
    return DirectTriple(subject, predicate, value, rank, str(d["id"]))


def _reading_value(d: dict, ident: str, of: str, kind: str, read: Claim, problems: Problems,
                   path: Path, line: int | None, sink: t.QuadSink, g: object) -> object | None:
    if "quantity" in d:
        try:
            parsed = parse_quantity(str(d["quantity"]), unit_of(d))
        except ValueError as exc:
            problems.error(path, line, f"{ident}: {exc}")
            return None
        node = t.res(iris.quantity_id(str(d["id"])))
        quantity_quads(node, parsed, d.get("counts"), g, sink)
        if kind == "conversion":
            if "quantity" not in read.data:
                problems.error(path, line, f"{ident}: a conversion reads a quantity claim")
                return None
            sink.add(node, t.gy("convertedFrom"), t.res(iris.quantity_id(of)), g)
        return node
    if kind == "conversion":
        problems.error(path, line, f"{ident}: a conversion needs a quantity")
        return None
    if "date" in d:
        node = t.res(iris.time_window_id(str(d["id"])))
        try:
            window = parse_date_or_explain(str(d["date"]), d.get("context"))
        except ValueError as exc:
            problems.error(path, line, f"{ident}: {exc}")
            return None
        window_quads(node, window, d.get("anchor"), g, sink)
        return node
    if "o" in d:
        return t.ref(str(d["o"]))
    if "text" in d:
        return t.zh(str(d["text"]))
    problems.error(path, line, f"{ident}: needs a value (quantity, date, o or text)")
    return None


def _verdict(d: dict, ident: str, between: list[str], claims: dict[str, Claim],
             kinds: dict[str, tuple[str, str]], problems: Problems, path: Path,
             line: int | None) -> str | None:
    """The disagreement's verdict, if the ranks of its claims agree with it."""
    verdict = d.get("verdict")
    fail = lambda message: problems.error(path, line, f"{ident}: {message}")  # noqa: E731
    if verdict not in VERDICTS:
        fail(f"verdict must be one of {sorted(VERDICTS)}")
        return None
    corrected = {of for kind, of in kinds.values() if kind == "correction"}
    resolved_by, prefer = _ids(d.get("resolved_by")), _ids(d.get("prefer"))
    if verdict == "corrected":
        if not resolved_by:
            fail("a corrected disagreement names the reading that corrects it (resolved_by)")
            return None
        for reading in resolved_by:
            kind, of = kinds.get(reading, (None, None))
            if kind != "correction" or of not in between:
                fail(f"resolved_by {reading!r} is not a correction of one of its claims")
                return None
    elif resolved_by:
        fail("only a corrected disagreement names a reading in resolved_by")
        return None
    if verdict == "preferred":
        if not prefer or not set(prefer) <= set(between):
            fail("a preferred verdict lists the preferred claims (prefer), all among its claims")
            return None
        wrong = [c for c in between if (rank_of(claims[c]) == "preferred") != (c in prefer)]
        if wrong:
            fail(f"the preferred claims {prefer} must be rank: preferred and no others; "
                 f"check {wrong}")
            return None
    elif prefer:
        fail("only a preferred verdict lists claims in prefer")
        return None
    else:
        ranked = [c for c in between if rank_of(claims[c]) == "preferred"
                  or (rank_of(claims[c]) == "deprecated" and c not in corrected)]
        if ranked:
            fail(f"verdict {verdict} leaves its claims unranked, but {ranked} are ranked "
                 "(preferred, or deprecated with no correction)")
            return None
    return verdict
