"""`gongyun export`: CSV tables a spreadsheet or pandas reads, with every claim's evidence at
offsets that point at the quote in the source text, and the disagreements."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gongyun import cli
from gongyun.paths import CORPUS_DIR


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert cli.main(["export", "--out", str(out), "--nquads", str(built.nquads)]) == 0
    return out


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_entities_table(exported):
    rows = {r["id"]: r for r in read(exported / "entities.csv")}
    assert rows["org/shanxi-gtu"]["label_zh"] == "山西省总工会"
    assert "Place" in rows["place/tianjin"]["classes"].split()
    assert "Tientsin" in rows["place/tianjin"]["aliases"]
    assert not any(i.count("/") > 1 for i in rows)  # no geometry or part-of nodes


def test_claims_carry_evidence_at_the_right_offsets(exported):
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in CORPUS_DIR.glob("*.txt")}
    rows = read(exported / "claims.csv")
    with_quote = [r for r in rows if r["quote"]]
    assert len(with_quote) > 1000
    for r in with_quote:
        source = r["source"].removeprefix("source/")
        assert texts[source][int(r["start"]):int(r["end"])] == r["quote"], r["claim"]
    founding = [r for r in rows if r["subject"] == "event/shanxi-gtu-founding"
                and r["predicate"] == "gy:occurredWithin"]
    assert {(r["source"], r["object_as_written"].split(" ")[0]) for r in founding} >= {
        ("source/001", "1937-09-18"), ("source/000", "1937-10-08")}


def test_disagreements_table(exported):
    rows = [r for r in read(exported / "disagreements.csv")
            if r["disagreement"] == "disagreement/shanxi-gtu-founding-date"]
    assert {r["claim"] for r in rows} == {"claim/001-c0131", "claim/000-c0243",
                                          "claim/000-c0203"}
    assert all(r["type"] == "gy:DifferentGranularity" and r["rationale"] for r in rows)


def test_export_is_reproducible(exported, built, tmp_path):
    assert cli.main(["export", "--out", str(tmp_path), "--nquads", str(built.nquads)]) == 0
    for name in ("entities.csv", "claims.csv", "disagreements.csv"):
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes()


def test_missing_dump_is_explained(tmp_path, capsys):
    assert cli.main(["export", "--out", str(tmp_path), "--nquads", str(tmp_path / "x.nq")]) == 2
    assert "gongyun build" in capsys.readouterr().err
