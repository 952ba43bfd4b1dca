"""The evaluation's scoring, on a tiny hand-made gold: two texts, one held out, every count
worked out by hand."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gongyun.graph.annotations import Claim
from gongyun.graph.draft.evaluate import (
    Score,
    claim_matches,
    evaluate,
    score_mentions,
    score_values,
    table,
)
from gongyun.graph.draft.gold import Gold, GoldClaim
from gongyun.graph.draft.skeletons import Proposal
from gongyun.graph.sources import Source

OTHER = "太原工人支援山西省总工会。\n"
HELD_OUT = "1938年3月5日，山西省总工会在太原成立，会员2万余人。大同工人自卫队也成立了。\n"


def _source(ident: str, text: str) -> Source:
    return Source(ident, Path("x"), "", "zh-Hans", "t", "t", "", None, True, text, None)


def test_score_arithmetic():
    s = Score(gold=4, found=3, proposed=5, right=4)
    assert (s.recall, s.precision) == (0.75, 0.8)
    s.add(Score(gold=1, found=1, proposed=0, right=0))
    assert (s.gold, s.found, s.proposed, s.right) == (5, 4, 5, 4)
    assert Score().recall is None and Score().precision is None


def test_mentions_are_scored_per_paragraph_and_thing():
    gold = Gold(_source("101", "a\nb\n"))
    gold.referenced[1] = {"place/taiyuan", "org/x"}
    gold.referenced[2] = {"org/x"}
    pairs = {(1, "place/taiyuan"), (1, "org/x"), (2, "org/x")}
    proposed = [(1, ("place/taiyuan",)),            # right
                (1, ("place/taiyuan",)),            # right again (same pair, counted once found)
                (2, ("place/taiyuan",)),            # wrong: not referred to in paragraph 2
                (2, ("org/x", "org/y"))]            # ambiguous, the right one among candidates
    score = score_mentions(gold, pairs, proposed)
    assert (score.gold, score.found, score.proposed, score.right) == (3, 2, 4, 3)


def test_values_must_read_exactly_to_count():
    from gongyun.graph.draft.evaluate import GoldValue

    values = [GoldValue(1, 10, 15, "2万余人", "quantity", ("q", 1)),
              GoldValue(1, 20, 25, "9月", "date", ("d", 2))]
    proposed = [(9, 15, ("q", 1)),   # overlaps, same reading: found
                (20, 25, ("d", 3))]  # overlaps, another reading: not found
    score = score_values(values, proposed)
    assert (score.gold, score.found) == (2, 1)


def _gold_claim(data: dict, start: int = 0, end: int = 20) -> GoldClaim:
    return GoldClaim(Claim(data.get("id", "101-c0001"), data, Path("x"), 1), 1, start, end, "")


def _proposal(s: str, p: str, key: str, value: str, start: int = 0, end: int = 20,
              **extra: object) -> Proposal:
    return Proposal(s, p, key, value, "rule", "words", start, end, dict(extra), "founding")


def test_claims_match_on_predicate_object_and_subject():
    classes = {"event/x-founding": {"Founding"}, "org/x": {"Organization"}}
    founds = _gold_claim({"s": "event/x-founding", "p": "founds", "o": "org/x"})
    # A drafted event stands for the curated one when their sentences overlap.
    assert claim_matches(_proposal("event/101-p01-s01-founding-0", "founds", "o", "org/x"),
                         founds, {}, classes, "101")
    assert not claim_matches(_proposal("event/101-p01-s01-founding-0", "founds", "o", "org/x",
                                       start=30, end=40), founds, {}, classes, "101")
    assert not claim_matches(_proposal("event/101-p01-s01-founding-0", "founds", "o", "org/y"),
                             founds, {}, classes, "101")
    # A new thing the draft named counts when its name is the curated thing's.
    assert claim_matches(_proposal("event/101-p01-s01-founding-0", "founds", "o", "org/new"),
                         founds, {"org/new": {"org/x"}}, classes, "101")
    # A named subject must be the same thing.
    size = _gold_claim({"s": "org/x", "p": "size", "quantity": "2万余人"})
    assert claim_matches(_proposal("org/x", "size", "quantity", "2万余人"), size, {}, classes,
                         "101")
    assert claim_matches(_proposal("org/x", "size", "quantity", "20000余人"), size, {}, classes,
                         "101")  # the same reading in other words
    assert not claim_matches(_proposal("event/101-p01-s01-event", "size", "quantity", "2万余人"),
                             size, {}, classes, "101")
    listed = _gold_claim({"s": "event/x-founding", "p": "hasParticipant", "o": "org/x",
                          "position": 2})
    assert not claim_matches(_proposal("event/101-p01-s01-event", "hasParticipant", "o", "org/x",
                                       position=1), listed, {}, classes, "101")


@pytest.fixture
def tiny_graph(tmp_path: Path) -> Path:
    graph = tmp_path / "graph"
    for folder in ("corpus", "entities", "gazetteer", "vocab", "annotations/100",
                   "annotations/101"):
        (graph / folder).mkdir(parents=True)
    entries = []
    for ident, text in (("100", OTHER), ("101", HELD_OUT)):
        name = f"{ident}_test.txt"
        (graph / "corpus" / name).write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        entries.append(f"- {{id: '{ident}', file: {name}, sha256: {digest}, language: zh-Hans, "
                       f"title: {{zh: 测试, en: test}}, covers: test, complete: true}}\n")
    (graph / "sources.yaml").write_text("".join(entries), encoding="utf-8")
    (graph / "gazetteer" / "places.yaml").write_text(
        "- {id: place/taiyuan, zh: 太原, en: Taiyuan, pinyin: Tàiyuán, type: city}\n"
        "- {id: place/datong, zh: 大同, en: Datong, pinyin: Dàtóng, type: city}\n",
        encoding="utf-8")
    (graph / "annotations" / "100" / "p01.yaml").write_text("""\
