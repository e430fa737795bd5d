"""Guardians linked to a minor's (or a person without full legal capacity's) account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class GuardianLink(Base):
    """One guardian of one ward; a revoked link no longer opens the ward's dashboard."""

    __tablename__ = "guardian_links"
    __table_args__ = (UniqueConstraint("guardian_id", "ward_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    relationship: Mapped[str] = mapped_column(String(20))  # parent | legal_guardian
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
