"""Data categories held about the subject, and the collected data: devices, locations, logs."""

from __future__ import annotations

from typing import Any

from client.models.common import ClientModel, LegalBasis, Timestamp


class Storage(ClientModel):
    country: str
    vendor: str


class DataCategory(ClientModel):
    key: str
    title: str
    title_zh: str = ""
    description: str = ""  # what the category holds, in the language asked for
    count: int
    sensitive: bool
    purposes: list[str]
    legal_basis: LegalBasis
    retention: str  # a period such as "P3Y", or "until_account_closed"
    retention_text: str = ""  # the same in words, in the language asked for
    storage: Storage
    source: str
    policy_section: str
    # Which section of this shop's own policy announces the category; None with basis
    # "shop_configuration" when the policy is silent (older servers send neither).
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "policy"
    retention_clause: str | None = None
    retention_basis: str = "policy"

    @property
    def id(self) -> str:
        return self.key


class Device(ClientModel):
    id: str
    device_type: str
    model: str
    os: str
    os_version: str
    device_uid: str
    settings: dict[str, Any]
    first_seen: Timestamp
    last_seen: Timestamp


class Location(ClientModel):
    id: str
    at: Timestamp
    source: str
    ip: str | None
    latitude: float | None
    longitude: float | None
    city: str


class LogEntry(ClientModel):
    id: str
    at: Timestamp
    ip: str
    browser: str
    carrier: str
    language: str
    page: str
    search_query: str | None


__all__ = ["DataCategory", "Device", "Location", "LogEntry", "Storage"]
