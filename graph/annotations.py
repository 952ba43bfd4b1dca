"""Reading annotation files: evidence with its claims, in the curators' compact form."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongyun.graph.entities import DRAFT_ONLY, Declarations, add_concept, add_entity
from gongyun.graph.problems import Problems
from gongyun.graph.yamlfile import fields, line_of, load
from gongyun.namespaces import CLAIM_ID, DRAFT_CLAIM_ID, DRAFT_EVIDENCE_ID, EVIDENCE_ID
from gongyun.paths import ANNOTATIONS_DIR

VALUE_KEYS = ("o", "date", "quantity", "text", "value")
CLAIM_KEYS = {
    "id", "s", "p", *VALUE_KEYS, "context", "anchor", "unit", "counts", "as", "rank", "kind",
    "attributed_to", "completeness", "as_of", "from", "until", "role", "position", "note",
    "per", "extent",
}
REVIEW_STATES = {"draft", "checked", "reviewed"}


@dataclass
class Claim:
    id: str
    data: dict[str, Any]
    file: Path
    line: int | None

    @property
    def subject(self) -> str:
        return str(self.data.get("s", ""))

    @property
    def predicate(self) -> str:
        return str(self.data.get("p", ""))


@dataclass
class Proposal:
    """A drafted mention (`o` or `candidates`, with `as`) or figure or date (`quantity` or
    `date`), with its reason: only in draft files."""

    id: str
    kind: str  # "mention" | "value"
    data: dict[str, Any]
    line: int | None


@dataclass
class Evidence:
    id: str
    source: str
    paragraph: int
    quote: str
    prefix: str | None
    suffix: str | None
    claims: list[Claim]
    file: Path
    line: int | None
    curator: str
    review: str
    proposals: list[Proposal] = field(default_factory=list)


@dataclass
class AnnotationSet:
    evidence: list[Evidence] = field(default_factory=list)
    files: dict[Path, dict] = field(default_factory=dict)  # file -> header (source, curator…)
    # Places a draft proposes (declared in the gazetteer once a curator accepts them).
    draft_places: list[dict] = field(default_factory=list)

    def claims(self) -> list[Claim]:
        return [c for e in self.evidence for c in e.claims]


def annotation_files(sources: set[str] | None = None, root: Path = ANNOTATIONS_DIR) -> list[Path]:
    files = []
    for folder in sorted(root.iterdir()) if root.exists() else []:
        if folder.is_dir() and (sources is None or folder.name in sources):
            files += sorted(p for p in folder.glob("p*.yaml"))
    return files


def review_state(path: Path) -> str:
    """The file's review state, read from its header without parsing the whole file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("review:"):
                return line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
            if line.startswith(("entities:", "evidence:")):
                break
    return ""


def draft_only_keys(node: Any) -> set[str]:
    """The keys only a draft file may hold, found anywhere in `node` (a file's plain data)."""
    if isinstance(node, dict):
        found = {k for k in node if k in DRAFT_ONLY}
        for value in node.values():
            found |= draft_only_keys(value)
        return found
    if isinstance(node, list):
        return set().union(*map(draft_only_keys, node)) if node else set()
    return set()


def _proposals(raw: dict, kind: str, key: str, path: Path, problems: Problems
               ) -> list[Proposal]:
    out = []
    for item in raw.get(key) or []:
        data = fields(item)
        if not data.get("id"):
            problems.error(path, line_of(item), f"a drafted {kind} needs an id")
            continue
        out.append(Proposal(str(data["id"]), kind, data, line_of(item)))
    return out


def read_annotation_file(path: Path, decl: Declarations, problems: Problems,
                         into: AnnotationSet) -> None:
    doc = load(path) or {}
    header_line = line_of(doc)
    source = str(doc.get("source", ""))
    if source != path.parent.name:
        problems.error(path, header_line, f"source {source!r} does not match folder "
                       f"{path.parent.name!r}")
    paragraph = doc.get("paragraph")
    if not isinstance(paragraph, int):
        problems.error(path, header_line, "paragraph must be the 1-based line number")
        return
    review = str(doc.get("review", ""))
    if review not in REVIEW_STATES:
        problems.error(path, header_line, f"review must be one of {sorted(REVIEW_STATES)}")
    curator = str(doc.get("curator", "")) or "unknown"
    into.files[path] = {"source": source, "paragraph": paragraph, "curator": curator,
                        "review": review}
    draft = review == "draft"
    if not draft and (left := draft_only_keys(doc)):
        problems.error(path, header_line, f"review is {review!r} but the file still holds "
                       f"draft proposals ({', '.join(sorted(left))}): accept or delete each "
                       "one (graph/ANNOTATING.md, 'Draft files')")
    for raw in doc.get("entities") or []:
        if draft and str(raw.get("id", "")).startswith("place/"):
            into.draft_places.append({**fields(raw), "source": source})
            continue
        add_entity(decl, raw, path, problems)
    for raw in doc.get("concepts") or []:
        add_concept(decl, raw, path, problems)
    for raw in doc.get("evidence") or []:
        ev_line = line_of(raw)
        ev_id = str(raw.get("id", ""))
        match = EVIDENCE_ID.fullmatch(ev_id) or DRAFT_EVIDENCE_ID.fullmatch(ev_id)
        if not match or match.group(1) != source:
            problems.error(path, ev_line, f"evidence id {ev_id!r} must be {source}-eNNNN")
            continue
        claims = []
        for raw_claim in raw.get("claims") or []:
            claim_line = line_of(raw_claim)
            data = fields(raw_claim)
            claim_id = str(data.get("id", ""))
            cmatch = CLAIM_ID.fullmatch(claim_id) or DRAFT_CLAIM_ID.fullmatch(claim_id)
            if not cmatch or cmatch.group(1) != source:
                problems.error(path, claim_line, f"claim id {claim_id!r} must be {source}-cNNNN")
                continue
            unknown = set(data) - CLAIM_KEYS - ({"reason"} if draft else set())
            if unknown:
                problems.error(path, claim_line, f"{claim_id}: unknown keys {sorted(unknown)}")
            values = [k for k in VALUE_KEYS if k in data]
            if len(values) != 1:
                problems.error(path, claim_line,
                               f"{claim_id}: needs exactly one value of {VALUE_KEYS}, has {values}")
                continue
            if not data.get("s") or not data.get("p"):
                problems.error(path, claim_line, f"{claim_id}: needs s and p")
                continue
            claims.append(Claim(claim_id, data, path, claim_line))
        proposals = (_proposals(raw, "mention", "mentions", path, problems)
                     + _proposals(raw, "value", "values", path, problems)) if draft else []
        if not claims and not proposals:
            problems.error(path, ev_line, f"evidence {ev_id} supports no claim")
        into.evidence.append(Evidence(
            id=ev_id,
            source=source,
            paragraph=paragraph,
            quote=str(raw.get("quote", "")),
            prefix=raw.get("prefix"),
            suffix=raw.get("suffix"),
            claims=claims,
            file=path,
            line=ev_line,
            curator=curator,
            review=review,
            proposals=proposals,
        ))
