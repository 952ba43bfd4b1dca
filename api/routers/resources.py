"""/resource/{local}: the canonical IRI https://w3id.org/gongyun/resource/<local> as served
here. HTML to browsers; as RDF (Turtle / JSON-LD / N-Triples / RDF/XML by Accept, with Vary and
Content-Location, and a stable URL per format: /resource/<local>.ttl, .jsonld, .nt, .rdf) what
a linked-data client needs to follow the evidence (gongyun.api.description)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gongyun.api import description, entity, errors, negotiation, retired
from gongyun.api.deps import PublicBaseDep, SettingsDep, StoreDep, TemplatesDep
from gongyun.api.routers import pages
from gongyun.api.serialize import serialize_triples
from gongyun.namespaces import PREFIXES, resource_iri

router = APIRouter(tags=["resources"], responses=errors.COMMON_ERRORS)

OFFERS = [negotiation.HTML, *negotiation.RESOURCE_TYPES]
SUFFIXES = {negotiation.suffix_of(media): media for media in negotiation.RESOURCE_TYPES}


@router.get("/resource/{local:path}", summary="A resource by its canonical path")
def get_resource(local: str, request: Request, store: StoreDep, templates: TemplatesDep,
                 base: PublicBaseDep, settings: SettingsDep,
                 format: str | None = None) -> Response:
    suffix = next((s for s in SUFFIXES if local.endswith(s)), None)
    if suffix:
        local, media_type = local[: -len(suffix)], SUFFIXES[suffix]
    else:
        media_type = negotiation.negotiate(request.headers.get("accept"), format, OFFERS)
    iri = resource_iri(local)
    moved = retired.answer(request, store, templates, base, local, media_type, suffix)
    if moved is not None:  # a retired IRI: 301 / 300 / 410 with its record
        return moved
    if media_type == negotiation.HTML:  # a page; a mistyped address, an error page
        return pages.resource_page(request, store, templates, base, iri, local)
    entity.resolve_id(local)  # 400 for a path that cannot be a resource id
    limit = settings.max_rows
    found = description.describe(store, iri, limit)
    if not found.triples:
        raise errors.not_found(f"nothing is known about {iri}")
    body = serialize_triples(found.triples, media_type, PREFIXES,
                             truncated_at=limit if found.truncated else None)
    headers = {"Vary": "Accept", "Link": f"<{iri}>; rel=\"canonical\""}
    if found.truncated:
        headers["Gongyun-Truncated"] = f"true; limit={limit}"
    if not suffix:
        headers["Content-Location"] = (entity.public_url(iri, base)
                                       + negotiation.suffix_of(media_type))
    return Response(body, media_type=media_type, headers=headers)
