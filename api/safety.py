"""Wall 1 of keeping the endpoint read-only and off the network: a decision made on the query's
tokens, never on substrings.

A small SPARQL lexer (terminals of the SPARQL 1.1 grammar, section 19.8) splits the text into
tokens, skipping strings, IRIs and comments, so `"INSERT"`, `<http://x/service>`, `ex:load` and
`# DROP` are not keywords. It fails closed: any character that starts no SPARQL token refuses the
request. Codepoint escapes (`\\u0078`, SPARQL 1.1 section 19.2) outside strings and IRIs are
decoded first, and the decoded text is what the engine runs, so the lexer judges exactly what
runs; inside strings and IRIs the engine decodes them itself, within the token. A bare keyword of
SPARQL Update refuses it with 403 when it is a valid update (checked by rdflib's parser, which only
parses) and 400 with the parser's message when it is not; a bare SERVICE refuses it with 403.
Wall 2 is in gongyun.api.workers: the workers have no network.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongyun.api import prefixes
from gongyun.api.errors import ApiError, forbidden_service, forbidden_update, query_syntax_error

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}]|\\.(?=[{_PN_CHARS}.]*[{_PN_CHARS}]))*"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
    f"(?:[{_PN_CHARS}:]|{_PLX}|\\.(?=(?:[{_PN_CHARS}:.]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX})))*"
)

# Order matters: the first alternative that matches at a position is the token.
_TOKENS = [
    ("WS", r"[ \t\r\n]+"),
    ("COMMENT", r"#[^\r\n]*"),
    ("IRIREF", r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"),
    ("STRING", r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"),
    ("STRING", r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'),
    ("STRING", r"'(?:[^'\\\n\r]|\\.)*'"),
    ("STRING", r'"(?:[^"\\\n\r]|\\.)*"'),
    ("VAR", f"[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("LANGTAG", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("NUMBER", r"[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.?[0-9]*[eE][+-]?[0-9]+|[0-9]+"),
    ("BNODE", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}]|\\.(?=[{_PN_CHARS}.]*[{_PN_CHARS}]))*"),
    ("PNAME", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("WORD", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("PUNCT", r"\^\^|\|\||&&|!=|<=|>=|<<|>>|\{\||\|\}|[{}()\[\],;.=<>!+\-*/^|?~]"),
]
_LEXER = re.compile("|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(_TOKENS)))
_CODEPOINT = r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})"
# Strings, IRIs and comments are passed over whole; an escape anywhere else is decoded. One pass:
# an escape that decodes to a backslash starts no second escape (W3C syntax-query
# syn-codepoint-escape-bad-04/05).
_ESCAPES = re.compile("|".join(
    [f"(?:{rx})" for kind, rx in _TOKENS if kind in ("STRING", "IRIREF", "COMMENT")]
    + [_CODEPOINT]))
_CODEPOINT_RE = re.compile(_CODEPOINT)

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
MAX_NESTING = 256
OPENERS = {"{", "(", "[", "{|"}
CLOSERS = {"}", ")", "]", "|}"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                "WITH", "USING"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{col}"


def located(text: str, offset: int, what: str) -> str:
    """`what` went wrong at `offset`: the line and column, then the line itself (cut to about
    70 characters around the place) with a caret under the place."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line_no = text.count("\n", 0, offset) + 1
    line = text[start:end if end >= 0 else len(text)].rstrip("\r")
    col = offset - start
    left = max(0, col - 40)
    shown = ("…" if left else "") + line[left:left + 70] + ("…" if len(line) > left + 70 else "")
    caret = col - left + (1 if left else 0)
    number = str(line_no)
    return (f"syntax error at line {line_no}, column {col + 1}: {what}\n"
            f"  {number} | {shown}\n  {' ' * len(number)} | {' ' * caret}^")


