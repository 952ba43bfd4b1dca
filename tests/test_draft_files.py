"""Draft files: in the curated format (the annotation loader reads them without a problem),
never written over a curator's file, refused once marked checked with proposals left in them,
and kept out of the published build (only `--with-drafts` builds them, into drafts/<source>)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from gongyun.cli import main
from gongyun.graph.annotations import AnnotationSet, read_annotation_file, review_state
from gongyun.graph.build import build
from gongyun.graph.draft.draft import draft_text
from gongyun.graph.draft.lexicon import Lexicon, load_knowledge
from gongyun.graph.draft.writer import write_draft
from gongyun.graph.entities import Declarations
from gongyun.graph.problems import Problems
from gongyun.graph.sources import Source, load_sources
from gongyun.paths import ANNOTATIONS_DIR, GRAPH_DIR

TEXT = ("抗战爆发后，某市工人积极参加救亡运动。\n"
        "1938年3月5日，山西省总工会在太原成立，会员两万余人；次日召开大会，3000余人参加。\n"
        "同年冬，太原工人自卫队迁往文水、交城等地，破坏同蒲铁路。\n")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(load_knowledge())


def new_source(text: str = TEXT, ident: str = "900") -> Source:
    return Source(ident, None, "", "zh-Hans", "测试", "test", "", None, False, text, None)


def _read(folder: Path, source: Source) -> tuple[AnnotationSet, Problems]:
    decl = Declarations(entities=dict(load_knowledge().declared.entities))
    problems, into = Problems(), AnnotationSet()
    for path in sorted(folder.glob("p*.yaml")):
        read_annotation_file(path, decl, problems, into)
    return into, problems


def test_draft_files_are_in_the_curated_format_with_reasons(tmp_path: Path, lexicon: Lexicon):
    source = new_source()
    folder = tmp_path / "900"
    written = write_draft(draft_text(source, lexicon), folder)
    assert [p.name for p in written.written] == ["p01.yaml", "p02.yaml", "p03.yaml"]
    into, problems = _read(folder, source)
    assert not problems.errors, [str(p) for p in problems.errors]
    assert {h["review"] for h in into.files.values()} == {"draft"}
    for ev in into.evidence:
        assert ev.quote in source.text
        for claim in ev.claims:
            assert claim.data["reason"]["rule"] and claim.data["reason"]["matched"]
        for proposal in ev.proposals:
            assert proposal.data["reason"]["rule"]
    doc = yaml.safe_load((folder / "p02.yaml").read_text(encoding="utf-8"))
    assert doc["review"] == "draft" and doc["curator"] == "gongyun draft"
    rules = {c["reason"]["rule"] for ev in doc["evidence"] for c in ev.get("claims", [])}
    assert any(r.startswith("skeleton/founding") for r in rules)
    values = [v for ev in doc["evidence"] for v in ev.get("values", [])]
    dates = {v["date"]: v for v in values if "date" in v}
    # 次日 takes its day from the date before it, and says which words gave it.
    assert dates["次日"]["context"] == "1938-03-05"
    assert dates["次日"]["reason"]["anchor"] == "1938年3月5日"


def test_ids_are_stable_and_six_digits(tmp_path: Path, lexicon: Lexicon):
    first, second = tmp_path / "a", tmp_path / "b"
    write_draft(draft_text(new_source(), lexicon), first)
    write_draft(draft_text(new_source(), lexicon), second)
    for path in sorted(first.glob("p*.yaml")):
        assert path.read_text(encoding="utf-8") == (second / path.name).read_text(encoding="utf-8")
    doc = yaml.safe_load((first / "p02.yaml").read_text(encoding="utf-8"))
    assert doc["evidence"][0]["id"] == "900-e002001"


def test_a_curators_file_is_never_overwritten(tmp_path: Path, lexicon: Lexicon):
    folder = tmp_path / "900"
    write_draft(draft_text(new_source(), lexicon), folder)
    curated = folder / "p02.yaml"
    accepted = curated.read_text(encoding="utf-8").replace("review: draft", "review: checked")
    accepted += "# a curator's note\n"
    curated.write_text(accepted, encoding="utf-8")
    stale = folder / "p03.yaml"
    again = write_draft(draft_text(new_source(), lexicon), folder)
    assert curated.read_text(encoding="utf-8") == accepted  # byte for byte
    assert again.skipped == [curated]
    assert curated not in again.written and stale in again.written
    assert review_state(curated) == "checked"


def test_redrafting_removes_a_stale_draft_but_never_a_curators_file(tmp_path: Path,
                                                                   lexicon: Lexicon):
    folder = tmp_path / "900"
    folder.mkdir()
    stale = folder / "p07.yaml"
    stale.write_text("source: '900'\nparagraph: 7\ncurator: gongyun draft\nreview: draft\n",
                     encoding="utf-8")
    mine = folder / "p08.yaml"
    mine.write_text("source: '900'\nparagraph: 8\ncurator: me\nreview: checked\n",
                    encoding="utf-8")
    result = write_draft(draft_text(new_source(), lexicon), folder)
    assert not stale.exists() and stale in result.removed
    assert mine.exists() and mine in result.skipped


def test_a_checked_file_with_proposals_left_is_refused(tmp_path: Path, lexicon: Lexicon):
    folder = tmp_path / "900"
    write_draft(draft_text(new_source(), lexicon), folder)
    path = folder / "p02.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("review: draft", "review: checked"),
                    encoding="utf-8")
    problems = Problems()
    read_annotation_file(path, Declarations(), problems, AnnotationSet())
    assert any("draft proposals" in p.message for p in problems.errors)


WALKTHROUGH = Path(__file__).parent / "data" / "draft" / "walkthrough.txt"


def test_the_walkthrough_of_adding_a_source(tmp_path: Path, capsys: pytest.CaptureFixture):
    """docs/adding-a-source.md's text, through `source add` and `draft` as a user runs them."""
    graph = tmp_path / "graph"
    for part in ("corpus", "entities", "gazetteer", "vocab"):
        shutil.copytree(GRAPH_DIR / part, graph / part)
    shutil.copy(GRAPH_DIR / "sources.yaml", graph / "sources.yaml")
    (graph / "annotations").mkdir()
    assert main(["source", "add", str(WALKTHROUGH), "--id", "003", "--title-zh", "测试",
                 "--graph-dir", str(graph)]) == 0
    assert main(["draft", "003", "--graph-dir", str(graph)]) == 0
    out = capsys.readouterr().out
    assert "wrote 3 draft file(s)" in out
    folder = graph / "annotations" / "003"
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["p02.yaml", "p03.yaml", "p04.yaml"]
    doc = yaml.safe_load((folder / "p02.yaml").read_text(encoding="utf-8"))
    claims = {(c["p"], c.get("o") or c.get("date") or c.get("quantity"))
              for ev in doc["evidence"] for c in ev.get("claims", [])}
    assert {("occurredWithin", "1938年4月"), ("tookPlaceAt", "place/hankou"),
            ("size", "600余人"), ("participantCount", "2000余人")} <= claims
    assert main(["draft", "004", "--graph-dir", str(graph)]) == 2


