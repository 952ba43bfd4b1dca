"""`gongyun release X.Y.Z` into a temporary copy of the files it writes (ontology, releases
folder, CHANGELOG.md, CITATION.cff, the dumps' folder), over small builds of text 002."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from gongyun.graph import publish
from gongyun.graph import releases as rel
from gongyun.graph.build import build
from gongyun.graph.problems import BuildError, Problem
from gongyun.namespaces import RESOURCE
from gongyun.paths import ONTOLOGY_FILE


@pytest.fixture
def places(tmp_path, monkeypatch) -> publish.Places:
    ontology = tmp_path / "gongyun.ttl"
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    text = publish.VERSION_IRI.sub(r"\g<1>https://w3id.org/gongyun/ontology/0.1.0\g<2>", text)
    ontology.write_text(publish.VERSION_INFO.sub(r"\g<1>0.1.0\g<2>", text), encoding="utf-8")
    shutil.copy(publish.ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\nReleases, newest first.\n",
                                           encoding="utf-8")
    found = publish.Places(ontology=ontology, releases=tmp_path / "releases",
                           citation=tmp_path / "CITATION.cff",
                           changelog=tmp_path / "CHANGELOG.md", build=tmp_path / "build")
    monkeypatch.setattr(rel, "RELEASES_DIR", found.releases)  # what the build reads
    return found


def small(**kwargs):
    return build(only={"002"}, validate=False, reason=False, **kwargs)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_release_and_the_next_one(places):
    record = publish.release("1.0.0", "2026-12-05", places, make=small)
    ontology = places.ontology.read_text(encoding="utf-8")
    assert "owl:versionIRI <https://w3id.org/gongyun/ontology/1.0.0> ;" in ontology
    assert 'owl:versionInfo "1.0.0" ;' in ontology
    folder = places.releases / "1.0.0"
    kept = yaml.safe_load((folder / rel.RECORD).read_text(encoding="utf-8"))
    assert kept["version"] == "1.0.0" and kept["date"] == "2026-12-05"
    assert kept["previous"] is None and kept == record
    iris = (folder / rel.IRIS).read_text(encoding="utf-8").splitlines()
    assert len(iris) == kept["iris"] > 1000 and iris == sorted(iris)
    assert all(i.startswith(RESOURCE) for i in iris)
    assert f"{RESOURCE}dataset/1.0.0" in iris and f"{RESOURCE}claim/002-c0900" in iris
    # dumps: gzipped, the checksums recorded and in SHA256SUMS
    dumps = places.dumps("1.0.0")
    sums = dict(reversed(line.split("  ")) for line in
                (dumps / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert set(sums) == set(kept["dumps"]) >= {"gongyun-1.0.0.nq.gz", "gongyun-1.0.0.ttl.gz",
                                               "gongyun-1.0.0.jsonld.gz"}
    for name, digest in sums.items():
        assert sha256(dumps / name) == digest == kept["dumps"][name]["sha256"]
    nquads = gzip.decompress((dumps / "gongyun-1.0.0.nq.gz").read_bytes()).decode("utf-8")
    assert f'<{RESOURCE}dataset> <http://www.w3.org/ns/dcat#hasCurrentVersion> ' \
           f'<{RESOURCE}dataset/1.0.0>' in nquads
    assert (dumps / "gongyun-1.0.0.nq.gz").read_bytes()[4:8] == b"\0\0\0\0"  # no mtime
    changelog = places.changelog.read_text(encoding="utf-8")
    assert re.search(r"## 1\.0\.0 — 2026-12-05\n\nFirst release\. \d+ claims, \d+ evidence",
                     changelog)
    citation = places.citation.read_text(encoding="utf-8")
    assert 'version: "1.0.0"' in citation and 'date-released: "2026-12-05"' in citation
    assert rel.version_of(kept["content_sha256"], places.releases).label == "1.0.0"

    publish.release("1.1.0", "2026-12-24", places, make=small)
    changelog = places.changelog.read_text(encoding="utf-8")
    assert changelog.index("## 1.1.0 — 2026-12-24") < changelog.index("## 1.0.0 — 2026-12-05")
    assert changelog.startswith("# Changelog\n\nReleases, newest first.\n\n## 1.1.0")
    assert re.search(r"Compared release 1\.0\.0 \(1\.0\.0: \d+ claims", changelog)
    assert "- Claims: 0 added, 0 removed, 0 changed." in changelog
    assert yaml.safe_load((places.releases / "1.1.0" / rel.RECORD).read_text())["previous"] \
        == "1.0.0"
    assert 'version: "1.1.0"' in places.citation.read_text(encoding="utf-8")


def test_a_release_that_cannot_be_made_keeps_nothing(places):
    before = places.ontology.read_text(encoding="utf-8")

    def failing(**kwargs):
        raise BuildError([Problem(None, None, "a quote is not in its paragraph")])

    with pytest.raises(BuildError):
        publish.release("1.0.0", "2026-12-05", places, make=failing)
    assert places.ontology.read_text(encoding="utf-8") == before
    assert not (places.releases / "1.0.0").exists()
    with pytest.raises(ValueError, match="X.Y.Z"):
        publish.release("1.0", "2026-12-05", places, make=failing)
    (places.releases / "2.0.0").mkdir(parents=True)
    (places.releases / "2.0.0" / rel.RECORD).write_text("version: 2.0.0\ndate: '2026-12-01'\n")
    with pytest.raises(publish.ReleaseError, match="not after the last release 2.0.0"):
        publish.release("1.5.0", "2026-12-05", places, make=failing)
    with pytest.raises(publish.ReleaseError, match="exists already"):
        publish.release("2.0.0", "2026-12-05", places, make=failing)
    assert places.ontology.read_text(encoding="utf-8") == before
