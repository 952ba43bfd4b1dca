"""`gongyun build`: sources, curated annotations, gazetteer, vocabularies and ontology in; a
verified dataset out (evidence offsets, references, one graph per triple, coverage, SHACL)."""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import yaml
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
from gongyun.graph import terms as t
from gongyun.graph.annotations import (
    AnnotationSet,
    annotation_files,
    read_annotation_file,
    review_state,
)
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
from gongyun.graph.evidence import QuoteError, locate_in
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
from gongyun.graph.sources import load_sources, source_quads
from gongyun.graph.yamlfile import load
from gongyun.namespaces import RESOURCE, VOCAB
from gongyun.paths import (
    ANNOTATIONS_DIR,
    ENTITIES_DIR,
    GAZETTEER_DIR,
    GRAPH_DIR,
    ONTOLOGY_DIR,
    ONTOLOGY_FILE,
    SHAPES_DIR,
    VOCAB_DIR,
)

SRC_DIR = Path(__file__).resolve().parent.parent / "src" / "gongyun"
PLACES_FILE = GAZETTEER_DIR / "places.yaml"
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
    return {q.subject.value[len(RESOURCE):] for q in quads
            if isinstance(q.subject, NamedNode) and q.subject.value.startswith(RESOURCE)}


def _vocab_terms(quads: list[Quad]) -> set[str]:
    return {"gy:" + q.subject.value[len(VOCAB):] for q in quads
            if isinstance(q.subject, NamedNode) and q.subject.value.startswith(VOCAB)}


