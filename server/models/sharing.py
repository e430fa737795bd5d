"""Categories of personal data the shop holds, the recipients it shares with, and each sharing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class DataCategory(Base):
    __tablename__ = "data_categories"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    title_zh: Mapped[str] = mapped_column(String(120))
    # what the category holds, in words (English, and Chinese beside it)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    purposes: Mapped[str] = mapped_column(Text)  # JSON list of purpose keys
    legal_basis: Mapped[str] = mapped_column(String(30))
    retention: Mapped[str] = mapped_column(String(40))  # "P3Y" style period or until_account_closed
    storage_country: Mapped[str] = mapped_column(String(2))
    storage_vendor: Mapped[str] = mapped_column(String(80))
    storage_vendor_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(16))
    policy_section: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Recipient(Base):
    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(20))
    categories: Mapped[str] = mapped_column(Text)  # JSON list of category keys
    purpose: Mapped[str] = mapped_column(Text)
    name_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    purpose_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    legal_basis: Mapped[str] = mapped_column(String(30))
    identifiable: Mapped[bool] = mapped_column(Boolean)
    country: Mapped[str] = mapped_column(String(2))
    # the data-protection agreement with this partner (null: none, e.g. an authority)
    dpa_signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    dpa_scope: Mapped[str | None] = mapped_column(Text, nullable=True)
    dpa_scope_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the consent purpose that alone allows sharing with it (e.g. a cross-border transfer)
    consent_purpose: Mapped[str | None] = mapped_column(String(40), nullable=True)


class RecipientEvent(Base):
    """One disclosure of the subject's data to a recipient."""

    __tablename__ = "recipient_events"
    __table_args__ = (Index("ix_recipient_events_user_recipient", "user_id", "recipient_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("recipients.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    categories: Mapped[str] = mapped_column(Text)  # JSON list of category keys
    description: Mapped[str] = mapped_column(Text)
    description_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # disclosure | merger_transfer | public_disclosure
    kind: Mapped[str] = mapped_column(String(20), default="disclosure", server_default="disclosure")
    # the notice that told the subject about it (transfers on merger, public disclosures)
    notice_id: Mapped[int | None] = mapped_column(
        ForeignKey("notices.id", ondelete="SET NULL"), nullable=True
    )
    # the policy section allowing this one, when narrower than its kind's; null: the kind's
    clause: Mapped[str | None] = mapped_column(String(20), nullable=True)
