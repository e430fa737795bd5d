"""`GET /v1/overview`: the counts of the app's first page, so it need not list every recipient
and request to show them."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.deps import Principal, current_principal, get_ctx, get_db
from server.models import PrivacyRequest, Recipient, RecipientEvent
from server.requests_flow import FINAL, calendar_for
from server.schemas.common import PROBLEM_RESPONSES
from server.schemas.overview import OverviewCounts
from server.workdays import working_days_left

router = APIRouter(prefix="/v1", tags=["overview"])


@router.get("/overview", response_model=OverviewCounts, responses=PROBLEM_RESPONSES)
def overview(
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> OverviewCounts:
    """How many recipients got the subject's data, and the subject's open requests."""
    with_data = db.scalar(
        select(func.count(distinct(RecipientEvent.recipient_id))).where(
            RecipientEvent.user_id == principal.subject_id
        )
    )
    total = db.scalar(select(func.count()).select_from(Recipient))
    due = list(
        db.scalars(
            select(PrivacyRequest.due_at).where(
                PrivacyRequest.user_id == principal.subject_id,
                PrivacyRequest.status.not_in(sorted(FINAL)),
            )
        )
    )
    now = ctx.clock.now()
    calendar = calendar_for(ctx)
    return OverviewCounts(
        recipients=int(total or 0),
        recipients_with_data=int(with_data or 0),
        open_requests=len(due),
        overdue_requests=sum(1 for at in due if now > at),
        next_due_working_days=min(
            (working_days_left(now, at, calendar) for at in due), default=None
        ),
    )
