"""A connection attempt from inside a query worker of a running server's store: a SERVICE query
handed straight to a WorkerPool (so wall 1, the token check, is not in the way)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from gongyun.api.storedir import OXIGRAPH, current_dir
from gongyun.api.workers import Job, Outcome, WorkerPool


def worker_connect_attempt(store_dir: Path, port: int) -> Outcome:
    pool = WorkerPool(str(current_dir(store_dir) / OXIGRAPH), 1, 60)
    job = Job(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
              "select", "application/sparql-results+json", 10, True)

    async def run() -> Outcome:
        await pool.start()
        try:
            assert pool.status()["network_isolated"], pool.status()
            return await pool.run(job, 10, 10)
        finally:
            pool.close()

    return asyncio.run(run())
