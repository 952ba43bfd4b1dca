"""gongyun.api.storedir: stores keyed by their inputs, reused on restart, rebuilt into a new
directory and switched atomically when the inputs change; the built graph through `build`."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from gongyun.api.app import create_app
from gongyun.api.storedir import (
    CURRENT,
    DataFile,
    StoreSetupError,
    current_dir,
    prepare,
    read_manifest,
)
from tests.api.conftest import EXTRA_TTL, MINI, MINI_TRIG, mini_settings

EXTRA_GRAPH = "https://example.org/graph/extra"


def test_same_inputs_reuse_the_store(tmp_path, site):
    s = mini_settings(tmp_path / "store", site)
    first = prepare(s)
    assert prepare(s) == first
    assert (tmp_path / "store" / CURRENT).resolve() == first


def test_changed_inputs_build_a_new_dir_and_switch(tmp_path, site):
    s = mini_settings(tmp_path / "store", site)
    first = prepare(s)
    data = tmp_path / "more.ttl"
    data.write_text(EXTRA_TTL.read_text())
    second = prepare(mini_settings(tmp_path / "store", site, data=[str(MINI_TRIG), str(data)]))
    assert second != first
    assert current_dir(tmp_path / "store") == second
    assert not first.exists()  # the old store is cleaned up
    assert read_manifest(second)["counts"]["triples"] == 208
    assert (tmp_path / "store" / CURRENT).is_symlink()


def test_data_file_into_a_named_graph(tmp_path, site):
    s = mini_settings(tmp_path / "store", site, data=[f"{EXTRA_TTL}={EXTRA_GRAPH}"])
    counts = read_manifest(prepare(s))["counts"]
    assert counts["graphs"] == {EXTRA_GRAPH: 2}
    assert counts["default_graph_triples"] == 0


def test_union_default_graph_off(tmp_path, site):
    s = mini_settings(tmp_path / "store", site, data=[str(MINI_TRIG), str(EXTRA_TTL)],
                      union_default_graph=False, workers=1)
    prepare(s)
    with TestClient(create_app(s)) as client:
        r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
        # Only the store's default graph: extra.ttl was loaded without a graph name.
        assert {b["s"]["value"] for b in r.json()["results"]["bindings"]} == {
            "https://example.org/extra/thing"}
        sd = client.get("/sparql", headers={"Accept": "text/turtle"}).text
        assert "UnionDefaultGraph" not in sd


def test_unknown_extension_and_missing_file_are_reported(tmp_path, site):
    with pytest.raises(StoreSetupError, match="unknown RDF extension"):
        prepare(mini_settings(tmp_path / "s", site, data=[str(MINI / "README.md")]))
    with pytest.raises(StoreSetupError, match="no such file"):
        prepare(mini_settings(tmp_path / "s", site, data=[str(tmp_path / "none.ttl")]))
    with pytest.raises(StoreSetupError, match="holds its own graphs"):
        prepare(mini_settings(tmp_path / "s", site, data=[f"{MINI_TRIG}={EXTRA_GRAPH}"]))


def test_data_formats_come_from_the_extension():
    """pyoxigraph's own table, with .owl as RDF/XML; only the documented extensions."""
    expected = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
                ".xml": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD,
                ".n3": ox.RdfFormat.N3}
    for suffix, fmt in expected.items():
        assert DataFile.parse(f"graph{suffix.upper()}").format == fmt
    for name in ("graph.json", "graph.csv", "graph"):
        with pytest.raises(StoreSetupError, match="unknown RDF extension"):
            _ = DataFile.parse(name).format


def test_invalid_rdf_is_reported_with_its_file(tmp_path, site):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> .\n")
    with pytest.raises(StoreSetupError, match="bad.ttl"):
        prepare(mini_settings(tmp_path / "s", site, data=[str(bad)]))


@pytest.fixture()
def fake_build(monkeypatch, tmp_path):
    """Stands in for gongyun.graph.build: counts builds, fingerprint set by the test."""
    module = types.ModuleType("gongyun.graph.build")
    state = {"fingerprint": "fp-1", "builds": 0,
             "subject": "https://w3id.org/gongyun/resource/place/x"}

    def build(out_dir: Path):
        state["builds"] += 1
        dumps = Path(out_dir) / "dumps"
        dumps.mkdir(parents=True, exist_ok=True)
        nquads = dumps / "gongyun.nq"
        nquads.write_text(f"<{state['subject']}> "
                          "<http://www.w3.org/2000/01/rdf-schema#label> "
                          f'"built {state["builds"]}"@en '
                          "<https://w3id.org/gongyun/graph/entities> .\n")
        return types.SimpleNamespace(nquads=nquads)

    module.build = build
    module.input_fingerprint = lambda: state["fingerprint"]
    monkeypatch.setitem(sys.modules, "gongyun.graph.build", module)
    return state


def test_built_graph_is_built_once_per_fingerprint(tmp_path, site, fake_build):
    s = mini_settings(tmp_path / "store", site, data=[], build_dir=tmp_path / "build")
    first = prepare(s)
    assert fake_build["builds"] == 1
    assert read_manifest(first)["input_fingerprint"] == "fp-1"
    assert prepare(s) == first and fake_build["builds"] == 1  # restart: reused
    fake_build["fingerprint"] = "fp-2"
    second = prepare(s)
    assert fake_build["builds"] == 2 and second != first
    assert current_dir(tmp_path / "store") == second


def test_with_built_graph_adds_the_data_files(tmp_path, site, fake_build):
    s = mini_settings(tmp_path / "store", site, data=[str(EXTRA_TTL)], with_built_graph=True,
                      build_dir=tmp_path / "build")
    assert read_manifest(prepare(s))["counts"]["triples"] == 3


def test_missing_build_module_is_reported(tmp_path, site, monkeypatch):
    monkeypatch.setitem(sys.modules, "gongyun.graph.build", None)
    with pytest.raises(StoreSetupError, match="--data"):
        prepare(mini_settings(tmp_path / "store", site, data=[]))


# An IRI that IRI validation refuses ('^' is not allowed) but the N-Quads grammar can carry.
BAD_IRI = "https://w3id.org/gongyun/resource/place/x^y"


def test_built_graph_is_loaded_without_iri_validation(tmp_path, site, fake_build):
    # The build's dump comes from pyoxigraph terms, already validated: it is bulk-loaded
    # lenient (faster). A strict load would refuse this IRI.
    fake_build["subject"] = BAD_IRI
    s = mini_settings(tmp_path / "store", site, data=[], build_dir=tmp_path / "build")
    assert read_manifest(prepare(s))["counts"]["triples"] == 1


def test_data_file_with_a_bad_iri_is_refused(tmp_path, site):
    bad = tmp_path / "bad-iri.nq"
    bad.write_text(f'<{BAD_IRI}> <http://www.w3.org/2000/01/rdf-schema#label> "x" '
                   "<https://example.org/g> .\n")
    with pytest.raises(StoreSetupError, match=r"bad-iri\.nq: .*Invalid IRI code point '\^'"):
        prepare(mini_settings(tmp_path / "s", site, data=[str(bad)]))
