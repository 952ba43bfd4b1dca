"""create_app(settings): the one place the service is assembled (store, middleware, routers).

The store is opened here, once; routers get it (and the settings) through gongyun.api.deps.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.templating import Jinja2Templates

from gongyun import __version__
from gongyun.api import errors
from gongyun.api.compression import Compression
from gongyun.api.head import HeadAsGet
from gongyun.api.limits import BodyLimit
from gongyun.api.reconcile.index import IndexHolder
from gongyun.api.routers import conflicts, entities, meta, pages, resources, search, sources, sparql
from gongyun.api.routers import reconcile as reconcile_router
from gongyun.api.store import GraphStore, OxigraphStore
from gongyun.api.storedir import StoreSetupError, current_dir
from gongyun.settings import Settings

TEMPLATES_DIR = Path(__file__).parent / "templates"
ROUTERS = [sparql, resources, entities, search, sources, conflicts, meta, pages,
           reconcile_router]


def open_store(settings: Settings) -> GraphStore:
    """The embedded store `current` points at (see gongyun.api.storedir.prepare), or the
    external SPARQL engine at `store_url` with that directory's label index and counts."""
    store_dir = current_dir(settings.store_dir)
    if store_dir is None:
        raise StoreSetupError(f"no finished store in {settings.store_dir}; run `gongyun serve`"
                              " (it builds one) or gongyun.api.storedir.prepare(settings)")
    if settings.store_url:
        from gongyun.api.store_http import SparqlEndpointStore

        return SparqlEndpointStore(
            store_dir, settings.store_url, workers=settings.workers,
            query_timeout=settings.query_timeout, queue_timeout=settings.queue_timeout,
            max_rows=settings.max_rows, union_default_graph=settings.union_default_graph)
    return OxigraphStore(
        store_dir, workers=settings.workers, query_timeout=settings.query_timeout,
        queue_timeout=settings.queue_timeout, max_rows=settings.max_rows,
        union_default_graph=settings.union_default_graph,
        worker_start_timeout=settings.worker_start_timeout,
        isolate_workers=not settings.service_allowlist,
        in_memory=settings.workers_in_memory,
    )


def create_app(settings: Settings, store: GraphStore | None = None) -> FastAPI:
    store = store if store is not None else open_store(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        await store.start()
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="Gongyun",
        version=__version__,
        description="SPARQL endpoint and REST API over the Gongyun knowledge graph of the Chinese"
        " workers' movement, 1937-1945. Every error is {\"error\": {status, code, message}}.",
        lifespan=lifespan,
        docs_url=None, redoc_url=None,  # served with local scripts by routers.pages
    )
    app.state.settings = settings
    app.state.store = store
    app.state.reconcile = IndexHolder(store)  # built on first use (gongyun.api.reconcile)
    app.state.templates = Jinja2Templates(env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True))
    errors.install_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["Gongyun-Truncated", "Gongyun-Rows", "Content-Location"],
        allow_credentials=False,
    )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(Compression)
    app.add_middleware(HeadAsGet)  # every layer below sees the GET
    # outermost: a plain query to /sparql skips the layers above and the router
    app.add_middleware(sparql.FastPath, max_body=settings.max_body_bytes)
    for module in ROUTERS:
        app.include_router(module.router)
    return app
