"""The overview's counts: what the app's first page shows, counted where the data is."""

from __future__ import annotations

from pydantic import Field

from server.schemas.common import ApiModel


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
