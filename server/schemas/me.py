"""The account and its profile fields."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictBool

from server.schemas.common import ApiModel, Source
from server.schemas.guardians import GuardianOfMe, GuardianRuleOut, LegalCapacity

MAX_FIELD_VALUE = 200


class ProfileFieldOut(ApiModel):
    key: str
    label: str = Field(description="The field's name, in the asked language.")
    group: str
    value: str | None
    source: Source
    editable: bool
    updated_at: datetime


class Me(ApiModel):
    id: str
    customer_no: str
    display_name: str
    role: str
    created_at: datetime
    is_minor: bool
    guardian_consent: str
    age_years: int | None = Field(description="The age the shop holds; null when it has none.")
    legal_capacity: LegalCapacity
    guardians: list[GuardianOfMe]
    guardian_rule: GuardianRuleOut | None = Field(
        description="The shop's rule on this subject's consents, when it covers them."
    )
    personalization: bool
    fields: list[ProfileFieldOut]


FieldKey = Annotated[str, Field(min_length=1, max_length=40)]
FieldValue = Annotated[str, Field(max_length=MAX_FIELD_VALUE)]


class MePatch(ApiModel):
    fields: dict[FieldKey, FieldValue | None] = Field(
        description="Field key to new value (null clears it); only editable fields."
    )


class Personalization(ApiModel):
    enabled: StrictBool
