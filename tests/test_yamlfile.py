"""The one YAML module: the build's fast reads, and the round-trip, atomic writes the drafting and
the curator's workbench use (comments, order and layout kept; unchanged means byte-identical)."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from gongyun.graph import yamlfile
from gongyun.paths import ANNOTATIONS_DIR, GRAPH_DIR

COMMENTED = ANNOTATIONS_DIR / "000" / "p35.yaml"  # a curated annotation file with comments


def _changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if "#" in line]


def _keys(value: object) -> list:
    """Every mapping's keys in order, depth first."""
    if isinstance(value, dict):
        return [list(value)] + [k for v in value.values() for k in _keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


def test_every_curated_file_written_back_unchanged_is_byte_identical():
    files = sorted(GRAPH_DIR.rglob("*.yaml"))
    assert len(files) >= 160
    for path in files:
        opened = yamlfile.open_for_edit(path)
        assert opened.render() == path.read_text(encoding="utf-8"), path
        assert yamlfile.to_plain(opened.data) == yamlfile.parse(path.read_text("utf-8")), path


def test_an_unchanged_edit_leaves_the_file_alone(tmp_path: Path):
    path = tmp_path / COMMENTED.name
    shutil.copy(COMMENTED, path)
    before = path.stat().st_mtime_ns
    with yamlfile.edit(path) as doc:
        doc["review"] = doc["review"]
    assert path.read_bytes() == COMMENTED.read_bytes()
    assert path.stat().st_mtime_ns == before


def test_a_small_edit_keeps_the_comments_and_the_order(tmp_path: Path):
    path = tmp_path / COMMENTED.name
    shutil.copy(COMMENTED, path)
    original = path.read_text(encoding="utf-8")
    with yamlfile.edit(path) as doc:
        doc["entities"][1]["en"] = "Shanghai workers' patriotic donation drives (since 1937)"
    new = path.read_text(encoding="utf-8")
    assert _changed_lines(original, new) == [
        "-    en: Shanghai workers' patriotic donation campaigns organised by the party (since"
        " 1937)",
        "+    en: Shanghai workers' patriotic donation drives (since 1937)",
    ]
    assert _comments(new) == _comments(original)
    read = yamlfile.load_plain(path)
    assert _keys(read) == _keys(yamlfile.load_plain(COMMENTED))
    assert read["entities"][1]["en"] == "Shanghai workers' patriotic donation drives (since 1937)"


def test_adding_an_entity_keeps_the_rest_as_it_was(tmp_path: Path):
    path = tmp_path / COMMENTED.name
    shutil.copy(COMMENTED, path)
    original = path.read_text(encoding="utf-8")
    with yamlfile.edit(path) as doc:
        doc["entities"].insert(2, {"id": "group/000-shanghai-dockers", "class": "Group",
                                   "zh": "上海码头工人", "en": "Shanghai dockers",
                                   "named": False})
    new = path.read_text(encoding="utf-8")
    after = original.index("  - id: event/000-shanghai-party-literacy-schools\n")
    assert new == original[:after] + (
        "  - id: group/000-shanghai-dockers\n    class: Group\n    zh: 上海码头工人\n"
        "    en: Shanghai dockers\n    named: false\n") + original[after:]
    assert _comments(new) == _comments(original)
    entities = yamlfile.load(path)["entities"]
    assert [e["id"] for e in entities[1:4]] == [
        "event/000-shanghai-patriotic-donation-campaigns", "group/000-shanghai-dockers",
        "event/000-shanghai-party-literacy-schools"]
    assert yamlfile.line_of(entities[2]) == 21


def test_an_edit_of_a_file_ruamel_would_lay_out_otherwise(tmp_path: Path):
    """Inline comments, a hand-aligned flow list, a folded line, `null` and `no`: all kept
    where the edit did not reach (a line next to an edited one may take ruamel's layout)."""
    text = (
        "# header\n"
        "items:\n"
        "  - id: a   # the first\n"
        "    claims: [000-c0001, 000-c0002,\n"
        "             000-c0003]\n"
        "    note: a long note that an earlier tool folded\n"
        "      onto a second line\n"
        "    until: null\n"
        "  - id: b\n"
        "    n: 5\n"
        "    role: 主任\n"
        "    answer: no\n"
    )
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with yamlfile.edit(path) as doc:
        doc["items"][1]["n"] = 6
    assert _changed_lines(text, path.read_text(encoding="utf-8")) == ["-    n: 5", "+    n: 6"]
    assert yamlfile.load_plain(path)["items"][1] == {"id": "b", "n": 6, "role": "主任",
                                                     "answer": False}


def test_strings_the_loader_would_type_are_written_as_strings(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_text("source: '001'\nitems: []\n", encoding="utf-8")
    words = ["no", "on", "n", "y", "001", "017", "1937-09-18", "~", "null", "1:20", "1_000"]
    with yamlfile.edit(path) as doc:
        doc["items"].extend(words)
        doc["n"] = None
    read = yamlfile.load_plain(path)
    assert read == {"source": "001", "items": words, "n": None}


def test_a_new_file_in_the_house_style(tmp_path: Path):
    path = tmp_path / "p07.yaml"
    data = {"source": "003", "paragraph": 7, "curator": "Gongyun editors", "review": "draft",
            "entities": [{"id": "org/x", "class": "Organization", "zh": "某工会",
                          "en": "X Union", "aliases": ["某会"]}],
            "evidence": []}
    yamlfile.write_new(path, data, header="# drafted from text 003")
    assert path.read_text(encoding="utf-8") == (
        "# drafted from text 003\n"
        "source: '003'\nparagraph: 7\ncurator: Gongyun editors\nreview: draft\n"
        "entities:\n  - id: org/x\n    class: Organization\n    zh: 某工会\n    en: X Union\n"
        "    aliases:\n      - 某会\n"
        "evidence: []\n")
    assert yamlfile.fields(yamlfile.load(path)) | {"entities": data["entities"]} == data


def test_writes_are_atomic_and_keep_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0o640)
    with pytest.raises(ValueError, match="does not parse"):
        yamlfile.write_text(path, "a: [1\n")
    assert path.read_text(encoding="utf-8") == "a: 1\n"

    def crash(*args: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        yamlfile.write_text(path, "a: 2\n")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]  # no temporary file left

    yamlfile.write_text(path, "a: 3\n")
    assert path.read_text(encoding="utf-8") == "a: 3\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_the_readers_keep_what_the_curator_wrote(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_text("- id: '001'\n  date: 1937-09-18\n  n: 017\n", encoding="utf-8")
    assert yamlfile.load_plain(path) == [{"id": "001", "date": "1937-09-18", "n": 15}]
    assert yamlfile.load(path) == [{"id": "001", "date": "1937-09-18", "n": 15,
                                    yamlfile.LINE_KEY: 1}]
    assert yamlfile.parse(path.read_text(encoding="utf-8")) == yamlfile.load_plain(path)
    (doc,) = list(yamlfile.nodes(path.read_text(encoding="utf-8")))
    assert doc.value[0].value[1][1].start_mark.line == 1
