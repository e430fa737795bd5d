"""`/v1/data/...`: the categories of personal data held, and the collected data itself."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.categories import category_items
from server.context import ShopContext
from server.demo.policies import policy_for
from server.deps import Principal, current_principal, get_ctx, get_db
from server.models import Device, Location, LogEntry, ServiceContact
from server.pagination import keyset_page, newest_first_page
from server.schemas.common import (
    DEFAULT_PAGE_LIMIT,
    PROBLEM_RESPONSES,
    CursorQuery,
    LimitQuery,
    Page,
)
from server.schemas.data import DataCategoryOut, DeviceOut, LocationOut, LogOut, ServiceContactOut
from server.serialisers import (
    device_out,
    location_out,
    log_out,
    order_numbers,
    service_contact_out,
)

router = APIRouter(prefix="/v1", tags=["data"])


@router.get("/data/categories", response_model=Page[DataCategoryOut], responses=PROBLEM_RESPONSES)
def list_categories(
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
    ctx: ShopContext = Depends(get_ctx),
) -> Page[DataCategoryOut]:
    """Every category the shop holds, with how many rows of it it holds about the subject."""
    items = [
        DataCategoryOut.model_validate(item)
        for item in category_items(db, principal.subject_id, policy_for(ctx.shop.id))
    ]
    return Page[DataCategoryOut](items=items, next_cursor=None)


@router.get("/data/devices", response_model=Page[DeviceOut], responses=PROBLEM_RESPONSES)
def list_devices(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[DeviceOut]:
    query: Any = select(Device).where(Device.user_id == principal.subject_id)
    rows: list[Device]
    rows, next_cursor = keyset_page(
        db,
        query,
        [Device.id],
        limit=limit,
        cursor=cursor,
        descending=False,
        key_of=lambda row: [row.id],
    )
    items = [device_out(row) for row in rows]
    return Page[DeviceOut](items=items, next_cursor=next_cursor)


@router.get("/data/locations", response_model=Page[LocationOut], responses=PROBLEM_RESPONSES)
def list_locations(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[LocationOut]:
    rows: list[Location]
    rows, next_cursor = newest_first_page(
        db,
        select(Location).where(Location.user_id == principal.subject_id),
        Location.at,
        Location.id,
        limit=limit,
        cursor=cursor,
    )
    items = [location_out(row) for row in rows]
    return Page[LocationOut](items=items, next_cursor=next_cursor)


@router.get("/data/logs", response_model=Page[LogOut], responses=PROBLEM_RESPONSES)
def list_logs(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[LogOut]:
    rows: list[LogEntry]
    rows, next_cursor = newest_first_page(
        db,
        select(LogEntry).where(LogEntry.user_id == principal.subject_id),
        LogEntry.at,
        LogEntry.id,
        limit=limit,
        cursor=cursor,
    )
    items = [log_out(row) for row in rows]
    return Page[LogOut](items=items, next_cursor=next_cursor)


@router.get(
    "/data/service-contacts",
    response_model=Page[ServiceContactOut],
    responses=PROBLEM_RESPONSES,
    summary="Customer-service correspondence and call records, newest first",
)
def list_service_contacts(
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_db),
) -> Page[ServiceContactOut]:
    """Empty at a shop whose policy keeps no such records (it lists no `service_records`)."""
    rows: list[ServiceContact]
    rows, next_cursor = newest_first_page(
        db,
        select(ServiceContact).where(ServiceContact.user_id == principal.subject_id),
        ServiceContact.at,
        ServiceContact.id,
        limit=limit,
        cursor=cursor,
    )
    numbers = order_numbers(db, [row.order_id for row in rows])
    return Page[ServiceContactOut](
        items=[service_contact_out(row, numbers.get(row.order_id or -1)) for row in rows],
        next_cursor=next_cursor,
    )
