"""Privacy policy versions with acknowledgements, and notices."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from server.schemas.common import ApiModel, ProvenanceBasis


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
    clause: str | None = Field(
        default=None,
        description="Section of this shop's policy promising notices of this kind (e.g. a "
        "cessation notice, a transfer on merger); null: the shop's own announcement.",
    )
    clause_title: str | None = None
    basis: ProvenanceBasis = "shop_configuration"
