"""What the REST routes say about things in the graph, as plain dicts built from the store
interface: an entity (labels, names over time, types, links, claims with evidence), a source
with its evidence spans, the disagreements, the classes.

Every query here is the service's own, with IRIs checked by `iri_ref` before they are inserted.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox

from gongyun.api import errors
from gongyun.api.search import label_kind
from gongyun.api.store import GraphStore, Term
from gongyun.namespaces import (
    PREFIXES,
    VOCAB,
    curie,
    expand_curie,
    local_id,
    resource_iri,
    sparql_prefixes,
)

P = sparql_prefixes()
_IRI_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\]*$")
_LOCAL_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.~\-]*(?:/[A-Za-z0-9_.~\-]+)*$")

# Properties that only hold the claim/annotation machinery together: not "links".
MACHINERY = {VOCAB + n for n in ("subject", "predicate", "object", "evidence", "statedIn")}
RATIONALE_PROPS = ["gy:rationale", "rdfs:comment", "skos:note", "skos:scopeNote",
                   "dcterms:description"]
TYPE_PROPS = ["gy:disagreementType", "dcterms:type", "gy:kind", "gy:type"]


def iri_ref(iri: str) -> str:
    """`<iri>` for a query, or a 400 when it could break out of the IRI or is no valid IRI
    (pyoxigraph would refuse the query: a bad percent-escape such as `%` was a 500)."""
    if not _IRI_OK.match(iri):
        raise errors.bad_request(f"{iri!r} is not an IRI")
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise errors.bad_request(f"{iri!r} is not an IRI: {exc}") from None
    return f"<{iri}>"


def resolve_id(ident: str) -> str:
    """A local id (org/shanxi-gtu), a CURIE (gyr:org/shanxi-gtu) or a full IRI, as an IRI."""
    if "://" in ident:
        return ident
    expanded = expand_curie(ident)
    if expanded:
        return expanded
    if not _LOCAL_OK.match(ident):
        raise errors.bad_request(f"{ident!r} is not a resource id such as org/shanxi-gtu")
    return resource_iri(ident)


def public_url(iri: str, base: str) -> str:
    """Where the service serves `iri`: canonical resources map to <base>/resource/<local>."""
    local = local_id(iri)
    return f"{public_resource_base(base)}{local}" if local is not None else iri


def public_resource_base(base: str) -> str:
    """What the resource namespace maps to here: <base>/resource/."""
    return f"{base}/resource/"


def term_json(term: Term | None, base: str, labels: dict[str, dict] | None = None) -> dict | None:
    if term is None:
        return None
    if term.is_iri:
        out = {"iri": term.value, "url": public_url(term.value, base)}
        if labels and term.value in labels:
            out["label"] = labels[term.value]
        return out
    out = {"value": term.value}
    if term.lang:
        out["lang"] = term.lang
    elif term.datatype and not term.datatype.endswith("#string"):
        out["datatype"] = curie(term.datatype)
    return out


def _v(row: dict[str, Term], name: str) -> str | None:
    term = row.get(name)
    return term.value if term is not None else None


def labels_of(store: GraphStore, iris: set[str]) -> dict[str, dict]:
    """zh / pinyin / en labels of each IRI (first of each language)."""
    if not iris:
        return {}
    values = " ".join(iri_ref(i) for i in sorted(iris))
    rows = store.select(P + f"""
        SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s rdfs:label ?l }}""")
    out: dict[str, dict] = defaultdict(dict)
    for row in rows:
        key = label_kind(row["l"].lang, row["l"].value)
        if key == "en" and (row["l"].lang or "").lower() not in ("en", ""):
            continue  # a third language has no place among the zh / pinyin / en labels
        if key not in out[row["s"].value]:
            out[row["s"].value][key] = row["l"].value
    return dict(out)


def exists(store: GraphStore, iri: str) -> bool:
    return bool(store.select(f"SELECT ?p WHERE {{ {iri_ref(iri)} ?p ?o }} LIMIT 1"))


def entity(store: GraphStore, iri: str, base: str) -> dict:
    ref = iri_ref(iri)
    if not exists(store, iri):
        raise errors.not_found(f"nothing is known about {iri}")
    own = store.select(P + f"""
        SELECT ?p ?o WHERE {{ {ref} ?p ?o . FILTER(isLiteral(?o)) }}""")
    labels: dict[str, list[str]] = {"zh": [], "pinyin": [], "en": []}
    aliases: list[str] = []
    for row in own:
        p, o = row["p"].value, row["o"]
        if p == PREFIXES["rdfs"] + "label":
            labels[label_kind(o.lang, o.value)].append(o.value)
        elif p == PREFIXES["skos"] + "altLabel":
            aliases.append(o.value)
    types = [r["t"].value for r in store.select(
        f"SELECT DISTINCT ?t WHERE {{ {ref} a ?t }} ORDER BY ?t")]
    outgoing = store.select(P + f"""
        SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o .
          FILTER(isIRI(?o) && ?p != rdf:type) }} ORDER BY ?p ?o""")
    incoming = store.select(P + f"""
        SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {ref} .
          FILTER NOT EXISTS {{ ?s a gy:Claim }} FILTER NOT EXISTS {{ ?s a oa:Annotation }}
        }} ORDER BY ?p ?s""")
    outgoing = [r for r in outgoing if r["p"].value not in MACHINERY]
    incoming = [r for r in incoming if r["p"].value not in MACHINERY]
    claims = claims_about(store, iri)
    wanted = set(types) | {r["p"].value for r in outgoing + incoming}
    wanted |= {r["o"].value for r in outgoing} | {r["s"].value for r in incoming}
    for c in claims:
        wanted |= {c["predicate"], c["subject"]} | ({c["object"].value} if c["object"]
                                                    and c["object"].is_iri else set())
    names = labels_of(store, wanted)
    return {
        "iri": iri,
        "id": local_id(iri),
        "url": public_url(iri, base),
        "labels": labels,
        "aliases": aliases,
        "types": [{"iri": t, "curie": curie(t), "label": names.get(t, {})} for t in types],
        "names": [_name_entry(c, base) for c in claims
                  if c["predicate"] == VOCAB + "name" and c["role"] == "subject"],
        "links": {
            "outgoing": [{"property": _prop(r["p"].value, names),
                          "target": term_json(r["o"], base, names)} for r in outgoing],
            "incoming": [{"property": _prop(r["p"].value, names),
                          "source": term_json(r["s"], base, names)} for r in incoming],
        },
        "claims": [_claim_json(c, base, names) for c in claims],
    }


def _prop(iri: str, names: dict[str, dict]) -> dict:
    return {"iri": iri, "curie": curie(iri), "label": names.get(iri, {})}


def claims_about(store: GraphStore, iri: str) -> list[dict]:
    """Claims with `iri` as subject or object, each with its qualifiers and evidence."""
    ref = iri_ref(iri)
    rows = store.select(P + f"""
        SELECT ?c ?role ?s ?pred ?o ?rank ?kind ?source ?ow ?from ?until WHERE {{
          # The claim patterns sit inside each branch: after the UNION, the engine joined them
          # by hashing every claim of the graph (/api/entities at 10^6 triples: 355 -> 3.3 ms).
          {{ ?c gy:subject {ref} BIND("subject" AS ?role)
             ?c a gy:Claim ; gy:subject ?s ; gy:predicate ?pred }}
          UNION {{ ?c gy:object {ref} BIND("object" AS ?role)
                   ?c a gy:Claim ; gy:subject ?s ; gy:predicate ?pred }}
          OPTIONAL {{ ?c gy:object ?o OPTIONAL {{ ?o gy:asWritten ?ow }} }}
          OPTIONAL {{ ?c gy:rank ?rank }}
          OPTIONAL {{ ?c gy:claimKind ?kind }}
          OPTIONAL {{ ?c gy:statedIn ?source }}
          OPTIONAL {{ ?c gy:validFrom ?vf . ?vf gy:asWritten ?from }}
          OPTIONAL {{ ?c gy:validUntil ?vu . ?vu gy:asWritten ?until }}
        }} ORDER BY ?c""")
    claims: dict[str, dict] = {}
    for row in rows:
        c = row["c"].value
        if c in claims:
            continue
        claims[c] = {"claim": c, "role": _v(row, "role"), "subject": _v(row, "s"),
                     "predicate": _v(row, "pred"), "object": row.get("o"),
                     "object_as_written": _v(row, "ow"), "rank": _v(row, "rank"),
                     "kind": _v(row, "kind"), "source": _v(row, "source"),
                     "valid_from": _v(row, "from"), "valid_until": _v(row, "until"),
                     "evidence": []}
    for ev in evidence_of(store, list(claims)):
        claims[ev.pop("claim")]["evidence"].append(ev)
    return list(claims.values())


EVIDENCE_SELECT = """
  ?c gy:evidence ?a .
  OPTIONAL { ?a oa:hasTarget ?t .
    OPTIONAL { ?t oa:hasSource ?src }
    OPTIONAL { ?t oa:hasSelector ?qs . ?qs a oa:TextQuoteSelector ; oa:exact ?exact .
               OPTIONAL { ?qs oa:prefix ?prefix } OPTIONAL { ?qs oa:suffix ?suffix } }
    OPTIONAL { ?t oa:hasSelector ?ps . ?ps a oa:TextPositionSelector ;
               oa:start ?start ; oa:end ?end } }
