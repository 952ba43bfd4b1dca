"""/api/search: the label index (Chinese, aliases, historical names, pinyin with and without
tones, English), ranked and paginated, with an optional class filter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gongyun.api import errors
from gongyun.api.deps import PublicBaseDep, SettingsDep, StoreDep
from gongyun.api.entity import curie, public_url
from gongyun.api.pagination import paginate
from gongyun.api.search import class_iri
from gongyun.namespaces import local_id

router = APIRouter(prefix="/api", tags=["search"], responses=errors.COMMON_ERRORS)


@router.get("/search", summary="Find entities by any of their names")
def search(store: StoreDep, settings: SettingsDep, base: PublicBaseDep, q: str = "",
           cls: Annotated[str | None, Query(alias="class")] = None, page: int = 1,
           per_page: int = 20) -> dict:
    """`q`: words in Chinese, pinyin (tones optional) or English; `class`: a class (gy:Place,
    Place or a full IRI)."""
    if not q.strip():
        raise errors.bad_request("q is empty: give a name to look for")
    if len(q) > 200:
        raise errors.bad_request("q is longer than 200 characters")
    pages = paginate(page, per_page, settings.max_page_size)
    wanted = class_iri(cls) if cls else None
    result = store.labels.search(q, wanted, pages.per_page, pages.offset)
    return {
        "q": q, "class": wanted, **pages.meta(result.total),
        "items": [{"iri": h.iri, "id": local_id(h.iri), "url": public_url(h.iri, base),
                   "label": {"zh": h.zh, "pinyin": h.pinyin, "en": h.en},
                   "aliases": h.aliases, "classes": [curie(c) for c in h.classes],
                   "match": h.match} for h in result.hits],
    }
