"""Security incident notices, one per affected shopper."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from server.schemas.common import ApiModel, ProvenanceBasis


class AffectedData(ApiModel):
    category: str = Field(description="A data category key (as in /v1/data/categories).")
    title: str


class IncidentItem(ApiModel):
    id: str
    severity: str
    title: str
    situation: str
    impact: str
    measures: str
    advice: str = Field(description="What the shopper can do to protect themselves.")
    remedies: str
    affected: list[AffectedData] = Field(description="Which of this shopper's data it touched.")
    occurred_at: datetime
    published_at: datetime
    read: bool
    read_at: datetime | None
    clause: str | None = Field(description="The policy clause promising this notice.")
    basis: ProvenanceBasis


class IncidentCounts(ApiModel):
    unread: int
    total: int
