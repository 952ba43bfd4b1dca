"""The W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl), read into plain HTTP exchanges."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.collection import Collection

from tests.w3c.manifest import MF, SUITES

HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
FOLDER = SUITES / "protocol"


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str  # relative to the endpoint: "" or "?query=..."
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[str]  # status classes: "2xx", "3xx", "4xx", "5xx"
    boolean: bool | None
    result_format: str | None  # boolean | tabular | RDF

    @property
    def is_update(self) -> bool:
        content_type = dict(self.headers).get("content-type", "")
        text = (self.body or b"").decode("utf-8", errors="replace")
        return ("sparql-update" in content_type or "update=" in self.path
                or ("form-urlencoded" in content_type and text.startswith("update=")))


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    exchanges: tuple[Exchange, ...]


def graph_data() -> dict[Path, str]:
    """The protocol tests' data files and the graph IRI each is known by (its rdfs:label)."""
    graph = _manifest()
    out: dict[Path, str] = {}
    for node in graph.objects(None, UT.graphData):
        out[FOLDER / str(graph.value(node, UT.graph)).rsplit("/", 1)[-1]] = str(
            graph.value(node, rdflib.RDFS.label))
    return out


def _manifest() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(FOLDER / "manifest.ttl", format="turtle")
    return graph


def read_protocol_tests() -> list[ProtocolTest]:
    graph = _manifest()
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        exchanges = []
        for request in Collection(graph, graph.value(action, HT.requests)):
            headers = []
            header_list = graph.value(request, HT.headers)
            for header in Collection(graph, header_list) if header_list else []:
                headers.append((str(graph.value(header, HT.fieldName)).lower(),
                                str(graph.value(header, HT.fieldValue))))
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
            response = graph.value(request, HT.resp)
            statuses = frozenset(str(s).rsplit("StatusCode", 1)[-1]
                                 for s in graph.objects(response, MF.expectedStatus))
            boolean = graph.value(response, MF.expectedBoolean)
            fmt = graph.value(response, MF.expectedFormat)
            path = str(graph.value(request, HT.absolutePath))
            exchanges.append(Exchange(
                method=str(graph.value(request, HT.methodName)),
                path=path.removeprefix("/sparql/"),
                headers=tuple(headers),
                body=body,
                statuses=statuses,
                boolean=None if boolean is None else bool(boolean.toPython()),
                result_format=None if fmt is None else str(fmt),
            ))
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[-1], str(graph.value(entry, MF.name)),
                                  tuple(exchanges)))
    return tests
