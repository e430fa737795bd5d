"""`409 request_in_progress` is only ever transient: an abandoned claim is taken over.

This server commits a key's claim together with its work and response, so it never leaves a
claim behind. A claim without a response can still be in a database written by an older
server that died between the two; after a short lease (`CLAIM_LEASE`) the next request with
that key runs afresh (the work had not committed with the claim, so running it is safe).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from pydantic import TypeAdapter
from sqlalchemy import func, select

from server.db import transaction
from server.embedded import RunningShop
from server.idempotency import CLAIM_LEASE, _key_hash
from server.models import IdempotencyRecord, PrivacyRequest, User
from server.schemas.privacy_requests import NewRequest
from server.signing import canonical_json
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api

BODY = {"type": "complaint", "details": {"text": "Filed while the shop crashed."}, "note": None}


def _abandon_claim(shop: RunningShop, key: str, age: timedelta) -> None:
    """Leave a claim without a response, as an older server killed mid-request did."""
    with transaction(shop.ctx.sessions) as db:
        user_id = db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()
        db.add(
            IdempotencyRecord(
                user_id=user_id,
                key=_key_hash(user_id, key),
                route="POST /v1/requests",
                # what the route hashes: the validated body
                body_hash=hashlib.sha256(
                    canonical_json(
                        TypeAdapter(NewRequest).dump_python(
                            TypeAdapter(NewRequest).validate_python(BODY), mode="json"
                        )
                    )
                ).hexdigest(),
                created_at=shop.ctx.clock.now() - age,
            )
        )


def _complaints(shop: RunningShop) -> int:
    with shop.ctx.sessions() as db:
        return int(
            db.scalar(
                select(func.count())
                .select_from(PrivacyRequest)
                .where(PrivacyRequest.type == "complaint")
            )
            or 0
        )


def test_a_fresh_claim_answers_in_progress_then_is_taken_over(shop: RunningShop, api: Api) -> None:
    key = str(uuid.uuid4())
    _abandon_claim(shop, key, timedelta(0))
    before = _complaints(shop)
    busy = api.post("/requests", json=BODY, headers={"Idempotency-Key": key})
    assert busy.status_code == 409, busy.text
    assert busy.json()["code"] == "request_in_progress"
    assert 1 <= int(busy.headers["Retry-After"]) <= CLAIM_LEASE.total_seconds()
    shop.ctx.clock.offset += CLAIM_LEASE + timedelta(seconds=1)
    filed = api.post("/requests", json=BODY, headers={"Idempotency-Key": key})
    assert filed.status_code == 201, filed.text
    again = api.post("/requests", json=BODY, headers={"Idempotency-Key": key})
    assert again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["id"] == filed.json()["id"]
    assert _complaints(shop) == before + 1


def test_an_old_abandoned_claim_is_taken_over_at_once(shop: RunningShop, api: Api) -> None:
    key = str(uuid.uuid4())
    _abandon_claim(shop, key, CLAIM_LEASE + timedelta(seconds=5))
    filed = api.post("/requests", json=BODY, headers={"Idempotency-Key": key})
    assert filed.status_code == 201, filed.text
    with shop.ctx.sessions() as db:
        pending = db.scalar(
            select(func.count())
            .select_from(IdempotencyRecord)
            .where(IdempotencyRecord.status_code.is_(None))
        )
    assert pending == 0
