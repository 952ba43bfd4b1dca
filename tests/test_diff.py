"""`gongyun diff` on two small builds (text 002 only): the second with one claim's object
changed, one claim removed, a new entity with a claim, and an entity renamed with its
retirement record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, serialize

from gongyun.cli import main
from gongyun.graph import build as build_module
from gongyun.graph import diff as graph_diff
from gongyun.graph import retired as ret
from gongyun.graph.annotations import annotation_files
from gongyun.paths import ANNOTATIONS_DIR

OLD_EVENT = "event/002-northeast-unemployed-relief"
NEW_EVENT = "event/002-relief-of-the-unemployed"
NEW_ENTITY = """  - id: group/002-test-returning-workers
    class: Group
    zh: 职工群众
    en: returning workers (test)
    named: false
"""
NEW_CLAIM = ("      - {id: 002-c9990, s: event/002-northeast-worker-mobilisation-1945, "
             "p: hasParticipant, o: group/002-test-returning-workers, as: 职工群众}\n")
RECORD = f"""- id: {OLD_EVENT}
  replaced_by: [{NEW_EVENT}]
  kind: renamed
  date: 2026-12-05
  reason: a clearer id (test)
"""


def small_build(tmp: Path, annotations: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Build text 002 from `annotations` (a folder like graph/annotations) into tmp/graph.nq."""
    monkeypatch.setattr(build_module, "annotation_files",
                        lambda *args, **kwargs: annotation_files(root=annotations))
    report = build_module.build(tmp, only={"002"}, write=False, validate=False, reason=False)
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "graph.nq"
    path.write_bytes(serialize(report.quads, format=RdfFormat.N_QUADS))
    return path


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("diff")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ret, "RETIRED_FILE", tmp / "no-records.yaml")
        before = small_build(tmp / "a", ANNOTATIONS_DIR, patch)
        changed = tmp / "annotations"
        shutil.copytree(ANNOTATIONS_DIR, changed)
        p11 = changed / "002" / "p11.yaml"
        text = p11.read_text(encoding="utf-8")
        edits = [
            ("p: destination, o: place/northeast-china, as: 东北}",
             "p: destination, o: place/harbin, as: 东北}"),
            ('      - {id: 002-c0904, s: event/002-dispatch-of-labour-cadres-to-northeast-1945, '
             'p: purpose, text: 随军挺进东北, note: "随军 — with the army; the army is not '
             'named"}\n', ""),
            ("\nevidence:\n", "\n" + NEW_ENTITY + "\nevidence:\n"),
            ("  - id: 002-e0131\n", "  - id: 002-e0131\n"),
            (OLD_EVENT, NEW_EVENT),
        ]
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new)
        # the new claim on the mobilisation, in the evidence that quotes 职工群众
        anchor = "    claims:\n      - {id: 002-c0905"
        assert anchor in text
        text = text.replace(anchor, "    claims:\n" + NEW_CLAIM + "      - {id: 002-c0905")
        p11.write_text(text, encoding="utf-8")
        (tmp / "retired.yaml").write_text(RECORD, encoding="utf-8")
        patch.setattr(ret, "RETIRED_FILE", tmp / "retired.yaml")
        after = small_build(tmp / "b", changed, patch)
    return before, after


def test_diff_names_every_change_per_claim_entity_and_source(builds):
    a, b = (graph_diff.load_graph(p, name) for p, name in zip(builds, "AB", strict=True))
    result = graph_diff.diff(a, b)
    claims = result["claims"]
    assert claims["added"] == ["002-c9990"]
    assert claims["removed"] == ["002-c0904"]
    changed = {c["claim"]: {x["field"]: (x["from"], x["to"]) for x in c["changes"]}
               for c in claims["changed"]}
    assert changed["002-c0903"] == {"gy:object": ("place/northeast-china", "place/harbin")}
    # the claims about the renamed event changed their subject, and only that
    renamed = [c for c, fields in changed.items() if "gy:subject" in fields]
    assert renamed and all(changed[c] == {"gy:subject": (OLD_EVENT, NEW_EVENT)}
                           for c in renamed)
    assert set(changed) == {"002-c0903", *renamed}
    assert result["per_source"] == {"002": {"added": 1, "removed": 1,
                                            "changed": 1 + len(renamed)}}
    dispatch = result["per_entity"]["event/002-dispatch-of-labour-cadres-to-northeast-1945"]
    assert dispatch == {"added": [], "removed": ["002-c0904"], "changed": ["002-c0903"]}
    assert result["per_entity"][OLD_EVENT]["changed"] == renamed
    assert result["per_entity"][NEW_EVENT]["changed"] == renamed
    entities = result["entities"]
    assert [e["id"] for e in entities["created"]] == [NEW_EVENT, "group/002-test-returning-workers"]
    assert [(r["id"], r["kind"], r["replaced_by"]) for r in entities["retired"]] == [
        (OLD_EVENT, "renamed", [NEW_EVENT])]
    assert entities["merged"] == []
    # the removed claim has no retirement record: a build against a release would refuse it
    assert entities["gone_without_record"] == ["claim/002-c0904"]
    # nothing changed between a build and itself
    same = graph_diff.diff(a, a)
    assert same["claims"] == {"added": [], "removed": [], "changed": []}
    assert same["entities"]["created"] == [] and same["per_entity"] == {}


def test_diff_text_and_json_from_the_command_line(builds, capsys):
    a, b = map(str, builds)
    assert main(["diff", a, b]) == 0
    text = capsys.readouterr().out
    assert "- Claims: 1 added, 1 removed," in text
    assert "| 002 | 1 | 1 |" in text
    assert "**1 published ids gone without a retirement record**" in text
    assert f"`{OLD_EVENT}` renamed → `{NEW_EVENT}` (2026-12-05): a clearer id (test)" in text
    assert "`002-c0903` gy:object: place/northeast-china → place/harbin" in text
    assert main(["diff", a, b, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"]["added"] == ["002-c9990"]
    assert data["entities"]["retired"][0]["reason"] == "a clearer id (test)"


def test_diff_of_a_release_that_is_not_at_hand_says_where_to_put_it(tmp_path, capsys):
    assert main(["diff", "8.0.0", "8.1.0", "--releases-dir", str(tmp_path)]) == 2
    assert f"release 8.0.0: no dump at {tmp_path}/8.0.0/gongyun-8.0.0.nq.gz" in \
        capsys.readouterr().err
