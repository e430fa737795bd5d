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


@dataclass
class _Job(Generic[T]):
    token: str
    method: str
    path: str
    work: Callable[[Connection, Principal], T]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[T]
    ok: bool = False
    value: Any = None


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
        self._max_threads = 1 if ctx.engine.dialect.name == "sqlite" else PARALLEL_BATCHES
        self.batches = 0  # how many transactions so far (for tests and benches)
        self.jobs = 0

    async def run(
        self, token: str, method: str, path: str, work: Callable[[Connection, Principal], T]
    ) -> T:
        loop = asyncio.get_running_loop()
        job: _Job[T] = _Job(token, method, path, work, loop, loop.create_future())
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
                    if not job.ok and job.value is None:
                        job.value = exc
            self._deliver(batch)

    def _run(self, batch: list[_Job[Any]]) -> None:
        with self._guard:
            self.batches += 1
            self.jobs += len(batch)
        with self.ctx.engine.connect() as connection:
            admitted: list[tuple[_Job[Any], Principal]] = []
            entries: list[dict[str, Any]] = []
            for job in batch:
                try:
                    principal = authorize(connection, self.ctx, job.token)
                    entries.append(access_entry(connection, principal, job.method, job.path))
                except Exception as exc:  # a Problem, or the database's error
                    job.value = exc
                    continue
                admitted.append((job, principal))
            if not admitted:
                return
            try:
                append_many(connection, self.ctx.clock, entries)
            except Exception as exc:  # not logged: nobody is answered with data
                for job, _principal in admitted:
                    job.value = exc
                return
            try:
                for job, principal in admitted:
                    try:
                        job.value = job.work(connection, principal)
                        job.ok = True
                    except Exception as exc:  # this request's own failure
                        job.value = exc
            finally:
                connection.rollback()  # the reads' transaction; nothing was written

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
    with _BATCHERS_GUARD:
        found = _BATCHERS.get(ctx)
        if found is None:
            found = _BATCHERS[ctx] = ReadBatcher(ctx)
        return found
