"""Policy versions the subject acknowledges, and incident and other notices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class PolicyVersion(Base):
    __tablename__ = "policy_versions"

    version: Mapped[str] = mapped_column(String(20), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    major: Mapped[bool] = mapped_column(Boolean)
    summary: Mapped[str] = mapped_column(Text)
    changes: Mapped[list[str]] = mapped_column(JSON)
    # the Chinese of summary and changes (None: English only)
    summary_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    changes_zh: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    url: Mapped[str] = mapped_column(Text)


class PolicyAck(Base):
    __tablename__ = "policy_acks"
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(ForeignKey("policy_versions.version"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Notice(Base):
    """An announcement: to everyone (user_id null) or to one subject."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(30))  # security_incident | policy_update | service
    severity: Mapped[str] = mapped_column(String(10))  # info | warning | critical
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    title_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    body_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # the policy section this notice keeps, when narrower than its kind's (e.g. Silumart's
    # 3.C.2, disclosing a rule violation, within 3.C, public disclosure); null: the kind's
    clause: Mapped[str | None] = mapped_column(String(20), nullable=True)
