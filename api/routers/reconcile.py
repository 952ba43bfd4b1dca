"""/reconcile: the Reconciliation Service API 0.2 (W3C Entity Reconciliation CG), as OpenRefine
speaks it: the manifest, batches of queries and data extension (GET or form POST), suggest for
entities, types and properties, proposed properties and an HTML preview.

JSONP (`callback`) is answered only for a plain JavaScript name, as application/javascript with
`X-Content-Type-Options: nosniff`; anything else is refused, so the parameter cannot inject code.
CORS comes from the app's middleware (cors_origins).
"""

from __future__ import annotations

import json
import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from gongyun.api import errors
from gongyun.api.deps import PublicBaseDep, StoreDep, TemplatesDep
from gongyun.api.entity import public_url
from gongyun.api.reconcile import properties as props
from gongyun.api.reconcile import service
from gongyun.api.reconcile.index import ReconIndex, type_local
from gongyun.namespaces import local_id, resource_iri

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])

_CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$", re.ASCII)
NOSNIFF = {"X-Content-Type-Options": "nosniff"}
PREVIEW_FACTS = ("founded", "based_at", "parent", "kind", "part_of", "coordinates", "geonames")


def index_of(request: Request) -> ReconIndex:
    return request.app.state.reconcile.get()


def answer(body: dict, callback: str | None) -> Response:
    if callback is None:
        return JSONResponse(body, headers=NOSNIFF)
    if len(callback) > 100 or not _CALLBACK.match(callback):
        raise errors.bad_request("callback must be a JavaScript name (letters, digits, _ $ .)")
    text = json.dumps(body, ensure_ascii=False)
    # /**/ keeps a callback from being read as the start of a file signature (Rosetta Flash)
    return Response(f"/**/{callback}({text});", media_type="application/javascript",
                    headers=NOSNIFF)


async def _params(request: Request) -> dict[str, str]:
    params = dict(request.query_params)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith(("application/x-www-form-urlencoded",
                                        "multipart/form-data")):
            raise errors.unsupported_media_type("send queries or extend as a form field")
        form = await request.form()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


@router.api_route("", methods=["GET", "POST"], summary="Manifest, queries and data extension")
async def reconcile(request: Request, store: StoreDep, base: PublicBaseDep) -> Response:
    """Without `queries` or `extend`: the service manifest. `queries`: a JSON batch
    {key: {query, type, limit, properties, type_strict}}. `extend`: {ids, properties}."""
    params = await _params(request)
    if "queries" in params and "extend" in params:
        raise errors.bad_request("send queries or extend, not both")
    # The index build and the store's own queries block (an external engine answers over
    # HTTP): off the event loop, so other requests go on meanwhile.
    index = await run_in_threadpool(index_of, request)
    if "queries" in params:
        body = await run_in_threadpool(service.reconcile, store, index, params["queries"])
    elif "extend" in params:
        body = await run_in_threadpool(service.extend, store, index, params["extend"])
    else:
        body = service.manifest(base, index)
    return answer(body, params.get("callback"))


@router.get("/suggest/entity", summary="Entities whose names start with or match a prefix")
def suggest_entity(request: Request, prefix: str = "", type: str | None = None,
                   callback: str | None = None) -> Response:
    return answer(service.suggest_entities(index_of(request), prefix, type), callback)


@router.get("/suggest/type", summary="Types to reconcile against")
def suggest_type(request: Request, prefix: str = "", callback: str | None = None) -> Response:
    return answer(service.suggest_types(index_of(request), prefix), callback)


@router.get("/suggest/property", summary="Properties to extend a table with or match on")
def suggest_property(prefix: str = "", callback: str | None = None) -> Response:
    return answer(service.suggest_properties(prefix), callback)


@router.get("/propose_properties", summary="Properties proposed for a type")
def propose_properties(request: Request, type: str | None = None, limit: int = 20,
                       callback: str | None = None) -> Response:
    if not 1 <= limit <= 100:
        raise errors.bad_request("limit must be between 1 and 100")
    return answer(service.propose(index_of(request), type, limit), callback)


@router.get("/preview", summary="A small HTML card of an entity", response_class=HTMLResponse)
def preview(request: Request, store: StoreDep, templates: TemplatesDep, base: PublicBaseDep,
            id: str) -> Response:
    index = index_of(request)
    entity = index.entities.get(local_id(id) or id)
    if entity is None:
        raise errors.not_found(f"no entity {id!r}")
    facts = [(props.BY_ID[pid].name,
              props.values(store, index, pid, [entity.local])[entity.local])
             for pid in PREVIEW_FACTS]
    return templates.TemplateResponse(request, "reconcile-preview.html", {
        "entity": entity, "url": public_url(resource_iri(entity.local), base),
        "types": [index.type_name(type_local(t)) for t in sorted(entity.types)],
        "facts": facts}, headers=NOSNIFF)
