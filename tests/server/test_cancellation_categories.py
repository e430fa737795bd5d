"""Closing an account deletes what a deletion request may name (`DELETABLE_CATEGORIES` of
`server/requests_flow.py`, the one list), except orders, which are anonymised: every category
on the list, in the list's order, and only those; recipients of any of them are told."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server import processor as processor_module
from server import requests_flow
from server.embedded import RunningShop
from server.models import DeletionReceipt, Order, PrivacyRequest, ProfileField, RecipientEvent
from server.processor import GROUPS_BY_CATEGORY, RequestProcessor
from server.requests_flow import DELETABLE_CATEGORIES, ITEM_MODELS, NOT_DELETABLE_HINTS
from tests.server.test_requests_processing import file, subject_id, verified
from tests.support.oauth_login import Api

# What the processor deleted before the list became one (the hard-coded copy it had), with
# the account's membership fields and the orders after them: the answer's `deleted` keys.
DELETED_BEFORE = (
    "profile",
    "identity_verification",
    "devices",
    "locations",
    "logs",
    "tracks",
    "tags",
    "decisions",
    "service_records",
    "account",
    "orders",
)


def held(db: Session, user_id: int, category: str) -> int:
    """Records of `category` the subject still has: filled-in fields, or rows."""
    if category in GROUPS_BY_CATEGORY:
        return int(
            db.scalar(
                select(func.count())
                .select_from(ProfileField)
                .where(
                    ProfileField.user_id == user_id,
                    ProfileField.group.in_(GROUPS_BY_CATEGORY[category]),
                    ProfileField.value.is_not(None),
                    ProfileField.value != "",
                )
            )
            or 0
        )
    model = ITEM_MODELS[category]  # a KeyError: a listed category nothing here can hold
    return int(
        db.scalar(select(func.count()).select_from(model).where(model.user_id == user_id)) or 0
    )


def close_account(shop: RunningShop, api: Api) -> dict[str, Any]:
    req = verified(api, file(api, "account_cancellation", {"reason": "no longer shopping"}))
    processor = RequestProcessor(shop.ctx)
    processor.run_once()  # to in_progress
    processor.run_once()  # done
    with shop.ctx.sessions() as db:
        stored = db.get(PrivacyRequest, int(req["id"]))
        assert stored is not None
        assert stored.status == "completed", stored.status
        return json.loads(stored.result or "{}")


def test_every_deletable_category_has_a_way_to_be_deleted() -> None:
    for category in DELETABLE_CATEGORIES:
        assert category in GROUPS_BY_CATEGORY or category in ITEM_MODELS, category
    assert len(set(DELETABLE_CATEGORIES)) == len(DELETABLE_CATEGORIES)
    assert not set(NOT_DELETABLE_HINTS) & set(DELETABLE_CATEGORIES)
    # the processor uses the list itself, not a copy of it
    assert processor_module.DELETABLE_CATEGORIES is requests_flow.DELETABLE_CATEGORIES


def test_cancellation_deletes_every_category_on_the_list(shop: RunningShop, api: Api) -> None:
    me = subject_id(shop, "lin.mei")
    erased = [c for c in DELETABLE_CATEGORIES if c != "orders"]
    with shop.ctx.sessions() as db:
        before = {category: held(db, me, category) for category in erased}
        orders = db.scalar(select(func.count()).select_from(Order).where(Order.user_id == me))
    # the demo shopper has some of each, so "none left" below means deleted
    assert all(before.values()), before
    result = close_account(shop, api)
    assert tuple(result["deleted"]) == DELETED_BEFORE
    with shop.ctx.sessions() as db:
        assert {category: held(db, me, category) for category in erased} == dict.fromkeys(erased, 0)
        kept = list(db.scalars(select(Order).where(Order.user_id == me)))
    # orders are kept by law: anonymised and hidden, not deleted
    assert len(kept) == orders == result["deleted"]["orders"] > 0
    assert all(o.removed_at is not None and o.recipient_address == "—" for o in kept)
    for category in erased:
        assert result["deleted"][category] == before[category], category


def test_cancellation_follows_the_list(
    shop: RunningShop, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A category taken off the list stays; so one put on it is deleted (test above)."""
    me = subject_id(shop, "lin.mei")
    shorter = tuple(c for c in DELETABLE_CATEGORIES if c != "tags")
    monkeypatch.setattr(requests_flow, "DELETABLE_CATEGORIES", shorter)
    monkeypatch.setattr(processor_module, "DELETABLE_CATEGORIES", shorter)
    with shop.ctx.sessions() as db:
        tags = held(db, me, "tags")
    assert tags > 0
    result = close_account(shop, api)
    assert "tags" not in result["deleted"]
    assert "tracks" in result["deleted"]
    with shop.ctx.sessions() as db:
        assert held(db, me, "tags") == tags
        assert held(db, me, "tracks") == 0


def test_recipients_of_any_listed_category_are_told(shop: RunningShop, api: Api) -> None:
    """Service records are on the list, so a recipient that had them gets a receipt naming
    them (the old hard-coded notification list had left them out)."""
    me = subject_id(shop, "lin.mei")
    with shop.ctx.sessions() as db:
        event = db.scalars(select(RecipientEvent).where(RecipientEvent.user_id == me)).first()
        assert event is not None
        recipient = event.recipient_id
        db.add(
            RecipientEvent(
                recipient_id=recipient,
                user_id=me,
                at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
                categories=json.dumps(["service_records"]),
                description="Customer-service records for a warranty claim.",
            )
        )
        db.commit()
    result = close_account(shop, api)
    with shop.ctx.sessions() as db:
        receipts = list(
            db.scalars(select(DeletionReceipt).where(DeletionReceipt.id.in_(result["receipt_ids"])))
        )
    told = {r.recipient_id: set(json.loads(r.categories)) for r in receipts}
    assert "service_records" in told[recipient]
    assert all(cats <= {"account", *DELETABLE_CATEGORIES} for cats in told.values())
