"""/api/conflicts: every gy:Disagreement with its type, rationale and claims (with their
sources and evidence), within a source and across sources."""

from __future__ import annotations

from fastapi import APIRouter

from gongyun.api import corpus, entity
from gongyun.api.deps import PublicBaseDep, StoreDep
from gongyun.api.errors import COMMON_ERRORS

router = APIRouter(prefix="/api", tags=["conflicts"], responses=COMMON_ERRORS)


@router.get("/conflicts", summary="Disagreements between claims")
def list_conflicts(store: StoreDep, base: PublicBaseDep, source: str | None = None) -> dict:
    """`source`: only disagreements involving that source (an id such as 001)."""
    items = entity.conflicts(store, base)
    if source:
        items = [d for d in items if source in map(corpus.source_ident, d["sources"])]
    return {"total": len(items), "items": items}
