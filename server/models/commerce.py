"""Orders with items, payment and logistics, and automated decisions about the subject."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_user_placed", "user_id", "placed_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(32))
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20))
    total_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    payment_method: Mapped[str] = mapped_column(String(40))
    payment_masked: Mapped[str] = mapped_column(String(60))
    payment_masked_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    payment_status: Mapped[str] = mapped_column(String(20))
    logistics_partner: Mapped[str] = mapped_column(String(80))
    logistics_partner_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    tracking_no: Mapped[str] = mapped_column(String(40))
    recipient_name: Mapped[str] = mapped_column(String(80))
    recipient_phone_masked: Mapped[str] = mapped_column(String(40))
    recipient_address: Mapped[str] = mapped_column(Text)
    for_other: Mapped[bool] = mapped_column(Boolean, default=False)
    # for an order placed for someone else: when the account holder confirmed that the actual
    # purchaser agreed to their details being given (Silumart 1.C.1)
    purchaser_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    retained_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class OrderItem(Base):
    __tablename__ = "order_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)


class Decision(Base):
    """An automated decision that affected the subject, with the record needed to explain it."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    system: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(40))  # risk_flag | transaction_block | coupon | ...
    outcome: Mapped[str] = mapped_column(Text)
    # the Chinese of system and outcome (None: English only)
    system_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    outcome_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    significance: Mapped[str] = mapped_column(String(10))  # low | medium | high
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    model_version: Mapped[str] = mapped_column(String(40))
    inputs: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of input names
    factors: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {factor, weight}
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), nullable=True)
