"""`gongyun serve` for end-to-end tests: a free loopback port, a wait for /health, a clean stop.
Every suite that starts the real server goes through here (the crash tests, which kill it on
purpose, manage their process themselves)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.common import free_port, stop_process


@dataclass
class ServeProcess:
    """A running `gongyun serve`: its process, port and log."""

    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def health(self, timeout: float = 5) -> dict:
        return httpx.get(self.url + "/health", timeout=timeout).json()

    def stop(self) -> None:
        stop_process(self.process)


def start_serve(args: list[str], log: Path, *, env: dict[str, str] | None = None,
                cwd: Path | None = None, wait: float = 120,
                python: Path | str = sys.executable) -> ServeProcess:
    """Start `gongyun serve ARGS` on 127.0.0.1 and a free port (with `python`, this
    interpreter unless told); return once /health answers."""
    port = free_port()
    with log.open("w") as out:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [str(python), "-m", "gongyun.cli", "serve", "--host", "127.0.0.1",
             "--port", str(port), *args],
            stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
    served = ServeProcess(process, port, log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(served.url + "/health", timeout=1).status_code == 200:
                return served
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    served.stop()
    raise RuntimeError(f"server not ready within {wait} s: {log.read_text()[-3000:]}")
