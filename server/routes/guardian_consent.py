"""A guardian gives or withdraws their consent to a ward's account, from their own sign-in.

Where the shop's policy lets a covered person (a minor) hold an account only with a guardian's
consent (`GuardianRule.account_clause`, Silumart's § 6), the linked guardian records that
consent here: `PUT /v1/guardian/wards/{ward_id}/account-consent`. The change goes through
`server.guardians.set_account_consent`, the same function the officer's command uses, so a
withdrawal ends the ward's own sign-ins in the same transaction. Only the guardian's own
sign-in may call it: neither a session on the ward's data (the ward's token cannot end the
ward's consent) nor an agent's assist session. The guardian's own access log records the call
as every signed-in call; the ward's log gets an entry naming the guardian, written in the
same transaction as the change.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.access_what import describe
from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, current_principal, get_ctx, get_db
from server.errors import Problem, not_found
from server.guardians import (
    account_consent_out,
    clause_refs,
    covered,
    guardian_not_needed,
    log_for_ward,
    presence_required,
    set_account_consent,
)
from server.idempotency import run_idempotent
from server.models import GuardianLink, User
from server.routes.ids import parse_id
from server.schemas.common import PROBLEM_RESPONSES
from server.schemas.guardians import AccountConsentChange, AccountConsentResult

router = APIRouter(prefix="/v1", tags=["guardians"])

# 409: the shop's policy asks no consent to the account (a problem like any other)
_RESPONSES: dict[int | str, dict[str, object]] = {**PROBLEM_RESPONSES, 409: PROBLEM_RESPONSES[422]}

NOT_ASKED = "This shop's policy does not ask a guardian to consent to the account itself."


def _linked_ward(db: Session, guardian_id: int, ward_id: int) -> User | None:
    """The ward, if `guardian_id` holds a live link to them and their account is open.

    The row is locked (PostgreSQL) as the token endpoint locks it before issuing tokens, so a
    withdrawal and a sign-in of the ward cannot interleave (`server.auth.oauth`).
    """
    link = db.scalars(
        select(GuardianLink.id).where(
            GuardianLink.guardian_id == guardian_id,
            GuardianLink.ward_id == ward_id,
            GuardianLink.revoked_at.is_(None),
        )
    ).first()
    if link is None:
        return None
    ward = db.get(User, ward_id, with_for_update=True)
    if ward is None or ward.closed_at is not None:
        return None
    return ward


@router.put(
    "/guardian/wards/{ward_id}/account-consent",
    response_model=AccountConsentResult,
    responses=_RESPONSES,
    summary="Give or withdraw the guardian's consent to a ward's account (guardian's own sign-in)",
    description=(
        "Withdrawing ends the ward's own sign-ins at once; the ward cannot sign in again until "
        "the consent is given again. Only where the shop's policy asks for this consent. "
        "Takes an optional Idempotency-Key."
    ),
)
def put_account_consent(
    ward_id: str,
    body: AccountConsentChange,
    request: Request,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> JSONResponse:
    if principal.role != "subject":
        # a ward session (the ward's token) or an assist session: never the guardian's own
        raise Problem(403, "forbidden", "Use the guardian's own sign-in for this.")
    if "privacy.write" not in principal.scopes:
        raise Problem(403, "insufficient_scope", "This sign-in cannot change this.")
    wanted = parse_id(ward_id, "ward")
    policy = policy_for(ctx.shop.id)
    rule = policy.guardian
    ward = _linked_ward(db, principal.subject_id, wanted)
    if ward is None:
        raise not_found("ward")
    extra = {"clauses": clause_refs(policy)}
    if not covered(ward, rule):
        raise guardian_not_needed(extra)
    if rule is None or rule.account_clause is None:
        raise Problem(409, "account_consent_not_asked", NOT_ASKED, extra=extra)
    if rule.presence_required and body.guardian_present is not True:
        raise presence_required(extra)
    path = request.url.path

    def produce() -> tuple[int, dict[str, object]]:
        before = ward.guardian_consent
        ended = 0
        if before != body.state:
            ended = set_account_consent(db, policy, ward, body.state)
            # The ward's own log says who changed it, in the same transaction as the change.
            log_for_ward(
                db,
                ctx.clock,
                principal,
                ward.id,
                action="update",
                resource=path,
                what=describe(db, ward.id, path),
            )
        now = account_consent_out(policy, ward)
        assert now is not None  # covered, and the policy has the clause: checked above
        result = AccountConsentResult(
            **now.model_dump(), changed=before != body.state, sign_ins_ended=ended
        )
        return 200, result.model_dump(mode="json")

    return run_idempotent(
        ctx,
        db,
        user_id=principal.subject_id,
        key=idempotency_key,
        route=f"PUT /v1/guardian/wards/{ward.id}/account-consent",
        body=body.model_dump(mode="json", exclude_none=True),
        produce=produce,
        required=False,
    )
