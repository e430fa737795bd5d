"""Accounts, profile fields, OAuth codes and tokens, and the shop's signing keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class User(Base):
    """A shop account: a shopper (the data subject) or a customer-service agent."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="shopper")  # shopper | agent
    customer_no: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    is_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    guardian_consent: Mapped[str] = mapped_column(String(16), default="not_needed")
    # The age the shop holds (None: it knows only that the subject is a minor, or nothing).
    age_years: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # full | limited | none: civil capacity as the shop has it on file (Sinomai's policy
    # protects "persons who do not have the capacity to act" as it protects children).
    legal_capacity: Mapped[str] = mapped_column(String(10), default="full")
    personalization: Mapped[bool] = mapped_column(Boolean, default=True)


class ProfileField(Base):
    """One account or profile field with where it came from and whether the subject may edit it."""

    __tablename__ = "profile_fields"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    group: Mapped[str] = mapped_column(String(20))  # membership | profile | verification
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(16))  # provided | collected | inferred | partner
    editable: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuthorizationCode(Base):
    """A one-time OAuth authorization code (stored hashed), bound to PKCE and redirect URI."""

    __tablename__ = "oauth_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    redirect_uri: Mapped[str] = mapped_column(Text)
    code_challenge: Mapped[str] = mapped_column(String(128))
    scope: Mapped[str] = mapped_column(String(200))
    auth_time: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    family_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class RefreshToken(Base):
    """A refresh token (hashed). Each use rotates it; reusing a spent one revokes the family."""

    __tablename__ = "refresh_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    family_id: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(200))
    auth_time: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class AccessToken(Base):
    """An opaque bearer token (hashed). Assist tokens name the agent and the assisted subject."""

    __tablename__ = "access_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    family_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    assist_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("assist_sessions.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # set: a guardian (actor) reading their ward's (subject's) data through this link
    guardian_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("guardian_links.id", ondelete="CASCADE"), nullable=True
    )
    scope: Mapped[str] = mapped_column(String(200))
    auth_time: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class SigningKey(Base):
    """The shop's Ed25519 key pair; the public half is published in discovery."""

    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(40), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
