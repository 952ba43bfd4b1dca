"""`gongyun draft --evaluate`: leave one text out, draft it from what the other two texts know,
and score the draft against its curated annotation (definitions in docs/drafting.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongyun.graph.draft.gold import Gold, full_names
from gongyun.graph.draft.lexicon import Knowledge
from gongyun.normalise.chinese import fold
from gongyun.normalise.dates import parse_date
from gongyun.normalise.numbers import parse_quantity


@dataclass
class Score:
    """Recall = found / gold; precision = right / proposed."""

    gold: int = 0
    found: int = 0
    proposed: int = 0
    right: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.proposed += other.proposed
        self.right += other.right

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.right / self.proposed if self.proposed else None


# --- known-entity mentions ---------------------------------------------------------------------

def gold_mentions(gold: Gold, known: Knowledge, full: Knowledge) -> set[tuple[int, str]]:
    """(paragraph, entity): an entity the other texts know, which the curated annotation of the
    paragraph refers to, and whose name (any the curated graph gives it, or the form a claim
    writes) stands in the paragraph."""
    out = set()
    for paragraph, ids in gold.referenced.items():
        text = fold(gold.paragraph_text(paragraph))
        for entity_id in ids & set(known.entities):
            names = full_names(full, gold, entity_id)
            if any(len(n) >= 2 and fold(n) in text for n in names):
                out.add((paragraph, entity_id))
    return out


def score_mentions(gold: Gold, gold_pairs: set[tuple[int, str]],
                   proposed: Iterable[tuple[int, tuple[str, ...]]]) -> Score:
    """`proposed`: (paragraph, candidates) per draft mention of a known thing."""
    proposed = list(proposed)
    score = Score(gold=len(gold_pairs), proposed=len(proposed))
    covered: set[tuple[int, str]] = set()
    for paragraph, candidates in proposed:
        hit = [c for c in candidates if c in gold.referenced.get(paragraph, set())]
        if hit:
            score.right += 1
            covered.update((paragraph, c) for c in hit)
    score.found = len(gold_pairs & covered)
    return score


# --- figures and dates -------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldValue:
    paragraph: int
    start: int
    end: int
    words: str
    kind: str  # quantity | date
    reading: tuple


def quantity_reading(q) -> tuple:  # noqa: ANN001 - a ParsedQuantity
    return ("quantity", q.value, q.lower, q.upper, q.qualifier, q.unit)


def window_reading(w) -> tuple:  # noqa: ANN001 - a Window
    return ("date", w.earliest, w.latest, w.precision)


def _date_specs(data: dict) -> Iterable[tuple[str, str | None]]:
    if "date" in data:
        yield str(data["date"]), data.get("context")
    for key in ("as_of", "from", "until"):
        spec = data.get(key)
        if isinstance(spec, dict) and spec.get("date"):
            yield str(spec["date"]), spec.get("context")


def gold_values(gold: Gold) -> list[GoldValue]:
    """Every quantity and date words of the curated claims, located and read as the build reads
    them (the unit a curator supplies where the words carry none is not expected of a draft)."""
    seen: dict[tuple[int, str], GoldValue] = {}
    for gc in gold.claims:
        data = gc.claim.data
        items: list[tuple[str, str, tuple]] = []
        if "quantity" in data:
            words = str(data["quantity"])
            with contextlib.suppress(ValueError):
                items.append((words, "quantity", quantity_reading(parse_quantity(words))))
        for words, context in _date_specs(data):
            with contextlib.suppress(ValueError):
                items.append((words, "date", window_reading(parse_date(words, context))))
        for words, kind, reading in items:
            offset = gc.quote.find(words)
            if offset < 0:
                continue
            start = gc.start + offset
            seen.setdefault((start, words), GoldValue(gc.paragraph, start, start + len(words),
                                                      words, kind, reading))
    return list(seen.values())


def score_values(values: list[GoldValue], proposed: Iterable[tuple[int, int, tuple]]) -> Score:
    """`proposed`: (start, end, reading) of each draft figure or date that parsed."""
    proposed = list(proposed)
    score = Score(gold=len(values), proposed=len(proposed))
    for value in values:
        if any(a < value.end and value.start < b and reading == value.reading
               for a, b, reading in proposed):
            score.found += 1
    score.right = score.found
    return score


def evaluate_paths(graph_dir: Path) -> Path:
    return graph_dir
