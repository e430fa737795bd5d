"""Every section of the shop's archive is what the API answers for the same subject, item for
item (one serialiser per resource: `server/serialisers.py`, `server/bulk.py`)."""

from __future__ import annotations

import json
import uuid
import zipfile
from typing import Any

import pytest
from sqlalchemy import select

from archive_format.sections import SECTIONS
from client.archive import ArchiveApi, export_archive, open_archive
from client.archive.offline_results import assist_sessions, request_result
from client.errors import NotFound
from server.archive_builder import build_archive
from server.embedded import RunningShop
from server.models import CookieEntry, GuardianLink, PolicyVersion, User
from server.processor import RequestProcessor
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER
from tests.server.test_assist import start_assist
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
    "incidents": "/incidents",
    "guardian_links": "/guardian/links",
    "access_log": "/access-log",
    "requests": "/requests",
    "service_contacts": "/data/service-contacts",
    "impact_assessments": "/impact-assessments",
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


def _file(api: Api, body: dict[str, Any]) -> str:
    response = api.post("/requests", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    rid = str(response.json()["id"])
    if response.json()["status"] == "identity_unverified":
        code = api.get(f"/requests/{rid}/demo-verification-code").json()["code"]
        assert api.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200
    return rid


def _history(shop: RunningShop, api: Api) -> None:
    """An explanation and a deletion answered, an access request open, an assist session."""
    decision = api.get("/decisions").json()["items"][0]["id"]
    tag = api.get("/tags").json()["items"][0]["id"]
    _file(api, {"type": "explanation", "details": {"decision_id": decision}})
    _file(api, {"type": "deletion", "details": {"items": [{"category": "tags", "ids": [tag]}]}})
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    _file(api, {"type": "access", "details": {"sections": ["tags"]}})
    start_assist(shop, api)


# the requests' results and assist sessions: section -> what the API answers
def _explanations(api: Api) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], **api.get(f"/requests/{r['id']}/result").json()}
        for r in _all(api, "/requests")
        if r["status"] == "completed" and r["result"]["kind"] == "explanation"
    ]


def _deletion_receipts(api: Api) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], **api.get(f"/requests/{r['id']}/result").json()}
        for r in _all(api, "/requests")
        if r["status"] == "completed" and r["result"]["kind"] == "deletion_receipts"
    ]


RESULTS = {
    "explanations": _explanations,
    "deletion_receipts": _deletion_receipts,
    "assist_sessions": lambda api: _all(api, "/assist/sessions"),
    "rights": lambda api: [api.get("/rights").json()],
}


def test_every_archive_section_equals_the_api(shop: RunningShop, api: Api, tmp_path) -> None:
    _history(shop, api)
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        # the shopper also looks after the demo minor, so guardian_links is not empty
        minor = db.scalars(select(User).where(User.is_minor.is_(True))).first()
        assert minor is not None
        db.add(
            GuardianLink(
                guardian_id=user.id,
                ward_id=minor.id,
                relationship="legal_guardian",
                since=user.created_at,
            )
        )
        db.commit()
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

    for section, expected in RESULTS.items():
        archived = _section(archive, section)
        assert archived, f"{section} is empty"
        assert archived == expected(api), section
        checked.add(section)

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
        assert archived, f"{section} is empty in the demo"
        checked.add(section)
    assert checked == set(SECTIONS)


def test_the_apps_export_writes_the_same_results(shop: RunningShop, api: Api, tmp_path) -> None:
    """The app's export of the new sections holds what the shop's archive holds."""
    _history(shop, api)
    wanted = list(RESULTS)
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(db, shop.ctx, user, request_id=None, sections=wanted, out_dir=tmp_path)
    exported = export_archive(api_for(shop, *SHOPPER), tmp_path / "app.zip", sections=wanted)
    with zipfile.ZipFile(info.path) as ours, zipfile.ZipFile(exported.path) as theirs:
        for section in wanted:
            from_shop, from_app = _section(ours, section), _section(theirs, section)
            assert from_shop, section
            if section == "assist_sessions":  # `active` is as of each reading
                for item in from_shop + from_app:
                    item.pop("active")
            assert from_app == from_shop, section
    # and the offline viewer reads them back as the live shop's models
    live = api_for(shop, *SHOPPER)
    for path in (info.path, exported.path):
        with zipfile.ZipFile(path) as raw, open_archive(path) as archive:
            answered = _section(raw, "explanations") + _section(raw, "deletion_receipts")
            assert len(answered) == 2
            for item in answered:
                assert request_result(archive, item["id"]) == live.get_request_result(item["id"])
            sessions = assist_sessions(archive)
            assert [s.id for s in sessions] == [s["id"] for s in _all(api, "/assist/sessions")]
            with pytest.raises(NotFound):
                request_result(archive, "999999")
            # the offline viewer's API answers with them, as the live shop does
            offline = ArchiveApi(archive)
            for item in answered:
                assert offline.get_request_result(item["id"]) == live.get_request_result(item["id"])
            listed = offline.list_assist_sessions(limit=1).auto_paging_iter()
            assert [s.id for s in listed] == [s.id for s in sessions]


def test_the_two_drifts_the_issue_found_agree_now(shop: RunningShop, api: Api, tmp_path) -> None:
    """A cookie naming a purpose the shop no longer has, and policy changes that are not a
    JSON list: the archive says what the API says (they differed when built apart)."""
    with shop.ctx.sessions() as db:
        cookie = db.scalars(select(CookieEntry).order_by(CookieEntry.id)).first()
        version = db.scalars(select(PolicyVersion)).first()
        assert cookie is not None
        assert version is not None
        cookie.consent_purpose = "a_purpose_long_gone"
        version.changes = "one sentence, not a list"  # type: ignore[assignment]
        version.changes_zh = None
        db.commit()
        cookie_id, version_id = str(cookie.id), version.version
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(
            db,
            shop.ctx,
            user,
            request_id=None,
            sections=["cookies", "policy_versions"],
            out_dir=tmp_path,
        )
    with zipfile.ZipFile(info.path) as archive:
        cookies = {c["id"]: c for c in _section(archive, "cookies")}
        versions = {v["id"]: v for v in _section(archive, "policy_versions")}
    listed_cookies = {c["id"]: c for c in _all(api, "/cookies")}
    listed_versions = {v["id"]: v for v in _all(api, "/policy/versions")}
    assert cookies[cookie_id]["active"] is False
    assert cookies[cookie_id] == listed_cookies[cookie_id]
    assert versions[version_id]["changes"] == ["one sentence, not a list"]
    assert versions[version_id] == listed_versions[version_id]
