"""Records that exist because a shop's policy promises them: customer-service correspondence
and call records (Silumart 1.C.2) and published personal-information impact assessments
(Silumart 4.E). A shop whose policy promises neither simply holds no rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class ServiceContact(Base):
    """One contact with customer service: a call, a chat, an e-mail or a letter, and its result."""

    __tablename__ = "service_contacts"
    __table_args__ = (Index("ix_service_contacts_user_at", "user_id", "at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(16))  # phone | online_chat | email | letter
    summary: Mapped[str] = mapped_column(Text)
    summary_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    # a call is kept as a record of it (duration), never as audio in this demo
    duration_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), nullable=True
    )


class ImpactAssessment(Base):
    """A personal-information security impact assessment the shop published (shop-wide)."""

    __tablename__ = "impact_assessments"
    __table_args__ = (Index("ix_impact_assessments_at", "assessed_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(Text)  # what was assessed
    subject_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(Text)  # the published summary of the outcome
    outcome_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the announcement that published it
    notice_id: Mapped[int | None] = mapped_column(
        ForeignKey("notices.id", ondelete="SET NULL"), nullable=True
    )
