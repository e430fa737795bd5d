"""Every section of the shop's archive is what the API answers for the same subject, item for
item (one serialiser per resource: `server/serialisers.py`, `server/bulk.py`)."""

from __future__ import annotations

import json
import uuid
import zipfile
from typing import Any

from sqlalchemy import select

from archive_format.sections import SECTIONS
from server.archive_builder import build_archive
from server.embedded import RunningShop
from server.models import User
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api

# section -> the list endpoint with the same items
LISTS = {
    "categories": "/data/categories",
    "devices": "/data/devices",
    "locations": "/data/locations",
    "logs": "/data/logs",
    "tracks": "/tracks",
    "tags": "/tags",
    "orders": "/orders",
    "decisions": "/decisions",
    "consents": "/consents",
    "consent_history": "/consents/history",
    "subscriptions": "/subscriptions",
    "cookies": "/cookies",
    "recipients": "/recipients",
    "policy_versions": "/policy/versions",
    "notices": "/notices",
    "access_log": "/access-log",
    "requests": "/requests",
}
# sections whose archive items are the detail resources (the list shows a summary)
DETAILS = {"orders": "/orders/{}", "decisions": "/decisions/{}", "requests": "/requests/{}"}


def _all(api: Api, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(200):  # bounded: a demo account has a few thousand items at most
        params: dict[str, Any] = {"limit": 500}
        if cursor:
            params["cursor"] = cursor
        response = api.get(path, params=params)
        assert response.status_code == 200, (path, response.text)
        body = response.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return items
    raise AssertionError(f"{path} never ended")


def _section(archive: zipfile.ZipFile, section: str) -> Any:
    names = set(archive.namelist())
    if f"data/{section}.ndjson" in names:
        raw = archive.read(f"data/{section}.ndjson").decode()
        return [json.loads(line) for line in raw.splitlines()]
    return json.loads(archive.read(f"data/{section}.json"))


def _key(item: dict[str, Any]) -> str:
    return str(item.get("id", item.get("key")))


def test_every_archive_section_equals_the_api(shop: RunningShop, api: Api, tmp_path) -> None:
    filed = api.post(
        "/requests",
        json={"type": "access", "details": {"sections": ["tags"]}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status_code in (200, 201, 202), filed.text
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path)
    archive = zipfile.ZipFile(info.path)
    checked: set[str] = set()

    assert _section(archive, "account") == api.get("/me").json()
    checked.add("account")

    events: list[dict[str, Any]] = []
    for recipient in _all(api, "/recipients"):
        for event in _all(api, f"/recipients/{recipient['id']}/events"):
            events.append({"id": event["id"], "recipient_id": recipient["id"], **event})
    archived_events = _section(archive, "recipient_events")
    assert archived_events
    assert {_key(e): e for e in archived_events} == {_key(e): e for e in events}
    checked.add("recipient_events")

    for section, path in LISTS.items():
        archived = _section(archive, section)
        listed = _all(api, path)
        if section == "access_log":
            # our own reads above were logged after the archive was made: it is their prefix
            assert archived
            assert archived == listed[: len(archived)]
        elif section in DETAILS:
            assert {_key(i) for i in archived} == {_key(i) for i in listed}, section
            for item in archived:
                detail = api.get(DETAILS[section].format(item["id"]))
                assert detail.status_code == 200, detail.text
                assert item == detail.json(), (section, item["id"])
        else:
            assert {_key(i): i for i in archived} == {_key(i): i for i in listed}, section
        assert archived or section in ("requests",), f"{section} is empty in the demo"
        checked.add(section)
    assert checked == set(SECTIONS)
