"""The reconciliation service over the real built graph (the session's one build), served from a
store prepared as `gongyun serve --data gongyun.nq` would, through an in-process client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gongyun.api.app import create_app
from gongyun.api.storedir import prepare
from gongyun.settings import Settings

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "reconcile" / "schemas"


@pytest.fixture(scope="session")
def recon_settings(built, tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("recon")
    settings = Settings(store_dir=root / "store", data=[str(built.nquads)], workers=1,
                        build_dir=built.out_dir)
    prepare(settings)
    return settings


@pytest.fixture(scope="session")
def recon(recon_settings):
    with TestClient(create_app(recon_settings)) as c:
        yield c


@pytest.fixture(scope="session")
def schema():
    """A validator for one of the vendored 0.2 schemas, resolving their relative $refs."""
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource

    docs = {p.name: json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc, default_specification=_draft7()))
        for doc in docs.values())

    def validator(name: str) -> Draft7Validator:
        return Draft7Validator(docs[name], registry=registry)
    return validator


def _draft7():
    from referencing.jsonschema import DRAFT7

    return DRAFT7
