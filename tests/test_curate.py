"""The workbench without a browser: its changes to the files (accept, reject, entities, claims,
raw YAML, conflicts, undo, retirement of published ids), its token and same-origin checks
through the real HTTP service, and its atomic writes under a killed process."""

from __future__ import annotations

import difflib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
import yaml

from gongyun.curate.edits import Conflict, NeedsClaim, Refused, Workbench
from gongyun.curate.guard import new_token
from gongyun.curate.model import file_version, read_source
from tests.curate_support import SOURCE, copy_graph, drafted_graph, find, start_workbench
from tests.curate_support import read_yaml as doc


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return drafted_graph(tmp_path_factory.mktemp("curate-template"))


@pytest.fixture
def graph(template, tmp_path) -> Path:
    return copy_graph(template, tmp_path)


def p(graph: Path, n: int, source: str = SOURCE) -> Path:
    return graph / "annotations" / source / f"p{n:02d}.yaml"


def test_the_page_model_places_every_proposal_on_its_words(graph):
    source, paragraphs = read_source(graph, SOURCE)
    p2 = paragraphs[1]
    assert p2.review == "draft" and p2.errors == []
    where = {i.id: p2.text[i.start:i.end] for i in p2.items if i.start is not None}
    assert where["003-c002002"] == "1938年4月"
    assert where["003-m002003"] == "汉口"
    assert where["ent/hanyang-binggongchang"] == "汉阳兵工厂"
    assert where["003-e002002"] == "次日，后援会召开大会，2000余人参加。"
    assert p2.proposals > 10
    assert "".join(s.text for s in p2.segments()) == p2.text


def test_accepting_keeps_the_files_comments_and_everything_else(graph):
    path = p(graph, 2)
    before = path.read_text(encoding="utf-8")
    bench = Workbench(graph)
    bench.accept(SOURCE, 2, file_version(path), "003-c002002")
    after = path.read_text(encoding="utf-8")
    assert "reason" not in find(doc(path), "003-c002002")
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert [d[2:] for d in diff if d.startswith("+ ")] == []
    assert [d[2:].strip() for d in diff if d.startswith("- ")] == [
        "reason:", "rule: 'skeleton/founding: 成立了X'", "matched: 1938年4月"]
    assert after.startswith("# Drafted by `gongyun draft`")
    bench.undo()
    assert path.read_text(encoding="utf-8") == before


def test_accepting_a_mention_becomes_the_as_of_a_claim_or_asks_for_one(graph):
    path = p(graph, 2)
    bench = Workbench(graph)
    bench.accept(SOURCE, 2, file_version(path), "003-m002003")  # 汉口: claim c002003 names it
    assert find(doc(path), "003-m002003") is None
    with pytest.raises(NeedsClaim) as needs:  # 汉阳: no claim names place/hanyang yet
        bench.accept(SOURCE, 2, file_version(path), "003-m002001")
    assert needs.value.prefill == {"evidence": "003-e002001", "from": "003-m002001",
                                   "o": "place/hanyang", "as": "汉阳", "candidates": []}
    assert find(doc(path), "003-m002001") is not None  # nothing written


def test_a_named_entity_needs_its_english_name_before_it_is_accepted(graph):
    path = p(graph, 2)
    bench = Workbench(graph)
    with pytest.raises(Refused, match="English name"):
        bench.accept(SOURCE, 2, file_version(path), "ent/hanyang-binggongchang")
    bench.save_entity(SOURCE, 2, file_version(path),
                      {"class": "Enterprise", "zh": "汉阳兵工厂", "pinyin": "Hànyáng Bīnggōngchǎng",
                       "en": "Hanyang Arsenal"}, "ent/hanyang-binggongchang")
    entity = find(doc(path), "ent/hanyang-binggongchang")
    assert entity == {"id": "ent/hanyang-binggongchang", "class": "Enterprise", "zh": "汉阳兵工厂",
                      "pinyin": "Hànyáng Bīnggōngchǎng", "en": "Hanyang Arsenal"}


