"""Generated blocks in the documentation: a command writes its table between
`<!-- name:begin -->` and `<!-- name:end -->`, and running it again replaces the table.
Used by `gongyun draft --evaluate` (docs/drafting.md) and the benchmarks in `bench/`
(docs/performance.md)."""

from __future__ import annotations

from pathlib import Path


def write_between_markers(doc: Path, name: str, text: str) -> None:
    """Replace what lies between `<!-- name:begin -->` and `<!-- name:end -->` in doc (or add
    the block at the end when the markers are missing)."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    content = doc.read_text(encoding="utf-8") if doc.exists() else ""
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in content and end in content:
        head, rest = content.split(begin, 1)
        _, tail = rest.split(end, 1)
        content = head + block + tail
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    doc.write_text(content, encoding="utf-8")
