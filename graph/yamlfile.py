"""The one module that reads and writes Gongyun's curated YAML.

Reads (PyYAML with libyaml's safe loader, 7x faster than the pure-Python one on the annotation
files; the build reads 168 files through it):
- `load(path)`: every mapping keeps its 1-based line under LINE_KEY, so problems cite file:line;
- `load_plain(path)`, `parse(text)`: the same values without line marks, for readers that only
  want ids and names (the gazetteer's ids for the build: ~10x faster than keeping lines);
- `nodes(text)`: the composed node trees with their marks, for edits in place of the text.
Both loaders keep ids such as 001 and dates such as 1937-09-18 the strings the curator wrote
(YAML 1.1 would read a date as a date).

Writes, for the drafting and the curator's workbench:
- `write_text(path, text)`: atomic (a temporary file in the same directory, fsync, rename, fsync
  of the directory), and refused when the text does not parse;
- `open_for_edit(path)` / `edit(path)`: a round-trip edit (ruamel.yaml) that keeps comments, key
  order, quoting and layout. What the edit did not touch is written back byte for byte: the file
  is rendered by ruamel before and after the edit, and only the lines that differ between the
  two renderings replace the file's own (a three-way merge), so an unchanged document is
  byte-identical even where ruamel would lay it out otherwise (folded lines, hand-aligned flow
  lists); a line next to an edited one may take ruamel's layout. The result must read back,
  with the build's loader, as the edited data;
- `write_new(path, data)`: a new file in the house style (block style, two-space indentation,
  `- ` indented under its key, one line per value).
"""

from __future__ import annotations

import datetime
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

LINE_KEY = "__line__"


# libyaml's loader when present: 7x faster on the annotation files, same nodes and line marks.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """The safe loader, with timestamps kept as the strings the curator wrote."""


class _LineLoader(_PlainLoader):
    """As _PlainLoader, and each mapping records its 1-based line under LINE_KEY."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


def _keep_strings(loader: _PlainLoader, node: yaml.ScalarNode) -> Any:
    # Ids such as 001 or dates such as 1937 must stay the strings the curator wrote;
    # YAML 1.1 would read "001" as 1 and "1937-09-18" as a date.
    return loader.construct_scalar(node)


_PlainLoader.add_constructor("tag:yaml.org,2002:timestamp", _keep_strings)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path) -> Any:
    """Parse one YAML file, each mapping with its line; a syntax error names the file and line."""
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


def load_plain(path: Path) -> Any:
    """Parse one YAML file without line marks."""
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_PlainLoader)  # noqa: S506 - SafeLoader subclass


def parse(text: str) -> Any:
    """Parse YAML text as load_plain does."""
    return yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - SafeLoader subclass


def nodes(text: str) -> Iterator[yaml.Node | None]:
    """The node tree of each document of `text`, with start and end marks (safe: composing
    constructs nothing)."""
    return yaml.compose_all(text, Loader=_PlainLoader)  # noqa: S506 - SafeLoader subclass


def line_of(mapping: Any) -> int | None:
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None


def fields(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping without its bookkeeping key."""
    return {k: v for k, v in mapping.items() if k != LINE_KEY}


# --- writes --------------------------------------------------------------------------------


def write_text(path: Path, text: str) -> None:
    """Replace (or create) `path` with `text` atomically: a reader sees the old file or the new
    one, never a part, and a crash leaves the old one. ValueError, and nothing written, when
    `text` is not YAML."""
    try:
        parse(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not written, the new text does not parse: {exc}") from exc
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)


def _mode_for(path: Path) -> int:
    """The file's own permissions, or a new file's (mkstemp's 0600 would hide it from others)."""
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _round_trip(indent: int = 4, offset: int = 2, mapping: int = 2) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class PyYamlResolver(VersionedResolver):
        """Plain scalars typed by PyYAML's own rules, as the build reads them: ruamel's YAML 1.1
        also takes y and n for booleans (a key `n:` would come back as `false:`), its 1.2 takes
        no and on for strings (and would write them unquoted)."""

        @property
        def versioned_resolver(self) -> Any:
            return _PYYAML_RULES

    rt = YAML(typ="rt")
    rt.Resolver = PyYamlResolver
    # YAML 1.1 for the constructors (017 is octal, as PyYAML reads it); ruamel marks its output
    # with a %YAML 1.1 directive, which _render takes off again.
    rt.version = (1, 1)
    rt.preserve_quotes = True
    rt.width = 4096  # one line per value: a long note is not folded
    rt.indent(mapping=mapping, sequence=indent, offset=offset)
    rt.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return rt


