"""The pool of query worker processes: each opens the read-only store, runs one query at a time
and sends back the fully serialised answer.

Wall 2 of keeping the endpoint off the network: every worker first moves itself into a new,
empty network namespace (unshare(CLONE_NEWNET), allowed to root), where not even loopback is up,
so a query that somehow reached pyoxigraph's SERVICE client could not connect anywhere. The
outcome is reported to the parent and shown by /health.

A query that runs past its time limit gets its worker killed (SIGKILL) and replaced while the
other workers keep serving. Processes are started with the `spawn` context (never fork: the
parent holds threads and an event loop).

This module is imported by the workers, so it imports nothing from the web stack.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import re
import select
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox

from gongyun.api import serialize
from gongyun.namespaces import PREFIXES

CLONE_NEWNET = 0x40000000
log = logging.getLogger("gongyun.api.workers")


# pyoxigraph's words for a call of a function it does not know (an extension function).
UNKNOWN_FUNCTION = re.compile(r"The custom function <([^<>\s]+)> is not supported")


@dataclass(frozen=True)
class Job:
    query: str
    form: str  # select | ask | construct | describe, from the safety lexer
    media_type: str
    limit: int
    union_default_graph: bool
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    variable_order: tuple[str, ...] = ()  # of `SELECT *`, as written in the query
    base_iri: str | None = None


@dataclass(frozen=True)
class Outcome:
    kind: str  # ok | syntax | unknown_function | error | timeout | crashed
    media_type: str = ""
    body: bytes = b""
    rows: int = 0
    truncated: bool = False
    message: str = ""


def isolate_network() -> tuple[bool, str]:
    """Leave the host's network: a new network namespace has only a down loopback interface."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWNET) != 0:
            errno = ctypes.get_errno()
            return False, f"unshare(CLONE_NEWNET) failed: {os.strerror(errno)}"
    except (OSError, AttributeError) as exc:
        return False, f"unshare(CLONE_NEWNET) unavailable: {exc}"
    return True, "network namespace without interfaces"


def execute(store: ox.Store, job: Job) -> Outcome:
    kwargs: dict = {"base_iri": job.base_iri} if job.base_iri else {}
    if job.default_graphs or job.named_graphs:
        # A request that names graphs gets exactly that dataset (SPARQL 1.1 Protocol 2.1.4).
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    elif job.union_default_graph:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(job.query, **kwargs)
        if isinstance(result, ox.QuerySolutions):
            written = serialize.write_select(result, job.media_type, job.limit,
                                             job.variable_order)
        elif isinstance(result, ox.QueryBoolean):
            written = serialize.write_ask(bool(result), job.media_type)
        else:
            written = serialize.write_graph(result, job.media_type, job.limit, PREFIXES)
    except SyntaxError as exc:
        return Outcome("syntax", message=str(exc))
    except ValueError as exc:
        # The lexer's guess of the form and the real one differ: no writer for this type.
        return Outcome("syntax", message=f"cannot answer this query as {job.media_type}: {exc}")
    except OSError:
        # Never echo the library's text: it may quote a remote payload.
        return Outcome("error", message="the query could not be evaluated against the store")
    except RuntimeError as exc:
        # pyoxigraph's evaluation errors (an unsupported custom function, ...): uncaught, they
        # would end the worker and cost a restart. The text is not echoed; only the IRI of an
        # unknown function, which is the client's own.
        unknown = UNKNOWN_FUNCTION.fullmatch(str(exc))
        if unknown:
            return Outcome("unknown_function", message=unknown.group(1))
        return Outcome("error", message="the query could not be evaluated: it uses a function"
                                        " or feature this engine does not support")
    return Outcome("ok", job.media_type, written.body, written.rows, written.truncated)


def copy_to_memory(store: ox.Store) -> ox.Store:
    """Every quad of `store` in a new in-memory store (terms as they are, blank nodes with
    their ids, so both answer alike). The copy is only ever queried, never updated."""
    memory = ox.Store()
    memory.bulk_extend(store.quads_for_pattern(None, None, None, None))
    return memory


