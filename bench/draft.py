"""How long drafting a text takes: `python -m bench.draft`.

The text: whole paragraphs of the three chapters in turn until at least --characters (10,000 by
default; the longest chapter, 000, has 7,653). Three measures, side by side in one run:

- cold: `gongyun draft` in a fresh process on a scratch copy of graph/ with the text added by
  `gongyun source add` — start-up, lexicon, jieba's dictionary, drafting and writing the files,
  what a historian waits for;
- warm: the drafting alone (`draft_text`) in this process, the lexicon and jieba loaded;
- peer: jieba's own part-of-speech segmentation of the same text (`jieba.posseg`), the one step
  every Chinese drafting tool of this kind takes, so the ratio says what the rules cost on top.

Medians of --repeat runs (wall and CPU seconds); results as JSON with --json. The issue's bound is
10 s for 10,000 characters (cold).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import machine, machine_line


def bench_text(characters: int) -> str:
    from gongyun.graph.problems import Problems
    from gongyun.graph.sources import load_sources

    paragraphs = [p for s in load_sources(Problems()).values() for p in s.paragraphs if p]
    out: list[str] = []
    for paragraph in paragraphs:
        if sum(len(p) + 1 for p in out) >= characters:
            break
        out.append(paragraph)
    return "\n".join(out) + "\n"


def _timed(fn) -> tuple[float, float]:  # noqa: ANN001
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def cold(text: str, repeat: int) -> list[tuple[float, float]]:
    from gongyun.paths import GRAPH_DIR

    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            graph = Path(tmp) / "graph"
            for part in ("corpus", "entities", "gazetteer", "vocab", "annotations"):
                shutil.copytree(GRAPH_DIR / part, graph / part)
            shutil.copy(GRAPH_DIR / "sources.yaml", graph / "sources.yaml")
            path = Path(tmp) / "bench.txt"
            path.write_text(text, encoding="utf-8")
            gongyun = [sys.executable, "-m", "gongyun.cli"]
            subprocess.run([*gongyun, "source", "add", str(path), "--id", "999", "--title-zh",
                            "基准", "--graph-dir", str(graph)], check=True, capture_output=True)
            started = time.perf_counter()
            proc = subprocess.run([*gongyun, "draft", "999", "--graph-dir", str(graph)],
                                  check=True, capture_output=True, text=True)
            wall = time.perf_counter() - started
            usage = _children_cpu()
            runs.append((wall, usage))
            del proc
    return runs


_LAST_CHILD_CPU = [0.0]


def _children_cpu() -> float:
    """CPU seconds of the children that ended since the last call."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = used.ru_utime + used.ru_stime
    delta, _LAST_CHILD_CPU[0] = total - _LAST_CHILD_CPU[0], total
    return delta


def warm(text: str, repeat: int) -> list[tuple[float, float]]:
    from gongyun.graph.draft.draft import draft_text
    from gongyun.graph.draft.lexicon import Lexicon, load_knowledge
    from gongyun.graph.sources import Source

    source = Source("999", Path("bench.txt"), "", "zh-Hans", "基准", "bench", "", None, False,
                    text, None)
    lexicon = Lexicon(load_knowledge())
    draft_text(source, lexicon)  # jieba's dictionary loaded once, as in any long-lived process
    return [_timed(lambda: draft_text(source, lexicon)) for _ in range(repeat)]


def peer(text: str, repeat: int) -> list[tuple[float, float]]:
    from gongyun.graph.draft.tokens import tokens

    tokens(text)
    return [_timed(lambda: tokens(text)) for _ in range(repeat)]


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--characters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    text = bench_text(args.characters)
    _children_cpu()
    results = {"machine": machine(), "characters": len(text),
               "cold": _median(cold(text, args.repeat)),
               "warm": _median(warm(text, args.repeat)),
               "peer_jieba_posseg": _median(peer(text, args.repeat)), "repeat": args.repeat}
    print(machine_line(results["machine"]))
    print(f"text: {len(text):,} characters (paragraphs of 000, 001, 002 in turn); medians of "
          f"{args.repeat} runs")
    print("| measure | wall s | CPU s |")
    print("| --- | --- | --- |")
    for label, key in (("cold: gongyun draft in a new process (all included)", "cold"),
                       ("warm: drafting alone (lexicon and jieba loaded)", "warm"),
                       ("peer: jieba.posseg segmentation alone", "peer_jieba_posseg")):
        wall, cpu = results[key]
        print(f"| {label} | {wall:.2f} | {cpu:.2f} |")
    ratio = results["warm"][1] / max(results["peer_jieba_posseg"][1], 1e-9)
    print(f"warm drafting / jieba segmentation (CPU): {ratio:.1f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
