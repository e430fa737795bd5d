"""Data categories and the collected data: devices, locations, logs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from server.schemas.common import ApiModel, LegalBasis, ProvenanceBasis


class Storage(ApiModel):
    country: str
    vendor: str


class DataCategoryOut(ApiModel):
    key: str
    title: str
    title_zh: str
    description: str = Field(description="What the category holds, in the asked language.")
    count: int
    sensitive: bool
    purposes: list[str]
    legal_basis: LegalBasis
    retention: str = Field(description='ISO 8601 period ("P3Y") or `until_account_closed`.')
    retention_text: str = Field(description="The retention rule in words, in the asked language.")
    storage: Storage
    source: str
    policy_section: str = Field(
        description="Kept for older clients: the clause, or an empty string when the policy "
        "is silent. Prefer `clause` and `basis`."
    )
    clause: str | None = Field(
        description="Section of this shop's own policy that announces the category, numbered "
        "as that policy numbers itself; null when the policy does not mention it."
    )
    clause_title: str | None = Field(
        description="The clause's title in the asked language (Accept-Language)."
    )
    basis: ProvenanceBasis
    retention_clause: str | None = Field(
        description="Section stating the retention period; null: the period is the shop's "
        "configuration, not stated in the policy."
    )
    retention_basis: ProvenanceBasis


class DeviceOut(ApiModel):
    id: str
    device_type: str
    model: str
    os: str
    os_version: str
    device_uid: str
    settings: dict[str, Any]
    first_seen: datetime
    last_seen: datetime


class LocationOut(ApiModel):
    id: str
    at: datetime
    source: str
    ip: str | None
    latitude: float | None
    longitude: float | None
    city: str


class LogOut(ApiModel):
    id: str
    at: datetime
    ip: str
    browser: str
    carrier: str
    language: str
    page: str
    search_query: str | None
