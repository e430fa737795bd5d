"""Appending to the subject's hash-chained access log.

Each entry's `hash` is SHA-256 (hex) of the canonical JSON of
`{"seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash"}`; the first entry's
`prev_hash` is 64 zeros. Any edit, deletion or reordering breaks the chain.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from server.models import AccessLogEntry
from server.signing import canonical_json
from server.timeutil import Clock, rfc3339

GENESIS_HASH = "0" * 64


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


def append_access(
    factory: sessionmaker[Session],
    clock: Clock,
    *,
    subject_id: int,
    actor: str,
    role: str,
    action: str,
    resource: str,
    reason: str | None = None,
) -> None:
    """Append one entry in its own transaction, so it stays even if the request then fails.

    Two writers racing for the same `seq` hit the unique constraint; the loser re-reads the tip
    and tries again.
    """
    for _attempt in range(20):
        session = factory()
        try:
            tip = session.scalars(
                select(AccessLogEntry)
                .where(AccessLogEntry.user_id == subject_id)
                .order_by(AccessLogEntry.seq.desc())
                .limit(1)
            ).first()
            entry = AccessLogEntry(
                user_id=subject_id,
                seq=(tip.seq + 1) if tip else 1,
                at=clock.now(),
                actor=actor,
                role=role,
                action=action,
                resource=resource,
                reason=reason,
                prev_hash=tip.hash if tip else GENESIS_HASH,
                hash="",
            )
            entry.hash = entry_hash(hashed_fields(entry))
            session.add(entry)
            session.commit()
            return
        except IntegrityError:
            session.rollback()
        finally:
            session.close()
    raise RuntimeError("could not append to the access log")
