"""`gongyun source add FILE --id NNN --title-zh …`: a new text into the corpus.

The text is copied byte for byte into graph/corpus/ as `<id>_<first 16 hex digits of its
sha256>.txt` and registered in graph/sources.yaml with its checksum and `complete: false`;
offsets are code points of the stored file, paragraphs its lines (as `gongyun build` numbers
them). A file that is not UTF-8 plain text, is empty, is already in the corpus (same sha256), or
asks for an id already taken is refused with a message and nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gongyun.graph import yamlfile
from gongyun.graph.sources import BIBLIOGRAPHIC
from gongyun.graph.yamlfile import load
from gongyun.paths import GRAPH_DIR

ID = re.compile(r"^\d{3}$")
# Control characters a plain text does not hold (tab and line feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Refused(ValueError):
    """The text cannot be added; nothing was written."""


@dataclass(frozen=True)
class Added:
    id: str
    file: Path
    sha256: str
    characters: int
    paragraphs: list[str]


def _read_text(path: Path) -> tuple[bytes, str]:
    if not path.is_file():
        raise Refused(f"{path}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise Refused(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(f"{path}: not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); "
                      "save the text as UTF-8 and try again") from None
    if text.startswith("\ufeff"):
        raise Refused(f"{path}: starts with a byte-order mark (U+FEFF); save it as UTF-8 "
                      "without BOM, or the mark would be character 0 of the text")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        what = ("a carriage return (Windows line ends: save with LF line ends, one paragraph "
                "a line)" if bad.group() == "\r" else f"control character {bad.group()!r}")
        raise Refused(f"{path}: not plain text: {what} on line {line}")
    return raw, text


def _taken(source_id: str, entries: list[dict], corpus: Path, annotations: Path) -> str | None:
    if any(str(e.get("id")) == source_id for e in entries):
        return "graph/sources.yaml"
    clash = sorted(corpus.glob(f"{source_id}_*.txt"))
    if clash:
        return f"graph/corpus/{clash[0].name}"
    if (annotations / source_id).exists():
        return f"graph/annotations/{source_id}/"
    return None


def _yaml_string(value: str) -> str:
    """One YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def registry_entry(source_id: str, file_name: str, sha256: str, title_zh: str,
                   title_en: str | None, covers: str | None, language: str,
                   bibliographic: dict[str, str | None]) -> str:
    """The sources.yaml block for a new text, in the file's own layout (appended as text, so
    every comment and entry above it stays as it is)."""
    lines = [
        f"- id: {_yaml_string(source_id)}",
        f"  file: {file_name}",
        f"  sha256: {sha256}",
        f"  language: {language}",
        "  title:",
        f"    zh: {_yaml_string(title_zh)}",
        f"    en: {_yaml_string(title_en) if title_en else 'null'}",
        f"  covers: {_yaml_string(covers) if covers else 'null'}",
        "  bibliographic_record: null",
        "  bibliographic:  # fill as the book is identified; each field filled reaches the graph",
    ]
    for key in BIBLIOGRAPHIC:
        value = bibliographic.get(key)
        lines.append(f"    {key}: {_yaml_string(value) if value else 'null'}")
    lines.append("  complete: false")
    return "\n".join(lines) + "\n"


def _write_atomically(path: Path, data: bytes) -> None:
    """The text's bytes as they are (yamlfile.write_text writes YAML only)."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def add_source(path: Path, source_id: str, title_zh: str, title_en: str | None = None,
               covers: str | None = None, language: str = "zh-Hans",
               bibliographic: dict[str, str | None] | None = None,
               graph_dir: Path = GRAPH_DIR) -> Added:
    """Copy and register the text; raises Refused (nothing written) when it cannot."""
    if not ID.match(source_id):
        raise Refused(f"--id {source_id!r}: a source id is three digits (e.g. 003)")
    if not title_zh.strip():
        raise Refused("--title-zh is empty: give the text a Chinese title (a supplied one is fine)")
    raw, text = _read_text(path)
    sources_file, corpus = graph_dir / "sources.yaml", graph_dir / "corpus"
    entries = (load(sources_file) or []) if sources_file.exists() else []
    where = _taken(source_id, entries, corpus, graph_dir / "annotations")
    if where:
        raise Refused(f"id {source_id} is already taken ({where}); choose another")
    sha256 = hashlib.sha256(raw).hexdigest()
    for entry in entries:
        if entry.get("sha256") == sha256:
            raise Refused(f"{path}: identical to source {entry.get('id')} ({entry.get('file')}, "
                          "same sha256); it is already in the corpus")
    for existing in sorted(corpus.glob("*.txt")):
        if hashlib.sha256(existing.read_bytes()).hexdigest() == sha256:
            raise Refused(f"{path}: identical to graph/corpus/{existing.name} (same sha256); "
                          "it is already in the corpus")
    file_name = f"{source_id}_{sha256[:16]}.txt"
    target = corpus / file_name
    block = registry_entry(source_id, file_name, sha256, title_zh.strip(), title_en, covers,
                           language, bibliographic or {})
    old = sources_file.read_bytes() if sources_file.exists() else b""
    joiner = b"" if not old or old.endswith(b"\n") else b"\n"
    corpus.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, raw)
    try:
        yamlfile.write_text(sources_file, (old + joiner).decode("utf-8") + block)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Added(source_id, target, sha256, len(text), text.split("\n"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="copy a new text into the corpus and register it",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add.add_argument("file", type=Path, help="the text: UTF-8, plain text, one paragraph a line")
    add.add_argument("--id", required=True, help="the new source id, three digits (e.g. 003)")
    add.add_argument("--title-zh", required=True, help="the Chinese title (supplied if need be)")
    add.add_argument("--title-en", help="the English title (else the pinyin stands in)")
    add.add_argument("--covers", help="what the text covers, in English: period, places, subjects")
    add.add_argument("--language", default="zh-Hans", help="BCP 47 tag (default zh-Hans)")
    for key in BIBLIOGRAPHIC:
        add.add_argument(f"--{key}", help=f"bibliographic field {key!r} (or fill it later)")
    add.add_argument("--graph-dir", type=Path, default=GRAPH_DIR, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    try:
        added = add_source(args.file, args.id, args.title_zh, args.title_en, args.covers,
                           args.language, {k: getattr(args, k) for k in BIBLIOGRAPHIC},
                           graph_dir=args.graph_dir)
    except Refused as exc:
        print(f"gongyun source add: refused: {exc}; nothing was written", file=sys.stderr)
        return 2
    print(f"source {added.id}: {added.file.name} ({added.characters} characters, sha256 "
          f"{added.sha256}), registered in graph/sources.yaml with complete: false")
    lines = [n for n, p in enumerate(added.paragraphs, start=1) if p]
    print(f"paragraphs (lines, numbered as the build numbers them): {len(lines)} with text")
    for number, paragraph in enumerate(added.paragraphs, start=1):
        if paragraph:
            print(f"  p{number:02d} ({len(paragraph)} characters): {paragraph[:24]}…")
    print(f"next: gongyun draft {added.id}")
    return 0
