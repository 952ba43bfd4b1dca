"""Links out: our places to GeoNames, only where the gazetteer confirmed the GeoNames id.

The mappings live in an SSSOM table, graph/mappings/gazetteer-geonames.sssom.tsv, written from
graph/gazetteer/places.yaml by this module (`python -m gongyun.graph.linksout --write`; `--check`
fails when the table is stale). The build turns the table into triples with `linksout_quads` in
the named graph https://w3id.org/gongyun/graph/links.

Which predicate:
- skos:exactMatch for a city, town or port: the GeoNames populated place is the same settlement;
- skos:closeMatch for a county (GeoNames has its seat, a point, not the 1937-1945 county), a
  colony (Hong Kong) and a place whose boundaries changed or that was merged or abolished
  (`names` relations renamed-with-boundary-change, merged-into, abolished).
Never owl:sameAs: a GeoNames feature is a record about a place today, with its own properties;
sameAs would merge its statements with ours. `linksout_quads` refuses any other predicate.

Confidence comes from the distance between GeoNames' point and the curator's independent
estimate (recorded by scripts/verify_geonames.py in the coordinates' reason): 0.95 within 5 km,
0.9 within 20 km, 0.8 beyond. Wikidata: no data set on this machine confirms Wikidata ids for our
places, so there are no Wikidata links (see docs/integration.md).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from gongyun.graph.gazetteer import load_places
from gongyun.namespaces import (
    CC_BY,
    GEONAMES,
    MAPPINGS,
    PREFIXES,
    RESOURCE,
    graph_iri,
    prefixed,
)

HERE = Path(__file__).resolve().parent
SSSOM_FILE = HERE / "mappings" / "gazetteer-geonames.sssom.tsv"
LINKS_GRAPH = graph_iri("links")
ALLOWED = {"skos:exactMatch": prefixed("skos", "exactMatch"),
           "skos:closeMatch": prefixed("skos", "closeMatch")}
CLOSE_TYPES = {"county", "colony"}
CLOSE_RELATIONS = {"renamed-with-boundary-change", "merged-into", "abolished"}
COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
           "mapping_justification", "confidence", "mapping_tool", "comment"]
HEADER = f"""# curie_map:
#   gyr: {RESOURCE}
#   geonames: {GEONAMES}
#   skos: {PREFIXES["skos"]}
#   semapv: https://w3id.org/semapv/vocab/
# mapping_set_id: {MAPPINGS}gazetteer-geonames.sssom.tsv
# mapping_set_description: Gongyun gazetteer places to GeoNames features, only where
#   scripts/verify_geonames.py confirmed the id. Written by python -m gongyun.graph.linksout
#   --write from graph/gazetteer/places.yaml; do not edit by hand.
# license: {CC_BY}
# subject_source: {graph_iri("gazetteer")}
# object_source: https://www.geonames.org/
"""
_REASON = re.compile(r"GeoNames (\d+) ([^;]+); ([\d.]+) km")


def _predicate(place: dict) -> str:
    relations = {r.get("relation") for r in place.get("names") or []}
    if place.get("type") in CLOSE_TYPES or relations & CLOSE_RELATIONS:
        return "skos:closeMatch"
    return "skos:exactMatch"


def _confidence(km: float) -> float:
    return 0.95 if km <= 5 else 0.9 if km <= 20 else 0.8


def mapping_rows(places: list[dict]) -> list[dict[str, str]]:
    rows = []
    for place in places:
        if not place.get("geonames"):
            continue
        coords = place.get("coordinates") or {}
        found = _REASON.search(str(coords.get("reason", "")))
        if not found or int(found.group(1)) != int(place["geonames"]):
            raise ValueError(f"{place['id']}: geonames {place['geonames']} has no matching"
                             " confirmation in coordinates.reason (run scripts/verify_geonames.py)")
        gid, gname, km = found.group(1), found.group(2).strip(), float(found.group(3))
        predicate = _predicate(place)
        rows.append({
            "subject_id": "gyr:" + place["id"],
            "subject_label": str(place["zh"]),
            "predicate_id": predicate,
            "object_id": f"geonames:{gid}/",
            "object_label": gname,
            "mapping_justification": "semapv:CompositeMatching",
            "confidence": f"{_confidence(km):.2f}",
            "mapping_tool": f"scripts/verify_geonames.py; {coords.get('source', '')}",
            "comment": f"GeoNames name is one of the place's names; {km:g} km from the"
                       " curator's own estimate" + ("" if predicate == "skos:exactMatch" else
                                                    f"; close, not exact: {place['type']}"
                                                    " or changed boundaries"),
        })
    return sorted(rows, key=lambda r: r["subject_id"])


def render(rows: list[dict[str, str]], columns: list[str] = COLUMNS,
           head: str = HEADER) -> str:
    """An SSSOM table (or any TSV): the commented YAML header, then the rows."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, delimiter="\t", lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return head + buf.getvalue()


def read_sssom(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    bases = {"gyr": RESOURCE, "geonames": GEONAMES}
    if prefix not in bases:
        raise ValueError(f"unknown prefix in {curie!r}")
    return bases[prefix] + local


def linksout_quads(path: Path = SSSOM_FILE) -> list[Quad]:
    """The SSSOM table as quads in gyg:links: subject, skos:exactMatch/closeMatch, object."""
    graph = NamedNode(LINKS_GRAPH)
    quads = []
    for n, row in enumerate(read_sssom(path), 1):
        predicate = ALLOWED.get(row["predicate_id"])
        if predicate is None:
            raise ValueError(f"{path}: row {n}: predicate {row['predicate_id']!r} is not one of"
                             f" {sorted(ALLOWED)} (never owl:sameAs)")
        quads.append(Quad(NamedNode(_expand(row["subject_id"])), NamedNode(predicate),
                          NamedNode(_expand(row["object_id"])), graph))
    return quads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write or check the GeoNames SSSOM table")
    parser.add_argument("--write", action="store_true", help="rewrite the table")
    parser.add_argument("--check", action="store_true", help="fail when the table is stale")
    args = parser.parse_args(argv)
    text = render(mapping_rows(load_places()))
    code = sync({SSSOM_FILE: text}, "gongyun.graph.linksout", args.write, args.check)
    if args.write:
        print(f"{SSSOM_FILE}: {text.count(chr(10)) - HEADER.count(chr(10)) - 1} mappings")
    return code


def sync(texts: dict[Path, str], module: str, write: bool, check: bool) -> int:
    """Write generated tables (`write`), or say which are stale: 1 when stale and `check`."""
    if write:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return 0
    stale = [p.name for p, text in texts.items()
             if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if stale:
        print(f"stale: {', '.join(stale)}: run python -m {module} --write", file=sys.stderr)
    return 1 if stale and check else 0


if __name__ == "__main__":
    raise SystemExit(main())
