"""Consents with signed receipts, marketing subscriptions, and the cookie inventory."""

from __future__ import annotations

import secrets
from typing import Any, TypeVar

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import ShopPolicy, basis_of, policy_for
from server.deps import Principal, current_principal, get_ctx, get_db, writer
from server.errors import Problem, not_found
from server.i18n import current_language, localized
from server.models import (
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    PolicyVersion,
    Subscription,
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
from server.timeutil import rfc3339

router = APIRouter(prefix="/v1", tags=["consents"])

CHANNELS: tuple[str, ...] = ("sms", "email", "push", "internal_letter")
RECEIPT_PREFIX = "rcpt_"
T = TypeVar("T")


def current_policy_version(ctx: ShopContext, db: Session) -> str:
    """The latest published policy version (the shop profile's one before any is stored)."""
    latest = db.scalars(
        select(PolicyVersion.version).order_by(
            PolicyVersion.published_at.desc(), PolicyVersion.version.desc()
        )
    ).first()
    return latest if latest is not None else ctx.shop.policy_version


def _states(db: Session, subject_id: int) -> dict[str, ConsentState]:
    rows = db.scalars(select(ConsentState).where(ConsentState.user_id == subject_id))
    return {row.purpose: row for row in rows}


def is_granted(purpose: ConsentPurpose, state: ConsentState | None) -> bool:
    """A purpose never decided on counts as granted only when the service requires it."""
    return state.granted if state is not None else purpose.required


def _consent_item(
    purpose: ConsentPurpose, state: ConsentState | None, policy: ShopPolicy
) -> ConsentItem:
    clause = policy.purposes.get(purpose.key)
    section = policy.section(clause)
    return ConsentItem(
        id=purpose.key,
        purpose=purpose.key,
        title=localized(purpose, "title"),
        title_zh=purpose.title_zh,
        description=localized(purpose, "description"),
        legal_basis=purpose.legal_basis,
        required=purpose.required,
        granted=is_granted(purpose, state),
        updated_at=state.updated_at if state is not None else None,
        policy_version=state.policy_version if state is not None else None,
        clause=clause,
        clause_title=section.title.pick(current_language()) if section else None,
        basis=basis_of(clause),
    )


def receipt_payload(event: ConsentEvent, subject: str) -> dict[str, Any]:
    """Exactly the fields the shop signs."""
    return {
        "id": event.receipt_id,
        "purpose": event.purpose,
        "granted": event.granted,
        "at": rfc3339(event.at),
        "policy_version": event.policy_version,
        "subject": subject,
    }


def _receipt(event: ConsentEvent, subject: str) -> ConsentReceipt:
    return ConsentReceipt(
        **receipt_payload(event, subject), kid=event.kid, signature=event.signature
    )


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
    states = _states(db, principal.subject_id)
    purposes = db.scalars(
        select(ConsentPurpose).order_by(ConsentPurpose.position, ConsentPurpose.key)
    )
    return Page[ConsentItem](
        items=[_consent_item(p, states.get(p.key), policy_for(ctx.shop.id)) for p in purposes],
        next_cursor=None,
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
    return Page[ConsentReceipt](items=[_receipt(e, subject) for e in rows], next_cursor=next_cursor)


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
    return _receipt(event, principal.subject_customer_no)


@router.put(
    "/consents/{purpose}",
    response_model=ConsentChange,
    responses=PROBLEM_RESPONSES,
    summary="Grant or withdraw consent for one purpose; returns a signed receipt",
)
def set_consent(
    purpose: str,
    body: ConsentUpdate,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> ConsentChange:
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
    now = ctx.clock.now()
    version = current_policy_version(ctx, db)
    state = db.scalars(
        select(ConsentState).where(
            ConsentState.user_id == principal.subject_id, ConsentState.purpose == row.key
        )
    ).first()
    if state is None:
        state = ConsentState(user_id=principal.subject_id, purpose=row.key)
        db.add(state)
    state.granted = body.granted
    state.updated_at = now
    state.policy_version = version
    event = ConsentEvent(
        receipt_id=RECEIPT_PREFIX + secrets.token_hex(12),
        user_id=principal.subject_id,
        purpose=row.key,
        granted=body.granted,
        at=now,
        policy_version=version,
        kid=ctx.signer.kid,
        signature="",
    )
    subject = principal.subject_customer_no
    event.signature = ctx.signer.sign_json(receipt_payload(event, subject))
    db.add(event)
    db.flush()
    result = ConsentChange(
        consent=_consent_item(row, state, policy_for(ctx.shop.id)),
        receipt=_receipt(event, subject),
    )
    db.commit()
    return result


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
        items=[_subscription_item(channel, rows.get(channel)) for channel in CHANNELS],
        next_cursor=None,
    )


def _subscription_item(channel: str, row: Subscription | None) -> SubscriptionItem:
    return SubscriptionItem(
        id=channel,
        channel=channel,
        enabled=row.enabled if row is not None else False,
        updated_at=row.updated_at if row is not None else None,
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
    result = _subscription_item(channel, row)
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
    states = _states(db, principal.subject_id)
    purposes = {p.key: p for p in db.scalars(select(ConsentPurpose))}
    policy = policy_for(ctx.shop.id)

    def active(cookie: CookieEntry) -> bool:
        if cookie.consent_purpose is None:
            return True
        purpose = purposes.get(cookie.consent_purpose)
        if purpose is None:  # names a purpose the shop no longer asks for: not consented
            return False
        return is_granted(purpose, states.get(purpose.key))

    return Page[CookieItem](
        items=[
            CookieItem(
                id=str(c.id),
                name=c.name,
                technology=c.technology,
                purpose=localized(c, "purpose"),
                consent_purpose=c.consent_purpose,
                party=c.party,
                provider=localized(c, "provider"),
                lifetime=localized(c, "lifetime"),
                active=active(c),
                clause=policy.cookies,
                basis=basis_of(policy.cookies),
            )
            for c in rows
        ],
        next_cursor=next_cursor,
    )


__all__ = ["CHANNELS", "current_policy_version", "is_granted", "receipt_payload", "router"]
