"""`gongyun export --out DIR`: the graph as CSV tables for spreadsheets and pandas.

    entities.csv        one row per entity: id, IRI, classes, labels (zh, pinyin, en), aliases
    claims.csv          one row per claim and piece of evidence: subject, predicate, object
                        (id or literal, its label, a time window's EDTF or a quantity's value as
                        written), rank, kind, source, and the evidence: quote, prefix, suffix,
                        start and end (code points, end exclusive) in the source text
    disagreements.csv   one row per disagreement and claim it links: type, rationale, claim,
                        the claim's source

Files are UTF-8 with a byte-order mark (Excel then reads Chinese correctly; pandas and Python's
csv with encoding="utf-8-sig" drop it), comma-separated, quoted as needed, sorted, so two exports
of the same graph are byte-identical. The input is the build's N-Quads dump.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pyoxigraph as ox

from gongyun.namespaces import local_id, short_form, sparql_prefixes

P = sparql_prefixes()
RECONCILABLE = ("place/", "org/", "armed/", "ent/", "facility/", "line/", "person/", "group/",
                "set/", "work/", "event/")

ENTITIES = P + """
SELECT ?s
  (GROUP_CONCAT(DISTINCT ?cls; separator=" ") AS ?classes)
  (SAMPLE(?zh) AS ?label_zh) (SAMPLE(?py) AS ?label_pinyin) (SAMPLE(?en) AS ?label_en)
  (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases)
WHERE {
  GRAPH ?g { ?s a ?t } FILTER(?g IN (gyg:entities, gyg:gazetteer))
  BIND(REPLACE(STR(?t), "^.*[#/]", "") AS ?cls)
  OPTIONAL { ?s rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?s rdfs:label ?py FILTER(LANGMATCHES(LANG(?py), "zh-Latn-pinyin")) }
  OPTIONAL { ?s rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?s skos:altLabel|skos:hiddenLabel ?alias }
} GROUP BY ?s"""

CLAIMS = P + """
SELECT ?c ?s ?p ?o ?rank ?kind ?src ?a ?exact ?prefix ?suffix ?start ?end ?edtf ?written ?value
WHERE {
  ?c a gy:Claim ; gy:subject ?s ; gy:predicate ?p ; gy:object ?o .
  OPTIONAL { ?c gy:rank ?rank } OPTIONAL { ?c gy:claimKind ?kind }
  OPTIONAL { ?c gy:statedIn ?src }
  OPTIONAL { ?o gy:edtf ?edtf } OPTIONAL { ?o gy:asWritten ?written }
  OPTIONAL { ?o gy:value ?value }
  OPTIONAL {
    ?c gy:evidence ?a . ?a oa:hasTarget ?t .
    OPTIONAL { ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
               OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } }
    OPTIONAL { ?t oa:hasSelector ?pos . ?pos a oa:TextPositionSelector ;
               oa:start ?start ; oa:end ?end }
  }
}"""

DISAGREEMENTS = P + """
SELECT ?d ?type ?rationale ?c ?src WHERE {
  ?d a gy:Disagreement ; gy:between ?c .
  OPTIONAL { ?d gy:disagreementType ?type }
  OPTIONAL { ?d gy:rationale ?rationale }
  OPTIONAL { ?c gy:statedIn ?src }
}"""

LABELS = P + """
SELECT ?s ?l WHERE { ?s rdfs:label ?l . FILTER(LANG(?l) = "zh" || LANG(?l) = "en") }"""

TABLES = {
    "entities.csv": ["id", "iri", "classes", "label_zh", "label_pinyin", "label_en", "aliases"],
    "claims.csv": ["claim", "subject", "subject_label", "predicate", "object", "object_label",
                   "object_as_written", "rank", "kind", "source", "annotation", "quote", "prefix",
                   "suffix", "start", "end"],
    "disagreements.csv": ["disagreement", "type", "rationale", "claim", "source"],
}


def short(term) -> str:
    """Our IRIs as local ids (org/shanxi-gtu), vocabulary terms as gy:Name, literals as text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_form(term.value)
    return term.value


def _labels(store: ox.Store) -> dict[str, str]:
    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for row in store.query(LABELS, use_default_graph_as_union=True):
        target = zh if row["l"].language == "zh" else en
        target.setdefault(row["s"].value, row["l"].value)
    return {**en, **zh}


def rows(store: ox.Store) -> dict[str, list[list[str]]]:
    union = {"use_default_graph_as_union": True}
    labels = _labels(store)
    out: dict[str, list[list[str]]] = {name: [] for name in TABLES}
    for r in store.query(ENTITIES, **union):
        iri = r["s"].value
        local = local_id(iri) or ""
        # place/x/geometry, place/x/part-of/1…: parts of an entity's description, not entities
        if not local.startswith(RECONCILABLE) or local.count("/") != 1:
            continue
        out["entities.csv"].append([short(r["s"]), iri, *(short(r[v]) for v in (
            "classes", "label_zh", "label_pinyin", "label_en", "aliases"))])
    for r in store.query(CLAIMS, **union):
        written = r["edtf"] or r["value"]
        as_written = short(r["written"])
        if written is not None and as_written:
            as_written = f"{short(written)} ({as_written})"
        elif written is not None:
            as_written = short(written)
        obj = r["o"]
        out["claims.csv"].append([
            short(r["c"]), short(r["s"]), labels.get(r["s"].value, ""), short(r["p"]),
            short(obj), labels.get(obj.value, "") if isinstance(obj, ox.NamedNode) else "",
            as_written, short(r["rank"]), short(r["kind"]), short(r["src"]), short(r["a"]),
            short(r["exact"]), short(r["prefix"]), short(r["suffix"]), short(r["start"]),
            short(r["end"])])
    for r in store.query(DISAGREEMENTS, **union):
        out["disagreements.csv"].append([short(r[v]) for v in ("d", "type", "rationale", "c",
                                                               "src")])
    for table in out.values():
        table.sort()
    return out


def export(nquads: Path, out_dir: Path) -> dict[str, int]:
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, table in rows(store).items():
        with (out_dir / name).open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(TABLES[name])
            writer.writerows(table)
        counts[name] = len(table)
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="directory to write entities.csv, claims.csv, disagreements.csv to")
    parser.add_argument("--nquads", type=Path, default=Path("build/dumps/gongyun.nq"),
                        metavar="FILE", help="the build's N-Quads dump (default %(default)s)")


def run(args: argparse.Namespace) -> int:
    if not args.nquads.is_file():
        print(f"gongyun export: {args.nquads}: no such file; run `gongyun build` first",
              file=sys.stderr)
        return 2
    for name, count in export(args.nquads, args.out).items():
        print(f"{args.out / name}: {count} rows")
    return 0
