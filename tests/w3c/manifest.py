"""The W3C SPARQL 1.1 test manifests, read with rdflib into plain test cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.collection import Collection

SUITES = Path(__file__).resolve().parents[3] / "shared" / "suites" / "sparql11"
PUBLISHED = "https://w3c.github.io/rdf-tests/sparql/sparql11/"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")

QUERY_DIRS = ("aggregates", "bind", "bindings", "cast", "construct", "csv-tsv-res", "exists",
              "functions", "grouping", "json-res", "negation", "project-expression",
              "property-path", "subquery")
SYNTAX_DIRS = ("syntax-query", "syntax-fed", "syntax-update-1", "syntax-update-2")


@dataclass(frozen=True)
class Case:
    directory: str
    name: str
    kind: str  # the mf: type's local name
    query: Path | None
    data: tuple[Path, ...] = ()
    graph_data: tuple[Path, ...] = ()
    result: Path | None = None
    approved: bool = True
    approval: str = ""  # dawgt:approval's local name (Approved, Proposed, ...); "" when absent
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.directory}/{self.name}"

    def graph_iri(self, path: Path) -> str:
        """The IRI a data file is known by: its published location, as the manifests use."""
        return PUBLISHED + path.relative_to(SUITES).as_posix()

    @property
    def base(self) -> str:
        return f"{PUBLISHED}{self.directory}/"


def _local(path: rdflib.term.Node | None, folder: Path) -> Path | None:
    if path is None:
        return None
    name = str(path).rsplit("/", 1)[-1]
    return folder / name


def read_manifest(directory: str) -> list[Case]:
    folder = SUITES / directory
    graph = rdflib.Graph()
    graph.parse(folder / "manifest.ttl", format="turtle",
                publicID=f"{PUBLISHED}{directory}/manifest.ttl")
    cases: list[Case] = []
    for manifest in graph.subjects(rdflib.RDF.type, MF.Manifest):
        entries = graph.value(manifest, MF.entries)
        if entries is None:
            continue
        for entry in Collection(graph, entries):
            kind = str(graph.value(entry, rdflib.RDF.type)).rsplit("#", 1)[-1]
            action = graph.value(entry, MF.action)
            query = data = None
            graph_data: list[Path] = []
            if isinstance(action, rdflib.URIRef):
                query = _local(action, folder)  # syntax tests name the query directly
            elif action is not None:
                query = _local(graph.value(action, QT.query), folder)
                data = [_local(d, folder) for d in graph.objects(action, QT.data)]
                graph_data = [_local(d, folder) for d in graph.objects(action, QT.graphData)]
            approval = graph.value(entry, DAWGT.approval)
            cases.append(Case(
                directory=directory,
                name=str(graph.value(entry, MF.name) or str(entry).rsplit("#", 1)[-1]),
                kind=kind,
                query=query,
                data=tuple(sorted(p for p in data or [] if p)),
                graph_data=tuple(sorted(p for p in graph_data if p)),
                result=_local(graph.value(entry, MF.result), folder),
                approved=approval is None or str(approval).endswith("Approved"),
                approval="" if approval is None else str(approval).rsplit("#", 1)[-1],
            ))
    return cases


def all_cases(directories: tuple[str, ...]) -> list[Case]:
    return [case for d in directories for case in read_manifest(d)]
