"""Where the hand-written inputs live, whether running from a clone or an installed wheel.

`GONGYUN_GRAPH_DIR` points the graph's inputs (corpus, annotations, entities, gazetteer,
vocabularies, curation, releases) at another folder laid out as graph/ is: a second working copy
of the data, or a scratch copy that tests and `gongyun curate --graph-dir` build from. The code,
ontology and shapes stay the installed ones."""

from __future__ import annotations

import os
from pathlib import Path

import gongyun.api
import gongyun.graph
import gongyun.ontology
import gongyun.shapes

GRAPH_DIR = Path(os.environ.get("GONGYUN_GRAPH_DIR") or Path(gongyun.graph.__file__).parent)
ONTOLOGY_DIR = Path(gongyun.ontology.__file__).parent
SHAPES_DIR = Path(gongyun.shapes.__file__).parent
API_DIR = Path(gongyun.api.__file__).parent

CORPUS_DIR = GRAPH_DIR / "corpus"
ANNOTATIONS_DIR = GRAPH_DIR / "annotations"
ENTITIES_DIR = GRAPH_DIR / "entities"
GAZETTEER_DIR = GRAPH_DIR / "gazetteer"
PLACES_FILE = GAZETTEER_DIR / "places.yaml"
VOCAB_DIR = GRAPH_DIR / "vocab"
QUERIES_DIR = GRAPH_DIR / "queries"
ONTOLOGY_FILE = ONTOLOGY_DIR / "gongyun.ttl"
