"""`/v1/me`: the account, its profile fields, and the personalisation switch."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.deps import Principal, current_principal, get_ctx, get_db, writer
from server.errors import Problem, not_found
from server.models import ProfileField, User
from server.schemas.common import PROBLEM_RESPONSES
from server.schemas.me import Me, MePatch, Personalization
from server.serialisers import me_out

router = APIRouter(prefix="/v1", tags=["me"])


def _user(db: Session, principal: Principal) -> User:
    user = db.get(User, principal.subject_id)
    if user is None:
        raise not_found("account")
    return user


@router.get("/me", response_model=Me, responses=PROBLEM_RESPONSES)
def get_me(
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Me:
    return me_out(db, _user(db, principal), ctx.shop.id)


@router.patch("/me", response_model=Me, responses=PROBLEM_RESPONSES)
def patch_me(
    body: MePatch,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Me:
    """Change editable fields; if any field is unknown or not editable nothing changes."""
    user = _user(db, principal)
    if not body.fields:
        raise Problem(422, "validation_failed", "Name at least one field to change.")
    rows = {
        row.key: row
        for row in db.scalars(
            select(ProfileField).where(
                ProfileField.user_id == user.id, ProfileField.key.in_(list(body.fields))
            )
        )
    }
    for key in body.fields:
        row = rows.get(key)
        if row is None:
            raise Problem(422, "unknown_field", f"There is no field {key!r}.", extra={"field": key})
        if not row.editable:
            raise Problem(
                422,
                "field_not_editable",
                f"The field {key!r} cannot be edited here; file a correction request instead.",
                extra={"field": key},
            )
    now = ctx.clock.now()
    for key, value in body.fields.items():
        row = rows[key]
        if row.value != value:
            row.value = value
            row.source = "provided"
            row.updated_at = now
    db.commit()
    return me_out(db, user, ctx.shop.id)


@router.put("/me/personalization", response_model=Personalization, responses=PROBLEM_RESPONSES)
def put_personalization(
    body: Personalization,
    principal: Principal = Depends(writer),
    db: Session = Depends(get_db),
) -> Personalization:
    """The personalisation switch: recommendations from My Tracks and interest tags on or off."""
    user = _user(db, principal)
    user.personalization = body.enabled
    db.commit()
    return Personalization(enabled=user.personalization)
