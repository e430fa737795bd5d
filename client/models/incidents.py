"""Security incident notices (`/v1/incidents`): one per affected shopper."""

from __future__ import annotations

from pydantic import Field

from client.models.common import ClientModel, Timestamp


class AffectedData(ClientModel):
    category: str  # a data category key, as in /v1/data/categories
    title: str = ""


class Incident(ClientModel):
    id: str
    severity: str
    title: str
    situation: str
    impact: str
    measures: str
    advice: str
    remedies: str
    affected: list[AffectedData] = Field(default_factory=list)
    occurred_at: Timestamp
    published_at: Timestamp
    read: bool = False
    read_at: Timestamp | None = None
    clause: str | None = None
    basis: str = "shop_configuration"


class IncidentCounts(ClientModel):
    unread: int
    total: int


__all__ = ["AffectedData", "Incident", "IncidentCounts"]
