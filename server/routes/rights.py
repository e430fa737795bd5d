"""`GET /v1/rights`: the shop's "Your rights here" card, each promise with its clause.

Everything comes from the shop's own policy outline (server/demo/policies); a value the policy
does not state is returned with `clause: null, basis: "shop_configuration"` so that no client
presents a configured setting as a promise of the policy.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from server.context import ShopContext
from server.demo.policies import ShopPolicy, Term, basis_of, policy_for
from server.deps import Principal, current_principal, get_ctx
from server.i18n import Language, negotiate
from server.schemas.common import PROBLEM_RESPONSES
from server.schemas.rights import PolicySectionOut, RightsCard, RightsDeadline, RightsTerm

router = APIRouter(prefix="/v1", tags=["rights"])


def _term(policy: ShopPolicy, term: Term, language: Language) -> RightsTerm:
    section = policy.section(term.clause)
    return RightsTerm(
        key=term.key,
        text=term.text.pick(language),
        value=term.value,
        clause=term.clause,
        clause_title=section.title.pick(language) if section else None,
        basis=basis_of(term.clause),
    )


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
    language = negotiate(request.headers.get("accept-language"))
    policy = policy_for(ctx.shop.id)
    section = policy.section(policy.deadline_clause)
    shop = ctx.shop
    contacts = [_term(policy, t, language) for t in policy.contacts]
    for contact in contacts:
        # The address the shop really answers at, even where the policy text differs.
        if contact.key == "privacy_email":
            contact.value = shop.privacy_email
    return RightsCard(
        shop_id=shop.id,
        language=language,
        deadline=RightsDeadline(
            key="deadline",
            text=policy.deadline_note.pick(language),
            value=None,
            clause=policy.deadline_clause,
            clause_title=section.title.pick(language) if section else None,
            basis=basis_of(policy.deadline_clause),
            working_days=shop.deadline_days,
        ),
        fees=_term(policy, policy.fees, language),
        verification=[_term(policy, t, language) for t in policy.verification],
        verification_required_for=list(shop.verification_required_for),
        refusal_grounds=[_term(policy, t, language) for t in policy.refusal_grounds],
        deletion_grounds=[_term(policy, t, language) for t in policy.deletion_grounds],
        contacts=contacts,
        outline=[
            PolicySectionOut(number=s.number, title=s.title.pick(language)) for s in policy.sections
        ],
    )
