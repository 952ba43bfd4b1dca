"""One `gongyun serve` for the whole W3C suite: every data file of every test loaded with
`--data FILE=GRAPH` into a named graph called by its published IRI, union default graph off.
Each test then names its own dataset through the protocol (default-graph-uri, named-graph-uri)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serving import start_serve
from tests.w3c import protocol
from tests.w3c.manifest import QUERY_DIRS, SUITES, all_cases
from tests.w3c.report import ReportPlugin

if not SUITES.exists():
    pytest.skip("W3C suites not beside the checkout", allow_module_level=True)


@pytest.fixture(scope="session")
def w3c_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cases = all_cases(QUERY_DIRS)
    files = sorted({p for c in cases for p in c.data + c.graph_data})
    store = tmp_path_factory.mktemp("w3c-store")
    args = ["--store", str(store), "--union-default-graph", "off", "--workers", "2",
            "--query-timeout", "20", "--log-level", "warning"]
    for path in files:
        args += ["--data", f"{path}={cases[0].graph_iri(path)}"]
    for path, graph in sorted(protocol.graph_data().items()):
        args += ["--data", f"{path}={graph}"]
    served = start_serve(args, store / "server.log", wait=120)
    try:
        yield served.url
    finally:
        served.stop()


@pytest.fixture(scope="session")
def w3c_client(w3c_endpoint: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=w3c_endpoint, timeout=60) as client:
        yield client


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "w3c: W3C SPARQL 1.1 conformance through HTTP")
    if not config.pluginmanager.has_plugin("w3c-report"):
        config.pluginmanager.register(ReportPlugin(), "w3c-report")


def suite_path(*parts: str) -> Path:
    return SUITES.joinpath(*parts)
