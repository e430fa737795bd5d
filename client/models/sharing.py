"""Recipients the shop shares personal data with, and each disclosure of the subject's data."""

from __future__ import annotations

from typing import Literal

from client.models.common import ClientModel, LegalBasis, Timestamp

RecipientType = Literal[
    "advertising",
    "analytics",
    "logistics",
    "payment",
    "infrastructure",
    "customer_service",
    "authority",
]


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


class RecipientEvent(ClientModel):
    id: str
    at: Timestamp
    categories: list[str]
    description: str
    order_id: str | None = None
    order_number: str | None = None  # what the shopper knows the order by


__all__ = ["Recipient", "RecipientEvent", "RecipientType"]
