"""Recipients the shop shares personal data with, and each disclosure of this subject's data."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from server.schemas.common import ApiModel, LegalBasis, ProvenanceBasis
from server.schemas.rights import RightsTerm

RecipientType = Literal[
    "advertising",
    "analytics",
    "logistics",
    "payment",
    "infrastructure",
    "customer_service",
    "authority",
    "successor",  # took data over in a merger or acquisition
    "public",  # data made public (a public disclosure)
]
SharingEventKind = Literal["disclosure", "merger_transfer", "public_disclosure"]


class AgreementOut(ApiModel):
    """The data-protection agreement the shop signed with one partner."""

    exists: bool
    signed_at: datetime | None
    scope: str | None = Field(description="What the agreement binds the partner to, in words.")
    clause: str | None = Field(
        description="Section of this shop's policy promising such agreements; null: the shop "
        "keeps them without its policy saying so (its configuration)."
    )
    clause_title: str | None
    basis: ProvenanceBasis


class RecipientItem(ApiModel):
    id: str
    name: str
    type: RecipientType
    categories: list[str]
    purpose: str
    legal_basis: LegalBasis
    identifiable: bool = Field(description="Identifiable data (true) or aggregated only (false).")
    country: str
    first_shared: datetime | None = Field(description="First disclosure of this subject's data.")
    last_shared: datetime | None
    event_count: int
    clause: str | None = Field(
        description="Section of this shop's policy that announces partners of this type; "
        "null when the policy does not (the shop's configuration)."
    )
    basis: ProvenanceBasis
    data_protection_agreement: AgreementOut
    consent_purpose: str | None = Field(
        description="The consent purpose that alone allows sharing with this recipient (e.g. "
        "a transfer abroad); null when its legal basis covers it."
    )
    no_consent_exception: RightsTerm | None = Field(
        description="The statutory case of this shop's policy under which it shares with this "
        "recipient without consent; null when it does not rely on one."
    )


class RecipientEventItem(ApiModel):
    id: str
    at: datetime
    categories: list[str]
    description: str
    order_id: str | None
    # what the shopper knows the order by (its id means nothing to them); None without an order
    order_number: str | None = None
    kind: SharingEventKind = "disclosure"
    notice_id: str | None = Field(
        default=None, description="The notice that told the subject about this event."
    )
    clause: str | None = Field(
        default=None, description="Section of this shop's policy allowing this kind of event."
    )
    clause_title: str | None = None
    basis: ProvenanceBasis = "policy"
