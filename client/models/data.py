"""Data categories held about the subject, and the collected data: devices, locations, logs."""

from __future__ import annotations

from typing import Any

from client.models.common import ClientModel, LegalBasis, Timestamp
from client.models.rights import RightsTerm


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
    # the statutory case the shop collects it under without consent, and what refusing costs
    no_consent_exception: RightsTerm | None = None
    refusal_consequence: RightsTerm | None = None

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


class ServiceContact(ClientModel):
    """One call, chat, e-mail or letter with customer service, and how it was solved."""

    id: str
    at: Timestamp
    channel: str  # phone | online_chat | email | letter
    summary: str
    outcome: str = ""
    duration_seconds: int | None = None
    order_id: str | None = None
    order_number: str | None = None  # what the shopper knows the order by


__all__ = ["DataCategory", "Device", "Location", "LogEntry", "ServiceContact", "Storage"]
