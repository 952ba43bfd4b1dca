"""`gongyun build`: sources, curated annotations, gazetteer, vocabularies and ontology in; a
verified dataset out (evidence offsets, references, one graph per triple, coverage, SHACL)."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
)

from gongyun import __version__
from gongyun import namespaces as iris
from gongyun.graph import terms as t
from gongyun.graph.annotations import (
    AnnotationSet,
    Evidence,
    annotation_files,
    read_annotation_file,
    review_state,
)
from gongyun.graph.checks import Checks
from gongyun.graph.claims import DirectTriple, annotation_quads, claim_quads
from gongyun.graph.coverage import SourceCoverage, coverage
from gongyun.graph.curation import curation_quads, load_curation
from gongyun.graph.derive import Hierarchy, direct_quads, entailed_quads
from gongyun.graph.dumps import discard_staged_dumps, publish_dumps, stage_dumps
from gongyun.graph.entities import (
    Declarations,
    concept_quads,
    entity_quads,
    load_concept_file,
    load_entity_file,
)
from gongyun.graph.evidence import locate_evidence
from gongyun.graph.graphchecks import check_quads
from gongyun.graph.problems import BuildError, Problems
from gongyun.graph.provenance import agent_quads, build_quads
from gongyun.graph.releases import (
    check_against_releases,
    citable_ids,
    content_digest,
    release_quads,
    version_of,
)
from gongyun.graph.retired import check_retired, load_retired, retired_quads
from gongyun.graph.sources import Source, load_sources, source_quads
from gongyun.graph.yamlfile import load
from gongyun.namespaces import VOCAB, local_id, short_form
from gongyun.paths import (
    ANNOTATIONS_DIR,
    ENTITIES_DIR,
    GRAPH_DIR,
    ONTOLOGY_DIR,
    ONTOLOGY_FILE,
    PLACES_FILE,
    SHAPES_DIR,
    VOCAB_DIR,
)

SRC_DIR = Path(__file__).resolve().parent.parent / "src" / "gongyun"
SCHEME_LABELS_FILE = VOCAB_DIR / "schemes.yaml"


@dataclass
class BuildReport:
    out_dir: Path
    fingerprint: str
    quads: list[Quad]
    dumps: dict[str, Path] = field(default_factory=dict)
    coverage: dict[str, SourceCoverage] = field(default_factory=dict)
    # --with-drafts: the drafts graphs (never in `quads`, the dumps or the counts) and, for
    # each drafted text, the coverage once the drafts' evidence is counted too.
    draft_quads: list[Quad] = field(default_factory=list)
    draft_coverage: dict[str, SourceCoverage] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, object] = field(default_factory=dict)
    version: str = "unreleased"

    @property
    def nquads(self) -> Path:
        return self.dumps["nquads"]


def _input_files() -> list[Path]:
    # Draft annotation files are no input of the published graph (they are drafts/ graphs).
    files = [p for p in GRAPH_DIR.rglob("*")
             if p.suffix in {".yaml", ".txt", ".ttl", ".py", ".tsv"}
             and not (p.parent.parent.name == "annotations" and p.name.startswith("p")
                      and review_state(p) == "draft")]
    files += list(ONTOLOGY_DIR.rglob("*.ttl")) + list(SHAPES_DIR.rglob("*.ttl"))
    if SRC_DIR.exists():
        files += list(SRC_DIR.rglob("*.py"))
    files = sorted(p for p in files if "__pycache__" not in p.parts)
    try:  # the packaged data set the adcode links and confirmed coordinates come from
        from gongyun.graph.divisions import data_file

        files.append(data_file())
    except RuntimeError:
        pass  # the build itself reports it
    return files


def input_fingerprint() -> str:
    """A hash of every input and of the code that reads them: equal hashes, equal graphs."""
    digest = hashlib.sha256(__version__.encode())
    for path in _input_files():
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _turtle_quads(path: Path, graph: str) -> list[Quad]:
    g = t.graph(graph)
    with path.open("rb") as handle:
        return [Quad(tr.subject, tr.predicate, tr.object, g)
                for tr in parse(handle, format=RdfFormat.TURTLE)]


def _ontology_quads(path: Path) -> list[Quad]:
    """The ontology graph. OWL class expressions and lists are blank nodes by nature (naming
    them would change their meaning); canonical labels (RDFC-1.0) keep dumps stable."""
    dataset = Dataset(_turtle_quads(path, "ontology"))
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def _local_ids(quads: list[Quad]) -> set[str]:
    return {local for q in quads if isinstance(q.subject, NamedNode)
            and (local := local_id(q.subject.value)) is not None}


def _vocab_terms(quads: list[Quad]) -> set[str]:
    return {short_form(q.subject.value) for q in quads
            if isinstance(q.subject, NamedNode) and q.subject.value.startswith(VOCAB)}


def _place_names(places: list[dict]) -> tuple[set[str], set[str]]:
    ids, names = set(), set()
    for entry in places:
        ids.add(str(entry["id"]))
        names.add(str(entry.get("zh", "")))
        names.update(str(a) for a in entry.get("aliases") or [])
    return ids, {n for n in names if len(n) >= 2}


def _gazetteer(problems: Problems) -> tuple[list[dict], list[Quad]]:
    """The gazetteer's entries, read once (without line marks: the plain loader is ~10 times
    faster than the line-keeping one, which cost ~0.2 s here), and its graph with the
    coordinates the adcode data set confirms (gongyun.graph.adcodes)."""
    from gongyun.graph.adcodes import SSSOM_FILE, confirmations
    from gongyun.graph.gazetteer import load_place_types, load_places, place_quads

    if not PLACES_FILE.exists():
        return [], []
    try:
        places = load_places(PLACES_FILE)
    except ValueError as exc:
        problems.error(PLACES_FILE, None, f"gazetteer: {exc}")
        return [], []
    try:
        points = confirmations(places) if SSSOM_FILE.exists() else {}
        return places, place_quads(places, load_place_types(), points)
    except (KeyError, ValueError, RuntimeError) as exc:
        problems.error(PLACES_FILE, None, f"gazetteer: {exc}")
        return places, []


def _links_quads(problems: Problems, place_ids: set[str]) -> list[Quad]:
    """Links out: to GeoNames (only identifiers the gazetteer confirmed) and present-day
    division codes (gongyun.graph.adcodes), each from its SSSOM table."""
    from gongyun.graph import adcodes, linksout

    quads: list[Quad] = []
    for path, read in ((linksout.SSSOM_FILE, linksout.linksout_quads),
                       (adcodes.SSSOM_FILE,
                        lambda p: adcodes.link_quads(p, known=place_ids))):
        if not path.exists():
            continue
        try:
            quads.extend(read(path))
        except (ValueError, RuntimeError) as exc:
            problems.error(path, None, f"links out: {exc}")
    return quads


# --- the stages ------------------------------------------------------------------------------


@dataclass
class Inputs:
    """What the load stage read: sources, curated declarations and annotations, the ontology,
    the vocabularies and the gazetteer, and every id a claim may refer to."""

    sources: dict[str, Source]
    decl: Declarations
    annotations: AnnotationSet
    ontology: list[Quad]
    stated: list[Quad]  # ready-made quads: ontology, vocabularies, gazetteer, links out
    scheme_labels: dict
    place_names: set[str]
    known: set[str]
    draft_files: list[Path] = field(default_factory=list)  # review: draft, never published


@dataclass
class Emitted:
    """What the emit stage wrote: the stated quads, each claim's plain reading (for the direct
    graph) and the spans of each text that evidence quotes (for the coverage check)."""

    sink: t.QuadSink
    readings: list[DirectTriple] = field(default_factory=list)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    curated: list[DirectTriple] = field(default_factory=list)  # the readings the curators hold


def load_inputs(problems: Problems, only: set[str] | None,
                annotations_dir: Path = ANNOTATIONS_DIR) -> Inputs:
    """Stage 1, load: read every input; `only` keeps the annotations of those sources. Draft
    annotation files are set aside, never read into the published graph."""
    sources = load_sources(problems)
    decl = Declarations()
    for path in sorted(ENTITIES_DIR.glob("*.yaml")):
        load_entity_file(decl, path, problems)
    for path in sorted(VOCAB_DIR.glob("*.yaml")):
        if path != SCHEME_LABELS_FILE:
            load_concept_file(decl, path, problems)
    annotations = AnnotationSet()
    draft_files: list[Path] = []
    for path in annotation_files(root=annotations_dir):
        if review_state(path) == "draft":
            draft_files.append(path)
            continue
        read_annotation_file(path, decl, problems, annotations)
    if only:
        annotations.evidence = [e for e in annotations.evidence if e.source in only]
    ontology = _ontology_quads(ONTOLOGY_FILE) if ONTOLOGY_FILE.exists() else []
    vocab_ttl = [q for p in sorted(VOCAB_DIR.glob("*.ttl"))
                 for q in _turtle_quads(p, "vocabularies")]
    places, gazetteer = _gazetteer(problems)
    place_ids, place_names = _place_names(places)
    links = _links_quads(problems, place_ids)
    known = (set(decl.entities) | set(decl.concepts) | place_ids | _local_ids(vocab_ttl)
             | _vocab_terms(ontology) | {iris.source_id(s) for s in sources}
             | {iris.author_id(s) for s in sources})
    scheme_labels = load(SCHEME_LABELS_FILE) if SCHEME_LABELS_FILE.exists() else {}
    return Inputs(sources, decl, annotations, ontology, ontology + vocab_ttl + gazetteer + links,
                  scheme_labels or {}, place_names, known,
                  [p for p in draft_files if not only or p.parent.name in only])


def emit(inputs: Inputs, problems: Problems, only: set[str] | None) -> Emitted:
    """Stage 2, emit: every stated quad (sources, agents, entities, concepts, each evidence's
    annotation and claims, the curation), checked for ids used twice, quotes that are not in
    their paragraph, and triples in two graphs."""
    out = Emitted(t.QuadSink(), spans={s: [] for s in inputs.sources})
    out.sink.extend(inputs.stated)
    source_quads(inputs.sources, out.sink)
    agent_quads(inputs.sources, out.sink)
    entity_quads(inputs.decl, out.sink)
    concept_quads(inputs.decl, inputs.scheme_labels, out.sink)
    seen_ids: dict[str, str] = {}
    for ev in inputs.annotations.evidence:
        _emit_evidence(ev, inputs, problems, seen_ids, out)
    claims = {c.id: c for c in inputs.annotations.claims()}
    skipped = frozenset(set(inputs.sources) - only) if only else frozenset()
    out.curated = curation_quads(load_curation(problems), claims, inputs.known, problems,
                                 out.sink, skipped)
    _retire(out.sink, problems, skipped, check_releases=not only)
    _check_one_graph_per_triple(out.sink.quads, problems)
    return out


def _retire(sink: t.QuadSink, problems: Problems, skipped: frozenset[str],
            check_releases: bool) -> None:
    """The retirement records, checked against what the graph now publishes, written to their
    graph; and every IRI of an earlier release still published or retired (a partial build
    leaves claims out, so it skips that check)."""
    records = load_retired(problems)
    current = citable_ids(sink.quads)
    unchecked = frozenset(f"{kind}/{s}-" for s in skipped for kind in ("claim", "annotation"))
    check_retired(records, current, problems, unchecked)
    if check_releases:
        check_against_releases(current, {r.id for r in records}, problems)
    retired_quads(records, sink)


def _emit_evidence(ev: Evidence, inputs: Inputs, problems: Problems, seen_ids: dict[str, str],
                   out: Emitted) -> None:
    for ident, line in [(ev.id, ev.line)] + [(c.id, c.line) for c in ev.claims]:
        if ident in seen_ids:
            problems.error(ev.file, line, f"id {ident} is used twice (also {seen_ids[ident]})")
        seen_ids[ident] = f"{ev.file.name}:{line}"
    located = locate_evidence(ev, inputs.sources, problems)
    if located is None:
        return
    out.spans[ev.source].append((located.start, located.end))
    annotation_quads(ev, located, out.sink)
    for claim in ev.claims:
        reading = claim_quads(claim, ev, problems, out.sink, inputs.known)
        if reading is not None:
            out.readings.append(reading)


def _check_one_graph_per_triple(quads: list[Quad], problems: Problems) -> None:
    graphs_of: dict[Triple, set[str]] = {}
    for q in quads:
        graphs_of.setdefault(q.triple, set()).add(q.graph_name.value)
    clashes = [(tr, gs) for tr, gs in graphs_of.items() if len(gs) > 1]
    for triple, graphs in clashes[:20]:
        problems.error(None, None, f"triple in {len(graphs)} graphs {sorted(graphs)}: {triple}")
    if len(clashes) > 20:
        problems.error(None, None, f"... and {len(clashes) - 20} more triples in two graphs")


def derive(ontology: list[Quad], emitted: Emitted) -> list[Quad]:
    """Stage 3, derive: the direct graph (each claim's plain reading, best rank, where not
    stated already) and the entailed graph; returns every quad of the graph."""
    stated = {q.triple for q in emitted.sink.quads}
    direct = [q for q in direct_quads(emitted.readings + emitted.curated)
              if q.triple not in stated]
    stated |= {q.triple for q in direct}
    hierarchy = Hierarchy(q.triple for q in ontology)
    ontology_graph = t.graph("ontology").value
    data = (q.triple for q in emitted.sink.quads + direct if q.graph_name.value != ontology_graph)
    entailed = entailed_quads(hierarchy, data, stated)
    return emitted.sink.quads + direct + entailed


def graph_checks(quads: list[Quad], problems: Problems) -> None:
    """The whole-graph checks (shapes/checks/*.rq, canonical literals, place readings): each
    row found is a build error (gongyun.graph.graphchecks, decision 0009)."""
    for name, failures in check_quads(quads).items():
        for failure in failures:
            problems.error(SHAPES_DIR / "checks" / f"{name}.rq", None, f"check {name}: {failure}")


def check_coverage(inputs: Inputs, spans: dict[str, list[tuple[int, int]]],
                   only: set[str] | None, problems: Problems) -> dict[str, SourceCoverage]:
    """Stage 4, coverage: every figure, date, title and name of a text lies in an evidence
    quote or is excused in not-annotated.yaml (an error for a text marked complete)."""
    names = inputs.place_names | _entity_names(inputs.decl)
    covered: dict[str, SourceCoverage] = {}
    for source_id, source in inputs.sources.items():
        if only and source_id not in only:
            continue
        cov = covered[source_id] = coverage(source, spans[source_id], names, problems)
        for paragraph, item in cov.uncovered:
            message = (f"source {source_id} paragraph {paragraph}: {item.kind} {item.text!r} at "
                       f"{item.start}-{item.end} is in no evidence quote and not listed in "
                       "not-annotated.yaml")
            target = (problems.error if source.complete else problems.warning)
            target(GRAPH_DIR / "annotations" / source_id / f"p{paragraph:02d}.yaml", None, message)
    return covered


def draft_coverage(inputs: Inputs, spans: dict[str, list[tuple[int, int]]],
                   drafts) -> dict[str, SourceCoverage]:  # noqa: ANN001 - a DraftGraphs
    """With --with-drafts: the coverage of each drafted text once the drafts' evidence counts
    too; what it leaves uncovered, no annotation covers yet."""
    names = inputs.place_names | _entity_names(inputs.decl)
    return {s: coverage(inputs.sources[s], spans[s] + drafts.spans.get(s, []), names, Problems())
            for s in drafts.files if s in inputs.sources and s in spans}


def build(out_dir: Path = Path("build"), only: set[str] | None = None,
          validate: bool = True, write: bool = True,
          keep_going: bool = False, reason: bool = True,
          with_drafts: bool = False, annotations_dir: Path = ANNOTATIONS_DIR,
          releasing: str | None = None) -> BuildReport:
    """Build the graph; raises BuildError listing every problem (file:line: message). With
    `with_drafts`, the draft annotation files also build, into their own graphs drafts/<source>
    (report.draft_quads), never into the published quads, dumps or counts. `annotations_dir`
    reads the annotation files from elsewhere (tests); `releasing` is the release version
    `gongyun release` is making of this graph."""
    started_at, clock = datetime.now(UTC), time.perf_counter()
    timings: dict[str, float] = {}

    def stage_done(name: str) -> None:
        timings[name] = time.perf_counter() - clock - sum(timings.values())

    problems = Problems()
    fingerprint = input_fingerprint()
    inputs = load_inputs(problems, only, annotations_dir)
    stage_done("load")
    emitted = emit(inputs, problems, only)
    stage_done("claims")
    drafts = None
    if with_drafts:
        from gongyun.graph.draft.graph import draft_graphs

        drafts = draft_graphs(inputs.draft_files, inputs.sources, inputs.decl, inputs.known,
                              problems)
        stage_done("drafts")
    quads = derive(inputs.ontology, emitted)
    if not only:  # they judge the whole graph; a partial build leaves other texts' claims out
        graph_checks(quads, problems)
    # The graph's version: the last release when its content is that release's (releases).
    version = version_of(content_digest(quads), releasing=releasing)
    release_quads(version, versions := t.QuadSink())
    quads += versions.quads
    stage_done("derive")
    report = BuildReport(out_dir, fingerprint, quads, timings=timings, version=version.label)
    report.coverage = check_coverage(inputs, emitted.spans, only, problems)
    if drafts is not None:
        report.draft_quads = drafts.quads
        report.draft_coverage = draft_coverage(inputs, emitted.spans, drafts)
    stage_done("coverage")

    # Stage 5, checks: SHACL and HermiT in forked processes while this one writes the dumps
    # (gongyun.graph.checks); the dumps are published only when every check passed.
    checking = keep_going or not problems.errors
    checks = Checks(quads, validate=validate and checking, reason=reason and checking)
    build_quads(fingerprint, started_at, inputs.sources, sink := t.QuadSink())
    report.quads = quads + sink.quads
    staged = False
    try:
        if not problems.errors:
            report.counts = summary(report.quads, emitted.readings, inputs.annotations)
            if write:
                stage_dumps(report.quads, out_dir)
                staged = True
                stage_done("dumps")
        checks.collect(inputs.decl, inputs.annotations, problems, timings)
    finally:
        checks.close()
        if staged and problems.errors:
            discard_staged_dumps(out_dir)

    report.warnings = [str(p) for p in problems.warnings]
    if problems.errors:
        raise BuildError(problems.items, report)
    if write:
        _publish(report)
    timings["total"] = time.perf_counter() - clock
    return report


def _publish(report: BuildReport) -> None:
    """Swap the staged dumps in and write the build report beside them; the drafts graphs, if
    built, in their own file beside (never inside) the published dumps."""
    report.dumps = publish_dumps(report.out_dir)
    if report.draft_coverage or report.draft_quads:
        report.dumps["drafts"] = write_draft_dump(report.draft_quads, report.out_dir)
    (report.out_dir / "report.json").write_text(json.dumps(
        {"fingerprint": report.fingerprint, "version": report.version, "counts": report.counts,
         "coverage": {s: round(c.percent, 2) for s, c in report.coverage.items()},
         "draft_coverage": {s: _draft_coverage_json(report, s) for s in report.draft_coverage},
         "timings": {k: round(v, 3) for k, v in report.timings.items()}},
        ensure_ascii=False, indent=2), encoding="utf-8")


def write_draft_dump(quads: list[Quad], out_dir: Path) -> Path:
    """The drafts graphs as N-Quads in dumps/drafts.nq."""
    from pyoxigraph import serialize

    path = out_dir / "dumps" / "drafts.nq"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        serialize(quads, handle, RdfFormat.N_QUADS)
    return path


def _draft_coverage_json(report: BuildReport, source: str) -> dict:
    curated, drafted = report.coverage[source], report.draft_coverage[source]
    return {"curated_percent": round(curated.percent, 2),
            "with_drafts_percent": round(drafted.percent, 2),
            "uncovered": [{"paragraph": p, "kind": i.kind, "text": i.text, "start": i.start,
                           "end": i.end} for p, i in drafted.uncovered]}


def _entity_names(decl: Declarations) -> set[str]:
    names = set()
    for entity in decl.entities.values():
        if entity.named:
            names.add(entity.zh)
            names.update(entity.aliases)
    return {n for n in names if len(n) >= 2}


def summary(quads: list[Quad], readings: list[DirectTriple], annotations: AnnotationSet) -> dict:
    per_graph = Counter(q.graph_name.value.rsplit("/graph/", 1)[-1] for q in quads)
    entities_graph = t.graph("entities").value
    classes = Counter(q.object.value.rsplit("#", 1)[-1] for q in quads
                      if q.predicate == t.RDF_TYPE and q.graph_name.value == entities_graph)
    gaz = t.graph("gazetteer").value
    classes["Place (gazetteer)"] = len({q.subject for q in quads if q.graph_name.value == gaz
                                        and q.predicate == t.RDF_TYPE
                                        and q.object == t.gy("Place")})
    disagreements = sum(1 for q in quads if q.predicate == t.RDF_TYPE
                        and q.object == t.gy("Disagreement"))
    return {
        "quads": len(quads),
        "distinct_triples": len({q.triple for q in quads}),
        "per_graph": dict(sorted(per_graph.items())),
        "entities_per_class": dict(sorted(classes.items())),
        "claims": len(readings),
        "evidence": len(annotations.evidence),
        "disagreements": disagreements,
    }


def _print_drafts(report: BuildReport) -> None:
    if not report.draft_coverage and not report.draft_quads:
        return
    graphs = Counter(q.graph_name.value.rsplit("/graph/", 1)[-1] for q in report.draft_quads)
    for graph, n in sorted(graphs.items()):
        print(f"drafts graph {graph}: {n} quads (not in the published graph or its counts)")
    for source_id, drafted in report.draft_coverage.items():
        curated = report.coverage[source_id]
        print(f"coverage {source_id} with drafts: {drafted.percent:.1f}% of {drafted.items} items "
              f"({curated.percent:.1f}% by curated annotations); "
              f"{len(drafted.uncovered)} that no annotation covers yet:")
        for paragraph, item in drafted.uncovered:
            print(f"  p{paragraph:02d} {item.kind} {item.text!r} at {item.start}-{item.end}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("build"),
                        help="folder for dumps and the build report (default: build)")
    parser.add_argument("--only", action="append", metavar="SOURCE",
                        help="build only these sources' annotations (e.g. --only 001); repeatable")
    parser.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    parser.add_argument("--no-reason", action="store_true",
                        help="skip the HermiT consistency check of ontology and data")
    parser.add_argument("--keep-going", action="store_true",
                        help="run SHACL validation even when earlier checks failed")
    parser.add_argument("--quiet-warnings", action="store_true",
                        help="print the number of warnings, not each one")
    parser.add_argument("--with-drafts", action="store_true",
                        help="also build the draft annotation files (review: draft) into their "
                        "own graphs drafts/<source>, written to dumps/drafts.nq; the published "
                        "graph, its dumps and counts never include them")


def run(args: argparse.Namespace) -> int:
    try:
        report = build(args.out, set(args.only) if args.only else None,
                       validate=not args.no_validate, keep_going=args.keep_going,
                       reason=not args.no_reason, with_drafts=args.with_drafts)
    except BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"gongyun build: failed with {errors} error(s)", file=sys.stderr)
        return 1
    if args.quiet_warnings:
        print(f"{len(report.warnings)} warning(s)")
    else:
        for warning in report.warnings:
            print(warning)
    counts = report.counts
    print(f"triples: {counts['distinct_triples']} distinct ({counts['quads']} quads)")
    for graph, n in counts["per_graph"].items():
        print(f"  graph {graph}: {n}")
    print("entities per class:")
    for cls, n in counts["entities_per_class"].items():
        print(f"  {cls}: {n}")
    print(f"claims: {counts['claims']}  evidence: {counts['evidence']}  "
          f"conflicts (disagreements): {counts['disagreements']}")
    for source_id, cov in report.coverage.items():
        print(f"coverage {source_id}: {cov.percent:.1f}% of {cov.items} items")
        for number, para in cov.paragraphs.items():
            print(f"  p{number:02d}: {para.percent:5.1f}% ({para.covered} covered, "
                  f"{para.excused} excused, {para.items} items)")
    _print_drafts(report)
    print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items()))
    print(f"version: {report.version}")
    print(f"dumps: {report.out_dir / 'dumps'}")
    return 0
