"""`gongyun draft NNN` (draft annotations for a text) and `gongyun draft --evaluate`
(leave-one-out on the curated texts, the table written to docs/drafting.md)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gongyun.paths import GRAPH_DIR

DOC = Path(__file__).resolve().parents[2] / "docs" / "drafting.md"
EVALUATE_COMMAND = "gongyun draft --evaluate"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", help="the text to draft (its id, e.g. 003)")
    parser.add_argument("--evaluate", action="store_true",
                        help="leave one text out (000, 001, 002): draft it from what the other "
                        "two know, score it against its curation, print the table and write it "
                        "to docs/drafting.md")
    parser.add_argument("--no-write", action="store_true",
                        help="with --evaluate: print the table only")
    parser.add_argument("--graph-dir", type=Path, default=GRAPH_DIR, help=argparse.SUPPRESS)


def draft_source(source_id: str, graph_dir: Path = GRAPH_DIR, out=sys.stdout) -> int:  # noqa: ANN001
    from gongyun.graph.draft.draft import draft_text
    from gongyun.graph.draft.lexicon import Lexicon, load_knowledge
    from gongyun.graph.draft.writer import write_draft
    from gongyun.graph.problems import Problems
    from gongyun.graph.sources import load_sources

    problems = Problems()
    sources = load_sources(problems, graph_dir / "sources.yaml")
    if source_id not in sources:
        print(f"gongyun draft: no source {source_id!r} in graph/sources.yaml (add it with "
              "`gongyun source add`)", file=sys.stderr)
        return 2
    if problems.errors:
        for problem in problems.errors:
            print(problem, file=sys.stderr)
        return 1
    started = time.perf_counter()
    lexicon = Lexicon(load_knowledge(graph_dir))
    loaded = time.perf_counter()
    draft = draft_text(sources[source_id], lexicon)
    drafted = time.perf_counter()
    written = write_draft(draft, graph_dir / "annotations" / source_id)
    done = time.perf_counter()
    counts = written.counts
    print(f"source {source_id}: {len(sources[source_id].text):,} characters; lexicon "
          f"{len(lexicon.table):,} surface forms of {len(lexicon.knowledge.entities):,} "
          f"known things", file=out)
    print(f"wrote {len(written.written)} draft file(s) in graph/annotations/{source_id}/: "
          f"{counts['evidence']} evidence, {counts['mentions']} mentions, {counts['values']} "
          f"figures and dates, {counts['claims']} claim skeletons, {counts['entities']} new "
          "things (entities, events, places)", file=out)
    for path in written.skipped:
        print(f"skipped {path.name}: its review state is not draft (a curator's file is never "
              "rewritten)", file=out)
    for path in written.removed:
        print(f"removed {path.name}: an old draft of a paragraph with nothing to propose now",
              file=out)
    print(f"time: lexicon {loaded - started:.2f} s, drafting {drafted - loaded:.2f} s, "
          f"writing {done - drafted:.2f} s", file=out)
    print(f"next: review the files, then `gongyun build --with-drafts --only {source_id}`",
          file=out)
    return 0


def write_doc(table: str, doc: Path = DOC) -> bool:
    """Put the table between the evaluation markers of docs/drafting.md; False when there is
    no such file (an installed package)."""
    from gongyun.docblocks import write_between_markers

    if not doc.exists():
        return False
    write_between_markers(doc, "evaluation", f"```sh\n{EVALUATE_COMMAND}\n```\n\n{table}")
    return True


def run(args: argparse.Namespace) -> int:
    if args.evaluate:
        from gongyun.graph.draft.evaluate import evaluate, table

        rendered = table(evaluate(args.graph_dir))
        print(rendered)
        if not args.no_write:
            if write_doc(rendered):
                print(f"\nwritten to {DOC}")
            else:
                print(f"\n(no {DOC} here: the table was not written)")
        return 0
    if not args.source:
        print("gongyun draft: give a source id (gongyun draft 003) or --evaluate",
              file=sys.stderr)
        return 2
    return draft_source(args.source, args.graph_dir)
