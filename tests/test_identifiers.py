"""Identifiers that survive: retirement records (graph/curation/retired.yaml) and the build's
check against the IRI lists of earlier releases (graph/releases/X.Y.Z/iris.txt)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from pyoxigraph import Quad

from gongyun.graph import releases as rel
from gongyun.graph import retired as ret
from gongyun.graph import terms as t
from gongyun.graph.build import build
from gongyun.graph.problems import BuildError, Problems
from gongyun.namespaces import RESOURCE

RECORDS = """\
# Retired identifiers (test)
- id: place/taiyuan-misread
  replaced_by: [place/taiyuan]
  kind: renamed
  date: 2026-12-05
  reason: the id followed a misreading
- id: org/vanished-union
  replaced_by: [org/shanxi-gtu]
  kind: merged
  date: 2026-12-05
  reason: two ids for one union
- id: org/two-bodies
  replaced_by: [org/shanxi-gtu, place/taiyuan]
  kind: split
  date: 2026-12-06
  reason: one id for two bodies
- id: claim/000-c9999
  kind: deleted
  date: 2026-12-06
  reason: a claim withdrawn
"""


def with_committed_records(path: Path) -> Path:
    """RECORDS after the repository's own records (whose ids a release lists: a build that
    lost them would refuse them as gone)."""
    committed = ret.RETIRED_FILE.read_text(encoding="utf-8") if ret.RETIRED_FILE.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(committed.rstrip("\n") + "\n" + RECORDS, encoding="utf-8")
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> tuple[list[ret.Retirement], Problems]:
    problems = Problems()
    return ret.load_retired(problems, write(tmp_path / "retired.yaml", text)), problems


def test_records_are_read_with_their_kind_replacements_date_and_reason(tmp_path):
    records, problems = load(tmp_path, RECORDS)
    assert problems.items == []
    assert [(r.id, r.kind, r.replaced_by) for r in records] == [
        ("place/taiyuan-misread", "renamed", ("place/taiyuan",)),
        ("org/vanished-union", "merged", ("org/shanxi-gtu",)),
        ("org/two-bodies", "split", ("org/shanxi-gtu", "place/taiyuan")),
        ("claim/000-c9999", "deleted", ()),
    ]
    assert records[0].date == "2026-12-05" and records[3].line == 17


@pytest.mark.parametrize(("record", "message"), [
    ("- {id: org/x, kind: gone, date: 2026-12-05, reason: r}", "kind must be one of"),
    ("- {id: org/x, kind: renamed, date: 2026-12-05, reason: r}", "exactly one replaced_by"),
    ("- {id: org/x, kind: split, replaced_by: [org/a], date: 2026-12-05, reason: r}",
     "two or more replaced_by"),
    ("- {id: org/x, kind: deleted, replaced_by: [org/a], date: 2026-12-05, reason: r}",
     "none replaced_by"),
    ("- {id: org/x, kind: merged, replaced_by: [org/x], date: 2026-12-05, reason: r}",
     "replaced by itself"),
    ("- {id: org/x, kind: deleted, date: 5 Dec 2026, reason: r}", "date must be YYYY-MM-DD"),
    ("- {id: org/x, kind: deleted, date: 2026-12-05}", "needs a reason"),
    ("- {id: 'https://w3id.org/gongyun/resource/org/x', kind: deleted, date: 2026-12-05,"
     " reason: r}", "must be a local id"),
    ("- {id: org/x, kind: deleted, date: 2026-12-05, reason: r, note: n}", "unknown keys"),
    ("- {id: org/x, kind: deleted, date: 2026-12-05, reason: r}\n"
     "- {id: org/x, kind: deleted, date: 2026-12-05, reason: r}", "retired twice"),
])
def test_a_malformed_record_is_reported_at_its_line(tmp_path, record, message):
    _, problems = load(tmp_path, record)
    assert any(message in p.message and p.line for p in problems.errors), problems.items


def test_a_retired_id_must_be_gone_and_its_replacements_there(tmp_path):
    records, _ = load(tmp_path, RECORDS)
    problems = Problems()
    ret.check_retired(records, {"place/taiyuan", "org/shanxi-gtu"}, problems)
    assert problems.items == []
    ret.check_retired(records, {"place/taiyuan-misread", "place/taiyuan"}, problems)
    messages = [p.message for p in problems.errors]
    assert any("place/taiyuan-misread: the id is still in the graph" in m for m in messages)
    assert any("replacement org/shanxi-gtu is not in the graph" in m for m in messages)


def test_a_chain_of_retirements_leads_to_where_it_ends():
    replaced = {"org/a": ["org/b"], "org/b": ["org/c", "org/d"], "org/d": [],
                "org/x": ["org/y"], "org/y": ["org/x"]}
    assert ret.final_replacements("org/a", replaced) == ["org/c"]
    assert ret.final_replacements("org/d", replaced) == []
    assert ret.final_replacements("org/c", replaced) == ["org/c"]
    assert ret.final_replacements("org/x", replaced) == ["org/x"]  # a cycle closes


def test_the_records_become_the_retired_graph(tmp_path):
    records, _ = load(tmp_path, RECORDS)
    sink = t.QuadSink()
    ret.retired_quads(records, sink)
    g = t.graph("retired")
    assert all(q.graph_name == g for q in sink.quads)
    about = {(q.subject.value[len(RESOURCE):], q.predicate.value.rsplit("/", 1)[-1],
              q.object.value) for q in sink.quads}
    same = "owl#sameAs"
    assert ("org/vanished-union", "isReplacedBy", RESOURCE + "org/shanxi-gtu") in about
    assert ("org/vanished-union", same, RESOURCE + "org/shanxi-gtu") in about
    assert ("place/taiyuan-misread", same, RESOURCE + "place/taiyuan") in about
    assert not any(s == "org/two-bodies" and p == same for s, p, _ in about)  # a split: parts
    assert not any(s == "claim/000-c9999" and p == "isReplacedBy" for s, p, _ in about)
    assert ("claim/000-c9999", "date", "2026-12-06") in about
    assert ("claim/000-c9999", "ontology#retirementKind",
            "https://w3id.org/gongyun/ontology#Deleted") in about


def test_citable_ids_leave_out_parts_and_per_build_nodes():
    def typed(local: str) -> Quad:
        return Quad(t.res(local), t.RDF_TYPE, t.gy("Thing"), t.graph("x"))

    quads = [typed(i) for i in ("org/a", "claim/001-c0001", "annotation/001-e0001",
                                "annotation/001-e0001/quote", "place/p", "place/p/geometry",
                                "quantity/001-c0001", "time/001-c0001", "build/abcdef",
                                "concept/unit/tonne", "source/001/author")]
    assert rel.citable_ids(quads) == {"org/a", "claim/001-c0001", "annotation/001-e0001",
                                      "place/p", "concept/unit/tonne", "source/001/author"}


def test_versions_are_ordered_by_number_not_text(tmp_path):
    for version in ("1.10.0", "1.9.2", "2.0.0"):
        write(tmp_path / version / rel.RECORD, f"version: {version}\ndate: '2026-12-05'\n")
    (tmp_path / "notes").mkdir()
    assert [r.version for r in rel.releases(tmp_path)] == ["1.9.2", "1.10.0", "2.0.0"]
    with pytest.raises(ValueError, match="X.Y.Z"):
        rel.version_key("1.0")


@pytest.fixture
def releases_dir(tmp_path, monkeypatch) -> Path:
    """The committed releases, and 9.0.0: their IRIs plus one the graph no longer has."""
    root = tmp_path / "releases"
    shutil.copytree(rel.RELEASES_DIR, root)
    ids = [i for r in rel.releases() for i in r.ids()]
    assert len(ids) > 3000, "the repository keeps the IRI list of its first release"
    write(root / "9.0.0" / rel.RECORD, "version: 9.0.0\ndate: '2026-12-05'\n")
    (root / "9.0.0" / rel.IRIS).write_text(
        "".join(f"{RESOURCE}{i}\n" for i in [*ids, "org/vanished-union"]), encoding="utf-8")
    monkeypatch.setattr(rel, "RELEASES_DIR", root)
    return root


def test_the_build_refuses_an_iri_of_a_release_gone_without_a_record(
        releases_dir, tmp_path, monkeypatch):
    committed = tmp_path / "retired.yaml"
    if ret.RETIRED_FILE.exists():
        committed.write_text(ret.RETIRED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(ret, "RETIRED_FILE", committed)
    with pytest.raises(BuildError) as failed:
        build(tmp_path / "out", write=False, validate=False, reason=False)
    messages = [p.message for p in failed.value.problems if p.severity == "error"]
    assert messages == [f"{RESOURCE}org/vanished-union was published in release 9.0.0 and is "
                        "gone from the graph: add a record to graph/curation/retired.yaml "
                        "(renamed, merged, split or deleted, with the date and the reason), "
                        "or restore it"]


def test_a_retirement_record_lets_the_build_pass_and_is_in_the_graph(
        releases_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(ret, "RETIRED_FILE", with_committed_records(tmp_path / "retired.yaml"))
    report = build(tmp_path / "out", write=False, validate=False, reason=False)
    retired_graph = t.graph("retired")
    subjects = {q.subject.value[len(RESOURCE):] for q in report.quads
                if q.graph_name == retired_graph}
    assert subjects >= {"place/taiyuan-misread", "org/vanished-union", "org/two-bodies",
                        "claim/000-c9999"}
    # Not the content of release 9.0.0 (its digest is not recorded): changes since 9.0.0.
    assert report.version == "9.0.0+dev"


def test_a_partial_build_does_not_check_the_releases(releases_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(ret, "RETIRED_FILE", tmp_path / "none.yaml")
    report = build(tmp_path / "out", only={"002"}, write=False, validate=False, reason=False)
    assert report.quads


def test_the_committed_graph_is_exactly_its_last_release_or_says_it_changed():
    """The build names its version: the last release when the content digest is the one that
    release recorded, else that release with +dev."""
    last = rel.releases()[-1]
    assert rel.version_of(last.content_sha256).label == last.version
    assert rel.version_of("0" * 64).label == f"{last.version}+dev"
    assert rel.version_of("0" * 64, releasing="7.0.0").label == "7.0.0"
