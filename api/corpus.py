"""The source texts as the service finds them: a source id as a route receives it (checked by
the one rule, gongyun.namespaces.SOURCE_ID), the id of a source IRI, and a source's text read
from the corpus directory (`<id>_*.txt`, the file name the build's graph/sources.yaml records).
The REST route, the source reader, the entity pages, the home page and /api/conflicts look a
text or an id up here."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from gongyun.api import errors
from gongyun.namespaces import SOURCE_ID


def check_source_id(ident: str) -> str:
    """`ident` when it is a source id (three digits: 001), else a 400."""
    if not SOURCE_ID.fullmatch(ident):
        raise errors.bad_request(f"{ident!r} is not a source id such as 001")
    return ident


def source_ident(source_iri: str | None) -> str | None:
    """The id of a source IRI (…/resource/source/001 -> 001)."""
    return source_iri.rsplit("/", 1)[-1] if source_iri else None


def source_text(corpus_dir: Path, ident: str | None) -> str | None:
    """The text of source `ident`, or None when the corpus directory does not hold it."""
    if not ident:
        return None
    files = sorted(corpus_dir.glob(f"{ident}_*.txt")) if corpus_dir.is_dir() else []
    return _read(files[0], files[0].stat().st_mtime) if files else None


@lru_cache(maxsize=16)
def _read(path: Path, _mtime: float) -> str:
    return path.read_text(encoding="utf-8")
