"""The entity chooser: what a name may be. The published graph through the service's own label
index (labels, aliases, former names, pinyin with or without tones, English), and the entities
this source's files declare (not yet published: drafts and new ones), matched on
gongyun.normalise.chinese.fold so 二〇五旅, 二○五旅 and 205旅 find one another."""

from __future__ import annotations

from pathlib import Path

from gongyun.api.search import LabelIndex
from gongyun.graph import yamlfile
from gongyun.namespaces import RESOURCE, local_id
from gongyun.normalise.chinese import fold, strip_tones

LIMIT = 12


def _declared(graph_dir: Path, source_id: str) -> list[dict]:
    """The entities the source's annotation files declare, with the file that does."""
    found = []
    folder = graph_dir / "annotations" / source_id
    for path in sorted(folder.glob("p*.yaml")) if folder.is_dir() else []:
        for entity in (yamlfile.load_plain(path) or {}).get("entities") or []:
            if isinstance(entity, dict) and entity.get("id"):
                found.append({**entity, "file": path.name})
    return found


def _keys(text: str) -> set[str]:
    return {fold(text).lower(), strip_tones(text).lower().replace(" ", "")}


def search(query: str, graph_dir: Path, source_id: str, index: Path | None,
           limit: int = LIMIT) -> list[dict]:
    """Candidates for `query`, this source's own declarations first: {id, zh, pinyin, en,
    classes, where}."""
    query = query.strip()
    if not query:
        return []
    wanted = _keys(query)
    hits: list[dict] = []
    for entity in _declared(graph_dir, source_id):
        names = [str(entity.get(k) or "") for k in ("zh", "pinyin", "en")]
        names += [str(a) for a in entity.get("aliases") or []]
        classes = entity.get("class") or []
        classes = classes if isinstance(classes, list) else [classes]
        if any(w and w in key for name in names if name for key in _keys(name) for w in wanted):
            hits.append({"id": entity["id"], "zh": entity.get("zh"),
                         "pinyin": entity.get("pinyin"), "en": entity.get("en"),
                         "classes": [str(c) for c in classes],
                         "where": f"this text ({entity['file']})"})
    if index is not None and index.exists():
        seen = {h["id"] for h in hits}
        labels = LabelIndex(index)
        for form in dict.fromkeys([query, fold(query)]):
            for hit in labels.search(form, None, limit, 0).hits:
                ident = local_id(hit.iri) or hit.iri
                if ident in seen or not hit.iri.startswith(RESOURCE):
                    continue
                seen.add(ident)
                hits.append({"id": ident, "zh": hit.zh, "pinyin": hit.pinyin, "en": hit.en,
                             "classes": [c.rsplit("#", 1)[-1] for c in hit.classes],
                             "where": "graph"})
    return hits[:limit]
