"""The texts in graph/corpus are byte for byte those of the shared corpus."""

import hashlib
from pathlib import Path

import pytest

from gongyun.graph.problems import Problems
from gongyun.graph.sources import load_sources
from gongyun.paths import CORPUS_DIR

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_sources_yaml_checksums_match_the_files():
    problems = Problems()
    sources = load_sources(problems)
    assert not problems.errors
    assert sorted(sources) == ["000", "001", "002"]
    for source in sources.values():
        assert hashlib.sha256(source.file.read_bytes()).hexdigest() == source.sha256


@pytest.mark.skipif(not SHARED.exists(), reason="shared corpus not beside the checkout")
def test_texts_are_byte_identical_to_the_shared_corpus():
    for path in sorted(SHARED.glob("*.txt")):
        assert (CORPUS_DIR / path.name).read_bytes() == path.read_bytes()


def test_paragraph_offsets_round_trip():
    sources = load_sources(Problems())
    for source in sources.values():
        for number, paragraph in enumerate(source.paragraphs, start=1):
            start = source.paragraph_start(number)
            assert source.text[start:start + len(paragraph)] == paragraph
            if paragraph:
                assert source.paragraph_of(start) == number
