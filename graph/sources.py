"""The source texts: checksummed, described, and split into paragraphs with their offsets."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode

from gongyun.graph import terms as t
from gongyun.graph.names import pinyin_label
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import fields, line_of, load
from gongyun.namespaces import source_id
from gongyun.paths import CORPUS_DIR, GRAPH_DIR

SOURCES_FILE = GRAPH_DIR / "sources.yaml"
TEXT_RIGHTS = (
    "The quoted text belongs to its authors and publisher (not identified); it is quoted "
    "here for scholarly annotation. Only the annotations and the graph are CC BY 4.0."
)


# Bibliographic fields a curator fills as the book is identified (`gongyun source add` writes
# them empty); each filled one reaches gyg:sources: key -> (property, how the value is typed).
BIBLIOGRAPHIC: dict[str, tuple[str, str]] = {
    "author": ("dcterms:creator", "text"),
    "work": ("schema:isPartOf", "text"),
    "publisher": ("dcterms:publisher", "text"),
    "year": ("dcterms:issued", "text"),
    "pages": ("schema:pagination", "text"),
    "url": ("schema:url", "iri"),
    "licence": ("dcterms:license", "iri-or-text"),
}


@dataclass(frozen=True)
class Source:
    id: str
    file: Path
    sha256: str
    language: str
    title_zh: str
    title_en: str
    covers: str
    bibliographic_record: str | None
    complete: bool
    text: str
    line: int | None
    bibliographic: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n")

    def paragraph_start(self, number: int) -> int:
        """Code-point offset in the whole text where paragraph `number` (1-based) begins."""
        return sum(len(p) + 1 for p in self.paragraphs[: number - 1])

    def paragraph_of(self, offset: int) -> int:
        start = 0
        for number, paragraph in enumerate(self.paragraphs, start=1):
            if offset <= start + len(paragraph):
                return number
            start += len(paragraph) + 1
        return len(self.paragraphs)


def load_sources(problems: Problems, path: Path = SOURCES_FILE) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for entry in load(path):
        file = path.parent / CORPUS_DIR.name / entry["file"]
        raw = file.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry["sha256"]:
            problems.error(path, line_of(entry), f"{file.name}: sha256 {digest} != recorded")
        sources[str(entry["id"])] = Source(
            id=str(entry["id"]),
            file=file,
            sha256=digest,
            language=entry["language"],
            title_zh=entry["title"]["zh"],
            title_en=entry["title"].get("en") or "",
            covers=" ".join((entry.get("covers") or "").split()),
            bibliographic_record=entry.get("bibliographic_record"),
            complete=bool(entry.get("complete")),
            bibliographic={k: str(v) for k, v in fields(entry.get("bibliographic") or {}).items()
                           if k in BIBLIOGRAPHIC and v not in (None, "")},
            text=raw.decode("utf-8"),
            line=line_of(entry),
        )
    return sources


def source_quads(sources: dict[str, Source], sink: t.QuadSink) -> None:
    g = t.graph("sources")
    for source in sources.values():
        s = t.res(source_id(source.id))

        def add(p: t.NamedNode, o: object, s: t.NamedNode = s) -> None:
            sink.add(s, p, o, g)

        add(t.RDF_TYPE, t.gy("Source"))
        # Without an English title the pinyin of the Chinese one stands in (the shapes want an
        # English label); a curator replaces it in sources.yaml.
        title_en = source.title_en or pinyin_label(source.title_zh)
        add(t.ns("rdfs", "label"), t.zh(source.title_zh))
        add(t.ns("rdfs", "label"), t.en(title_en))
        add(t.ns("dcterms", "title"), t.zh(source.title_zh))
        add(t.ns("dcterms", "title"), t.en(title_en))
        add(t.gy("titleSupplied"), t.boolean(True))
        add(t.ns("dcterms", "language"), t.typed(source.language, "language"))
        if source.covers:
            add(t.gy("covers"), t.en(source.covers))
        add(t.gy("characterCount"), t.integer(len(source.text)))
        add(t.gy("sha256"), t.typed(source.sha256, "string"))
        add(t.ns("dcterms", "identifier"), t.typed(source.file.name, "string"))
        add(t.gy("textRights"), t.en(TEXT_RIGHTS))
        if source.bibliographic_record:
            add(t.gy("bibliographicRecord"), t.typed(source.bibliographic_record, "string"))
        for key, value in source.bibliographic.items():
            curie, kind = BIBLIOGRAPHIC[key]
            prefix, local = curie.split(":")
            is_iri = kind == "iri" or (kind == "iri-or-text" and value.startswith("http"))
            add(t.ns(prefix, local), NamedNode(value) if is_iri else t.typed(value, "string"))
