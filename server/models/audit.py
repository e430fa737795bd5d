"""The hash-chained access log and stored idempotent responses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class AccessLogEntry(Base):
    """Append-only; `hash` covers `prev_hash` and every other field (see server.audit)."""

    __tablename__ = "access_log"
    __table_args__ = (UniqueConstraint("user_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))  # subject | agent | system
    action: Mapped[str] = mapped_column(String(20))
    resource: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # What was looked at, in words (server.access_what): a description of `resource`, written
    # with the entry; not hashed, so the chain format is unchanged and old entries verify.
    what: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class IdempotencyRecord(Base):
    """The first response to a creating POST, replayed for the same key and body."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    route: Mapped[str] = mapped_column(String(120))
    body_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: in flight
    response: Mapped[str | None] = mapped_column(Text, nullable=True)
    # indexed: every claim first purges the expired keys (server.idempotency), which without
    # it is a scan of the whole table on each keyed POST
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
