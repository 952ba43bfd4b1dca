"""/api/sources/{id}: a source's metadata, its text and the evidence spans on it."""

from __future__ import annotations

from fastapi import APIRouter

from gongyun.api import corpus, entity, errors
from gongyun.api.deps import SettingsDep, StoreDep
from gongyun.namespaces import resource_iri, source_id

router = APIRouter(prefix="/api", tags=["sources"], responses=errors.COMMON_ERRORS)


@router.get("/sources/{ident}", summary="A source text with its evidence spans")
def get_source(ident: str, store: StoreDep, settings: SettingsDep) -> dict:
    """`ident` is the three-digit source id (001). Offsets count code points, end exclusive;
    `matches_text` says whether the text at the offsets is the quote."""
    corpus.check_source_id(ident)
    text = corpus.source_text(settings.corpus_dir, ident)
    return entity.source(store, resource_iri(source_id(ident)), text)
