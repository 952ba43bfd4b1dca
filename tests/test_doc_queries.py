"""Every example in the documentation runs as written: each ```sparql block through the real
service on 127.0.0.1 (over the built graph), answering with what its `# returns:` lines name;
each ```turtle block parses; each `curl` example against 127.0.0.1:8000 answers. A query-like
code span that is not a fenced ```sparql block fails the lint (so it cannot escape the run)."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, Store, parse

from gongyun.graph.build import BuildReport
from tests.reconcile.test_adcode_service import THEIRS as THEIR_RECORDS
from tests.reconcile.test_their_graph import THEIRS
from tests.serving import ServeProcess, start_serve

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", ROOT / "graph" / "ANNOTATING.md",
               ROOT / "ontology" / "INVENTORY.md", *(ROOT / "docs").rglob("*.md")])
# Tables of the requests a benchmark or a hostile-input test sends: records, not examples.
RECORDS = {ROOT / "docs" / "reliability.md", ROOT / "docs" / "performance.md"}
THEIR_GRAPH = "https://their.archive/graph"
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.S)
QUERY_START = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE)\b", re.I)


def blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m.group(1) == language:
                line = text[:m.start()].count("\n") + 1
                found.append((f"{path.relative_to(ROOT)}:{line}", m.group(2)))
    return found


SPARQL = blocks("sparql")
TURTLE = blocks("turtle")
CURL = [(where, line) for where, body in blocks("") + blocks("sh") + blocks("bash")
        for line in body.splitlines() if line.startswith("curl ") and "127.0.0.1:8000" in line]


@pytest.fixture(scope="module")
def server(built: BuildReport, tmp_path_factory: pytest.TempPathFactory) -> ServeProcess:
    root = tmp_path_factory.mktemp("doc-queries")
    theirs = root / "their.ttl"  # docs/integration.md joins another archive's graph with ours
    theirs.write_text(THEIRS + THEIR_RECORDS, encoding="utf-8")  # and their P442 records
    served = start_serve(["--store", str(root / "store"), "--data", str(built.nquads),
                          "--data", f"{theirs}={THEIR_GRAPH}", "--workers", "1",
                          "--log-level", "warning"], root / "serve.log", cwd=ROOT)
    yield served
    served.stop()


def test_the_documentation_has_examples_to_run() -> None:
    assert len(SPARQL) >= 8 and TURTLE and CURL


@pytest.mark.parametrize(("where", "query"), SPARQL, ids=[w for w, _ in SPARQL])
def test_sparql_example_runs_as_written(server: ServeProcess, where: str, query: str) -> None:
    if re.search(r"^# runs at: ", query, re.M):  # another endpoint's: it must at least parse
        Store().query(query)
        return
    expected = re.findall(r"^# returns: (.+)$", query, re.M)
    assert expected, f"{where}: say what the example returns (# returns: …)"
    response = httpx.post(server.url + "/sparql", data={"query": query},
                          headers={"Accept": "text/csv"}, timeout=60)
    assert response.status_code == 200, f"{where}: {response.text[:500]}"
    rows = response.text.strip().splitlines()
    assert len(rows) > 1, f"{where}: no answer"
    for words in expected:
        assert words in response.text, f"{where}: {words!r} not in {response.text[:1000]}"


@pytest.mark.parametrize(("where", "text"), TURTLE, ids=[w for w, _ in TURTLE])
def test_turtle_example_parses(where: str, text: str) -> None:
    assert list(parse(text.encode(), format=RdfFormat.TURTLE)), where


@pytest.mark.parametrize(("where", "command"), CURL, ids=[w for w, _ in CURL])
def test_curl_example_answers(server: ServeProcess, where: str, command: str) -> None:
    argv = shlex.split(command.replace("127.0.0.1:8000", f"127.0.0.1:{server.port}"),
                       comments=True)
    done = subprocess.run(argv, capture_output=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip(), f"{where}: {done.stderr[:300]!r}"


def test_no_query_hides_outside_a_sparql_block() -> None:
    """A query written as a code span, or in an unlabelled block, is not run: fence it."""
    loose = []
    for path in DOCS:
        if path in RECORDS:
            continue
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m.group(1) not in ("sparql", "") and QUERY_START.match(m.group(2)):
                loose.append(f"{path.relative_to(ROOT)}: ```{m.group(1)} {m.group(2)[:40]!r}")
        for span in re.findall(r"`([^`\n]+)`", FENCE.sub("", text)):
            if QUERY_START.match(span) and "{" in span:
                loose.append(f"{path.relative_to(ROOT)}: `{span[:60]}`")
    assert loose == []
