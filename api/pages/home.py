"""The home page: what the graph holds (instances per class, the sources, licence, last build),
how to query it, and example questions that open in the editor."""

from __future__ import annotations

from gongyun.api import entity
from gongyun.api.pages import examples
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB, local_id

# The classes a reader looks for first; the rest are listed after them.
MAIN_CLASSES = ["Organization", "ArmedUnit", "Enterprise", "Person", "Group", "Place",
                "Facility", "TransportRoute", "Collection", "Work", "Event", "Source", "Claim",
                "Disagreement", "Quantity", "TimeWindow"]
EXAMPLE_COUNT = 8


def instances_query(class_iri: str) -> str:
    return ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            f"SELECT ?x ?label WHERE {{\n  ?x a <{class_iri}> .\n"
            "  OPTIONAL { ?x rdfs:label ?label FILTER(LANG(?label) = \"zh\") }\n"
            "} ORDER BY ?x LIMIT 200\n")


def home(store: GraphStore, base: str, lang: str) -> dict:
    classes = entity.classes(store, base)
    by_iri = {c["iri"]: c for c in classes}
    main = [by_iri[VOCAB + n] for n in MAIN_CLASSES if VOCAB + n in by_iri]
    for c in main:
        c["query_url"] = examples.editor_url(base, instances_query(c["iri"]), lang)
    sources = store.select(entity.P + """
        SELECT ?s ?title ?chars WHERE { ?s a gy:Source ; dcterms:title ?title .
          OPTIONAL { ?s gy:characterCount ?chars } FILTER(LANG(?title) = "%s") } ORDER BY ?s
    """ % ("zh" if lang == "zh" else "en"))
    build = store.select(entity.P + """
        SELECT ?ended ?commit ?licence WHERE { ?b a prov:Activity ; prov:endedAtTime ?ended .
          OPTIONAL { ?b gy:gitCommit ?commit }
          OPTIONAL { ?d prov:wasGeneratedBy ?b ; dcterms:license ?licence } } LIMIT 1""")
    info = build[0] if build else {}
    questions = examples.examples()[:EXAMPLE_COUNT]
    return {
        "classes": main,
        "triples": store.manifest["counts"]["triples"],
        "entities": store.manifest["counts"].get("entities"),
        "sources": [{"id": local_id(r["s"].value).rsplit("/", 1)[-1],
                     "title": r["title"].value,
                     "chars": r["chars"].value if "chars" in r else None} for r in sources],
        "licence": info["licence"].value if "licence" in info else
        "https://creativecommons.org/licenses/by/4.0/",
        "built": info["ended"].value if "ended" in info else store.manifest.get("created"),
        "commit": info["commit"].value[:10] if "commit" in info else None,
        "release": store.manifest.get("release"),
        "examples": [{**q, "url": examples.editor_url(base, q["query"], lang)}
                     for q in questions],
        "example_resources": [entity.public_url(i, base) for i in
                              store.manifest["counts"].get("example_resources", [])],
    }
