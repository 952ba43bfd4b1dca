"""The VoID and DCAT description at /void: real counts (DISTINCT triples), licence, dumps,
example resources and the endpoint, all from the store's manifest and the dumps directory."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from gongyun import __version__
from gongyun.api.service_description import DCT, RDF_TYPE, VOID, XSD_INTEGER

DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
OWL = "http://www.w3.org/2002/07/owl#"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
DUMP_TYPES = {
    ".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle",
    ".nt": "application/n-triples", ".jsonld": "application/ld+json",
}


def dump_files(dumps_dir: Path) -> list[Path]:
    if not dumps_dir.is_dir():
        return []
    return sorted(p for p in dumps_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def void_description(base: str, counts: dict, dumps_dir: Path,
                     resource_base: str, release: dict | None = None) -> list[ox.Triple]:
    """`release`: the graph's release (gongyun.api.release), stated as DCAT versioning: the
    version label, and the release's version IRI when the graph is exactly that release."""
    ds = ox.NamedNode(f"{base}/void#gongyun")

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def num(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=iri(XSD_INTEGER))

    t = [
        ox.Triple(ds, iri(RDF_TYPE), iri(VOID + "Dataset")),
        ox.Triple(ds, iri(RDF_TYPE), iri(DCAT + "Dataset")),
        ox.Triple(ds, iri(DCT + "title"), ox.Literal(
            "Gongyun: the Chinese workers' movement in the War of Resistance, 1937-1945",
            language="en")),
        ox.Triple(ds, iri(DCT + "title"),
                  ox.Literal("工运：抗日战争时期的中国工人运动", language="zh")),
        ox.Triple(ds, iri(DCT + "license"), iri(CC_BY)),
        ox.Triple(ds, iri(DCT + "hasVersion"), ox.Literal(__version__)),  # software; data: below
        ox.Triple(ds, iri(VOID + "sparqlEndpoint"), iri(f"{base}/sparql")),
        ox.Triple(ds, iri(VOID + "uriSpace"), ox.Literal(resource_base)),
        ox.Triple(ds, iri(VOID + "triples"), num(counts["triples"])),
        ox.Triple(ds, iri(VOID + "distinctSubjects"), num(counts["distinct_subjects"])),
        ox.Triple(ds, iri(VOID + "distinctObjects"), num(counts["distinct_objects"])),
        ox.Triple(ds, iri(VOID + "properties"), num(counts["properties"])),
        ox.Triple(ds, iri(VOID + "classes"), num(counts["classes"])),
        ox.Triple(ds, iri(VOID + "entities"), num(counts["entities"])),
    ]
    if release:
        t += [ox.Triple(ds, iri(DCAT + "version"), ox.Literal(release["version"])),
              ox.Triple(ds, iri(OWL + "versionInfo"), ox.Literal(release["version"]))]
        if release.get("iri"):
            t += [ox.Triple(ds, iri(DCAT + "hasCurrentVersion"), iri(release["iri"])),
                  ox.Triple(ds, iri(OWL + "versionIRI"), iri(release["iri"]))]
    for example in counts.get("example_resources", []):
        t.append(ox.Triple(ds, iri(VOID + "exampleResource"), iri(example)))
    service = ox.NamedNode(f"{base}/void#sparql-service")
    t += [
        ox.Triple(service, iri(RDF_TYPE), iri(DCAT + "DataService")),
        ox.Triple(service, iri(DCAT + "endpointURL"), iri(f"{base}/sparql")),
        ox.Triple(service, iri(DCAT + "servesDataset"), ds),
    ]
    for path in dump_files(dumps_dir):
        url = iri(f"{base}/dumps/{path.name}")
        dist = ox.NamedNode(f"{base}/void#dump-{path.name}")
        t += [
            ox.Triple(ds, iri(VOID + "dataDump"), url),
            ox.Triple(ds, iri(DCAT + "distribution"), dist),
            ox.Triple(dist, iri(RDF_TYPE), iri(DCAT + "Distribution")),
            ox.Triple(dist, iri(DCAT + "downloadURL"), url),
            ox.Triple(dist, iri(DCAT + "byteSize"), num(path.stat().st_size)),
            ox.Triple(dist, iri(DCT + "license"), iri(CC_BY)),
        ]
        if path.suffix in DUMP_TYPES:
            t.append(ox.Triple(dist, iri(DCAT + "mediaType"),
                               iri("https://www.iana.org/assignments/media-types/"
                                   + DUMP_TYPES[path.suffix])))
    for graph, size in counts.get("graphs", {}).items():
        sub = ox.NamedNode(graph)
        t += [
            ox.Triple(ds, iri(VOID + "subset"), sub),
            ox.Triple(sub, iri(RDF_TYPE), iri(VOID + "Dataset")),
            ox.Triple(sub, iri(VOID + "triples"), num(size)),
        ]
    return t
