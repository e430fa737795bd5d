"""Rate limits kept in the database, so every worker process of a shop shares them.

Two shapes, both on the `rate_limits` table (one row per key, see `server.models.limits`):

- a **fixed-window counter** (`record`, `check`): at most `limit` events per `window`
  seconds; reaching the limit blocks the key until its window ends;
- a **back-off** (`fail`): the first `free` failures cost nothing, each later one doubles the
  wait (`base`, `2·base`, … up to `cap` seconds); a success `clear`s it, and it is forgotten
  `forget_after` seconds after the last failure.

Every change is one atomic upsert (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so racing
requests in any number of processes count each event once. Keys are hashed (no usernames or
addresses in the table) and expire; expired rows are purged every `purge_every` writes, so the
table stays bounded however many distinct keys arrive. Nothing is kept in process memory.

Limits read the shop's clock (`ctx.clock`), so tests move through them by shifting it. Every
method takes the request's session (`db`): the limit is read and written on the request's own
connection and commits with it (the caller commits; a request never needs a second connection,
and SQLite never sees two writers from one request). Without `db` a method runs in its own
short transaction.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import (
    BindParameter,
    Engine,
    Float,
    Table,
    bindparam,
    case,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from server.errors import Problem
from server.models.limits import RateLimitEntry

_T: Table = RateLimitEntry.__table__  # type: ignore[assignment]
_R = TypeVar("_R")
PURGE_BATCH = 5000  # expired keys deleted at most per purge (one every `purge_every` writes)
Db = Session | Connection | None


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def too_many(wait: int, what: str) -> Problem:
    """The 429 problem every limit answers with."""
    return Problem(
        429,
        "rate_limited",
        f"Too many {what}. Try again in {wait} seconds.",
        headers={"Retry-After": str(wait)},
    )


class RateLimits:
    """The shop's limits over its database; `now` gives epoch seconds (the shop's clock)."""

    def __init__(self, engine: Engine, now: Callable[[], float], purge_every: int = 500) -> None:
        self._engine = engine
        self._now = now
        self._insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
        if engine.dialect.name not in ("postgresql", "sqlite"):
            raise RuntimeError(f"rate limits need SQLite or PostgreSQL, not {engine.dialect.name}")
        self.purge_every = purge_every
        self._writes = 0
        self._writes_lock = threading.Lock()
        self._build()

    # -- reading -------------------------------------------------------------------------------
    def _run(self, db: Db, work: Callable[[Session | Connection], _R]) -> _R:
        if db is not None:
            return work(db)
        with self._engine.begin() as conn:
            return work(conn)

    def blocked_for(self, key: str, db: Db = None) -> int:
        """Whole seconds until `key` may act again (0: now)."""
        now = self._now()
        query = select(_T.c.blocked_until).where(_T.c.key == _hashed(key))
        until = self._run(db, lambda conn: conn.execute(query).scalar())
        if until is None or until <= now:
            return 0
        return max(1, math.ceil(until - now))

    def count(self, key: str, db: Db = None) -> int:
        """Events counted for `key` now (0 when unknown or expired)."""
        now = self._now()
        query = select(_T.c.count, _T.c.expires_at).where(_T.c.key == _hashed(key))
        row = self._run(db, lambda conn: conn.execute(query).first())
        return int(row[0]) if row is not None and row[1] > now else 0

    def size(self, db: Db = None) -> int:
        """Rows in the table (expired ones included until the next purge)."""
        query = select(func.count()).select_from(_T)
        return int(self._run(db, lambda conn: conn.execute(query).scalar_one()))

    # -- counting ------------------------------------------------------------------------------
    def record(self, key: str, *, limit: int, window: float, db: Db = None) -> tuple[int, int]:
        """Count one event in the key's window; returns (count, seconds blocked from now)."""
        now = self._now()
        params = {"k": _hashed(key), "now": now, "cutoff": now - window, "end": now + window}

        def work(conn: Session | Connection) -> tuple[int, int]:
            count, start = conn.execute(self._window_upsert, params).one()
            wait = 0
            if count >= limit:
                until = start + window
                conn.execute(self._block, {"k": params["k"], "until": until})
                wait = max(1, math.ceil(until - now))
            self._wrote(conn)
            return int(count), wait

        return self._run(db, work)

    def check(self, key: str, *, limit: int, window: float, what: str, db: Db = None) -> None:
        """Count one event; raise a 429 problem when it is over the limit."""
        count, wait = self.record(key, limit=limit, window=window, db=db)
        if count > limit:
            raise too_many(wait, what)

    def fail(
        self, key: str, *, free: int, base: float, cap: float, forget_after: float, db: Db = None
    ) -> tuple[int, int, int]:
        """Count one failure for a back-off.

        Returns (failures, seconds blocked from now on, seconds the key was already blocked
        before this failure). Counting a try as failed *before* checking it (and refunding a
        success with `clear`) is what stops a burst of parallel tries from outrunning the
        limit: the third number tells a try that a racing one has just blocked the key.
        """
        now = self._now()
        params = {
            "k": _hashed(key),
            "now": now,
            "cutoff": now - forget_after,
            "end": now + forget_after,
        }

        def work(conn: Session | Connection) -> tuple[int, int, int]:
            count, before = conn.execute(self._failure_upsert, params).one()
            failures = int(count)
            wait = 0.0
            if failures > free:
                wait = min(cap, base * 2.0 ** min(failures - free - 1, 62))
                conn.execute(self._block, {"k": params["k"], "until": now + wait})
            self._wrote(conn)
            blocked_before = max(1, math.ceil(before - now)) if before > now else 0
            return failures, max(1, math.ceil(wait)) if wait else 0, blocked_before

        return self._run(db, work)

    def _build(self) -> None:
        """The statements, built once with bound parameters (so compiled once, and cached)."""
        now: BindParameter[float] = bindparam("now", type_=Float())
        cutoff: BindParameter[float] = bindparam("cutoff", type_=Float())
        end: BindParameter[float] = bindparam("end", type_=Float())
        stale = _T.c.window_start <= cutoff
        fresh_row = {
            "key": bindparam("k"),
            "count": 1,
            "window_start": now,
            "blocked_until": 0.0,
            "expires_at": end,
        }
        # a window that has ended starts over; otherwise count on within it
        self._window_upsert = (
            self._insert(_T)
            .values(**fresh_row)
            .on_conflict_do_update(
                index_elements=[_T.c.key],
                set_={
                    "count": case((stale, 1), else_=_T.c.count + 1),
                    "window_start": case((stale, now), else_=_T.c.window_start),
                    "blocked_until": case((stale, 0.0), else_=_T.c.blocked_until),
                    "expires_at": case((stale, end), else_=_T.c.expires_at),
                },
            )
            .returning(_T.c.count, _T.c.window_start)
        )
        # window_start holds the last failure: a key quiet for `forget_after` starts over
        self._failure_upsert = (
            self._insert(_T)
            .values(**fresh_row)
            .on_conflict_do_update(
                index_elements=[_T.c.key],
                set_={
                    "count": case((stale, 1), else_=_T.c.count + 1),
                    "window_start": now,
                    "expires_at": case((_T.c.expires_at < end, end), else_=_T.c.expires_at),
                },
            )
            # blocked_until is not set by this upsert: RETURNING gives the value from before
            .returning(_T.c.count, _T.c.blocked_until)
        )
        until: BindParameter[float] = bindparam("until", type_=Float())
        # never shortens a wait a racing event has already set; the row lives at least as long
        self._block = (
            update(_T)
            .where(_T.c.key == bindparam("k"), _T.c.blocked_until < until)
            .values(
                blocked_until=until,
                expires_at=case((_T.c.expires_at < until, until), else_=_T.c.expires_at),
            )
        )

    def refund(self, key: str, *, limit: int, db: Db = None) -> None:
        """Take back one event counted ahead of time (the try succeeded after all)."""
        statement = (
            update(_T)
            .where(_T.c.key == _hashed(key), _T.c.count > 0)
            .values(
                count=_T.c.count - 1,
                blocked_until=case((_T.c.count - 1 < limit, 0.0), else_=_T.c.blocked_until),
            )
        )
        self._run(db, lambda conn: conn.execute(statement))

    def clear(self, key: str, db: Db = None) -> None:
        """Forget `key` (a success ends a back-off)."""
        statement = delete(_T).where(_T.c.key == _hashed(key))
        self._run(db, lambda conn: conn.execute(statement))

    # -- keeping it small ----------------------------------------------------------------------
    def purge(self, db: Db = None) -> int:
        """Delete expired keys; returns how many went."""
        # In batches, skipping rows another transaction holds (PostgreSQL): two purges, or a
        # purge and an upsert reviving an expired key, then never wait on each other.
        expired = (
            select(_T.c.key)
            .where(_T.c.expires_at <= self._now())
            .limit(PURGE_BATCH)
            .with_for_update(skip_locked=True)
        )
        statement = delete(_T).where(_T.c.key.in_(expired.scalar_subquery()))
        result: Any = self._run(db, lambda conn: conn.execute(statement))
        return int(result.rowcount or 0)

    def _wrote(self, conn: Session | Connection) -> None:
        """Count writes in this process; every `purge_every`-th one purges expired keys."""
        with self._writes_lock:
            self._writes += 1
            due = self._writes >= self.purge_every
            if due:
                self._writes = 0
        if due:
            self.purge(conn)