source: '100'
paragraph: 1
curator: test
review: checked
entities:
- {id: org/shanxi-gtu, class: Organization, zh: 山西省总工会, en: Shanxi GTU, pinyin: x}
evidence:
- id: 100-e0001
  quote: 太原工人支援山西省总工会。
  claims:
  - {id: 100-c0001, s: org/shanxi-gtu, p: basedAt, o: place/taiyuan, as: 太原}
""", encoding="utf-8")
    (graph / "annotations" / "101" / "p01.yaml").write_text("""\
source: '101'
paragraph: 1
curator: test
review: checked
entities:
- {id: event/x-founding, class: Founding, zh: 山西省总工会成立, named: false}
- {id: event/y-founding, class: Founding, zh: 大同工人自卫队成立, named: false}
- {id: armed/datong-corps, class: ArmedUnit, zh: 大同工人自卫队, en: Datong corps, pinyin: x}
evidence:
- id: 101-e0001
  quote: 1938年3月5日，山西省总工会在太原成立，会员2万余人。
  claims:
  - {id: 101-c0001, s: event/x-founding, p: founds, o: org/shanxi-gtu, as: 山西省总工会}
  - {id: 101-c0002, s: event/x-founding, p: occurredWithin, date: 1938年3月5日}
  - {id: 101-c0003, s: event/x-founding, p: tookPlaceAt, o: place/taiyuan, as: 太原}
  - {id: 101-c0004, s: org/shanxi-gtu, p: size, quantity: 2万余人}
- id: 101-e0002
  quote: 大同工人自卫队也成立了。
  claims:
  - {id: 101-c0005, s: event/y-founding, p: founds, o: armed/datong-corps, as: 大同工人自卫队}
""", encoding="utf-8")
    return graph


def test_leave_one_out_on_a_tiny_hand_made_gold(tiny_graph: Path):
    held, total = evaluate(tiny_graph, ("101",))
    # Known to the other text: 山西省总工会 (declared there) and 太原 (its claims refer to it);
    # 大同 is not (no claim of 100 refers to it), so 大同工人自卫队 is new.
    m = held.mentions
    assert (m.gold, m.found, m.proposed, m.right) == (2, 2, 2, 2)
    # New: the corps (ArmedUnit, found with the right class). The draft also proposes the
    # place 大同 inside its name, which the curated claims do not refer to.
    n = held.new
    assert (n.gold, n.found, n.proposed, n.right) == (1, 1, 2, 1)
    assert (held.values.gold, held.values.found) == (2, 2)
    # The draft also proposes that the corps was founded in 大同, the place its name begins
    # with; the hand-made gold does not say so: one founding claim proposed is not right.
    f = held.kinds["founding"]
    assert (f.gold, f.found, f.proposed, f.right) == (4, 4, 5, 4)
    c = held.kinds["counts"]
    assert (c.gold, c.found, c.proposed, c.right) == (1, 1, 1, 1)
    assert (held.effort_claims.gold, held.effort_claims.found) == (5, 5)
    assert total.mentions.gold == 2
    rendered = table([held, total])
    assert "held out 101" in rendered and "100.0 % (2/2); P 100.0 % (2/2)" in rendered
