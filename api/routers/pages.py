"""The researcher's pages (HTML, zh/en): home, entity pages, the query editor, the source
reader, the map and the timeline, and the static files they load (ours and the npm-installed
libraries; nothing is fetched from elsewhere).

The home page, the entity pages and the query editor answer browsers at URLs other routers own
(`/`, `/resource/{local}`, `/sparql`): those routers call the *_page functions here.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from fastapi.templating import Jinja2Templates

from gongyun.api import deps, entity, errors, negotiation
from gongyun.api.deps import PublicBaseDep, SettingsDep, StoreDep, TemplatesDep
from gongyun.api.pages import assets, examples, home, i18n, layout, source_view
from gongyun.api.pages.entity_view import entity_page
from gongyun.api.store import GraphStore
from gongyun.namespaces import PREFIXES

router = APIRouter(tags=["pages"], include_in_schema=False)
SOURCE_ID = re.compile(r"^[0-9]{3}$")


def home_page(request: Request, store: GraphStore, templates: Jinja2Templates,
              base: str) -> Response:
    lang = i18n.choose(request)
    ctx = layout.context(request, base, i18n.WORDS["home"][lang],
                         h=home.home(store, base, lang))
    return layout.render(request, templates, "pages/home.html", ctx)


def resource_page(request: Request, store: GraphStore, templates: Jinja2Templates,
                  base: str, iri: str, local: str) -> Response:
    settings = deps.settings_of(request)
    data = entity_page(store, iri, base, settings.corpus_dir)
    lang = i18n.choose(request)
    title = i18n.label({k: v[0] for k, v in data["labels"].items() if v}, lang, local)
    ctx = layout.context(request, base, title, e=data, formats={
        ext: entity.public_url(iri, base) + ext
        for ext in map(negotiation.suffix_of, negotiation.RESOURCE_TYPES)})
    return layout.render(request, templates, "pages/entity.html", ctx)


def sparql_page(request: Request, templates: Jinja2Templates, base: str, settings) -> Response:
    ctx = layout.context(
        request, base, "SPARQL", settings=settings, examples=examples.examples(),
        prefixes_json=layout.script_json(PREFIXES),
        examples_json=layout.script_json(examples.examples()),
        resource_base=entity.public_resource_base(base))
    return layout.render(request, templates, "pages/sparql.html", ctx)


@router.get("/sources/{ident}", summary="A source text with its annotated spans (HTML)")
def source_page(ident: str, request: Request, store: StoreDep, settings: SettingsDep,
                templates: TemplatesDep, base: PublicBaseDep) -> Response:
    if not SOURCE_ID.match(ident):
        raise errors.bad_request(f"{ident!r} is not a source id such as 001")
    lang = i18n.choose(request)
    data = source_view.reader(store, ident, base, settings.corpus_dir, lang)
    ctx = layout.context(request, base, f"{i18n.WORDS['sources'][lang]} {ident}", s=data,
                         spans_json=layout.script_json(data["spans"]))
    return layout.render(request, templates, "pages/source.html", ctx)


@router.get("/map", summary="Places and relocation routes on a map (HTML)")
def map_page(request: Request, templates: TemplatesDep, base: PublicBaseDep) -> Response:
    lang = i18n.choose(request)
    ctx = layout.context(request, base, i18n.WORDS["map"][lang])
    return layout.render(request, templates, "pages/map.html", ctx)


@router.get("/timeline", summary="Events on a time axis (HTML)")
def timeline_page(request: Request, templates: TemplatesDep, base: PublicBaseDep) -> Response:
    lang = i18n.choose(request)
    ctx = layout.context(request, base, i18n.WORDS["timeline"][lang])
    return layout.render(request, templates, "pages/timeline.html", ctx)


@router.get("/static/pages/{name}", summary="The pages' own scripts and styles")
def own_static(name: str) -> Response:
    path = assets.own_file(name)
    if path is None:
        raise errors.not_found(f"no page asset named {name!r}")
    return FileResponse(path, media_type=assets.media_type(path),
                        headers={"Cache-Control": "no-cache"})


@router.get("/static/vendor/{name}", summary="Front-end libraries installed from npm")
def vendor_static(name: str) -> Response:
    path = assets.vendor_file(name)
    if path is None:
        raise errors.not_found(f"no library file named {name!r}; the front-end libraries are"
                               " installed by scripts/install-browser-deps.sh (npm ci)")
    return FileResponse(path, media_type=assets.media_type(path),
                        headers={"Cache-Control": "public, max-age=86400"})
