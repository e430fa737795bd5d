"""Orders (with items, masked payment, logistics, sharing) and automated decisions."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from server.schemas.common import ApiModel, LegalBasis, ProvenanceBasis


class PlacedFor(ApiModel):
    """An order placed for someone else: who placed it, for whom, and the purchaser's consent."""

    placed_by: str = Field(description="The account holder who placed the order.")
    placed_for: str = Field(description="The actual purchaser the order is for.")
    purchaser_consent_at: datetime | None = Field(
        description="When the account holder confirmed the purchaser agreed to their details "
        "being given; null when not recorded."
    )
    clause: str | None = Field(
        description="Section of this shop's policy on ordering for others; null: the shop's "
        "configuration (its policy does not mention it)."
    )
    clause_title: str | None
    basis: ProvenanceBasis


class OrderSummary(ApiModel):
    id: str
    number: str
    placed_at: datetime
    status: str
    total_cents: int
    currency: str
    item_count: int
    for_other: bool
    logistics_partner: str
    placed_for: PlacedFor | None = Field(
        default=None, description="Set when the order was placed for someone else."
    )


class OrderItemOut(ApiModel):
    id: str
    title: str
    quantity: int
    unit_price_cents: int


class PaymentOut(ApiModel):
    method: str
    masked: str
    status: str


class LogisticsOut(ApiModel):
    partner: str
    tracking_no: str


class RecipientOut(ApiModel):
    name: str
    phone_masked: str
    address: str
    for_other: bool


class SharedWith(ApiModel):
    recipient_id: str
    name: str
    type: str
    categories: list[str]
    at: datetime


class OrderDetail(OrderSummary):
    items: list[OrderItemOut]
    payment: PaymentOut
    logistics: LogisticsOut
    recipient: RecipientOut
    shared_with: list[SharedWith]


class Retained(ApiModel):
    categories: list[str]
    fields: list[str]
    until: datetime
    legal_basis: LegalBasis
    reason: str


class OrderRemoved(ApiModel):
    id: str
    removed: bool
    retained: Retained


class DecisionOut(ApiModel):
    id: str
    system: str
    kind: str
    outcome: str
    significance: str
    at: datetime
    model_version: str
    order_id: str | None


class Factor(ApiModel):
    factor: str = Field(description="The factor's code (stable).")
    label: str = Field(description="What the factor means, in the asked language.")
    weight: float


class DecisionDetail(DecisionOut):
    inputs: list[str]
    factors: list[Factor]
