"""`gongyun check` and `gongyun docs` as commands: exit codes and reports."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from gongyun.cli import main
from gongyun.paths import ONTOLOGY_FILE

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


@needs_java
def test_check_passes_on_the_shipped_ontology_and_shapes(capsys: pytest.CaptureFixture) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    for step in ("parse ontology", "labels and definitions", "HermiT (owlready2)",
                 "SHACL-SHACL meta-shapes", "shape terms declared", "shape messages"):
        assert step in out
    assert "consistent + instances.ttl, 0 unsatisfiable" in out
    assert "gongyun check passed in" in out


@needs_java
def test_check_fails_on_inconsistent_instances(capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "--instances", str(FIXTURES / "inconsistent.ttl")]) == 1
    out = capsys.readouterr().out
    assert "FAIL HermiT" in out and "INCONSISTENT" in out
    assert "gongyun check FAILED" in out


@needs_java
def test_check_reports_an_unsatisfiable_class(capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "--instances", str(FIXTURES / "unsatisfiable.ttl")]) == 1
    assert "unsatisfiable class: https://example.org/test#EventPlace" in capsys.readouterr().out


def test_check_fails_on_a_missing_label(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    broken = text.replace('rdfs:label "claim"@en , "断言"@zh ;', 'rdfs:label "claim"@en ;', 1)
    assert broken != text
    path = tmp_path / "gongyun.ttl"
    path.write_text(broken, encoding="utf-8")
    assert main(["check", "--no-reasoner", "--ontology", str(path)]) == 1
    assert "ontology#Claim> has no rdfs:label @zh" in capsys.readouterr().out


def test_check_fails_on_an_unparsable_ontology(tmp_path: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "gongyun.ttl"
    path.write_text("@prefix gy: <https://w3id.org/gongyun/ontology#> .\ngy:Claim a ", "utf-8")
    assert main(["check", "--no-reasoner", "--ontology", str(path)]) == 1
    assert "does not parse" in capsys.readouterr().out


def test_check_reports_the_undeclared_shape_term(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "one.shapes.ttl").write_text("""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix gy: <https://w3id.org/gongyun/ontology#> .
        <https://w3id.org/gongyun/shapes#One> a sh:NodeShape ; sh:targetClass gy:Claim ;
            sh:property [ sh:path gy:notInTheOntology ; sh:maxCount 1 ;
                          sh:message "At most one." ] .
    """, "utf-8")
    assert main(["check", "--no-reasoner", "--shapes", str(tmp_path)]) == 1
    assert "ontology#notInTheOntology>, which the ontology does not declare" in \
        capsys.readouterr().out


@pytest.mark.skipif(importlib.util.find_spec("pylode") is None, reason="pyLODE not installed")
def test_docs_renders_html_mentioning_claim(tmp_path: Path) -> None:
    assert main(["docs", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'id="claim"' in html
    assert "One thing a source says" in html  # gy:Claim's definition
    assert "Gongyun ontology" in html
    # the bare declarations of external terms are not documented as Gongyun classes
    assert 'id="E5_Event"' not in html


def test_docs_without_pylode_exits_2(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pylode(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "pylode" or name.startswith("pylode."):
            raise ImportError("No module named 'pylode'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pylode)
    assert main(["docs", "--out", str(tmp_path)]) == 2
    assert "pyLODE is not installed" in capsys.readouterr().out
    assert not (tmp_path / "index.html").exists()
