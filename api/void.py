"""The VoID and DCAT description at /void: real counts (DISTINCT triples), licence, dumps,
example resources and the endpoint, all from the store's manifest and the dumps directory."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from gongyun import __version__
from gongyun.api.negotiation import file_media_type
from gongyun.graph.dumps import DUMP_NAMES
from gongyun.graph.terms import RDF_TYPE, integer, ns
from gongyun.namespaces import CC_BY

# Served from /dumps beside the dumps, but a JSON-LD context, not data: never a void:dataDump.
CONTEXT_DOCUMENT = DUMP_NAMES["context"]


def dump_files(dumps_dir: Path) -> list[Path]:
    """Every file /dumps serves."""
    if not dumps_dir.is_dir():
        return []
    return sorted(p for p in dumps_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def data_dumps(dumps_dir: Path) -> list[Path]:
    """The files of `dumps_dir` that hold the data (the context document does not)."""
    return [p for p in dump_files(dumps_dir) if p.name != CONTEXT_DOCUMENT]


def _digest(iri: str) -> str:
    """A short name for a partition's node that stays the same from build to build."""
    return hashlib.sha256(iri.encode()).hexdigest()[:16]


def void_description(base: str, counts: dict, dumps_dir: Path,
                     resource_base: str, release: dict | None = None) -> list[ox.Triple]:
    """`release`: the graph's release (gongyun.api.release), stated as DCAT versioning: the
    version label, and the release's version IRI when the graph is exactly that release."""
    ds = ox.NamedNode(f"{base}/void#gongyun")

    t = [
        ox.Triple(ds, RDF_TYPE, ns("void", "Dataset")),
        ox.Triple(ds, RDF_TYPE, ns("dcat", "Dataset")),
        ox.Triple(ds, ns("dcterms", "title"), ox.Literal(
            "Gongyun: the Chinese workers' movement in the War of Resistance, 1937-1945",
            language="en")),
        ox.Triple(ds, ns("dcterms", "title"),
                  ox.Literal("工运：抗日战争时期的中国工人运动", language="zh")),
        ox.Triple(ds, ns("dcterms", "license"), ox.NamedNode(CC_BY)),
        ox.Triple(ds, ns("dcterms", "hasVersion"), ox.Literal(__version__)),  # software
        ox.Triple(ds, ns("void", "sparqlEndpoint"), ox.NamedNode(f"{base}/sparql")),
        ox.Triple(ds, ns("void", "uriSpace"), ox.Literal(resource_base)),
        ox.Triple(ds, ns("void", "triples"), integer(counts["triples"])),
        ox.Triple(ds, ns("void", "distinctSubjects"), integer(counts["distinct_subjects"])),
        ox.Triple(ds, ns("void", "distinctObjects"), integer(counts["distinct_objects"])),
        ox.Triple(ds, ns("void", "properties"), integer(counts["properties"])),
        ox.Triple(ds, ns("void", "classes"), integer(counts["classes"])),
        ox.Triple(ds, ns("void", "entities"), integer(counts["entities"])),
    ]
    if release:
        t += [ox.Triple(ds, ns("dcat", "version"), ox.Literal(release["version"])),
              ox.Triple(ds, ns("owl", "versionInfo"), ox.Literal(release["version"]))]
        if release.get("iri"):
            t += [ox.Triple(ds, ns("dcat", "hasCurrentVersion"), ox.NamedNode(release["iri"])),
                  ox.Triple(ds, ns("owl", "versionIRI"), ox.NamedNode(release["iri"]))]
    for example in counts.get("example_resources", []):
        t.append(ox.Triple(ds, ns("void", "exampleResource"), ox.NamedNode(example)))
    service = ox.NamedNode(f"{base}/void#sparql-service")
    t += [
        ox.Triple(service, RDF_TYPE, ns("dcat", "DataService")),
        ox.Triple(service, ns("dcat", "endpointURL"), ox.NamedNode(f"{base}/sparql")),
        ox.Triple(service, ns("dcat", "servesDataset"), ds),
    ]
    for path in data_dumps(dumps_dir):
        url = ox.NamedNode(f"{base}/dumps/{path.name}")
        dist = ox.NamedNode(f"{base}/void#dump-{path.name}")
        t += [
            ox.Triple(ds, ns("void", "dataDump"), url),
            ox.Triple(ds, ns("dcat", "distribution"), dist),
            ox.Triple(dist, RDF_TYPE, ns("dcat", "Distribution")),
            ox.Triple(dist, ns("dcat", "downloadURL"), url),
            ox.Triple(dist, ns("dcat", "byteSize"), integer(path.stat().st_size)),
            ox.Triple(dist, ns("dcterms", "license"), ox.NamedNode(CC_BY)),
        ]
        media_type = file_media_type(path)
        if media_type:
            t.append(ox.Triple(dist, ns("dcat", "mediaType"),
                               ox.NamedNode(f"https://www.iana.org/assignments/media-types/"
                                            f"{media_type}")))
    # Triples per predicate over the whole graph (void:propertyPartition), counted when the
    # store was built: what `SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p` answers,
    # without reading the store (docs/performance.md, "Whole-graph aggregates").
    for prop, size in counts.get("property_triples", {}).items():
        part = ox.NamedNode(f"{base}/void#property-{_digest(prop)}")
        t += [
            ox.Triple(ds, ns("void", "propertyPartition"), part),
            ox.Triple(part, ns("void", "property"), ox.NamedNode(prop)),
            ox.Triple(part, ns("void", "triples"), integer(size)),
        ]
    for graph, size in counts.get("graphs", {}).items():
        sub = ox.NamedNode(graph)
        t += [
            ox.Triple(ds, ns("void", "subset"), sub),
            ox.Triple(sub, RDF_TYPE, ns("void", "Dataset")),
            ox.Triple(sub, ns("void", "triples"), integer(size)),
        ]
    return t
