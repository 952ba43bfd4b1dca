"""`gongyun docs`: render HTML documentation of the ontology with pyLODE into build/docs.

pyLODE is optional (the `docs` extra: pyLODE 3.3.4; 3.4.1 crashes on import). Without it the
command says how to install it and exits 2."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import rdflib
from rdflib import OWL, RDF

from gongyun.namespaces import VOCAB
from gongyun.paths import ONTOLOGY_FILE

EXTERNAL_DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                              OWL.AnnotationProperty, RDF.Property, OWL.NamedIndividual}


def documented_graph(path: Path = ONTOLOGY_FILE) -> rdflib.Graph:
    """The ontology without the bare declarations of external terms, which the file carries for
    OWL 2 DL tools but which would otherwise be listed as if they were Gongyun terms."""
    graph = rdflib.Graph().parse(path, format="turtle")
    for subject in set(graph.subjects(RDF.type, None)):
        if str(subject).startswith(VOCAB) or not isinstance(subject, rdflib.URIRef):
            continue
        predicates = set(graph.predicates(subject, None))
        if predicates == {RDF.type} and set(graph.objects(subject, RDF.type)) <= \
                EXTERNAL_DECLARATION_TYPES:
            graph.remove((subject, None, None))
    for prefix, namespace in rdflib.Graph().parse(path, format="turtle").namespaces():
        graph.bind(prefix, namespace, replace=True)
    return graph


def render(out_dir: Path, ontology: Path = ONTOLOGY_FILE) -> Path:
    """Write out_dir/index.html (raises ImportError when pyLODE is missing)."""
    from pylode import OntPub

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    OntPub(ontology=documented_graph(ontology)).make_html(destination=target)
    return target


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("build") / "docs",
                        help="output folder (default: build/docs)")
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY_FILE,
                        help="the ontology Turtle file (default: the installed gongyun.ttl)")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        import pylode  # noqa: F401
    except ImportError:
        print("gongyun docs: pyLODE is not installed. Install the docs extra: "
              "pip install 'gongyun[docs]' (or pip install pylode==3.3.4)")
        return 2
    target = render(args.out, args.ontology)
    print(f"gongyun docs: wrote {target} ({target.stat().st_size // 1024} KiB) "
          f"in {time.perf_counter() - started:.1f} s")
    return 0
