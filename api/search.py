"""The label index: SQLite FTS5 with the trigram tokenizer (works for Chinese, which has no
spaces), built from the graph's labels when a store is built and saved beside it, so search
never touches the SPARQL store. It is the service's one reading of labels: /api/search queries
it, reconciliation builds its matcher from it (`LabelIndex.entities`), and `label_kind` is the
rule entity pages also use to tell a Chinese, pinyin and English label apart.

Indexed per entity: Chinese labels (rdfs:label @zh), aliases (skos:altLabel, skos:hiddenLabel
such as old romanisations) and historical names
(gy:name / gy:alias claims, gy:oldName / gy:newName of the renaming events), pinyin with tone
marks (rdfs:label @zh-Latn-pinyin) and without (tones stripped, also run together, and pypinyin's
reading of every Chinese name), and English (rdfs:label @en). Toneless pinyin that fits several
names ("shanxi": 山西 Shānxī and 陕西 Shǎnxī) finds all of them. Trigrams need 3 characters:
a query of one or two Chinese characters ("山西", the commonest kind of Chinese name query) is
answered from a side table of every one- and two-character run of Chinese characters in the
indexed columns (an index seek, not a scan); other short queries ("xi") fall back to LIKE over the
same columns. Both find exactly the rows `LIKE '%q%'` finds.
A name is found however it is typed: every name's matching key (gongyun.normalise.chinese.fold:
traditional characters as simplified, full-width as half-width, a unit number written digit by
digit as Arabic digits) is indexed beside it and the query is looked up as typed and as its key,
so 二○五旅 (as printed) is found as 二〇五旅, 二零五旅, 205旅 or ２０５旅, and 山西省总工会 as
山西省總工會.
Ranking: a name exactly as typed (or equal by its key) first, then a name equal once tones are
ignored, then a name starting with the query, then the rest by FTS5's bm25.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pypinyin import lazy_pinyin

from gongyun.namespaces import VOCAB, sparql_prefixes
from gongyun.normalise.chinese import HAN_CLASS, fold, has_han, strip_tones

SEP = " | "

# The label predicates are given as VALUES, not as a FILTER over `?s ?p ?o`: the store then
# reads the predicate index for just these four instead of scanning every quad (linear in the
# labels, not in the graph: at 10^6 quads on disk 3.1-3.4 s became 0.8-1.4 s). The order of
# the VALUES is the order in which the scan met an entity's predicates (the store's own term
# order), so that aliases and the label shown first stay as they were.
LABELS_QUERY = sparql_prefixes() + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { skos:hiddenLabel skos:prefLabel skos:altLabel rdfs:label }
  ?s ?p ?o .
  FILTER(isLiteral(?o) && isIRI(?s))
}"""

# Names over time are claims about the entity (gy:name, gy:alias) or about its renaming event.
# Again VALUES, so the join starts from the few name claims rather than from every claim.
NAMES_QUERY = sparql_prefixes() + """
SELECT DISTINCT ?s ?o WHERE {
  {
    VALUES ?pred { gy:name gy:alias }
    ?c gy:predicate ?pred ; gy:subject ?s ; gy:object ?o .
  } UNION {
    VALUES ?pred { gy:oldName gy:newName }
    ?r gy:predicate gy:renames ; gy:subject ?event ; gy:object ?s .
    ?c gy:predicate ?pred ; gy:subject ?event ; gy:object ?o .
  }
  FILTER(isLiteral(?o) && isIRI(?s))
}"""

TYPES_QUERY = "SELECT DISTINCT ?s ?t WHERE { ?s a ?t . FILTER(isIRI(?s) && isIRI(?t)) }"


def toneless_key(text: str) -> str:
    """`text` lower case without any mark (Shǎnxī -> shanxi, Lǚ -> lu): how pinyin is typed."""
    return strip_tones(text, all_marks=True).lower()


_HAN_RUN = re.compile(f"{HAN_CLASS}+")


