"""A private Virtuoso open source server: its own ini in a folder of ours, both ports on
127.0.0.1, loaded with the engine's bulk loader (never the system service). Used by the backend
benchmark (bench.backends) and the Virtuoso tests (tests/virtuoso).

Limits are set on purpose: ResultSetMaxRows above the service's row limit (the service must see
more rows than it returns to signal truncation itself) and MaxQueryExecutionTime as a backstop
behind the `timeout` each query carries. Buffers are sized with `buffers_for`: Virtuoso's
documentation gives NumberOfBuffers as about 2/3 of the memory the server may use, in 8 KB
pages, and MaxDirtyBuffers as about 3/4 of that.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx

from bench.common import free_port, stop_process

PAGE_BYTES = 8192
# The tests' small server: 80 MB of buffers, plenty for the real build's 55,000 quads.
SMALL_BUFFERS = (10000, 6000)

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {dir}
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = 0
"""


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


def buffers_for(memory_bytes: int) -> tuple[int, int]:
    """(NumberOfBuffers, MaxDirtyBuffers) for a server given `memory_bytes` of memory."""
    buffers = max(SMALL_BUFFERS[0], int(memory_bytes * 2 / 3) // PAGE_BYTES)
    return buffers, buffers * 3 // 4


def memory_for(data_bytes: int, machine_bytes: int) -> int:
    """Memory to give Virtuoso for an N-Quads file of `data_bytes`: its database takes about
    the file's size or less (measured: 0.6x at 10^6 quads), three times that keeps every page
    and the loader's working space in memory; never more than a third of the machine (the
    embedded store and the client run beside it), never less than 512 MB."""
    return max(512 * 2**20, min(3 * data_bytes, machine_bytes // 3))


def ini_text(folder: Path, sql_port: int, http_port: int, *, buffers: tuple[int, int],
             max_rows: int, max_seconds: int) -> str:
    return INI.format(dir=folder, sql_port=sql_port, http_port=http_port, buffers=buffers[0],
                      dirty=buffers[1], max_rows=max_rows, max_seconds=max_seconds)


class Virtuoso:
    def __init__(self, folder: Path, max_rows: int = 100000, max_seconds: int = 30,
                 buffers: tuple[int, int] = SMALL_BUFFERS, cpus: str | None = None):
        self.dir = folder.resolve()  # the server runs in the folder: paths must not be relative
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        (self.dir / "virtuoso.ini").write_text(ini_text(
            self.dir, self.sql_port, self.http_port, buffers=buffers, max_rows=max_rows,
            max_seconds=max_seconds))
        self.log = (self.dir / "stdout.log").open("w")
        pin = ["taskset", "-c", cpus] if cpus else []
        self.proc = subprocess.Popen(
            [*pin, "virtuoso-t", "+foreground", "+configfile", str(self.dir / "virtuoso.ini")],
            cwd=self.dir, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((self.dir / "stdout.log").read_text())
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise RuntimeError("virtuoso did not start: " + (self.dir / "stdout.log").read_text())

    def isql(self, sql: str, timeout: float = 300) -> str:
        done = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba",
                               f"exec={sql}"], capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def bulk_load(self, nquads: Path, timeout: float = 300) -> None:
        """The engine's bulk loader: N-Quads keep their graphs; nothing lands elsewhere. The
        file is linked into the server's folder (DirsAllowed) when it can be, else copied."""
        target = self.dir / nquads.name
        if not target.exists():
            try:
                os.link(nquads, target)
            except OSError:
                shutil.copyfile(nquads, target)
        self.isql(f"ld_dir('{self.dir}', '{nquads.name}', 'urn:gongyun:no-graph');"
                  " rdf_loader_run(); checkpoint;", timeout=timeout)
        errors = self.isql("SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "\n0\n" not in errors.replace(" ", ""):
            raise RuntimeError(f"bulk load reported errors: {errors}")

    def database_bytes(self) -> int:
        """The database and transaction files (after a checkpoint the log is near empty)."""
        return sum(p.stat().st_size for p in (self.dir / "virtuoso.db",
                                              self.dir / "virtuoso.trx") if p.exists())

    def stop(self) -> None:
        stop_process(self.proc, grace=30)
        with contextlib.suppress(OSError):
            self.log.close()
