"""My Tracks (search and browse history), its activity chart, and inferred interest tags.

Every list is a keyset page over `ix_tracks_user_at` (user_id, at, id), newest first. Text
search uses the `tracks_fts` trigram index on SQLite for queries of three or more characters
(trigrams cannot match shorter strings), LIKE for shorter ones, and ILIKE on other backends.
When the full-text index has only a few hits, they drive the query instead of the time index.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import (
    ColumnElement,
    Connection,
    DateTime,
    Integer,
    bindparam,
    column,
    delete,
    func,
    literal_column,
    select,
    table,
    type_coerce,
    values,
)
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.db import Database, UTCDateTime, connection_of
from server.deps import (
    Principal,
    bearer_token,
    current_principal,
    get_ctx,
    get_db,
    recent_writer,
    run_signed_in,
    writer,
)
from server.errors import Problem, not_found
from server.fastjson import json_response, page_body
from server.idempotency import run_idempotent
from server.models import Tag, Track
from server.pagination import MAX_LIMIT, NewestFirstPages, keyset_page, newest_first_page
from server.routes.ids import parse_id
from server.schema import uses_fts
from server.schemas.common import (
    DEFAULT_PAGE_LIMIT,
    MAX_CURSOR,
    PROBLEM_RESPONSES,
    CursorQuery,
    LimitQuery,
    Page,
    UtcDateTime,
)
from server.schemas.tracks import (
    Activity,
    ActivityBucket,
    Bucket,
    TagOut,
    TrackDeleteRequest,
    TrackKind,
    TrackOut,
    TracksDeleted,
)
from server.serialisers import tag_out

router = APIRouter(prefix="/v1", tags=["tracks"])

MAX_QUERY = 200
FTS_MIN_CHARS = 3  # the trigram tokenizer cannot match anything shorter
FTS_DRIVE_LIMIT = 2000  # at most this many full-text hits: drive the query from them

_FTS = table("tracks_fts", column("rowid", Integer))

FromQuery = Annotated[
    UtcDateTime | None,
    Query(alias="from", description="Only entries at or after this time (RFC 3339)."),
]
ToQuery = Annotated[
    UtcDateTime | None, Query(description="Only entries before this time (RFC 3339, exclusive).")
]


def _range(start: datetime | None, end: datetime | None) -> tuple[datetime | None, datetime | None]:
    # UtcDateTime hands both over as aware UTC already
    if start is not None and end is not None and start > end:
        raise Problem(422, "validation_failed", "`from` must not be after `to`.")
    return start, end


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_phrase(text: str) -> str:
    """The query as one FTS5 phrase string: a literal substring, whatever it contains."""
    return '"' + text.replace('"', '""') + '"'


def _fts_matches_at_most(db: Database, phrase: str, limit: int) -> bool:
    matching = select(_FTS.c.rowid).where(literal_column("tracks_fts").op("MATCH")(phrase))
    found = db.scalar(select(func.count()).select_from(matching.limit(limit + 1).subquery()))
    return int(found or 0) <= limit


def _filtered(
    db: Database,
    subject_id: int,
    *,
    kind: str | None = None,
    q: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[ColumnElement[bool]]:
    """Conditions for the subject's tracks; `q` is a case-insensitive substring."""
    owner: ColumnElement[bool] = Track.user_id == subject_id
    conditions: list[ColumnElement[bool]] = []
    if kind is not None:
        conditions.append(Track.kind == kind)
    if start is not None:
        conditions.append(Track.at >= start)
    if end is not None:
        conditions.append(Track.at < end)
    if q:
        bind = connection_of(db)
        if uses_fts(bind.engine) and len(q) >= FTS_MIN_CHARS:
            phrase = fts_phrase(q)
            conditions.append(
                Track.id.in_(
                    select(_FTS.c.rowid).where(literal_column("tracks_fts").op("MATCH")(phrase))
                )
            )
            if _fts_matches_at_most(db, phrase, FTS_DRIVE_LIMIT):
                # A rare text: let the few full-text hits drive the query (rowid lookups and a
                # small sort) instead of walking the subject's whole (user_id, at) index. The
                # `+ 0` keeps SQLite from choosing that index for the owner check.
                owner = Track.user_id + 0 == subject_id
        elif bind.dialect.name == "sqlite":
            conditions.append(Track.text.like(f"%{_escape_like(q)}%", escape="\\"))
        else:
            conditions.append(Track.text.ilike(f"%{_escape_like(q)}%", escape="\\"))
    return [owner, *conditions]


