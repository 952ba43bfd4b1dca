"""docs/service.md covers the code: every setting and every route is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongyun.settings import Settings, describe_settings

DOC = (Path(__file__).resolve().parents[2] / "docs" / "service.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name):
    assert f"`{name}`" in DOC and f"`GONGYUN_{name.upper()}`" in DOC


def test_every_setting_has_a_description():
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert field.description in describe_settings()


def test_every_route_is_documented(client):
    paths = set(client.app.openapi()["paths"]) | {"/docs", "/redoc", "/openapi.json"}
    missing = sorted(p for p in paths if f"`{p}`" not in DOC)
    assert not missing, f"routes missing from docs/service.md: {missing}"
