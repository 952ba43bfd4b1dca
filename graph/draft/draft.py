"""The drafting pipeline: a text and a lexicon in, every proposal with its place and reason out.

Order: words (jieba), known mentions (longest match), new names (shapes), figures and dates,
then sentence by sentence the claim skeletons over the names and figures found. Nothing here
writes files (`writer` does), so the evaluation drafts in memory exactly what `gongyun draft`
writes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from gongyun.graph.draft.figures import Figure, find_figures
from gongyun.graph.draft.lexicon import Lexicon
from gongyun.graph.draft.mentions import Mention, find_mentions
from gongyun.graph.draft.newnames import NewName, find_new_names, generic_only
from gongyun.graph.draft.skeletons import NewEvent, Ref, Sentence, sentences, skeletons
from gongyun.graph.draft.tokens import boundaries, tokens
from gongyun.graph.names import pinyin_for
from gongyun.graph.sources import Source
from gongyun.namespaces import new_local_id
from gongyun.normalise.chinese import fold

# The id prefix of a new thing of each class.
PREFIX = {
    "Organization": "org", "OrganizationalUnit": "org", "ArmedUnit": "armed",
    "Enterprise": "ent", "Facility": "facility", "RailwayLine": "line",
    "RailwaySection": "line", "Road": "line", "TransportRoute": "line", "Place": "place",
}


@dataclass
class NewEntity:
    id: str
    cls: str
    zh: str
    pinyin: str
    rule: str
    matched: str
    first: int  # offset of its first mention
    geonames: int | None = None


@dataclass
class Draft:
    source: Source
    mentions: list[Mention]
    new_names: list[NewName]
    entities: dict[str, NewEntity]
    figures: list[Figure]
    sentences: list[Sentence]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def events(self) -> list[NewEvent]:
        return [e for s in self.sentences for e in s.events]


def _mint(name: NewName, taken: set[str]) -> str:
    """A new thing's id: its class's prefix and the pinyin of its name (namespaces.new_local_id,
    tone marks dropped by its slug rule)."""
    ident = new_local_id(PREFIX.get(name.cls, "org"), pinyin_for(name.zh), taken)
    taken.add(ident)
    return ident


def _new_entities(names: list[NewName], known_ids: set[str]) -> tuple[dict[str, NewEntity],
                                                                        dict[int, str]]:
    """One new entity per name (folded) and class; the id of each name occurrence by start."""
    taken = set(known_ids)
    by_key: dict[tuple[str, str], NewEntity] = {}
    ids_at: dict[int, str] = {}
    for name in names:
        key = (fold(name.zh), name.cls)
        entity = by_key.get(key)
        if entity is None:
            entity = NewEntity(_mint(name, taken), name.cls, name.zh, pinyin_for(name.zh),
                               name.rule, name.matched, name.start, name.geonames)
            by_key[key] = entity
        ids_at[name.start * 100_000 + name.end] = entity.id
    return {e.id: e for e in by_key.values()}, ids_at


def _refs(mentions: list[Mention], names: list[NewName], ids_at: dict[int, str],
          lexicon: Lexicon) -> tuple[list[Ref], list[Ref]]:
    """Every unambiguous name in the text as a Ref: the outermost ones, and those inside a
    longer name."""
    refs = []
    for m in mentions:
        if m.ambiguous:
            continue
        known = m.surfaces[0].known
        refs.append(Ref(m.start, m.end, known.id, known.classes[0], m.text))
    for n in names:
        refs.append(Ref(n.start, n.end, ids_at[n.start * 100_000 + n.end], n.cls, n.zh))
    # Skeletons read the outermost names: a name inside a longer one is that one's part.
    refs.sort(key=lambda r: (r.start, -r.end))
    outer: list[Ref] = []
    inner: list[Ref] = []
    for ref in refs:
        if outer and outer[-1].start <= ref.start and ref.end <= outer[-1].end:
            inner.append(ref)
            continue
        outer.append(ref)
    return outer, inner


def draft_text(source: Source, lexicon: Lexicon) -> Draft:
    clock = time.perf_counter()
    seconds: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    text = source.text
    words = tokens(text)
    lap("words")
    mentions = find_mentions(text, lexicon, boundaries(words))
    lap("mentions")
    outer = [(m.start, m.end, "" if m.ambiguous else m.surfaces[0].known.classes[0])
             for m in mentions if not m.nested]
    names = find_new_names(text, words, lexicon, outer)
    # A known name inside a new one (陇海铁路 in 陇海铁路员工抗日先锋队) stays a mention: the
    # body is often based at the place or works on the line it is named after.
    # The last words of a new name, when they are only a generic (抗敌后援会 in 汉阳兵工厂工人抗敌
    # 后援会), are its head, not a mention of another body that happens to bear them; a proper
    # name there stays (新四军 in 鄂豫皖区新四军).
    mentions = [m if not any(n.start <= m.start and m.end <= n.end
                             and (n.start, n.end) != (m.start, m.end) for n in names)
                else Mention(m.start, m.end, m.text, m.surfaces, nested=True) for m in mentions
                if not (generic_only(m.text) and any(n.start < m.start and m.end == n.end
                                                     and n.cls != "Place" for n in names))]
    entities, ids_at = _new_entities(names, set(lexicon.knowledge.entities))
    lap("new names")
    figures = find_figures(text)
    lap("figures")
    refs, inner = _refs(mentions, names, ids_at, lexicon)
    done: list[Sentence] = []
    for number, paragraph in enumerate(source.paragraphs, start=1):
        para_start = source.paragraph_start(number)
        for index, (start, end, body) in enumerate(sentences(text, para_start, paragraph), 1):
            sentence = Sentence(start, end, body,
                                [r for r in refs if start <= r.start and r.end <= end],
                                [f for f in figures if start <= f.start and f.end <= end],
                                source.id, number, index,
                                [r for r in inner if start <= r.start and r.end <= end])
            done.append(skeletons(sentence))
    lap("skeletons")
    return Draft(source, mentions, names, entities, figures, done, seconds)
