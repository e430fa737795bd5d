"""Orders, their removal with the legally retained part, and automated decisions."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from tests.support.oauth_login import Api

SUMMARY_KEYS = {
    "id",
    "number",
    "placed_at",
    "status",
    "total_cents",
    "currency",
    "item_count",
    "for_other",
    "logistics_partner",
    "placed_for",
}


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def collect(api: Api, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = dict(params)
        if cursor:
            query["cursor"] = cursor
        response = api.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_orders_list(api: Api) -> None:
    big = api.get("/orders", params={"limit": 500}).json()
    orders = big["items"]
    assert big["next_cursor"] is None
    assert 25 <= len(orders) <= 40
    for order in orders:
        assert set(order) == SUMMARY_KEYS
        assert order["item_count"] >= 1
    keys = [(when(o["placed_at"]), int(o["id"])) for o in orders]
    assert keys == sorted(keys, reverse=True)
    paged = collect(api, "/orders", limit=4)
    assert [o["id"] for o in paged] == [o["id"] for o in orders]
    assert api.get("/orders", params={"cursor": "x"}).status_code == 400
    assert api.get("/orders", params={"limit": 501}).status_code == 422


def test_order_detail(api: Api) -> None:
    orders = collect(api, "/orders")
    details = [api.get(f"/orders/{o['id']}").json() for o in orders]
    for summary, detail in zip(orders, details, strict=True):
        assert {k: detail[k] for k in SUMMARY_KEYS} == summary
        assert set(detail) == SUMMARY_KEYS | {
            "items",
            "payment",
            "logistics",
            "recipient",
            "shared_with",
        }
        assert sum(i["quantity"] for i in detail["items"]) == detail["item_count"]
        assert detail["total_cents"] == sum(
            i["quantity"] * i["unit_price_cents"] for i in detail["items"]
        )
        assert set(detail["payment"]) == {"method", "masked", "status"}
        assert not re.search(r"\d{8}", detail["payment"]["masked"])  # never a full number
        assert set(detail["logistics"]) == {"partner", "tracking_no"}
        assert set(detail["recipient"]) == {"name", "phone_masked", "address", "for_other"}
        assert "*" in detail["recipient"]["phone_masked"]
        assert detail["recipient"]["for_other"] == detail["for_other"]
        for shared in detail["shared_with"]:
            assert set(shared) == {"recipient_id", "name", "type", "categories", "at"}
            assert shared["categories"]
    assert all(d["shared_with"] for d in details)  # every payment went to a payment provider
    assert any(s["type"] == "payment" for d in details for s in d["shared_with"])
    assert any(s["type"] == "logistics" for d in details for s in d["shared_with"])


def test_order_not_found(api: Api, other_api: Api) -> None:
    mine = collect(api, "/orders")[0]["id"]
    for bad in ("abc", "0", "999999999", "-5"):
        response = api.get(f"/orders/{bad}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert other_api.get(f"/orders/{mine}").status_code == 404
    assert other_api.delete(f"/orders/{mine}").status_code == 404
    assert api.get(f"/orders/{mine}").status_code == 200
    assert mine not in {o["id"] for o in collect(other_api, "/orders")}


def test_remove_order_reports_retained_part(api: Api) -> None:
    orders = collect(api, "/orders")
    victim = orders[3]
    response = api.delete(f"/orders/{victim['id']}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == victim["id"]
    assert body["removed"] is True
    retained = body["retained"]
    assert set(retained) == {"categories", "fields", "until", "legal_basis", "reason"}
    assert retained["categories"] == ["orders", "payments"]
    assert "number" in retained["fields"]
    assert "items" in retained["fields"]
    assert "recipient_address" not in retained["fields"]
    assert retained["legal_basis"] == "legal_obligation"
    assert retained["reason"]
    placed, until = when(victim["placed_at"]), when(retained["until"])
    assert until.year == placed.year + 3
    assert (until.month, until.day) == (placed.month, placed.day) or (
        placed.month == 2 and placed.day == 29
    )
    # hidden from the list and the detail, idempotent on repeat
    assert victim["id"] not in {o["id"] for o in collect(api, "/orders")}
    assert api.get(f"/orders/{victim['id']}").status_code == 404
    again = api.delete(f"/orders/{victim['id']}")
    assert again.status_code == 200
    assert again.json() == body
    assert len(collect(api, "/orders")) == len(orders) - 1


def test_decisions(api: Api, other_api: Api) -> None:
    decisions = collect(api, "/decisions", limit=2)
    assert decisions
    keys = [(when(d["at"]), int(d["id"])) for d in decisions]
    assert keys == sorted(keys, reverse=True)
    for decision in decisions:
        assert set(decision) == {
            "id",
            "system",
            "kind",
            "outcome",
            "significance",
            "at",
            "model_version",
            "order_id",
        }
        assert decision["order_id"] is None or isinstance(decision["order_id"], str)
        detail = api.get(f"/decisions/{decision['id']}").json()
        assert {k: detail[k] for k in decision} == decision
        assert isinstance(detail["inputs"], list)
        for factor in detail["factors"]:
            assert set(factor) == {"factor", "label", "weight"}
    blocked = [d for d in decisions if d["order_id"] is not None]
    assert blocked
    assert api.get(f"/orders/{blocked[0]['order_id']}").status_code == 200
    assert other_api.get(f"/decisions/{decisions[0]['id']}").status_code == 404
    assert api.get("/decisions/nope").status_code == 404
    theirs = {d["id"] for d in collect(other_api, "/decisions")}
    assert not theirs & {d["id"] for d in decisions}
