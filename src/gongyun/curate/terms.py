"""The ontology's words the workbench's forms offer: the classes an entity may have, with the
id prefix each takes (a Founding is an event/), and the properties a claim may use."""

from __future__ import annotations

from functools import cache

from gongyun.namespaces import ENTITY_PREFIXES, VOCAB


@cache
def vocabulary() -> dict:
    """The ontology's classes an entity may have (with the id prefix each takes) and its
    properties a claim may use, for the forms."""
    import rdflib

    from gongyun.paths import ONTOLOGY_FILE

    g = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    owl, rdfs = rdflib.OWL, rdflib.RDFS
    tops = {cls: prefix for prefix, cls in ENTITY_PREFIXES.items()} | {"Place": "place/"}

    def local(node: object) -> str | None:
        text = str(node)
        return text[len(VOCAB):] if text.startswith(VOCAB) else None

    classes: dict[str, str] = {}
    for cls in g.subjects(rdflib.RDF.type, owl.Class):
        name = local(cls)
        if not name:
            continue
        for ancestor in [cls, *g.transitive_objects(cls, rdfs.subClassOf)]:
            top = local(ancestor)
            if top in tops:
                classes[name] = tops[top]
                break
    properties = sorted(n for kind in (owl.ObjectProperty, owl.DatatypeProperty,
                                       owl.AnnotationProperty)
                        for p in g.subjects(rdflib.RDF.type, kind) if (n := local(p)))
    return {"classes": dict(sorted(classes.items())), "properties": properties}


def prefix_of(cls: str) -> str:
    """The id prefix of an entity of class `cls` (org/, event/, place/ …); ValueError for a
    class no entity has."""
    prefix = vocabulary()["classes"].get(cls)
    if prefix is None:
        raise ValueError(f"{cls!r} is not a class an entity can have")
    return prefix
