"""Recipients the shop shares personal data with, and each disclosure of this subject's data."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from server.schemas.common import ApiModel, LegalBasis, ProvenanceBasis

RecipientType = Literal[
    "advertising",
    "analytics",
    "logistics",
    "payment",
    "infrastructure",
    "customer_service",
    "authority",
]


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


class RecipientEventItem(ApiModel):
    id: str
    at: datetime
    categories: list[str]
    description: str
    order_id: str | None
    # what the shopper knows the order by (its id means nothing to them); None without an order
    order_number: str | None = None
