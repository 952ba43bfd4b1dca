"""Releases as the repository keeps them: `graph/releases/<X.Y.Z>/` holds each release's record
(`release.yaml`: version, date, the digest of its content, the checksums of its dumps) and the
list of every IRI it published (`iris.txt`). The dumps themselves are generated, never
committed (`gongyun release` writes them under build/releases/).

The build uses this folder twice: an IRI any release published must still be in the graph or
be retired (graph/curation/retired.yaml), and the graph's version is the last release's when
its content is exactly that release's, else that version marked `+dev` (changes since).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from gongyun.graph import terms as t
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import fields, load
from gongyun.namespaces import (
    DATASET,
    dataset_version_id,
    local_id,
    ontology_version_iri,
    resource_iri,
)
from gongyun.paths import GRAPH_DIR

RELEASES_DIR = GRAPH_DIR / "releases"
RECORD = "release.yaml"
IRIS = "iris.txt"
GRAPH = "releases"
# Graphs that describe a build or the releases, not the knowledge: left out of the content
# digest, which must be equal for two builds of the same knowledge.
BOOKKEEPING_GRAPHS = ("build", GRAPH)
VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# Nodes minted per build (build/…) or as parts of another node (a claim's quantity and time
# windows, an annotation's selectors, a place's geometry and dated relations): they live and
# go with their owner, which is what the list records.
PART_KINDS = ("build/", "quantity/", "time/")
PARTS_OF_KINDS = ("annotation/", "place/")


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    content_sha256: str | None
    folder: Path

    @property
    def key(self) -> tuple[int, ...]:
        return version_key(self.version)

    def ids(self) -> list[str]:
        """The local ids this release published (its iris.txt)."""
        path = self.folder / IRIS
        if not path.exists():
            return []
        return [local for line in path.read_text(encoding="utf-8").splitlines()
                if (local := local_id(line))]


@dataclass(frozen=True)
class VersionInfo:
    """The graph's version: `release` is the last release (None before the first); `exact`
    says the content is that release's, unchanged."""

    release: str | None
    exact: bool

    @property
    def label(self) -> str:
        if self.release is None:
            return "unreleased"
        return self.release if self.exact else f"{self.release}+dev"


def version_key(version: str) -> tuple[int, ...]:
    match = VERSION.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a release version X.Y.Z (e.g. 1.0.0)")
    return tuple(int(g) for g in match.groups())


def releases(root: Path | None = None) -> list[Release]:
    """Every release recorded under `root` (default graph/releases), oldest first."""
    root = RELEASES_DIR if root is None else root
    found = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        record = folder / RECORD
        if not (folder.is_dir() and VERSION.match(folder.name) and record.exists()):
            continue
        data = fields(load(record) or {})
        found.append(Release(folder.name, str(data.get("date", "")),
                             data.get("content_sha256"), folder))
    return sorted(found, key=lambda r: r.key)


def citable_ids(quads: list[Quad]) -> set[str]:
    """The local ids a graph publishes: every typed resource except the parts and per-build
    nodes (PART_KINDS, and `annotation/<id>/…`, `place/<id>/…`)."""
    ids = set()
    for q in quads:
        if q.predicate != t.RDF_TYPE or not isinstance(q.subject, NamedNode):
            continue
        local = local_id(q.subject.value)
        if local is None or local.startswith(PART_KINDS):
            continue
        if local.startswith(PARTS_OF_KINDS) and local.count("/") > 1:
            continue
        ids.add(local)
    return ids


def check_against_releases(current: set[str], retired: set[str], problems: Problems,
                           root: Path | None = None, shown: int = 30) -> None:
    """Every id of every earlier release is still published or has a retirement record."""
    # The dataset and its versions are written after this check, from this very folder.
    current = current | {DATASET} | {dataset_version_id(r.version) for r in releases(root)}
    first_in: dict[str, str] = {}
    for release in releases(root):
        for ident in release.ids():
            first_in.setdefault(ident, release.version)
    gone = sorted(i for i in first_in if i not in current and i not in retired)
    for ident in gone[:shown]:
        problems.error(None, None, f"{resource_iri(ident)} was published in release "
                       f"{first_in[ident]} and is gone from the graph: add a record to "
                       "graph/curation/retired.yaml (renamed, merged, split or deleted, with "
                       "the date and the reason), or restore it")
    if len(gone) > shown:
        problems.error(None, None, f"... and {len(gone) - shown} more published IRIs are gone "
                       "without a retirement record")


def content_digest(quads: list[Quad]) -> str:
    """sha256 of the graph's sorted N-Quads, bookkeeping graphs left out: equal digests, equal
    knowledge (the build's times and commit do not count)."""
    left_out = {t.graph(g).value for g in BOOKKEEPING_GRAPHS}
    lines = sorted(str(q) for q in quads if q.graph_name.value not in left_out)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def version_of(digest: str, root: Path | None = None,
               releasing: str | None = None) -> VersionInfo:
    """The version of a graph whose content digest is `digest`; `releasing` is the version
    `gongyun release` is making (the graph is that release by definition)."""
    if releasing is not None:
        return VersionInfo(releasing, True)
    known = releases(root)
    if not known:
        return VersionInfo(None, False)
    last = known[-1]
    return VersionInfo(last.version, last.content_sha256 == digest)


def release_quads(info: VersionInfo, sink: t.QuadSink, root: Path | None = None) -> None:
    """The dataset's versions: each release a dcat:Dataset, version of gyr:dataset, whose IRI
    is the release's version IRI (gyr:dataset/1.0.0) and which conforms to the ontology of the
    same version; the current one marked, and the graph's own version label."""
    g = t.graph(GRAPH)
    dataset = t.res(DATASET)
    dct, dcat = (lambda local: t.ns("dcterms", local)), (lambda local: t.ns("dcat", local))
    known = [r.version for r in releases(root)]
    if info.release is not None and info.release not in known:
        known.append(info.release)  # the release being made
    known.sort(key=version_key)
    dates = {r.version: r.date for r in releases(root)}
    previous = None
    for version in known:
        node = t.res(dataset_version_id(version))
        sink.add(node, t.RDF_TYPE, dcat("Dataset"), g)
        sink.add(node, dcat("version"), t.typed(version, "string"), g)
        sink.add(node, dct("isVersionOf"), dataset, g)
        sink.add(node, t.ns("rdfs", "label"), t.en(f"Gongyun {version}"), g)
        sink.add(node, t.ns("rdfs", "label"), t.zh(f"工运知识图谱 {version} 版"), g)
        sink.add(node, dct("conformsTo"), t.NamedNode(ontology_version_iri(version)), g)
        if dates.get(version):
            sink.add(node, dct("issued"), t.date(dates[version]), g)
        if previous is not None:
            sink.add(node, dcat("previousVersion"), previous, g)
        sink.add(dataset, dct("hasVersion"), node, g)
        previous = node
    sink.add(dataset, t.ns("owl", "versionInfo"), t.typed(info.label, "string"), g)
    if info.release is not None and info.exact:
        sink.add(dataset, dcat("hasCurrentVersion"), t.res(dataset_version_id(info.release)), g)
