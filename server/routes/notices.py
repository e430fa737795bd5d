"""The privacy policy's versions and their acknowledgement, and notices to the subject."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, current_principal, get_ctx, get_db, writer
from server.errors import not_found
from server.models import Notice, PolicyAck, PolicyVersion
from server.pagination import DEFAULT_LIMIT, keyset_page
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.schemas.notices import (
    CurrentPolicy,
    NoticeItem,
    PolicyAcknowledgement,
    PolicyVersionItem,
)
from server.serialisers import notice_item, policy_version_fields, policy_version_item

router = APIRouter(prefix="/v1", tags=["notices"])


def _ack(db: Session, subject_id: int, version: str) -> PolicyAck | None:
    return db.scalars(
        select(PolicyAck).where(PolicyAck.user_id == subject_id, PolicyAck.version == version)
    ).first()


@router.get(
    "/policy",
    response_model=CurrentPolicy,
    responses=PROBLEM_RESPONSES,
    summary="The current privacy policy version and whether this subject acknowledged it",
)
def current_policy(
    principal: Principal = Depends(current_principal), db: Session = Depends(get_db)
) -> CurrentPolicy:
    row = db.scalars(
        select(PolicyVersion).order_by(
            PolicyVersion.published_at.desc(), PolicyVersion.version.desc()
        )
    ).first()
    if row is None:
        raise not_found("policy version")
    ack = _ack(db, principal.subject_id, row.version)
    return CurrentPolicy.model_validate(
        {**policy_version_fields(row, ack is not None), "acknowledged_at": ack.at if ack else None}
    )


@router.get(
    "/policy/versions",
    response_model=Page[PolicyVersionItem],
    responses=PROBLEM_RESPONSES,
    summary="Every published policy version, newest first, with what changed",
)
def policy_versions(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[PolicyVersionItem]:
    rows: list[PolicyVersion]
    rows, next_cursor = keyset_page(
        db,
        select(PolicyVersion),
        [PolicyVersion.published_at, PolicyVersion.version],
        limit=limit,
        cursor=cursor,
        descending=True,
        key_of=lambda v: (v.published_at, v.version),
    )
    acked = set(
        db.scalars(select(PolicyAck.version).where(PolicyAck.user_id == principal.subject_id))
    )
    return Page[PolicyVersionItem](
        items=[policy_version_item(v, v.version in acked) for v in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/policy/{version}/acknowledge",
    response_model=PolicyAcknowledgement,
    responses=PROBLEM_RESPONSES,
    summary="Acknowledge a policy version (repeating it keeps the first time)",
)
def acknowledge_policy(
    version: str,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> PolicyAcknowledgement:
    row = db.get(PolicyVersion, version) if len(version) <= 20 else None
    if row is None:
        raise not_found("policy version")
    ack = _ack(db, principal.subject_id, row.version)
    if ack is None:
        try:
            ack = PolicyAck(user_id=principal.subject_id, version=row.version, at=ctx.clock.now())
            db.add(ack)
            db.commit()
        except IntegrityError:  # acknowledged at the same moment by another call
            db.rollback()
            ack = _ack(db, principal.subject_id, row.version)
            if ack is None:
                raise
    result = PolicyAcknowledgement(version=row.version, acknowledged_at=ack.at)
    db.commit()
    return result


@router.get(
    "/notices",
    response_model=Page[NoticeItem],
    responses=PROBLEM_RESPONSES,
    summary="Security incidents and other announcements, newest first",
)
def list_notices(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[NoticeItem]:
    query = select(Notice).where(
        or_(Notice.user_id.is_(None), Notice.user_id == principal.subject_id)
    )
    rows: list[Notice]
    rows, next_cursor = keyset_page(
        db,
        query,
        [Notice.published_at, Notice.id],
        limit=limit,
        cursor=cursor,
        descending=True,
        key_of=lambda n: (n.published_at, n.id),
    )
    return Page[NoticeItem](
        # each with the clause promising its kind (cessation, transfer on merger, incident, ...)
        items=[notice_item(n, policy_for(ctx.shop.id)) for n in rows],
        next_cursor=next_cursor,
    )
