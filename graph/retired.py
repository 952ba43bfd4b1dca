"""Retired IRIs: what became of an identifier Gongyun once published and no longer uses.

`graph/curation/retired.yaml` keeps one record per retired local id (format fixed in
CONTRACTS.md §2 and shown in docs/identifiers.md):

    - id: place/pangjiabu
      replaced_by: [place/pangjiabao]   # empty for a deletion; two or more for a split
      kind: renamed                     # renamed | merged | split | deleted
      date: 2026-12-05
      reason: "the reading of 堡 in 庞家堡 is bǎo …"

The build writes each record to the graph `…/graph/retired`: the old IRI typed
gy:RetiredResource, `dcterms:isReplacedBy` each replacement, `owl:sameAs` the replacement when
the old IRI named the same thing (a rename or a merge: not a split, whose parts are each only a
part), the kind, the date and the reason. The service answers the old IRI from these records
(301, or 410 Gone for a deletion); `gongyun build` refuses an IRI of an earlier release that
disappears without one (gongyun.graph.releases).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gongyun.graph import terms as t
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import fields, line_of, load
from gongyun.namespaces import EDITORS
from gongyun.paths import GRAPH_DIR

RETIRED_FILE = GRAPH_DIR / "curation" / "retired.yaml"
GRAPH = "retired"
KINDS = {"renamed": "Renamed", "merged": "Merged", "split": "Split", "deleted": "Deleted"}
# How many replacements each kind takes: (at least, at most).
REPLACEMENTS = {"renamed": (1, 1), "merged": (1, 1), "split": (2, None), "deleted": (0, 0)}
SAME_THING = {"renamed", "merged"}


@dataclass(frozen=True)
class Retirement:
    id: str
    replaced_by: tuple[str, ...]
    kind: str
    date: str
    reason: str
    file: Path
    line: int | None

    @property
    def iri(self) -> str:
        return t.res(self.id).value


def load_retired(problems: Problems, path: Path | None = None) -> list[Retirement]:
    """The records (default graph/curation/retired.yaml), each checked on its own: kind,
    replacements, date, reason."""
    path = RETIRED_FILE if path is None else path
    if not path.exists():
        return []
    doc = load(path) or []
    if not isinstance(doc, list):
        problems.error(path, line_of(doc), "retired.yaml must be a list of records")
        return []
    records: list[Retirement] = []
    seen: dict[str, int | None] = {}
    for raw in doc:
        line = line_of(raw)
        if not isinstance(raw, dict):
            problems.error(path, None, f"a record must be a mapping, not {raw!r}")
            continue
        d = fields(raw)
        ident = str(d.get("id") or "").strip()
        where = f"retired {ident or '(no id)'}"
        unknown = set(d) - {"id", "replaced_by", "kind", "date", "reason"}
        if unknown:
            problems.error(path, line, f"{where}: unknown keys {sorted(unknown)}")
        if not ident or ident.startswith(("/", "http:", "https:")) or " " in ident:
            problems.error(path, line, f"{where}: id must be a local id such as place/pangjiabu")
            continue
        if ident in seen:
            problems.error(path, line, f"{where}: retired twice (also line {seen[ident]})")
            continue
        seen[ident] = line
        kind = str(d.get("kind") or "")
        if kind not in KINDS:
            problems.error(path, line, f"{where}: kind must be one of {sorted(KINDS)}")
            continue
        replaced = d.get("replaced_by") or []
        replaced = [str(r) for r in (replaced if isinstance(replaced, list) else [replaced])]
        least, most = REPLACEMENTS[kind]
        if len(replaced) < least or (most is not None and len(replaced) > most):
            wanted = {"renamed": "exactly one", "merged": "exactly one (the entity kept)",
                      "split": "two or more", "deleted": "none"}[kind]
            problems.error(path, line, f"{where}: a {kind} id has {wanted} replaced_by, "
                           f"not {len(replaced)}")
            continue
        if ident in replaced:
            problems.error(path, line, f"{where}: replaced by itself")
            continue
        when = str(d.get("date") or "")
        try:
            date.fromisoformat(when)
        except ValueError:
            problems.error(path, line, f"{where}: date must be YYYY-MM-DD, not {when!r}")
            continue
        reason = " ".join(str(d.get("reason") or "").split())
        if not reason:
            problems.error(path, line, f"{where}: needs a reason")
            continue
        records.append(Retirement(ident, tuple(replaced), kind, when, reason, path, line))
    return records


def check_retired(records: list[Retirement], current: set[str], problems: Problems,
                  unchecked: frozenset[str] = frozenset()) -> None:
    """A retired id must be gone from the graph, and its replacements there (directly, or
    through a chain of retirements that ends there). Ids under `unchecked` prefixes (claims of
    sources a partial build leaves out) are not looked for."""
    retired = {r.id: r.replaced_by for r in records}
    for record in records:
        if record.id in current:
            problems.error(record.file, record.line, f"retired {record.id}: the id is still in "
                           "the graph; retire it only once nothing declares it")
        for target in record.replaced_by:
            if target.startswith(tuple(unchecked)):
                continue
            end = final_replacements(target, retired)
            missing = [e for e in end if e not in current and not e.startswith(tuple(unchecked))]
            if missing:
                problems.error(record.file, record.line, f"retired {record.id}: replacement "
                               f"{target} is not in the graph" +
                               (f" (it leads to {missing})" if missing != [target] else ""))


def final_replacements(ident: str, replaced_by: Mapping[str, Sequence[str]],
                       seen: frozenset[str] = frozenset()) -> list[str]:
    """Where `ident` leads today, given each retired id's replacements: itself if it is not
    retired, else its replacements' ends (a deletion leads nowhere; a cycle ends where it
    closes)."""
    if ident not in replaced_by or ident in seen:
        return [ident]
    out: list[str] = []
    for target in replaced_by[ident]:
        for end in final_replacements(target, replaced_by, seen | {ident}):
            if end not in out:
                out.append(end)
    return out


def retired_quads(records: list[Retirement], sink: t.QuadSink) -> None:
    g = t.graph(GRAPH)
    for record in records:
        s = t.res(record.id)
        sink.add(s, t.RDF_TYPE, t.gy("RetiredResource"), g)
        sink.add(s, t.gy("retirementKind"), t.gy(KINDS[record.kind]), g)
        for target in record.replaced_by:
            sink.add(s, t.ns("dcterms", "isReplacedBy"), t.res(target), g)
            if record.kind in SAME_THING:
                sink.add(s, t.ns("owl", "sameAs"), t.res(target), g)
        sink.add(s, t.ns("dcterms", "date"), t.date(record.date), g)
        sink.add(s, t.gy("rationale"), t.en(record.reason), g)
        sink.add(s, t.ns("rdfs", "label"), t.en(f"retired identifier {record.id}"), g)
        sink.add(s, t.ns("prov", "wasAttributedTo"), t.res(EDITORS), g)
