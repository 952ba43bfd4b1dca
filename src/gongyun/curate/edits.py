"""Every change the workbench makes to the curated files, and the rules it keeps.

A change is made on the text of the version the page was looking at (its sha256): if the file
has changed since (another tab, another curator, an editor), the change is not written and the
page gets both versions (`Conflict`). A change whose file would not parse, or whose evidence
quote is not in the paragraph's text, is refused with the reason (`Refused`) and nothing is
written. Otherwise each file is written atomically through gongyun.graph.yamlfile (comments,
order and layout kept), and the change goes on the undo list.

Deleting a claim, an evidence or an entity that a release published adds its retirement record
(graph/curation/retired.yaml, kind `deleted`, with the curator's reason): an IRI that has been
public never silently disappears.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from gongyun.curate.model import ABSENT, file_version, has_draft_keys, load_source, paragraph_file
from gongyun.curate.terms import prefix_of
from gongyun.graph import yamlfile
from gongyun.graph.evidence import QuoteError, locate
from gongyun.graph.releases import releases
from gongyun.graph.sources import Source
from gongyun.namespaces import new_local_id, next_claim_id, next_evidence_id

CURATOR = "Gongyun editors"
DRAFTER = "gongyun draft"
CLAIM = re.compile(r"\d{3}-c\d{4,6}")
EVIDENCE = re.compile(r"\d{3}-e\d{4,6}")
UNDO_DEPTH = 50
CLAIM_FIELDS = ("s", "p", "o", "date", "quantity", "text", "value", "context", "anchor", "unit",
                "counts", "as", "rank", "kind", "attributed_to", "completeness", "as_of", "from",
                "until", "role", "position", "note")
VALUE_KEYS = ("o", "date", "quantity", "text", "value")
ENTITY_FIELDS = ("id", "class", "zh", "pinyin", "en", "aliases", "named", "note")
HEADER = ("# Annotated in the workbench (`gongyun curate`); the format is graph/ANNOTATING.md.\n")


class Refused(Exception):
    """A change that would break the file or the text; nothing was written."""


class NeedsClaim(Exception):
    """Accepting a mention or a value means writing a claim: the page opens the claim editor
    with `prefill`."""

    def __init__(self, prefill: dict):
        super().__init__("write the claim this proposal stands for")
        self.prefill = prefill


@dataclass
class Conflict(Exception):
    """The file changed since the page read it: both versions, never a silent overwrite."""

    path: Path
    mine: str
    theirs: str
    theirs_version: str

    def __str__(self) -> str:
        return f"{self.path.name} changed since this page read it"


@dataclass
class Change:
    path: Path
    before: str | None  # None: the file did not exist
    after: str | None  # None: the file is removed


@dataclass
class Step:
    label: str
    changes: list[Change]
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


def _render_new(path: Path, data: dict, header: str = HEADER) -> str:
    """The text of a new file as the YAML module writes it (house style)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / path.name
        yamlfile.write_new(target, data, header)
        return target.read_text(encoding="utf-8")


