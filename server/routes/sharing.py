"""Data-sharing recipients, and each disclosure of this subject's data to them."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, current_principal, get_ctx, get_db
from server.errors import not_found
from server.models import Recipient, RecipientEvent
from server.pagination import DEFAULT_LIMIT, keyset_page
from server.routes.ids import parse_id
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.schemas.sharing import RecipientEventItem, RecipientItem
from server.serialisers import order_numbers, recipient_event_item, recipient_item, recipient_stats

router = APIRouter(prefix="/v1", tags=["sharing"])


def _recipient(db: Session, raw_id: str) -> Recipient:
    recipient = db.get(Recipient, parse_id(raw_id, "recipient"))
    if recipient is None:
        raise not_found("recipient")
    return recipient


@router.get(
    "/recipients",
    response_model=Page[RecipientItem],
    responses=PROBLEM_RESPONSES,
    summary="Everyone the shop shares personal data with, and when it shared this subject's",
)
def list_recipients(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[RecipientItem]:
    rows: list[Recipient]
    rows, next_cursor = keyset_page(
        db,
        select(Recipient),
        [Recipient.id],
        limit=limit,
        cursor=cursor,
        descending=False,
        key_of=lambda r: (r.id,),
    )
    stats = recipient_stats(db, principal.subject_id, [r.id for r in rows])
    policy = policy_for(ctx.shop.id)
    return Page[RecipientItem](
        items=[recipient_item(r, stats.get(r.id), policy) for r in rows], next_cursor=next_cursor
    )


@router.get(
    "/recipients/{recipient_id}",
    response_model=RecipientItem,
    responses=PROBLEM_RESPONSES,
    summary="One recipient",
)
def get_recipient(
    recipient_id: str,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> RecipientItem:
    recipient = _recipient(db, recipient_id)
    stats = recipient_stats(db, principal.subject_id, [recipient.id]).get(recipient.id)
    return recipient_item(recipient, stats, policy_for(ctx.shop.id))


@router.get(
    "/recipients/{recipient_id}/events",
    response_model=Page[RecipientEventItem],
    responses=PROBLEM_RESPONSES,
    summary="Each disclosure of this subject's data to one recipient, newest first",
)
def list_recipient_events(
    recipient_id: str,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[RecipientEventItem]:
    recipient = _recipient(db, recipient_id)
    query = select(RecipientEvent).where(
        RecipientEvent.user_id == principal.subject_id,
        RecipientEvent.recipient_id == recipient.id,
    )
    rows: list[RecipientEvent]
    rows, next_cursor = keyset_page(
        db,
        query,
        [RecipientEvent.at, RecipientEvent.id],
        limit=limit,
        cursor=cursor,
        descending=True,
        key_of=lambda e: (e.at, e.id),
    )
    numbers = order_numbers(db, [e.order_id for e in rows])
    return Page[RecipientEventItem](
        items=[
            recipient_event_item(e, policy_for(ctx.shop.id), numbers.get(e.order_id or -1))
            for e in rows
        ],
        next_cursor=next_cursor,
    )
