"""Bulk export: one whole section of the subject's data in one streamed NDJSON response.

`GET /v1/export/{section}` answers `application/x-ndjson`: one item per line, newest first,
each exactly the shape of the section's detail resource (orders as `OrderDetail`, decisions as
`DecisionDetail`, tracks as `TrackOut`, ...), read in keyset batches (`server/bulk.py`), so an
export of a million tracks is one request and one access-log entry instead of ten thousand
pages plus one call per order. `after=<id>` continues strictly after that item (an interrupted
download resumes from the last complete line); `from`/`to` limit the items by their time.

The request's own transaction (principal lookup and its access-log entry) is committed, and its
request slot given back, before the body streams; each later batch takes a slot only while it
is read (`server.deps.slotted`), so a slow reader holds neither a slot nor a connection.

An agent assisting a customer is refused (403): agents read and file requests for the
customer, they do not take the customer's whole data away in bulk.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from server.bulk import BULK_SECTIONS, UnknownItem, chunks
from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, get_ctx, slotted, stream_db, streaming_principal
from server.errors import Problem
from server.schemas.common import PROBLEM_RESPONSES, UtcDateTime

router = APIRouter(prefix="/v1", tags=["export"])

Section = Literal["locations", "logs", "tracks", "orders", "decisions"]
assert set(Section.__args__) == set(BULK_SECTIONS)  # type: ignore[attr-defined]

NDJSON = "application/x-ndjson"


@router.get(
    "/export/{section}",
    response_class=StreamingResponse,
    responses={
        **PROBLEM_RESPONSES,
        200: {
            "description": "The section's items, one JSON object per line, newest first.",
            "content": {NDJSON: {"schema": {"type": "string"}}},
        },
    },
    summary="A whole section as NDJSON, in one streamed response",
)
def export_section(
    section: Section,
    after: Annotated[
        str | None,
        Query(max_length=40, description="Continue after the item with this id."),
    ] = None,
    start: Annotated[
        UtcDateTime | None, Query(alias="from", description="Only items at or after this time.")
    ] = None,
    end: Annotated[
        UtcDateTime | None, Query(alias="to", description="Only items before this time.")
    ] = None,
    principal: Principal = Depends(streaming_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = stream_db,
) -> StreamingResponse:
    """Orders come with items, payment, logistics, recipient and sharing; decisions with their
    inputs and factors. A 400 `invalid_cursor` means `after` is not (or no longer) one of the
    section's items: start the section again."""
    if principal.is_agent:
        raise Problem(
            403,
            "forbidden",
            "An agent assisting a customer cannot export the customer's data in bulk.",
        )
    if start is not None and end is not None and start > end:  # both aware UTC (UtcDateTime)
        raise Problem(422, "validation_failed", "`from` must not be after `to`.")
    # Done with the request's session: its transaction (and the access-log entry) ends here,
    # not when the last byte of a long stream has gone out.
    db.commit()
    produced = chunks(
        ctx.engine.connect,
        section,
        principal.subject_id,
        start=start,
        end=end,
        after=after,
        policy=policy_for(ctx.shop.id),
    )
    try:
        first = next(produced, None)
    except UnknownItem:
        raise Problem(
            400, "invalid_cursor", "The item to continue after is not in this section."
        ) from None

    def body() -> Iterator[bytes]:
        if first is None:
            return
        yield first.ndjson
        for chunk in produced:
            yield chunk.ndjson

    headers: dict[str, Any] = {"Cache-Control": "no-store"}
    return StreamingResponse(slotted(ctx, body()), media_type=NDJSON, headers=headers)
