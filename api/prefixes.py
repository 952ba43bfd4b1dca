"""Predeclared prefixes, as the Wikidata Query Service and Virtuoso have them: `gy:`, `gyr:`,
`gyg:`, `gysh:` and the common W3C vocabularies (gongyun.namespaces.PREFIXES) can be used in a
query without a PREFIX line. A declaration in the query wins: only the prefixes a query uses and
does not declare itself are declared for it, in one line put before the query (so an engine's
error position moves down exactly one line; gongyun.api.syntax_errors moves it back).

The list is served in the service description (`sh:declare`, as SHACL declares prefixes) and
on the query page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gongyun.namespaces import PREFIXES

if TYPE_CHECKING:
    from gongyun.api.safety import Token

PREDECLARED: dict[str, str] = dict(PREFIXES)


def prefix_of(token: Token) -> str:
    """The prefix of a prefixed-name token (`gy` of `gy:Place`, `` of `:x`)."""
    return token.text.partition(":")[0]


def declared(tokens: list[Token]) -> set[str]:
    """The prefixes the query declares itself (PREFIX p: <…>)."""
    return {prefix_of(tokens[i + 1]) for i, t in enumerate(tokens[:-1])
            if t.kind == "WORD" and t.text.upper() == "PREFIX" and tokens[i + 1].kind == "PNAME"}


def undeclared(tokens: list[Token]) -> list[Token]:
    """The prefixed names whose prefix the query does not declare, in order."""
    own = declared(tokens)  # a declaration's own name has its prefix in `own`
    return [t for t in tokens if t.kind == "PNAME" and prefix_of(t) not in own]


def declarations(names: Iterable[str]) -> str:
    return " ".join(f"PREFIX {name}: <{PREDECLARED[name]}>" for name in names)


def declare_predeclared(text: str, tokens: list[Token]) -> tuple[str, int]:
    """(`text` with the predeclared prefixes it uses but does not declare declared before it,
    the number of lines added: 0 or 1)."""
    if not any(t.kind == "PNAME" for t in tokens):
        return text, 0
    needed = dict.fromkeys(prefix_of(t) for t in undeclared(tokens))
    needed_known = [name for name in needed if name in PREDECLARED]
    if not needed_known:
        return text, 0
    return declarations(needed_known) + "\n" + text, 1
