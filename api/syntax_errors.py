"""Syntax errors a person can act on. The engine's message is a position and a list of the
grammar's terminals, character classes written as Unicode ranges
(`expected one of ".", ":", ['-' | '0' ..= '9' | '\\u{00B7}' …`); this gives the line and column
in the query as it was sent, the line itself with a caret under the place, the expectation in
words, and a hint for the common mistakes:

- a prefix used but declared neither in the query nor among the predeclared ones;
- a `/` in a prefixed name (`gyr:claim/001-c0012`): written `gyr:claim\\/001-c0012`, as a full
  IRI, or relative to a BASE;
- a triple pattern without its object (`{ ?s ?p }`, `?s ?p ?o ; ?q }`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongyun.api import prefixes
from gongyun.api.errors import ApiError
from gongyun.api.safety import Token, located, tokenize

ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
# one item of the engine's list: a "terminal", a [character class], or words
EXPECTED_ITEM = re.compile(
    r'"(?:[^"\\]|\\.)*"' r"|\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]" r"|[A-Za-z_][\w ]*")
TERMS = {"VAR", "IRIREF", "PNAME", "STRING", "NUMBER", "BNODE"}
SHOWN_EXPECTATIONS = 12


@dataclass(frozen=True)
class Diagnosis:
    offset: int  # where the mistake is, in the query as sent
    problem: str
    hint: str


def explain(message: str, query: str, prologue_lines: int = 0) -> str:
    """The engine's syntax error `message` about `query` (the text it ran, whose first
    `prologue_lines` lines the service added), for a person: a recognised mistake where it is,
    with a hint, else the engine's position and expectation in words."""
    original = query.split("\n", prologue_lines)[-1] if prologue_lines else query
    try:
        tokens = tokenize(original)
    except ApiError:  # the lexer passed this text before; never let a hint hide the error
        tokens = []
    m = ENGINE_POSITION.match(message.strip())
    offset = _offset(original, int(m.group(1)) - prologue_lines, int(m.group(2))) if m else None
    found = diagnose(original, tokens, offset)
    if found:
        return located(original, found.offset, found.problem) + f"\nhint: {found.hint}"
    if offset is not None:
        return located(original, offset, _expectation(m.group(3)))
    return message.strip()


def diagnose(text: str, tokens: list[Token], offset: int | None) -> Diagnosis | None:
    """The first common mistake found: an undeclared prefix anywhere (the engine stops past
    it, so it is looked for first), else one at the place the engine stopped."""
    return (_undeclared_prefix(tokens) or _slash_in_name(text, tokens, offset)
            or _missing_object(tokens, offset))


def _offset(text: str, line: int, column: int) -> int | None:
    if line < 1:
        return None
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + column - 1, end)


def _expectation(text: str) -> str:
    """`expected one of "!", ['0' ..= '9'], …` in words."""
    head, sep, rest = text.partition("expected ")
    if not sep:
        return text
    rest = rest.removeprefix("one of ")
    words = []
    for item in EXPECTED_ITEM.findall(rest):
        word = _item_in_words(item.strip())
        if word and word not in words:
            words.append(word)
    if not words:
        return "unexpected text here"
    shown = ", ".join(words[:SHOWN_EXPECTATIONS]) + (" …" if len(words) > SHOWN_EXPECTATIONS
                                                      else "")
    return f"{head}expected {'one of ' if len(words) > 1 else ''}{shown}"


def _item_in_words(item: str) -> str | None:
    if item.startswith('"'):
        return item
    if item.startswith("["):
        if item == "[_]":  # "any character": says nothing
            return None
        if "'A' ..= 'Z'" in item:
            return "a letter"
        if "'0' ..= '9'" in item or "'0'..='9'" in item:
            return "a name character" if "00B7" in item else "a digit"
        single = re.fullmatch(r"\['(.+)'\]", item)
        if single:
            return '"' + single.group(1).replace("\\\\", "\\") + '"'
        return "a character"
    if item == "Prefix not found":  # said by the undeclared-prefix diagnosis
        return None
    return item


