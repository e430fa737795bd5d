"""Orders (with items, masked payment, logistics and who received what) and decisions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.categories import add_period, parse_period
from server.context import ShopContext
from server.demo.policies import ShopPolicy, policy_for
from server.deps import Principal, current_principal, get_ctx, get_db, writer
from server.errors import not_found
from server.i18n import localized
from server.messages import FACTORS, label, translate
from server.models import (
    DataCategory,
    Decision,
    Order,
    OrderItem,
    Recipient,
    RecipientEvent,
    User,
)
from server.pagination import newest_first_page
from server.policy_terms import clause_fields
from server.routes.ids import parse_id
from server.schemas.common import (
    DEFAULT_PAGE_LIMIT,
    PROBLEM_RESPONSES,
    CursorQuery,
    LimitQuery,
    Page,
)
from server.schemas.orders import (
    DecisionDetail,
    DecisionOut,
    Factor,
    OrderDetail,
    OrderItemOut,
    OrderRemoved,
    OrderSummary,
    Retained,
)

router = APIRouter(prefix="/v1", tags=["orders"])

DEFAULT_ORDER_RETENTION = (3, 0, 0)  # three years, the E-Commerce Law's minimum
RETAINED_CATEGORIES = ["orders", "payments"]
RETAINED_FIELDS = [
    "number",
    "placed_at",
    "status",
    "items",
    "total_cents",
    "currency",
    "payment_method",
    "payment_masked",
    "payment_status",
]
RETAINED_REASON = (
    "Transaction records (goods, prices, payment) must be kept for at least three years after "
    "the transaction (E-Commerce Law art. 31; accounting rules). They are hidden from the "
    "account and used for nothing else; the delivery details were erased."
)


def _json_list(text: str | None) -> list[Any]:
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _visible_order(db: Session, principal: Principal, order_id: str) -> Order:
    row = db.get(Order, parse_id(order_id, "order"))
    if row is None or row.user_id != principal.subject_id or row.removed_at is not None:
        raise not_found("order")
    return row


def _placed_for(row: Order, placed_by: str, policy: ShopPolicy) -> dict[str, Any] | None:
    """Who placed an order for whom (only for an order placed for someone else)."""
    if not row.for_other:
        return None
    return {
        "placed_by": placed_by,
        "placed_for": row.recipient_name,
        "purchaser_consent_at": row.purchaser_consent_at,
        **clause_fields(policy, policy.orders_for_others),
    }


def _placer(db: Session, principal: Principal, ctx: ShopContext) -> tuple[str, ShopPolicy]:
    user = db.get(User, principal.subject_id)
    return (user.display_name if user is not None else ""), policy_for(ctx.shop.id)


def _summary_fields(
    row: Order, item_count: int, placer: tuple[str, ShopPolicy] | None = None
) -> dict[str, Any]:
    return {
        "placed_for": _placed_for(row, *placer) if placer is not None else None,
        "id": str(row.id),
        "number": row.number,
        "placed_at": row.placed_at,
        "status": row.status,
        "total_cents": row.total_cents,
        "currency": row.currency,
        "item_count": item_count,
        "for_other": row.for_other,
        "logistics_partner": localized(row, "logistics_partner"),
    }


@router.get("/orders", response_model=Page[OrderSummary], responses=PROBLEM_RESPONSES)
def list_orders(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[OrderSummary]:
    """The subject's orders, newest first; removed records are not listed."""
    rows: list[Order]
    rows, next_cursor = newest_first_page(
        db,
        select(Order).where(Order.user_id == principal.subject_id, Order.removed_at.is_(None)),
        Order.placed_at,
        Order.id,
        limit=limit,
        cursor=cursor,
    )
    placer = _placer(db, principal, ctx)
    counts: dict[int, int] = {}
    if rows:
        counted = db.execute(
            select(OrderItem.order_id, func.coalesce(func.sum(OrderItem.quantity), 0))
            .where(OrderItem.order_id.in_([row.id for row in rows]))
            .group_by(OrderItem.order_id)
        )
        counts = {order_id: int(total) for order_id, total in counted}
    items = [
        OrderSummary.model_validate(_summary_fields(row, counts.get(row.id, 0), placer))
        for row in rows
    ]
    return Page[OrderSummary](items=items, next_cursor=next_cursor)


