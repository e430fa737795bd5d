"""Policy versions, acknowledgement and notices, over real HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from server.embedded import RunningShop
from server.models import Notice, PolicyVersion, User
from server.timeutil import parse_rfc3339
from tests.conftest import SECOND_SHOPPER, SHOPPER
from tests.support.oauth_login import Api

VERSION_KEYS = {
    "id",
    "version",
    "published_at",
    "major",
    "summary",
    "changes",
    "url",
    "acknowledged",
}


def test_current_policy_and_acknowledgement(shop: RunningShop, api: Api) -> None:
    response = api.get("/policy")
    assert response.status_code == 200
    policy = response.json()
    assert set(policy) == VERSION_KEYS | {"acknowledged_at"}
    discovery = api.get(f"{shop.url}/.well-known/privacy-api").json()
    assert policy["version"] == discovery["policy"]["version"]
    assert policy["acknowledged"] is False  # the seed leaves the latest unacknowledged
    assert policy["acknowledged_at"] is None
    assert isinstance(policy["changes"], list)
    assert policy["summary"]

    ack = api.post(f"/policy/{policy['version']}/acknowledge")
    assert ack.status_code == 200, ack.text
    assert ack.json()["version"] == policy["version"]
    first_time = ack.json()["acknowledged_at"]
    assert first_time

    shop.ctx.clock.offset += timedelta(minutes=3)
    again = api.post(f"/policy/{policy['version']}/acknowledge")
    assert again.status_code == 200
    assert again.json() == {"version": policy["version"], "acknowledged_at": first_time}

    after = api.get("/policy").json()
    assert after["acknowledged"] is True
    assert parse_rfc3339(after["acknowledged_at"]) == parse_rfc3339(first_time)
    versions = api.get("/policy/versions").json()["items"]
    assert versions[0]["version"] == policy["version"]
    assert versions[0]["acknowledged"] is True

    unknown = api.post("/policy/0.0-nope/acknowledge")
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"


def test_policy_versions_newest_first(shop: RunningShop, api: Api) -> None:
    with shop.ctx.sessions() as session:
        count = len(list(session.scalars(select(PolicyVersion))))
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/policy/versions", params=params).json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(items) == count >= 2
    stamps = [parse_rfc3339(i["published_at"]) for i in items]
    assert stamps == sorted(stamps, reverse=True)
    for item in items:
        assert set(item) == VERSION_KEYS
        assert item["id"] == item["version"]
        assert isinstance(item["changes"], list)
        assert all(isinstance(c, str) for c in item["changes"])
        assert item["url"]


def test_notices_newest_first_with_own_and_general_only(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    with shop.ctx.sessions() as session:
        ids = {u.username: u.id for u in session.scalars(select(User))}
        rows = list(session.scalars(select(Notice)))
    mine = {str(n.id) for n in rows if n.user_id in (None, ids[SHOPPER[0]])}
    theirs = {str(n.id) for n in rows if n.user_id == ids[SECOND_SHOPPER[0]]}

    response = api.get("/notices")
    assert response.status_code == 200
    items = response.json()["items"]
    assert {i["id"] for i in items} == mine
    assert not {i["id"] for i in items} & theirs
    keys = [(parse_rfc3339(i["published_at"]), int(i["id"])) for i in items]
    assert keys == sorted(keys, reverse=True)
    for item in items:
        assert set(item) == {
            "id",
            "kind",
            "severity",
            "title",
            "body",
            "published_at",
            "personal",
            "clause",
            "clause_title",
            "basis",
        }
        assert item["severity"] in {"info", "warning", "critical"}
    assert any(i["kind"] == "security_incident" for i in items)

    paged: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/notices", params=params).json()
        paged.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == items

    other = {i["id"] for i in other_api.get("/notices").json()["items"]}
    personal_to_me = {str(n.id) for n in rows if n.user_id == ids[SHOPPER[0]]}
    assert not other & personal_to_me
