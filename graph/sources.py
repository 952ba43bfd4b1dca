"""The source texts: checksummed, described, and split into paragraphs with their offsets."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from gongyun.graph import terms as t
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import line_of, load
from gongyun.namespaces import source_id
from gongyun.paths import CORPUS_DIR, GRAPH_DIR

SOURCES_FILE = GRAPH_DIR / "sources.yaml"
TEXT_RIGHTS = (
    "The quoted text belongs to its authors and publisher (not identified); it is quoted "
    "here for scholarly annotation. Only the annotations and the graph are CC BY 4.0."
)


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
        file = CORPUS_DIR / entry["file"]
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
            title_en=entry["title"]["en"],
            covers=" ".join(entry["covers"].split()),
            bibliographic_record=entry.get("bibliographic_record"),
            complete=bool(entry.get("complete")),
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
        add(t.ns("rdfs", "label"), t.zh(source.title_zh))
        add(t.ns("rdfs", "label"), t.en(source.title_en))
        add(t.ns("dcterms", "title"), t.zh(source.title_zh))
        add(t.ns("dcterms", "title"), t.en(source.title_en))
        add(t.gy("titleSupplied"), t.boolean(True))
        add(t.ns("dcterms", "language"), t.typed(source.language, "language"))
        add(t.gy("covers"), t.en(source.covers))
        add(t.gy("characterCount"), t.integer(len(source.text)))
        add(t.gy("sha256"), t.typed(source.sha256, "string"))
        add(t.ns("dcterms", "identifier"), t.typed(source.file.name, "string"))
        add(t.gy("textRights"), t.en(TEXT_RIGHTS))
        if source.bibliographic_record:
            add(t.gy("bibliographicRecord"), t.typed(source.bibliographic_record, "string"))
