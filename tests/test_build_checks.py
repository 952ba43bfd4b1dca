"""The build's checks fail when they should: coverage, values outside their quote, unknown
references, malformed ids. Each test feeds one curated mistake to the stage that must catch it."""

from __future__ import annotations

from pathlib import Path

from gongyun.graph import terms as t
from gongyun.graph.annotations import AnnotationSet, Claim, Evidence, read_annotation_file
from gongyun.graph.claims import claim_quads
from gongyun.graph.coverage import coverage
from gongyun.graph.entities import Declarations
from gongyun.graph.problems import Problems
from gongyun.graph.sources import Source

TEXT = "1937年9月18日，山西省总工会成立，康永和等11人当选为常务委员。太原有工厂33 家。"


def source(complete: bool = True) -> Source:
    return Source("001", Path("x.txt"), "0" * 64, "zh-Hans", "题", "title", "covers", None,
                  complete, TEXT, 1)


def test_coverage_reports_an_item_outside_every_quote():
    quote_end = TEXT.index("。") + 1
    result = coverage(source(), [(0, quote_end)], {"太原"}, Problems())
    uncovered = {item.text for _, item in result.uncovered}
    assert "33 家" in uncovered or "33" in {u.strip() for u in uncovered}
    assert "太原" in uncovered
    assert "1937年9月18日" not in uncovered


def test_coverage_is_complete_when_every_item_is_quoted():
    result = coverage(source(), [(0, len(TEXT))], {"太原"}, Problems())
    assert result.uncovered == [] and result.percent == 100.0


KNOWN = {"event/shanxi-gtu-founding", "org/shanxi-gtu", "gy:occurredWithin", "gy:size",
         "gy:founds"}


def evidence(claims: list[dict]) -> Evidence:
    built = [Claim(c["id"], c, Path("p01.yaml"), 5) for c in claims]
    return Evidence("001-e0001", "001", 1, TEXT[:TEXT.index("。") + 1], None, None, built,
                    Path("p01.yaml"), 3, "editors", "checked")


def run_claim(data: dict) -> list[str]:
    problems = Problems()
    ev = evidence([data])
    claim_quads(ev.claims[0], ev, problems, t.QuadSink(), KNOWN)
    return [str(p) for p in problems.errors]


def test_a_quantity_not_in_its_quote_fails():
    errors = run_claim({"id": "001-c0001", "s": "org/shanxi-gtu", "p": "size",
                        "quantity": "12人"})
    assert errors and "not in the quote" in errors[0] and "p01.yaml:5" in errors[0]


def test_a_date_not_in_its_quote_fails():
    errors = run_claim({"id": "001-c0001", "s": "event/shanxi-gtu-founding",
                        "p": "occurredWithin", "date": "1937年10月8日"})
    assert errors and "not in the quote" in errors[0]


def test_an_undeclared_object_fails():
    errors = run_claim({"id": "001-c0001", "s": "event/shanxi-gtu-founding", "p": "founds",
                        "o": "org/no-such-union"})
    assert errors and "not declared" in errors[0]


def test_a_predicate_outside_the_ontology_fails():
    errors = run_claim({"id": "001-c0001", "s": "org/shanxi-gtu", "p": "inventedProperty",
                        "text": "山西省总工会"})
    assert errors and "not a gy: property" in errors[0]


def test_a_good_claim_yields_its_direct_triple():
    problems, sink = Problems(), t.QuadSink()
    ev = evidence([{"id": "001-c0001", "s": "event/shanxi-gtu-founding",
                    "p": "occurredWithin", "date": "1937年9月18日"}])
    reading = claim_quads(ev.claims[0], ev, problems, sink, KNOWN)
    assert not problems.errors and reading is not None
    assert reading.object == t.res("time/001-c0001")
    earliest = [q.object.value for q in sink.quads if q.predicate == t.gy("earliest")]
    assert earliest == ["1937-09-18"]


def test_annotation_file_ids_must_match_their_source(tmp_path: Path):
    folder = tmp_path / "001"
    folder.mkdir()
    path = folder / "p01.yaml"
    path.write_text("source: '001'\nparagraph: 1\ncurator: x\nreview: checked\nevidence:\n"
                    "  - id: 002-e0001\n    quote: 山西省总工会成立\n    claims: []\n",
                    encoding="utf-8")
    problems = Problems()
    read_annotation_file(path, Declarations(), problems, AnnotationSet())
    assert any("must be 001-eNNNN" in str(p) and "p01.yaml:6" in str(p) for p in problems.errors)


def test_findings_on_minted_nodes_trace_back_to_their_claim():
    from gongyun.graph.validate import origin_key
    from gongyun.namespaces import RESOURCE

    for minted in ("claim/001-c0012", "quantity/001-c0012", "time/001-c0012",
                   "time/001-c0012-as-of", "time/001-c0012/begin"):
        assert origin_key(RESOURCE + minted) == "claim:001-c0012"
    assert origin_key(RESOURCE + "annotation/001-e0005/quote") == "evidence:001-e0005"
    assert origin_key(RESOURCE + "org/shanxi-gtu") == "id:org/shanxi-gtu"


def test_curies_expand_only_with_our_prefixes():
    from gongyun.namespaces import expand_curie

    assert expand_curie("gy:Place") == "https://w3id.org/gongyun/ontology#Place"
    assert expand_curie("org:memberOf") == "http://www.w3.org/ns/org#memberOf"
    assert expand_curie("org/shanxi-gtu") is None  # a local id, not a CURIE
    assert expand_curie("https://example.org/x") is None
    assert expand_curie("nope:x") is None and expand_curie("gy:") is None
