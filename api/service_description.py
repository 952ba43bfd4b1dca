"""The SPARQL Service Description of /sparql, built from the settings the server runs with, so
it only claims what the server does (no federated query: SERVICE is refused)."""

from __future__ import annotations

import pyoxigraph as ox

from gongyun.api import negotiation as n
from gongyun.graph.terms import RDF_TYPE, integer, ns
from gongyun.settings import Settings

FORMATS = "http://www.w3.org/ns/formats/"

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

    t = [
        ox.Triple(service, RDF_TYPE, ns("sd", "Service")),
        ox.Triple(service, ns("sd", "endpoint"), endpoint),
        ox.Triple(service, ns("sd", "supportedLanguage"), ns("sd", "SPARQL11Query")),
        ox.Triple(service, ns("sd", "defaultDataset"), dataset),
        ox.Triple(service, ns("dcterms", "description"), ox.Literal(
            f"Gongyun SPARQL endpoint, read-only. Each query may run {settings.query_timeout:g} s"
            f" and return {settings.max_rows} rows or triples; longer answers are cut and say so"
            " (header Gongyun-Truncated). SPARQL Update and LOAD are refused (403); SERVICE is"
            + (" allowed only to " + ", ".join(settings.service_allowlist)
               if settings.service_allowlist else " refused (403)") + ".",
            language="en")),
        ox.Triple(dataset, RDF_TYPE, ns("sd", "Dataset")),
        ox.Triple(dataset, ns("sd", "defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, ns("sd", "Graph")),
    ]
    if settings.union_default_graph:
        t.append(ox.Triple(service, ns("sd", "feature"), ns("sd", "UnionDefaultGraph")))
    if settings.service_allowlist:
        # federation only to the operator's endpoints (SERVICE to any other is still a 403)
        t.append(ox.Triple(service, ns("sd", "feature"), ns("sd", "BasicFederatedQuery")))
        t.append(ox.Triple(default, ns("void", "triples"), integer(counts["triples"])))
    else:
        t.append(ox.Triple(default, ns("void", "triples"),
                           integer(counts["default_graph_triples"])))
    for _media_type, name in RESULT_FORMATS.items():
        t.append(ox.Triple(service, ns("sd", "resultFormat"), ox.NamedNode(FORMATS + name)))
    for i, graph in enumerate(graphs):
        named = ox.NamedNode(f"{base}/sparql#named-graph-{i}")
        desc = ox.NamedNode(f"{base}/sparql#graph-{i}")
        t += [
            ox.Triple(dataset, ns("sd", "namedGraph"), named),
            ox.Triple(named, RDF_TYPE, ns("sd", "NamedGraph")),
            ox.Triple(named, ns("sd", "name"), ox.NamedNode(graph)),
            ox.Triple(named, ns("sd", "graph"), desc),
            ox.Triple(desc, RDF_TYPE, ns("sd", "Graph")),
            ox.Triple(desc, ns("void", "triples"), integer(counts["graphs"].get(graph, 0))),
        ]
    return t
