"""Data categories and the collected data: devices, locations, logs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from server.schemas.common import ApiModel, LegalBasis, ProvenanceBasis
from server.schemas.rights import RightsTerm


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
    no_consent_exception: RightsTerm | None = Field(
        description="The statutory case of this shop's policy under which it collects this "
        "category without consent; null when it does not rely on one."
    )
    refusal_consequence: RightsTerm | None = Field(
        description="What refusing to provide this data means for the shopper, with the "
        "clause that says so (null clause: the shop's own statement)."
    )


ServiceChannel = Literal["phone", "online_chat", "email", "letter"]


class ServiceContactOut(ApiModel):
    id: str
    at: datetime
    channel: ServiceChannel
    summary: str = Field(description="What the contact was about, in the asked language.")
    outcome: str = Field(description="How it was solved, in the asked language.")
    duration_seconds: int | None = Field(description="A call's length; null for other channels.")
    order_id: str | None
    # what the shopper knows the order by (its id means nothing to them); None without an order
    order_number: str | None = None


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
