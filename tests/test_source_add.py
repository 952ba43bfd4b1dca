"""`gongyun source add`: a new text copied byte for byte and registered; every refusal leaves
the corpus and graph/sources.yaml exactly as they were."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from gongyun.cli import main
from gongyun.graph import terms as t
from gongyun.graph.names import pinyin_label
from gongyun.graph.problems import Problems
from gongyun.graph.source_add import Refused, add_source
from gongyun.graph.sources import load_sources, source_quads
from gongyun.paths import GRAPH_DIR

TEXT = "1939年春，某厂工人成立工会。\n次日，工会会员100余人参加大会。\n"


@pytest.fixture
def graph_dir(tmp_path: Path) -> Path:
    root = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR / "corpus", root / "corpus")
    shutil.copy(GRAPH_DIR / "sources.yaml", root / "sources.yaml")
    (root / "annotations").mkdir()
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _write(tmp_path: Path, data: bytes, name: str = "new.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_text_is_copied_byte_for_byte_and_registered(tmp_path: Path, graph_dir: Path):
    raw = TEXT.encode("utf-8")
    added = add_source(_write(tmp_path, raw), "003", "某厂工会史", covers="a test text",
                       bibliographic={"author": "佚名", "url": "https://example.org/t"},
                       graph_dir=graph_dir)
    digest = hashlib.sha256(raw).hexdigest()
    assert added.file == graph_dir / "corpus" / f"003_{digest[:16]}.txt"
    assert added.file.read_bytes() == raw
    assert added.paragraphs == TEXT.split("\n")

    problems = Problems()
    sources = load_sources(problems, graph_dir / "sources.yaml")
    assert not problems.errors
    new = sources["003"]
    assert (new.sha256, new.complete, new.title_zh, new.text) == (digest, False, "某厂工会史", TEXT)
    assert new.bibliographic == {"author": "佚名", "url": "https://example.org/t"}
    # The old entries and the file's comments are untouched.
    assert sorted(sources) == ["000", "001", "002", "003"]
    assert (graph_dir / "sources.yaml").read_text().startswith(
        (GRAPH_DIR / "sources.yaml").read_text())

    sink = t.QuadSink()
    source_quads({"003": new}, sink)
    props = {(q.predicate.value, q.object.value) for q in sink.quads}
    assert ("http://purl.org/dc/terms/creator", "佚名") in props
    assert ("https://schema.org/url", "https://example.org/t") in props
    # No English title given: the pinyin of the Chinese one stands in for the English label.
    english = {q.object.value for q in sink.quads if getattr(q.object, "language", None) == "en"
               and q.predicate.value.endswith("#label")}
    assert english == {pinyin_label("某厂工会史")}


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"  \n\n", "empty"),
    ("工人成立工会。".encode("gb18030"), "not UTF-8"),
    (b"%PDF-1.4\n\x00\x01binary", "not plain text"),
    ("工人\r\n成立工会。\r\n".encode(), "carriage return"),
    ("\ufeff工人成立工会。\n".encode(), "byte-order mark"),
])
def test_refusals_of_the_file_write_nothing(tmp_path: Path, graph_dir: Path, data: bytes,
                                             message: str):
    before = _snapshot(graph_dir)
    with pytest.raises(Refused, match=message):
        add_source(_write(tmp_path, data), "003", "标题", graph_dir=graph_dir)
    assert _snapshot(graph_dir) == before


def test_a_text_already_in_the_corpus_is_refused(tmp_path: Path, graph_dir: Path):
    before = _snapshot(graph_dir)
    existing = next((graph_dir / "corpus").glob("001_*.txt"))
    copy = _write(tmp_path, existing.read_bytes())
    with pytest.raises(Refused, match="identical to source 001"):
        add_source(copy, "003", "标题", graph_dir=graph_dir)
    assert _snapshot(graph_dir) == before


@pytest.mark.parametrize("source_id", ["001", "3", "0003", "abc"])
def test_a_taken_or_malformed_id_is_refused(tmp_path: Path, graph_dir: Path, source_id: str):
    before = _snapshot(graph_dir)
    with pytest.raises(Refused, match="already taken|three digits"):
        add_source(_write(tmp_path, TEXT.encode()), source_id, "标题", graph_dir=graph_dir)
    assert _snapshot(graph_dir) == before


def test_an_id_with_annotations_but_no_registry_entry_is_taken(tmp_path: Path, graph_dir: Path):
    (graph_dir / "annotations" / "004").mkdir()
    with pytest.raises(Refused, match="graph/annotations/004"):
        add_source(_write(tmp_path, TEXT.encode()), "004", "标题", graph_dir=graph_dir)


def test_a_missing_file_and_an_empty_title_are_refused(tmp_path: Path, graph_dir: Path):
    with pytest.raises(Refused, match="no such file"):
        add_source(tmp_path / "nothing.txt", "003", "标题", graph_dir=graph_dir)
    with pytest.raises(Refused, match="title"):
        add_source(_write(tmp_path, TEXT.encode()), "003", "  ", graph_dir=graph_dir)


def test_the_command_reports_a_refusal_with_exit_code_2(tmp_path: Path, graph_dir: Path,
                                                        capsys: pytest.CaptureFixture[str]):
    code = main(["source", "add", str(_write(tmp_path, b"")), "--id", "003", "--title-zh", "题",
                 "--graph-dir", str(graph_dir)])
    assert code == 2
    assert "refused" in capsys.readouterr().err
    code = main(["source", "add", str(_write(tmp_path, TEXT.encode())), "--id", "003",
                 "--title-zh", "题", "--author", "佚名", "--graph-dir", str(graph_dir)])
    out = capsys.readouterr().out
    assert code == 0 and "paragraphs" in out and "p02" in out
