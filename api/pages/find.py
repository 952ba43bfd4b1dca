"""Finding things by name: the search page (the label index behind /api/search: Chinese,
aliases, historical names, pinyin with or without tones, English) and the list of a class's
instances, sorted by label (Chinese by its pinyin, as a Chinese index is) and paged."""

from __future__ import annotations

from pypinyin import lazy_pinyin

from gongyun.api import entity
from gongyun.api.pages import i18n
from gongyun.api.search import class_iri
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB, local_id
from gongyun.normalise.chinese import has_han

PER_PAGE = 50
LIST_PER_PAGE = 100


def search(store: GraphStore, q: str, cls: str | None, page: int, base: str,
           lang: str) -> dict:
    wanted = class_iri(cls) if cls else None
    page = max(page, 1)
    result = store.labels.search(q, wanted, PER_PAGE, (page - 1) * PER_PAGE) if q.strip() \
        else None
    hits = result.hits if result else []
    names = entity.labels_of(store, {c for h in hits for c in h.classes})
    items = [{"iri": h.iri, "id": local_id(h.iri), "url": entity.public_url(h.iri, base),
              "label": {"zh": h.zh, "pinyin": h.pinyin, "en": h.en}, "aliases": h.aliases,
              "classes": [{"curie": entity.curie(c), "label": names.get(c, {})}
                          for c in h.classes if c.startswith(VOCAB)],
              "match": h.match} for h in hits]
    return {"q": q, "class": wanted, "class_curie": entity.curie(wanted) if wanted else None,
            "things": items, "total": result.total if result else 0,
            **pager(result.total if result else 0, page, PER_PAGE)}


def pager(total: int, page: int, per_page: int) -> dict:
    pages = max(1, -(-total // per_page))
    return {"page": page, "pages": pages, "first": (page - 1) * per_page + 1,
            "last": min(total, page * per_page)}


def sort_key(label: str | None, lang: str, fallback: str) -> tuple:
    """Labels in Chinese sort by their pinyin (then by the characters); labels in English by
    their letters; things without a label come last, by id."""
    if not label:
        return (1, fallback)
    if lang == "zh" or has_han(label):
        return (0, " ".join(lazy_pinyin(label)).lower(), label)
    return (0, label.casefold(), label)


# The store is read-only while it is served (as in source_view): a sorted list stays right
# until another store is opened. Keep the recent ones.
_CACHE: dict[tuple, list[dict]] = {}
CACHE_SIZE = 24


def instances(store: GraphStore, cls: str, base: str, lang: str) -> list[dict]:
    key = (id(store), store.manifest.get("key"), cls, base, lang)
    if key not in _CACHE:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _instances(store, cls, base, lang)
    return _CACHE[key]


def _instances(store: GraphStore, cls: str, base: str, lang: str) -> list[dict]:
    rows = store.select(entity.P + f"""
        SELECT ?s ?l ?w WHERE {{ ?s a {entity.iri_ref(cls)} .
          OPTIONAL {{ ?s rdfs:label ?l }} OPTIONAL {{ ?s gy:asWritten ?w }} }}""")
    things: dict[str, dict] = {}
    for row in rows:
        iri = row["s"].value
        if not row["s"].is_iri:
            continue
        item = things.setdefault(iri, {"iri": iri, "id": local_id(iri) or iri,
                                       "url": entity.public_url(iri, base), "label": {},
                                       "written": None})
        if "l" in row:
            tag = (row["l"].lang or "").lower()
            key = "pinyin" if tag.startswith("zh-latn") else "zh" if tag.startswith("zh") \
                else "en"
            item["label"].setdefault(key, row["l"].value)
        if "w" in row and item["written"] is None:
            item["written"] = row["w"].value
    for item in things.values():
        shown = i18n.label(item["label"], lang) or item["written"]
        item["shown"] = shown
        item["key"] = sort_key(shown, lang, item["id"])
    return sorted(things.values(), key=lambda i: i["key"])


def browse(store: GraphStore, cls: str, page: int, base: str, lang: str) -> dict:
    wanted = class_iri(cls)
    items = instances(store, wanted, base, lang)
    page = min(max(page, 1), max(1, -(-len(items) // LIST_PER_PAGE)))
    start = (page - 1) * LIST_PER_PAGE
    names = entity.labels_of(store, {wanted})
    return {"class": wanted, "curie": entity.curie(wanted), "class_label": names.get(wanted, {}),
            "things": items[start:start + LIST_PER_PAGE], "total": len(items),
            **pager(len(items), page, LIST_PER_PAGE)}
