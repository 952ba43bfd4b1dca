"""The IRIs Gongyun mints. The vocabulary and resource namespaces are fixed; only the public
URL that the service maps resources to is configurable (see gongyun.settings)."""

from __future__ import annotations

VOCAB = "https://w3id.org/gongyun/ontology#"
ONTOLOGY_IRI = "https://w3id.org/gongyun/ontology"
RESOURCE = "https://w3id.org/gongyun/resource/"
GRAPH = "https://w3id.org/gongyun/graph/"
SHAPES = "https://w3id.org/gongyun/shapes#"


def graph_iri(name: str) -> str:
    """The named graph `name`, e.g. 'entities' or 'claims/001'."""
    return GRAPH + name


def resource_iri(local: str) -> str:
    """A resource from its local id, e.g. 'org/shanxi-gtu'."""
    return RESOURCE + local


def term(local: str) -> str:
    return VOCAB + local


PREFIXES: dict[str, str] = {
    "gy": VOCAB,
    "gyr": RESOURCE,
    "gyg": GRAPH,
    "gysh": SHAPES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "schema": "https://schema.org/",
    "crm": "http://www.cidoc-crm.org/cidoc-crm/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


def expand_curie(value: str) -> str | None:
    """`gy:Place` as its full IRI, for any of our prefixes; None when `value` is not such a CURIE
    (a full IRI such as https://…, or a local id such as org/shanxi-gtu)."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
