"""The worker pool waits for answers on the event loop (gongyun.api.workers): no thread per
query, and still the time limit that kills and replaces a worker, crash detection, large answers
read in pieces, and a client that goes away mid-query leaving the pool whole."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest

from gongyun.api.storedir import OXIGRAPH, current_dir
from gongyun.api.workers import Job, WorkerPool
from tests.api.conftest import SLOW_QUERY

JSON = "application/sparql-results+json"
ASK = Job("ASK { ?s ?p ?o }", "ask", JSON, 50, True)
SLOW = Job(SLOW_QUERY, "select", JSON, 50, True)


@pytest.fixture(scope="module")
def store_path(settings) -> str:
    return str(current_dir(settings.store_dir) / OXIGRAPH)


def run(coro):
    return asyncio.run(coro)


class NoThreads(ThreadPoolExecutor):
    """An executor that refuses work: waiting for a worker must not need a thread."""

    def submit(self, *args, **kwargs):
        raise AssertionError("a thread was asked to wait for a query worker")


async def started(store_path: str, size: int = 1) -> WorkerPool:
    pool = WorkerPool(store_path, size, 60)
    await pool.start()
    return pool


def idle(pool: WorkerPool) -> int:
    return pool._idle.qsize()


def test_answers_are_awaited_without_a_thread(store_path):
    async def go():
        pool = await started(store_path)
        pool._threads = NoThreads(max_workers=1)
        try:
            outcomes = [await pool.run(ASK, 10, 10) for _ in range(20)]
        finally:
            pool.close()
        return outcomes
    outcomes = run(go())
    assert all(o.kind == "ok" and json.loads(o.body)["boolean"] is True for o in outcomes)


def test_time_limit_kills_and_replaces_the_worker(store_path):
    async def go():
        pool = await started(store_path)
        try:
            pid = next(iter(pool._all)).process.pid
            outcome = await pool.run(SLOW, 0.5, 10)
            after = await pool.run(ASK, 10, 10)  # waits for the replacement
            return pid, outcome, after, pool.status(), next(iter(pool._all)).process.pid
        finally:
            pool.close()
    pid, outcome, after, status, new_pid = run(go())
    assert outcome.kind == "timeout"
    assert after.kind == "ok"
    assert status["replaced_after_timeout_or_crash"] == 1 and status["alive"] == 1
    assert new_pid != pid
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_worker_that_dies_mid_query_is_a_crash_and_replaced(store_path):
    async def go():
        pool = await started(store_path)
        try:
            worker = next(iter(pool._all))
            task = asyncio.ensure_future(pool.run(SLOW, 30, 10))
            await asyncio.sleep(0.3)
            os.kill(worker.process.pid, signal.SIGKILL)
            outcome = await asyncio.wait_for(task, 10)
            after = await pool.run(ASK, 10, 30)
            return outcome, after, pool.status()
        finally:
            pool.close()
    outcome, after, status = run(go())
    assert outcome.kind == "crashed"
    assert after.kind == "ok"
    assert status["replaced_after_timeout_or_crash"] == 1


def test_client_gone_mid_query_leaves_every_worker_in_the_pool(store_path):
    async def go():
        pool = await started(store_path, size=2)
        try:
            slow = asyncio.ensure_future(pool.run(SLOW, 0.8, 10))
            fast = asyncio.ensure_future(pool.run(ASK, 10, 10))
            await asyncio.sleep(0)  # both sent, neither answered
            fast.cancel()  # the clients go away; the workers run on
            await asyncio.sleep(0.2)
            slow.cancel()
            for task in (slow, fast):
                with pytest.raises(asyncio.CancelledError):
                    await task
            # the slow query's worker is killed at its time limit and replaced
            for _ in range(100):
                if idle(pool) == 2 and pool.status()["alive"] == 2:
                    break
                await asyncio.sleep(0.1)
            both = await asyncio.gather(pool.run(ASK, 10, 1), pool.run(ASK, 10, 1))
            return idle(pool), pool.status(), both
        finally:
            pool.close()
    free, status, both = run(go())
    assert free == 2 and status["alive"] == 2
    assert status["replaced_after_timeout_or_crash"] == 1
    assert [o.kind for o in both] == ["ok", "ok"]


def test_a_large_answer_arrives_whole_while_the_loop_keeps_running(store_path):
    big = Job("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000", "select", JSON, 20000, True)

    async def go():
        pool = await started(store_path)
        ticks = 0
        stop = False

        async def ticker():
            nonlocal ticks
            while not stop:
                ticks += 1
                await asyncio.sleep(0)

        try:
            tick_task = asyncio.ensure_future(ticker())
            outcome = await pool.run(big, 30, 10)
            stop = True
            await tick_task
            return outcome, ticks
        finally:
            pool.close()
    outcome, ticks = run(go())
    assert outcome.kind == "ok" and outcome.rows == 20000
    assert len(outcome.body) > 2_000_000
    assert len(json.loads(outcome.body)["results"]["bindings"]) == 20000
    assert ticks > 10  # the loop ran other work while the query ran and the answer was read


def test_a_job_larger_than_the_socket_buffer_under_uvloop(store_path):
    """uvloop's add_reader leaves the worker's fd non-blocking: a query near the 1 MB body
    limit must still be written whole (it once came back as a crash)."""
    uvloop = pytest.importorskip("uvloop")
    long_query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * 900_000

    async def go():
        pool = await started(store_path)
        try:
            first = await pool.run(ASK, 10, 10)  # the reader has been on this fd
            big = await pool.run(Job(long_query, "select", JSON, 50, True), 10, 10)
            return first, big, pool.status()
        finally:
            pool.close()
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        first, big, status = runner.run(go())
    assert first.kind == "ok"
    assert big.kind == "ok" and big.rows == 1
    assert status["replaced_after_timeout_or_crash"] == 0
