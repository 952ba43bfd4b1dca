"""Background builds for the workbench: after each save the source is rebuilt from a snapshot
of the annotation files (so the curator keeps working meanwhile), one build at a time per
source, and a save during a build queues one more. The results (problems, coverage) are kept
with the versions of the files they were built from, so the page knows when they are stale.

A paragraph is marked `checked` only after a trial build, of the published graph with that
paragraph's file as `review: checked`, passes (gongyun.curate.rebuild)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gongyun.curate.model import file_version

TIMEOUT = 600


@dataclass
class BuildState:
    status: str = "idle"  # idle | running
    queued: bool = False
    result: dict | None = None
    versions: dict[str, str] = field(default_factory=dict)  # file name -> version built
    started: float | None = None
    seconds: float | None = None
    runs: int = 0


def run_build(graph_dir: Path, work: Path, source: str, annotations: Path,
              published: bool = False) -> dict:
    """One build in its own process; its JSON answer."""
    args = [sys.executable, "-m", "gongyun.curate.rebuild", source, "--annotations",
            str(annotations), "--out", str(work / "out")]
    if published:
        args.append("--published")
    env = {**os.environ, "GONGYUN_GRAPH_DIR": str(graph_dir), "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, env=env,
                          cwd=work, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"ok": False, "problems": [{"file": None, "line": None, "severity": "error",
                                           "message": "the build stopped: "
                                           + (done.stderr.strip()[-2000:] or "no output")}]}
    return json.loads(lines[-1])


def snapshot(graph_dir: Path, into: Path) -> Path:
    """A copy of the annotation files as they are now."""
    target = into / "annotations"
    shutil.copytree(graph_dir / "annotations", target)
    return target


class Builds:
    def __init__(self, graph_dir: Path, work: Path,
                 on_result: Callable[[str, dict], None] | None = None):
        self.graph_dir = graph_dir
        self.work = work
        self.states: dict[str, BuildState] = {}
        self.lock = threading.Lock()
        self.on_result = on_result

    def state(self, source: str) -> BuildState:
        with self.lock:
            return self.states.setdefault(source, BuildState())

    def schedule(self, source: str) -> None:
        """Rebuild `source` soon; if a build is running, once more after it."""
        state = self.state(source)
        with self.lock:
            if state.status == "running":
                state.queued = True
                return
            state.status = "running"
        threading.Thread(target=self._loop, args=(source,), daemon=True,
                         name=f"curate-build-{source}").start()

    def _loop(self, source: str) -> None:
        state = self.state(source)
        while True:
            with self.lock:
                state.queued = False
                state.started = time.monotonic()
            result, versions = self._build(source)
            with self.lock:
                state.result, state.versions = result, versions
                state.seconds = round(time.monotonic() - state.started, 1)
                state.runs += 1
            if self.on_result:
                self.on_result(source, result)
            with self.lock:
                if not state.queued:
                    state.status = "idle"
                    return

    def _build(self, source: str) -> tuple[dict, dict[str, str]]:
        self.work.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.work) as tmp:
            annotations = snapshot(self.graph_dir, Path(tmp))
            versions = {p.name: file_version(p) for p in (annotations / source).glob("p*.yaml")}
            return run_build(self.graph_dir, Path(tmp), source, annotations), versions

    def trial(self, source: str, paragraph_name: str, checked_text: str) -> dict:
        """The published build with one paragraph's file replaced by `checked_text`."""
        self.work.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.work) as tmp:
            annotations = snapshot(self.graph_dir, Path(tmp))
            (annotations / source / paragraph_name).write_text(checked_text, encoding="utf-8")
            return run_build(self.graph_dir, Path(tmp), source, annotations, published=True)
