"""What routes receive: the settings, the store and the templates, set once by create_app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from gongyun.api.store import GraphStore
from gongyun.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    return request.app.state.store


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]


def public_base(request: Request) -> str:
    """The base URL the public sees: the setting, else this request's own base URL."""
    configured = request.app.state.settings.public_base
    return configured or str(request.base_url).rstrip("/")


PublicBaseDep = Annotated[str, Depends(public_base)]
