"""What the pages show, from the files and the last build: each paragraph's state, its items
and segments, the build's findings beside the items they concern, the items no evidence covers
yet, and whether the source is complete."""

from __future__ import annotations

import re
from pathlib import Path

from gongyun.curate.builds import BuildState
from gongyun.curate.model import Item, Paragraph, file_version
from gongyun.namespaces import RESOURCE, VOCAB

CHECKED = ("checked", "reviewed")
RESOURCE_ID = re.compile(re.escape(RESOURCE) + r"([a-z]+/[^\s>,;:]+[^\s>,;:.])")
COVERAGE_WARNING = "is in no evidence quote"


def item_json(item: Item) -> dict:
    return {"kind": item.kind, "id": item.id, "evidence": item.evidence,
            "proposal": item.proposal or item.kind in ("mention", "value"),
            "start": item.start, "end": item.end, "summary": item.summary(),
            "data": item.data}


def _item_at(paragraph: Paragraph, line: int | None) -> Item | None:
    """The item whose entry in the file holds `line` (the last one starting at or before it)."""
    if not line:
        return None
    found = None
    for item in sorted((i for i in paragraph.items if i.line), key=lambda i: i.line):
        if item.line <= line:
            found = item
    return found


def short(message: str) -> str:
    """A build message with our IRIs as curators write them (gy:Place, org/shanxi-gtu)."""
    message = re.sub(r"<?" + re.escape(VOCAB) + r"(\w+)>?", r"gy:\1", message)
    return re.sub(r"<?" + re.escape(RESOURCE) + r"([^\s>]+)>?", r"\1", message)


def _named_item(message: str, paragraphs: list[Paragraph]) -> tuple[Paragraph, Item] | None:
    """The item a message names by its IRI (a SHACL finding on a claim has no file:line when
    its shape targets the class, but names the claim)."""
    for local in RESOURCE_ID.findall(message):
        ident = local.split("/", 1)[1] if local.startswith(("claim/", "annotation/")) else local
        for para in paragraphs:
            for item in para.items:
                if item.id == ident:
                    return para, item
    return None


def findings(result: dict | None, source: str, paragraphs: list[Paragraph],
             extra: list[dict] = ()) -> dict:
    """The last build's problems (and `extra`: those of a failed trial of a checked
    paragraph), per paragraph with the item and evidence each concerns, and for the source as
    a whole; coverage gaps are shown apart (uncovered)."""
    per: dict[int, list[dict]] = {}
    general: list[dict] = []
    by_name = {p.file.name: p for p in paragraphs}
    for problem in [*(result or {}).get("problems", []), *extra]:
        if COVERAGE_WARNING in problem["message"]:
            continue
        file = Path(problem["file"]) if problem.get("file") else None
        para = by_name.get(file.name) if file and file.parent.name == source else None
        item = _item_at(para, problem.get("line")) if para else None
        if item is None and (named := _named_item(problem["message"], paragraphs)):
            para, item = named
        if para is None:
            if file is None or problem["severity"] == "error":
                general.append({**problem, "where": file.name if file else None})
            continue
        per.setdefault(para.number, []).append({
            "severity": problem["severity"], "message": short(problem["message"]),
            "line": problem.get("line"), "item": item.id if item else None,
            "evidence": (item.evidence or (item.id if item.kind == "evidence" else None))
            if item else None})
    return {"paragraphs": per, "general": general}


def uncovered(result: dict | None, paragraphs: list[Paragraph]) -> dict[int, list[dict]]:
    """Coverage items no evidence covers yet (drafts counted), paragraph-relative."""
    coverage = (result or {}).get("draft_coverage") or (result or {}).get("coverage") or {}
    out: dict[int, list[dict]] = {}
    starts = {p.number: p.start for p in paragraphs}
    for number, stats in coverage.get("paragraphs", {}).items():
        n = int(number)
        out[n] = [{**u, "start": u["start"] - starts[n], "end": u["end"] - starts[n]}
                  for u in stats.get("uncovered", []) if n in starts]
    return out


def paragraph_checked(paragraph: Paragraph, gaps: list[dict]) -> bool:
    """Checked: its file says checked (or reviewed); a paragraph without a file is checked when
    it has nothing to annotate."""
    if paragraph.version == "absent":
        return not gaps
    return paragraph.review in CHECKED


def summary(source: str, paragraphs: list[Paragraph], state: BuildState,
            trials: list[dict] = ()) -> dict:
    """The page's state of the source; `trials`: the problems of failed checks, shown beside
    their items while the file is still the version that was tried."""
    result = state.result
    gaps = uncovered(result, paragraphs)
    stale = [p.number for p in paragraphs if p.file.exists()
             and state.versions.get(p.file.name) not in (None, file_version(p.file))]
    published = (result or {}).get("coverage") or {}
    texts = [p for p in paragraphs if p.text.strip()]
    checked = [p.number for p in texts if paragraph_checked(p, gaps.get(p.number, []))]
    return {
        "build": {"status": state.status, "queued": state.queued, "ok": (result or {}).get("ok"),
                  "seconds": state.seconds, "runs": state.runs, "stale": stale},
        "findings": findings(result, source, paragraphs, trials),
        "uncovered": gaps,
        "checked": checked,
        "paragraphs": len(texts),
        "coverage": published.get("percent"),
        "versions": {p.number: p.version for p in paragraphs},
    }


def paragraph_context(paragraph: Paragraph, info: dict) -> dict:
    """What paragraph.html needs: the build's findings on it (each with its evidence's quote),
    the items they concern, and what no evidence covers yet."""
    quotes = {i.id: i.data.get("quote") for i in paragraph.items if i.kind == "evidence"}
    found = [{**f, "quote": quotes.get(f.get("evidence"))}
             for f in info["findings"]["paragraphs"].get(paragraph.number, [])]
    marks: dict[str, list[str]] = {}
    for f in found:
        for ident in {f.get("item"), f.get("evidence")} - {None}:
            marks.setdefault(ident, []).append(f["message"])
    gaps = info["uncovered"].get(paragraph.number, [])
    return {"p": paragraph, "findings": found, "marks": marks, "gaps": gaps,
            "gaps_spans": [(g["start"], g["end"]) for g in gaps]}