_PYYAML_RULES = {first: list(rules)
                 for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
_DIRECTIVE = "%YAML 1.1\n---\n"


def _render(rt: Any, data: Any) -> str:
    out = io.StringIO()
    rt.dump(data, out)
    text = out.getvalue()
    return text[len(_DIRECTIVE):] if text.startswith(_DIRECTIVE) else text


def _split_header(text: str) -> tuple[str, str]:
    """(the leading comment block, the rest). Kept apart from ruamel, which loses or, for a
    document that is only `[]`, fails on a comment before the root."""
    lines = text.splitlines(keepends=True)
    n = 0
    while n < len(lines) and (not lines[n].strip() or lines[n].lstrip().startswith("#")):
        n += 1
    return "".join(lines[:n]), "".join(lines[n:])


@dataclass
class Edit:
    """A curated file open for a round-trip edit: change `data` in place (it is a dict or list
    with ruamel's comments attached), then `save()`."""

    path: Path
    data: Any
    _original: str
    _header: str
    _body: str
    _yaml: Any
    _before: str = field(default="")

    def render(self) -> str:
        """The file's text with the edit: unchanged lines exactly as they were."""
        after = _render(self._yaml, self.data) if self.data is not None else ""
        if after == self._before:
            return self._original
        merged = _merge(self._body, self._before, after)
        if parse(merged) != parse(after):  # the merge must not change what the edit means
            merged = after
        text = self._header + merged
        expected = to_plain(self.data)
        if parse(text) != expected:
            raise ValueError(f"{self.path}: the edited document would not read back as edited")
        return text

    def save(self) -> bool:
        """Write the edit atomically; False (and the file untouched) when nothing changed."""
        text = self.render()
        if text == self._original:
            return False
        write_text(self.path, text)
        return True


def open_for_edit(path: Path) -> Edit:
    """The file at `path`, loaded for a round-trip edit."""
    from ruamel.yaml.util import load_yaml_guess_indent

    path = Path(path)
    original = path.read_text(encoding="utf-8")
    header, body = _split_header(original)
    _, indent, offset = load_yaml_guess_indent(body) if body.strip() else (None, None, None)
    if offset is None:  # no block sequence: the guess is the mappings' indentation
        rt = _round_trip(mapping=indent or 2)
    else:
        rt = _round_trip(indent=indent, offset=offset)
    data = rt.load(body) if body.strip() else None
    return Edit(path, data, original, header, body, rt, _render(rt, data) if body.strip() else "")


@contextmanager
def edit(path: Path) -> Iterator[Any]:
    """`with edit(path) as data:` change `data` in place; written back (atomically, comments
    and layout kept) when the block ends without an exception and something changed."""
    opened = open_for_edit(path)
    yield opened.data
    opened.save()


def write_new(path: Path, data: Any, header: str = "") -> None:
    """Write `data` as a new curated file (or replace one whole) in the house style, with
    `header` (comment lines, each starting with #) on top; atomic, and checked to read back."""
    text = _render(_round_trip(), data)
    if header:
        text = (header if header.endswith("\n") else header + "\n") + text
    if parse(text) != to_plain(data):
        raise ValueError(f"{path}: the data would not read back as given")
    write_text(path, text)


def to_plain(data: Any) -> Any:
    """`data` (ruamel's or plain Python values) as the build's loader would give it back:
    plain dicts, lists and scalars, dates as the text they are written as."""
    if isinstance(data, dict):
        return {to_plain(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [to_plain(v) for v in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    if isinstance(data, bool) or data is None:
        return data
    for kind in (int, float, str):
        if isinstance(data, kind):
            return kind(data)
    return data


# --- the merge -----------------------------------------------------------------------------


def _merge(original: str, before: str, after: str) -> str:
    """`original` with the changes that turn `before` into `after`.

    `before` and `after` are ruamel's renderings of the file as loaded and as edited; where
    `before` differs from `original` only its layout differs. Lines are regions: a region that
    the edit touched is taken from `after`, one it did not from `original`."""
    orig = original.splitlines(keepends=True)
    base = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    layout = SequenceMatcher(None, base, orig, autojunk=False).get_opcodes()
    edits = SequenceMatcher(None, base, new, autojunk=False).get_opcodes()
    spans = sorted([(i1, i2, False) for tag, i1, i2, _, _ in layout if tag != "equal"]
                   + [(i1, i2, True) for tag, i1, i2, _, _ in edits if tag != "equal"])
    regions: list[list] = []
    for lo, hi, edited in spans:
        # touching spans merge too, so a line outside every region is equal in all three texts
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], hi)
            regions[-1][2] = regions[-1][2] or edited
        else:
            regions.append([lo, hi, edited])
    out: list[str] = []
    done = 0
    for lo, hi, edited in regions:
        out += base[done:lo]
        opcodes, other = (edits, new) if edited else (layout, orig)
        # lines lo - 1 and hi are outside every region (regions never touch): equal in all three
        start = 0 if lo == 0 else _other_line(opcodes, lo - 1) + 1
        end = len(other) if hi == len(base) else _other_line(opcodes, hi)
        out += other[start:end]
        done = hi
    out += base[done:]
    return "".join(out)


def _other_line(opcodes: list[tuple], line: int) -> int:
    """Where line `line` of the base text, in an equal block, is in the other text."""
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal" and i1 <= line < i2:
            return j1 + line - i1
    raise AssertionError(f"line {line} is in no equal block")
