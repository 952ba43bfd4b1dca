"""Shared fixtures: one real build of the graph per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from gongyun.graph.build import BuildReport, build


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    out: Path = tmp_path_factory.mktemp("build")
    return build(out_dir=out)


@pytest.fixture(scope="session")
def store(built: BuildReport) -> Store:
    store = Store()
    store.extend(built.quads)
    return store
