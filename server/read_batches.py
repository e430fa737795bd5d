"""Signed-in fast reads served in batches by one database thread (group commit).

Profiling `GET /v1/tracks?limit=100` at 50 connections showed the per-request SQLite work
(token select, access-log append, 101-row page, JSON) at about 0.2 ms of CPU single-threaded,
yet the server spent about 1 ms of CPU per request: ~18 voluntary context switches per request
(a hop to a worker thread and back, up to 16 threads contending for the GIL and for the
database's write lock) and one write transaction per request. Here every fast read is queued to
ONE thread per process (SQLite has one writer anyway; PostgreSQL gets `PARALLEL_BATCHES`, so
its round trips overlap) that takes whatever has queued up meanwhile as a batch and, on one
connection:

1. checks each request's token (no cache: a revoked or expired token fails on its next
   request, in every worker process, exactly as before);
2. appends every admitted request's access-log entry in ONE transaction and commits it
   (`server.audit.append_many`), so the write lock is taken once per batch, not per request;
3. only then runs each request's read, and hands all the answers back to the event loop in
   one wake-up.

No request is answered before its entry is committed: the promise that every answered read is
in the subject's log holds even if the process is killed (tests/server/test_read_batches.py).
A batching thread holds one pooled connection only while a batch runs and never waits for
anything else while holding it, so it cannot take part in a pool deadlock. It exits after a
short idle time and is started again by the next request.

A read whose cost is not bounded by its page size (a text search may walk a subject's whole
history: hundreds of milliseconds over a million entries) is submitted as `slow`: its token
check and entry still go through the batch (same transaction, same commit), but its read
then runs on one of a few slow-lane threads, each on its own connection, and is answered from
there. On the batching thread it would hold every other read of the process behind it
(tests/server/test_fast_reads_beside_slow_search.py measured first pages of other shoppers
waiting ~1 s behind 270 ms searches). The lane is small (`SLOW_LANES`) so that searches queue
among themselves instead of crowding the batching thread off the two cores.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection

from server.audit import append_many
from server.context import ShopContext
from server.deps import Principal, access_entry, authorize

T = TypeVar("T")

# At most this many requests share a transaction: a batch's answers wait for its slowest read.
MAX_BATCH = 64
# Batching threads per process on PostgreSQL (and other server databases).
PARALLEL_BATCHES = 4
# The thread stops after this long without work (and is started again on demand).
IDLE_SECONDS = 2.0
# Threads per process that run slow reads (after their entries are committed by a batch).
# SQLite scans run in this process, so at most one per core beside the batching thread; a
# server database does the scanning itself and the thread only waits for its answer.
SLOW_LANES_SQLITE = 2
SLOW_LANES = 4


@dataclass
class _Job(Generic[T]):
    token: str
    method: str
    path: str
    work: Callable[[Connection, Principal], T]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[T]
    slow: bool = False
    ok: bool = False
    value: Any = None
    principal: Principal | None = None  # set once admitted (a slow read runs with it later)
    handed_on: bool = False  # a slow read passed to the slow lane, which answers it


def _settle(jobs: list[_Job[Any]]) -> None:
    # on the event loop: a request whose client went away has a cancelled future
    for job in jobs:
        if job.future.done():
            continue
        if job.ok:
            job.future.set_result(job.value)
        else:
            job.future.set_exception(job.value)


class ReadBatcher:
    """The batching thread of one shop context (one per server process)."""

    def __init__(self, ctx: ShopContext) -> None:
        self.ctx = ctx
        self._queue: queue.SimpleQueue[_Job[Any]] = queue.SimpleQueue()
        self._guard = threading.Lock()
        self._threads = 0
        # SQLite has one writer at a time anyway: one thread. A server database answers over
        # a socket, so a few threads keep its round trips overlapping (each still batches).
        sqlite = ctx.engine.dialect.name == "sqlite"
        self._max_threads = 1 if sqlite else PARALLEL_BATCHES
        self._slow_queue: queue.SimpleQueue[_Job[Any]] = queue.SimpleQueue()
        self._slow_threads = 0
        self._max_slow_threads = SLOW_LANES_SQLITE if sqlite else SLOW_LANES
        self.batches = 0  # how many transactions so far (for tests and benches)
        self.jobs = 0
        self.slow_jobs = 0  # reads run on the slow lane

    async def run(
        self,
        token: str,
        method: str,
        path: str,
        work: Callable[[Connection, Principal], T],
        *,
        slow: bool = False,
    ) -> T:
        """`work`'s result once the call's entry is committed; `slow`: run it off the batch."""
        loop = asyncio.get_running_loop()
        job: _Job[T] = _Job(token, method, path, work, loop, loop.create_future(), slow)
        with self._guard:
            self._queue.put(job)
            if self._threads < self._max_threads:
                self._threads += 1
                threading.Thread(target=self._serve, name="shop-read-batches", daemon=True).start()
        return await job.future

    def _serve(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._guard:
                    if self._queue.empty():
                        self._threads -= 1
                        return
                continue
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._run(batch)
            except BaseException as exc:  # every waiting request gets the error
                for job in batch:
                    if not job.handed_on and not job.ok and job.value is None:
                        job.value = exc
            # a slow read handed on is answered by the slow lane (its thread owns the job now)
            self._deliver([job for job in batch if not job.handed_on])

    def _run(self, batch: list[_Job[Any]]) -> None:
        with self._guard:
            self.batches += 1
            self.jobs += len(batch)
        with self.ctx.engine.connect() as connection:
            admitted: list[tuple[_Job[Any], Principal]] = []
            entries: list[dict[str, Any]] = []
            # The app reads several pages at once with one token: within one batch (one
            # moment, one connection) a token's check and its entry's fields are looked up once.
            # A failed check is not remembered: each refused call gets its own answer.
            checked: dict[str, Principal] = {}
            described: dict[tuple[str, str, str], dict[str, Any]] = {}
            for job in batch:
                try:
                    principal = checked.get(job.token) or authorize(connection, self.ctx, job.token)
                    checked[job.token] = principal
                    key = (job.token, job.method, job.path)
                    entry = described.get(key)
                    if entry is None:
                        entry = described[key] = access_entry(
                            connection, principal, job.method, job.path
                        )
                    entries.append(dict(entry))  # one entry (one chain link) per call
                except Exception as exc:  # a Problem, or the database's error
                    job.value = exc
                    continue
                job.principal = principal
                admitted.append((job, principal))
            if not admitted:
                return
            try:
                append_many(connection, self.ctx.clock, entries)
            except Exception as exc:  # not logged: nobody is answered with data
                for job, _principal in admitted:
                    job.value = exc
                return
            # Committed: the slow reads may start now, each on its own connection.
            for job, _principal in admitted:
                if job.slow:
                    self._hand_on(job)
            try:
                for job, principal in admitted:
                    if job.slow:
                        continue
                    try:
                        job.value = job.work(connection, principal)
                        job.ok = True
                    except Exception as exc:  # this request's own failure
                        job.value = exc
            finally:
                connection.rollback()  # the reads' transaction; nothing was written

    def _hand_on(self, job: _Job[Any]) -> None:
        job.handed_on = True
        with self._guard:
            self.slow_jobs += 1
            self._slow_queue.put(job)
            if self._slow_threads < self._max_slow_threads:
                self._slow_threads += 1
                threading.Thread(
                    target=self._serve_slow, name="shop-slow-reads", daemon=True
                ).start()

    def _serve_slow(self) -> None:
        while True:
            try:
                job = self._slow_queue.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._guard:
                    if self._slow_queue.empty():
                        self._slow_threads -= 1
                        return
                continue
            principal = job.principal
            try:
                if principal is None:  # cannot happen: only admitted reads are handed on
                    raise RuntimeError("a slow read was handed on without its caller")
                with self.ctx.engine.connect() as connection:
                    try:
                        job.value = job.work(connection, principal)
                        job.ok = True
                    finally:
                        connection.rollback()  # a read: nothing to keep
            except BaseException as exc:  # the read's or the database's error
                job.ok = False
                job.value = exc
            self._deliver([job])

    @staticmethod
    def _deliver(batch: list[_Job[Any]]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[_Job[Any]]] = {}
        for job in batch:
            by_loop.setdefault(job.loop, []).append(job)
        for loop, jobs in by_loop.items():
            # a closed loop (RuntimeError) has nobody waiting any more
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_settle, jobs)


_BATCHERS: weakref.WeakKeyDictionary[ShopContext, ReadBatcher] = weakref.WeakKeyDictionary()
_BATCHERS_GUARD = threading.Lock()


def batcher_for(ctx: ShopContext) -> ReadBatcher:
    """The context's batcher, created on first use."""
    found = _BATCHERS.get(ctx)  # every fast read asks: no lock once it exists
    if found is not None:
        return found
    with _BATCHERS_GUARD:
        found = _BATCHERS.get(ctx)
        if found is None:
            found = _BATCHERS[ctx] = ReadBatcher(ctx)
        return found
