"""The subject's hash-chained access log: who read or changed their data, verifiable in order."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import GENESIS_HASH
from server.deps import Principal, current_principal, get_db
from server.models import AccessLogEntry
from server.pagination import DEFAULT_LIMIT, keyset_page
from server.schemas.access_log import AccessLogHead, AccessLogItem
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.timeutil import rfc3339

router = APIRouter(prefix="/v1", tags=["access_log"])


def _item(entry: AccessLogEntry) -> AccessLogItem:
    return AccessLogItem(
        id=str(entry.id),
        seq=entry.seq,
        at=rfc3339(entry.at),
        actor=entry.actor,
        role=entry.role,
        action=entry.action,
        resource=entry.resource,
        reason=entry.reason,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


@router.get(
    "/access-log",
    response_model=Page[AccessLogItem],
    responses=PROBLEM_RESPONSES,
    summary="Who accessed this subject's data; oldest first so the hash chain reads in order",
)
def list_access_log(
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    order: Literal["asc", "desc"] = Query("asc", description="`desc` for newest first."),
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[AccessLogItem]:
    query = select(AccessLogEntry).where(AccessLogEntry.user_id == principal.subject_id)
    rows: list[AccessLogEntry]
    rows, next_cursor = keyset_page(
        db,
        query,
        [AccessLogEntry.seq],
        limit=limit,
        cursor=cursor,
        descending=order == "desc",
        key_of=lambda e: (e.seq,),
    )
    return Page[AccessLogItem](items=[_item(e) for e in rows], next_cursor=next_cursor)


@router.get(
    "/access-log/head",
    response_model=AccessLogHead,
    responses=PROBLEM_RESPONSES,
    summary="The latest entry's seq and hash, to pin the chain",
)
def access_log_head(
    principal: Principal = Depends(current_principal), db: Session = Depends(get_db)
) -> AccessLogHead:
    tip = db.scalars(
        select(AccessLogEntry)
        .where(AccessLogEntry.user_id == principal.subject_id)
        .order_by(AccessLogEntry.seq.desc())
        .limit(1)
    ).first()
    if tip is None:
        return AccessLogHead(seq=0, hash=GENESIS_HASH)
    return AccessLogHead(seq=tip.seq, hash=tip.hash)
