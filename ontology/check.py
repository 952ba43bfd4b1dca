"""`gongyun check`: the ontology parses, is consistent under HermiT with every class
satisfiable, every gy: term is labelled and defined, the shapes are valid SHACL (checked
against the SHACL-SHACL meta-shapes) and name only terms the ontology declares.

Each check is an importable function returning a list of problems (empty = passed), so the
tests and the build can run them one by one."""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.collection import Collection

from gongyun.namespaces import PREFIXES, RESOURCE, VOCAB
from gongyun.paths import ONTOLOGY_DIR, ONTOLOGY_FILE, SHAPES_DIR

SH = Namespace(PREFIXES["sh"])
GY = Namespace(VOCAB)
# The instance sample HermiT reasons over with the ontology (present in a clone, not a wheel).
DEFAULT_INSTANCES = ONTOLOGY_DIR.parent / "tests" / "fixtures" / "ontology" / "instances.ttl"

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     OWL.NamedIndividual, RDFS.Datatype, RDF.Property}
# Namespaces whose terms need no declaration: the RDF, RDFS, OWL, XSD, SHACL built-ins.
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD), str(SH))
# Shape parameters whose IRI values name vocabulary terms (classes, properties, individuals).
TERM_PARAMETERS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
                   SH["class"], SH.datatype, SH.hasValue, SH.equals, SH.disjoint, SH.lessThan,
                   SH.lessThanOrEquals)
GY_IN_SPARQL = re.compile(r"\bgy:([A-Za-z][A-Za-z0-9_]*)")


@dataclass
class ReasoningResult:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        out = []
        if self.error:
            out.append(self.error)
        elif not self.consistent:
            out.append("the ontology with its instances is inconsistent (HermiT)")
        out += [f"unsatisfiable class: {iri}" for iri in self.unsatisfiable]
        return out


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

def load_ontology(path: Path = ONTOLOGY_FILE) -> rdflib.Graph:
    """The ontology plus any local copies of imported vocabularies in ontology/imports/."""
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    imports = path.parent / "imports"
    if imports.is_dir():
        for extra in sorted(imports.glob("*.ttl")):
            graph.parse(extra, format="turtle")
    return graph


def load_shapes(shapes_dir: Path = SHAPES_DIR) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def shacl_shacl_graph() -> rdflib.Graph:
    """The SHACL-SHACL meta-shapes that pyshacl ships (pyshacl/assets/shacl-shacl.ttl)."""
    asset = resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"
    return rdflib.Graph().parse(data=asset.read_text(encoding="utf-8"), format="turtle")


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def gy_terms(ontology: rdflib.Graph) -> set[URIRef]:
    """Every gy: IRI the ontology declares."""
    return {s for s, _, t in ontology.triples((None, RDF.type, None))
            if isinstance(s, URIRef) and str(s).startswith(VOCAB) and t in DECLARATION_TYPES}


def declared_terms(ontology: rdflib.Graph) -> set[URIRef]:
    """Every IRI the ontology declares: its own terms and the external ones it declares."""
    return {s for s, _, t in ontology.triples((None, RDF.type, None))
            if isinstance(s, URIRef) and t in DECLARATION_TYPES}


def label_problems(ontology: rdflib.Graph) -> list[str]:
    """Every gy: term has rdfs:label @en and @zh and skos:definition @en; every gy: IRI the
    ontology mentions is declared."""
    problems = []
    terms = gy_terms(ontology)
    for term in sorted(terms):
        labels = {lit.language for lit in ontology.objects(term, RDFS.label)
                  if isinstance(lit, rdflib.Literal)}
        definitions = {lit.language for lit in ontology.objects(term, SKOS.definition)
                       if isinstance(lit, rdflib.Literal)}
        for lang in ("en", "zh"):
            if lang not in labels:
                problems.append(f"{term.n3()} has no rdfs:label @{lang}")
        if "en" not in definitions:
            problems.append(f"{term.n3()} has no skos:definition @en")
    mentioned = {node for triple in ontology for node in triple
                 if isinstance(node, URIRef) and str(node).startswith(VOCAB)}
    problems += [f"{iri.n3()} is used but not declared" for iri in sorted(mentioned - terms)]
    return problems


