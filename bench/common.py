"""What the benchmarks share: child processes that report JSON, percentiles, the machine,
writing a generated table into docs/performance.md between markers, loopback ports and
stopping the servers they start."""

from __future__ import annotations

import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from gongyun.docblocks import write_between_markers  # noqa: F401 - the benchmarks' writer

OUT_DIR = Path("build/performance")
DOC = Path("docs/performance.md")


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (servers here never listen anywhere else)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(proc: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds; returns once the process is gone."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p95 is a measured time)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": statistics.median(ms), "p95": percentile(ms, 95),
            "p99": percentile(ms, 99), "mean": statistics.fmean(ms)}


def run_child(module: str, task: str, params: dict, timeout: float) -> dict:
    """Run `python -m module --child task --params JSON` and return the JSON it prints last.
    A child that times out or fails reports {"error": ...} instead of stopping the run."""
    cmd = [sys.executable, "-m", module, "--child", task, "--params", json.dumps(params)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"error": f"exit {proc.returncode}: {' | '.join(tail)}",
                "wall_s": time.perf_counter() - started}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"nproc": os.cpu_count(), "cpu": model, "memory_gb": round(mem_gb, 1),
            "python": platform.python_version(), "kernel": platform.release(),
            "load_avg_1m": round(os.getloadavg()[0], 2)}


def machine_line(m: dict) -> str:
    return (f"{m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}, "
            f"Linux {m['kernel']}; 1-minute load average at start {m['load_avg_1m']}")


def fmt_ms(value: float | None) -> str:
    if value is None or value != value:  # NaN
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def fmt_n(value: float) -> str:
    exp = len(str(int(value))) - 1
    return f"10^{exp}" if value == 10**exp else f"{value:,.0f}"
