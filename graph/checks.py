"""Whole-graph build checks: SPARQL queries in shapes/checks/*.rq, each finding what must not
be in the graph (a row is a failure), and the lexical forms the query engine would rewrite.

A check file starts with comment lines: the first says what the check guards (it is the
message of a failure), the rest why. The checks run on every build (a failure is a build
error) and can be run on any dump, e.g. the graph before a fix, to show they catch it:

    python -m gongyun.graph.checks /path/to/gongyun.nq
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from gongyun.namespaces import PREFIXES, sparql_prefixes
from gongyun.paths import SHAPES_DIR

CHECKS_DIR = SHAPES_DIR / "checks"
XSD = PREFIXES["xsd"]
# Datatypes whose values the engine stores natively and writes back in canonical form.
CANONICALISED = {XSD + d for d in ("decimal", "integer", "nonNegativeInteger", "date",
                                   "boolean", "double", "float", "dateTime", "int", "long")}
_PROBE = NamedNode("urn:gongyun:check")


@dataclass(frozen=True)
class Check:
    name: str
    message: str
    query: str


def load_checks(root: Path = CHECKS_DIR) -> list[Check]:
    checks = []
    for path in sorted(root.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
        checks.append(Check(path.stem, comments[0] if comments else path.stem, text))
    return checks


def _cell(term: object) -> str:
    value = getattr(term, "value", term)
    text = str(value)
    return text.removeprefix("https://w3id.org/gongyun/resource/").removeprefix(
        "https://w3id.org/gongyun/ontology#")


def run_checks(store: Store, checks: list[Check] | None = None) -> dict[str, list[str]]:
    """Check name -> its failures (one line per row), for the checks that found any."""
    failures: dict[str, list[str]] = {}
    for check in load_checks() if checks is None else checks:
        rows = store.query(sparql_prefixes() + check.query, use_default_graph_as_union=True)
        lines = [" ".join(f"{v.value}={_cell(row[v])}" for v in rows.variables
                          if row[v] is not None) for row in rows]
        if lines:
            failures[check.name] = sorted(lines)
    return failures


def noncanonical_literals(quads: Iterable[Quad]) -> list[tuple[Literal, str]]:
    """Typed literals the engine would write differently ("70000.0" comes back as "70000"),
    with the form it writes: a dump must say what the endpoint says."""
    literals = sorted({q.object for q in quads if isinstance(q.object, Literal)
                       and q.object.datatype.value in CANONICALISED}, key=str)
    probe = Store()
    probe.extend(Quad(NamedNode(f"{_PROBE.value}:{i}"), _PROBE, literal)
                 for i, literal in enumerate(literals))
    stored = {int(q.subject.value.rsplit(":", 1)[1]): q.object for q in probe}
    return [(lit, stored[i].value) for i, lit in enumerate(literals)
            if stored[i].value != lit.value]


def check_quads(quads: list[Quad]) -> dict[str, list[str]]:
    """Every check on built quads (the build calls this)."""
    store = Store()
    store.extend(quads)
    failures = run_checks(store)
    rewritten = noncanonical_literals(quads)
    if rewritten:
        failures["canonical-literals"] = [f"{lit.value}^^{lit.datatype.value} is stored as "
                                          f"{form}" for lit, form in rewritten]
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="an N-Quads dump (e.g. build/dumps/gongyun.nq)")
    args = parser.parse_args(argv)
    with args.dump.open("rb") as handle:
        quads = list(parse(handle, format=RdfFormat.N_QUADS))
    failures = check_quads(quads)
    messages = {c.name: c.message for c in load_checks()}
    messages["canonical-literals"] = "typed literals are written in the engine's canonical form"
    for name in sorted(set(messages) | set(failures)):
        found = failures.get(name, [])
        print(f"{'FAIL' if found else 'ok  '} {name}: {len(found)} ({messages.get(name, '')})")
        for line in found[:10]:
            print(f"       {line}")
        if len(found) > 10:
            print(f"       ... and {len(found) - 10} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
