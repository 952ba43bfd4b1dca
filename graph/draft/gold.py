"""The curated annotation of one text, read as the gold standard the draft is scored against:
its evidence located in the text, its claims, its entities, and the names each entity is known
by in the whole curated graph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gongyun.graph.annotations import AnnotationSet, Claim, read_annotation_file
from gongyun.graph.draft.lexicon import Knowledge, _referenced_ids, curated_files
from gongyun.graph.entities import Declarations, Entity
from gongyun.graph.evidence import QuoteError, locate_in
from gongyun.graph.problems import Problems
from gongyun.graph.sources import Source


@dataclass(frozen=True)
class GoldClaim:
    claim: Claim
    paragraph: int
    start: int  # the evidence quote's offsets in the text
    end: int
    quote: str


@dataclass
class Gold:
    source: Source
    claims: list[GoldClaim] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # declared in this text's files
    referenced: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    as_written: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def paragraph_text(self, number: int) -> str:
        return self.source.paragraphs[number - 1]


def load_gold(source: Source, graph_dir: Path) -> Gold:
    decl, annotations, problems = Declarations(), AnnotationSet(), Problems()
    for path in curated_files(graph_dir, {source.id}):
        read_annotation_file(path, decl, problems, annotations)
    gold = Gold(source, entities=dict(decl.entities))
    for ev in annotations.evidence:
        try:
            located = locate_in(source, ev.paragraph, ev.quote, ev.prefix, ev.suffix)
        except QuoteError:
            continue
        for claim in ev.claims:
            gold.claims.append(GoldClaim(claim, ev.paragraph, located.start, located.end,
                                         ev.quote))
            gold.referenced[ev.paragraph].update(_referenced_ids(claim.data))
            if "o" in claim.data and claim.data.get("as"):
                gold.as_written[str(claim.data["o"])].add(str(claim.data["as"]))
    return gold


def full_names(knowledge: Knowledge, gold: Gold, entity_id: str) -> set[str]:
    """Every name the curated graph gives a thing, and the forms this text's claims write."""
    names = {n for n, _ in knowledge.names.get(entity_id, [])}
    entity = gold.entities.get(entity_id)
    if entity is not None:
        names |= {entity.zh, *entity.aliases}
    return {n.strip("“”《》") for n in names | gold.as_written.get(entity_id, set()) if n}
