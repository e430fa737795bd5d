"""The "Your rights here" card: what this shop's own policy promises about privacy requests."""

from __future__ import annotations

from pydantic import Field

from server.schemas.common import ApiModel, ProvenanceBasis


class RightsTerm(ApiModel):
    key: str
    text: str = Field(description="In the caller's language (Accept-Language).")
    value: str | None = Field(description="A concrete value, e.g. an e-mail address.")
    clause: str | None = Field(
        description="Section of this shop's policy, numbered as the policy numbers it; null "
        "when the policy is silent and the value is the shop's configuration."
    )
    clause_title: str | None
    basis: ProvenanceBasis


class RightsDeadline(RightsTerm):
    working_days: int = Field(description="The working days the shop actually allows itself.")


class PolicySectionOut(ApiModel):
    number: str
    title: str


class RightsCard(ApiModel):
    shop_id: str
    language: str
    deadline: RightsDeadline
    fees: RightsTerm
    verification: list[RightsTerm]
    verification_required_for: list[str]
    refusal_grounds: list[RightsTerm]
    deletion_grounds: list[RightsTerm]
    contacts: list[RightsTerm]
    outline: list[PolicySectionOut] = Field(
        description="The shop's policy outline every `clause` above refers to."
    )
