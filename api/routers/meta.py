"""The service's own documents: /, /health, /void, /ontology, /shapes, /dumps/{file}."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from gongyun import __version__
from gongyun.api import errors, negotiation
from gongyun.api.deps import PublicBaseDep, SettingsDep, StoreDep, TemplatesDep
from gongyun.api.entity import public_url
from gongyun.api.routers import pages
from gongyun.api.serialize import serialize_triples
from gongyun.api.void import dump_files, void_description
from gongyun.namespaces import PREFIXES, RESOURCE

router = APIRouter(tags=["service"], responses=errors.COMMON_ERRORS)
RDF_OFFERS = [negotiation.TURTLE, negotiation.JSONLD, negotiation.NTRIPLES, negotiation.RDFXML]
STARTED = time.monotonic()


@router.get("/", summary="Where everything is")
def index(request: Request, store: StoreDep, templates: TemplatesDep,
          base: PublicBaseDep) -> Response:
    chosen = negotiation.negotiate(request.headers.get("accept"), None,
                                   [negotiation.HTML, negotiation.JSON])
    links = {
        "sparql": f"{base}/sparql", "search": f"{base}/api/search?q=", "classes":
        f"{base}/api/classes", "conflicts": f"{base}/api/conflicts", "void": f"{base}/void",
        "ontology": f"{base}/ontology", "shapes": f"{base}/shapes", "health": f"{base}/health",
        "openapi": f"{base}/docs",
    }
    examples = [public_url(i, base) for i in store.manifest["counts"]["example_resources"]]
    if chosen == negotiation.HTML:
        return pages.home_page(request, store, templates, base)
    return Response(json.dumps({"links": links, "examples": examples}),
                    media_type=negotiation.JSON, headers={"Vary": "Accept"})


@router.get("/health", summary="Liveness and what is being served (never queries the store)")
def health(store: StoreDep) -> dict:
    info = store.health()
    workers = info["workers"]
    status = "ok" if workers["alive"] > 0 else "degraded"
    return {"status": status, "version": __version__, "release": store.manifest.get("release"),
            "uptime_seconds": round(time.monotonic() - STARTED, 1),
            "service_federation": "refused (SERVICE is rejected before execution)", **info}


@router.get("/void", summary="VoID and DCAT description with real counts")
def void(request: Request, store: StoreDep, settings: SettingsDep, base: PublicBaseDep,
         format: str | None = None) -> Response:
    media_type = negotiation.negotiate(request.headers.get("accept"), format, RDF_OFFERS)
    # void:uriSpace: where the IRIs in the data start (the canonical namespace, whatever
    # address serves them)
    triples = void_description(base, store.manifest["counts"], settings.effective_dumps_dir,
                               RESOURCE, store.manifest.get("release"))
    return Response(serialize_triples(triples, media_type, PREFIXES), media_type=media_type,
                    headers={"Vary": "Accept"})


def _wants_html(request: Request) -> bool:
    offers = [negotiation.TURTLE, negotiation.HTML]
    return negotiation.choose(request.headers.get("accept"), offers) == negotiation.HTML


@router.get("/ontology", summary="The ontology (Turtle; HTML documentation to browsers)")
def ontology(request: Request, settings: SettingsDep) -> Response:
    docs = settings.docs_dir / "index.html"
    if _wants_html(request) and docs.is_file():
        return FileResponse(docs, media_type="text/html", headers={"Vary": "Accept"})
    if not settings.ontology_file.is_file():
        raise errors.not_found(f"the ontology file {settings.ontology_file.name} is not there")
    return FileResponse(settings.ontology_file, media_type=negotiation.TURTLE,
                        headers={"Vary": "Accept"})


@router.get("/shapes", summary="The SHACL shapes (Turtle; HTML documentation to browsers)")
def shapes(request: Request, settings: SettingsDep) -> Response:
    docs = settings.docs_dir / "shapes.html"
    if _wants_html(request) and docs.is_file():
        return FileResponse(docs, media_type="text/html", headers={"Vary": "Accept"})
    files = sorted(settings.shapes_dir.glob("*.ttl")) if settings.shapes_dir.is_dir() else []
    if not files:
        raise errors.not_found("no shapes are available")
    dataset = ox.Dataset()
    for path in files:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            dataset.add(quad)
    triples = sorted({q.triple for q in dataset}, key=str)
    body = serialize_triples(triples, negotiation.TURTLE,
                             PREFIXES)
    return Response(body, media_type=negotiation.TURTLE, headers={"Vary": "Accept"})


@router.get("/dumps/{name}", summary="A dump of the graph (only files of the dumps directory)")
def dump(name: str, settings: SettingsDep) -> Response:
    # Only names listed in the directory are served: nothing built from the path reaches disk.
    files = {p.name: p for p in dump_files(settings.effective_dumps_dir)}
    if name not in files:
        raise errors.not_found(f"no dump named {name!r}; see /void for the list")
    path = files[name]
    media = negotiation.file_media_type(path) or "application/octet-stream"
    return FileResponse(path, media_type=media, filename=name)
