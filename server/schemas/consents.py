"""Consents with their signed receipts, marketing subscriptions, and the cookie inventory."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, StrictBool

from server.schemas.common import ApiModel, LegalBasis, ProvenanceBasis
from server.schemas.rights import RightsTerm

Channel = Literal["sms", "email", "push", "internal_letter"]


class ConsentItem(ApiModel):
    id: str = Field(description="The purpose key (same as `purpose`).")
    purpose: str
    title: str
    title_zh: str
    description: str
    legal_basis: LegalBasis
    required: bool = Field(description="Needed to run the service; cannot be withdrawn.")
    granted: bool
    updated_at: datetime | None
    policy_version: str | None
    destination_country: str | None = Field(
        default=None,
        description="For a transfer abroad with its own consent: the country (ISO 3166 "
        "alpha-2) the data goes to.",
    )
    clause: str | None = Field(
        default=None,
        description="Section of this shop's policy behind the purpose; null: its configuration.",
    )
    clause_title: str | None = None
    basis: ProvenanceBasis = "shop_configuration"
    refusal_consequence: RightsTerm | None = Field(
        default=None, description="What refusing or withdrawing this consent means."
    )


class ConsentUpdate(ApiModel):
    granted: StrictBool
    guardian_present: StrictBool | None = Field(
        default=None,
        description="A guardian changing a ward's consent attests being with the ward now "
        "(needed where the shop's policy asks for the guardian's presence).",
    )


class ConsentReceipt(ApiModel):
    """A signed consent receipt.

    `signature` is Ed25519 (base64) by key `kid` over the canonical JSON (sorted keys, no
    spaces, UTF-8) of `{"id", "purpose", "granted", "at", "policy_version", "subject"}`; `at`
    is the exact signed string.
    """

    id: str
    purpose: str
    granted: bool
    at: str = Field(description="RFC 3339 UTC time of the change, exactly as signed.")
    policy_version: str
    subject: str = Field(description="The subject's customer number.")
    kid: str
    signature: str


class ConsentChange(ApiModel):
    consent: ConsentItem
    receipt: ConsentReceipt
    changed: bool = Field(
        default=True,
        description="False when the subject already held this state under the current policy "
        "version: nothing changed, and `receipt` is the one that recorded the state.",
    )


class SubscriptionItem(ApiModel):
    id: str = Field(description="The channel (same as `channel`).")
    channel: Channel
    enabled: bool
    updated_at: datetime | None


class SubscriptionUpdate(ApiModel):
    enabled: StrictBool


class CookieItem(ApiModel):
    id: str
    name: str
    technology: str
    purpose: str
    consent_purpose: str | None
    party: str
    provider: str
    lifetime: str
    active: bool = Field(
        description="Whether it may be set for this subject: its consent purpose is granted, "
        "or it needs none."
    )
    clause: str | None = Field(
        description="Section of this shop's policy announcing cookies and similar "
        "technologies; null when it does not."
    )
    basis: ProvenanceBasis
