"""The bulk export endpoint: whole sections as NDJSON, equal to the API's detail resources."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from server import bulk
from server.embedded import RunningShop
from server.models import RecipientEvent, Track, User
from tests.conftest import SHOPPER
from tests.server.test_orders import collect
from tests.support.oauth_login import Api


def stream(api: Api, section: str, **params: Any) -> list[dict[str, Any]]:
    response = api.get(f"/export/{section}", params=params, stream=True)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    body = response.content
    assert body == b"" or body.endswith(b"\n")
    return [json.loads(line) for line in body.splitlines()]


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shop runs in this process: tiny batches make every section cross many keyset pages.
    monkeypatch.setattr(bulk, "BATCH", 7)
    monkeypatch.setattr(bulk, "ORDER_BATCH", 3)


def add_awkward_tracks(shop: RunningShop) -> None:
    """Tracks whose JSON is easy to get wrong: a whole second, quotes, control characters."""
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()
        db.add_all(
            [
                Track(
                    user_id=me,
                    kind="search",
                    text='say "hi", \\ \n\r\t\x01 耳机 🎧',
                    item_ref=None,
                    at=datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC),
                ),
                Track(
                    user_id=me,
                    kind="view",
                    text="</script>",
                    item_ref="SKU-1",
                    at=datetime(2026, 3, 1, 12, 0, 0, 1, tzinfo=UTC),
                ),
            ]
        )
        db.commit()


def spoil_sharing_categories(shop: RunningShop) -> None:
    """Stored category lists the API cleans up: not JSON, not a list, numbers in it."""
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()
        events = db.scalars(
            select(RecipientEvent)
            .where(RecipientEvent.order_id.is_not(None), RecipientEvent.user_id == me)
            .order_by(RecipientEvent.id)
            .limit(3)
        ).all()
        assert len(events) == 3
        for event, raw in zip(events, ["not json", '{"a": 1}', '["contact", 7, 1.5]'], strict=True):
            event.categories = raw
        db.commit()


def test_sections_equal_the_api(api: Api, shop: RunningShop) -> None:
    add_awkward_tracks(shop)
    spoil_sharing_categories(shop)
    raw = api.get("/export/tracks").content
    assert b'"at":"2026-03-01T12:00:00Z"' in raw
    assert b'"at":"2026-03-01T12:00:00.000001Z"' in raw
    for section, path in (
        ("tracks", "/tracks"),
        ("locations", "/data/locations"),
        ("logs", "/data/logs"),
    ):
        listed = collect(api, path, limit=500)
        assert listed, section
        assert stream(api, section) == listed, section
    orders = [api.get(f"/orders/{o['id']}").json() for o in collect(api, "/orders", limit=500)]
    assert orders
    assert any(o["shared_with"] for o in orders)
    assert all(o["items"] for o in orders)
    assert stream(api, "orders") == orders
    decisions = [
        api.get(f"/decisions/{d['id']}").json() for d in collect(api, "/decisions", limit=500)
    ]
    assert decisions
    assert any(d["factors"] for d in decisions)
    assert stream(api, "decisions") == decisions


def test_after_continues_and_ranges_filter(api: Api) -> None:
    everything = stream(api, "tracks")
    middle = len(everything) // 2
    rest = stream(api, "tracks", after=everything[middle]["id"])
    assert rest == everything[middle + 1 :]
    assert stream(api, "tracks", after=everything[-1]["id"]) == []
    orders = stream(api, "orders")
    assert stream(api, "orders", after=orders[2]["id"]) == orders[3:]

    start, end = everything[-10]["at"], everything[3]["at"]
    ranged = stream(api, "tracks", **{"from": start, "to": end})
    assert ranged == [t for t in everything if start <= t["at"] < end]
    bad = api.get("/export/tracks", params={"from": end, "to": start})
    assert bad.status_code == 422


def test_bad_input_is_a_problem_not_a_crash(api: Api, other_api: Api) -> None:
    mine = stream(api, "orders")[0]["id"]
    for params in ({"after": "x"}, {"after": "999999999"}, {"after": "-1"}):
        response = api.get("/export/tracks", params=params)
        assert response.status_code == 400, params
        assert response.json()["code"] == "invalid_cursor"
    # another subject's order is not a place to continue from
    assert other_api.get("/export/orders", params={"after": mine}).status_code == 400
    assert api.get("/export/tags").status_code == 422
    assert api.get("/export/tracks", params={"from": "yesterday"}).status_code == 422
    assert api.get("/export/tracks", headers={"Authorization": ""}).status_code == 401


def test_one_access_log_entry_per_call(api: Api, shop: RunningShop) -> None:
    def head() -> int:
        return int(api.get("/access-log/head").json()["seq"])

    before = head()
    stream(api, "orders")
    stream(api, "tracks")
    entries = collect(api, "/access-log", limit=500)
    mine = [e for e in entries if e["seq"] > before]
    resources = [e["resource"] for e in mine]
    # the two exports (one entry each, naming the section), then the head and list calls
    assert resources.count("/v1/export/orders") == 1
    assert resources.count("/v1/export/tracks") == 1
    assert all(e["action"] == "read" for e in mine)


def test_an_assisting_agent_cannot_export_the_customers_data(api: Api, shop: RunningShop) -> None:
    """Agents read and file requests for the customer: the whole archive is not theirs to take."""
    from tests.server.test_assist import start_assist

    assisted, _body = start_assist(shop, api)
    assert assisted.get("/me").status_code == 200  # reading for the customer is allowed
    for section in ("tracks", "orders"):
        refused = assisted.get(f"/export/{section}")
        assert refused.status_code == 403, refused.text
        problem = refused.json()
        assert problem["code"] == "forbidden"
        assert problem["detail"] == (
            "An agent assisting a customer cannot export the customer's data in bulk."
        )
        chinese = assisted.get(f"/export/{section}", headers={"Accept-Language": "zh-CN"})
        assert chinese.status_code == 403
        assert chinese.json()["detail"] == "协助客户的客服人员不能批量导出客户的数据。"
    assert stream(api, "tracks")  # the customer's own export still works