def test_a_new_entity_and_a_claim_on_a_new_evidence(graph):
    path = p(graph, 4)
    bench = Workbench(graph)
    ident = bench.save_entity(SOURCE, 4, file_version(path), {
        "class": "MilitaryAction", "zh": "在苏南开展游击战争", "named": False,
        "en": "guerrilla warfare in southern Jiangsu (1939)"})
    assert ident == "event/003-guerrilla-warfare-in-southern-jiangsu-1939"
    claim = bench.save_claim(SOURCE, 4, file_version(path),
                             {"s": ident, "p": "tookPlaceAt", "o": "place/sunan", "as": "苏南"},
                             quote="在苏南开展游击战争")
    data = doc(path)
    assert claim == "003-c0001"
    new_evidence = data["evidence"][-1]
    assert new_evidence == {"id": "003-e0001", "quote": "在苏南开展游击战争", "claims": [
        {"id": "003-c0001", "s": ident, "p": "tookPlaceAt", "o": "place/sunan", "as": "苏南"}]}
    with pytest.raises(Refused, match="exactly one value"):
        bench.save_claim(SOURCE, 4, file_version(path),
                         {"s": ident, "p": "tookPlaceAt", "o": "place/sunan", "text": "x"},
                         evidence="003-e0001")


def test_rejecting_an_entity_takes_what_names_it_and_empty_evidence_along(graph):
    path = p(graph, 4)
    bench = Workbench(graph)
    removed = bench.reject(SOURCE, 4, file_version(path), "event/003-p04-s01-enlistment-11")
    assert removed == ["event/003-p04-s01-enlistment-11", "003-c004001"]
    data = doc(path)
    assert "entities" not in data or not data["entities"]
    assert [m["id"] for m in data["evidence"][0]["mentions"]] == ["003-m004001", "003-m004002"]


@pytest.mark.parametrize(("text", "reason"), [
    ("source: '003'\nparagraph: 2\nevidence:\n - id: x\n  quote: [\n", r"does not parse \(line"),
    ("source: '003'\nparagraph: 3\nreview: draft\n", "paragraph: 2"),
    ("source: '003'\nparagraph: 2\nreview: draft\nevidence:\n- id: 003-e0001\n"
     "  quote: 1938年5月，汉阳兵工厂的工人\n  claims: []\n", "is not in the text of paragraph 2"),
])
def test_a_save_that_would_break_the_file_is_refused_and_changes_nothing(graph, text, reason):
    path = p(graph, 2)
    before = path.read_bytes()
    with pytest.raises(Refused, match=reason):
        Workbench(graph).save_raw(SOURCE, 2, file_version(path), text)
    assert path.read_bytes() == before


def test_a_change_on_an_old_version_is_a_conflict_with_both_versions(graph):
    path = p(graph, 2)
    one, two = Workbench(graph), Workbench(graph)  # two tabs, two curators
    seen = one.remember(path)
    two.remember(path)
    two.accept(SOURCE, 2, seen, "003-c002001")
    saved = path.read_text(encoding="utf-8")
    with pytest.raises(Conflict) as conflict:
        one.accept(SOURCE, 2, seen, "003-c002002")
    assert path.read_text(encoding="utf-8") == saved  # never a silent overwrite
    assert conflict.value.theirs == saved
    assert "reason" not in find(yaml.safe_load(conflict.value.mine), "003-c002002")
    assert "reason" in find(yaml.safe_load(conflict.value.mine), "003-c002001")
    assert conflict.value.theirs_version == file_version(path)


def test_undo_is_refused_when_the_file_changed_since(graph):
    path = p(graph, 2)
    bench = Workbench(graph)
    bench.accept(SOURCE, 2, file_version(path), "003-c002002")
    path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(Conflict):
        bench.undo()
    assert path.read_text(encoding="utf-8").endswith("# edited elsewhere\n")


def test_deleting_a_published_claim_records_its_retirement(graph):
    """Claim 002-c0904 was published in release 1.0.0: deleting it needs a reason, which goes
    to graph/curation/retired.yaml with the deletion (and is undone with it)."""
    path = graph / "annotations" / "002" / "p11.yaml"
    retired = graph / "curation" / "retired.yaml"
    before = retired.read_text(encoding="utf-8") if retired.exists() else None
    bench = Workbench(graph)
    with pytest.raises(Refused, match="published in release 1.0.0"):
        bench.reject("002", 11, file_version(path), "002-c0904")
    bench.reject("002", 11, file_version(path), "002-c0904", reason="not a claim of the text")
    records = yaml.safe_load(retired.read_text(encoding="utf-8"))
    assert {"id": "claim/002-c0904", "replaced_by": [], "kind": "deleted",
            "reason": "not a claim of the text"}.items() <= records[-1].items()
    assert "002-c0904" not in path.read_text(encoding="utf-8")
    bench.undo()
    assert (retired.read_text(encoding="utf-8") if retired.exists() else None) == before
    assert "002-c0904" in path.read_text(encoding="utf-8")


def test_a_paragraph_with_proposals_left_cannot_be_set_checked(graph):
    path = p(graph, 4)
    with pytest.raises(Refused, match="proposals are left"):
        Workbench(graph).set_review(SOURCE, 4, file_version(path), "checked")


