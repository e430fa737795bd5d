"""The account (`GET/PATCH /me`) with its profile fields, and the personalisation switch."""

from __future__ import annotations

from pydantic import Field

from client.models.common import ClientModel, Source, Timestamp
from client.models.guardians import GuardianOfMe, GuardianRule


class ProfileField(ClientModel):
    """One profile field: its value, where it came from, and whether the subject may edit it."""

    key: str
    label: str = ""  # the field's name in the language asked for
    group: str = ""
    value: str | None
    source: Source
    editable: bool
    updated_at: Timestamp | None = None


class Account(ClientModel):
    id: str
    customer_no: str
    display_name: str
    role: str
    created_at: Timestamp
    is_minor: bool = False
    guardian_consent: str = ""
    age_years: int | None = None  # the age the shop holds (None: none on file)
    legal_capacity: str = "full"
    guardians: list[GuardianOfMe] = Field(default_factory=list)
    guardian_rule: GuardianRule | None = None  # the shop's rule, when it covers this account
    personalization: bool
    fields: list[ProfileField]

    def field(self, key: str) -> ProfileField | None:
        return next((f for f in self.fields if f.key == key), None)


class Personalization(ClientModel):
    enabled: bool


__all__ = ["Account", "Personalization", "ProfileField"]
