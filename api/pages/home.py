"""The home page: what the graph holds (instances per class, the sources, licence, last build),
how to query it, and example questions that open in the editor."""

from __future__ import annotations

from urllib.parse import quote

from gongyun.api import corpus, entity
from gongyun.api.pages import examples
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB, local_id

# The classes a reader looks for first; the rest are listed after them.
MAIN_CLASSES = ["Organization", "ArmedUnit", "Enterprise", "Person", "Group", "Place",
                "Facility", "TransportRoute", "Collection", "Work", "Event", "Source", "Claim",
                "Disagreement", "Quantity", "TimeWindow"]


def instances_query(class_iri: str, lang: str) -> str:
    """The instances of a class with their other labels (the IRI column shows the page
    language's), by pinyin on a Chinese page, by the English label on an English one."""
    other, order = (("?pinyin ?en", "LCASE(STR(?pinyin)) ?zh") if lang == "zh"
                    else ("?zh ?pinyin", "LCASE(STR(?en)) ?pinyin"))
    return ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            f"SELECT ?x {other} WHERE {{\n  ?x a <{class_iri}> .\n"
            "  OPTIONAL { ?x rdfs:label ?zh FILTER(LANG(?zh) = \"zh\") }\n"
            "  OPTIONAL { ?x rdfs:label ?pinyin FILTER(LANGMATCHES(LANG(?pinyin),"
            " \"zh-Latn-pinyin\")) }\n"
            "  OPTIONAL { ?x rdfs:label ?en FILTER(LANG(?en) = \"en\") }\n"
            f"}} ORDER BY {order} ?x\n")


def home(store: GraphStore, base: str, lang: str) -> dict:
    classes = entity.classes(store, base)
    by_iri = {c["iri"]: c for c in classes}
    main = [by_iri[VOCAB + n] for n in MAIN_CLASSES if VOCAB + n in by_iri]
    for c in main:
        c["query_url"] = examples.editor_url(base, instances_query(c["iri"], lang), lang)
        c["list_url"] = f"{base}/browse?lang={lang}&class={quote(c['curie'], safe='')}"
    sources = store.select(entity.P + """
        SELECT ?s ?title ?chars WHERE { ?s a gy:Source ; dcterms:title ?title .
          OPTIONAL { ?s gy:characterCount ?chars } FILTER(LANG(?title) = "%s") } ORDER BY ?s
    """ % ("zh" if lang == "zh" else "en"))
    build = store.select(entity.P + """
        SELECT ?ended ?commit ?licence WHERE { ?b a prov:Activity ; prov:endedAtTime ?ended .
          OPTIONAL { ?b gy:gitCommit ?commit }
          OPTIONAL { ?d prov:wasGeneratedBy ?b ; dcterms:license ?licence } } LIMIT 1""")
    info = build[0] if build else {}
    groups: dict[str, list[dict]] = {}
    for q in examples.examples():
        group = q["id"].split("-")[1] if q["id"].count("-") >= 2 else "cross"
        groups.setdefault(group, []).append({**q, "url": examples.example_url(base, q["id"],
                                                                               lang)})
    resources = store.manifest["counts"].get("example_resources", [])
    names = entity.labels_of(store, set(resources))
    return {
        "classes": main,
        "triples": store.manifest["counts"]["triples"],
        "entities": store.manifest["counts"].get("entities"),
        "sources": [{"id": corpus.source_ident(r["s"].value),
                     "title": r["title"].value,
                     "chars": r["chars"].value if "chars" in r else None} for r in sources],
        "licence": info["licence"].value if "licence" in info else
        "https://creativecommons.org/licenses/by/4.0/",
        "built": info["ended"].value if "ended" in info else store.manifest.get("created"),
        "commit": info["commit"].value[:10] if "commit" in info else None,
        "release": store.manifest.get("release"),
        "example_groups": sorted(groups.items()),
        "example_count": sum(len(g) for g in groups.values()),
        "example_resources": [{"url": entity.public_url(i, base), "id": local_id(i),
                               "label": names.get(i, {})} for i in resources],
    }
