"""/api/sources/{id}: a source's metadata, its text and the evidence spans on it."""

from __future__ import annotations

import re

from fastapi import APIRouter

from gongyun.api import entity, errors
from gongyun.api.deps import SettingsDep, StoreDep
from gongyun.namespaces import resource_iri, source_id

router = APIRouter(prefix="/api", tags=["sources"], responses=errors.COMMON_ERRORS)
SOURCE_ID = re.compile(r"^[0-9]{3}$")


@router.get("/sources/{ident}", summary="A source text with its evidence spans")
def get_source(ident: str, store: StoreDep, settings: SettingsDep) -> dict:
    """`ident` is the three-digit source id (001). Offsets count code points, end exclusive;
    `matches_text` says whether the text at the offsets is the quote."""
    if not SOURCE_ID.match(ident):
        raise errors.bad_request(f"{ident!r} is not a source id such as 001")
    files = sorted(settings.corpus_dir.glob(f"{ident}_*.txt"))
    text = files[0].read_text(encoding="utf-8") if files else None
    return entity.source(store, resource_iri(source_id(ident)), text)
