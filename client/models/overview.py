"""`GET /overview`: the counts of the app's first page."""

from __future__ import annotations

from client.models.common import ClientModel


class OverviewCounts(ClientModel):
    recipients: int
    recipients_with_data: int
    open_requests: int
    overdue_requests: int
    next_due_working_days: int | None = None
