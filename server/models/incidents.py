"""Personal-information security incidents and each affected shopper's own notice of one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class Incident(Base):
    """What happened, told the way a policy promises: situation, impact, measures, advice,
    remedies. English columns with their Chinese beside them (see server/i18n.py)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    severity: Mapped[str] = mapped_column(String(10))  # info | warning | critical
    title: Mapped[str] = mapped_column(String(200))
    title_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    situation: Mapped[str] = mapped_column(Text)
    situation_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    impact: Mapped[str] = mapped_column(Text)
    impact_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    measures: Mapped[str] = mapped_column(Text)
    measures_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    advice: Mapped[str] = mapped_column(Text)  # what the shopper can do
    advice_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    remedies: Mapped[str] = mapped_column(Text)
    remedies_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IncidentNotice(Base):
    """One affected shopper's notice: which of their data categories the incident touched,
    and when they read it (None: unread)."""

    __tablename__ = "incident_notices"
    __table_args__ = (
        UniqueConstraint("incident_id", "user_id"),
        # the list's order: unread first, then newest first
        Index("ix_incident_notices_user_unread", "user_id", "unread", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    affected: Mapped[str] = mapped_column(Text)  # JSON list of data category keys
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    unread: Mapped[int] = mapped_column(Integer, default=1)  # 1 until read_at is set
