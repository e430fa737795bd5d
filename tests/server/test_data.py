"""`/v1/data/...`: categories with counts, and the paged devices, locations and logs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.support.oauth_login import Api

CATEGORY_KEYS = {
    "key",
    "title",
    "title_zh",
    "count",
    "sensitive",
    "purposes",
    "legal_basis",
    "retention",
    "retention_text",
    "description",
    "storage",
    "source",
    "policy_section",
    "clause",
    "clause_title",
    "basis",
    "retention_clause",
    "retention_basis",
    "no_consent_exception",
    "refusal_consequence",
}
LEGAL_BASES = {
    "consent",
    "contract",
    "legal_obligation",
    "legitimate_interest",
    "vital_interest",
    "public_interest",
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


def categories(api: Api) -> dict[str, dict[str, Any]]:
    response = api.get("/data/categories")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    return {item["key"]: item for item in body["items"]}


def test_categories_shape_and_counts(api: Api) -> None:
    found = categories(api)
    assert {
        "account",
        "profile",
        "devices",
        "locations",
        "logs",
        "tracks",
        "tags",
        "orders",
        "payments",
        "decisions",
    } <= set(found)
    for item in found.values():
        assert set(item) == CATEGORY_KEYS
        assert item["legal_basis"] in LEGAL_BASES
        assert set(item["storage"]) == {"country", "vendor"}
        assert isinstance(item["purposes"], list)
        assert item["count"] >= 0
    assert found["tracks"]["count"] == 400
    assert found["devices"]["count"] == len(collect(api, "/data/devices"))
    assert found["locations"]["count"] == len(collect(api, "/data/locations", limit=500))
    assert found["logs"]["count"] == len(collect(api, "/data/logs", limit=500))
    assert found["tags"]["count"] == len(collect(api, "/tags"))
    orders = collect(api, "/orders")
    assert found["orders"]["count"] == len(orders) > 0
    assert found["payments"]["count"] == len(orders)
    assert found["decisions"]["count"] == len(collect(api, "/decisions"))
    me = api.get("/me").json()["fields"]
    assert found["account"]["count"] == sum(f["group"] == "membership" for f in me)
    assert found["profile"]["count"] == sum(f["group"] == "profile" for f in me)


def test_category_order_is_stable(api: Api) -> None:
    first = [item["key"] for item in api.get("/data/categories").json()["items"]]
    assert first == [item["key"] for item in api.get("/data/categories").json()["items"]]


def test_counts_follow_changes(api: Api) -> None:
    before = categories(api)
    order = collect(api, "/orders")[0]["id"]
    assert api.delete(f"/orders/{order}").status_code == 200
    track = api.get("/tracks", params={"limit": 1}).json()["items"][0]["id"]
    assert api.delete(f"/tracks/{track}").status_code == 204
    after = categories(api)
    assert after["orders"]["count"] == before["orders"]["count"] - 1
    assert after["payments"]["count"] == before["payments"]["count"] - 1
    assert after["tracks"]["count"] == 399


def test_counts_are_per_subject(api: Api, other_api: Api) -> None:
    assert categories(api)["tracks"]["count"] != categories(other_api)["tracks"]["count"]


def test_devices(api: Api, other_api: Api) -> None:
    devices = collect(api, "/data/devices", limit=1)
    assert devices
    assert [d["id"] for d in devices] == [d["id"] for d in api.get("/data/devices").json()["items"]]
    for device in devices:
        assert set(device) == {
            "id",
            "device_type",
            "model",
            "os",
            "os_version",
            "device_uid",
            "settings",
            "first_seen",
            "last_seen",
        }
        assert isinstance(device["settings"], dict)
        assert when(device["first_seen"]) <= when(device["last_seen"])
    theirs = {d["id"] for d in collect(other_api, "/data/devices")}
    assert not theirs & {d["id"] for d in devices}


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("/data/locations", {"id", "at", "source", "ip", "latitude", "longitude", "city"}),
        (
            "/data/logs",
            {"id", "at", "ip", "browser", "carrier", "language", "page", "search_query"},
        ),
    ],
)
def test_newest_first_lists(api: Api, other_api: Api, path: str, keys: set[str]) -> None:
    big = api.get(path, params={"limit": 500}).json()
    assert big["next_cursor"] is None
    items = big["items"]
    assert len(items) >= 5
    for item in items:
        assert set(item) == keys
    order = [(when(i["at"]), int(i["id"])) for i in items]
    assert order == sorted(order, reverse=True)
    paged = collect(api, path, limit=3)
    assert [i["id"] for i in paged] == [i["id"] for i in items]
    assert len({i["id"] for i in paged}) == len(paged)
    theirs = {i["id"] for i in collect(other_api, path, limit=500)}
    assert not theirs & {i["id"] for i in items}
    assert api.get(path, params={"cursor": "bm9wZQ"}).status_code == 400
    assert api.get(path, params={"limit": 0}).status_code == 422