def dl_problems(ontology: rdflib.Graph) -> list[str]:
    """What a source can state twice must not be functional or capped: the graph keeps
    competing claims side by side (decision 0002)."""
    problems = []
    for kind in (OWL.FunctionalProperty, OWL.InverseFunctionalProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if str(prop).startswith(VOCAB):
                problems.append(f"{prop.n3()} is a {kind.n3()}")
    for pred in (OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.cardinality,
                 OWL.qualifiedCardinality):
        for restriction in ontology.subjects(pred, None):
            prop = ontology.value(restriction, OWL.onProperty)
            problems.append(f"a {pred.n3()} restriction on {prop.n3() if prop else '?'}")
    return problems


def reason(ontology: rdflib.Graph, instances: rdflib.Graph | None = None) -> ReasoningResult:
    """Run HermiT (through owlready2, no network) on the ontology plus instances."""
    import owlready2

    started = time.perf_counter()
    merged = rdflib.Graph()
    for triple in ontology:
        merged.add(triple)
    if instances is not None:
        for triple in instances:
            merged.add(triple)
    with tempfile.TemporaryDirectory(prefix="gongyun-check-") as tmp:
        path = Path(tmp) / "merged.nt"
        merged.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()  # a fresh quadstore per run: no state between checks
        try:
            return _reason_in(world, path, started)
        finally:
            world.close()


def _reason_in(world: object, path: Path, started: float) -> ReasoningResult:
    import owlready2

    try:
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
    except Exception as exc:  # owlready2 raises plain exceptions on bad input
        return ReasoningResult(False, error=f"owlready2 could not load the ontology: {exc}",
                               seconds=time.perf_counter() - started)
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ReasoningResult(False, seconds=time.perf_counter() - started)
    except owlready2.OwlReadyJavaError as exc:
        return ReasoningResult(False, error=f"HermiT failed: {str(exc).strip()[:500]}",
                               seconds=time.perf_counter() - started)
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes()
                           if c is not owlready2.Nothing)
    return ReasoningResult(True, unsatisfiable, seconds=time.perf_counter() - started)


def meta_shacl_problems(shapes: rdflib.Graph) -> list[str]:
    """Validate the shapes graph against the SHACL-SHACL meta-shapes."""
    from pyshacl import validate

    conforms, report, _ = validate(shapes, shacl_graph=shacl_shacl_graph(), inference="none",
                                   advanced=False, allow_warnings=False)
    if conforms:
        return []
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        problems.append(f"SHACL-SHACL: {focus.n3() if focus else '?'} "
                        f"{path.n3() if isinstance(path, URIRef) else ''}: {message}")
    return sorted(problems)


def _path_terms(shapes: rdflib.Graph, path: rdflib.term.Node) -> Iterable[rdflib.term.Node]:
    """The IRIs a SHACL property path names (sequence lists and inverse/alternative paths)."""
    if isinstance(path, URIRef):
        yield path
        return
    if shapes.value(path, RDF.first) is not None:
        for member in Collection(shapes, path):
            yield from _path_terms(shapes, member)
        return
    for pred in (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath,
                 SH.zeroOrOnePath):
        inner = shapes.value(path, pred)
        if inner is not None:
            yield from _path_terms(shapes, inner)


def shape_terms(shapes: rdflib.Graph) -> set[URIRef]:
    """Every vocabulary IRI the shapes name: paths, targets, classes, datatypes, values, sh:in
    members, and gy: terms inside SPARQL constraints."""
    named: set[rdflib.term.Node] = set()
    for path in shapes.objects(None, SH.path):
        named.update(_path_terms(shapes, path))
    for param in TERM_PARAMETERS:
        named.update(shapes.objects(None, param))
    for members in shapes.objects(None, SH["in"]):
        named.update(Collection(shapes, members))
    for query in shapes.objects(None, SH.select):
        named.update(GY[local] for local in GY_IN_SPARQL.findall(str(query)))
    return {n for n in named if isinstance(n, URIRef)}


def undeclared_shape_terms(shapes: rdflib.Graph, ontology: rdflib.Graph) -> list[str]:
    declared = declared_terms(ontology)
    missing = []
    for term in sorted(shape_terms(shapes)):
        iri = str(term)
        if iri.startswith(BUILTIN_NAMESPACES) or iri.startswith(RESOURCE):
            continue  # built-ins, and data resources such as concept/unit/percent
        if term not in declared:
            missing.append(f"a shape names {term.n3()}, which the ontology does not declare")
    return missing


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
NOT_CONSTRAINTS = {RDF.type, RDFS.label, RDFS.comment, SH.property, SH.sparql, SH.severity,
                   SH.message, SH.deactivated, SH.name, SH.description, *TARGETS}


