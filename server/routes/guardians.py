"""Guardians: the wards a signed-in guardian may look after, and a session on one ward.

A guardian signs in with their own account and trades that sign-in for a short token on a
ward's data (`POST /v1/guardian/wards/{id}/session`). That token reads everything the ward's
own sign-in reads and may change the ward's consents (under the shop's guardian rule,
`server.guardians`), nothing else; every call with it is logged in the ward's access log under
the guardian's display name with the role `guardian`. Signing the guardian out revokes it
(same token family), and so does revoking the link.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.auth.tokens import NO_STORE, find_access, new_secret, token_hash
from server.context import ShopContext
from server.demo.policies import ShopPolicy, policy_for
from server.deps import Principal, bearer_token, current_principal, get_ctx, get_db
from server.errors import Problem, not_found
from server.guardians import (
    account_consent_out,
    clause_refs,
    covered,
    guardian_not_needed,
    log_for_ward,
    rule_out,
)
from server.models import AccessToken, GuardianLink, User
from server.routes.ids import parse_id
from server.schemas.common import PROBLEM_RESPONSES, Page
from server.schemas.guardians import GuardianLinkItem, WardItem, WardSession

router = APIRouter(prefix="/v1", tags=["guardians"])

# Read everything; write only what the consent route lets a guardian write.
WARD_SCOPE = "privacy.read guardian"


def _ward_item(link: GuardianLink, ward: User, policy: ShopPolicy) -> WardItem:
    return WardItem(
        id=str(ward.id),
        customer_no=ward.customer_no,
        display_name=ward.display_name,
        is_minor=ward.is_minor,
        age_years=ward.age_years,
        legal_capacity=ward.legal_capacity,
        relationship=link.relationship,
        since=link.since,
        rule=rule_out(policy) if covered(ward, policy.guardian) else None,
        account_consent=account_consent_out(policy, ward),
    )


def _own_sign_in(principal: Principal) -> None:
    if principal.role != "subject":
        raise Problem(403, "forbidden", "Use the guardian's own sign-in for this.")


def _links(db: Session, guardian_id: int) -> list[tuple[GuardianLink, User]]:
    rows = db.execute(
        select(GuardianLink, User)
        .join(User, User.id == GuardianLink.ward_id)
        .where(
            GuardianLink.guardian_id == guardian_id,
            GuardianLink.revoked_at.is_(None),
            User.closed_at.is_(None),
        )
        .order_by(GuardianLink.id)
    )
    return [(link, ward) for link, ward in rows]


def link_items(db: Session, user_id: int) -> list[GuardianLinkItem]:
    """Every guardian link of the account, both sides, ended ones too (the archive holds them)."""
    rows = db.scalars(
        select(GuardianLink)
        .where(or_(GuardianLink.guardian_id == user_id, GuardianLink.ward_id == user_id))
        .order_by(GuardianLink.id)
    ).all()
    others = {
        u.id: u.display_name
        for u in db.scalars(
            select(User).where(
                User.id.in_({r.ward_id for r in rows} | {r.guardian_id for r in rows})
            )
        )
    }
    return [
        GuardianLinkItem(
            id=str(link.id),
            other_role="ward" if link.guardian_id == user_id else "guardian",
            display_name=others.get(
                link.ward_id if link.guardian_id == user_id else link.guardian_id, ""
            ),
            relationship=link.relationship,
            since=link.since,
            revoked_at=link.revoked_at,
        )
        for link in rows
    ]


@router.get(
    "/guardian/links",
    response_model=Page[GuardianLinkItem],
    responses=PROBLEM_RESPONSES,
    summary="This account's guardian links: its guardians and its wards",
)
def list_links(
    principal: Principal = Depends(current_principal), db: Session = Depends(get_db)
) -> Page[GuardianLinkItem]:
    return Page[GuardianLinkItem](items=link_items(db, principal.subject_id), next_cursor=None)


@router.get(
    "/guardian/wards",
    response_model=Page[WardItem],
    responses=PROBLEM_RESPONSES,
    summary="The accounts this signed-in guardian looks after",
)
def list_wards(
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Page[WardItem]:
    _own_sign_in(principal)
    policy = policy_for(ctx.shop.id)
    items = [_ward_item(link, ward, policy) for link, ward in _links(db, principal.subject_id)]
    return Page[WardItem](items=items, next_cursor=None)


@router.post(
    "/guardian/wards/{ward_id}/session",
    status_code=201,
    response_model=WardSession,
    responses=PROBLEM_RESPONSES,
    summary="A short token on a ward's data for their guardian (read, and consents)",
)
def open_ward_session(
    ward_id: str,
    request: Request,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> JSONResponse:
    _own_sign_in(principal)
    wanted = parse_id(ward_id, "ward")
    found = [(link, ward) for link, ward in _links(db, principal.subject_id) if ward.id == wanted]
    if not found:
        raise not_found("ward")
    link, ward = found[0]
    policy = policy_for(ctx.shop.id)
    if not covered(ward, policy.guardian):
        raise guardian_not_needed({"clauses": clause_refs(policy)})
    own = find_access(db, bearer_token(request))
    if own is None:  # the token was checked a moment ago; only a racing sign-out gets here
        raise Problem(401, "invalid_token", "The sign-in has expired or was revoked.")
    now: datetime = ctx.clock.now()
    # Never outlives the guardian's own sign-in; the same family, so signing out ends it.
    expires_at = min(own.expires_at, now + ctx.config.access_token_ttl)
    access = new_secret()
    db.add(
        AccessToken(
            token_hash=token_hash(access),
            subject_id=ward.id,
            actor_id=principal.subject_id,
            family_id=own.family_id,
            guardian_link_id=link.id,
            scope=WARD_SCOPE,
            auth_time=own.auth_time,
            expires_at=expires_at,
            revoked=False,
        )
    )
    body = WardSession(
        access_token=access,
        token_type="Bearer",  # noqa: S106 (the OAuth token type, not a secret)
        expires_in=max(1, int((expires_at - now).total_seconds())),
        ward=_ward_item(link, ward, policy),
    )
    db.flush()
    # The ward's own log says who opened their dashboard, as every later call will; written
    # with the token, so the token never exists without it.
    log_for_ward(
        db,
        ctx.clock,
        principal,
        ward.id,
        action="guardian_start",
        resource=f"/v1/guardian/wards/{ward.id}/session",
    )
    db.commit()
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=NO_STORE)