_TRACKS = Track.__table__
# `at` as a plain DateTime: naive UTC on every backend, which the encoder writes with a `Z`
# (the UTC-aware wrapper type would cost a datetime copy per row for the same bytes).
_TRACK_COLUMNS = (
    _TRACKS.c.id,
    _TRACKS.c.kind,
    _TRACKS.c.text,
    _TRACKS.c.item_ref,
    type_coerce(_TRACKS.c.at, DateTime()).label("at"),
)
# Browsing without filters (the app's lazy table) is the hot shape: precompiled pages.
_BROWSE = NewestFirstPages(
    select(*_TRACK_COLUMNS).where(_TRACKS.c.user_id == bindparam("subject_id")),
    _TRACKS.c.at,
    _TRACKS.c.id,
    key=lambda row: (row[4], row[0]),
)


def tracks_page(
    db: Connection,
    principal: Principal,
    *,
    kind: str | None = None,
    q: str | None = None,
    start: datetime | None = None,
    to: datetime | None = None,
    limit: int = DEFAULT_PAGE_LIMIT,
    cursor: str | None = None,
) -> bytes:
    """One page of the subject's tracks as the JSON bytes of `Page[TrackOut]`."""
    low, high = _range(start, to)
    rows: list[Any]
    if kind is None and not q and low is None and high is None:
        rows, next_cursor = _BROWSE.page(db, principal.subject_id, limit=limit, cursor=cursor)
    else:
        query: Any = select(*_TRACK_COLUMNS).where(
            *_filtered(db, principal.subject_id, kind=kind, q=q, start=low, end=high)
        )
        rows, next_cursor = newest_first_page(
            db, query, Track.at, Track.id, limit=limit, cursor=cursor, rows=True
        )
    items = [
        {"id": str(row[0]), "kind": row[1], "text": row[2], "item_ref": row[3], "at": row[4]}
        for row in rows
    ]
    return page_body(items, next_cursor)


@router.get("/tracks", response_model=Page[TrackOut], responses=PROBLEM_RESPONSES)
async def list_tracks(
    request: Request,
    kind: Annotated[TrackKind | None, Query(description="`search` or `view`.")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Text contained.")] = None,
    start: FromQuery = None,
    to: ToQuery = None,
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
) -> Response:
    # The fast path: one worker-thread hop and one connection for the token check, the
    # access-log append and the page; plain rows straight to JSON (same bytes as Page[TrackOut]).
    # Plain browsing usually never gets here: `server.fastpath.FastReads` answers it before
    # routing.
    body = await run_signed_in(
        request.app.state.ctx,
        bearer_token(request),
        request.method,
        request.url.path,
        partial(tracks_page, kind=kind, q=q, start=start, to=to, limit=limit, cursor=cursor),
        # A filter may walk the subject's whole history (a text search over a million
        # entries): not on the batching thread, where every other read would wait for it.
        slow=kind is not None or bool(q) or start is not None or to is not None,
    )
    return json_response(body)


_FAST_PARAMS = frozenset({"limit", "cursor"})


def fast_browse_params(query: list[tuple[str, str]]) -> dict[str, Any] | None:
    """`limit` and `cursor` of a plain browse, or None when FastAPI should judge the query.

    Conservative on purpose: anything but one well-formed `limit` (1..500) and/or one `cursor`
    (at most 512 characters) goes through the declared route, so errors and edge cases answer
    exactly as the contract says.
    """
    found: dict[str, Any] = {}
    for name, value in query:
        if name not in _FAST_PARAMS or name in found or not value:
            return None
        if name == "limit":
            if not (value.isascii() and value.isdigit() and len(value) <= 3):
                return None
            number = int(value)
            if not 1 <= number <= MAX_LIMIT:
                return None
            found["limit"] = number
        else:
            if len(value) > MAX_CURSOR:
                return None
            found["cursor"] = value
    return found


MAX_BUCKETS = 5000


def _bucket_start(moment: datetime, bucket: str) -> date:
    day = moment.astimezone(UTC).date()
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: date, bucket: str) -> date:
    if bucket == "day":
        return day + timedelta(days=1)
    if bucket == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@router.get("/tracks/activity", response_model=Activity, responses=PROBLEM_RESPONSES)