def worker_main(conn, store_path: str, isolate: bool = True, in_memory: bool = False) -> None:
    # An operator's service_allowlist needs the network: the first wall then keeps SERVICE to
    # the allowed endpoints.
    isolated, detail = isolate_network() if isolate else (
        False, "not isolated: service_allowlist is set (SERVICE only to those endpoints)")
    started = time.perf_counter()
    try:
        store = ox.Store.read_only(store_path)
        if in_memory:
            store = copy_to_memory(store)
    except OSError as exc:
        conn.send(("failed", {"detail": str(exc)}))
        return
    conn.send(("ready", {"network_isolated": isolated, "detail": detail, "pid": os.getpid(),
                         "in_memory": in_memory,
                         "open_seconds": round(time.perf_counter() - started, 3)}))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        # plain pickle: Connection.send's ForkingPickler copies copyreg's dispatch table per call
        conn.send_bytes(pickle.dumps(execute(store, job), pickle.HIGHEST_PROTOCOL))


CRASHED = "the query worker stopped unexpectedly"
_HEADER = struct.Struct("!i")  # multiprocessing.Connection's framing: a signed 32-bit length,
_LONG_HEADER = struct.Struct("!Q")  # or -1 and an unsigned 64-bit length for 2 GB and more
_READ_SIZE = 1 << 20


def _send_frame(fd: int, payload: bytes, timeout: float) -> None:
    """`payload` in multiprocessing.Connection's framing, written to `fd` whether or not the fd
    is non-blocking: uvloop's add_reader switches it to non-blocking for good, and a job larger
    than the socket buffer (a query near the 1 MB body limit) then fills it. The idle worker
    reads at once, so waiting here holds the loop only as long as that copy takes."""
    size = len(payload)
    header = _HEADER.pack(size) if size <= 0x7FFFFFFF else (
        _HEADER.pack(-1) + _LONG_HEADER.pack(size))
    view = memoryview(header + payload)
    deadline = time.monotonic() + timeout
    while view:
        try:
            view = view[os.write(fd, view):]
        except (BlockingIOError, InterruptedError):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the query worker did not read its job") from None
            select.select([], [fd], [], left)


