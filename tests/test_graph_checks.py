"""The whole-graph build checks (shapes/checks/*.rq, canonical literals, place readings): the
built graph passes every one, and each fails on an excerpt of the graph as it was before the
fix it guards (tests/fixtures/checks/old-graph.nq: quads of the dump built from a7d13b3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from gongyun.graph.build import BuildReport
from gongyun.graph.graphchecks import check_quads, load_checks, main, noncanonical_literals

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
OLD_GRAPH = FIXTURES / "old-graph.nq"
# Checks that need a fixture of their own (the old graph had no reading kinds to get wrong).
OWN_FIXTURE = {"corrected-claim-deprecated": FIXTURES / "correction-not-deprecated.trig"}
ALL_CHECKS = sorted([c.name for c in load_checks()] + ["canonical-literals", "place-readings"])


def quads_of(path: Path) -> list[Quad]:
    fmt = RdfFormat.N_QUADS if path.suffix == ".nq" else RdfFormat.TRIG
    with path.open("rb") as handle:
        return list(parse(handle, format=fmt))


def test_the_built_graph_passes_every_check(built: BuildReport) -> None:
    assert check_quads(built.quads) == {}


def test_the_published_dump_passes_every_check(built: BuildReport, capsys) -> None:
    """What is written (provenance timestamps included) is what the endpoint returns."""
    assert main([str(built.nquads)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("name", ALL_CHECKS)
def test_each_check_fails_on_the_old_graph(name: str) -> None:
    failures = check_quads(quads_of(OWN_FIXTURE.get(name, OLD_GRAPH)))
    assert failures.get(name), f"{name} found nothing: {sorted(failures)}"


def test_the_old_graph_failures_name_what_the_issue_found() -> None:
    failures = check_quads(quads_of(OLD_GRAPH))
    joined = {name: "\n".join(lines) for name, lines in failures.items()}
    assert "000-c2754" in joined["corrected-claim-in-direct"]  # 105万余吨 in gyg:direct
    assert "quantity/001-c0650" in joined["vague-point-value"]  # 数百人 as 550
    assert "9999-12-31" in joined["open-window-sentinel"]  # 随后 ending in 9999
    assert "quantity/000-c2936" in joined["decimal-precision"]  # 近三分之一, 28 digits
    assert "pangjiabu" in joined["place-readings"]
    assert "org/shanxi-gtu" in joined["body-seat"]  # no seat, though its name says 山西省
    assert "org/liuhegou-coal-mine-union" in joined["workers-body-workplace"]
    assert "event/fall-of-xuzhou" in joined["relative-order"]  # 徐州失守后, no gy:after
    assert "001-c0122" in joined["counted-collections"]  # 28 of the 33, no subset link
    assert "battle-of-shanghai" in joined["event-dated-within"]  # startedWithin only
    assert "000-c2725" in joined["meaning-in-notes"]  # 大部分 only in a comment
    assert "002-c0341" in joined["meaning-in-notes"]  # per struggle only in a comment
    assert "000-c0319" in joined["meaning-in-notes"]  # 法币 only in a comment
    assert "001-longri-dock-workers" in joined["note-points-to-curation"]  # no such entry


def test_canonical_literals_are_the_engines_forms() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s = NamedNode("urn:s")
    quads = [Quad(s, s, Literal(v, datatype=NamedNode(xsd + t))) for v, t in
             [("70000.0", "decimal"), ("70000", "decimal"), ("+5", "integer"),
              ("2026-12-05T05:39:41+00:00", "dateTime"), ("1937-07-07", "date")]]
    found = {lit.value: form for lit, form in noncanonical_literals(quads)}
    assert found == {"70000.0": "70000", "+5": "5",
                     "2026-12-05T05:39:41+00:00": "2026-12-05T05:39:41Z"}
