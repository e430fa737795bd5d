"""Orders (with items, masked payment, logistics and who received data) and automated decisions."""

from __future__ import annotations

from pydantic import Field

from client.models.common import ClientModel, LegalBasis, Timestamp


class OrderSummary(ClientModel):
    id: str
    number: str
    placed_at: Timestamp
    status: str
    total_cents: int
    currency: str
    item_count: int
    for_other: bool = False
    logistics_partner: str | None = None  # absent from shops that predate it
    placed_for: PlacedFor | None = None  # an order placed for someone else


class PlacedFor(ClientModel):
    """Who placed an order for whom, and when the actual purchaser's consent was confirmed."""

    placed_by: str
    placed_for: str
    purchaser_consent_at: Timestamp | None = None
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "shop_configuration"


class OrderItem(ClientModel):
    id: str
    title: str
    quantity: int
    unit_price_cents: int


class Payment(ClientModel):
    method: str
    masked: str
    status: str


class Logistics(ClientModel):
    partner: str
    tracking_no: str


class OrderRecipient(ClientModel):
    """Who the parcel went to (masked)."""

    name: str
    phone_masked: str
    address: str
    for_other: bool = False


class SharedWith(ClientModel):
    recipient_id: str
    name: str
    type: str
    categories: list[str]
    at: Timestamp


class OrderDetail(OrderSummary):
    items: list[OrderItem]
    payment: Payment
    logistics: Logistics
    recipient: OrderRecipient
    shared_with: list[SharedWith] = Field(default_factory=list)


class Retained(ClientModel):
    """What the shop keeps by law after the order is removed, and until when."""

    categories: list[str]
    fields: list[str]
    until: Timestamp
    legal_basis: LegalBasis
    reason: str


class OrderRemoved(ClientModel):
    id: str
    removed: bool
    retained: Retained | None = None


class Decision(ClientModel):
    id: str
    system: str
    kind: str = ""
    outcome: str
    significance: str
    at: Timestamp
    model_version: str = ""
    order_id: str | None = None


class Factor(ClientModel):
    factor: str
    label: str = ""  # what the factor means, in the language asked for
    weight: float


class DecisionDetail(Decision):
    inputs: list[str] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)


__all__ = [
    "Decision",
    "DecisionDetail",
    "Factor",
    "Logistics",
    "OrderDetail",
    "OrderItem",
    "OrderRecipient",
    "OrderRemoved",
    "OrderSummary",
    "Payment",
    "Retained",
    "SharedWith",
]
