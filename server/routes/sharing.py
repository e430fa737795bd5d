"""Data-sharing recipients, and each disclosure of this subject's data to them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from fastapi import APIRouter, Depends
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import ShopPolicy, basis_of, policy_for
from server.deps import Principal, current_principal, get_ctx, get_db
from server.errors import not_found
from server.i18n import localized
from server.models import Recipient, RecipientEvent
from server.pagination import DEFAULT_LIMIT, keyset_page
from server.policy_terms import clause_fields, term_out
from server.routes.ids import parse_id
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.schemas.sharing import AgreementOut, RecipientEventItem, RecipientItem

router = APIRouter(prefix="/v1", tags=["sharing"])


def _json_list(raw: str | None) -> list[str]:
    """A stored JSON list of keys; anything unreadable is shown as no keys rather than a 500."""
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


_EVENT_KINDS = ("disclosure", "merger_transfer", "public_disclosure")

Stats = tuple[datetime | None, datetime | None, int]


def _stats(db: Session, subject_id: int, recipient_ids: Sequence[int]) -> dict[int, Stats]:
    if not recipient_ids:
        return {}
    rows = db.execute(
        select(
            RecipientEvent.recipient_id,
            func.min(RecipientEvent.at),
            func.max(RecipientEvent.at),
            func.count(RecipientEvent.id),
        )
        .where(
            RecipientEvent.user_id == subject_id,
            RecipientEvent.recipient_id.in_(list(recipient_ids)),
        )
        .group_by(RecipientEvent.recipient_id)
    ).all()
    return {row[0]: (row[1], row[2], int(row[3])) for row in rows}


def _item(recipient: Recipient, stats: Stats | None, policy: ShopPolicy) -> RecipientItem:
    first, last, count = stats if stats is not None else (None, None, 0)
    clause = policy.recipient_types.get(recipient.type)
    return RecipientItem(
        id=str(recipient.id),
        name=localized(recipient, "name"),
        type=recipient.type,
        categories=_json_list(recipient.categories),
        purpose=localized(recipient, "purpose"),
        legal_basis=recipient.legal_basis,
        identifiable=recipient.identifiable,
        country=recipient.country,
        first_shared=first,
        last_shared=last,
        event_count=count,
        clause=clause,
        basis=basis_of(clause),
        data_protection_agreement=AgreementOut(
            exists=recipient.dpa_signed_at is not None,
            signed_at=recipient.dpa_signed_at,
            scope=localized(recipient, "dpa_scope") if recipient.dpa_scope else None,
            **clause_fields(
                policy, policy.agreements if recipient.dpa_signed_at is not None else None
            ),
        ),
        consent_purpose=recipient.consent_purpose,
        no_consent_exception=term_out(
            policy, policy.sharing_exception(policy.recipient_exceptions.get(recipient.type))
        ),
    )


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
    stats = _stats(db, principal.subject_id, [r.id for r in rows])
    policy = policy_for(ctx.shop.id)
    return Page[RecipientItem](
        items=[_item(r, stats.get(r.id), policy) for r in rows], next_cursor=next_cursor
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
    stats = _stats(db, principal.subject_id, [recipient.id]).get(recipient.id)
    return _item(recipient, stats, policy_for(ctx.shop.id))


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
    policy = policy_for(ctx.shop.id)
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
    return Page[RecipientEventItem](
        items=[
            RecipientEventItem(
                id=str(e.id),
                at=e.at,
                categories=_json_list(e.categories),
                description=localized(e, "description"),
                order_id=str(e.order_id) if e.order_id is not None else None,
                kind=(kind := e.kind if e.kind in _EVENT_KINDS else "disclosure"),
                notice_id=str(e.notice_id) if e.notice_id is not None else None,
                **clause_fields(policy, policy.sharing_event_kinds.get(kind)),
            )
            for e in rows
        ],
        next_cursor=next_cursor,
    )
