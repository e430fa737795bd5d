"""Recipients the shop shares personal data with, and each disclosure of the subject's data."""

from __future__ import annotations

from typing import Literal

from client.models.common import ClientModel, LegalBasis, Timestamp
from client.models.rights import RightsTerm

RecipientType = Literal[
    "advertising",
    "analytics",
    "logistics",
    "payment",
    "infrastructure",
    "customer_service",
    "authority",
    "successor",
    "public",
]


class Agreement(ClientModel):
    """The data-protection agreement the shop signed with a partner."""

    exists: bool = False
    signed_at: Timestamp | None = None
    scope: str | None = None
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "shop_configuration"


class Recipient(ClientModel):
    id: str
    name: str
    type: RecipientType
    categories: list[str]
    purpose: str
    legal_basis: LegalBasis
    identifiable: bool
    country: str
    first_shared: Timestamp | None = None
    last_shared: Timestamp | None = None
    event_count: int = 0
    clause: str | None = None
    basis: str = "policy"
    data_protection_agreement: Agreement | None = None  # older servers send none
    consent_purpose: str | None = None
    no_consent_exception: RightsTerm | None = None


class RecipientEvent(ClientModel):
    id: str
    at: Timestamp
    categories: list[str]
    description: str
    order_id: str | None = None
    order_number: str | None = None  # what the shopper knows the order by
    kind: str = "disclosure"  # disclosure | merger_transfer | public_disclosure
    notice_id: str | None = None
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "policy"


__all__ = ["Agreement", "Recipient", "RecipientEvent", "RecipientType"]
