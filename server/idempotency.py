"""Idempotency-Key handling for POSTs that create or delete.

The same key with the same body replays the first response; the same key with another body is
`422 idempotency_conflict`; a duplicate that arrives while the first is still running waits for
it and replays it. The claim, the work and the stored response commit in one transaction, so a
crash never leaves a key "in progress" (`409 request_in_progress` is only ever transient).
Keys are kept for 48 hours (the contract promises at least 24).

Stored responses can hold personal data and, for assist sessions, a bearer token; so the table
keeps only a hash of each key and the response encrypted (AES-GCM) under a key derived from the
Idempotency-Key itself. Reading the database alone replays nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from fastapi.responses import JSONResponse
from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.errors import Problem
from server.models import IdempotencyRecord
from server.signing import canonical_json

_RECORDS: Table = IdempotencyRecord.__table__  # type: ignore[assignment]
KEY_LIFETIME = timedelta(hours=48)
# How long a claim without a response may stand before it counts as abandoned (see _claim).
CLAIM_LEASE = timedelta(seconds=30)
MAX_KEY_LENGTH = 80


def _validate_key(key: str | None, required: bool) -> str | None:
    if key is None or key == "":
        if required:
            raise Problem(
                400, "idempotency_key_required", "Send an Idempotency-Key header (a UUID)."
            )
        return None
    if len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise Problem(400, "invalid_idempotency_key", "The Idempotency-Key is not valid.")
    return key


def _key_hash(user_id: int, key: str) -> str:
    return hashlib.sha256(f"{user_id}:{key}".encode()).hexdigest()


def _cipher(user_id: int, key: str) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"privacy-api idempotency v1",
        info=str(user_id).encode(),
    ).derive(key.encode())
    return AESGCM(derived)


def _seal(user_id: int, key: str, payload: Any) -> str:
    nonce = os.urandom(12)
    plain = json.dumps(payload, ensure_ascii=False).encode()
    return base64.b64encode(nonce + _cipher(user_id, key).encrypt(nonce, plain, None)).decode()


def _open(user_id: int, key: str, sealed: str) -> Any:
    raw = base64.b64decode(sealed)
    return json.loads(_cipher(user_id, key).decrypt(raw[:12], raw[12:], None))


class Refusal(Exception):
    """Raised by `produce` to refuse with `problem` after recording something that must stay.

    The claim and any half-done work are rolled back first (the key stays free for a new try),
    then `record(db)` runs in a fresh transaction that is committed before the problem is
    answered: e.g. counting a wrong assist code.
    """

    def __init__(self, problem: Problem, record: Callable[[Session], None]) -> None:
        super().__init__(problem.detail)
        self.problem = problem
        self.record = record


def _refuse(db: Session, refusal: Refusal) -> Problem:
    db.rollback()
    refusal.record(db)
    db.commit()
    return refusal.problem


def run_idempotent(
    ctx: ShopContext,
    db: Session,
    *,
    user_id: int,
    key: str | None,
    route: str,
    body: Any,
    produce: Callable[[], tuple[int, Any]],
    required: bool = True,
) -> JSONResponse:
    """Run `produce` (which returns status and JSON body, using `db`) at most once per key.

    The claim on the key, the work `produce` does in `db` and the stored response are one
    transaction, committed here before the response leaves: a crash at any moment either
    leaves all of it or none of it, so a retry after a crash replays or runs afresh, never
    twice and never "in progress" for good. A duplicate that arrives while the first runs
    waits on the claim's row (the database's unique index) and then replays it.
    `produce` must not commit; to refuse and still record something, raise `Refusal`.
    """
    checked = _validate_key(key, required)
    if checked is None:
        try:
            status, payload = produce()
        except Refusal as refusal:
            raise _refuse(db, refusal) from None
        db.commit()
        return JSONResponse(payload, status_code=status)
    body_hash = hashlib.sha256(canonical_json(body)).hexdigest()
    hashed = _key_hash(user_id, checked)
    now = ctx.clock.now()
    if _claim(db, user_id=user_id, hashed=hashed, route=route, body_hash=body_hash, now=now):
        try:
            status, payload = produce()
        except Refusal as refusal:
            raise _refuse(db, refusal) from None
        db.execute(
            _STORE,
            {
                "p_user": user_id,
                "p_key": hashed,
                "p_status": status,
                "p_response": _seal(user_id, checked, payload),
            },
        )
        db.commit()
        return JSONResponse(payload, status_code=status)
    return _replay(ctx, db, user_id, checked, route, body_hash)


# The statements of every claim, built once (building them per call cost more than running
# them), on the table rather than the mapped class: no ORM synchronisation of rows nobody
# loaded. The purge skips rows a concurrent purge holds (PostgreSQL), so two purges never wait
# on each other; it is an index range on created_at, usually empty.
_PURGE = delete(_RECORDS).where(
    _RECORDS.c.id.in_(
        select(_RECORDS.c.id)
        .where(_RECORDS.c.created_at < bindparam("p_cutoff"))
        .limit(1000)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
)


def _claim_insert(insert: Any) -> Any:
    return (
        insert(_RECORDS)
        .values(
            user_id=bindparam("p_user"),
            key=bindparam("p_key"),
            route=bindparam("p_route"),
            body_hash=bindparam("p_body"),
            created_at=bindparam("p_created"),
        )
        .on_conflict_do_nothing(index_elements=[_RECORDS.c.user_id, _RECORDS.c.key])
        .returning(_RECORDS.c.id)
    )


_CLAIM_PG = _claim_insert(pg_insert)
_CLAIM_SQLITE = _claim_insert(sqlite_insert)
_STORE = (
    update(_RECORDS)
    .where(_RECORDS.c.user_id == bindparam("p_user"), _RECORDS.c.key == bindparam("p_key"))
    .values(status_code=bindparam("p_status"), response=bindparam("p_response"))
)


def _claim(
    db: Session, *, user_id: int, hashed: str, route: str, body_hash: str, now: datetime
) -> bool:
    """Insert the claim in the request's transaction; False if the key is already taken.

    `ON CONFLICT DO NOTHING` waits for a racing, uncommitted claim of the same key (its unique
    index entry) and then does nothing if that one committed, or inserts if it rolled back;
    no error aborts the request's transaction either way.
    """
    db.execute(_PURGE, {"p_cutoff": now - KEY_LIFETIME})
    # RETURNING, not rowcount: PostgreSQL drivers report -1 for an INSERT that returns rows
    claim = _CLAIM_PG if db.get_bind().dialect.name == "postgresql" else _CLAIM_SQLITE
    inserted = db.execute(
        claim,
        {
            "p_user": user_id,
            "p_key": hashed,
            "p_route": route,
            "p_body": body_hash,
            "p_created": now,
        },
    ).first()
    if inserted is not None:
        return True
    # A claim committed without its response can only come from an older server that
    # committed claims first and then died: its work had not committed with it (this server
    # commits both together), so after a short lease it is taken over and run again.
    taken: Any = db.execute(
        update(IdempotencyRecord)
        .where(
            IdempotencyRecord.user_id == user_id,
            IdempotencyRecord.key == hashed,
            IdempotencyRecord.status_code.is_(None),
            IdempotencyRecord.created_at < now - CLAIM_LEASE,
        )
        .values(route=route, body_hash=body_hash, created_at=now)
    )
    return bool(taken.rowcount == 1)


def _replay(
    ctx: ShopContext, db: Session, user_id: int, key: str, route: str, body_hash: str
) -> JSONResponse:
    record = db.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id,
            IdempotencyRecord.key == _key_hash(user_id, key),
        )
    ).first()
    db.commit()
    if record is None:  # expired and purged in between: ask to retry
        raise Problem(
            409, "request_in_progress", "Retry this request.", headers={"Retry-After": "1"}
        )
    if record.route != route or record.body_hash != body_hash:
        raise Problem(
            422,
            "idempotency_conflict",
            "This Idempotency-Key was already used with a different request.",
        )
    if record.status_code is None or record.response is None:
        wait = CLAIM_LEASE - (ctx.clock.now() - record.created_at)
        raise Problem(
            409,
            "request_in_progress",
            "The first request with this Idempotency-Key is still being processed.",
            headers={"Retry-After": str(max(1, math.ceil(wait.total_seconds())))},
        )
    return JSONResponse(
        _open(user_id, key, record.response),
        status_code=record.status_code,
        headers={"Idempotent-Replayed": "true"},
    )
