"""What routes receive: the settings, the store, the templates and the public base URL, set once
by create_app on `app.state`. This module is the one place that reads them there.

Most routes take them as FastAPI dependencies (SettingsDep, StoreDep, TemplatesDep,
PublicBaseDep). The dependencies are `async def` because they only read `app.state`: a plain
`def` would send each of them through anyio's thread pool, four thread hops a request
(docs/performance.md). /sparql calls the plain functions below instead: solving its four
dependencies was 14 % of the CPU time of a small query (docs/performance.md, "Our per-request
overhead")."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from gongyun.api.store import GraphStore
from gongyun.settings import Settings


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def store_of(request: Request) -> GraphStore:
    return request.app.state.store


def templates_of(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def public_base_of(request: Request) -> str:
    """The base URL the public sees: the setting, else this request's own base URL (remembered
    per scheme, Host, server and root path, all it depends on)."""
    configured = request.app.state.settings.public_base
    if configured:
        return configured
    scope = request.scope
    host = next((value for name, value in scope.get("headers", ()) if name == b"host"), None)
    root = scope.get("app_root_path", scope.get("root_path", ""))
    server = scope.get("server")
    return _base_url(scope.get("scheme", "http"), host, tuple(server) if server else None, root)


@functools.lru_cache(maxsize=64)  # the Host header is the client's: bounded
def _base_url(scheme: str, host: bytes | None, server: tuple | None, root: str) -> str:
    scope = {"type": "http", "scheme": scheme, "server": server, "path": "/", "root_path": root,
             "app_root_path": root, "query_string": b"",
             "headers": [(b"host", host)] if host is not None else []}
    return str(Request(scope).base_url).rstrip("/")


async def get_settings(request: Request) -> Settings:
    return settings_of(request)


async def get_store(request: Request) -> GraphStore:
    return store_of(request)


async def get_templates(request: Request) -> Jinja2Templates:
    return templates_of(request)


async def public_base(request: Request) -> str:
    return public_base_of(request)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
PublicBaseDep = Annotated[str, Depends(public_base)]