@router.get("/orders/{order_id}", response_model=OrderDetail, responses=PROBLEM_RESPONSES)
def get_order(
    order_id: str,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> OrderDetail:
    """One order with items, masked payment, logistics, and the recipients of its data."""
    row = _visible_order(db, principal, order_id)
    lines = list(
        db.scalars(select(OrderItem).where(OrderItem.order_id == row.id).order_by(OrderItem.id))
    )
    events = db.execute(
        select(RecipientEvent, Recipient)
        .join(Recipient, Recipient.id == RecipientEvent.recipient_id)
        .where(
            RecipientEvent.order_id == row.id,
            RecipientEvent.user_id == principal.subject_id,
        )
        .order_by(RecipientEvent.at, RecipientEvent.id)
    ).all()
    body = _summary_fields(row, sum(line.quantity for line in lines), _placer(db, principal, ctx))
    body.update(
        {
            "items": [
                OrderItemOut(
                    id=str(line.id),
                    title=line.title,
                    quantity=line.quantity,
                    unit_price_cents=line.unit_price_cents,
                )
                for line in lines
            ],
            "payment": {
                "method": row.payment_method,
                "masked": localized(row, "payment_masked"),
                "status": row.payment_status,
            },
            "logistics": {
                "partner": localized(row, "logistics_partner"),
                "tracking_no": row.tracking_no,
            },
            "recipient": {
                "name": row.recipient_name,
                "phone_masked": row.recipient_phone_masked,
                "address": row.recipient_address,
                "for_other": row.for_other,
            },
            "shared_with": [
                {
                    "recipient_id": str(recipient.id),
                    "name": localized(recipient, "name"),
                    "type": recipient.type,
                    "categories": [str(c) for c in _json_list(event.categories)],
                    "at": event.at,
                }
                for event, recipient in events
            ],
        }
    )
    return OrderDetail.model_validate(body)


def _retention_until(db: Session, placed_at: datetime) -> datetime:
    category = db.get(DataCategory, "orders")
    period = parse_period(category.retention) if category is not None else None
    return add_period(placed_at, period or DEFAULT_ORDER_RETENTION)


def _removed_body(row: Order) -> OrderRemoved:
    assert row.retained_until is not None
    return OrderRemoved(
        id=str(row.id),
        removed=True,
        retained=Retained(
            categories=list(RETAINED_CATEGORIES),
            fields=list(RETAINED_FIELDS),
            until=row.retained_until,
            legal_basis="legal_obligation",
            reason=translate(RETAINED_REASON) or RETAINED_REASON,
        ),
    )


@router.delete("/orders/{order_id}", response_model=OrderRemoved, responses=PROBLEM_RESPONSES)
def remove_order(
    order_id: str,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> OrderRemoved:
    """Hide the order record; report what the law requires keeping, and until when.

    Idempotent: removing an already removed order answers the same body again.
    """
    row = db.get(Order, parse_id(order_id, "order"))
    if row is None or row.user_id != principal.subject_id:
        raise not_found("order")
    if row.removed_at is None or row.retained_until is None:
        row.removed_at = ctx.clock.now()
        row.retained_until = _retention_until(db, row.placed_at)
        # Delivery details are not part of the retained transaction record.
        row.recipient_name = ""
        row.recipient_phone_masked = ""
        row.recipient_address = ""
        row.tracking_no = ""
        db.commit()
    return _removed_body(row)


def _decision_fields(row: Decision) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "system": localized(row, "system"),
        "kind": row.kind,
        "outcome": localized(row, "outcome"),
        "significance": row.significance,
        "at": row.at,
        "model_version": row.model_version,
        "order_id": str(row.order_id) if row.order_id is not None else None,
    }


@router.get("/decisions", response_model=Page[DecisionOut], responses=PROBLEM_RESPONSES)
def list_decisions(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[DecisionOut]:
    """Automated decisions that affected the subject, newest first."""
    rows: list[Decision]
    rows, next_cursor = newest_first_page(
        db,
        select(Decision).where(Decision.user_id == principal.subject_id),
        Decision.at,
        Decision.id,
        limit=limit,
        cursor=cursor,
    )
    items = [DecisionOut.model_validate(_decision_fields(row)) for row in rows]
    return Page[DecisionOut](items=items, next_cursor=next_cursor)


def _factors(text: str | None) -> list[Factor]:
    factors: list[Factor] = []
    for entry in _json_list(text):
        if isinstance(entry, dict) and "factor" in entry:
            try:
                weight = float(entry.get("weight", 0.0))
            except (TypeError, ValueError):
                weight = 0.0
            code = str(entry["factor"])
            factors.append(Factor(factor=code, label=label(FACTORS, code), weight=weight))
    return factors


@router.get("/decisions/{decision_id}", response_model=DecisionDetail, responses=PROBLEM_RESPONSES)
def get_decision(
    decision_id: str,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> DecisionDetail:
    """One decision with the inputs it used and the factors that weighed most."""
    row = db.get(Decision, parse_id(decision_id, "decision"))
    if row is None or row.user_id != principal.subject_id:
        raise not_found("decision")
    body = _decision_fields(row)
    body["inputs"] = [str(item) for item in _json_list(row.inputs)]
    body["factors"] = _factors(row.factors)
    return DecisionDetail.model_validate(body)