def _places(path: Path) -> list[dict]:
    """The gazetteer's entries for their ids and names only (no line numbers needed): libyaml,
    ~10 times faster than the line-keeping loader (which cost ~0.2 s here)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader) or []  # noqa: S506 - safe loader


def _place_names(places: list[dict]) -> tuple[set[str], set[str]]:
    ids, names = set(), set()
    for entry in places:
        ids.add(str(entry["id"]))
        names.add(str(entry.get("zh", "")))
        names.update(str(a) for a in entry.get("aliases") or [])
    return ids, {n for n in names if len(n) >= 2}


def _gazetteer_quads(problems: Problems, places: list[dict]) -> list[Quad]:
    """The gazetteer, with the coordinates the adcode data set confirms (gongyun.graph.adcodes)."""
    if not PLACES_FILE.exists():
        return []
    from gongyun.graph.adcodes import SSSOM_FILE, confirmations
    from gongyun.graph.gazetteer import gazetteer_quads

    try:
        points = confirmations(places) if SSSOM_FILE.exists() else {}
        return list(gazetteer_quads(PLACES_FILE, points=points))
    except (KeyError, ValueError, RuntimeError) as exc:
        problems.error(PLACES_FILE, None, f"gazetteer: {exc}")
        return []


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


def _check_one_graph_per_triple(quads: list[Quad], problems: Problems) -> None:
    graphs_of: dict[Triple, set[str]] = {}
    for q in quads:
        graphs_of.setdefault(q.triple, set()).add(q.graph_name.value)
    clashes = [(tr, gs) for tr, gs in graphs_of.items() if len(gs) > 1]
    for triple, graphs in clashes[:20]:
        problems.error(None, None, f"triple in {len(graphs)} graphs {sorted(graphs)}: {triple}")
    if len(clashes) > 20:
        problems.error(None, None, f"... and {len(clashes) - 20} more triples in two graphs")


def _origins(decl: Declarations, annotations: AnnotationSet) -> dict[str, str]:
    """Curated id -> 'file:line', to send a SHACL finding back to where it was written."""
    where: dict[str, str] = {}
    for entity in list(decl.entities.values()) + list(decl.concepts.values()):
        where[f"id:{entity.id}"] = f"{entity.file}:{entity.line}"
    for ev in annotations.evidence:
        where[f"evidence:{ev.id}"] = f"{ev.file}:{ev.line}"
        for claim in ev.claims:
            where[f"claim:{claim.id}"] = f"{claim.file}:{claim.line}"
    return where


def build(out_dir: Path = Path("build"), only: set[str] | None = None,
          validate: bool = True, write: bool = True,
          keep_going: bool = False, reason: bool = True,
          with_drafts: bool = False, annotations_dir: Path | None = None,
          releasing: str | None = None) -> BuildReport:
    """Build the graph; raises BuildError listing every problem (file:line: message).
    `annotations_dir` reads the annotation files from elsewhere (tests); `releasing`: the
    release version `gongyun release` is making of this graph."""
    started_at, clock = datetime.now(UTC), time.perf_counter()
    timings: dict[str, float] = {}
    problems = Problems()
    fingerprint = input_fingerprint()
    sources = load_sources(problems)
    decl = Declarations()
    for path in sorted(ENTITIES_DIR.glob("*.yaml")):
        load_entity_file(decl, path, problems)
    for path in sorted(VOCAB_DIR.glob("*.yaml")):
        if path != SCHEME_LABELS_FILE:
            load_concept_file(decl, path, problems)
    annotations = AnnotationSet()
    draft_files: list[Path] = []
    for path in annotation_files(root=annotations_dir or ANNOTATIONS_DIR):
        if review_state(path) == "draft":  # never part of the published graph
            draft_files.append(path)
            continue
        read_annotation_file(path, decl, problems, annotations)
    if only:
        annotations.evidence = [e for e in annotations.evidence if e.source in only]

    ontology = _ontology_quads(ONTOLOGY_FILE) if ONTOLOGY_FILE.exists() else []
    vocab_ttl = [q for p in sorted(VOCAB_DIR.glob("*.ttl"))
                 for q in _turtle_quads(p, "vocabularies")]
    places = _places(PLACES_FILE)
    place_ids, place_names = _place_names(places)
    gazetteer = _gazetteer_quads(problems, places)
    links = _links_quads(problems, place_ids)
    known = (set(decl.entities) | set(decl.concepts) | place_ids | _local_ids(vocab_ttl)
             | _vocab_terms(ontology) | {s.iri for s in sources.values()}
             | {f"source/{s}/author" for s in sources})
    timings["load"] = time.perf_counter() - clock

    sink = t.QuadSink()
    sink.extend(ontology)
    sink.extend(vocab_ttl)
    sink.extend(gazetteer)
    sink.extend(links)
    source_quads(sources, sink)
    agent_quads(sources, sink)
    entity_quads(decl, sink)
    scheme_labels = load(SCHEME_LABELS_FILE) if SCHEME_LABELS_FILE.exists() else {}
    concept_quads(decl, scheme_labels or {}, sink)

    readings: list[DirectTriple] = []
    spans: dict[str, list[tuple[int, int]]] = {s: [] for s in sources}
    seen_ids: dict[str, str] = {}
    for ev in annotations.evidence:
        source = sources.get(ev.source)
        if source is None:
            problems.error(ev.file, ev.line, f"unknown source {ev.source!r}")
            continue
        for ident, line in [(ev.id, ev.line)] + [(c.id, c.line) for c in ev.claims]:
            if ident in seen_ids:
                problems.error(ev.file, line, f"id {ident} is used twice (also {seen_ids[ident]})")
            seen_ids[ident] = f"{ev.file.name}:{line}"
        if not 1 <= ev.paragraph <= len(source.paragraphs):
            problems.error(ev.file, ev.line, f"paragraph {ev.paragraph} does not exist")
            continue
        try:
            located = locate_in(source, ev.paragraph, ev.quote, ev.prefix, ev.suffix)
        except QuoteError as exc:
            problems.error(ev.file, ev.line, f"{ev.id}: {exc}")
            continue
        spans[ev.source].append((located.start, located.end))
        annotation_quads(ev, located, sink)
        for claim in ev.claims:
            reading = claim_quads(claim, ev, problems, sink, known)
            if reading is not None:
                readings.append(reading)
    drafts = None
    if with_drafts:
        from gongyun.graph.draft.graph import draft_graphs

        drafts = draft_graphs([p for p in draft_files if not only or p.parent.name in only],
                              sources, decl, known, problems)
    claim_ids = {c.id for c in annotations.claims()}
    skipped = frozenset(set(sources) - only) if only else frozenset()
    curation_quads(load_curation(problems), claim_ids, known, problems, sink, skipped)
    _retire(sink, problems, skipped, check_releases=not only)
    _check_one_graph_per_triple(sink.quads, problems)
    timings["claims"] = time.perf_counter() - clock - sum(timings.values())

    stated = {q.triple for q in sink.quads}
    direct = [q for q in direct_quads(readings) if q.triple not in stated]
    stated |= {q.triple for q in direct}
    hierarchy = Hierarchy(q.triple for q in ontology)
    ontology_graph = t.graph("ontology").value
    data = (q.triple for q in sink.quads + direct if q.graph_name.value != ontology_graph)
    entailed = entailed_quads(hierarchy, data, stated)
    quads = sink.quads + direct + entailed
    timings["derive"] = time.perf_counter() - clock - sum(timings.values())

    version = version_of(content_digest(quads), releasing=releasing)
    release_quads(version, versions := t.QuadSink())
    quads += versions.quads
    report = BuildReport(out_dir, fingerprint, quads, timings=timings, version=version.label)
    if drafts is not None:
        report.draft_quads = drafts.quads
    for source_id, source in sources.items():
        if only and source_id not in only:
            continue
        cov = coverage(source, spans[source_id], place_names | _entity_names(decl), problems)
        report.coverage[source_id] = cov
        if drafts is not None and source_id in drafts.files:
            report.draft_coverage[source_id] = coverage(
                source, spans[source_id] + drafts.spans.get(source_id, []),
                place_names | _entity_names(decl), Problems())
        for paragraph, item in cov.uncovered:
            message = (f"source {source_id} paragraph {paragraph}: {item.kind} {item.text!r} at "
                       f"{item.start}-{item.end} is in no evidence quote and not listed in "
                       "not-annotated.yaml")
            target = (problems.error if source.complete else problems.warning)
            target(GRAPH_DIR / "annotations" / source_id / f"p{paragraph:02d}.yaml", None, message)
    timings["coverage"] = time.perf_counter() - clock - sum(timings.values())

    shapes_present = SHAPES_DIR.exists() and any(SHAPES_DIR.glob("*.ttl"))
    checking = keep_going or not problems.errors
    # The checks run in forked processes (they inherit the quads, nothing is pickled) while
    # this one writes the dumps: SHACL is the longest step, and HermiT's Python half in a
    # thread held the GIL against it (docs/performance.md).
    reasoning = Forked(_reasoning_check, quads) if reason and checking else None
    validation = (Forked(_validation_findings, quads)
                  if validate and shapes_present and checking else None)

    build_quads(fingerprint, started_at, sources, sink := t.QuadSink())
    report.quads = quads + sink.quads
    staged = False
    try:
        if not problems.errors:
            report.counts = summary(report.quads, readings, annotations)
            if write:
                stage_dumps(report.quads, out_dir)
                staged = True
                timings["dumps"] = time.perf_counter() - clock - sum(timings.values())
        if validation is not None:
            from gongyun.graph.validate import origin_key

            findings, timings["validate"] = validation.result()
            where = _origins(decl, annotations)
            for finding in findings:
                origin = where.get(origin_key(finding.focus) or "", "")
                text = f"{origin + ': ' if origin else ''}<{finding.focus}> {finding.message}"
                if finding.severity == "Violation":
                    problems.error(None, None, f"SHACL: {text}")
                else:
                    problems.warning(None, None, f"SHACL {finding.severity}: {text}")
        if reasoning is not None:
            messages, timings["reason"] = reasoning.result()
            for message in messages:
                problems.error(ONTOLOGY_FILE, None, f"reasoning (HermiT, ontology + entities + "
                               f"direct graph): {message}")
    finally:
        for check in (validation, reasoning):
            if check is not None:
                check.close()
        if staged and problems.errors:
            discard_staged_dumps(out_dir)

    report.warnings = [str(p) for p in problems.warnings]
    if problems.errors:
        raise BuildError(problems.items, report)
    if write:
        report.dumps = publish_dumps(out_dir)
        if drafts is not None:
            report.dumps["drafts"] = write_draft_dump(report.draft_quads, out_dir)
        (out_dir / "report.json").write_text(json.dumps(
            {"fingerprint": fingerprint, "version": report.version, "counts": report.counts,
             "coverage": {s: round(c.percent, 2) for s, c in report.coverage.items()},
             "draft_coverage": {s: _draft_coverage_json(report, s) for s in report.draft_coverage},
             "timings": {k: round(v, 3) for k, v in timings.items()}},
            ensure_ascii=False, indent=2), encoding="utf-8")
    timings["total"] = time.perf_counter() - clock
    return report


def write_draft_dump(quads: list[Quad], out_dir: Path) -> Path:
    """The drafts graphs in their own N-Quads file, beside (never inside) the published dumps."""
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


class Forked:
    """`fn(*args)` in a forked child process; `result()` waits for its return value. Forking
    hands the child the built quads for free (pickling 56k quads would cost seconds)."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_and_send, args=(send, fn, args),
                                         name=f"gongyun-build-{fn.__name__}")
        self._process.start()
        send.close()
        self._name = fn.__name__

    def result(self) -> Any:
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"{self._name} died (exit code {self._process.exitcode})") from None
        self._process.join()
        if not ok:
            raise RuntimeError(f"{self._name} failed in its process:\n{value}")
        return value

    def close(self) -> None:
        """Stop the child if the build gave up before reading its result."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def _run_and_send(send: Connection, fn: Callable[..., Any], args: tuple) -> None:
    try:
        result = (True, fn(*args))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        result = (False, traceback.format_exc())
    send.send(result)
    send.close()


def _validation_findings(quads: list[Quad]) -> tuple[list, float]:
    """SHACL findings on the data graphs plus the ontology, and the seconds it took. The shapes
    of claims.shapes.ttl (~3.2 s CPU of ~5.3, measured per shape) are validated in a second
    forked process beside the others: it inherits the converted graph, so the split costs no
    second parse (docs/performance.md: full build 9.9 -> 8.0 s wall)."""
    import rdflib

    from gongyun.graph.validate import shapes_graph, to_rdflib

    started = time.perf_counter()
    name = t.graph("ontology").value
    # The ontology as built (the file's triples, blank nodes canonical): no second parse.
    data = to_rdflib(q for q in quads if q.graph_name.value != name)
    data += to_rdflib(q for q in quads if q.graph_name.value == name)
    shapes = shapes_graph()
    claims_file = SHAPES_DIR / "claims.shapes.ttl"
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    kinds = {sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf}
    targets = {s for s, p, _ in shapes if p in kinds}
    heavy = ({s for s, p, _ in rdflib.Graph().parse(claims_file, format="turtle") if p in kinds}
             if claims_file.exists() else set())
    other = Forked(_validate_part, data, shapes, sorted(heavy)) if heavy else None
    try:
        findings = _validate_part(data, shapes, sorted(targets - heavy))
        if other is not None:
            findings += other.result()
    finally:
        if other is not None:
            other.close()
    findings.sort(key=lambda f: (f.severity, f.focus, f.message))
    return findings, time.perf_counter() - started


def _validate_part(data: Any, shapes: Any, use: list) -> list:
    """pyshacl on the shapes `use` (targeted shapes; the shapes they reference come along)."""
    import rdflib

    from gongyun.graph.validate import validate

    return validate(data, shapes, ontology=rdflib.Graph(), use_shapes=use) if use else []


def _reasoning_check(quads: list[Quad]) -> tuple[list[str], float]:
    """HermiT on the ontology plus what the data asserts of entities: their types and the
    direct graph's one-hop triples (disjointness, domains and ranges can clash there)."""
    from gongyun.graph.validate import to_rdflib
    from gongyun.ontology.check import load_ontology, reason

    wanted = {t.graph("entities").value, t.graph("direct").value}
    result = reason(load_ontology(), to_rdflib([q for q in quads if q.graph_name.value in wanted]))
    return result.problems, result.seconds


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
