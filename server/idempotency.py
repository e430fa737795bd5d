"""Idempotency-Key handling for POSTs that create or delete.

The same key with the same body replays the first response; the same key with another body is
`422 idempotency_conflict`; a duplicate that arrives while the first is still running is `409`.
Keys are kept for 48 hours (the contract promises at least 24).

Stored responses can hold personal data and, for assist sessions, a bearer token; so the table
keeps only a hash of each key and the response encrypted (AES-GCM) under a key derived from the
Idempotency-Key itself. Reading the database alone replays nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from fastapi.responses import JSONResponse
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.db import transaction
from server.errors import Problem
from server.models import IdempotencyRecord
from server.signing import canonical_json

KEY_LIFETIME = timedelta(hours=48)
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
    """Run `produce` (which returns status and JSON body, using `db`) at most once per key."""
    checked = _validate_key(key, required)
    if checked is None:
        status, payload = produce()
        db.commit()
        return JSONResponse(payload, status_code=status)
    body_hash = hashlib.sha256(canonical_json(body)).hexdigest()
    now = ctx.clock.now()
    try:
        with transaction(ctx.sessions) as claim:
            claim.execute(
                delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - KEY_LIFETIME)
            )
            claim.add(
                IdempotencyRecord(
                    user_id=user_id,
                    key=_key_hash(user_id, checked),
                    route=route,
                    body_hash=body_hash,
                    created_at=now,
                )
            )
    except IntegrityError:
        return _replay(ctx, user_id, checked, route, body_hash)
    try:
        status, payload = produce()
        db.commit()
    except BaseException:
        db.rollback()
        with transaction(ctx.sessions) as release:
            release.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.user_id == user_id,
                    IdempotencyRecord.key == _key_hash(user_id, checked),
                )
            )
        raise
    with transaction(ctx.sessions) as store:
        record = store.scalars(
            select(IdempotencyRecord).where(
                IdempotencyRecord.user_id == user_id,
                IdempotencyRecord.key == _key_hash(user_id, checked),
            )
        ).one()
        record.status_code = status
        record.response = _seal(user_id, checked, payload)
    return JSONResponse(payload, status_code=status)


def _replay(ctx: ShopContext, user_id: int, key: str, route: str, body_hash: str) -> JSONResponse:
    with transaction(ctx.sessions) as session:
        record = session.scalars(
            select(IdempotencyRecord).where(
                IdempotencyRecord.user_id == user_id,
                IdempotencyRecord.key == _key_hash(user_id, key),
            )
        ).first()
    if record is None:  # released by a failed first attempt in between: ask to retry
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
        raise Problem(
            409,
            "request_in_progress",
            "The first request with this Idempotency-Key is still being processed.",
            headers={"Retry-After": "1"},
        )
    return JSONResponse(
        _open(user_id, key, record.response),
        status_code=record.status_code,
        headers={"Idempotent-Replayed": "true"},
    )
