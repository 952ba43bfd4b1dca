"""The researcher's pages (HTML, zh/en): home, entity pages, the query editor, the source
reader, the map and the timeline, and the static files they load (ours and the npm-installed
libraries; nothing is fetched from elsewhere).

The home page, the entity pages and the query editor answer browsers at URLs other routers own
(`/`, `/resource/{local}`, `/sparql`): those routers call the *_page functions here.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from gongyun.api import corpus, deps, entity, errors, negotiation
from gongyun.api.deps import PublicBaseDep, SettingsDep, StoreDep, TemplatesDep
from gongyun.api.pages import (
    assets,
    examples,
    find,
    home,
    i18n,
    layout,
    map_view,
    results,
    source_view,
    timeline_view,
)
from gongyun.api.pages.entity_view import entity_page
from gongyun.api.store import GraphStore
from gongyun.namespaces import PREFIXES

router = APIRouter(tags=["pages"], include_in_schema=False)


def wants_page(accept: str | None) -> bool:
    """Whether a client names text/html and likes it at least as much as any result format
    (a browser: text/html,…,application/xml;q=0.9,*/*;q=0.8), not merely through */*."""
    ranges = negotiation.parse_accept(accept)
    html = [r.q for r in ranges if r.type == "text" and r.subtype == "html"]
    if not html or html[0] <= 0:
        return False
    others = negotiation.RESULT_TYPES + negotiation.GRAPH_TYPES
    return all(negotiation.quality(ranges, media) <= html[0] for media in others)


def home_page(request: Request, store: GraphStore, templates: Jinja2Templates,
              base: str) -> Response:
    lang = i18n.choose(request)
    ctx = layout.context(request, base, i18n.WORDS["home"][lang],
                         h=home.home(store, base, lang))
    return layout.render(request, templates, "pages/home.html", ctx)


def error_page(request: Request, store: GraphStore, templates: Jinja2Templates, base: str,
               exc: errors.ApiError, guess: str = "") -> Response:
    """An error as a page, for a browser (RDF and JSON clients get the error as JSON): what
    went wrong, a search box holding the words of the address, and things so named."""
    lang = i18n.choose(request)
    words = " ".join(guess.replace("-", " ").replace("_", " ").split())
    found = find.search(store, words, None, 1, base, lang)["things"][:8] if words else []
    ctx = layout.context(request, base, f"{exc.status}", status=exc.status,
                         heading={404: "未找到" if lang == "zh" else "Not found"}.get(
                             exc.status, "请求有误" if lang == "zh" else "Bad request"),
                         message=exc.message, guess=words, suggestions=found)
    return layout.render(request, templates, "pages/error.html", ctx, status_code=exc.status)


def resource_page(request: Request, store: GraphStore, templates: Jinja2Templates,
                  base: str, iri: str, local: str) -> Response:
    settings = deps.settings_of(request)
    try:
        entity.resolve_id(local)
        data = entity_page(store, iri, base, settings.corpus_dir)
    except errors.ApiError as exc:
        if not wants_page(request.headers.get("accept")):
            raise  # HTML only by default (no Accept): the error stays the service's JSON
        return error_page(request, store, templates, base, exc, local.rsplit("/", 1)[-1])
    lang = i18n.choose(request)
    own = data["self"]
    named = " · ".join(x for x in (own.get("written"), own.get("dates")) if x)
    title = i18n.label({k: v[0] for k, v in data["labels"].items() if v}, lang, named or local)
    ctx = layout.context(request, base, title, e=data, formats={
        ext: entity.public_url(iri, base) + ext
        for ext in map(negotiation.suffix_of, negotiation.RESOURCE_TYPES)})
    return layout.render(request, templates, "pages/entity.html", ctx)


def sparql_page(request: Request, templates: Jinja2Templates, base: str, settings,
                query: str | None = None, results: dict | None = None) -> Response:
    """The query editor; with a query (its form submitted, or a link) and its results."""
    chosen = examples.by_id(request.query_params.get("example"))
    if query is None and chosen:
        query = chosen["query"]
    ctx = layout.context(
        request, base, "SPARQL", settings=settings, examples=examples.examples(),
        query=query or examples.DEFAULT_QUERY, results=results,
        example_id=chosen["id"] if chosen else None,
        run_on_load=(bool(chosen) or query is not None) and results is None,
        prefixes_json=layout.script_json(PREFIXES),
        examples_json=layout.script_json(examples.examples()),
        resource_base=entity.public_resource_base(base))
    status = results.get("status", 200) if results else 200
    return layout.render(request, templates, "pages/sparql.html", ctx, status_code=status)


async def sparql_results_page(request: Request, query: str, base: str) -> Response:
    lang = i18n.choose(request)
    found = await results.run(request, query, base, lang)
    return sparql_page(request, deps.templates_of(request), base, deps.settings_of(request),
                       query=query, results=found)


def _spans_asked(request: Request) -> list[str]:
    return request.query_params.get("span", "").replace("+", " ").split()[:20]


@router.get("/sources/{ident}", summary="A source text with its annotated spans (HTML)")
def source_page(ident: str, request: Request, store: StoreDep, settings: SettingsDep,
                templates: TemplatesDep, base: PublicBaseDep) -> Response:
    """`?span=ann-001-e0002` opens with the claims of that span in the panel (what a click
    shows, for a browser without JavaScript)."""
    corpus.check_source_id(ident)
    lang = i18n.choose(request)
    data = source_view.reader(store, ident, base, settings.corpus_dir, lang)
    asked = _spans_asked(request)
    chosen = source_view.panel(data, asked)
    ctx = layout.context(request, base, f"{i18n.WORDS['source'][lang].capitalize()} {ident}",
                         s=data, chosen=chosen, chosen_ids=[c["id"] for c in chosen])
    return layout.render(request, templates, "pages/source.html", ctx)


@router.get("/sources/{ident}/panel", summary="What the graph says at spans of a text (HTML)")
def source_panel(ident: str, request: Request, store: StoreDep, settings: SettingsDep,
                 templates: TemplatesDep, base: PublicBaseDep) -> Response:
    """The reader's panel for `?span=` (space-separated span ids): a fragment of HTML."""
    corpus.check_source_id(ident)
    lang = i18n.choose(request)
    data = source_view.reader(store, ident, base, settings.corpus_dir, lang)
    chosen = source_view.panel(data, _spans_asked(request))
    if not chosen:
        raise errors.not_found(f"no annotated span {request.query_params.get('span')!r}"
                               f" in source {ident}")
    ctx = layout.context(request, base, "", chosen=chosen)
    return layout.render(request, templates, "pages/panel.html", ctx)


def _page_number(request: Request) -> int:
    value = request.query_params.get("page", "1")
    return int(value) if value.isdigit() and 0 < len(value) < 7 else 1


@router.get("/search", summary="Find things by name (HTML)")
def search_page(request: Request, store: StoreDep, templates: TemplatesDep,
                base: PublicBaseDep, q: str = "") -> Response:
    lang = i18n.choose(request)
    if len(q) > 200:
        raise errors.bad_request("q is longer than 200 characters")
    cls = request.query_params.get("class") or None
    data = find.search(store, q, cls, _page_number(request), base, lang)
    title = f"{i18n.WORDS['search'][lang]} {q}".strip()
    ctx = layout.context(request, base, title, r=data)
    return layout.render(request, templates, "pages/search.html", ctx)


@router.get("/browse", summary="The instances of a class, by label, paged (HTML)")
def browse_page(request: Request, store: StoreDep, templates: TemplatesDep,
                base: PublicBaseDep) -> Response:
    lang = i18n.choose(request)
    cls = request.query_params.get("class")
    if not cls:
        raise errors.bad_request("class is missing: give one such as gy:Organization")
    data = find.browse(store, cls, _page_number(request), base, lang)
    ctx = layout.context(request, base, i18n.label(data["class_label"], lang, data["curie"]),
                         b=data, query_url=examples.editor_url(
                             base, home.instances_query(data["class"], lang), lang))
    return layout.render(request, templates, "pages/browse.html", ctx)


@router.get("/map", summary="Places and relocation routes on a map (HTML)")
def map_page(request: Request, store: StoreDep, templates: TemplatesDep,
             base: PublicBaseDep) -> Response:
    lang = i18n.choose(request)
    data = map_view.map_data(store, base, lang)
    ctx = layout.context(request, base, i18n.WORDS["map"][lang], m=data,
                         map_json=layout.script_json(data))
    return layout.render(request, templates, "pages/map.html", ctx)


@router.get("/timeline", summary="Events on a time axis (HTML)")
def timeline_page(request: Request, store: StoreDep, templates: TemplatesDep,
                  base: PublicBaseDep) -> Response:
    """Filters in the URL: ?kind=, ?place=, ?org= (IRIs), ?from= and ?to= (years)."""
    lang = i18n.choose(request)
    data = timeline_view.timeline(store, base, lang, dict(request.query_params))
    ctx = layout.context(request, base, i18n.WORDS["timeline"][lang], t=data,
                         timeline_json=layout.script_json(data["drawn"]))
    return layout.render(request, templates, "pages/timeline.html", ctx)


@router.get("/static/pages/{name}", summary="The pages' own scripts and styles")
def own_static(name: str) -> Response:
    path = assets.own_file(name)
    if path is None:
        raise errors.not_found(f"no page asset named {name!r}")
    return FileResponse(path, media_type=assets.media_type(path),
                        headers={"Cache-Control": "no-cache"})


@router.get("/static/vendor/{name}", summary="Front-end libraries (pinned npm packages)")
def vendor_static(name: str) -> Response:
    path = assets.vendor_file(name)
    if path is None:
        raise errors.not_found(f"no library file named {name!r}")
    return FileResponse(path, media_type=assets.media_type(path),
                        headers={"Cache-Control": "public, max-age=86400"})


# The OpenAPI pages FastAPI would make load Swagger UI and ReDoc (and fonts and a favicon) from
# CDNs: the same pages, with the libraries served from /static/vendor, so they work offline.
def _openapi_url(request: Request) -> str:
    return request.scope.get("root_path", "") + request.app.openapi_url


# Swagger UI's badges (version, GET/POST) and the description's URL are lighter than 4.5:1
SWAGGER_CONTRAST = """<style>
.swagger-ui .info .title small { background: #4d5563; }
.swagger-ui .info .title small.version-stamp { background: #2d6b00; }
.swagger-ui .info .url, .swagger-ui .info a { color: #1f4fa0; }
.swagger-ui .opblock .opblock-summary-method { color: #1d2433; text-shadow: none; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #4d5563; }
</style>"""


def _in_english(page: Response, style: str = "") -> Response:
    """FastAPI's page, saying its language (WCAG 3.1.1)."""
    html = page.body.decode().replace("<html>", '<html lang="en">', 1)
    return HTMLResponse(html.replace("</head>", style + "\n</head>", 1))


@router.get("/docs", summary="The OpenAPI description in Swagger UI (HTML)")
def swagger_ui(request: Request) -> Response:
    vendor = request.scope.get("root_path", "") + "/static/vendor/"
    return _in_english(get_swagger_ui_html(
        openapi_url=_openapi_url(request), title=f"{request.app.title} API",
        swagger_js_url=vendor + "swagger-ui-bundle.js", swagger_css_url=vendor + "swagger-ui.css",
        swagger_favicon_url=vendor + "swagger-ui-favicon.png",
        swagger_ui_parameters={"validatorUrl": None}), SWAGGER_CONTRAST)


@router.get("/redoc", summary="The OpenAPI description in ReDoc (HTML)")
def redoc(request: Request) -> Response:
    vendor = request.scope.get("root_path", "") + "/static/vendor/"
    return _in_english(get_redoc_html(
        openapi_url=_openapi_url(request), title=f"{request.app.title} API",
        redoc_js_url=vendor + "redoc.standalone.js",
        redoc_favicon_url=vendor + "swagger-ui-favicon.png", with_google_fonts=False))
