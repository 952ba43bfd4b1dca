"""Entity and concept declarations refuse keys the loader does not know: an unquoted comma in a
YAML flow mapping silently cut four concepts' English labels before this check."""
from __future__ import annotations

from pathlib import Path

import yaml

from gongyun.graph.entities import Declarations, add_concept, add_entity
from gongyun.graph.problems import Problems

FILE = Path("p99.yaml")


def _concept(text: str) -> tuple[Declarations, Problems]:
    decl, problems = Declarations(), Problems()
    add_concept(decl, yaml.safe_load(text)[0], FILE, problems)
    return decl, problems


def test_an_unquoted_comma_in_a_flow_mapping_is_refused() -> None:
    decl, problems = _concept("- {id: concept/x/boat, zh: 船, en: junk (a boat, flat-bottomed)}")
    [error] = problems.errors
    assert "'flat-bottomed)'" in error.message and "quote the value" in error.message


def test_a_quoted_value_keeps_its_commas() -> None:
    decl, problems = _concept('- {id: concept/x/boat, zh: 船, en: "junk (a boat, flat-bottomed)"}')
    assert not problems.errors
    assert decl.concepts["concept/x/boat"].en == "junk (a boat, flat-bottomed)"


def test_an_entity_with_a_misspelt_key_is_refused() -> None:
    decl, problems = Declarations(), Problems()
    add_entity(decl, {"id": "org/x", "class": "Organisation", "zh": "甲会", "pinyn": "Jiǎ Huì"},
               FILE, problems)
    [error] = problems.errors
    assert "'pinyn'" in error.message
