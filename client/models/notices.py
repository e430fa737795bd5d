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


__all__ = ["CurrentPolicy", "Notice", "PolicyAcknowledgement", "PolicyVersion"]
