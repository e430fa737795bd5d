"""Privacy requests with their timeline and deletion receipts, and assisted sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class PrivacyRequest(Base):
    __tablename__ = "privacy_requests"
    __table_args__ = (
        Index("ix_privacy_requests_user_received", "user_id", "received_at", "id"),
        # the processors' claim query: due requests by status, oldest change first
        Index("ix_privacy_requests_status_updated", "status", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30))
    details: Mapped[str] = mapped_column(Text, default="{}")  # JSON: what the subject asked for
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    filed_by: Mapped[str] = mapped_column(String(100))  # subject or agent name
    denial_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)  # free text of the answer
    result: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON result metadata
    verification_code_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    verification_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # added for the request workflow (server/requests_flow.py):
    denial_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    extension_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    original_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    verification_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # plain code, stored only by demo servers so testers can read it (never in production)
    demo_verification_code: Mapped[str | None] = mapped_column(String(6), nullable=True)
    # which processor holds this request's next step, and until when (server/processor.py)
    claimed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    claim_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # the language the request was filed in: its archive is built in it (server/i18n.py)
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")


class RequestEvent(Base):
    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("privacy_requests.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class DeletionReceipt(Base):
    """Per recipient of deleted data: notified, confirmed, and when backups are purged."""

    __tablename__ = "deletion_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("privacy_requests.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"), nullable=True)
    recipient_name: Mapped[str] = mapped_column(String(120))
    recipient_name_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    categories: Mapped[str] = mapped_column(Text)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    backup_purge_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AssistCode(Base):
    __tablename__ = "assist_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)


class AssistSession(Base):
    __tablename__ = "assist_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class FeeQuote(Base):
    """A cost fee the shop quotes for a repeated request beyond what it answers for free.

    The request waits in `fee_quoted` until the shopper accepts (it proceeds) or withdraws it.
    The reason is stored in both languages as quoted, so the answer and the archive say what
    the shop said at the time; `clause` is the policy section allowing the fee (None: the
    shop's own configuration, not stated in its policy).
    """

    __tablename__ = "fee_quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("privacy_requests.id", ondelete="CASCADE"), unique=True
    )
    amount: Mapped[str] = mapped_column(String(16))  # decimal, major unit ("10.00")
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(Text)
    reason_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    clause: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status: Mapped[str] = mapped_column(String(12))  # quoted | accepted | withdrawn
    quoted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class IdentityDocument(Base):
    """A signed written request or other proof of identity the shopper uploaded for a request.

    Kept in the database (not on disk) so that it goes with the request and is deleted with
    it; an officer reviews it with `python -m server admin review-document`.
    """

    __tablename__ = "identity_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("privacy_requests.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))  # written_request | other_proof
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    review: Mapped[str] = mapped_column(String(12))  # pending | accepted | rejected
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    review_note: Mapped[str | None] = mapped_column(Text, nullable=True)


# Every column of a stored document but its content (and its reviewer): what lists show of it.
IDENTITY_DOCUMENT_FIELDS = (
    IdentityDocument.id,
    IdentityDocument.request_id,
    IdentityDocument.kind,
    IdentityDocument.filename,
    IdentityDocument.media_type,
    IdentityDocument.size,
    IdentityDocument.sha256,
    IdentityDocument.uploaded_at,
    IdentityDocument.review,
    IdentityDocument.reviewed_at,
    IdentityDocument.review_note,
)
