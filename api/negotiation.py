"""Content negotiation: the one place a response format is chosen (Accept with q-values, or a
`format` parameter for clients that cannot set headers). Which pyoxigraph format writes or reads
a media type or a file extension is pyoxigraph's own table (RdfFormat.from_media_type,
from_extension), through the functions at the end."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from gongyun.api.errors import not_acceptable

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
RDFXML = "application/rdf+xml"
JSONLD = "application/ld+json"
TRIG = "application/trig"
HTML = "text/html"
JSON = "application/json"

# Offers in server preference order (the first wins ties and an absent Accept).
RESULT_TYPES = [SPARQL_JSON, SPARQL_XML, CSV, TSV, JSON, "application/xml", "text/xml"]
RDF_TYPES = [TURTLE, NTRIPLES, RDFXML, JSONLD, TRIG, NQUADS]
GRAPH_TYPES = [*RDF_TYPES, "application/xml", "text/xml"]
# A resource's description has a stable URL per format: /resource/<local>.ttl, .jsonld, .nt.
RESOURCE_TYPES = [TURTLE, JSONLD, NTRIPLES]

# Aliases that are accepted with the canonical writer behind them.
CANONICAL = {JSON: SPARQL_JSON, "application/xml": SPARQL_XML, "text/xml": SPARQL_XML}
CANONICAL_GRAPH = {"application/xml": RDFXML, "text/xml": RDFXML}

# `format=` short names; each lists candidates, the first one on offer is used.
FORMAT_NAMES: dict[str, list[str]] = {
    "json": [SPARQL_JSON, JSONLD, JSON],
    "srj": [SPARQL_JSON],
    "xml": [SPARQL_XML, RDFXML],
    "srx": [SPARQL_XML],
    "csv": [CSV],
    "tsv": [TSV],
    "turtle": [TURTLE],
    "ttl": [TURTLE],
    "nt": [NTRIPLES],
    "ntriples": [NTRIPLES],
    "n-triples": [NTRIPLES],
    "nq": [NQUADS],
    "nquads": [NQUADS],
    "n-quads": [NQUADS],
    "rdfxml": [RDFXML],
    "rdf": [RDFXML],
    "jsonld": [JSONLD],
    "json-ld": [JSONLD],
    "trig": [TRIG],
    "html": [HTML],
}

@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 type/*, 1 */*), 0 when it does not match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == main and self.subtype == "*":
            return 2
        if self.type == main and self.subtype == sub:
            return 3
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    ranges = []
    for order, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        main, _, sub = media.partition("/")
        ranges.append(MediaRange(main, sub, q, order))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q-value the client gives `media_type`: from the most specific range that matches."""
    best = (0, 0.0)
    for r in ranges:
        spec = r.matches(media_type)
        if spec > best[0]:
            best = (spec, r.q)
    return best[1]


def choose(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers most (server order breaks ties); None when none fits."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    scored = [(quality(ranges, offer), -i, offer) for i, offer in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None


def from_format(name: str, offers: list[str]) -> str | None:
    name = name.strip().lower()
    candidates = FORMAT_NAMES.get(name, [name] if "/" in name else [])
    return next((c for c in candidates if c in offers), None)


def negotiate(accept: str | None, format_param: str | None, offers: list[str]) -> str:
    """The media type to answer with, or a 406 ApiError listing what is on offer."""
    if format_param:
        chosen = from_format(format_param, offers)
        if chosen is None:
            raise not_acceptable(
                f"format {format_param!r} is not available here; use one of "
                + ", ".join(_names_for(offers))
            )
        return chosen
    chosen = choose(accept, offers)
    if chosen is None:
        raise not_acceptable(f"none of {accept!r} can be produced; available: " + ", ".join(offers))
    return chosen


def _names_for(offers: list[str]) -> list[str]:
    names = [n for n, cands in FORMAT_NAMES.items() if any(c in offers for c in cands)]
    return names + [o for o in offers if "/" in o]


def rdf_format(media_type: str) -> ox.RdfFormat:
    """The pyoxigraph format of an RDF media type; ValueError for any other."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"{media_type} is no RDF format")
    return fmt


def suffix_of(media_type: str) -> str:
    """The file suffix of an RDF media type: .ttl for text/turtle."""
    return "." + rdf_format(media_type).file_extension


# RDF/XML files are also written .owl (ontologies); pyoxigraph does not know that extension.
_EXTENSION_ALIASES = {"owl": "rdf"}


def file_format(path: Path) -> ox.RdfFormat | None:
    """The RDF format of a file by its extension (any case); None when it names none."""
    extension = path.suffix.lower().removeprefix(".")
    return ox.RdfFormat.from_extension(_EXTENSION_ALIASES.get(extension, extension)) \
        if extension else None


def file_media_type(path: Path) -> str | None:
    """The media type of an RDF file by its extension (a dump: .nq, .trig, .ttl, .nt, .jsonld)."""
    fmt = file_format(path)
    return fmt.media_type if fmt else None
