"""A private Virtuoso open source server for the tests: its own ini in a temporary folder, both
ports on 127.0.0.1, loaded with the engine's bulk loader (never the system service).

Limits are set on purpose: ResultSetMaxRows above the service's row limit (the service must see
more rows than it returns to signal truncation itself) and MaxQueryExecutionTime as a backstop
behind the `timeout` each query carries.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import httpx

from tests.serving import free_port

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
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
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


class Virtuoso:
    def __init__(self, folder: Path, max_rows: int = 100000, max_seconds: int = 30):
        self.dir = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        (folder / "virtuoso.ini").write_text(INI.format(
            dir=folder, sql_port=self.sql_port, http_port=self.http_port, max_rows=max_rows,
            max_seconds=max_seconds))
        self.log = (folder / "stdout.log").open("w")
        self.proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)

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

    def isql(self, sql: str) -> str:
        done = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba",
                               f"exec={sql}"], capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def bulk_load(self, nquads: Path) -> None:
        """The engine's bulk loader: N-Quads keep their graphs; nothing lands elsewhere."""
        target = self.dir / nquads.name
        shutil.copyfile(nquads, target)
        self.isql(f"ld_dir('{self.dir}', '{nquads.name}', 'urn:gongyun:no-graph');"
                  " rdf_loader_run(); checkpoint;")
        errors = self.isql("SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "\n0\n" not in errors.replace(" ", ""):
            raise RuntimeError(f"bulk load reported errors: {errors}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()
