"""Privacy policy versions with acknowledgements, and notices."""

from __future__ import annotations

from datetime import datetime

from server.schemas.common import ApiModel


class PolicyVersionItem(ApiModel):
    id: str
    version: str
    published_at: datetime
    major: bool
    summary: str
    changes: list[str]
    url: str
    acknowledged: bool


class CurrentPolicy(PolicyVersionItem):
    acknowledged_at: datetime | None


class PolicyAcknowledgement(ApiModel):
    version: str
    acknowledged_at: datetime


class NoticeItem(ApiModel):
    id: str
    kind: str
    severity: str
    title: str
    body: str
    published_at: datetime
    personal: bool