def short_han_grams(text: str) -> set[str]:
    """Every run of one or two Chinese characters inside `text`: what a one- or
    two-character Chinese query can match by LIKE '%q%'."""
    grams: set[str] = set()
    for run in _HAN_RUN.findall(text):
        grams.update(run)
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def toneless_forms(text: str) -> set[str]:
    """Pinyin `text` without tone marks, spaced and run together ("shan xi", "shanxi")."""
    base = toneless_key(text)
    words = "".join(c if c.isalnum() else " " for c in base).split()
    return {" ".join(words), "".join(words)} - {""}


def pinyin_forms(chinese: str) -> set[str]:
    syllables = [s for s in lazy_pinyin(chinese) if s.strip()]
    return {" ".join(syllables), "".join(syllables)} - {""}


def label_kind(lang: str | None, text: str) -> str:
    """Which of an entity's labels a literal is: "pinyin" (zh-Latn-pinyin), "zh" (zh, zh-Hans…,
    or no language tag and Chinese in it) or "en" (English, and any other language)."""
    lang = (lang or "").lower()
    if lang.startswith("zh-latn"):
        return "pinyin"
    return "zh" if lang.startswith("zh") or (not lang and has_han(text)) else "en"


@dataclass
class EntityLabels:
    """An entity's names as the index holds them, each list in the order the store gave."""

    zh: list[str]
    alias: list[str]  # skos:altLabel, skos:hiddenLabel, and historical names (gy:name…)
    pinyin: list[str]
    en: list[str]
    classes: set[str]


def _collect(store: ox.Store) -> dict[str, EntityLabels]:
    entities: dict[str, EntityLabels] = defaultdict(lambda: EntityLabels([], [], [], [], set()))
    union = {"use_default_graph_as_union": True}

    def add(values: list[str], value: str) -> None:
        if value not in values:
            values.append(value)

    for row in store.query(LABELS_QUERY, **union):
        ent = entities[row["s"].value]
        lit = row["o"].value
        if row["p"].value.endswith(("altLabel", "hiddenLabel")):
            add(ent.alias, lit)
        else:
            add(getattr(ent, label_kind(row["o"].language, lit)), lit)
    for row in store.query(NAMES_QUERY, **union):
        if row["s"].value in entities:
            ent = entities[row["s"].value]
            if row["o"].value not in ent.zh:
                add(ent.alias, row["o"].value)
    for row in store.query(TYPES_QUERY, **union):
        if row["s"].value in entities:
            entities[row["s"].value].classes.add(row["t"].value)
    return entities


