"""What routes receive: the settings, the store and the templates, set once by create_app.

The dependencies are `async def` because they only read `app.state`: a plain `def` would send
each of them through anyio's thread pool, four thread hops a request (docs/performance.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from gongyun.api.store import GraphStore
from gongyun.settings import Settings


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]


async def public_base(request: Request) -> str:
    """The base URL the public sees: the setting, else this request's own base URL."""
    configured = request.app.state.settings.public_base
    return configured or str(request.base_url).rstrip("/")


PublicBaseDep = Annotated[str, Depends(public_base)]
