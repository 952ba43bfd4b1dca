"""The workbench's builds, each in its own process (the build forks its checks, which a threaded
server must not do): `python -m gongyun.curate.rebuild`.

- `SOURCE --annotations DIR [--published]`: build SOURCE from a snapshot of the annotation
  files with its drafts (or, --published, the whole published graph as a release would: the
  trial before a paragraph is marked checked; SHACL and HermiT on the published part either
  way) and print, as JSON, what the workbench shows:
  every problem with its file and line (a SHACL finding traced back to file:line), the coverage
  per paragraph with the items no evidence covers yet, and whether the build passed.
- `--index PATH`: the label index of the published graph (gongyun.api.search), for the entity
  chooser.

The graph's other inputs come from GONGYUN_GRAPH_DIR (set by `gongyun curate --graph-dir`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

SHACL = re.compile(r"^SHACL(?: \w+)?: (?P<file>[^:<>]+\.yaml):(?P<line>\d+): ")
# A warning as BuildReport keeps it: str(Problem), "[file:line: ]warning: message".
WARNING = re.compile(r"^(?:(?P<file>.+?):(?P<line>\d+): )?warning: (?P<message>.*)$", re.S)


class _Warning:
    """A warning string read back into the fields of a Problem."""

    severity = "warning"

    def __init__(self, text: str):
        match = WARNING.match(text)
        self.file = match.group("file") if match else None
        self.line = int(match.group("line")) if match and match.group("line") else None
        self.message = match.group("message") if match else text


def _problem(problem: Any) -> dict:
    """A build problem as data; a SHACL finding names the file:line its node was written at."""
    file, line, message = problem.file, problem.line, problem.message
    traced = SHACL.match(message)
    if file is None and traced:
        file, line = traced.group("file"), int(traced.group("line"))
    return {"file": str(Path(file).resolve()) if file else None, "line": line,
            "severity": problem.severity, "message": message}


def _coverage(cov: Any) -> dict:
    uncovered: dict[int, list[dict]] = {}
    for paragraph, item in cov.uncovered:
        uncovered.setdefault(paragraph, []).append(
            {"kind": item.kind, "text": item.text, "start": item.start, "end": item.end})
    return {"percent": round(cov.percent, 2), "items": cov.items,
            "paragraphs": {n: {"items": p.items, "covered": p.covered, "excused": p.excused,
                               "percent": round(p.percent, 2), "uncovered": uncovered.get(n, [])}
                           for n, p in cov.paragraphs.items()}}


def check_source(source: str, annotations: Path, out: Path, checks: bool = True,
                 drafts: bool = True) -> dict:
    """Build `source` from the annotation files in `annotations`: with `drafts`, that text
    alone with its draft files (into their own graphs); without, the whole published graph, as
    a release would build it (every check, the whole-graph ones and the releases' included)."""
    from gongyun.graph.build import build
    from gongyun.graph.problems import BuildError

    try:
        report = build(out, only={source} if drafts else None, with_drafts=drafts,
                       annotations_dir=annotations,
                       write=False, keep_going=True, validate=checks, reason=checks)
        problems, ok = [], True
    except BuildError as failed:
        report, problems, ok = failed.report, failed.problems, False
    result: dict = {"ok": ok, "problems": [_problem(p) for p in problems]}
    if report is not None:
        if ok:  # a failed build's problems hold its warnings already
            result["problems"] += [_problem(_Warning(w)) for w in report.warnings]
        if source in report.coverage:
            result["coverage"] = _coverage(report.coverage[source])
        if source in report.draft_coverage:
            result["draft_coverage"] = _coverage(report.draft_coverage[source])
        result["timings"] = {k: round(v, 2) for k, v in report.timings.items()}
    return result


def build_index(path: Path) -> int:
    import pyoxigraph as ox

    from gongyun.api import search
    from gongyun.graph.build import build

    with tempfile.TemporaryDirectory() as tmp:
        report = build(Path(tmp), write=False, validate=False, reason=False)
    store = ox.Store()
    store.extend(report.quads)
    return search.build_index(store, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gongyun.curate.rebuild")
    parser.add_argument("source", nargs="?")
    parser.add_argument("--annotations", type=Path)
    parser.add_argument("--out", type=Path, default=Path("build") / "curate")
    parser.add_argument("--no-checks", action="store_true", help="skip SHACL and HermiT")
    parser.add_argument("--published", action="store_true",
                        help="the published graph only (no draft files)")
    parser.add_argument("--index", type=Path, help="write the label index here instead")
    args = parser.parse_args(argv)
    if args.index:
        print(json.dumps({"indexed": build_index(args.index)}))
        return 0
    result = check_source(args.source, args.annotations, args.out, not args.no_checks,
                          drafts=not args.published)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
