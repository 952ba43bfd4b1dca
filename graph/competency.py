"""Competency questions: each a question in English and Chinese, an answer written from the
text before the query was run, and the SPARQL that must return exactly that answer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, QueryBoolean, Store

from gongyun.graph.yamlfile import fields, load
from gongyun.namespaces import PREFIXES, RESOURCE, VOCAB, short_form, sparql_prefixes
from gongyun.paths import QUERIES_DIR

NUMERIC = {PREFIXES["xsd"] + d for d in ("integer", "decimal", "double", "float", "long", "int",
                                        "nonNegativeInteger")}


@dataclass(frozen=True)
class Question:
    id: str
    file: Path
    question_en: str
    question_zh: str
    cites: list[str]
    query: str
    expected: dict[str, Any]


def load_questions(root: Path = QUERIES_DIR) -> list[Question]:
    questions = []
    for path in sorted(root.rglob("*.yaml")):
        doc = fields(load(path))
        questions.append(Question(
            id=str(doc["id"]), file=path,
            question_en=doc["question"]["en"], question_zh=doc["question"]["zh"],
            cites=[str(c) for c in doc.get("cites") or []],
            query=str(doc["query"]), expected=fields(doc["expected"]),
        ))
    return questions


def normalise(value: Any) -> Any:
    """One comparable form for expected values and query results."""
    if isinstance(value, NamedNode):
        return short_form(value.value)
    if isinstance(value, Literal):
        if value.datatype.value in NUMERIC:
            return Decimal(value.value).normalize()
        if value.datatype.value == PREFIXES["xsd"] + "boolean":
            return value.value == "true"
        return value.value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value)).normalize()
    if isinstance(value, str):
        if value.startswith((VOCAB, RESOURCE)):
            return short_form(value)
        try:
            if value.strip() and value.strip().lstrip("-").replace(".", "", 1).isdigit():
                return Decimal(value).normalize()
        except InvalidOperation:
            pass
    return value


def run_question(store: Store, question: Question) -> tuple[Any, Any]:
    """(expected, actual) in comparable form."""
    result = store.query(sparql_prefixes() + question.query, use_default_graph_as_union=True)
    expected = question.expected
    if isinstance(result, QueryBoolean) or "boolean" in expected:
        return bool(expected.get("boolean")), bool(result)
    rows = [fields(r) if isinstance(r, dict) else r for r in expected.get("rows") or []]
    keys = sorted({k for r in rows for k in r})
    solutions = list(result)
    actual = [tuple(normalise(s[k]) if s[k] is not None else None for k in keys) for s in solutions]
    wanted = [tuple(normalise(r.get(k)) for k in keys) for r in rows]
    if not keys:  # an empty expected answer: compare the number of rows only
        return 0, len(solutions)
    if expected.get("ordered"):
        return wanted, actual
    return Counter(wanted), Counter(actual)