def _undeclared_prefix(tokens: list[Token]) -> Diagnosis | None:
    unknown = [t for t in prefixes.undeclared(tokens)
               if prefixes.prefix_of(t) not in prefixes.PREDECLARED]
    if not unknown:
        return None
    name = prefixes.prefix_of(unknown[0])
    return Diagnosis(unknown[0].offset, f"the prefix {name}: is not declared",
                     f"add PREFIX {name}: <…> before the query; these are predeclared: "
                     + ", ".join(f"{p}:" for p in prefixes.PREDECLARED))


def _slash_in_name(text: str, tokens: list[Token], offset: int | None) -> Diagnosis | None:
    if offset is None:
        return None
    for i, t in enumerate(tokens):
        if t.kind != "PNAME" or t.offset > offset:
            continue
        end, j = t.offset + len(t.text), i + 1
        # the tokens written right after the name, without a space: gyr:claim / 001 - c0012
        while j < len(tokens) and tokens[j].offset == end and tokens[j].kind != "IRIREF":
            end, j = end + len(tokens[j].text), j + 1
        written = text[t.offset:end]
        if "/" not in written[len(t.text):] or not t.offset <= offset <= end:
            continue
        name, local = prefixes.prefix_of(t), written.partition(":")[2]
        escaped = f"{name}:" + local.replace("/", "\\/")
        namespace = _namespace(tokens, name)
        full = f", or the full IRI <{namespace}{local}>" if namespace else ""
        return Diagnosis(t.offset + len(t.text),
                         f'the prefixed name {written} cannot contain "/"',
                         f"write {escaped}{full}, or declare BASE <{namespace or '…'}> and"
                         f" write <{local}>")
    return None


def _namespace(tokens: list[Token], name: str) -> str | None:
    for i, t in enumerate(tokens[:-2]):
        if (t.kind == "WORD" and t.text.upper() == "PREFIX" and tokens[i + 1].kind == "PNAME"
                and prefixes.prefix_of(tokens[i + 1]) == name and tokens[i + 2].kind == "IRIREF"):
            return tokens[i + 2].text[1:-1]
    return prefixes.PREDECLARED.get(name)


def _missing_object(tokens: list[Token], offset: int | None) -> Diagnosis | None:
    """A triple pattern of a group (not a VALUES block) that ends after its subject and
    predicate, after `;` with a predicate alone, or right after `,`, next to where the engine
    stopped."""
    if offset is None:
        return None
    stop = next((i for i, t in enumerate(tokens) if t.offset >= offset), len(tokens))
    frames: list[str] = []  # "group" or "values" per open brace
    values_next = False
    segment: list[Token] = []
    after = "{"
    for i, t in enumerate(tokens):
        if t.kind == "WORD" and t.text.upper() == "VALUES":
            values_next = True
        if t.text == "{":
            frames.append("values" if values_next else "group")
            values_next, segment, after = False, [], "{"
            continue
        if not frames or frames[-1] != "group":
            if t.text == "}" and frames:
                frames.pop()
            continue
        if t.text in ("}", ".", ";", ","):
            terms = [s for s in segment if s.kind in TERMS or s.text == "a"]
            short = ((after in ("{", ".") and len(terms) == 2)
                     or (after == ";" and len(terms) == 1) or (after == "," and not terms))
            if len(terms) == len(segment) and short and stop - 2 <= i <= stop + 1:
                written = " ".join(s.text for s in segment)
                return Diagnosis(t.offset, f"the triple pattern {written or after!r} has no"
                                 " object", "a triple pattern is subject, predicate and object"
                                 " (?s ?p ?o); after ; comes a predicate and an object, after ,"
                                 " an object")
            if t.text == "}":
                frames.pop()
            segment, after = [], t.text
            continue
        segment.append(t)
    return None