def track_activity(
    bucket: Annotated[Bucket, Query(description="`day`, `week` (from Monday) or `month`.")] = "day",
    start: FromQuery = None,
    to: ToQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Activity:
    """Searches and views per day, week or month (UTC), for the activity chart.

    Every bucket is counted as an index range of `ix_tracks_user_at` (one correlated count
    per bucket in a single statement), which stays fast with a million rows where a GROUP BY
    over a computed day would sort every row.
    """
    start, to = _range(start, to)
    scope = _filtered(db, principal.subject_id, start=start, end=to)
    first = db.scalar(select(Track.at).where(*scope).order_by(Track.at.asc()).limit(1))
    last = db.scalar(select(Track.at).where(*scope).order_by(Track.at.desc()).limit(1))
    if first is None or last is None:
        return Activity(bucket=bucket, buckets=[])
    ranges: list[tuple[date, datetime, datetime]] = []
    day, final = _bucket_start(first, bucket), _bucket_start(last, bucket)
    while day <= final:
        following = _next_bucket(day, bucket)
        low, high = _midnight(day), _midnight(following)
        ranges.append((day, max(low, start) if start else low, min(high, to) if to else high))
        day = following
        if len(ranges) > MAX_BUCKETS:
            raise Problem(422, "too_many_buckets", "Choose a larger bucket or a shorter range.")
    spans = (
        values(column("low", UTCDateTime()), column("high", UTCDateTime()), name="spans")
        .data([(low, high) for _day, low, high in ranges])
        .cte("spans")
    )
    in_span = [
        Track.user_id == principal.subject_id,
        Track.at >= spans.c.low,
        Track.at < spans.c.high,
    ]
    total = select(func.count()).select_from(Track).where(*in_span).scalar_subquery()
    searches = (
        select(func.count())
        .select_from(Track)
        .where(*in_span, Track.kind == "search")
        .scalar_subquery()
    )
    counted = db.execute(select(spans.c.low, total, searches).select_from(spans)).all()
    buckets = [
        ActivityBucket(start=day, search=int(found), view=int(all_) - int(found))
        for (day, _low, _high), (_start, all_, found) in zip(ranges, counted, strict=True)
    ]
    return Activity(bucket=bucket, buckets=buckets)


@router.delete(
    "/tracks/{track_id}", status_code=204, response_model=None, responses=PROBLEM_RESPONSES
)
def delete_track(
    track_id: str,
    principal: Principal = Depends(writer),
    db: Session = Depends(get_db),
) -> Response:
    row_id = parse_id(track_id, "track")
    result: Any = db.execute(
        delete(Track).where(Track.id == row_id, Track.user_id == principal.subject_id)
    )
    if result.rowcount != 1:
        db.rollback()
        raise not_found("track")
    db.commit()
    return Response(status_code=204)


def _parse_ids(raw: list[str]) -> list[int]:
    ids: set[int] = set()
    for value in raw:
        try:
            ids.add(parse_id(value, "track"))
        except Problem:
            continue  # an id the server never issued matches nothing
    return sorted(ids)


@router.post(
    "/tracks:delete",
    response_model=TracksDeleted,
    responses=PROBLEM_RESPONSES,
    summary="Delete tracks by ids, by date range, or all of them",
)
def bulk_delete_tracks(
    body: TrackDeleteRequest,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> JSONResponse:
    """Returns `{"deleted": n}`; a range or everything needs a recent sign-in."""
    if body.ids is None:
        recent_writer(principal, ctx)  # same rule as the dependency: 403 reauth_required
    conditions: list[ColumnElement[bool]] = [Track.user_id == principal.subject_id]
    if body.ids is not None:
        conditions.append(Track.id.in_(_parse_ids(body.ids)))
    elif body.from_ is not None and body.to is not None:
        conditions.extend([Track.at >= body.from_, Track.at < body.to])

    def produce() -> tuple[int, dict[str, int]]:
        result: Any = db.execute(
            delete(Track).where(*conditions).execution_options(synchronize_session=False)
        )
        return 200, {"deleted": int(result.rowcount or 0)}

    return run_idempotent(
        ctx,
        db,
        user_id=principal.subject_id,
        key=idempotency_key,
        route="POST /v1/tracks:delete",
        body=body.model_dump(mode="json", by_alias=True, exclude_none=True),
        produce=produce,
        required=False,
    )


@router.get("/tags", response_model=Page[TagOut], responses=PROBLEM_RESPONSES)
def list_tags(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[TagOut]:
    query: Any = select(Tag).where(Tag.user_id == principal.subject_id)
    rows: list[Tag]
    rows, next_cursor = keyset_page(
        db,
        query,
        [Tag.id],
        limit=limit,
        cursor=cursor,
        descending=False,
        key_of=lambda row: [row.id],
    )
    items = [tag_out(row) for row in rows]
    return Page[TagOut](items=items, next_cursor=next_cursor)


@router.delete("/tags/{tag_id}", status_code=204, response_model=None, responses=PROBLEM_RESPONSES)
def delete_tag(
    tag_id: str,
    principal: Principal = Depends(writer),
    db: Session = Depends(get_db),
) -> Response:
    row_id = parse_id(tag_id, "tag")
    result: Any = db.execute(
        delete(Tag).where(Tag.id == row_id, Tag.user_id == principal.subject_id)
    )
    if result.rowcount != 1:
        db.rollback()
        raise not_found("tag")
    db.commit()
    return Response(status_code=204)
