"""The SPARQL Service Description of /sparql, built from the settings the server runs with, so
it only claims what the server does (no federated query: SERVICE is refused), with the prefixes
a query may use undeclared (gongyun.api.prefixes) as SHACL prefix declarations."""

from __future__ import annotations

import pyoxigraph as ox

from gongyun.api import negotiation as n
from gongyun.api.prefixes import PREDECLARED
from gongyun.settings import Settings

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
FORMATS = "http://www.w3.org/ns/formats/"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_ANY_URI = "http://www.w3.org/2001/XMLSchema#anyURI"
SH = "http://www.w3.org/ns/shacl#"

RESULT_FORMATS = {
    n.SPARQL_JSON: "SPARQL_Results_JSON",
    n.SPARQL_XML: "SPARQL_Results_XML",
    n.CSV: "SPARQL_Results_CSV",
    n.TSV: "SPARQL_Results_TSV",
    n.TURTLE: "Turtle",
    n.NTRIPLES: "N-Triples",
    n.RDFXML: "RDF_XML",
    n.JSONLD: "JSON-LD",
    n.TRIG: "TriG",
    n.NQUADS: "N-Quads",
}


def service_description(settings: Settings, base: str, counts: dict,
                        graphs: list[str]) -> list[ox.Triple]:
    endpoint = ox.NamedNode(f"{base}/sparql")
    service = ox.NamedNode(f"{base}/sparql#service")
    dataset = ox.NamedNode(f"{base}/sparql#dataset")
    default = ox.NamedNode(f"{base}/sparql#default-graph")

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def count(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=iri(XSD_INTEGER))

    t = [
        ox.Triple(service, iri(RDF_TYPE), iri(SD + "Service")),
        ox.Triple(service, iri(SD + "endpoint"), endpoint),
        ox.Triple(service, iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")),
        ox.Triple(service, iri(SD + "defaultDataset"), dataset),
        ox.Triple(service, iri(DCT + "description"), ox.Literal(
            f"Gongyun SPARQL endpoint, read-only. Each query may run {settings.query_timeout:g} s"
            f" and return {settings.max_rows} rows or triples; longer answers are cut and say so"
            " (header Gongyun-Truncated). SPARQL Update and LOAD are refused (403); SERVICE is"
            + (" allowed only to " + ", ".join(settings.service_allowlist)
               if settings.service_allowlist else " refused (403)") + ".",
            language="en")),
        ox.Triple(dataset, iri(RDF_TYPE), iri(SD + "Dataset")),
        ox.Triple(dataset, iri(SD + "defaultGraph"), default),
        ox.Triple(default, iri(RDF_TYPE), iri(SD + "Graph")),
    ]
    if settings.union_default_graph:
        # the default graph is the union: its size is the distinct triples of all graphs
        t.append(ox.Triple(service, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")))
        t.append(ox.Triple(default, iri(VOID + "triples"), count(counts["triples"])))
    else:
        t.append(ox.Triple(default, iri(VOID + "triples"),
                           count(counts["default_graph_triples"])))
    if settings.service_allowlist:
        # federation only to the operator's endpoints (SERVICE to any other is still a 403)
        t.append(ox.Triple(service, iri(SD + "feature"), iri(SD + "BasicFederatedQuery")))
    for name, namespace in PREDECLARED.items():
        # prefixes a query may use without declaring them, as SHACL declares prefixes
        declaration = ox.NamedNode(f"{base}/sparql#prefix-{name}")
        t += [
            ox.Triple(service, iri(SH + "declare"), declaration),
            ox.Triple(declaration, iri(SH + "prefix"), ox.Literal(name)),
            ox.Triple(declaration, iri(SH + "namespace"),
                      ox.Literal(namespace, datatype=iri(XSD_ANY_URI))),
        ]
    for _media_type, name in RESULT_FORMATS.items():
        t.append(ox.Triple(service, iri(SD + "resultFormat"), iri(FORMATS + name)))
    for i, graph in enumerate(graphs):
        named = ox.NamedNode(f"{base}/sparql#named-graph-{i}")
        desc = ox.NamedNode(f"{base}/sparql#graph-{i}")
        t += [
            ox.Triple(dataset, iri(SD + "namedGraph"), named),
            ox.Triple(named, iri(RDF_TYPE), iri(SD + "NamedGraph")),
            ox.Triple(named, iri(SD + "name"), iri(graph)),
            ox.Triple(named, iri(SD + "graph"), desc),
            ox.Triple(desc, iri(RDF_TYPE), iri(SD + "Graph")),
            ox.Triple(desc, iri(VOID + "triples"), count(counts["graphs"].get(graph, 0))),
        ]
    return t
