"""Appending to the subject's hash-chained access log.

Each entry's `hash` is SHA-256 (hex) of the canonical JSON of
`{"seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash"}`; the first entry's
`prev_hash` is 64 zeros. Any edit, deletion or reordering breaks the chain.

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
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import AccessLogEntry
from server.signing import canonical_json
from server.timeutil import Clock, rfc3339

GENESIS_HASH = "0" * 64

# The first key of the two-key advisory lock: a fixed namespace ("AL" + "og"), so that other
# advisory locks of the application cannot collide with the per-subject chain locks.
ACCESS_LOG_LOCK_SPACE = 0x414C6F67

_TIP = (
    select(AccessLogEntry.seq, AccessLogEntry.hash)
    .where(AccessLogEntry.user_id == bindparam("subject_id"))
    .order_by(AccessLogEntry.seq.desc())
    .limit(1)
)
_INSERT = insert(AccessLogEntry)
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


def _lock_chain(db: Session, subject_id: int) -> None:
    """Make this transaction the subject's only appender until it ends."""
    connection = db.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        raw: Any = connection.connection.dbapi_connection
        # The driver opens transactions lazily (before the first write); reads so far ran
        # outside one. Take the write lock now, before reading the tip. If a write already
        # opened the transaction, this connection holds the lock already.
        if not raw.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.execute(_PG_LOCK, {"space": ACCESS_LOG_LOCK_SPACE, "subject_id": subject_id})


def append_access(
    db: Session,
    clock: Clock,
    *,
    subject_id: int,
    actor: str,
    role: str,
    action: str,
    resource: str,
    reason: str | None = None,
) -> None:
    """Append one entry on `db`'s connection and commit (with whatever else `db` holds)."""
    for _attempt in range(20):
        try:
            _lock_chain(db, subject_id)
            tip = db.execute(_TIP, {"subject_id": subject_id}).first()
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
            db.execute(
                _INSERT,
                {
                    "user_id": subject_id,
                    "seq": seq,
                    "at": at,
                    "actor": actor,
                    "role": role,
                    "action": action,
                    "resource": resource,
                    "reason": reason,
                    "prev_hash": prev_hash,
                    "hash": entry_hash(fields),
                },
            )
            db.commit()
            return
        except IntegrityError:
            db.rollback()
    raise RuntimeError("could not append to the access log")
