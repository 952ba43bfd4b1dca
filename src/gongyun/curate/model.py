"""What the workbench shows of a source: each paragraph's text cut into highlighted segments,
the proposals and curated annotations in it (where their words are), its review state and the
version of its file (for conflicts)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongyun.graph.annotations import draft_only_keys
from gongyun.graph.evidence import QuoteError, locate
from gongyun.graph.problems import Problems
from gongyun.graph.sources import Source, load_sources
from gongyun.graph.yamlfile import LINE_KEY, fields, load

# What a claim's words are, in the order a highlight looks for them in the quote.
WORD_KEYS = ("as", "quantity", "date", "text", "role")
KIND_ORDER = ("entity", "evidence", "claim", "mention", "value")
ABSENT = "absent"


def file_version(path: Path) -> str:
    """The version of a file a page edits: the sha256 of its bytes (`absent` before it
    exists). A save names the version it was made on; another means a conflict."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ABSENT


def paragraph_file(graph_dir: Path, source: str, number: int) -> Path:
    return graph_dir / "annotations" / source / f"p{number:02d}.yaml"


@dataclass
class Item:
    """One thing to judge: a proposal (it has a reason) or a curated annotation."""

    kind: str  # entity | evidence | claim | mention | value
    id: str
    data: dict
    evidence: str | None = None
    start: int | None = None  # code points, in the paragraph
    end: int | None = None
    line: int | None = None  # in the file, for the build's findings

    @property
    def proposal(self) -> bool:
        return "reason" in self.data

    @property
    def words(self) -> str | None:
        if self.kind == "entity":
            return self.data.get("zh")
        return next((str(self.data[k]) for k in WORD_KEYS if self.data.get(k)), None)

    def summary(self) -> str:
        d = self.data
        if self.kind == "entity":
            classes = d.get("class", "")
            classes = " + ".join(classes) if isinstance(classes, list) else classes
            return f"{classes} · {d.get('zh', '')}" + (f" · {d['en']}" if d.get("en") else "")
        if self.kind == "claim":
            value = next((f"{k}: {d[k]}" for k in ("o", "date", "quantity", "text", "value")
                          if k in d), "")
            return f"{d.get('s', '')} — {d.get('p', '')} — {value}"
        if self.kind == "mention":
            target = d.get("o") or " | ".join(d.get("candidates") or [])
            return f"{d.get('as', '')} → {target}"
        if self.kind == "value":
            return next((f"{k}: {d[k]}" for k in ("quantity", "date") if k in d), "")
        return str(d.get("quote", ""))


@dataclass
class Segment:
    text: str
    start: int
    items: list[str]  # item ids covering it
    kinds: list[str]


@dataclass
class Paragraph:
    number: int
    text: str
    start: int  # offset of the paragraph in the source
    file: Path
    version: str
    review: str | None = None
    curator: str | None = None
    items: list[Item] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # quotes that could not be located
    raw: str = ""

    @property
    def proposals(self) -> int:
        return sum(1 for i in self.items if i.proposal or i.kind in ("mention", "value"))

    def segments(self, uncovered: list[tuple[int, int]] = ()) -> list[Segment]:
        """The text cut where any item or uncovered item starts or ends."""
        marks = {0, len(self.text)}
        spans = [(i.start, i.end, i.id, i.kind) for i in self.items if i.start is not None]
        spans += [(s, e, f"uncovered-{n}", "uncovered") for n, (s, e) in enumerate(uncovered)]
        for s, e, _, _ in spans:
            marks |= {s, e}
        cuts = sorted(m for m in marks if 0 <= m <= len(self.text))
        out = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = sorted((e - s, ident, kind) for s, e, ident, kind in spans
                              if s <= a and b <= e and s < e)
            out.append(Segment(self.text[a:b], a, [c[1] for c in covering],
                               sorted({c[2] for c in covering}, key=_kind_rank)))
        return out


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def load_source(graph_dir: Path, source_id: str) -> Source:
    sources = load_sources(Problems(), graph_dir / "sources.yaml")
    if source_id not in sources:
        raise KeyError(source_id)
    return sources[source_id]


def _find(text: str, words: str | None, lo: int, hi: int) -> tuple[int | None, int | None]:
    if not words:
        return None, None
    at = text.find(words, lo, hi)
    return (at, at + len(words)) if at != -1 else (None, None)


def read_paragraph(graph_dir: Path, source: Source, number: int) -> Paragraph:
    text = source.paragraphs[number - 1]
    path = paragraph_file(graph_dir, source.id, number)
    para = Paragraph(number, text, source.paragraph_start(number), path, file_version(path))
    if not path.exists():
        return para
    para.raw = path.read_text(encoding="utf-8")
    doc = load(path) or {}
    para.review, para.curator = doc.get("review"), doc.get("curator")
    for raw in doc.get("entities") or []:
        item = Item("entity", str(raw.get("id", "")), _plain(raw), line=raw.get(LINE_KEY))
        item.start, item.end = _find(text, item.words, 0, len(text))
        para.items.append(item)
    for raw in doc.get("evidence") or []:
        ev = Item("evidence", str(raw.get("id", "")), _plain(raw), line=raw.get(LINE_KEY))
        try:
            located = locate(source.text, para.start, text, str(raw.get("quote", "")),
                             raw.get("prefix"), raw.get("suffix"))
            ev.start, ev.end = located.start - para.start, located.end - para.start
        except QuoteError as exc:
            para.errors.append(f"{ev.id}: {exc}")
        para.items.append(ev)
        for key, kind in (("claims", "claim"), ("mentions", "mention"), ("values", "value")):
            for sub in raw.get(key) or []:
                item = Item(kind, str(sub.get("id", "")), _plain(sub), ev.id,
                            line=sub.get(LINE_KEY))
                if ev.start is not None:
                    item.start, item.end = _find(text, item.words, ev.start, ev.end)
                    if item.start is None and kind == "claim":
                        item.start, item.end = ev.start, ev.end
                para.items.append(item)
    return para


def _plain(raw: Any) -> Any:
    if isinstance(raw, dict):
        return {k: _plain(v) for k, v in fields(raw).items()}
    if isinstance(raw, list):
        return [_plain(v) for v in raw]
    return raw


def read_source(graph_dir: Path, source_id: str) -> tuple[Source, list[Paragraph]]:
    source = load_source(graph_dir, source_id)
    paragraphs = [read_paragraph(graph_dir, source, n)
                  for n in range(1, len(source.paragraphs) + 1)]
    return source, paragraphs


def has_draft_keys(data: Any) -> bool:
    """Whether a file's data still holds anything only a draft may hold."""
    return bool(draft_only_keys(data))
