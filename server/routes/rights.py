"""`GET /v1/rights`: the shop's "Your rights here" card, each promise with its clause.

Everything comes from the shop's own policy outline (server/demo/policies); a value the policy
does not state is returned with `clause: null, basis: "shop_configuration"` so that no client
presents a configured setting as a promise of the policy.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from server.context import ShopContext
from server.deps import Principal, current_principal, get_ctx
from server.i18n import negotiate
from server.schemas.common import PROBLEM_RESPONSES
from server.schemas.rights import RightsCard
from server.serialisers import rights_card_for

router = APIRouter(prefix="/v1", tags=["rights"])


@router.get(
    "/rights",
    response_model=RightsCard,
    responses=PROBLEM_RESPONSES,
    summary="Your rights here: deadline, fees, verification, refusal grounds, contacts",
)
def rights_card(
    request: Request,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
) -> RightsCard:
    return rights_card_for(ctx, negotiate(request.headers.get("accept-language")))
