"""The build's checks run in forked processes beside the dump writing: their results come back,
their failures fail the build (file:line: message), and a failed build publishes no dumps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongyun.graph import checks
from gongyun.graph.build import build
from gongyun.graph.checks import Forked
from gongyun.graph.problems import BuildError
from gongyun.graph.validate import Finding
from gongyun.namespaces import RESOURCE


def _double(x: int) -> tuple[int, int]:
    return x * 2, os.getpid()


def _fail() -> None:
    raise ValueError("broken on purpose")


def _die() -> None:
    os._exit(3)


def test_forked_returns_the_child_result_from_another_process():
    value, pid = Forked(_double, 21).result()
    assert value == 42 and pid != os.getpid()


def test_forked_reraises_a_child_exception_with_its_traceback():
    with pytest.raises(RuntimeError, match="broken on purpose"):
        Forked(_fail).result()


def test_forked_reports_a_child_that_died():
    with pytest.raises(RuntimeError, match="exit code 3"):
        Forked(_die).result()


def _one_violation(quads: list) -> tuple[list[Finding], float]:
    focus = RESOURCE + "claim/001-c0012"
    return [Finding("Violation", focus, None, "broken on purpose", "S")], 0.0


def _one_clash(quads: list) -> tuple[list[str], float]:
    return ["the ontology with its instances is inconsistent (HermiT)"], 0.0


def test_a_shacl_violation_fails_the_build_and_publishes_no_dumps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    published = tmp_path / "dumps"
    published.mkdir()
    (published / "gongyun.nq").write_text("earlier build\n")
    monkeypatch.setattr(checks, "validation_findings", _one_violation)
    monkeypatch.setattr(checks, "reasoning_check", _one_clash)
    with pytest.raises(BuildError) as failed:
        build(out_dir=tmp_path)
    messages = [str(p) for p in failed.value.problems if p.severity == "error"]
    shacl = [m for m in messages if "SHACL" in m]
    assert len(shacl) == 1
    # The finding names the annotation file and line the claim was written at.
    assert "graph/annotations/001/" in shacl[0] and ".yaml:" in shacl[0]
    assert "claim/001-c0012> broken on purpose" in shacl[0]
    assert any("reasoning (HermiT" in m and "inconsistent" in m for m in messages)
    assert (published / "gongyun.nq").read_text() == "earlier build\n"
    assert not (tmp_path / "dumps.tmp").exists()


def test_to_rdflib_gives_the_triples_rdflib_reads_from_n_triples():
    import rdflib
    from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize
    from rdflib.compare import isomorphic

    from gongyun.graph.validate import to_rdflib

    s, p, g = NamedNode(RESOURCE + "org/x"), NamedNode("https://example.org/p"), NamedNode(
        "https://example.org/g")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    objects = [NamedNode(RESOURCE + "place/y"), BlankNode("b1"), Literal("plain"),
               Literal("太原", language="zh"), Literal("Tàiyuán", language="zh-Latn-pinyin"),
               Literal("11", datatype=NamedNode(xsd + "integer")),
               Literal("1937-09-18", datatype=NamedNode(xsd + "date")),
               Literal("x", datatype=NamedNode(xsd + "string"))]
    quads = [Quad(s, p, o, g) for o in objects]
    expected = rdflib.Graph().parse(
        data=serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES), format="nt")
    converted = to_rdflib(quads)
    assert len(converted) == len(objects)
    # Blank node labels differ (the parser relabels them); the graphs are the same.
    assert isomorphic(converted, expected)


def test_validation_halves_both_report():
    """The claims shapes run in a second process; findings of both halves come back."""
    from pyoxigraph import Quad, RdfFormat, parse

    from gongyun.graph import terms as t
    from gongyun.graph.build import _ontology_quads
    from gongyun.graph.checks import validation_findings
    from gongyun.paths import ONTOLOGY_FILE

    fixtures = Path(__file__).parent / "fixtures" / "shapes"
    graph = t.graph("claims/001")
    quads = list(_ontology_quads(ONTOLOGY_FILE))
    for name in ("valid", "invalid-claim-no-rank", "invalid-entity-no-english"):
        quads += [Quad(tr.subject, tr.predicate, tr.object, graph)
                  for tr in parse(path=str(fixtures / f"{name}.ttl"), format=RdfFormat.TURTLE)]
    findings, seconds = validation_findings(quads)
    messages = [f.message for f in findings if f.severity == "Violation"]
    assert any("exactly one gy:rank" in m for m in messages), messages  # claims.shapes.ttl
    assert any("no rdfs:label in English" in m for m in messages), messages  # core.shapes.ttl
    assert seconds > 0
