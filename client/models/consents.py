"""Consents per purpose with signed receipts, marketing subscriptions, and the cookie inventory."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from client.models.common import ClientModel, ExactTimestamp, LegalBasis, Timestamp, parse_rfc3339
from client.models.rights import RightsTerm

Channel = Literal["sms", "email", "push", "internal_letter"]
CHANNELS: tuple[Channel, ...] = ("sms", "email", "push", "internal_letter")


class Consent(ClientModel):
    id: str
    purpose: str
    title: str
    title_zh: str = ""
    description: str
    legal_basis: LegalBasis
    required: bool
    granted: bool
    updated_at: Timestamp | None = None
    policy_version: str | None = None
    # a transfer abroad with its own consent names the destination country (ISO alpha-2)
    destination_country: str | None = None
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "shop_configuration"
    refusal_consequence: RightsTerm | None = None


class ConsentReceipt(ClientModel):
    """A consent receipt as signed by the shop; `at` is kept as the exact signed string."""

    id: str
    purpose: str
    granted: bool
    at: ExactTimestamp
    policy_version: str
    subject: str
    kid: str
    signature: str

    @property
    def time(self) -> datetime:
        return parse_rfc3339(self.at)

    def signed_payload(self) -> dict[str, Any]:
        """The object the signature covers."""
        return {
            "id": self.id,
            "purpose": self.purpose,
            "granted": self.granted,
            "at": self.at,
            "policy_version": self.policy_version,
            "subject": self.subject,
        }


class ConsentChange(ClientModel):
    consent: Consent
    receipt: ConsentReceipt


class Subscription(ClientModel):
    id: str
    channel: Channel
    enabled: bool
    updated_at: Timestamp | None = None


class Cookie(ClientModel):
    id: str
    name: str
    technology: str
    purpose: str
    consent_purpose: str | None = None
    party: str
    provider: str
    lifetime: str
    active: bool
    clause: str | None = None
    basis: str = "policy"


__all__ = [
    "CHANNELS",
    "Channel",
    "Consent",
    "ConsentChange",
    "ConsentReceipt",
    "Cookie",
    "Subscription",
]
