"""Recipients of the subject's data and each disclosure, over real HTTP."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from server.embedded import RunningShop
from server.models import Recipient, RecipientEvent, User
from server.timeutil import parse_rfc3339
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api

TYPES = {
    "advertising",
    "analytics",
    "logistics",
    "payment",
    "infrastructure",
    "customer_service",
    "authority",
    "successor",
    "public",
}
ITEM_KEYS = {
    "id",
    "name",
    "type",
    "categories",
    "purpose",
    "legal_basis",
    "identifiable",
    "country",
    "first_shared",
    "last_shared",
    "event_count",
    "clause",
    "basis",
    "data_protection_agreement",
    "consent_purpose",
    "no_consent_exception",
}


def user_id(shop: RunningShop, username: str) -> int:
    with shop.ctx.sessions() as session:
        return session.scalars(select(User.id).where(User.username == username)).one()


def walk(api: Api, path: str, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = api.get(path, params=params)
        assert response.status_code == 200, response.text
        out.extend(response.json()["items"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return out


def test_recipients_list_every_recipient_with_first_and_last_shared(
    shop: RunningShop, api: Api
) -> None:
    uid = user_id(shop, SHOPPER[0])
    with shop.ctx.sessions() as session:
        all_ids = [str(i) for i in session.scalars(select(Recipient.id).order_by(Recipient.id))]
        events = list(session.scalars(select(RecipientEvent).where(RecipientEvent.user_id == uid)))
    counts = Counter(str(e.recipient_id) for e in events)
    assert events, "the demo shopper should have shared data"

    items = walk(api, "/recipients", limit=3)
    assert [i["id"] for i in items] == all_ids  # every recipient the policy names, by id
    assert items == api.get("/recipients").json()["items"]
    for item in items:
        assert set(item) == ITEM_KEYS
        assert item["type"] in TYPES
        assert isinstance(item["categories"], list)
        assert isinstance(item["identifiable"], bool)
        assert len(item["country"]) == 2
        assert item["event_count"] == counts.get(item["id"], 0)
        mine = [e.at for e in events if str(e.recipient_id) == item["id"]]
        if mine:
            assert parse_rfc3339(item["first_shared"]) == min(mine)
            assert parse_rfc3339(item["last_shared"]) == max(mine)
        else:
            assert item["first_shared"] is None
            assert item["last_shared"] is None
        one = api.get(f"/recipients/{item['id']}")
        assert one.status_code == 200
        assert one.json() == item
    assert any(i["event_count"] > 0 for i in items)


def test_recipient_events_paged_newest_first(shop: RunningShop, api: Api) -> None:
    items = api.get("/recipients").json()["items"]
    busiest = max(items, key=lambda i: i["event_count"])
    events = walk(api, f"/recipients/{busiest['id']}/events", limit=2)
    assert len(events) == busiest["event_count"]
    assert len({e["id"] for e in events}) == len(events)
    keys = [(parse_rfc3339(e["at"]), int(e["id"])) for e in events]
    assert keys == sorted(keys, reverse=True)
    numbers = {o["id"]: o["number"] for o in walk(api, "/orders", limit=50)}
    for event in events:
        assert set(event) == {
            "id",
            "at",
            "categories",
            "description",
            "order_id",
            "order_number",
            "kind",
            "notice_id",
            "clause",
            "clause_title",
            "basis",
        }
        assert isinstance(event["categories"], list)
        assert event["order_id"] is None or isinstance(event["order_id"], str)
        # the number the shopper knows the order by, not only its id
        assert event["order_number"] == (
            numbers.get(event["order_id"]) if event["order_id"] else None
        )
    assert any(e["order_number"] for e in events)
    assert parse_rfc3339(events[0]["at"]) == parse_rfc3339(busiest["last_shared"])
    assert parse_rfc3339(events[-1]["at"]) == parse_rfc3339(busiest["first_shared"])
    first_page = api.get(f"/recipients/{busiest['id']}/events", params={"limit": 1}).json()
    assert first_page["items"] == events[:1]
    if len(events) > 1:
        assert first_page["next_cursor"]


def test_recipient_not_found(api: Api) -> None:
    for bad in ("999999", "0", "-1", "abc", "1.0"):
        assert api.get(f"/recipients/{bad}").status_code == 404
        response = api.get(f"/recipients/{bad}/events")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
