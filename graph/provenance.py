"""The build as a PROV activity: when, from which commit, with which tools."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from gongyun import __version__
from gongyun import namespaces as iris
from gongyun.graph import terms as t
from gongyun.graph.sources import Source

TOOLS = ("pyoxigraph", "rdflib", "pyshacl", "owlready2", "pypinyin", "cn2an", "PyYAML")


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             timeout=5, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def tool_versions() -> dict[str, str]:
    versions = {"gongyun": __version__}
    for tool in TOOLS:
        try:
            versions[tool] = version(tool)
        except PackageNotFoundError:
            continue
    return versions


def build_quads(fingerprint: str, started: datetime, sources: dict[str, Source],
                sink: t.QuadSink) -> None:
    g = t.graph("build")
    activity = t.res(iris.build_id(fingerprint))
    dataset = t.res(iris.DATASET)
    add = lambda p, o: sink.add(activity, p, o, g)  # noqa: E731
    add(t.RDF_TYPE, t.ns("prov", "Activity"))
    add(t.ns("rdfs", "label"), t.en(f"Gongyun build {fingerprint[:16]}"))
    add(t.ns("prov", "startedAtTime"), t.typed(_utc(started), "dateTime"))
    add(t.ns("prov", "endedAtTime"), t.typed(_utc(datetime.now(UTC)), "dateTime"))
    add(t.gy("inputFingerprint"), t.typed(fingerprint, "string"))
    commit = git_commit()
    if commit:
        add(t.gy("gitCommit"), t.typed(commit, "string"))
    for tool, ver in sorted(tool_versions().items()):
        add(t.gy("softwareVersion"), t.typed(f"{tool} {ver}", "string"))
    for source in sources.values():
        add(t.ns("prov", "used"), t.res(iris.source_id(source.id)))
    add(t.ns("prov", "wasAssociatedWith"), t.res(iris.EDITORS))
    sink.add(dataset, t.RDF_TYPE, t.ns("prov", "Entity"), g)
    sink.add(dataset, t.ns("prov", "wasGeneratedBy"), activity, g)
    sink.add(dataset, t.ns("dcterms", "license"),
             t.NamedNode(iris.CC_BY), g)
    sink.add(dataset, t.ns("rdfs", "label"), t.en("The Gongyun knowledge graph"), g)
    sink.add(dataset, t.ns("rdfs", "label"), t.zh("工运知识图谱"), g)


def agent_quads(sources: dict[str, Source], sink: t.QuadSink) -> None:
    """The curators and each source's (unidentified) author, described once."""
    g = t.graph("sources")
    editors = t.res(iris.EDITORS)
    sink.add(editors, t.RDF_TYPE, t.ns("prov", "Agent"), g)
    sink.add(editors, t.ns("rdfs", "label"), t.en("Gongyun editors"), g)
    sink.add(editors, t.ns("rdfs", "label"), t.zh("工运编辑组"), g)
    for source in sources.values():
        author = t.res(iris.author_id(source.id))
        sink.add(author, t.RDF_TYPE, t.ns("prov", "Agent"), g)
        sink.add(author, t.ns("rdfs", "label"),
                 t.en(f"the author of source {source.id} (not identified)"), g)
        sink.add(author, t.ns("rdfs", "label"), t.zh(f"文本{source.id}的作者（未详）"), g)
        sink.add(t.res(iris.source_id(source.id)), t.ns("dcterms", "creator"), author, g)


def _utc(moment: datetime) -> str:
    """The canonical form the query engine writes back: …Z, not …+00:00, and no trailing zeros
    in the fraction of a second (12.5Z, not 12.500000Z)."""
    text = moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    return text.rstrip("0").rstrip(".") + "Z"
