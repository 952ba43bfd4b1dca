"""Wall 1 of keeping the endpoint read-only and off the network: a decision made on the query's
tokens, never on substrings.

A small SPARQL lexer (terminals of the SPARQL 1.1 grammar, section 19.8) splits the text into
tokens, skipping strings, IRIs and comments, so `"INSERT"`, `<http://x/service>`, `ex:load` and
`# DROP` are not keywords. It fails closed: any character that starts no SPARQL token refuses the
request. A bare keyword of SPARQL Update refuses it with 403 when it is a valid update (checked by
rdflib's parser, which only parses) and 400 with the parser's message when it is not; a bare
SERVICE refuses it with 403. Wall 2 is in gongyun.api.workers: the workers have no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    ("IRIREF", r"<[^<>\"{}|^`\\\x00-\x20]*>"),
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

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
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


def tokenize(text: str) -> list[Token]:
    """The significant tokens of `text`; an ApiError (400) at the first unrecognised character."""
    tokens = []
    pos = 0
    while pos < len(text):
        m = _LEXER.match(text, pos)
        if m is None or m.end() == pos:
            raise query_syntax_error(
                f"error at {position(text, pos)}: unexpected character {text[pos]!r}"
            )
        kind = m.lastgroup.rstrip("0123456789")
        if kind not in ("WS", "COMMENT"):
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    return tokens


@dataclass(frozen=True)
class Verdict:
    form: str  # select | ask | construct | describe


def check_query(text: str) -> Verdict:
    """Allow a read-only, local query (returning its form) or raise the ApiError refusing it."""
    tokens = tokenize(text)
    words = [t for t in tokens if t.kind == "WORD"]
    for t in words:
        upper = t.text.upper()
        if upper in UPDATE_WORDS:
            raise _refuse_update(text, f"{upper} at {position(text, t.offset)}")
        if upper == "SERVICE":
            _check_parses_as_query(text)
            raise forbidden_service(
                f"SERVICE (federated query) at {position(text, t.offset)} is disabled: this"
                " endpoint does not send requests to other services"
            )
    form = next((QUERY_FORMS[w.text.upper()] for w in words if w.text.upper() in QUERY_FORMS),
                None)
    if form is None:
        _check_parses_as_query(text)
        raise query_syntax_error("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return Verdict(form)


def check_update(text: str) -> ApiError:
    """The answer to an update request: 403 when it is a valid update, else 400 with why."""
    tokenize(text)
    return _refuse_update(text, "update")


def _refuse_update(text: str, what: str) -> ApiError:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception as exc:  # pyparsing raises several types; all mean "not a valid update"
        return query_syntax_error(f"invalid update: {_one_line(exc)}")
    return forbidden_update(
        f"this endpoint is read-only: SPARQL Update ({what}) is refused, including LOAD"
    )


def _check_parses_as_query(text: str) -> None:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except Exception as exc:  # pyparsing raises several types; all mean "not a valid query"
        raise query_syntax_error(f"invalid query: {_one_line(exc)}") from None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