def test_drafts_stay_out_of_the_published_build(tmp_path: Path, built, lexicon: Lexicon):
    """Draft files beside the curated ones: the published build is the same quads; only
    --with-drafts builds them, into drafts/<source> and dumps/drafts.nq, outside the counts."""
    annotations = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS_DIR, annotations)
    source = load_sources(Problems())["002"]
    written = write_draft(draft_text(source, lexicon), annotations / "002")
    assert written.written and written.skipped  # drafts of paragraphs no curator has done

    plain = build(tmp_path / "plain", annotations_dir=annotations, validate=False,
                  reason=False)
    assert {str(q) for q in plain.quads} - {str(q) for q in built.quads} <= {
        str(q) for q in plain.quads if "/graph/build" in q.graph_name.value}
    assert plain.counts["claims"] == built.counts["claims"]
    assert not plain.draft_quads

    drafted = build(tmp_path / "drafted", annotations_dir=annotations, validate=False,
                    reason=False, with_drafts=True)
    graphs = {q.graph_name.value.rsplit("/graph/", 1)[-1] for q in drafted.draft_quads}
    assert graphs == {"drafts/002"}
    assert not [q for q in drafted.quads if "/graph/drafts/" in q.graph_name.value]
    assert drafted.counts == plain.counts
    published = (tmp_path / "drafted" / "dumps" / "gongyun.nq").read_text(encoding="utf-8")
    assert "/graph/drafts/" not in published
    assert "/graph/drafts/002" in (tmp_path / "drafted" / "dumps" / "drafts.nq").read_text(
        encoding="utf-8")
    assert "002" in drafted.draft_coverage
