"""The shop's "Your rights here" card (`GET /v1/rights`): each promise with its clause."""

from __future__ import annotations

from pydantic import Field

from client.models.common import ClientModel


class RightsTerm(ClientModel):
    key: str
    text: str
    value: str | None = None
    clause: str | None = None  # None: the policy is silent, the value is the shop's setting
    clause_title: str | None = None
    basis: str = "shop_configuration"

    @property
    def stated(self) -> bool:
        return self.basis == "policy" and self.clause is not None


class RightsDeadline(RightsTerm):
    working_days: int


class PolicySection(ClientModel):
    number: str
    title: str


class RightsCard(ClientModel):
    shop_id: str
    language: str
    deadline: RightsDeadline
    fees: RightsTerm
    verification: list[RightsTerm]
    verification_required_for: list[str] = Field(default_factory=list)
    refusal_grounds: list[RightsTerm]
    deletion_grounds: list[RightsTerm]
    contacts: list[RightsTerm]
    outline: list[PolicySection] = Field(default_factory=list)