def test_disagreements_and_readings_go_to_the_sources_curation_file(graph):
    bench = Workbench(graph)
    ident = bench.attach(SOURCE, "disagreement", {
        "claims": ["003-c002004", "003-c002005"], "type": "PossiblyDifferentReferent",
        "rationale": "600 members, 2000 at the meeting",
        "rationale_zh": "会员600余人，参加大会2000余人"})
    reading = bench.attach(SOURCE, "reading", {
        "reading_of": "003-c002004", "s": "org/hanyang-binggongchang-gongren-kangdi-houyuanhui",
        "p": "size", "quantity": "600余人", "rationale": "as written"})
    data = doc(graph / "curation" / f"{SOURCE}.yaml")
    assert (ident, reading) == ("003-d001", "003-r001")
    assert data["disagreements"][0]["claims"] == ["003-c002004", "003-c002005"]
    assert data["readings"][0]["reading_of"] == "003-c002004"


# --- the HTTP service: token and same-origin checks -----------------------------------------


@pytest.fixture(scope="module")
def server(template, tmp_path_factory):
    root = tmp_path_factory.mktemp("curate-http")
    bench = start_workbench(copy_graph(template, root), root)
    yield bench
    bench.stop()


def test_every_request_needs_the_token(server):
    assert httpx.get(server.url()).status_code == 200
    assert httpx.get(server.url(f"source/{SOURCE}")).status_code == 200
    for url in (f"{server.base}/", f"{server.base}/source/{SOURCE}",
                f"{server.base}/static/workbench.js", f"{server.base}/api/source/003/status",
                f"{server.base}/?token={new_token()}"):
        answer = httpx.get(url)
        assert answer.status_code == 403 and "token" in answer.json()["message"], url
    headers = {"X-Gongyun-Token": server.token}
    assert httpx.get(f"{server.base}/api/source/003/status", headers=headers).status_code == 200


def test_a_change_must_come_from_the_workbench_s_own_origin(server):
    path = server.file(2)
    before = path.read_bytes()
    url = f"{server.base}/api/source/{SOURCE}/paragraph/2/accept"
    body = {"id": "003-c002002", "version": file_version(path)}
    token = {"X-Gongyun-Token": server.token}
    for headers in ({**token, "Origin": "http://evil.example"},
                    {**token, "Origin": "http://127.0.0.1:1"},
                    token,  # no Origin and no Sec-Fetch-Site
                    {**token, "Sec-Fetch-Site": "cross-site"},
                    {"Origin": server.origin}):  # right origin, no token
        answer = httpx.post(url, json=body, headers=headers)
        assert answer.status_code == 403, headers
    assert path.read_bytes() == before
    rebound = httpx.get(f"{server.base}/?token={server.token}",
                        headers={"Host": f"attacker.example:{server.port}"})
    assert rebound.status_code == 403  # a DNS name rebound to 127.0.0.1
    answer = httpx.post(url, json=body, headers={**token, "Origin": server.origin})
    assert answer.status_code == 200 and answer.json()["ok"]
    assert "reason" not in find(doc(path), "003-c002002")


def test_it_listens_on_the_loopback_address_only(server):
    out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True, check=False).stdout
    lines = [line for line in out.splitlines() if f":{server.port} " in line]
    if not lines:
        pytest.skip("ss shows no listening sockets here")
    assert all("127.0.0.1:" in line for line in lines), lines


# --- atomic writes under a killed process ---------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from gongyun.curate.edits import Workbench
    from gongyun.curate.model import file_version
    graph, source = Path(sys.argv[1]), sys.argv[2]
    path = graph / "annotations" / source / "p02.yaml"
    bench = Workbench(graph)
    print("ready", flush=True)
    while True:
        bench.accept(source, 2, file_version(path), "003-c002001")
        bench.undo()
