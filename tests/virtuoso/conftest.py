"""The service over a private Virtuoso loaded with the real build, beside the same service over
the embedded store, so every test can ask both the same thing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gongyun.api.app import create_app
from gongyun.api.storedir import prepare
from gongyun.settings import Settings
from tests.virtuoso.engine import Virtuoso, available

MAX_ROWS = 1000
QUERY_TIMEOUT = 20.0


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/virtuoso/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.virtuoso)


@pytest.fixture(scope="session")
def virtuoso(built, tmp_path_factory):
    if not available():
        pytest.skip("Virtuoso open source is not installed (apt-get install virtuoso-opensource)")
    engine = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        engine.wait_ready()
        engine.bulk_load(built.nquads)
        yield engine
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def both_settings(built, tmp_path_factory, virtuoso) -> dict[str, Settings]:
    values = dict(store_dir=tmp_path_factory.mktemp("vstore"), data=[str(built.nquads)],
                  workers=2, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS,
                  build_dir=built.out_dir)
    embedded = Settings(**values)
    prepare(embedded)
    return {"embedded": embedded, "virtuoso": Settings(**values, store_url=virtuoso.url)}


@pytest.fixture(scope="session")
def clients(both_settings):
    with TestClient(create_app(both_settings["embedded"])) as a, \
            TestClient(create_app(both_settings["virtuoso"])) as b:
        yield {"embedded": a, "virtuoso": b}
