"""Consents with signed receipts, marketing subscriptions, and the cookie inventory."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.consent_change import RECEIPT_PREFIX, change_consent, current_policy_version
from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, consent_writer, current_principal, get_ctx, get_db, writer
from server.errors import Problem, not_found
from server.guardians import check_consent_change
from server.i18n import localized
from server.idempotency import run_idempotent
from server.models import (
    ConsentEvent,
    ConsentPurpose,
    CookieEntry,
    Subscription,
    User,
)
from server.pagination import DEFAULT_LIMIT, keyset_page
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.schemas.consents import (
    ConsentChange,
    ConsentItem,
    ConsentReceipt,
    ConsentUpdate,
    CookieItem,
    SubscriptionItem,
    SubscriptionUpdate,
)
from server.serialisers import (
    CHANNELS,
    CookieActivity,
    consent_item,
    consent_receipt,
    consent_states,
    cookie_item,
    is_granted,
    receipt_payload,
    subscription_item,
)

router = APIRouter(prefix="/v1", tags=["consents"])


@router.get(
    "/consents",
    response_model=Page[ConsentItem],
    responses=PROBLEM_RESPONSES,
    summary="Every processing purpose with this subject's consent state",
)
def list_consents(
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[ConsentItem]:
    policy = policy_for(ctx.shop.id)
    states = consent_states(db, principal.subject_id)
    purposes = db.scalars(
        select(ConsentPurpose).order_by(ConsentPurpose.position, ConsentPurpose.key)
    )
    return Page[ConsentItem](
        items=[consent_item(p, states.get(p.key), policy) for p in purposes], next_cursor=None
    )


@router.get(
    "/consents/history",
    response_model=Page[ConsentReceipt],
    responses=PROBLEM_RESPONSES,
    summary="Every consent change as a signed receipt, newest first",
)
def consent_history(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[ConsentReceipt]:
    query = select(ConsentEvent).where(ConsentEvent.user_id == principal.subject_id)
    rows: list[ConsentEvent]
    rows, next_cursor = keyset_page(
        db,
        query,
        [ConsentEvent.at, ConsentEvent.id],
        limit=limit,
        cursor=cursor,
        descending=True,
        key_of=lambda e: (e.at, e.id),
    )
    subject = principal.subject_customer_no
    return Page[ConsentReceipt](
        items=[consent_receipt(e, subject) for e in rows], next_cursor=next_cursor
    )


@router.get(
    "/consents/receipts/{receipt_id}",
    response_model=ConsentReceipt,
    responses=PROBLEM_RESPONSES,
    summary="One consent receipt",
)
def get_receipt(
    receipt_id: str,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> ConsentReceipt:
    if not receipt_id.startswith(RECEIPT_PREFIX) or len(receipt_id) > 40:
        raise not_found("receipt")
    event = db.scalars(
        select(ConsentEvent).where(
            ConsentEvent.user_id == principal.subject_id, ConsentEvent.receipt_id == receipt_id
        )
    ).first()
    if event is None:
        raise not_found("receipt")
    return consent_receipt(event, principal.subject_customer_no)


_SET_CONSENT_DOC = (
    "Setting the state the subject already holds, under the current policy version, changes "
    "nothing and mints no receipt: the answer is `changed: false` with the receipt that "
    "recorded that state. An Idempotency-Key is optional; with one, a retry (same key, same "
    "body) answers exactly what the first call answered, even if the consent changed in "
    "between, and the same key with another body is 422 `idempotency_conflict`."
)


@router.put(
    "/consents/{purpose}",
    response_model=ConsentChange,
    responses=PROBLEM_RESPONSES,
    summary="Grant or withdraw consent for one purpose; returns a signed receipt",
    description=_SET_CONSENT_DOC,
)
def set_consent(
    purpose: str,
    body: ConsentUpdate,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    principal: Principal = Depends(consent_writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    row = db.get(ConsentPurpose, purpose) if len(purpose) <= 40 else None
    if row is None:
        raise not_found("consent purpose")
    if row.required and not body.granted:
        raise Problem(
            422,
            "consent_required",
            f"'{localized(row, 'title')}' is needed to provide the service and cannot be "
            "withdrawn on its "
            "own. To stop this processing, cancel the account (a privacy request of type "
            "account_cancellation).",
            extra={"purpose": row.key},
        )
    holder = db.get(User, principal.subject_id)
    if holder is None:
        raise not_found("account")
    now = ctx.clock.now()
    # A minor's (or, under Sinomai's policy, a person without legal capacity's) consent
    # follows the shop's guardian rule: who may change it, and with the guardian present.
    check_consent_change(
        policy_for(ctx.shop.id),
        holder,
        principal,
        granted=body.granted,
        guardian_present=body.guardian_present,
        now=now,
        reauth_window=ctx.config.reauth_window,
    )
    purpose_row = row

    def produce() -> tuple[int, Any]:
        subject = principal.subject_customer_no
        state, event, changed = change_consent(
            ctx,
            db,
            user_id=principal.subject_id,
            customer_no=subject,
            purpose=purpose_row.key,
            granted=body.granted,
            now=now,
            only_if_changed=True,
        )
        result = ConsentChange(
            consent=consent_item(purpose_row, state, policy_for(ctx.shop.id)),
            receipt=consent_receipt(event, subject),
            changed=changed,
        )
        return 200, result.model_dump(mode="json")

    # One implementation of "a retry answers the first answer": the one privacy requests use.
    return run_idempotent(
        ctx,
        db,
        user_id=principal.subject_id,
        key=idempotency_key,
        route=f"PUT /v1/consents/{purpose_row.key}",
        body=body.model_dump(mode="json"),
        produce=produce,
        required=False,
    )


@router.get(
    "/subscriptions",
    response_model=Page[SubscriptionItem],
    responses=PROBLEM_RESPONSES,
    summary="Marketing messages by channel",
)
def list_subscriptions(
    principal: Principal = Depends(current_principal), db: Session = Depends(get_db)
) -> Page[SubscriptionItem]:
    rows = {
        s.channel: s
        for s in db.scalars(
            select(Subscription).where(Subscription.user_id == principal.subject_id)
        )
    }
    return Page[SubscriptionItem](
        items=[subscription_item(channel, rows.get(channel)) for channel in CHANNELS],
        next_cursor=None,
    )


@router.put(
    "/subscriptions/{channel}",
    response_model=SubscriptionItem,
    responses=PROBLEM_RESPONSES,
    summary="Turn marketing by one channel on or off",
)
def set_subscription(
    channel: str,
    body: SubscriptionUpdate,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> SubscriptionItem:
    if channel not in CHANNELS:
        raise not_found("channel")
    row = db.scalars(
        select(Subscription).where(
            Subscription.user_id == principal.subject_id, Subscription.channel == channel
        )
    ).first()
    if row is None:
        row = Subscription(user_id=principal.subject_id, channel=channel)
        db.add(row)
    row.enabled = body.enabled
    row.updated_at = ctx.clock.now()
    db.flush()
    result = subscription_item(channel, row)
    db.commit()
    return result


@router.get(
    "/cookies",
    response_model=Page[CookieItem],
    responses=PROBLEM_RESPONSES,
    summary="Cookies and similar technologies, and whether each is active for this subject",
)
def list_cookies(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[CookieItem]:
    rows: list[CookieEntry]
    rows, next_cursor = keyset_page(
        db,
        select(CookieEntry),
        [CookieEntry.id],
        limit=limit,
        cursor=cursor,
        descending=False,
        key_of=lambda c: (c.id,),
    )
    activity = CookieActivity(db, principal.subject_id)
    policy = policy_for(ctx.shop.id)
    return Page[CookieItem](
        items=[cookie_item(c, activity, policy) for c in rows], next_cursor=next_cursor
    )


__all__ = ["CHANNELS", "current_policy_version", "is_granted", "receipt_payload", "router"]
