"""`gongyun query`: run SPARQL against the built graph from the shell, no server needed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pyoxigraph import QueryBoolean, QueryResultsFormat, QueryTriples, RdfFormat, Store

from gongyun.namespaces import sparql_prefixes

RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
                  "json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML}


def load_store(out_dir: Path) -> Store:
    dump = out_dir / "dumps" / "gongyun.nq"
    if not dump.exists():
        raise FileNotFoundError(f"{dump} not found; run `gongyun build` first")
    store = Store()
    store.bulk_load(path=str(dump), format=RdfFormat.N_QUADS)
    return store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="a SPARQL query, or @FILE to read it from a file")
    parser.add_argument("--out", type=Path, default=Path("build"), help="the build folder")
    parser.add_argument("--format", choices=sorted(RESULT_FORMATS), default="tsv",
                        help="result format for SELECT (default tsv); CONSTRUCT prints Turtle")
    parser.add_argument("--no-prefixes", action="store_true",
                        help="do not prepend Gongyun's standard PREFIX declarations")


def run(args: argparse.Namespace) -> int:
    text = Path(args.query[1:]).read_text("utf-8") if args.query.startswith("@") else args.query
    if not args.no_prefixes:
        text = sparql_prefixes() + text
    try:
        store = load_store(args.out)
        result = store.query(text, use_default_graph_as_union=True)
    except (FileNotFoundError, SyntaxError) as exc:
        print(f"gongyun query: {exc}", file=sys.stderr)
        return 2
    if isinstance(result, QueryBoolean):
        print("true" if result else "false")
    elif isinstance(result, QueryTriples):
        sys.stdout.buffer.write(result.serialize(format=RdfFormat.TURTLE) or b"")
    else:
        sys.stdout.buffer.write(result.serialize(format=RESULT_FORMATS[args.format]) or b"")
    return 0
