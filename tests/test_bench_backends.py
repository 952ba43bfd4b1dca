"""The pure parts of the backend benchmark (bench.backends) and of the Virtuoso runner's
sizing (bench.virtuoso): argument parsing, how answers are compared, the ini. The
benchmark itself runs on demand (`python -m bench.backends`), not here."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bench import backends as b
from bench import virtuoso as vt

XSD = "http://www.w3.org/2001/XMLSchema#"
E = "https://w3id.org/gongyun/resource/org/syn-1"


def _select(rows: list[dict]) -> bytes:
    return json.dumps({"head": {"vars": ["o"]}, "results": {"bindings": rows}}).encode()


# -- arguments ---------------------------------------------------------------------------------

def test_sizes_and_clients_are_parsed_and_checked():
    args = b.parser().parse_args(["--sizes", "1e6,1e7", "--clients", "1,4"])
    assert args.sizes == [1_000_000, 10_000_000]
    assert args.clients == [1, 4]
    assert b.parser().parse_args([]).sizes == [1_000_000, 10_000_000]
    with pytest.raises(argparse.ArgumentTypeError):
        b.parse_sizes("10")
    with pytest.raises(argparse.ArgumentTypeError):
        b.parse_sizes("")
    with pytest.raises(argparse.ArgumentTypeError):
        b.parse_clients("0")


def test_help_describes_the_run(capsys):
    with pytest.raises(SystemExit) as done:
        b.parser().parse_args(["--help"])
    assert done.value.code == 0
    assert "--sizes" in capsys.readouterr().out


def test_query_mix_has_every_class_and_nodes_that_exist():
    queries = b.build_queries(1_000_000, per_class=3)
    assert {q.cls for q in queries} == set(b.CLASSES)
    assert [q.cls for q in queries] == sorted((q.cls for q in queries), key=b.CLASSES.index)
    assert all(q.form == "rest" for q in queries if q.cls in b.REST_CLASSES)
    assert [q.limited for q in queries if q.cls == "construct"] == [True]
    # the same mix on every run: the systems and the rounds see the same queries
    assert b.build_queries(1_000_000, per_class=3) == queries
    entity = next(q for q in queries if q.cls == "entity")
    assert entity.text.startswith("/api/entities/") and "/syn-" in entity.text


# -- answers compared --------------------------------------------------------------------------

def test_select_answers_compare_numbers_and_booleans_by_value_in_any_order():
    q = b.Query("lookup", "x", "select", "SELECT ?o WHERE {}")
    ours = _select([{"o": {"type": "literal", "value": "true", "datatype": XSD + "boolean"}},
                    {"o": {"type": "literal", "value": "3500", "datatype": XSD + "decimal"}}])
    theirs = _select([{"o": {"type": "typed-literal", "value": "3500.0",
                             "datatype": XSD + "decimal"}},
                      {"o": {"type": "literal", "value": "1", "datatype": XSD + "boolean"}}])
    ref, other = (b.canonical(q, b.SELECT_JSON, x) for x in (ours, theirs))
    assert b.agree(q, ref, other)
    wrong = _select([{"o": {"type": "literal", "value": "0", "datatype": XSD + "boolean"}},
                     {"o": {"type": "literal", "value": "3500", "datatype": XSD + "decimal"}}])
    assert not b.agree(q, ref, b.canonical(q, b.SELECT_JSON, wrong))
    assert not b.agree(q, ref, None)


def test_describe_may_add_only_the_triples_that_point_to_the_resource():
    q = b.Query("describe", "org/syn-1", "describe", f"DESCRIBE <{E}>")
    out = f'<{E}> <http://www.w3.org/2000/01/rdf-schema#label> "x"@zh .\n'.encode()
    incoming = f"<https://w3id.org/gongyun/resource/claim/c1> <https://w3id.org/gongyun/" \
               f"ontology#subject> <{E}> .\n".encode()
    elsewhere = b"<https://w3id.org/gongyun/resource/claim/c1> <http://p> <http://o> .\n"
    ref = b.canonical(q, b.NTRIPLES, out)
    assert b.agree(q, ref, b.canonical(q, b.NTRIPLES, out + incoming))
    assert not b.agree(q, ref, b.canonical(q, b.NTRIPLES, out + elsewhere))
    assert not b.agree(q, ref, b.canonical(q, b.NTRIPLES, incoming))
    # the superset rule is DESCRIBE's only: a CONSTRUCT must be equal
    c = b.Query("construct", "c", "construct", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not b.agree(c, b.canonical(c, b.NTRIPLES, out),
                       b.canonical(c, b.NTRIPLES, out + incoming))


def test_limited_construct_is_compared_by_size():
    q = b.Query("construct", "c", "construct", "CONSTRUCT {} WHERE {} LIMIT 2", limited=True)
    one = b"<http://a> <http://p> <http://b> .\n<http://a> <http://p> <http://c> .\n"
    two = b"<http://x> <http://p> <http://b> .\n<http://y> <http://p> <http://c> .\n"
    assert b.agree(q, b.canonical(q, b.NTRIPLES, one), b.canonical(q, b.NTRIPLES, two))
    assert not b.agree(q, b.canonical(q, b.NTRIPLES, one),
                       b.canonical(q, b.NTRIPLES, two.splitlines(keepends=True)[0]))


def test_rest_answers_ignore_the_servers_port_and_list_order():
    q = b.Query("entity", "org/syn-1", "rest", "/api/entities/org/syn-1")
    a = json.dumps({"url": "http://127.0.0.1:41000/resource/org/syn-1",
                    "types": ["gy:A", "gy:B"]}).encode()
    c = json.dumps({"url": "http://127.0.0.1:52000/resource/org/syn-1",
                    "types": ["gy:B", "gy:A"]}).encode()
    d = json.dumps({"url": "http://127.0.0.1:52000/resource/org/syn-2",
                    "types": ["gy:B", "gy:A"]}).encode()
    ref = b.canonical(q, "application/json", a)
    assert b.agree(q, ref, b.canonical(q, "application/json", c))
    assert not b.agree(q, ref, b.canonical(q, "application/json", d))


# -- the ini -----------------------------------------------------------------------------------

def test_buffers_are_two_thirds_of_the_memory_in_8k_pages():
    buffers, dirty = vt.buffers_for(12 * 2**30)
    assert buffers == 12 * 2**30 * 2 // 3 // 8192 == 1_048_576
    assert dirty == buffers * 3 // 4
    assert vt.buffers_for(1) == (vt.SMALL_BUFFERS[0], vt.SMALL_BUFFERS[0] * 3 // 4)


def test_memory_follows_the_data_within_bounds():
    gb = 2**30
    machine = 24 * gb
    assert vt.memory_for(190 * 2**20, machine) == 3 * 190 * 2**20
    assert vt.memory_for(1, machine) == 512 * 2**20
    assert vt.memory_for(2 * gb, machine) == 6 * gb
    assert vt.memory_for(20 * gb, machine) == machine // 3


def test_ini_binds_loopback_and_carries_the_limits(tmp_path: Path):
    text = vt.ini_text(tmp_path, 1111, 8890, buffers=(1000, 750), max_rows=5, max_seconds=7)
    assert "ServerPort = 127.0.0.1:1111" in text
    assert "ServerPort = 127.0.0.1:8890" in text
    assert "NumberOfBuffers = 1000" in text and "MaxDirtyBuffers = 750" in text
    assert "ResultSetMaxRows = 5" in text and "MaxQueryExecutionTime = 7" in text
    assert f"DirsAllowed = ., {tmp_path}" in text


# -- the report --------------------------------------------------------------------------------

def test_section_is_placed_once_before_the_scale_curve(tmp_path: Path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n## Other\n\ntext\n\n## The scale curve\n\nmore\n")
    b.ensure_section(doc)
    b.ensure_section(doc)
    text = doc.read_text()
    assert text.count(b.SECTION) == 1 and text.count("<!-- backends:begin -->") == 1
    assert text.index(b.SECTION) < text.index("## The scale curve")
    assert text.index("## Other") < text.index(b.SECTION)


def test_aggregate_ratio_is_embedded_over_virtuoso():
    row = {"results": {"embedded": {"agg-sum": {"1": {"p50": 30.0}}},
                       "gongyun-virtuoso": {"agg-sum": {"1": {"p50": 20.0}}},
                       "virtuoso": {"agg-sum": {"1": {"p50": 15.0}}}}}
    assert b.aggregate_ratios(row) == {"agg-sum": {"gongyun-virtuoso": 1.5, "virtuoso": 2.0}}