def build_index(store: ox.Store, path: Path) -> int:
    """Write the label index of `store` to `path`; returns the number of entities indexed."""
    entities = _collect(store)
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "CREATE VIRTUAL TABLE labels USING fts5(iri UNINDEXED, zh, alias, pinyin, toneless,"
            " en, folded, tokenize='trigram')"
        )
        db.execute("CREATE TABLE names (iri TEXT, norm TEXT)")
        db.execute("CREATE TABLE han_grams (gram TEXT, doc INTEGER)")
        db.execute("CREATE TABLE entity_class (iri TEXT, class TEXT)")
        db.execute("CREATE TABLE display (iri TEXT PRIMARY KEY, zh TEXT, pinyin TEXT, en TEXT)")
        # Every name, as JSON lists, for reconciliation (a table of its own: the rows search
        # reads for each hit stay small)
        db.execute("CREATE TABLE entity_names (iri TEXT PRIMARY KEY, names TEXT)")
        for doc, (iri, ent) in enumerate(entities.items(), start=1):
            toneless: set[str] = set()
            for p in ent.pinyin:
                toneless |= toneless_forms(p)
            for name in ent.zh + ent.alias:
                if has_han(name):
                    toneless |= pinyin_forms(name)
            norms = {n.lower() for n in ent.zh + ent.alias + ent.en} | toneless
            norms |= {toneless_key(p) for p in ent.pinyin} | {p.lower() for p in ent.pinyin}
            # Every name's matching key too (二○五旅 -> 205旅): a name is found however it is
            # typed; the column holds only the keys that differ from the names.
            every = ent.zh + ent.alias + ent.pinyin + ent.en
            keys = {fold(n) for n in every}
            norms |= {k.lower() for k in keys}
            columns = (SEP.join(ent.zh), SEP.join(ent.alias), SEP.join(ent.pinyin),
                       SEP.join(sorted(toneless)), SEP.join(ent.en),
                       SEP.join(sorted(keys - set(every))))
            db.execute("INSERT INTO labels (rowid, iri, zh, alias, pinyin, toneless, en, folded)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (doc, iri, *columns))
            grams = set().union(*(short_han_grams(c.lower()) for c in columns))
            db.executemany("INSERT INTO han_grams VALUES (?, ?)", [(g, doc) for g in grams])
            db.executemany("INSERT INTO names VALUES (?, ?)", [(iri, n) for n in norms])
            db.executemany("INSERT INTO entity_class VALUES (?, ?)",
                           [(iri, c) for c in sorted(ent.classes)])
            db.execute("INSERT INTO display VALUES (?, ?, ?, ?)",
                       (iri, _first(ent.zh), _first(ent.pinyin), _first(ent.en)))
            db.execute("INSERT INTO entity_names VALUES (?, ?)",
                       (iri, json.dumps([ent.zh, ent.alias, ent.pinyin, ent.en],
                                        ensure_ascii=False)))
        db.execute("CREATE INDEX names_iri ON names (iri, norm)")
        db.execute("CREATE INDEX han_grams_gram ON han_grams (gram, doc)")
        db.execute("CREATE INDEX entity_class_class ON entity_class (class, iri)")
        # Planner statistics: without them SQLite picks poor plans for the ranking's lookups
        # as the tables grow (at 10^7 quads a Chinese name took 326 ms, pinyin 970 ms; with
        # them 2.9 and 12.5 ms, the same hits).
        db.execute("ANALYZE")
    db.close()
    return len(entities)


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


@dataclass(frozen=True)
class Hit:
    iri: str
    zh: str | None
    pinyin: str | None
    en: str | None
    aliases: list[str]
    classes: list[str]
    match: str  # exact | exact-toneless | prefix | contains


@dataclass(frozen=True)
class Page:
    total: int
    hits: list[Hit]


_COLUMNS = ("zh", "alias", "pinyin", "toneless", "en", "folded")


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class LabelIndex:
    """Read-only access to an index written by build_index."""

    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        # One short-lived read-only connection per call: safe from any thread.
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def search(self, text: str, class_iri: str | None, limit: int, offset: int) -> Page:
        # Control characters never occur in names, and a NUL ends FTS5's query string early
        # (an "unterminated string" error, a 500): they count as spaces.
        q = " ".join("".join(" " if ord(c) < 32 or c == "\x7f" else c for c in text).split())
        q = q.lower()
        if not q:
            return Page(0, [])
        # The query as typed and as its matching key (二〇五旅, 205旅, ２０５旅 -> 205旅; 總工會 ->
        # 总工会), which the index holds for every name.
        key = fold(q).lower()
        typed = [q] if key == q else [q, key]
        forms = typed + [f for f in sorted(toneless_forms(key))
                         if f not in typed and not has_han(key)]
        params: dict = {f"q{i}": f for i, f in enumerate(typed)} | {"qt": toneless_key(key)}
        if all(len(f) >= 3 for f in forms):
            params["match"] = " OR ".join(_phrase(f) for f in forms)
            where = "labels MATCH :match"
            score = "bm25(labels)"
        elif len(forms) == len(typed) and all(f in short_han_grams(f) for f in typed):
            # one or two Chinese characters: the side table holds every such run
            params |= {f"gram{i}": f for i, f in enumerate(typed)}
            where = f"labels.rowid IN (SELECT doc FROM han_grams WHERE {_one_of('gram', typed)})"
            score = "length(zh)"
        else:
            ors = []
            for i, form in enumerate(forms):
                params[f"like{i}"] = f"%{_escape_like(form)}%"
                ors += [f"{c} LIKE :like{i} ESCAPE '\\'" for c in _COLUMNS]
            where = "(" + " OR ".join(ors) + ")"
            score = "length(zh)"
        if class_iri:
            where += " AND iri IN (SELECT iri FROM entity_class WHERE class = :cls)"
            params["cls"] = class_iri
        params |= {f"prefix{i}": f"{_escape_like(f)}%" for i, f in enumerate(typed)}
        params["prefixt"] = f"{_escape_like(params['qt'])}%"
        starts = " OR ".join(f"n.norm LIKE :prefix{i} ESCAPE '\\'" for i in range(len(typed)))
        # 0: a name as typed; 1: a name once tones are ignored; 2: a name starting so; 3: inside.
        rank = (
            "CASE WHEN EXISTS (SELECT 1 FROM names n WHERE n.iri = labels.iri"
            f" AND {_one_of('n.norm', typed, 'q')}) THEN 0"
            " WHEN EXISTS (SELECT 1 FROM names n WHERE n.iri = labels.iri"
            " AND n.norm = :qt) THEN 1"
            " WHEN EXISTS (SELECT 1 FROM names n WHERE n.iri = labels.iri"
            f" AND ({starts} OR n.norm LIKE :prefixt ESCAPE '\\')) THEN 2"
            " ELSE 3 END"
        )
        with self._connect() as db:
            total = db.execute(f"SELECT count(*) FROM labels WHERE {where}", params).fetchone()[0]
            rows = db.execute(
                f"SELECT iri, alias, {rank} AS r FROM labels WHERE {where}"
                f" ORDER BY r, {score}, iri LIMIT :limit OFFSET :offset",
                {**params, "limit": limit, "offset": offset},
            ).fetchall()
            hits = [self._hit(db, iri, alias, r) for iri, alias, r in rows]
        return Page(total, hits)

    def _hit(self, db: sqlite3.Connection, iri: str, alias: str, rank: int) -> Hit:
        zh, pinyin, en = db.execute(
            "SELECT zh, pinyin, en FROM display WHERE iri = ?", (iri,)
        ).fetchone()
        classes = [c for (c,) in db.execute(
            "SELECT class FROM entity_class WHERE iri = ? ORDER BY class", (iri,))]
        return Hit(iri, zh, pinyin, en, alias.split(SEP) if alias else [], classes,
                   ("exact", "exact-toneless", "prefix", "contains")[rank])

    def entities(self) -> list[tuple[str, EntityLabels]]:
        """Every indexed entity with all its names and classes (what reconciliation matches)."""
        with self._connect() as db:
            classes: dict[str, set[str]] = defaultdict(set)
            for iri, cls in db.execute("SELECT iri, class FROM entity_class"):
                classes[iri].add(cls)
            rows = db.execute("SELECT iri, names FROM entity_names ORDER BY rowid").fetchall()
        return [(iri, EntityLabels(*json.loads(names), classes.get(iri, set())))
                for iri, names in rows]

    def labels(self, iri: str) -> dict[str, str | None]:
        """The display labels of one entity (zh, pinyin, en); empty when it has none."""
        with self._connect() as db:
            row = db.execute("SELECT zh, pinyin, en FROM display WHERE iri = ?", (iri,)).fetchone()
        return dict(zip(("zh", "pinyin", "en"), row, strict=True)) if row else {}


def _one_of(column: str, values: list[str], param: str = "") -> str:
    """`column` equal to one of the parameters :<param>0, :<param>1…; `=` for a single one (an
    index seek; `IN (?)` builds a list first and took twice as long)."""
    param = param or column
    if len(values) == 1:
        return f"{column} = :{param}0"
    return f"{column} IN ({', '.join(f':{param}{i}' for i in range(len(values)))})"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def class_iri(name: str) -> str:
    """A class given as a full IRI, a CURIE (gy:Place, rdfs:Class) or a gy: local name (Place)."""
    from gongyun.namespaces import expand_curie

    if "://" in name:
        return name
    return expand_curie(name) or VOCAB + name
