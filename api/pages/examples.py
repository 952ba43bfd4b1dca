"""The competency questions (graph/queries/*/*.yaml) as example queries for the editor: each
with its question in Chinese and English and a query that declares the prefixes it uses."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from gongyun.graph.competency import load_questions
from gongyun.namespaces import PREFIXES

_USED = re.compile(r"(?<![\w<])([A-Za-z][\w-]*):(?=[\w<(])")


def with_prefixes(query: str) -> str:
    """The query with a PREFIX line for each of our prefixes it uses and does not declare."""
    declared = set(re.findall(r"(?i)PREFIX\s+([\w-]*):", query))
    used = [p for p in dict.fromkeys(_USED.findall(query)) if p in PREFIXES
            and p not in declared]
    lines = [f"PREFIX {p}: <{PREFIXES[p]}>" for p in sorted(used)]
    return "\n".join(lines + [query.strip()]) + "\n"


@lru_cache(maxsize=1)
def examples() -> tuple[dict, ...]:
    return tuple({"id": q.id, "zh": q.question_zh, "en": q.question_en,
                  "query": with_prefixes(q.query)} for q in load_questions())


DEFAULT_QUERY = """PREFIX gy: <https://w3id.org/gongyun/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?org ?label WHERE {
  ?org a gy:Organization ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
} ORDER BY ?label LIMIT 20
"""


def by_id(ident: str | None) -> dict | None:
    return next((q for q in examples() if q["id"] == ident), None) if ident else None


def example_url(base: str, ident: str, lang: str) -> str:
    """The editor with this competency question loaded (and run)."""
    return f"{base}/sparql?lang={lang}&example={quote(ident, safe='')}"


def editor_url(base: str, query: str, lang: str) -> str:
    """The editor with this query in its URL (the fragment, as Yasgui keeps it)."""
    return f"{base}/sparql?lang={lang}#query={quote(query, safe='')}"