def shape_message_problems(shapes: rdflib.Graph) -> list[str]:
    """Every constraint of a targeted shape carries a plain-English sh:message."""
    problems = []
    targeted = {s for t in TARGETS for s in shapes.subjects(t, None)}
    for shape in sorted(targeted):
        own = shapes.value(shape, SH.message) is not None
        if not own and any(p not in NOT_CONSTRAINTS for p in shapes.predicates(shape)):
            problems.append(f"shape {shape.n3()} has a constraint but no sh:message")
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.message) is None:
                path = shapes.value(prop, SH.path)
                problems.append(f"a property shape of {shape.n3()} on "
                                f"{path.n3() if isinstance(path, URIRef) else 'a path'} "
                                "has no sh:message")
        for constraint in shapes.objects(shape, SH.sparql):
            if shapes.value(constraint, SH.message) is None:
                problems.append(f"a SPARQL constraint of {shape.n3()} has no sh:message")
    return problems


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY_FILE,
                        help="the ontology Turtle file (default: the installed gongyun.ttl)")
    parser.add_argument("--shapes", type=Path, default=SHAPES_DIR,
                        help="folder of *.ttl SHACL shapes (default: the installed shapes)")
    parser.add_argument("--instances", type=Path, default=None,
                        help="instance Turtle HermiT reasons over with the ontology (default: "
                             "tests/fixtures/ontology/instances.ttl when present)")
    parser.add_argument("--no-reasoner", action="store_true",
                        help="skip HermiT (the Java start-up dominates the run time)")


def _step(name: str, fn: Callable[[], tuple[list[str], str]], failures: list[str]) -> None:
    started = time.perf_counter()
    try:
        problems, detail = fn()
    except Exception as exc:  # report the failing step and carry on with the others
        problems, detail = [f"{type(exc).__name__}: {exc}"], ""
    seconds = time.perf_counter() - started
    status = "ok  " if not problems else "FAIL"
    print(f"  {status} {name:<26} {detail:<48} {seconds:6.2f} s")
    for problem in problems[:40]:
        print(f"       - {problem}")
    if len(problems) > 40:
        print(f"       … and {len(problems) - 40} more")
    failures.extend(f"{name}: {p}" for p in problems)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    failures: list[str] = []
    state: dict[str, rdflib.Graph] = {}
    print(f"gongyun check: {args.ontology}")

    def parse_ontology() -> tuple[list[str], str]:
        state["ontology"] = load_ontology(args.ontology)
        return [], f"{len(state['ontology'])} triples, {len(gy_terms(state['ontology']))} gy: terms"

    _step("parse ontology", parse_ontology, failures)
    if "ontology" not in state:
        print("gongyun check: the ontology does not parse; stopping")
        return 1
    ontology = state["ontology"]
    _step("labels and definitions", lambda: (label_problems(ontology), "@en, @zh, definition"),
          failures)
    _step("no functional properties", lambda: (dl_problems(ontology), "competing claims allowed"),
          failures)

    if not args.no_reasoner:
        instances_path = args.instances or (DEFAULT_INSTANCES if DEFAULT_INSTANCES.exists()
                                            else None)

        def reasoning() -> tuple[list[str], str]:
            instances = (rdflib.Graph().parse(instances_path, format="turtle")
                         if instances_path else None)
            result = reason(ontology, instances)
            what = f"+ {instances_path.name}" if instances_path else "(no instances)"
            verdict = "consistent" if result.consistent else "INCONSISTENT"
            return result.problems, (f"{verdict} {what}, "
                                     f"{len(result.unsatisfiable)} unsatisfiable")

        _step("HermiT (owlready2)", reasoning, failures)

    def parse_shapes() -> tuple[list[str], str]:
        state["shapes"] = load_shapes(args.shapes)
        files = len(list(args.shapes.glob("*.ttl")))
        count = len(set(state["shapes"].subjects(RDF.type, SH.NodeShape)))
        return ([] if files else [f"no *.ttl shapes in {args.shapes}"],
                f"{files} files, {count} node shapes")

    _step("parse shapes", parse_shapes, failures)
    if "shapes" in state:
        shapes = state["shapes"]
        _step("SHACL-SHACL meta-shapes", lambda: (meta_shacl_problems(shapes), "pyshacl"),
              failures)
        _step("shape terms declared", lambda: (undeclared_shape_terms(shapes, ontology),
                                               f"{len(shape_terms(shapes))} terms named"),
              failures)
        _step("shape messages", lambda: (shape_message_problems(shapes), "plain English"),
              failures)

    total = time.perf_counter() - started
    verdict = "passed" if not failures else f"FAILED ({len(failures)} problems)"
    print(f"gongyun check {verdict} in {total:.1f} s")
    return 0 if not failures else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="gongyun check")
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