def edit_text(path: Path, text: str, mutate: Callable[[Any], Any]) -> str:
    """`text` (the content of `path`) after `mutate(data)` on its round-trip data: comments,
    order and untouched lines kept by yamlfile's editor."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        opened = yamlfile.open_for_edit(copy)
        mutate(opened.data)
        return opened.render()


def _seq(mapping: CommentedMap, key: str) -> CommentedSeq:
    if not isinstance(mapping.get(key), list):
        mapping[key] = CommentedSeq()
    return mapping[key]


def _clean(values: dict, keys: tuple[str, ...]) -> CommentedMap:
    """The given fields in the house order, empty ones dropped, numbers as numbers."""
    out = CommentedMap()
    for key in keys:
        value = values.get(key)
        if value is None or value == "" or value == []:
            continue
        if key == "position" and isinstance(value, str) and value.isdigit():
            value = int(value)
        if key in ("as_of", "from", "until") and isinstance(value, dict):
            value = CommentedMap((k, v) for k, v in value.items() if v not in (None, ""))
            if not value.get("date"):
                continue
        out[key] = value
    return out


def validate_paragraph(source: Source, number: int, text: str) -> None:
    """Refused when the text does not parse, is not this paragraph's file, or quotes words that
    are not in the paragraph."""
    try:
        data = yamlfile.parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise Refused(f"the YAML does not parse{where}: {problem}") from None
    if not isinstance(data, dict):
        raise Refused("an annotation file is a mapping (source, paragraph, review, evidence…)")
    if str(data.get("source")) != source.id or data.get("paragraph") != number:
        raise Refused(f"the file must say source: '{source.id}' and paragraph: {number}")
    paragraph = source.paragraphs[number - 1]
    for ev in data.get("evidence") or []:
        if not isinstance(ev, dict):
            raise Refused("each evidence is a mapping with an id and a quote")
        try:
            locate(source.text, source.paragraph_start(number), paragraph,
                   str(ev.get("quote") or ""), ev.get("prefix"), ev.get("suffix"))
        except QuoteError as exc:
            raise Refused(f"evidence {ev.get('id')}: the quote {ev.get('quote')!r} is not in "
                          f"the text of paragraph {number}: {exc}") from None


def _find(data: CommentedMap, ident: str) -> tuple[str, CommentedSeq, int, CommentedMap | None]:
    """(kind, the list holding item `ident`, its index, its evidence)."""
    for index, entity in enumerate(data.get("entities") or []):
        if str(entity.get("id")) == ident:
            return "entity", data["entities"], index, None
    for index, ev in enumerate(data.get("evidence") or []):
        if str(ev.get("id")) == ident:
            return "evidence", data["evidence"], index, None
        for key, kind in (("claims", "claim"), ("mentions", "mention"), ("values", "value")):
            for sub_index, item in enumerate(ev.get(key) or []):
                if str(item.get("id")) == ident:
                    return kind, ev[key], sub_index, ev
    raise Refused(f"{ident} is not in this paragraph's file (reload the page)")


def _prune(data: CommentedMap) -> list[str]:
    """Evidence left with nothing to support is removed; returns their ids."""
    gone = []
    evidence = data.get("evidence") or []
    for index in range(len(evidence) - 1, -1, -1):
        ev = evidence[index]
        if not any(ev.get(k) for k in ("claims", "mentions", "values")):
            gone.append(str(ev.get("id")))
            del evidence[index]
    return gone


def _tidy(data: CommentedMap) -> None:
    """No empty list of proposals is left behind (`values: []` would still be a draft key)."""
    for ev in data.get("evidence") or []:
        for key in ("mentions", "values"):
            if key in ev and not ev[key]:
                del ev[key]


def _ids_in(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        if "id" in data:
            found.add(str(data["id"]))
        for value in data.values():
            found |= _ids_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= _ids_in(value)
    return found


class Workbench:
    """The curated files of one data folder, as the workbench changes them."""

    def __init__(self, graph_dir: Path):
        self.graph_dir = graph_dir
        self.undo_list: list[Step] = []
        self.texts: dict[str, str] = {}  # version -> text, for both sides of a conflict
        self.lock = threading.RLock()

    # --- reading ---------------------------------------------------------------------------

    def source(self, source_id: str) -> Source:
        return load_source(self.graph_dir, source_id)

    def remember(self, path: Path) -> str:
        """The file's version, its text kept so a later conflict can show what the page saw."""
        version = file_version(path)
        if path.exists():
            self.texts[version] = path.read_text(encoding="utf-8")
        return version

    def released(self) -> dict[str, str]:
        """Every local id a release published -> the first release that did."""
        first: dict[str, str] = {}
        for release in releases(self.graph_dir / "releases"):
            for ident in release.ids():
                first.setdefault(ident, release.version)
        return first

    def retired_ids(self) -> set[str]:
        path = self.graph_dir / "curation" / "retired.yaml"
        data = yamlfile.load_plain(path) if path.exists() else None
        return {str(r.get("id")) for r in data or [] if isinstance(r, dict)}

    def taken_ids(self, source_id: str) -> set[str]:
        """Every id written in the source's files, published by a release or retired: a new
        id is none of them (ids are never reused)."""
        taken = set(self.released()) | self.retired_ids()
        folder = self.graph_dir / "annotations" / source_id
        for path in folder.glob("p*.yaml") if folder.is_dir() else []:
            taken |= _ids_in(yamlfile.load_plain(path))
        for path in (self.graph_dir / "entities").glob("*.yaml"):
            taken |= _ids_in(yamlfile.load_plain(path))
        return taken

    # --- writing ---------------------------------------------------------------------------

    def _base(self, path: Path, version: str) -> str | None:
        if version == ABSENT:
            return None
        if version in self.texts:
            return self.texts[version]
        if file_version(path) == version:
            return path.read_text(encoding="utf-8")
        raise Refused("this page's version of the file is unknown here: reload the page")

    def change_paragraph(self, source_id: str, number: int, version: str,
                         mutate: Callable[[CommentedMap], Any], label: str,
                         extra: Callable[[CommentedMap], list[Change]] | None = None) -> Any:
        """Apply `mutate` to paragraph `number`'s file as the page saw it (`version`); write it
        if the file is still that version, else raise Conflict with both versions."""
        source = self.source(source_id)
        if not 1 <= number <= len(source.paragraphs):
            raise Refused(f"source {source_id} has no paragraph {number}")
        path = paragraph_file(self.graph_dir, source_id, number)
        with self.lock:
            base = self._base(path, version)
            if base is None:
                skeleton = CommentedMap([("source", source_id), ("paragraph", number),
                                         ("curator", CURATOR), ("review", "draft")])
                base_text = _render_new(path, skeleton)
            else:
                base_text = base
            result: list[Any] = []

            def run(data: CommentedMap) -> None:
                result.append(mutate(data))
                _tidy(data)
                result.append(extra(data) if extra else [])

            new_text = edit_text(path, base_text, run)
            value, more = result
            current = file_version(path)
            if current != version:
                theirs = path.read_text(encoding="utf-8") if path.exists() else ""
                self.texts[current] = theirs
                raise Conflict(path, new_text, theirs, current)
            validate_paragraph(source, number, new_text)
            self._write(label, [Change(path, base, new_text), *more])
            return value

    def save_raw(self, source_id: str, number: int, version: str, text: str) -> None:
        """The paragraph's YAML as the curator typed it."""
        source = self.source(source_id)
        path = paragraph_file(self.graph_dir, source_id, number)
        with self.lock:
            validate_paragraph(source, number, text)
            current = file_version(path)
            if current != version:
                theirs = path.read_text(encoding="utf-8") if path.exists() else ""
                self.texts[current] = theirs
                raise Conflict(path, text, theirs, current)
            before = path.read_text(encoding="utf-8") if path.exists() else None
            self._write(f"p{number:02d}: YAML edited", [Change(path, before, text)])

    def _write(self, label: str, changes: list[Change]) -> None:
        for change in changes:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            if change.after is None:
                change.path.unlink(missing_ok=True)
            else:
                yamlfile.write_text(change.path, change.after)
                self.texts[file_version(change.path)] = change.after
        self.undo_list.append(Step(label, changes))
        del self.undo_list[:-UNDO_DEPTH]

    def undo(self) -> Step:
        """Take back the last change, if its files are still as it left them."""
        with self.lock:
            if not self.undo_list:
                raise Refused("nothing to undo")
            step = self.undo_list[-1]
            for change in step.changes:
                now = change.path.read_text(encoding="utf-8") if change.path.exists() else None
                if now != change.after:
                    raise Conflict(change.path, change.before or "", now or "",
                                   file_version(change.path))
            for change in reversed(step.changes):
                if change.before is None:
                    change.path.unlink(missing_ok=True)
                else:
                    yamlfile.write_text(change.path, change.before)
                    self.texts[file_version(change.path)] = change.before
            self.undo_list.pop()
            return step

    # --- retirement of published ids --------------------------------------------------------

    def _retire(self, gone: list[str], reason: str | None) -> list[Change]:
        """Retirement records for the ids among `gone` that a release published."""
        released = self.released()
        published = [f"{kind}/{i}" for kind, i in gone if f"{kind}/{i}" in released]
        if not published:
            return []
        if not (reason or "").strip():
            raise Refused(f"{', '.join(published)} was published in release "
                          f"{released[published[0]]}: give the reason it is withdrawn (it is "
                          "recorded in graph/curation/retired.yaml)")
        path = self.graph_dir / "curation" / "retired.yaml"
        today = datetime.now(UTC).date().isoformat()
        records = [CommentedMap([("id", ident), ("replaced_by", CommentedSeq()),
                                 ("kind", "deleted"), ("date", today),
                                 ("reason", " ".join(reason.split()))]) for ident in published]
        if path.exists():
            before = path.read_text(encoding="utf-8")
            after = edit_text(path, before, lambda data: data.extend(records))
        else:
            before, after = None, _render_new(path, CommentedSeq(records), "# Retired ids.\n")
        return [Change(path, before, after)]

    # --- the actions ------------------------------------------------------------------------

    def accept(self, source_id: str, number: int, version: str, ident: str) -> None:
        def mutate(data: CommentedMap) -> None:
            kind, seq, index, ev = _find(data, ident)
            item = seq[index]
            if kind == "entity":
                if item.get("named", True) is not False and not item.get("en"):
                    raise Refused(f"{ident}: give its English name first (Edit)")
                if str(ident).startswith("place/"):
                    raise Refused(f"{ident}: a place is declared in the gazetteer; use "
                                  "'Place to gazetteer' with its type")
            if kind in ("mention", "value"):
                self._accept_into_claim(kind, item, ev)
                del seq[index]
                return
            if kind == "evidence":
                raise Refused("an evidence is accepted through its claims")
            if "reason" in item:
                del item["reason"]

        self.change_paragraph(source_id, number, version, mutate, f"accepted {ident}")

    def _accept_into_claim(self, kind: str, item: CommentedMap, ev: CommentedMap) -> None:
        """A mention whose entity a claim of its evidence already names becomes that claim's
        `as`; anything else needs a claim written for it (NeedsClaim)."""
        target = item.get("o")
        if kind == "mention" and target:
            for claim in ev.get("claims") or []:
                if target in (claim.get("o"), claim.get("s")):
                    if claim.get("o") == target and not claim.get("as"):
                        claim["as"] = item.get("as")
                    return
        prefill = {"evidence": str(ev.get("id")), "from": str(item.get("id"))}
        if kind == "mention":
            prefill.update({"o": target or "", "as": item.get("as", ""),
                            "candidates": list(item.get("candidates") or [])})
        else:
            prefill.update({k: item.get(k) for k in ("quantity", "date", "context", "unit")
                            if item.get(k) is not None})
        raise NeedsClaim(prefill)

    def reject(self, source_id: str, number: int, version: str, ident: str,
               reason: str | None = None) -> list[str]:
        """Delete the item (an entity with what names it in this file, an evidence with its
        claims); an evidence left with nothing is removed too. Returns what was removed."""
        removed: list[str] = []

        def mutate(data: CommentedMap) -> None:
            kind, seq, index, _ = _find(data, ident)
            item = seq[index]
            del seq[index]
            removed.append(ident)
            if kind == "evidence":
                removed.extend(str(c.get("id")) for c in item.get("claims") or [])
            if kind == "entity":
                for ev in data.get("evidence") or []:
                    for key in ("claims", "mentions"):
                        items = ev.get(key) or []
                        for i in range(len(items) - 1, -1, -1):
                            if ident in (items[i].get("s"), items[i].get("o")):
                                removed.append(str(items[i].get("id")))
                                del items[i]
            removed.extend(_prune(data))

        def retire(data: CommentedMap) -> list[Change]:
            gone = [("claim", i) for i in removed if CLAIM.fullmatch(i)]
            gone += [("annotation", i) for i in removed if EVIDENCE.fullmatch(i)]
            gone += [tuple(i.split("/", 1)) for i in removed if "/" in i]
            return self._retire(gone, reason)

        self.change_paragraph(source_id, number, version, mutate, f"rejected {ident}", retire)
        return removed

    def save_entity(self, source_id: str, number: int, version: str, values: dict,
                    ident: str | None = None) -> str:
        """Create an entity (its id minted from its English name or pinyin), or edit one; a
        proposal edited is accepted."""
        given = values.get("class")
        classes = [str(c).strip() for c in (given if isinstance(given, list) else [given]) if c]
        cls = classes[0] if classes else ""
        values = {**values, "class": classes[0] if len(classes) == 1 else classes}
        if not cls or not values.get("zh"):
            raise Refused("an entity needs a class and its Chinese name (zh)")
        named = values.get("named", True) not in (False, "false", "no")
        if named and not values.get("en"):
            raise Refused("a named entity needs its English name (en)")
        taken = self.taken_ids(source_id)
        made: list[str] = []

        def mutate(data: CommentedMap) -> None:
            # An entity the text does not name has a description, not a name: no pinyin.
            fields = {**values, "named": None if named else False,
                      "pinyin": values.get("pinyin") if named else None}
            if ident is None:
                name = str(values.get("en") or values.get("pinyin") or "")
                try:
                    new = new_local_id(prefix_of(cls), name, taken,
                                       None if named else source_id)
                except ValueError as exc:
                    raise Refused(str(exc)) from None
                fields["id"] = new
                _seq(data, "entities").append(_clean(fields, ENTITY_FIELDS))
                made.append(new)
                return
            kind, seq, index, _ = _find(data, ident)
            if kind != "entity":
                raise Refused(f"{ident} is not an entity")
            entity = seq[index]
            for key in ENTITY_FIELDS[1:]:
                value = _clean(fields, (key,)).get(key)
                if value is None:
                    entity.pop(key, None)
                else:
                    entity[key] = value
            entity.pop("reason", None)
            made.append(ident)

        label = f"new entity {values.get('zh')}" if ident is None else f"edited {ident}"
        self.change_paragraph(source_id, number, version, mutate, label)
        return made[0]

    def save_claim(self, source_id: str, number: int, version: str, values: dict,
                   ident: str | None = None, evidence: str | None = None,
                   quote: str | None = None, from_item: str | None = None) -> str:
        """Create a claim (in evidence `evidence`, or a new evidence quoting `quote`) or edit
        claim `ident`; a proposal edited is accepted; `from_item` (the mention or value it was
        written for) is removed."""
        if not values.get("s") or not values.get("p"):
            raise Refused("a claim needs a subject (s) and a predicate (p)")
        given = [k for k in VALUE_KEYS if values.get(k) not in (None, "")]
        if len(given) != 1:
            raise Refused(f"a claim has exactly one value: an entity (o), a date, a quantity, a "
                          f"text or a value; this one has {given or 'none'}")
        taken = self.taken_ids(source_id)
        made: list[str] = []

        def mutate(data: CommentedMap) -> None:
            claim = _clean(values, CLAIM_FIELDS)
            if ident is not None:
                kind, seq, index, _ = _find(data, ident)
                if kind != "claim":
                    raise Refused(f"{ident} is not a claim")
                claim.insert(0, "id", ident)
                seq[index] = claim
                made.append(ident)
            else:
                if evidence:
                    kind, seq, index, _ = _find(data, evidence)
                    if kind != "evidence":
                        raise Refused(f"{evidence} is not an evidence")
                    target = seq[index]
                else:
                    if not quote:
                        raise Refused("a new claim needs its evidence: an existing one, or the "
                                      "words of the sentence it rests on")
                    target = CommentedMap([("id", next_evidence_id(source_id, taken)),
                                           ("quote", quote)])
                    _seq(data, "evidence").append(target)
                new = next_claim_id(source_id, taken)
                claim.insert(0, "id", new)
                _seq(target, "claims").append(claim)
                made.append(new)
            if from_item:
                kind, seq, index, _ = _find(data, from_item)
                if kind in ("mention", "value"):
                    del seq[index]

        label = f"edited {ident}" if ident else f"new claim {values.get('s')} {values.get('p')}"
        self.change_paragraph(source_id, number, version, mutate, label)
        return made[0]

    def place_to_gazetteer(self, source_id: str, number: int, version: str, ident: str,
                           place_type: str) -> str:
        """A drafted place accepted: declared in graph/gazetteer/places.yaml (with its type;
        coordinates left for the gazetteer's own checks), gone from the paragraph's entities."""
        if not place_type:
            raise Refused("choose the place's type")
        gazetteer = self.graph_dir / "gazetteer" / "places.yaml"
        moved: list[CommentedMap] = []

        def mutate(data: CommentedMap) -> None:
            kind, seq, index, _ = _find(data, ident)
            if kind != "entity" or not ident.startswith("place/"):
                raise Refused(f"{ident} is not a drafted place")
            entity = seq[index]
            if not entity.get("en"):
                raise Refused(f"{ident}: give its English name first (Edit)")
            moved.append(CommentedMap(
                [(k, entity[k]) for k in ("id", "zh", "en", "pinyin") if entity.get(k)]
                + [("type", place_type.removeprefix("concept/place-type/"))]))
            del seq[index]

        def gazette(data: CommentedMap) -> list[Change]:
            before = gazetteer.read_text(encoding="utf-8")
            return [Change(gazetteer, before,
                           edit_text(gazetteer, before, lambda places: places.extend(moved)))]

        self.change_paragraph(source_id, number, version, mutate, f"{ident} to the gazetteer",
                              gazette)
        return ident

    def set_review(self, source_id: str, number: int, version: str, state: str) -> None:
        def mutate(data: CommentedMap) -> None:
            if state != "draft" and _has_draft_keys(data):
                raise Refused("proposals are left in this paragraph: accept or reject each")
            mark_review(data, state)

        self.change_paragraph(source_id, number, version, mutate, f"p{number:02d}: {state}")

    def attach(self, source_id: str, kind: str, values: dict) -> str:
        """A disagreement between claims, or an editorial reading of one, in
        graph/curation/<source>.yaml."""
        path = self.graph_dir / "curation" / f"{source_id}.yaml"
        before = path.read_text(encoding="utf-8") if path.exists() else None
        if not values.get("rationale"):
            raise Refused("give the rationale (English; a Chinese one beside it if you can)")
        key = "disagreements" if kind == "disagreement" else "readings"
        existing = _ids_in(yamlfile.parse(before)) if before else set()
        if kind == "disagreement":
            claims = [c for c in values.get("claims") or [] if c]
            if len(claims) < 2 or not values.get("type"):
                raise Refused("a disagreement links two or more claims and has a type")
            ident = str(values.get("id") or "") or _next(f"{source_id}-d", existing)
            entry = CommentedMap([("id", ident), ("type", values["type"]),
                                  ("claims", CommentedSeq(claims))])
        else:
            if not values.get("reading_of") or not values.get("s") or not values.get("p"):
                raise Refused("a reading names the claim it reads, a subject and a predicate")
            ident = str(values.get("id") or "") or _next(f"{source_id}-r", existing)
            entry = _clean({"id": ident, **values}, ("id", "reading_of", "kind", "s", "p", "o",
                                                     "quantity", "unit", "counts", "text"))
        entry["rationale"] = " ".join(str(values["rationale"]).split())
        if values.get("rationale_zh"):
            entry["rationale_zh"] = "".join(str(values["rationale_zh"]).split())
        if ident in existing:
            raise Refused(f"{ident} exists already in {path.name}")

        def add(data: Any) -> None:
            _seq(data, key).append(entry)

        with self.lock:
            if before is None:
                after = _render_new(path, CommentedMap([(key, CommentedSeq([entry]))]),
                                    f"# Disagreements and editorial readings of text {source_id}"
                                    " (written in the workbench).\n")
            else:
                after = edit_text(path, before, add)
            self._write(f"{kind} {ident}", [Change(path, before, after)])
        return ident

    def excuse(self, source_id: str, number: int, text: str, reason: str) -> None:
        """An item deliberately not annotated (a heading's title, a figure that is no fact):
        listed with its reason in annotations/<source>/not-annotated.yaml."""
        source = self.source(source_id)
        if not 1 <= number <= len(source.paragraphs) or not text \
                or text not in source.paragraphs[number - 1]:
            raise Refused(f"{text!r} is not in paragraph {number}")
        if not reason.strip():
            raise Refused("say why it is left out")
        path = self.graph_dir / "annotations" / source_id / "not-annotated.yaml"
        entry = CommentedMap([("text", text), ("paragraph", number),
                              ("reason", " ".join(reason.split()))])
        with self.lock:
            before = path.read_text(encoding="utf-8") if path.exists() else None
            if before is None:
                after = _render_new(path, CommentedSeq([entry]),
                                    "# Items the coverage scan finds, left out on purpose.\n")
            else:
                after = edit_text(path, before, lambda data: data.append(entry))
            self._write(f"p{number:02d}: {text} left out", [Change(path, before, after)])

    def mark_complete(self, source_id: str) -> bool:
        """sources.yaml: the source is complete (every paragraph checked, coverage 100 %)."""
        path = self.graph_dir / "sources.yaml"
        with self.lock:
            before = path.read_text(encoding="utf-8")

            def mutate(entries: Any) -> None:
                for entry in entries:
                    if str(entry.get("id")) == source_id:
                        entry["complete"] = True

            after = edit_text(path, before, mutate)
            if after == before:
                return False
            self._write(f"source {source_id} complete", [Change(path, before, after)])
            return True


def mark_review(data: CommentedMap, state: str) -> None:
    """The file's review state; a file the drafting engine wrote is, once checked, the
    editors' (they answer for it now)."""
    data["review"] = state
    if state != "draft" and data.get("curator") == DRAFTER:
        data["curator"] = CURATOR


def _next(prefix: str, existing: set[str]) -> str:
    n = 1
    while f"{prefix}{n:03d}" in existing:
        n += 1
    return f"{prefix}{n:03d}"


def _has_draft_keys(data: Any) -> bool:
    return has_draft_keys(yamlfile.to_plain(data))
