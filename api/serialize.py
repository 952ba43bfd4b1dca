"""Writers for SPARQL results, run inside the query workers, that count rows as they write and
stop at the row limit with an explicit truncation note in the body.

The note, per format (documented in docs/service.md):
- SPARQL JSON: a top-level member `"truncated": {"limit": N}` (clients ignore unknown members);
- SPARQL XML, RDF/XML: a comment `<!-- Gongyun-Truncated: limit=N -->` before the closing tag;
- CSV, TSV: a last line `# Gongyun-Truncated: limit=N`;
- Turtle, N-Triples, TriG, N-Quads: a first comment line `# Gongyun-Truncated: limit=N`;
- JSON-LD: an object `{"@graph": [...], "truncated": {"limit": N}}` (`truncated` is no term, so
  JSON-LD processors drop it).
The HTTP layer adds the header `Gongyun-Truncated: true; limit=N` to the same responses.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring as _json_string  # C, ensure_ascii=False
from operator import itemgetter
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from gongyun.api.negotiation import rdf_format
from gongyun.namespaces import prefixed

XSD_STRING = prefixed("xsd", "string")
RDF_LANG_STRING = prefixed("rdf", "langString")



@dataclass(frozen=True)
class Written:
    body: bytes
    rows: int
    truncated: bool


def note(limit: int) -> str:
    return f"Gongyun-Truncated: limit={limit}"


def _capped(items: Iterable, limit: int) -> tuple[list, bool]:
    out = []
    for item in items:
        if len(out) == limit:
            return out, True
        out.append(item)
    return out, False


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return ("<triple>" + "".join(
            f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object")
        ) + "</triple>")
    raise TypeError(f"unexpected term {term!r}")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _json_fragment(term) -> str:
    """`term` as SPARQL JSON, the text json.dumps(_json_term(term)) gives without its spaces."""
    kind = type(term)
    if kind is ox.NamedNode:
        return '{"type":"uri","value":' + _json_string(term.value) + "}"
    if kind is ox.Literal:
        value = _json_string(term.value)
        language = term.language
        if language:
            return ('{"type":"literal","value":' + value + ',"xml:lang":'
                    + _json_string(language) + "}")
        datatype = term.datatype.value
        if datatype != XSD_STRING:
            return ('{"type":"literal","value":' + value + ',"datatype":'
                    + _json_string(datatype) + "}")
        return '{"type":"literal","value":' + value + "}"
    return json.dumps(_json_term(term), ensure_ascii=False, separators=(",", ":"))


def _write_select_json(solutions, variables: list[str], limit: int) -> Written:
    """SPARQL JSON written as text: each distinct term of the answer is encoded once (an answer
    repeats its IRIs and labels from row to row) and each row is one join, two to three times
    faster than a dict per term through json.dumps (docs/performance.md). Same JSON as
    json.dumps(..., separators=(",", ":")) of those dicts."""
    position = {v.value: i for i, v in enumerate(solutions.variables)}
    columns = [position[v] for v in variables]
    keys = [_json_string(v) + ":" for v in variables]
    as_engine_orders = columns == list(range(len(columns)))
    encoded: dict = {}  # term -> its JSON
    rows: list[str] = []
    truncated = False
    for solution in solutions:
        if len(rows) == limit:
            truncated = True
            break
        terms = tuple(solution) if as_engine_orders else [solution[i] for i in columns]
        fields = []
        for key, term in zip(keys, terms, strict=True):
            if term is not None:
                text = encoded.get(term)
                if text is None:
                    text = encoded[term] = _json_fragment(term)
                fields.append(key + text)
        rows.append("{" + ",".join(fields) + "}")
    head = json.dumps(variables, ensure_ascii=False, separators=(",", ":"))
    note_member = f',"truncated":{{"limit":{limit}}}' if truncated else ""
    body = ('{"head":{"vars":' + head + '},"results":{"bindings":[' + ",".join(rows) + "]}"
            + note_member + "}")
    return Written(body.encode(), len(rows), truncated)


def write_select(solutions, media_type: str, limit: int,
                 order: tuple[str, ...] = ()) -> Written:
    """`order`: the columns' order when the engine's differs from the query's (`SELECT *`)."""
    variables = [v.value for v in solutions.variables]
    if order:
        rank = {name: i for i, name in enumerate(order)}
        variables.sort(key=lambda v: rank.get(v, len(rank)))
    if media_type == "application/sparql-results+json":
        return _write_select_json(solutions, variables, limit)
    rows, truncated = _capped(solutions, limit)
    if media_type == "application/sparql-results+xml":
        parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            for v in variables:
                term = row[v]
                if term is not None:
                    parts.append(f"<binding name={quoteattr(v)}>{_xml_term(term)}</binding>")
            parts.append("</result>\n")
        parts.append("</results>")
        if truncated:
            parts.append(f"<!-- {note(limit)} -->")
        parts.append("</sparql>\n")
        body = "".join(parts).encode()
    elif media_type == "text/csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_value(row[v]) for v in variables])
        if truncated:
            buf.write(f"# {note(limit)}\r\n")
        body = buf.getvalue().encode()
    elif media_type == "text/tab-separated-values":
        lines = ["\t".join(f"?{v}" for v in variables)]
        for row in rows:
            lines.append("\t".join("" if row[v] is None else str(row[v]) for v in variables))
        if truncated:
            lines.append(f"# {note(limit)}")
        body = ("\n".join(lines) + "\n").encode()
    else:
        raise ValueError(f"no SELECT writer for {media_type}")
    return Written(body, len(rows), truncated)


