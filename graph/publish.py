"""`gongyun release X.Y.Z`: publish the current graph as a release.

1. The ontology's version IRI and version info become X.Y.Z (ontology/gongyun.ttl).
2. The graph is built and verified in full (SHACL, HermiT), as release X.Y.Z.
3. Its dumps are written, gzipped, under build/releases/X.Y.Z/ with a SHA256SUMS file.
4. The repository keeps the record: graph/releases/X.Y.Z/release.yaml (date, content digest,
   counts, the dumps' checksums) and iris.txt (every IRI the release publishes, which later
   builds check: none may disappear without a retirement record).
5. CHANGELOG.md gains the section `gongyun diff` writes against the previous release, and
   CITATION.cff the version and date.

Generated dumps are never committed; the command prints the files to commit.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from gongyun.graph import diff as graph_diff
from gongyun.graph.build import BuildReport, build
from gongyun.graph.problems import BuildError
from gongyun.graph.releases import (
    IRIS,
    RECORD,
    RELEASES_DIR,
    citable_ids,
    content_digest,
    releases,
    version_key,
)
from gongyun.namespaces import ONTOLOGY_IRI, ontology_version_iri, resource_iri
from gongyun.paths import GRAPH_DIR, ONTOLOGY_FILE

ROOT = GRAPH_DIR.parent
CHANGELOG_TITLE = "# Changelog\n"
VERSION_IRI = re.compile(r"(owl:versionIRI <)" + re.escape(ONTOLOGY_IRI) + r"/[^>]*(>)")
VERSION_INFO = re.compile(r'(owl:versionInfo ")[^"]*(")')


@dataclass(frozen=True)
class Places:
    """Where a release writes: the repository's files and the generated dumps' folder."""

    ontology: Path = ONTOLOGY_FILE
    releases: Path = RELEASES_DIR
    citation: Path = ROOT / "CITATION.cff"
    changelog: Path = ROOT / "CHANGELOG.md"
    build: Path = Path("build")

    def dumps(self, version: str) -> Path:
        return self.build / "releases" / version


class ReleaseError(Exception):
    """A release that cannot be made; nothing of it was kept."""


def set_ontology_version(path: Path, version: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, iris = VERSION_IRI.subn(rf"\g<1>{ontology_version_iri(version)}\g<2>", text)
    new, infos = VERSION_INFO.subn(rf"\g<1>{version}\g<2>", new)
    if iris != 1 or infos != 1:
        raise ReleaseError(f"{path}: expected one owl:versionIRI <{ONTOLOGY_IRI}/…> and one "
                           f"owl:versionInfo, found {iris} and {infos}")
    path.write_text(new, encoding="utf-8")


def write_dumps(report: BuildReport, target: Path, version: str) -> dict[str, dict]:
    """Each dump gzipped (no timestamp in the gzip header: the same dump, the same bytes) and
    SHA256SUMS beside them; returns name -> {sha256, bytes}."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    sums: dict[str, dict] = {}
    for path in sorted(report.dumps.values()):
        stem, dot, ext = path.name.partition(".")
        name = f"{stem}-{version}{dot}{ext}.gz"
        with path.open("rb") as src, (target / name).open("wb") as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
            shutil.copyfileobj(src, out)
        data = (target / name).read_bytes()
        sums[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (target / "SHA256SUMS").write_text(
        "".join(f"{s['sha256']}  {n}\n" for n, s in sums.items()), encoding="utf-8")
    return sums


def changelog_section(version: str, date: str, previous: str | None, places: Places,
                      report: BuildReport) -> str:
    """The changelog's section for this release: `gongyun diff` against the previous release's
    dump when it is at hand, else what the IRI lists tell (created and gone ids)."""
    head = f"## {version} — {date}\n\n"
    counts = report.counts
    summary = (f"{counts.get('claims', 0)} claims, {counts.get('evidence', 0)} evidence quotes, "
               f"{counts.get('disagreements', 0)} disagreements, "
               f"{counts.get('distinct_triples', 0)} triples.")
    if previous is None:
        return head + f"First release. {summary}\n"
    new = graph_diff.load_graph(report.nquads, f"release {version}")
    try:
        old_path = graph_diff.dump_path(previous, places.build / "releases")
    except FileNotFoundError:
        old_ids = {i for r in releases(places.releases) if r.version == previous
                   for i in r.ids()}
        created = sorted(new.ids - old_ids)
        gone = sorted(old_ids - new.ids)
        return head + (f"{summary} Against {previous} (its dump was not at hand, so only its "
                       f"IRI list was compared): {len(created)} ids created, {len(gone)} "
                       f"retired.\n")
    old = graph_diff.load_graph(old_path, f"release {previous}")
    return head + summary + "\n\n" + graph_diff.as_text(graph_diff.diff(old, new))


def add_changelog_section(path: Path, section: str) -> None:
    """The newest section first, after the title and any introduction."""
    text = path.read_text(encoding="utf-8") if path.exists() else CHANGELOG_TITLE
    section = section.rstrip("\n") + "\n"
    at = text.find("\n## ")
    if at == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        text = text[:at + 1] + section + "\n" + text[at + 1:]
    path.write_text(text, encoding="utf-8")


def set_citation(path: Path, version: str, date: str) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in (("version", version), ("date-released", date)):
        pattern = re.compile(rf"^{key}:.*$", re.MULTILINE)
        line = f'{key}: "{value}"'
        text = pattern.sub(line, text) if pattern.search(text) else text.rstrip("\n") + \
            f"\n{line}\n"
    path.write_text(text, encoding="utf-8")


def release(version: str, date: str, places: Places = Places(),
            make: Callable[..., BuildReport] = build) -> dict:
    """Make release `version`; returns its record. ReleaseError (nothing kept) when the
    version is not after the last release or the graph does not build."""
    version_key(version)
    earlier = releases(places.releases)
    if any(r.version == version for r in earlier):
        raise ReleaseError(f"release {version} exists already ({places.releases / version})")
    if earlier and version_key(version) <= earlier[-1].key:
        raise ReleaseError(f"{version} is not after the last release {earlier[-1].version}")
    previous = earlier[-1].version if earlier else None
    folder = places.releases / version
    ontology_before = places.ontology.read_text(encoding="utf-8")
    try:
        set_ontology_version(places.ontology, version)
        folder.mkdir(parents=True)
        record = {"version": version, "date": date, "previous": previous}
        (folder / RECORD).write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
        report = make(out_dir=places.build, releasing=version)
    except (BuildError, ReleaseError):
        places.ontology.write_text(ontology_before, encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        raise
    ids = sorted(citable_ids(report.quads))
    (folder / IRIS).write_text("".join(f"{resource_iri(i)}\n" for i in ids), encoding="utf-8")
    sums = write_dumps(report, places.dumps(version), version)
    record.update({
        "content_sha256": content_digest(report.quads),
        "iris": len(ids),
        "counts": {k: report.counts[k] for k in ("distinct_triples", "quads", "claims",
                                                  "evidence", "disagreements")
                   if k in report.counts},
        "dumps": sums,
    })
    header = (f"# Release {version} of the Gongyun graph, written by `gongyun release`.\n"
              f"# content_sha256: the graph's sorted N-Quads without the build and releases\n"
              f"# graphs; dumps: the gzipped files of build/releases/{version}/.\n")
    (folder / RECORD).write_text(header + yaml.safe_dump(record, sort_keys=False,
                                                         allow_unicode=True), encoding="utf-8")
    add_changelog_section(places.changelog,
                          changelog_section(version, date, previous, places, report))
    set_citation(places.citation, version, date)
    return record


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("version", help="the release version X.Y.Z (semantic versioning)")
    parser.add_argument("--date", help="the release date YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--out", type=Path, default=Path("build"),
                        help="build folder; dumps go to <out>/releases/X.Y.Z (default build)")


def run(args: argparse.Namespace) -> int:
    date = args.date or datetime.now(UTC).date().isoformat()
    places = Places(build=args.out)
    try:
        record = release(args.version, date, places)
    except BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"gongyun release: the graph does not build; release {args.version} not made",
              file=sys.stderr)
        return 1
    except (ReleaseError, ValueError) as exc:
        print(f"gongyun release: {exc}", file=sys.stderr)
        return 2
    print(f"release {args.version}: {record['iris']} IRIs, content {record['content_sha256']}")
    for name, info in record["dumps"].items():
        print(f"  {places.dumps(args.version) / name}  {info['bytes']} bytes  {info['sha256']}")
    print("commit: " + " ".join(str(p) for p in (
        places.releases / args.version, places.ontology, places.changelog, places.citation)))
    return 0
