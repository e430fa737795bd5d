"""Consent purposes and states with their signed history, marketing channels and cookies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class ConsentPurpose(Base):
    """A processing purpose the shop asks consent for (or states another legal basis for)."""

    __tablename__ = "consent_purposes"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    title_zh: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    # Chinese text beside the English (None: the shop has only English; see server/i18n.py)
    description_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    legal_basis: Mapped[str] = mapped_column(String(30))
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # a cross-border transfer purpose names the country the data goes to (ISO 3166 alpha-2)
    destination_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ConsentState(Base):
    __tablename__ = "consents"
    __table_args__ = (UniqueConstraint("user_id", "purpose"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(ForeignKey("consent_purposes.key"))
    granted: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    policy_version: Mapped[str] = mapped_column(String(20))


class ConsentEvent(Base):
    """One consent change; its row is the signed receipt handed to the subject."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[str] = mapped_column(String(40), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    granted: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    policy_version: Mapped[str] = mapped_column(String(20))
    kid: Mapped[str] = mapped_column(String(40))
    signature: Mapped[str] = mapped_column(Text)


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(20))  # sms | email | push | internal_letter
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CookieEntry(Base):
    """The shop's inventory of cookies and similar technologies."""

    __tablename__ = "cookies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    technology: Mapped[str] = mapped_column(String(20))  # cookie|flash_cookie|local_storage|...
    purpose: Mapped[str] = mapped_column(Text)
    consent_purpose: Mapped[str | None] = mapped_column(String(40), nullable=True)
    party: Mapped[str] = mapped_column(String(10))  # first | third
    provider: Mapped[str] = mapped_column(String(80))
    lifetime: Mapped[str] = mapped_column(String(40))
    # the Chinese of purpose, provider and lifetime (None: English only)
    purpose_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    provider_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    lifetime_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
