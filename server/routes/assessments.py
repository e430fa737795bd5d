"""`GET /v1/impact-assessments`: the shop's published personal-information impact assessments.

Shop-wide (every signed-in subject sees the same list), newest first, keyset-paged. A shop whose
policy does not promise assessments (Sinomai) publishes none: the list is empty.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, current_principal, get_ctx, get_db
from server.models import ImpactAssessment
from server.pagination import DEFAULT_LIMIT, newest_first_page
from server.schemas.assessments import ImpactAssessmentItem
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.serialisers import impact_assessment_item

router = APIRouter(prefix="/v1", tags=["notices"])


@router.get(
    "/impact-assessments",
    response_model=Page[ImpactAssessmentItem],
    responses=PROBLEM_RESPONSES,
    summary="Published personal-information impact assessments, newest first",
)
def list_impact_assessments(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[ImpactAssessmentItem]:
    del principal  # signed-in only; the list is the same for every subject
    rows: list[ImpactAssessment]
    rows, next_cursor = newest_first_page(
        db,
        select(ImpactAssessment),
        ImpactAssessment.assessed_at,
        ImpactAssessment.id,
        limit=limit,
        cursor=cursor,
    )
    policy = policy_for(ctx.shop.id)
    return Page[ImpactAssessmentItem](
        items=[impact_assessment_item(row, policy) for row in rows], next_cursor=next_cursor
    )
