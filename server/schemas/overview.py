"""Counts and joins done where the data is: the overview's counts, the decisions' requests."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.schemas.common import ApiModel
from server.schemas.privacy_requests import PrivacyRequestOut


class OverviewCounts(ApiModel):
    recipients: int = Field(description="Recipients the shop shares personal data with.")
    recipients_with_data: int = Field(description="Of them, those that received this subject's.")
    open_requests: int = Field(
        description="The subject's requests not completed, denied or canceled."
    )
    overdue_requests: int = Field(description="Open requests past their due date.")
    next_due_working_days: int | None = Field(
        description="Working days left for the open request due soonest (null: none open)."
    )


class DecisionRequest(ApiModel):
    decision_id: str
    type: Literal["explanation", "human_review"]
    request: PrivacyRequestOut = Field(description="The newest such request about it.")


class DecisionRequests(ApiModel):
    items: list[DecisionRequest]
