"""Coverage: every figure, date, title, quotation and name in a text lies inside some
evidence span, or is listed as deliberately not annotated, with a reason."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gongyun.graph.problems import Problems
from gongyun.graph.sources import Source
from gongyun.graph.yamlfile import line_of, load
from gongyun.normalise.scan import Span, scan_dates, scan_numbers, scan_quotes, scan_titles
from gongyun.paths import ANNOTATIONS_DIR


@dataclass
class ParagraphCoverage:
    items: int = 0
    covered: int = 0
    excused: int = 0

    @property
    def percent(self) -> float:
        return 100.0 if not self.items else 100.0 * (self.covered + self.excused) / self.items


@dataclass
class SourceCoverage:
    source: str
    paragraphs: dict[int, ParagraphCoverage] = field(default_factory=dict)
    uncovered: list[tuple[int, Span]] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(p.items for p in self.paragraphs.values())

    @property
    def percent(self) -> float:
        total = self.items
        done = sum(p.covered + p.excused for p in self.paragraphs.values())
        return 100.0 if not total else 100.0 * done / total


def name_spans(text: str, names: set[str]) -> list[Span]:
    """Every occurrence of every name; a name inside a longer found name is not separate."""
    spans: list[Span] = []
    for name in sorted(names, key=len, reverse=True):
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            if not any(s.start <= start and end <= s.end for s in spans):
                spans.append(Span(start, end, name, "name"))
            start = text.find(name, start + 1)
    return spans


def load_exclusions(source: str, problems: Problems,
                    root: Path = ANNOTATIONS_DIR) -> dict[tuple[int, str], str]:
    excused: dict[tuple[int, str], str] = {}
    for path in sorted((root / source).glob("not-annotated*.yaml")):
        for entry in load(path) or []:
            if not entry.get("reason"):
                problems.error(path, line_of(entry), "a not-annotated item needs a reason")
                continue
            excused[(int(entry["paragraph"]), str(entry["text"]))] = str(entry["reason"])
    return excused


def coverage(source: Source, evidence_spans: list[tuple[int, int]], names: set[str],
             problems: Problems) -> SourceCoverage:
    text = source.text
    items = (scan_numbers(text) + scan_dates(text) + scan_titles(text) + scan_quotes(text)
             + name_spans(text, names))
    excused = load_exclusions(source.id, problems)
    spans = sorted(evidence_spans)
    result = SourceCoverage(source.id)
    per_paragraph: dict[int, ParagraphCoverage] = defaultdict(ParagraphCoverage)
    for item in items:
        paragraph = source.paragraph_of(item.start)
        stats = per_paragraph[paragraph]
        stats.items += 1
        if any(s <= item.start and item.end <= e for s, e in spans):
            stats.covered += 1
        elif (paragraph, item.text) in excused:
            stats.excused += 1
        else:
            result.uncovered.append((paragraph, item))
    result.paragraphs = dict(sorted(per_paragraph.items()))
    return result
