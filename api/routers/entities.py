"""/api/entities/{id} and /api/classes: an entity as JSON, the classes and their instances."""

from __future__ import annotations

from fastapi import APIRouter

from gongyun.api import entity
from gongyun.api.deps import PublicBaseDep, SettingsDep, StoreDep
from gongyun.api.errors import COMMON_ERRORS
from gongyun.api.pagination import paginate
from gongyun.api.search import class_iri

router = APIRouter(prefix="/api", tags=["entities"], responses=COMMON_ERRORS)


@router.get("/entities/{ident:path}", summary="An entity: labels, names, types, links, claims")
def get_entity(ident: str, store: StoreDep, base: PublicBaseDep) -> dict:
    """`ident` is a local id (org/shanxi-gtu), a CURIE (gyr:org/shanxi-gtu) or a full IRI."""
    return entity.entity(store, entity.resolve_id(ident), base)


@router.get("/classes", summary="Every class with its number of instances")
def list_classes(store: StoreDep, base: PublicBaseDep) -> dict:
    return {"classes": entity.classes(store, base)}


@router.get("/classes/{cls}/instances", summary="The instances of a class, paginated")
def list_instances(cls: str, store: StoreDep, settings: SettingsDep, base: PublicBaseDep,
                   page: int = 1, per_page: int = 50) -> dict:
    """`cls` is a gy: local name (Organization), a CURIE (gy:Place) or a full IRI."""
    pages = paginate(page, per_page, settings.max_page_size)
    iri = class_iri(cls)
    total, items = entity.instances(store, iri, base, pages.per_page, pages.offset)
    return {"class": iri, **pages.meta(total), "items": items}
