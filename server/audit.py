"""Appending to the subject's hash-chained access log.

Each entry's `hash` is SHA-256 (hex) of the canonical JSON of
`{"seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash"}`; the first entry's
`prev_hash` is 64 zeros. Any edit, deletion or reordering breaks the chain. Beside the hashed
fields an entry keeps `what`, the words for what `resource` is (server.access_what): a
description written with the entry, outside the hash.

An entry is appended on the caller's own session (the request's one connection) and committed
at once, so it stays even if the request then fails, and no request ever needs a second pooled
connection. Concurrent writers, in one process or several, are ordered per subject before the
tip is read: on SQLite by `BEGIN IMMEDIATE` (the database's single write lock, taken up front,
so a read transaction is never upgraded and SQLITE_BUSY cannot strike mid-way), on PostgreSQL
by a transaction-scoped advisory lock on the subject. The unique `(user_id, seq)` constraint
stays as the last line of defence on any other backend: the loser re-reads the tip and retries.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError

from server.db import Database, DriverStatement, connection_of
from server.models import AccessLogEntry
from server.signing import canonical_json
from server.timeutil import Clock, rfc3339

GENESIS_HASH = "0" * 64

# The first key of the two-key advisory lock: a fixed namespace ("AL" + "og"), so that other
# advisory locks of the application cannot collide with the per-subject chain locks.
ACCESS_LOG_LOCK_SPACE = 0x414C6F67

# Core statements on the table, run on the session's connection: no ORM unit of work or bulk
# insert machinery for a row nobody reads back.
_LOG = cast(Table, AccessLogEntry.__table__)
_TIP = DriverStatement(
    select(_LOG.c.seq, _LOG.c.hash)
    .where(_LOG.c.user_id == bindparam("subject_id"))
    .order_by(_LOG.c.seq.desc())
    .limit(1)
)
_INSERT = DriverStatement(
    insert(_LOG), column_keys=[column.key for column in _LOG.c if column.key != "id"]
)
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:space, :subject_id)")


def entry_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(fields)).hexdigest()


def hashed_fields(entry: AccessLogEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": rfc3339(entry.at),
        "actor": entry.actor,
        "role": entry.role,
        "action": entry.action,
        "resource": entry.resource,
        "reason": entry.reason,
        "prev_hash": entry.prev_hash,
    }


# One lock per SQLite database file in this process. SQLite's own wait for its write lock is
# a sleep-and-retry loop (1, 2, 5 … 100 ms naps), so threads queueing there wake late and the
# tail latency explodes under load; queueing on a Python lock first hands the write lock over
# the moment it frees. Other processes still meet at SQLite's lock (BEGIN IMMEDIATE).
_SQLITE_WRITERS: dict[str, threading.Lock] = {}
_SQLITE_WRITERS_GUARD = threading.Lock()


def _sqlite_writer_lock(database: str) -> threading.Lock:
    with _SQLITE_WRITERS_GUARD:
        return _SQLITE_WRITERS.setdefault(database, threading.Lock())


@contextmanager
def _chain_locked(db: Database, subject_id: int, *more: int) -> Iterator[None]:
    """Make this transaction the subjects' only appender until it ends (commit or rollback)."""
    connection = connection_of(db)
    dialect = connection.dialect.name
    if dialect == "sqlite":
        raw: Any = connection.connection.dbapi_connection
        # The driver opens transactions lazily (before the first write); reads so far ran
        # outside one. Take the write lock now, before reading the tip. If a write already
        # opened the transaction, this connection holds the write lock already (and must not
        # queue behind a thread that is waiting for it).
        if raw.in_transaction:
            yield
            return
        with _sqlite_writer_lock(str(connection.engine.url.database)):
            raw.execute("BEGIN IMMEDIATE")
            yield
        return
    if dialect == "postgresql":
        # in one order everywhere, so two batches over the same subjects cannot deadlock
        for subject in sorted({subject_id, *more}):
            connection.execute(_PG_LOCK, {"space": ACCESS_LOG_LOCK_SPACE, "subject_id": subject})
    yield