""")


def test_a_save_killed_at_any_moment_leaves_the_old_file_or_the_new_one(graph):
    """A workbench process killed (SIGKILL) while it writes, again and again: the file is
    always one of the two versions it alternates between, whole, and parses."""
    path = p(graph, 2)
    original = path.read_text(encoding="utf-8")
    bench = Workbench(graph)
    bench.accept(SOURCE, 2, file_version(path), "003-c002001")
    accepted = path.read_text(encoding="utf-8")
    bench.undo()
    rng = random.Random(16)
    for _ in range(12):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(graph), SOURCE],
                                   stdout=subprocess.PIPE, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = path.read_text(encoding="utf-8")
        assert now in (original, accepted)
        yaml.safe_load(now)
        path.write_text(original, encoding="utf-8")
    leftovers = [f.name for f in path.parent.iterdir() if f.name.startswith(".p02.yaml.")]
    assert all(name.endswith(".tmp") for name in leftovers)  # never read as an annotation


def test_a_finding_is_placed_beside_the_item_it_names(graph):
    """A SHACL finding of a failed check names a claim by its IRI (no file:line): it is shown
    with that claim and its sentence, our IRIs written short."""
    from gongyun.curate.views import findings

    _, paragraphs = read_source(graph, SOURCE)
    message = ("SHACL: <https://w3id.org/gongyun/ontology#Claim> Claim https://w3id.org/gongyun/"
               "resource/claim/003-c002003: its object https://w3id.org/gongyun/resource/place/"
               "hankou is not a https://w3id.org/gongyun/ontology#Agent.")
    found = findings({"problems": [{"file": None, "line": None, "severity": "error",
                                    "message": message}]}, SOURCE, paragraphs)
    assert found["general"] == []
    [finding] = found["paragraphs"][2]
    assert finding["item"] == "003-c002003" and finding["evidence"] == "003-e002001"
    assert finding["message"] == ("SHACL: gy:Claim Claim claim/003-c002003: its object "
                                  "place/hankou is not a gy:Agent.")


def test_a_drafted_place_accepted_goes_to_the_gazetteer(graph):
    path = p(graph, 3)
    bench = Workbench(graph)
    text = path.read_text(encoding="utf-8")
    at = text.index("entities:\n") + len("entities:\n")
    indent = " " * (len(text[at:]) - len(text[at:].lstrip(" ")))  # the file's own layout
    entry = ["- id: place/hanyang-arsenal-yard", "  class: Place", "  zh: 兵工厂",
             "  reason:", "    rule: new-name/Place", "    matched: 厂"]
    text = text[:at] + "".join(f"{indent}{line}\n" for line in entry) + text[at:]
    bench.save_raw(SOURCE, 3, file_version(path), text)
    with pytest.raises(Refused, match="English name"):
        bench.place_to_gazetteer(SOURCE, 3, file_version(path), "place/hanyang-arsenal-yard",
                                 "town")
    bench.save_entity(SOURCE, 3, file_version(path),
                      {"class": "Place", "zh": "兵工厂", "en": "the arsenal's yard"},
                      "place/hanyang-arsenal-yard")
    gazetteer = graph / "gazetteer" / "places.yaml"
    head = gazetteer.read_text(encoding="utf-8").splitlines()[:5]
    bench.place_to_gazetteer(SOURCE, 3, file_version(path), "place/hanyang-arsenal-yard",
                             "concept/place-type/town")
    places = doc(gazetteer)
    assert places[-1] == {"id": "place/hanyang-arsenal-yard", "zh": "兵工厂",
                          "en": "the arsenal's yard", "type": "town"}
    assert gazetteer.read_text(encoding="utf-8").splitlines()[:5] == head  # comments kept
    assert find(doc(path), "place/hanyang-arsenal-yard") is None


def test_checked_paragraphs_and_a_complete_source(graph):
    """A paragraph without a file counts as checked when it has nothing to annotate; the
    source is marked complete in sources.yaml, its comments and other entries unchanged."""
    from gongyun.curate.builds import BuildState
    from gongyun.curate.views import summary

    _, paragraphs = read_source(graph, SOURCE)
    state = BuildState(result={"ok": True, "problems": [], "coverage": {
        "percent": 93.75, "paragraphs": {"1": {"uncovered": [
            {"kind": "quote", "text": "新增文本", "start": 10, "end": 14}]}}}})
    info = summary(SOURCE, paragraphs, state)
    assert info["paragraphs"] == 4 and info["checked"] == []  # p01 has a gap, p02-p04 drafts
    assert info["uncovered"][1] == [{"kind": "quote", "text": "新增文本", "start": 10, "end": 14}]
    state.result["coverage"]["paragraphs"] = {}
    assert summary(SOURCE, paragraphs, state)["checked"] == [1]
    sources = graph / "sources.yaml"
    before = sources.read_text(encoding="utf-8")
    assert Workbench(graph).mark_complete(SOURCE)
    entries = {str(e["id"]): e for e in doc(sources)}
    assert entries[SOURCE]["complete"] is True
    changed = [line for line in difflib.ndiff(before.splitlines(),
                                              sources.read_text(encoding="utf-8").splitlines())
               if line.startswith(("- ", "+ "))]
    assert [" ".join(c.split()) for c in changed] == ["- complete: false", "+ complete: true"]
