"""`gongyun fill FILE...`: adds `pinyin:` after `zh:` to every entry that has a `zh:` but no
`pinyin:` and is not `named: false`, editing the text in place (block and flow style) so the rest
of the file, its comments and its layout stay as they were. The readings come from
gongyun.graph.names; a curator reviews them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

from gongyun.graph import yamlfile
from gongyun.graph.names import pinyin_for, pinyin_label, pinyin_person

_PLAIN_OK = re.compile(r"^[A-Za-zÀ-ɏ][\w' ·.\-]*$")


def _yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when safe in block and flow context, else double-quoted."""
    if _PLAIN_OK.match(text) and ": " not in text and " #" not in text:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entries(node: yaml.Node) -> Iterable[yaml.MappingNode]:
    """Every mapping in the document tree, depth first."""
    if isinstance(node, yaml.MappingNode):
        yield node
        for key, value in node.value:
            yield from _entries(key)
            yield from _entries(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _entries(item)


def _wants_pinyin(mapping: yaml.MappingNode) -> tuple[yaml.Node, yaml.Node, dict] | None:
    """(zh key node, zh value node, scalar fields) if the entry is an entity or place lacking
    pinyin; None otherwise."""
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode):
            fields[key.value] = (key, value)
    if "zh" not in fields or "pinyin" in fields or "id" not in fields:
        return None
    key, value = fields["zh"]
    ident = fields["id"][1]
    if not isinstance(value, yaml.ScalarNode) or not isinstance(ident, yaml.ScalarNode):
        return None
    if ident.value.startswith("concept/"):
        return None  # concepts are vocabulary, not entities or places
    named = fields.get("named")
    if named and isinstance(named[1], yaml.ScalarNode) and named[1].value.lower() == "false":
        return None
    scalars = {k: v[1].value for k, v in fields.items() if isinstance(v[1], yaml.ScalarNode)}
    return key, value, scalars


# Entities whose labels are usually descriptions rather than names.
_DESCRIBED = ("event/", "work/", "group/", "set/")


def _reading(scalars: dict) -> str:
    zh = scalars["zh"]
    ident = scalars.get("id", "")
    if scalars.get("class") == "Person" or ident.startswith("person/"):
        return pinyin_person(zh)
    if ident.startswith(_DESCRIBED) or len(zh) > 10:
        return pinyin_label(zh)
    return pinyin_for(zh)


def fill_text(text: str) -> tuple[str, int]:
    """`text` with pinyin added to every entry lacking it; returns (new text, entries filled).

    Positions come from the YAML parser's marks, so only the inserted text changes."""
    inserts: list[tuple[int, str]] = []  # (character offset, text to insert)
    line_starts = [0]
    for line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    for doc in yamlfile.nodes(text):
        if doc is None:
            continue
        for mapping in _entries(doc):
            found = _wants_pinyin(mapping)
            if found is None:
                continue
            key, value, scalars = found
            reading = _yaml_scalar(_reading(scalars))
            if mapping.flow_style:
                inserts.append((value.end_mark.index, f", pinyin: {reading}"))
            else:
                end = value.end_mark
                line = end.line if end.column == 0 else end.line + 1
                offset = line_starts[min(line, len(line_starts) - 1)]
                prefix = "\n" if offset == len(text) and not text.endswith("\n") else ""
                indent = " " * key.start_mark.column
                inserts.append((offset, f"{prefix}{indent}pinyin: {reading}\n"))
    out = text
    for offset, piece in sorted(inserts, reverse=True):
        out = out[:offset] + piece + out[offset:]
    return out, len(inserts)


def fill_file(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    new, filled = fill_text(text)
    if filled:
        yamlfile.write_text(path, new)  # atomic; never a file that no longer parses
    return filled


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="YAML files (entities, places, annotations) to fill in place")


def run(args: argparse.Namespace) -> int:
    total = 0
    for path in args.files:
        n = fill_file(path)
        total += n
        print(f"{path}: {n} filled", file=sys.stderr)
    print(f"{total} entries filled", file=sys.stderr)
    return 0
