"""A scratch data folder for the workbench's tests: a copy of graph/ with the walkthrough text
of docs/adding-a-source.md added as source 003 and drafted (`gongyun source add`, `gongyun
draft`), and `gongyun curate` started over it on 127.0.0.1."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml

from bench.common import free_port, stop_process
from gongyun.paths import GRAPH_DIR

WALKTHROUGH = Path(__file__).parent / "data" / "draft" / "walkthrough.txt"
SOURCE = "003"


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n.endswith(".py") or n in ("__pycache__", "draft")}


def drafted_graph(root: Path) -> Path:
    """graph/ copied under `root`, with text 003 added and drafted; returns the copy."""
    graph = root / "graph"
    shutil.copytree(GRAPH_DIR, graph, ignore=_ignore)
    # The commands as a curator runs them, each in its own process.
    for args in (["source", "add", str(WALKTHROUGH), "--id", SOURCE, "--title-zh",
                  "汉阳兵工厂工人（测试文本）", "--title-en", "Hanyang Arsenal workers (test text)",
                  "--covers", "a test text"], ["draft", SOURCE]):
        subprocess.run([sys.executable, "-m", "gongyun.cli", *args, "--graph-dir", str(graph)],
                       check=True, capture_output=True, timeout=300)
    return graph


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def find(data: dict, ident: str) -> dict | None:
    """The entity, claim, mention or value `ident` of an annotation file's data."""
    for entity in data.get("entities") or []:
        if entity["id"] == ident:
            return entity
    for ev in data.get("evidence") or []:
        for key in ("claims", "mentions", "values"):
            for item in ev.get(key) or []:
                if item["id"] == ident:
                    return item
    return None


def copy_graph(template: Path, root: Path) -> Path:
    graph = root / "graph"
    shutil.copytree(template, graph)
    return graph


@dataclass
class Workbench:
    process: subprocess.Popen
    port: int
    token: str
    graph: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return self.base

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path}?token={self.token}"

    def file(self, paragraph: int, source: str = SOURCE) -> Path:
        return self.graph / "annotations" / source / f"p{paragraph:02d}.yaml"

    def stop(self) -> None:
        stop_process(self.process)


def start_workbench(graph: Path, work: Path, index: bool = False,
                    wait: float = 120) -> Workbench:
    """`gongyun curate --graph-dir GRAPH` on a free port; returns once it prints its URL and
    answers."""
    port = free_port()
    log = work / "curate.log"
    work.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "gongyun.cli", "curate", "--graph-dir", str(graph),
            "--port", str(port), "--work", str(work / "work")]
    if not index:
        args.append("--no-index")
    with log.open("w") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=work,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gongyun curate exited: {log.read_text()[-3000:]}")
        found = re.search(r"open http://127\.0\.0\.1:(\d+)/\?token=(\S+)", log.read_text())
        if found:
            bench = Workbench(process, int(found.group(1)), found.group(2), graph, log)
            try:
                if httpx.get(bench.url(), timeout=2).status_code == 200:
                    return bench
            except httpx.TransportError:
                pass
        time.sleep(0.2)
    stop_process(process)
    raise RuntimeError(f"gongyun curate not ready within {wait} s: {log.read_text()[-3000:]}")