def decode_escapes(text: str) -> str:
    """`text` with its codepoint escapes outside strings, IRIs and comments decoded; a 400 for
    an escape that names no character (a surrogate, or past U+10FFFF)."""
    if "\\u" not in text and "\\U" not in text:
        return text

    def decode(m: re.Match) -> str:
        if m.lastindex is None:
            return m.group()
        code = int(m.group(m.lastindex), 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise query_syntax_error(located(
                text, m.start(), f"{m.group()} is no Unicode character (a surrogate, or past"
                " U+10FFFF)"))
        return chr(code)

    return _ESCAPES.sub(decode, text)


def _decode_iri(iri: str) -> str:
    return _CODEPOINT_RE.sub(lambda m: chr(int(m.group(m.lastindex), 16)), iri)


def tokenize(text: str) -> list[Token]:
    """The significant tokens of `text`; an ApiError (400) at the first unrecognised character."""
    tokens = []
    pos = 0
    while pos < len(text):
        m = _LEXER.match(text, pos)
        if m is None or m.end() == pos:
            raise query_syntax_error(located(text, pos, f"unexpected character {text[pos]!r}"))
        kind = m.lastgroup.rstrip("0123456789")
        if kind not in ("WS", "COMMENT"):
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    return tokens


@dataclass(frozen=True)
class Verdict:
    form: str  # select | ask | construct | describe
    # For `SELECT *`: the variables in the order they first appear (pyoxigraph sorts them).
    star_order: tuple[str, ...] = ()
    # The text to run: escapes decoded, the predeclared prefixes it uses declared in
    # `prologue_lines` lines before it (gongyun.api.prefixes).
    query: str = ""
    prologue_lines: int = 0


def check_nesting(text: str, tokens: list[Token]) -> None:
    """Refuse brackets nested deeper than MAX_NESTING: pyoxigraph's parser recurses on them and
    overflows the worker's stack (a segfault) from about 2,200 nested groups."""
    depth = 0
    for token in tokens:
        if token.text in OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                raise query_syntax_error(located(
                    text, token.offset, f"brackets nested deeper than {MAX_NESTING} levels"))
        elif token.text in CLOSERS:
            depth -= 1


# Verdicts of recently allowed query texts: the lexer is most of the route's own time on small
# queries, and clients (the query page, dashboards, the competency queries) repeat the same
# texts. Only allowed queries are remembered (a refusal raises, and lru_cache keeps no
# exceptions); only texts up to CACHED_QUERY_CHARS, so the cache holds at most
# VERDICT_CACHE_SIZE x that many characters.
VERDICT_CACHE_SIZE = 1024
CACHED_QUERY_CHARS = 8192


def check_query(text: str, allowed_services: frozenset[str] = frozenset()) -> Verdict:
    """Allow a read-only query (returning its form) or raise the ApiError refusing it. SERVICE
    is allowed only as `SERVICE [SILENT] <iri>` with an IRI of `allowed_services`. The verdict
    depends on nothing but these two arguments, which is what makes it safe to remember."""
    if len(text) <= CACHED_QUERY_CHARS:
        return _cached_check(text, allowed_services)
    return fresh_check(text, allowed_services)


def fresh_check(text: str, allowed_services: frozenset[str] = frozenset()) -> Verdict:
    """check_query without the cache."""
    text = decode_escapes(text)
    tokens = tokenize(text)
    check_nesting(text, tokens)
    prepared, prologue_lines = prefixes.declare_predeclared(text, tokens)
    words = [t for t in tokens if t.kind == "WORD"]
    for t in words:
        upper = t.text.upper()
        if upper in UPDATE_WORDS:
            raise _refuse_update(prepared, f"{upper} at {position(text, t.offset)}")
        if upper == "SERVICE" and _service_target(tokens, t) not in allowed_services:
            _check_parses_as_query(prepared)
            raise forbidden_service(
                f"SERVICE (federated query) at {position(text, t.offset)} is disabled: this"
                " endpoint does not send requests to other services"
            )
    form = next((QUERY_FORMS[w.text.upper()] for w in words if w.text.upper() in QUERY_FORMS),
                None)
    if form is None:
        _check_parses_as_query(prepared)
        raise query_syntax_error("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return Verdict(form, _star_order(tokens) if form == "select" else (), prepared,
                   prologue_lines)


_cached_check = functools.lru_cache(maxsize=VERDICT_CACHE_SIZE)(fresh_check)


def _service_target(tokens: list[Token], service: Token) -> str | None:
    """The endpoint IRI after SERVICE [SILENT], or None (a variable, a prefixed name…)."""
    i = tokens.index(service) + 1
    if i < len(tokens) and tokens[i].kind == "WORD" and tokens[i].text.upper() == "SILENT":
        i += 1
    if i < len(tokens) and tokens[i].kind == "IRIREF":
        return _decode_iri(tokens[i].text[1:-1])
    return None


def select_star_order(text: str) -> tuple[str, ...]:
    """For a `SELECT *` query, its variables in the order they first appear in the text, the
    order people and the W3C tests expect (pyoxigraph answers `*` sorted by name); () else."""
    try:
        return _star_order(tokenize(text))
    except ApiError:
        return ()


def _star_order(tokens: list[Token]) -> tuple[str, ...]:
    for i, token in enumerate(tokens):
        if token.kind == "WORD" and token.text.upper() == "SELECT":
            following = [t.text.upper() for t in tokens[i + 1:i + 3]]
            if following[:1] in (["DISTINCT"], ["REDUCED"]):
                following = following[1:]
            if following[:1] != ["*"]:
                return ()
            return tuple(dict.fromkeys(t.text[1:] for t in tokens if t.kind == "VAR"))
    return ()


def check_update(text: str) -> ApiError:
    """The answer to an update request: 403 when it is a valid update, else 400 with why."""
    text = decode_escapes(text)
    tokens = tokenize(text)
    check_nesting(text, tokens)
    return _refuse_update(prefixes.declare_predeclared(text, tokens)[0], "update")


def _refuse_update(text: str, what: str) -> ApiError:
    problem = _update_problem(text)
    if problem is not None:
        return query_syntax_error(f"invalid update: {problem}")
    return forbidden_update(
        f"this endpoint is read-only: SPARQL Update ({what}) is refused, including LOAD"
    )


def _update_problem(text: str) -> str | None:
    """Why `text` is not a valid SPARQL Update, or None when it is one. rdflib's parser checks
    the grammar; the rules it leaves out (SPARQL 1.1 Update 19.6, 19.8) are checked here."""
    from rdflib.plugins.sparql.parser import parseUpdate
    from rdflib.term import BNode, Variable

    try:
        parsed = parseUpdate(text)
    except Exception as exc:  # pyparsing raises several types; all mean "not a valid update"
        return _one_line(exc)
    data_labels: set[str] = set()
    for operation in parsed.request or []:
        name = getattr(operation, "name", "")
        if name in ("InsertData", "DeleteData") and any(
                isinstance(t, Variable) for t in _terms(operation)):
            return f"a variable in {name} (data must be ground)"
        deleted = (operation if name in ("DeleteData", "DeleteWhere")
                   else operation.get("delete") if name == "Modify" else None)
        if deleted is not None and any(isinstance(t, BNode) for t in _terms(deleted)):
            return "a blank node in DELETE (blank nodes cannot be deleted)"
        if name == "InsertData":
            labels = {str(t) for t in _terms(operation) if isinstance(t, BNode)}
            if labels & data_labels:
                return "a blank node label used in two INSERT DATA operations of one request"
            data_labels |= labels
    return None


def _terms(node) -> Iterator:
    """Every RDF term in a node of rdflib's parse tree."""
    from rdflib.term import Node

    if isinstance(node, Node):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _terms(value)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _terms(value)


def _check_parses_as_query(text: str) -> None:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except Exception as exc:  # pyparsing raises several types; all mean "not a valid query"
        raise query_syntax_error(f"invalid query: {_one_line(exc)}") from None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
