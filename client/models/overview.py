"""Counts and joins the shop does: `GET /overview`, `GET /decision-requests`."""

from __future__ import annotations

from typing import Literal

from client.models.common import ClientModel
from client.models.requests import PrivacyRequest


class OverviewCounts(ClientModel):
    recipients: int
    recipients_with_data: int
    open_requests: int
    overdue_requests: int
    next_due_working_days: int | None = None


class DecisionRequest(ClientModel):
    """The newest request of one type about one automated decision."""

    decision_id: str
    type: Literal["explanation", "human_review"]
    request: PrivacyRequest
