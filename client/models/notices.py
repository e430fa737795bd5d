"""Privacy policy versions and their acknowledgement, and notices (incidents, announcements)."""

from __future__ import annotations

from client.models.common import ClientModel, Timestamp


class PolicyVersion(ClientModel):
    id: str
    version: str
    published_at: Timestamp
    major: bool
    summary: str
    changes: list[str]
    url: str
    acknowledged: bool


class CurrentPolicy(PolicyVersion):
    acknowledged_at: Timestamp | None = None


class PolicyAcknowledgement(ClientModel):
    version: str
    acknowledged_at: Timestamp


class Notice(ClientModel):
    id: str
    kind: str
    severity: str
    title: str
    body: str
    published_at: Timestamp
    personal: bool = False
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "shop_configuration"


class ImpactAssessment(ClientModel):
    """A personal-information impact assessment the shop published."""

    id: str
    topic: str
    assessed_at: Timestamp
    outcome: str
    notice_id: str | None = None
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "shop_configuration"


__all__ = ["CurrentPolicy", "ImpactAssessment", "Notice", "PolicyAcknowledgement", "PolicyVersion"]
