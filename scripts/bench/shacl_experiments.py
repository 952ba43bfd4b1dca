"""Why `gongyun build` spends most of its time in SHACL validation, and what would cut it:
measured on a snapshot of shapes/ and a built graph, without touching graph/ or shapes/.

    .venv/bin/python scripts/bench/shacl_experiments.py [build/dumps/gongyun.nq] [--profile]

Each experiment reports wall and CPU seconds (the machine is shared: CPU time is the steadier
figure) and checks that its findings equal the baseline's.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import rdflib

from gongyun.namespaces import PREFIXES, graph_iri
from gongyun.paths import ONTOLOGY_FILE, SHAPES_DIR

SH = rdflib.Namespace(PREFIXES["sh"])
SNAPSHOT = Path("build/bench/shapes-snapshot")


def data_nt(nquads: Path) -> bytes:
    """The build's data graph: every quad but the ontology's, as N-Triples."""
    ontology = graph_iri("ontology")
    return ox.serialize((q.triple for q in ox.parse(path=str(nquads),
                                                    format=ox.RdfFormat.N_QUADS)
                         if q.graph_name.value != ontology), format=ox.RdfFormat.N_TRIPLES)


def shapes(files: list[Path]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def findings(report: rdflib.Graph) -> set[tuple[str, str, str]]:
    out = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        out.add((str(report.value(result, SH.focusNode)),
                 str(report.value(result, SH.sourceShape)).rsplit("#", 1)[-1]
                 if not isinstance(report.value(result, SH.sourceShape), rdflib.BNode) else "_",
                 str(report.value(result, SH.resultMessage))))
    return out


def run_pyshacl(data, shape_graph, ontology, advanced: bool = True, **kwargs):
    from pyshacl import validate

    started, cpu = time.perf_counter(), time.process_time()
    _conforms, report, _ = validate(data, shacl_graph=shape_graph, ont_graph=ontology,
                                    inference="none", abort_on_first=False, allow_warnings=True,
                                    advanced=advanced, **kwargs)
    return time.perf_counter() - started, time.process_time() - cpu, findings(report)


def _files_in_one_process(args: tuple[bytes, list[str]]) -> tuple[float, float, set]:
    """One worker: parse the data once, merge the ontology in, validate its shapes files."""
    nt, paths = args
    started, cpu = time.perf_counter(), time.process_time()
    data = rdflib.Graph().parse(data=nt, format="nt")
    data.parse(ONTOLOGY_FILE, format="turtle")
    _, _, found = run_pyshacl(data, shapes([Path(p) for p in paths]), None, advanced=False)
    return time.perf_counter() - started, time.process_time() - cpu, found


def balanced(files: list[Path], weights: dict[str, float], parts: int) -> list[list[str]]:
    """Shapes files in `parts` groups of about equal measured cost (largest first)."""
    groups: list[list[str]] = [[] for _ in range(parts)]
    load = [0.0] * parts
    for path in sorted(files, key=lambda p: -weights.get(p.name, 1.0)):
        k = load.index(min(load))
        groups[k].append(str(path))
        load[k] += weights.get(path.name, 1.0)
    return groups


LABEL_CLASSES = re.compile(
    r"\{ \?class rdfs:subClassOf\* gy:Agent \} UNION \{ \?class rdfs:subClassOf\* gy:Place \}"
    r"\s*UNION \{ \?class rdfs:subClassOf\* gy:Event \} UNION \{ \?class rdfs:subClassOf\* "
    r"gy:Work \}\s*UNION \{ \?class rdfs:subClassOf\* gy:Collection \}")
ON_ENTAILED_TYPES = ("{ ?value a gy:Agent } UNION { ?value a gy:Place } UNION "
                     "{ ?value a gy:Event } UNION { ?value a gy:Work } UNION "
                     "{ ?value a gy:Collection }")
SOURCE_CLAIM = """
            SELECT $this ?value WHERE {
                ?value a $this .
                FILTER NOT EXISTS { ?value a gy:EditorialReading }
                FILTER (NOT EXISTS { ?value gy:statedIn ?source }
                        || NOT EXISTS { ?value gy:evidence ?annotation })
            }"""


def proposed_shapes(files: list[Path]) -> rdflib.Graph:
    """The shapes with proposals 2 and 3 of docs/performance.md applied: the label shapes match
    the entailed super-class types (the build writes them) instead of walking
    rdfs:subClassOf*, and the two source-claim checks are one query. Proposal 2 is in shapes/
    since issue 9 (the substitution then finds nothing to replace); 3 is not (the shape tests
    name both shapes)."""
    graph = rdflib.Graph()
    for path in files:
        text = LABEL_CLASSES.sub(ON_ENTAILED_TYPES, path.read_text(encoding="utf-8"))
        graph.parse(data=text.replace("                ?value a ?class .\n", ""),
                    format="turtle")
    gysh = rdflib.Namespace(PREFIXES["gysh"])
    evidence = gysh.SourceClaimEvidenceShape
    for constraint in list(graph.objects(evidence, SH.sparql)):
        graph.remove((constraint, None, None))
    graph.remove((evidence, None, None))
    for constraint in graph.objects(gysh.SourceClaimStatedInShape, SH.sparql):
        graph.set((constraint, SH.select, rdflib.Literal(SOURCE_CLAIM)))
        graph.set((constraint, SH.message, rdflib.Literal(
            "Claim {?value} is not an editorial reading, so it must name the source that "
            "states it (gy:statedIn) and have at least one gy:evidence annotation.")))
    return graph


def oxigraph_data(nt: bytes, with_ontology: bool) -> ox.Store:
    store = ox.Store()
    store.bulk_load(nt, format=ox.RdfFormat.N_TRIPLES)
    if with_ontology:
        store.bulk_load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("nquads", type=Path, nargs="?", default=Path("build/dumps/gongyun.nq"))
    parser.add_argument("--profile", action="store_true", help="pyinstrument the baseline")
    parser.add_argument("--out", type=Path, default=Path("build/performance/shacl.json"))
    parser.add_argument("--only", help="comma-separated experiment names")
    args = parser.parse_args(argv)
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    shutil.copytree(SHAPES_DIR, SNAPSHOT, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    files = sorted(SNAPSHOT.glob("*.ttl"))
    nt = data_nt(args.nquads)
    started = time.perf_counter()
    data = rdflib.Graph().parse(data=nt, format="nt")
    parse_s = time.perf_counter() - started
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    all_shapes = shapes(files)
    results: dict[str, dict] = {"triples": len(data), "parse_rdflib_s": parse_s}
    only = set(args.only.split(",")) if args.only else None

    def record(name, wall, cpu, found, base=None):
        same = None if base is None else found == base
        results[name] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                         "findings": len(found), "same_findings": same}
        print(f"{name:48s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  findings {len(found):4d}"
              f"{'' if same is None else '  same' if same else '  DIFFERENT'}", flush=True)

    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    wall, cpu, base = run_pyshacl(data, all_shapes, ontology)
    if args.profile:
        profiler.stop()
        Path("build/performance/shacl-profile.txt").write_text(
            profiler.output_text(unicode=False, color=False, show_all=False))
    record("baseline (build: all shapes, ont_graph mixed in)", wall, cpu, base)

    weights: dict[str, float] = {}
    if not only or "per_file" in only:
        for path in files:
            w, c, f = run_pyshacl(data, shapes([path]), ontology)
            weights[path.name] = c
            record(f"  only {path.name}", w, c, f)

    if not only or "no_sparql" in only:
        core = shapes(files)
        for shape, _, constraint in list(core.triples((None, SH.sparql, None))):
            core.remove((shape, SH.sparql, constraint))
        w, c, f = run_pyshacl(data, core, ontology)
        record("core constraints only (every sh:sparql removed)", w, c, f)

    if not only or "merged" in only:
        merged = rdflib.Graph().parse(data=nt, format="nt")
        merged += ontology
        w, c, f = run_pyshacl(merged, all_shapes, None)
        record("A: ontology merged into the data (no ont_graph)", w, c, f, base)
        merged = rdflib.Graph().parse(data=nt, format="nt")
        merged += ontology
        w, c, f = run_pyshacl(merged, all_shapes, None, advanced=False)
        record("B: A + advanced=False (no SHACL-AF used: no clone)", w, c, f, base)

    if not only or "parallel" in only:
        started, cpu = time.perf_counter(), time.process_time()
        with ProcessPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(_files_in_one_process,
                                  [(nt, group) for group in balanced(files, weights, 2)]))
        found = set().union(*(p[2] for p in parts))
        record("C: B in 2 processes, shapes files split by cost", time.perf_counter() - started,
               time.process_time() - cpu + sum(p[1] for p in parts), found, base)

    if not only or "combined" in only:
        merged = rdflib.Graph().parse(data=nt, format="nt")
        merged += ontology
        w, c, f = run_pyshacl(merged, proposed_shapes(files), None, advanced=False)
        record("D: B + label shapes on entailed types + one source-claim query", w, c, f, base)

    if only and "oxigraph" in only:
        store = oxigraph_data(nt, with_ontology=True)
        w, c, f = run_pyshacl(store, all_shapes, None)
        record("data in a pyoxigraph Store (pyshacl 0.40)", w, c, f, base)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
