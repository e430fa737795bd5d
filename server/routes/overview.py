"""Counts and joins done where the data is, so the app need not download whole lists:

- `GET /v1/overview`: the first page's counts (recipients with the subject's data, open and
  overdue requests);
- `GET /v1/decision-requests`: for each automated decision, the newest explanation and human
  review request about it (the request's `details.decision_id`).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.deps import Principal, current_principal, get_ctx, get_db
from server.models import PrivacyRequest, Recipient, RecipientEvent
from server.requests_flow import FINAL, calendar_for, request_out, stored_details
from server.schemas.common import PROBLEM_RESPONSES
from server.schemas.overview import DecisionRequest, DecisionRequests, OverviewCounts
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


DECISION_REQUEST_TYPES = ("explanation", "human_review")


@router.get("/decision-requests", response_model=DecisionRequests, responses=PROBLEM_RESPONSES)
def decision_requests(
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> DecisionRequests:
    """The newest explanation and human-review request about each of the subject's decisions."""
    rows = db.scalars(
        select(PrivacyRequest)
        .where(
            PrivacyRequest.user_id == principal.subject_id,
            PrivacyRequest.type.in_(DECISION_REQUEST_TYPES),
        )
        .order_by(PrivacyRequest.received_at, PrivacyRequest.id)
    )
    newest: dict[tuple[str, str], PrivacyRequest] = {}
    for row in rows:  # oldest first: a later one replaces an earlier one
        details, _note = stored_details(row)
        decision_id = str(details.get("decision_id", ""))
        if decision_id:
            newest[(decision_id, row.type)] = row
    return DecisionRequests(
        items=[
            DecisionRequest.model_validate(
                {"decision_id": decision_id, "type": rtype, "request": request_out(db, ctx, row)}
            )
            for (decision_id, rtype), row in newest.items()
        ]
    )