"""


def _evidence(row: dict[str, Term]) -> dict:
    return {"annotation": _v(row, "a"), "source": _v(row, "src"), "quote": _v(row, "exact"),
            "prefix": _v(row, "prefix"), "suffix": _v(row, "suffix"),
            "start": int(row["start"].value) if "start" in row else None,
            "end": int(row["end"].value) if "end" in row else None}


def evidence_of(store: GraphStore, claim_iris: list[str]) -> list[dict]:
    if not claim_iris:
        return []
    values = " ".join(iri_ref(c) for c in claim_iris)
    rows = store.select(P + f"""
        SELECT DISTINCT ?c ?a ?src ?exact ?prefix ?suffix ?start ?end WHERE {{
          VALUES ?c {{ {values} }} {EVIDENCE_SELECT} }} ORDER BY ?c ?start ?a""")
    return [{"claim": row["c"].value, **_evidence(row)} for row in rows]


def _name_entry(c: dict, base: str) -> dict:
    return {"name": c["object"].value if c["object"] else None, "lang": c["object"].lang
            if c["object"] else None, "valid_from": c["valid_from"],
            "valid_until": c["valid_until"], "claim": c["claim"], "source": c["source"],
            "rank": _short(c["rank"])}


def _short(iri: str | None) -> str | None:
    return curie(iri) if iri else None


def _claim_json(c: dict, base: str, names: dict[str, dict]) -> dict:
    return {
        "claim": c["claim"],
        "url": public_url(c["claim"], base),
        "role": c["role"],
        "subject": term_json(Term("uri", c["subject"]), base, names),
        "predicate": _prop(c["predicate"], names),
        "object": term_json(c["object"], base, names),
        "object_as_written": c["object_as_written"],
        "valid_from": c["valid_from"],
        "valid_until": c["valid_until"],
        "rank": _short(c["rank"]),
        "kind": _short(c["kind"]),
        "source": c["source"],
        "evidence": c["evidence"],
    }


def source(store: GraphStore, iri: str, text: str | None) -> dict:
    ref = iri_ref(iri)
    if not exists(store, iri):
        raise errors.not_found(f"no source {iri}")
    meta: dict[str, list] = defaultdict(list)
    for row in store.select(f"SELECT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o"):
        meta[curie(row["p"].value)].append(
            row["o"].value if not row["o"].lang else {"value": row["o"].value,
                                                      "lang": row["o"].lang})
    rows = store.select(P + f"""
        SELECT DISTINCT ?a ?src ?exact ?prefix ?suffix ?start ?end ?c WHERE {{
          ?a oa:hasTarget ?t . ?t oa:hasSource {ref} . BIND({ref} AS ?src)
          OPTIONAL {{ ?c gy:evidence ?a }}
          OPTIONAL {{ ?t oa:hasSelector ?qs . ?qs a oa:TextQuoteSelector ; oa:exact ?exact .
                     OPTIONAL {{ ?qs oa:prefix ?prefix }} OPTIONAL {{ ?qs oa:suffix ?suffix }} }}
          OPTIONAL {{ ?t oa:hasSelector ?ps . ?ps a oa:TextPositionSelector ;
                     oa:start ?start ; oa:end ?end }}
        }} ORDER BY ?start ?a ?c""")
    spans: dict[str, dict] = {}
    for row in rows:
        a = row["a"].value
        if a not in spans:
            span = _evidence(row)
            span["claims"] = []
            if text is not None and span["start"] is not None and span["end"] is not None:
                span["matches_text"] = text[span["start"]:span["end"]] == span["quote"]
            spans[a] = span
        if "c" in row and row["c"].value not in spans[a]["claims"]:
            spans[a]["claims"].append(row["c"].value)
    spans_list = sorted(spans.values(), key=lambda s: (s["start"] is None, s["start"] or 0))
    return {"iri": iri, "id": local_id(iri), "metadata": dict(meta), "text": text,
            "length": len(text) if text is not None else None, "evidence": spans_list}


def conflicts(store: GraphStore, base: str) -> list[dict]:
    rows = store.select(P + """
        SELECT ?d ?p ?o WHERE { ?d a gy:Disagreement ; ?p ?o } ORDER BY ?d ?p ?o""")
    claim_rows = store.select(P + """
        SELECT DISTINCT ?d ?c ?s ?pred ?o ?source ?rank WHERE {
          ?d a gy:Disagreement ; ?link ?c . ?c a gy:Claim ; gy:subject ?s ; gy:predicate ?pred .
          OPTIONAL { ?c gy:object ?o } OPTIONAL { ?c gy:statedIn ?source }
          OPTIONAL { ?c gy:rank ?rank }
        } ORDER BY ?d ?c""")
    rationale = {PREFIXES[p.split(":")[0]] + p.split(":")[1] for p in RATIONALE_PROPS}
    typ = {PREFIXES[p.split(":")[0]] + p.split(":")[1] for p in TYPE_PROPS}
    out: dict[str, dict] = {}
    for row in rows:
        d = out.setdefault(row["d"].value, {"disagreement": row["d"].value,
                                            "url": public_url(row["d"].value, base),
                                            "types": [], "rationale": [], "claims": []})
        p, o = row["p"].value, row["o"]
        if p in typ:
            d["types"].append(curie(o.value) if o.is_iri else o.value)
        elif p in rationale and not o.is_iri:
            d["rationale"].append({"value": o.value, "lang": o.lang})
    claim_iris = sorted({r["c"].value for r in claim_rows})
    evidence: dict[str, list] = defaultdict(list)
    for ev in evidence_of(store, claim_iris):
        evidence[ev.pop("claim")].append(ev)
    iris = {r["s"].value for r in claim_rows} | {r["pred"].value for r in claim_rows}
    iris |= {r["o"].value for r in claim_rows if "o" in r and r["o"].is_iri}
    names = labels_of(store, iris)
    for row in claim_rows:
        out[row["d"].value]["claims"].append({
            "claim": row["c"].value, "subject": term_json(row["s"], base, names),
            "predicate": _prop(row["pred"].value, names),
            "object": term_json(row.get("o"), base, names), "source": _v(row, "source"),
            "rank": _short(_v(row, "rank")), "evidence": evidence.get(row["c"].value, []),
        })
    for d in out.values():
        sources = {c["source"] for c in d["claims"] if c["source"]}
        d["sources"] = sorted(sources)
        d["scope"] = "across sources" if len(sources) > 1 else "within a source"
    return list(out.values())


def classes(store: GraphStore, base: str) -> list[dict]:
    rows = store.select("""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(isIRI(?class)) }
        GROUP BY ?class ORDER BY DESC(?n) ?class""")
    names = labels_of(store, {r["class"].value for r in rows})
    return [{"iri": r["class"].value, "curie": curie(r["class"].value),
             "label": names.get(r["class"].value, {}), "instances": int(r["n"].value)}
            for r in rows]


def instances(store: GraphStore, class_iri: str, base: str, limit: int,
              offset: int) -> tuple[int, list[dict]]:
    ref = iri_ref(class_iri)
    total = int(store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a {ref} }}")[0]
                ["n"].value)
    rows = store.select(f"SELECT DISTINCT ?s WHERE {{ ?s a {ref} }} ORDER BY ?s"
                        f" LIMIT {int(limit)} OFFSET {int(offset)}")
    names = labels_of(store, {r["s"].value for r in rows})
    return total, [{"iri": r["s"].value, "id": local_id(r["s"].value),
                    "url": public_url(r["s"].value, base), "label": names.get(r["s"].value, {})}
                   for r in rows]