def write_ask(value: bool, media_type: str) -> Written:
    if media_type == "application/sparql-results+json":
        body = json.dumps({"head": {}, "boolean": value}).encode()
    elif media_type == "application/sparql-results+xml":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/'
                f'sparql-results#"><head/><boolean>{str(value).lower()}</boolean></sparql>\n'
                ).encode()
    elif media_type == "text/csv":
        body = f"_askResult\r\n{str(value).lower()}\r\n".encode()
    elif media_type == "text/tab-separated-values":
        body = f"?_askResult\n{str(value).lower()}\n".encode()
    else:
        raise ValueError(f"no ASK writer for {media_type}")
    return Written(body, 1, False)


def write_graph(triples: Iterable, media_type: str, limit: int,
                prefixes: dict[str, str] | None = None) -> Written:
    """At most `limit` triples, serialised by pyoxigraph straight from the query's iterator (no
    list of every triple, no Python pass over them to find the prefixes), and one more triple
    asked for to know whether the answer was cut."""
    fmt = rdf_format(media_type)
    source = iter(triples)
    counter = itertools.count()
    # zip takes from islice first: when islice is done, counter has counted exactly the triples
    capped = map(itemgetter(0), zip(itertools.islice(source, limit), counter, strict=False))
    kwargs = {}
    turtle = prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
    if turtle:
        kwargs["prefixes"] = {p: ns for p, ns in prefixes.items() if p != "gyr"}
    body = ox.serialize(capped, format=fmt, **kwargs)
    if turtle:
        body = _drop_unused_prefixes(body, kwargs["prefixes"])
    rows = next(counter)
    truncated = rows == limit and next(source, None) is not None
    return Written(_with_note(body, fmt, limit) if truncated else body, rows, truncated)


def _drop_unused_prefixes(body: bytes, prefixes: dict[str, str]) -> bytes:
    """Only the declarations the triples use, so a small answer is not buried in them. A
    prefix counts as used when `p:` occurs anywhere after the declarations: a literal that
    happens to contain it keeps one declaration too many, never one too few."""
    declared = {f"@prefix {p}: <{ns}> .".encode(): f"{p}:".encode()
                for p, ns in prefixes.items()}
    lines = body.split(b"\n", len(declared))
    head = []
    while lines and lines[0] in declared and len(head) < len(declared):
        head.append(lines.pop(0))
    rest = b"\n".join(lines)
    return b"".join(line + b"\n" for line in head if declared[line] in rest) + rest


def _as_quads(triples: list) -> Iterator:
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())


def serialize_triples(triples: list, media_type: str, prefixes: dict[str, str] | None = None,
                      truncated_at: int | None = None) -> bytes:
    """Triples in `media_type`; with a truncation note when `truncated_at` is set."""
    fmt = rdf_format(media_type)
    data = _as_quads(triples) if fmt.supports_datasets else triples
    kwargs = {}
    if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        kwargs["prefixes"] = used_prefixes(triples, prefixes)
    body = ox.serialize(data, format=fmt, **kwargs)
    return body if truncated_at is None else _with_note(body, fmt, truncated_at)


def _with_note(body: bytes, fmt: ox.RdfFormat, truncated_at: int) -> bytes:
    text = note(truncated_at)
    if fmt == ox.RdfFormat.JSON_LD:
        return json.dumps({"@graph": json.loads(body), "truncated": {"limit": truncated_at}},
                          ensure_ascii=False).encode()
    if fmt == ox.RdfFormat.RDF_XML:
        head, sep, tail = body.rpartition(b"</rdf:RDF>")
        return head + f"<!-- {text} -->\n".encode() + sep + tail
    return f"# {text}\n".encode() + body


def _iris(term) -> Iterator[str]:
    if isinstance(term, ox.NamedNode):
        yield term.value
    elif isinstance(term, ox.Literal):
        yield term.datatype.value
    elif isinstance(term, ox.Triple):
        for part in (term.subject, term.predicate, term.object):
            yield from _iris(part)


def used_prefixes(triples: list, prefixes: dict[str, str]) -> dict[str, str]:
    """Only the prefixes the triples use, so a small answer is not buried in declarations.
    Resource IRIs stay whole: `gyr:org\\/x` is valid Turtle but hard to read."""
    iris = {iri for t in triples for part in (t.subject, t.predicate, t.object)
            for iri in _iris(part)}
    return {p: ns for p, ns in prefixes.items()
            if p != "gyr" and any(iri.startswith(ns) for iri in iris)}