class _AnswerReader:
    """One answer read off a worker's pipe by the event loop: `os.read` after readability
    returns what is there without blocking; the frame is completed over as many callbacks as it
    takes, then unpickled. EOF resolves `answer` as a crash; the time limit as a timeout."""

    def __init__(self, fd: int, answer: asyncio.Future, timeout: float,
                 loop: asyncio.AbstractEventLoop):
        self.fd = fd
        self.answer = answer
        self.loop = loop
        self.buffer = bytearray()
        self.size: int | None = None
        self.start = 0
        loop.add_reader(fd, self._readable)
        self.timer = loop.call_later(timeout, self._finish, Outcome("timeout"))

    def _finish(self, outcome: Outcome) -> None:
        self.loop.remove_reader(self.fd)
        self.timer.cancel()
        if not self.answer.done():
            self.answer.set_result(outcome)

    def _readable(self) -> None:
        try:
            chunk = os.read(self.fd, _READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return  # nothing there after all: wait for the next readiness
        except OSError:
            chunk = b""
        if not chunk:
            self._finish(Outcome("crashed", message=CRASHED))
            return
        self.buffer += chunk
        if self.size is None and not self._read_header():
            return
        if len(self.buffer) >= self.start + self.size:
            body = memoryview(self.buffer)[self.start:self.start + self.size]
            try:
                outcome = pickle.loads(body)
            except Exception:  # a garbled frame: treat the worker as broken
                outcome = Outcome("crashed", message=CRASHED)
            body.release()
            self._finish(outcome)

    def _read_header(self) -> bool:
        if len(self.buffer) < _HEADER.size:
            return False
        (size,) = _HEADER.unpack_from(self.buffer)
        if size != -1:
            self.size, self.start = size, _HEADER.size
            return True
        if len(self.buffer) < _HEADER.size + _LONG_HEADER.size:
            return False
        (self.size,) = _LONG_HEADER.unpack_from(self.buffer, _HEADER.size)
        self.start = _HEADER.size + _LONG_HEADER.size
        return True


@dataclass(eq=False)  # identity: a worker is one process
class Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    info: dict = field(default_factory=dict)


class WorkerPool:
    """`size` worker processes over the read-only store at `store_path`."""

    def __init__(self, store_path: str, size: int, start_timeout: float, isolate: bool = True,
                 in_memory: bool = False):
        self.store_path = store_path
        self.isolate = isolate
        self.in_memory = in_memory
        self.size = size
        self.start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=size + 2, thread_name_prefix="gy-pool")
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self.replaced = 0
        self.last_isolation: dict = {}
        self._closed = False

    def _spawn(self) -> Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main, args=(child, self.store_path, self.isolate, self.in_memory),
            daemon=True, name="gongyun-query-worker")
        process.start()
        child.close()
        return Worker(process, parent)

    def _await_ready(self, worker: Worker) -> Worker:
        if not worker.conn.poll(self.start_timeout):
            worker.process.kill()
            raise RuntimeError(f"query worker did not start within {self.start_timeout} s")
        status, info = worker.conn.recv()
        if status != "ready":
            raise RuntimeError(f"query worker could not open the store: {info.get('detail')}")
        worker.info = info
        with self._lock:
            self._all.add(worker)
            self.last_isolation = {"network_isolated": info["network_isolated"],
                                   "detail": info["detail"]}
        return worker

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        spawned = [self._spawn() for _ in range(self.size)]
        loop = asyncio.get_running_loop()
        ready = await asyncio.gather(
            *(loop.run_in_executor(self._threads, self._await_ready, w) for w in spawned)
        )
        for worker in ready:
            self._idle.put_nowait(worker)

    async def run(self, job: Job, timeout: float, queue_timeout: float) -> Outcome | None:
        """The outcome of `job`; None when no worker became free within `queue_timeout`."""
        assert self._idle is not None, "WorkerPool.start() was not awaited"
        worker = await self._acquire(queue_timeout)
        if worker is None:
            return None
        loop = asyncio.get_running_loop()
        answer = self._exchange(worker, job, timeout, loop)
        try:
            outcome = await asyncio.shield(answer)
        except asyncio.CancelledError:
            # The client went away: the worker is still busy (its time limit still runs);
            # settle it when it answers.
            answer.add_done_callback(lambda done: self._settle(worker, done.result(), loop))
            raise
        self._settle(worker, outcome, loop)
        return outcome

    async def _acquire(self, queue_timeout: float) -> Worker | None:
        if not self._idle.empty():  # the common case: no task, no wait
            return self._idle.get_nowait()
        # Not asyncio.wait_for: on 3.11 a get() that completes as the timeout fires loses its
        # item, and a lost worker never comes back.
        getter = asyncio.ensure_future(self._idle.get())
        done, _ = await asyncio.wait({getter}, timeout=queue_timeout)
        if getter in done:
            return getter.result()
        getter.cancel()
        return None

    def _settle(self, worker: Worker, outcome: Outcome, loop: asyncio.AbstractEventLoop) -> None:
        """Back to the idle queue, or killed and replaced after a timeout or a crash."""
        if outcome.kind in ("timeout", "crashed"):
            self._retire(worker)
            if not self._closed:  # an answer that comes in after close() is nobody's
                loop.run_in_executor(self._threads, self._replace, loop)
        elif not self._closed:
            self._idle.put_nowait(worker)

    @staticmethod
    def _exchange(worker: Worker, job: Job, timeout: float,
                  loop: asyncio.AbstractEventLoop) -> asyncio.Future:
        """Send `job` and wait for the answer on the event loop itself (no thread hop): the job
        is a small pickle sent at once; the answer is read as the pipe becomes readable, in
        whatever pieces are there, so a large answer never blocks the loop for long."""
        answer: asyncio.Future = loop.create_future()
        try:
            _send_frame(worker.conn.fileno(), pickle.dumps(job, pickle.HIGHEST_PROTOCOL),
                        timeout)
        except (OSError, TimeoutError):
            answer.set_result(Outcome("crashed", message=CRASHED))
            return answer
        _AnswerReader(worker.conn.fileno(), answer, timeout, loop)
        return answer

    def _retire(self, worker: Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)
            self.replaced += 1

    def _replace(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            worker = self._await_ready(self._spawn())
        except Exception:  # a thread of its own: nobody else would see the failure
            log.exception("could not start a replacement query worker")
            return
        loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def status(self) -> dict:
        """Bookkeeping only: never sends anything to a worker."""
        with self._lock:
            alive = sum(1 for w in self._all if w.process.is_alive())
            isolated = [w.info.get("network_isolated", False) for w in self._all]
            opened = [w.info.get("open_seconds", 0.0) for w in self._all]
        return {
            "size": self.size,
            "alive": alive,
            "replaced_after_timeout_or_crash": self.replaced,
            "network_isolated": bool(isolated) and all(isolated),
            "network_isolation_detail": self.last_isolation.get("detail", "no worker started"),
            "store_in_memory": self.in_memory,
            "slowest_start_seconds": max(opened, default=0.0),
        }

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        for worker in workers:
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
        self._threads.shutdown(wait=False, cancel_futures=True)