def append_access(
    db: Database,
    clock: Clock,
    *,
    subject_id: int,
    actor: str,
    role: str,
    action: str,
    resource: str,
    reason: str | None = None,
    what: str | None = None,
) -> None:
    """Append one entry on `db`'s connection and commit (with whatever else `db` holds).

    `db` is the request's session, or its bare connection on the fast read path.
    """
    for _attempt in range(20):
        try:
            with _chain_locked(db, subject_id):
                _append(db, clock, subject_id, actor, role, action, resource, reason, what)
            return
        except IntegrityError:
            db.rollback()
    raise RuntimeError("could not append to the access log")


def append_access_with(
    db: Database,
    clock: Clock,
    *,
    subject_id: int,
    actor: str,
    role: str,
    action: str,
    resource: str,
    reason: str | None = None,
    what: str | None = None,
) -> None:
    """Append one entry in `db`'s open transaction, without committing: it commits or rolls
    back with the work it records (a token and the entry saying who opened it exist together
    or not at all). Write that work first: on SQLite the transaction then holds the write lock.
    """
    with _chain_locked(db, subject_id):
        _write_entry(db, clock, subject_id, actor, role, action, resource, reason, what)


def _append(
    db: Database,
    clock: Clock,
    subject_id: int,
    actor: str,
    role: str,
    action: str,
    resource: str,
    reason: str | None,
    what: str | None,
) -> None:
    try:
        _write_entry(db, clock, subject_id, actor, role, action, resource, reason, what)
        db.commit()
    except BaseException:
        db.rollback()  # ends the transaction (and SQLite's write lock) before the writer lock
        raise


def _write_entry(
    db: Database,
    clock: Clock,
    subject_id: int,
    actor: str,
    role: str,
    action: str,
    resource: str,
    reason: str | None,
    what: str | None,
) -> None:
    connection = connection_of(db)
    tip = _TIP.first(connection, {"subject_id": subject_id})
    seq = tip[0] + 1 if tip else 1
    prev_hash = tip[1] if tip else GENESIS_HASH
    at: datetime = clock.now()
    fields = {
        "seq": seq,
        "at": rfc3339(at),
        "actor": actor,
        "role": role,
        "action": action,
        "resource": resource,
        "reason": reason,
        "prev_hash": prev_hash,
    }
    _INSERT.execute(
        connection,
        {**fields, "at": at, "user_id": subject_id, "hash": entry_hash(fields), "what": what},
    ).close()


def append_many(connection: Connection, clock: Clock, entries: Sequence[dict[str, Any]]) -> None:
    """Append several entries (each: `append_access`'s keyword arguments) in ONE transaction.

    Group commit for the read-batching thread (`server.read_batches`): the write lock (or the
    subjects' advisory locks) is taken once, each subject's tip is read once, and one commit
    makes every entry durable together. Nothing is committed if anything fails.
    """
    if not entries:
        return
    subjects = sorted({entry["subject_id"] for entry in entries})
    for _attempt in range(20):
        try:
            with _chain_locked(connection, *subjects):
                _append_all(connection, clock, entries)
            return
        except IntegrityError:
            connection.rollback()
    raise RuntimeError("could not append to the access log")


def _append_all(connection: Connection, clock: Clock, entries: Sequence[dict[str, Any]]) -> None:
    try:
        tips: dict[int, tuple[int, str]] = {}
        for entry in entries:
            subject_id = entry["subject_id"]
            tip = tips.get(subject_id)
            if tip is None:
                found = _TIP.first(connection, {"subject_id": subject_id})
                tip = (found[0], found[1]) if found else (0, GENESIS_HASH)
            at: datetime = clock.now()
            fields = {
                "seq": tip[0] + 1,
                "at": rfc3339(at),
                "actor": entry["actor"],
                "role": entry["role"],
                "action": entry["action"],
                "resource": entry["resource"],
                "reason": entry.get("reason"),
                "prev_hash": tip[1],
            }
            digest = entry_hash(fields)
            row = {**entry, **fields, "at": at, "user_id": subject_id, "hash": digest}
            _INSERT.execute(connection, row).close()
            tips[subject_id] = (tip[0] + 1, digest)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
