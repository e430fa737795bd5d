"""`/v1/incidents`: the security incidents that affected this shopper, unread first.

Each item is the shopper's own notice: the incident's situation, impact, measures, advice and
remedies, and which of *their* data categories it touched. Marking one read is an idempotent
PUT: a conditional UPDATE (`read_at IS NULL`) sets the time once, so repeats and racing calls
all answer with the first reading time.
"""

from __future__ import annotations

import json
from datetime import datetime

from fastapi import APIRouter, Depends
from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import basis_of, policy_for
from server.deps import Principal, current_principal, get_ctx, get_db, writer
from server.errors import not_found
from server.i18n import localized
from server.models import DataCategory, Incident, IncidentNotice
from server.pagination import DEFAULT_LIMIT, decode_cursor, encode_cursor
from server.routes.ids import parse_id
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.schemas.incidents import AffectedData, IncidentCounts, IncidentItem

router = APIRouter(prefix="/v1", tags=["incidents"])


def _categories(raw: str) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _items(
    db: Session, ctx: ShopContext, rows: list[tuple[IncidentNotice, Incident]]
) -> list[IncidentItem]:
    titles = {c.key: localized(c, "title") for c in db.scalars(select(DataCategory))}
    clause = policy_for(ctx.shop.id).incidents_clause
    return [
        IncidentItem(
            id=str(notice.id),
            severity=incident.severity,
            title=localized(incident, "title"),
            situation=localized(incident, "situation"),
            impact=localized(incident, "impact"),
            measures=localized(incident, "measures"),
            advice=localized(incident, "advice"),
            remedies=localized(incident, "remedies"),
            affected=[
                AffectedData(category=key, title=titles.get(key, key))
                for key in _categories(notice.affected)
            ],
            occurred_at=incident.occurred_at,
            published_at=incident.published_at,
            read=notice.read_at is not None,
            read_at=notice.read_at,
            clause=clause,
            basis=basis_of(clause),
        )
        for notice, incident in rows
    ]


def incident_items(db: Session, ctx: ShopContext, subject_id: int) -> list[IncidentItem]:
    """Every incident notice of the subject, unread first then newest (the archive's list)."""
    rows = db.execute(
        select(IncidentNotice, Incident)
        .join(Incident, Incident.id == IncidentNotice.incident_id)
        .where(IncidentNotice.user_id == subject_id)
        .order_by(IncidentNotice.unread.desc(), IncidentNotice.id.desc())
    ).all()
    return _items(db, ctx, [(notice, incident) for notice, incident in rows])


def _one(db: Session, subject_id: int, notice_id: str) -> tuple[IncidentNotice, Incident]:
    wanted = parse_id(notice_id, "incident notice")
    row = db.execute(
        select(IncidentNotice, Incident)
        .join(Incident, Incident.id == IncidentNotice.incident_id)
        .where(IncidentNotice.id == wanted, IncidentNotice.user_id == subject_id)
    ).first()
    if row is None:
        raise not_found("incident notice")
    notice, incident = row
    return notice, incident


@router.get(
    "/incidents",
    response_model=Page[IncidentItem],
    responses=PROBLEM_RESPONSES,
    summary="Security incidents that affected this shopper: unread first, then newest first",
)
def list_incidents(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Page[IncidentItem]:
    # "Unread" as of when the listing began (the cursor carries that time): a notice read while
    # the shopper pages on keeps its place, so no later page lists it again.
    query = select(IncidentNotice).where(IncidentNotice.user_id == principal.subject_id)
    as_of: datetime = ctx.clock.now()
    if cursor:
        as_of, flag, last_id = decode_cursor(cursor, [datetime, int, int])
    unread_then = case(
        (or_(IncidentNotice.read_at.is_(None), IncidentNotice.read_at > as_of), 1), else_=0
    )
    if cursor:
        query = query.where(
            or_(unread_then < flag, and_(unread_then == flag, IncidentNotice.id < last_id))
        )
    found = db.execute(
        query.add_columns(unread_then)
        .order_by(unread_then.desc(), IncidentNotice.id.desc())
        .limit(limit + 1)
    ).all()
    notices = [notice for notice, _unread in found[:limit]]
    next_cursor = None
    if len(found) > limit:
        last, last_unread = found[limit - 1]
        next_cursor = encode_cursor([as_of, int(last_unread), last.id])
    incidents = {
        i.id: i
        for i in db.scalars(
            select(Incident).where(Incident.id.in_([n.incident_id for n in notices]))
        )
    }
    rows = [(n, incidents[n.incident_id]) for n in notices]
    return Page[IncidentItem](items=_items(db, ctx, rows), next_cursor=next_cursor)


@router.get(
    "/incidents/counts",
    response_model=IncidentCounts,
    responses=PROBLEM_RESPONSES,
    summary="How many incident notices this shopper has, and how many are unread",
)
def incident_counts(
    principal: Principal = Depends(current_principal), db: Session = Depends(get_db)
) -> IncidentCounts:
    total, unread = db.execute(
        select(func.count(), func.coalesce(func.sum(IncidentNotice.unread), 0)).where(
            IncidentNotice.user_id == principal.subject_id
        )
    ).one()
    return IncidentCounts(unread=int(unread), total=int(total))


@router.get(
    "/incidents/{notice_id}",
    response_model=IncidentItem,
    responses=PROBLEM_RESPONSES,
    summary="One incident notice",
)
def get_incident(
    notice_id: str,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> IncidentItem:
    return _items(db, ctx, [_one(db, principal.subject_id, notice_id)])[0]


@router.put(
    "/incidents/{notice_id}/read",
    response_model=IncidentItem,
    responses=PROBLEM_RESPONSES,
    summary="Mark an incident notice read (repeating it keeps the first reading time)",
)
def mark_incident_read(
    notice_id: str,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> IncidentItem:
    notice, _incident = _one(db, principal.subject_id, notice_id)
    # Conditional: only the first call sets the time; a racing second one updates no row.
    db.execute(
        update(IncidentNotice)
        .where(IncidentNotice.id == notice.id, IncidentNotice.read_at.is_(None))
        .values(read_at=ctx.clock.now(), unread=0)
    )
    db.commit()
    db.expire_all()
    return _items(db, ctx, [_one(db, principal.subject_id, notice_id)])[0]
