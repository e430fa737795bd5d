"""The same server runs unchanged on PostgreSQL: schema, demo data, sign-in, paging, search."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from server.context import ServerConfig
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop
from server.shops import shop_profile
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api, sign_in
from tests.support.postgres import PostgresCluster, postgres_bin

pytestmark = pytest.mark.skipif(
    postgres_bin() is None, reason="PostgreSQL server binaries are not installed"
)


@pytest.fixture(scope="module")
def pg_shop() -> Iterator[RunningShop]:
    # Not under pytest's tmp dir: the `postgres` user must be able to reach the directory.
    directory = Path(tempfile.mkdtemp(prefix="privacy-pg-"))
    cluster = PostgresCluster(directory)
    url = cluster.start()
    config = ServerConfig(
        db_url=url,
        shop=shop_profile("silumart"),
        demo=True,
        run_processor=False,
        processor_delay=timedelta(0),
    )
    shop = RunningShop(config)
    try:
        seed_for_demo(shop.ctx, tracks=400)
        yield shop.start()
    finally:
        shop.stop()
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def pg_api(pg_shop: RunningShop) -> Api:
    return Api(pg_shop.url + "/v1", str(sign_in(pg_shop.url, *SHOPPER)["access_token"]))


def test_every_list_pages_on_postgres(pg_api: Api) -> None:
    for path in (
        "/data/devices",
        "/data/locations",
        "/data/logs",
        "/tracks",
        "/tags",
        "/orders",
        "/decisions",
        "/consents/history",
        "/recipients",
        "/notices",
        "/access-log",
        "/policy/versions",
        "/cookies",
    ):
        first = pg_api.get(path, params={"limit": 3})
        assert first.status_code == 200, (path, first.text)
        body = first.json()
        if body["next_cursor"]:
            second = pg_api.get(path, params={"limit": 3, "cursor": body["next_cursor"]})
            assert second.status_code == 200, (path, second.text)
            assert not {i["id"] for i in body["items"]} & {i["id"] for i in second.json()["items"]}


def test_all_tracks_page_through_on_postgres(pg_api: Api) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 97}
        if cursor:
            params["cursor"] = cursor
        body = pg_api.get("/tracks", params=params).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 400


def test_text_search_and_activity_on_postgres(pg_api: Api) -> None:
    sample = pg_api.get("/tracks", params={"limit": 1}).json()["items"][0]["text"]
    needle = sample[:3] if len(sample) >= 3 else sample
    found = pg_api.get("/tracks", params={"q": needle, "limit": 500}).json()["items"]
    assert found
    assert all(needle.lower() in item["text"].lower() for item in found)
    activity = pg_api.get("/tracks/activity", params={"bucket": "month"})
    assert activity.status_code == 200, activity.text
    assert sum(b["search"] + b["view"] for b in activity.json()["buckets"]) == 400


def test_consent_change_and_a_request_on_postgres(pg_api: Api) -> None:
    consents = pg_api.get("/consents").json()["items"]
    optional = next(c for c in consents if not c["required"])
    changed = pg_api.put(
        f"/consents/{optional['purpose']}", json={"granted": not optional["granted"]}
    )
    assert changed.status_code == 200, changed.text
    created = pg_api.post(
        "/requests",
        json={"type": "complaint", "details": {"text": "测试 complaint"}},
        headers={"Idempotency-Key": "7d0b4b0e-1c1a-4e7e-9a59-0c1f3b1e2a11"},
    )
    assert created.status_code == 201, created.text


def test_bulk_export_and_shop_archive_on_postgres(
    pg_api: Api, pg_shop: RunningShop, tmp_path: Path
) -> None:
    """The bulk export's generic path (no SQLite JSON functions) gives the API's items too."""
    from sqlalchemy import select

    from client.archive import open_archive
    from server.archive_builder import build_archive
    from server.models import User
    from tests.server.test_export import stream
    from tests.server.test_orders import collect

    expected = {
        "tracks": collect(pg_api, "/tracks", limit=500),
        "logs": collect(pg_api, "/data/logs", limit=500),
        "locations": collect(pg_api, "/data/locations", limit=500),
        "orders": [
            pg_api.get(f"/orders/{o['id']}").json() for o in collect(pg_api, "/orders", limit=500)
        ],
        "decisions": [
            pg_api.get(f"/decisions/{d['id']}").json()
            for d in collect(pg_api, "/decisions", limit=500)
        ],
    }
    for section, items in expected.items():
        assert items, section
        assert stream(pg_api, section) == items, section
    assert stream(pg_api, "tracks", after=expected["tracks"][9]["id"]) == expected["tracks"][10:]
    with pg_shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(db, pg_shop.ctx, user, request_id=None, out_dir=tmp_path)
    with open_archive(info.path) as archive:
        for section, items in expected.items():
            assert list(archive.iter_items(section)) == items, section


def test_fee_quote_accept_and_proceed_on_postgres(pg_shop: RunningShop) -> None:
    """The `pending -> fee_quoted -> pending` transitions and the fee record on PostgreSQL."""
    import uuid

    from server.processor import RequestProcessor

    api = Api(
        pg_shop.url + "/v1", str(sign_in(pg_shop.url, "zhang.wei", "demo1234")["access_token"])
    )
    processor = RequestProcessor(pg_shop.ctx)
    ids = []
    for _ in range(3):
        created = api.post(
            "/requests",
            json={"type": "access", "details": {"sections": ["consents"]}},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert created.status_code == 201, created.text
        rid = created.json()["id"]
        if created.json()["status"] == "identity_unverified":
            code = api.get(f"/requests/{rid}/demo-verification-code").json()["code"]
            assert api.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200
        ids.append(rid)
        processor.run_once()
        processor.run_once()
    third = api.get(f"/requests/{ids[2]}").json()
    assert third["status"] == "fee_quoted", third
    assert third["fee"]["clause"] == "5.G"
    accepted = api.post(
        f"/requests/{ids[2]}/fee/accept", headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "pending"
    processor.run_once()
    processor.run_once()
    done = api.get(f"/requests/{ids[2]}").json()
    assert done["status"] == "completed"
    assert done["fee"]["status"] == "accepted"


def test_identity_document_upload_and_review_on_postgres(pg_shop: RunningShop) -> None:
    """A binary proof (bytea on PostgreSQL) kept byte for byte; accepting it verifies."""
    import uuid

    from sqlalchemy import select

    from server.admin import review_document
    from server.models import IdentityDocument

    api = Api(pg_shop.url + "/v1", str(sign_in(pg_shop.url, *SHOPPER)["access_token"]))
    created = api.post(
        "/requests",
        json={"type": "access", "details": {"sections": ["consents"]}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    assert created.json()["status"] == "identity_unverified"
    content = b"%PDF-1.7\n\x00\xff\xfe binary \x00\n%%EOF\n"
    sent = api.post(
        f"/requests/{rid}/identity-documents",
        params={"kind": "other_proof", "filename": "证明.pdf"},
        data=content,
        headers={"Content-Type": "application/pdf", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert sent.status_code == 201, sent.text
    document = sent.json()["identity_documents"][0]
    assert document["filename"] == "证明.pdf"
    with pg_shop.ctx.sessions() as db:
        stored = db.scalars(
            select(IdentityDocument).where(IdentityDocument.id == int(document["id"]))
        ).one()
        assert stored.content == content
    review_document(pg_shop.ctx, int(document["id"]), accept=True)
    assert api.get(f"/requests/{rid}").json()["status"] == "pending"
