"""The build's checks run in forked processes beside the dump writing: their results come back,
their failures fail the build (file:line: message), and a failed build publishes no dumps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongyun.graph import build as build_module
from gongyun.graph.build import Forked, build
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
    monkeypatch.setattr(build_module, "_validation_findings", _one_violation)
    monkeypatch.setattr(build_module, "_reasoning_check", _one_clash)
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
