"""The subject's hash-chained access log: who read or changed their data, verifiable in order."""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from server.audit import GENESIS_HASH
from server.deps import Principal, bearer_token, current_principal, get_db, run_signed_in
from server.fastjson import json_response, page_body
from server.i18n import Language, current_language
from server.models import AccessLogEntry
from server.pagination import DEFAULT_LIMIT, keyset_page
from server.schemas.access_log import AccessLogHead, AccessLogItem
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.serialisers import access_log_item

router = APIRouter(prefix="/v1", tags=["access_log"])


_LOG = AccessLogEntry.__table__
_COLUMNS = (
    _LOG.c.id,
    _LOG.c.seq,
    _LOG.c.at,
    _LOG.c.actor,
    _LOG.c.role,
    _LOG.c.action,
    _LOG.c.resource,
    _LOG.c.reason,
    _LOG.c.prev_hash,
    _LOG.c.hash,
    _LOG.c.what,
)


def _page(
    db: Connection,
    principal: Principal,
    *,
    limit: int,
    cursor: str | None,
    descending: bool,
    language: Language,
) -> bytes:
    # Core rows straight to JSON: the same bytes as Page[AccessLogItem], no model objects.
    rows: list[Any]
    rows, next_cursor = keyset_page(
        db,
        select(*_COLUMNS).where(_LOG.c.user_id == principal.subject_id),
        [AccessLogEntry.seq],
        limit=limit,
        cursor=cursor,
        descending=descending,
        key_of=lambda row: (row[1],),
        rows=True,
    )
    items = [access_log_item(row, language) for row in rows]
    return page_body(items, next_cursor)


@router.get(
    "/access-log",
    response_model=Page[AccessLogItem],
    responses=PROBLEM_RESPONSES,
    summary="Who accessed this subject's data; oldest first so the hash chain reads in order",
)
async def list_access_log(
    request: Request,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    order: Literal["asc", "desc"] = Query("asc", description="`desc` for newest first."),
) -> Response:
    body = await run_signed_in(
        request.app.state.ctx,
        bearer_token(request),
        request.method,
        request.url.path,
        partial(
            _page,
            limit=limit,
            cursor=cursor,
            descending=order == "desc",
            # read here: the work runs in a worker thread
            language=current_language(),
        ),
    )
    return json_response(body)


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
