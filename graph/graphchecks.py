"""Whole-graph build checks: SPARQL queries in shapes/checks/*.rq, each finding what must not
be in the graph (a row is a failure), and the lexical forms the query engine would rewrite.

A check file starts with comment lines: the first says what the check guards (it is the
message of a failure), the rest why. The checks run on every build (a failure is a build
error) and can be run on any dump, e.g. the graph before a fix, to show they catch it:

    python -m gongyun.graph.graphchecks /path/to/gongyun.nq
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from gongyun.namespaces import PREFIXES, sparql_prefixes
from gongyun.normalise.chinese import strip_tones
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


# Characters whose reading in a place name differs from their common one (堡: bǎo in general,
# bǔ in 吴堡 and 柴沟堡, pù in 十里堡). The reference is pypinyin's phrase dictionary, which
# records those readings (from the Xiandai Hanyu Cidian's list of place names); a name it does
# not list takes the general reading.
POLYPHONIC_PLACE_CHARACTERS = {"堡": ("bao", "bu", "pu")}


def _plain(text: str) -> str:
    toneless = strip_tones(text.lower().replace("ü", "v"), all_marks=True)
    return "".join(c for c in toneless if "a" <= c <= "z")


def place_reading_problems(quads: Iterable[Quad]) -> list[str]:
    """Names with a polyphonic place character (庞家堡): the pinyin label reads it as the
    reference does, and no IRI or English label spells it with another reading."""
    from pypinyin import Style, pinyin

    label, rdf_type = PREFIXES["rdfs"] + "label", PREFIXES["rdf"] + "type"
    names: dict[str, dict[str, str]] = {}
    retired: set[str] = set()  # a retired IRI keeps its old spelling: old links must answer
    for q in quads:
        if q.predicate.value == label and isinstance(q.object, Literal) and q.object.language:
            names.setdefault(q.subject.value, {})[q.object.language] = q.object.value
        elif q.predicate.value == rdf_type and q.object.value == PREFIXES["gy"] + "RetiredResource":
            retired.add(q.subject.value)
    for iri in retired:
        names.pop(iri, None)
    problems = []
    for char, readings in POLYPHONIC_PLACE_CHARACTERS.items():
        spelled: dict[str, str] = {}  # toneless place name -> its zh form
        for iri, labels in names.items():
            zh = labels.get("zh", "")
            if char not in zh:
                continue
            place = zh[:zh.index(char) + 1].split("（")[-1]
            reference = [s[0] for s in pinyin(place, style=Style.TONE)]
            spelled[_plain("".join(reference))] = place
            written = labels.get("zh-latn-pinyin")
            if written and _plain("".join(reference)) not in _plain(written):
                problems.append(f"{iri}: pinyin {written!r} does not read {place} as "
                                f"{''.join(reference)} (pypinyin)")
        for toneless, place in spelled.items():
            stem = toneless[: -len(_plain(pinyin(char, style=Style.TONE)[0][0]))]
            wrong = {stem + r for r in readings} - {toneless}
            for iri, labels in names.items():
                for text in (iri.rsplit("/", 1)[-1], labels.get("en", "")):
                    if any(w in _plain(text) for w in wrong):
                        problems.append(f"{iri}: {text!r} spells {place} with another reading "
                                        f"of {char} than {toneless}")
    return sorted(set(problems))


def check_quads(quads: list[Quad]) -> dict[str, list[str]]:
    """Every check on built quads (the build calls this)."""
    store = Store()
    store.extend(quads)
    failures = run_checks(store)
    readings = place_reading_problems(quads)
    if readings:
        failures["place-readings"] = readings
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
    messages["place-readings"] = "label, pinyin and IRI read a polyphonic place character alike"
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
