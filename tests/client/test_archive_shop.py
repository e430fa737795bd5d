"""Archives against the real reference shop: export, offline viewing, diff, SQLite, the shop's
own signed archive, and the CLI."""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from client.api import ShopApi
from client.archive import (
    ArchiveApi,
    ArchiveError,
    NotInArchive,
    ReadOnlyArchive,
    archive_to_sqlite,
    diff_archives,
    export_archive,
    keys_from_shop,
    open_archive,
    verify_archive,
)
from client.archive.offline_api import WRITE_METHODS
from client.cli import main
from client.discovery import fetch_discovery
from server.embedded import RunningShop
from server.processor import RequestProcessor
from tests.client.api_helpers import api_for, token_for
from tests.client.archive_helpers import craft, manifest_for
from tests.conftest import SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def official_archive(shop: RunningShop, api: ShopApi, dest: Path) -> Path:
    created = api.create_request("access").request
    code = api.get_demo_verification_code(created.id).code
    api.verify_request(created.id, code)
    processor = RequestProcessor(shop.ctx)
    for _ in range(5):
        processor.run_once()
        if api.get_request(created.id).status == "completed":
            break
    assert api.get_request(created.id).status == "completed"
    api.download_result(created.id, dest)
    return dest


def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the offline viewer touched the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_export_round_trip_and_offline_viewer(
    shop_api: ShopApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = fresh(tmp_path)
    calls: list[tuple[int, int]] = []
    result = export_archive(
        shop_api, tmp_path / "me.zip", progress=lambda d, t: calls.append((d, t)), page_size=100
    )
    assert [p.name for p in tmp_path.iterdir()] == ["me.zip"]
    assert calls[-1][0] == calls[-1][1] == sum(result.counts.values())
    assert all(d <= t for d, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    expected: dict[str, Any] = {
        "me": shop_api.get_me(),
        "categories": shop_api.list_categories(),
        "devices": list(shop_api.list_devices().auto_paging_iter()),
        "locations": list(shop_api.list_locations().auto_paging_iter()),
        "logs": list(shop_api.list_logs().auto_paging_iter()),
        "tracks": list(shop_api.list_tracks(limit=500).auto_paging_iter()),
        "searches": list(shop_api.list_tracks(kind="search", q="耳机").auto_paging_iter()),
        "tags": list(shop_api.list_tags().auto_paging_iter()),
        "orders": list(shop_api.list_orders().auto_paging_iter()),
        "decisions": list(shop_api.list_decisions().auto_paging_iter()),
        "consents": shop_api.list_consents(),
        "history": list(shop_api.list_consent_history().auto_paging_iter()),
        "subscriptions": shop_api.list_subscriptions(),
        "cookies": list(shop_api.list_cookies().auto_paging_iter()),
        "recipients": list(shop_api.list_recipients().auto_paging_iter()),
        "policy_versions": list(shop_api.list_policy_versions().auto_paging_iter()),
        "notices": list(shop_api.list_notices().auto_paging_iter()),
        "incidents": list(shop_api.list_incidents().auto_paging_iter()),
        "guardian_links": shop_api.list_guardian_links(),
        "requests": list(shop_api.list_requests().auto_paging_iter()),
        "activity": shop_api.track_activity(bucket="week"),
        # issue 13.6: the records Silumart's policy promises
        "service_contacts": list(shop_api.list_service_contacts().auto_paging_iter()),
        "impact_assessments": list(shop_api.list_impact_assessments().auto_paging_iter()),
    }
    assert expected["service_contacts"]
    assert expected["impact_assessments"]
    first_order = expected["orders"][0]
    order_detail = shop_api.get_order(first_order.id)
    decision_detail = shop_api.get_decision(expected["decisions"][0].id)
    recipient = next(r for r in expected["recipients"] if r.event_count)
    events = list(shop_api.list_recipient_events(recipient.id).auto_paging_iter())
    april = (datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 12, 31, tzinfo=UTC))
    ranged = list(shop_api.list_tracks(start=april[0], end=april[1]).auto_paging_iter())
    live_log = list(shop_api.list_access_log(limit=500).auto_paging_iter())

    no_network(monkeypatch)
    with open_archive(tmp_path / "me.zip") as archive:
        offline = ArchiveApi(archive)
        assert offline.get_me() == expected["me"]
        assert offline.list_categories() == expected["categories"]
        assert list(offline.list_devices().auto_paging_iter()) == expected["devices"]
        assert list(offline.list_locations().auto_paging_iter()) == expected["locations"]
        assert list(offline.list_logs().auto_paging_iter()) == expected["logs"]
        assert list(offline.list_tracks().auto_paging_iter()) == expected["tracks"]
        assert (
            list(offline.list_tracks(kind="search", q="耳机").auto_paging_iter())
            == expected["searches"]
        )
        assert list(offline.list_tracks(start=april[0], end=april[1]).auto_paging_iter()) == ranged
        assert offline.track_activity(bucket="week") == expected["activity"]
        assert list(offline.list_tags().auto_paging_iter()) == expected["tags"]
        assert list(offline.list_orders().auto_paging_iter()) == expected["orders"]
        assert offline.get_order(first_order.id) == order_detail
        assert list(offline.list_decisions().auto_paging_iter()) == expected["decisions"]
        assert offline.get_decision(decision_detail.id) == decision_detail
        assert offline.list_consents() == expected["consents"]
        assert list(offline.list_consent_history().auto_paging_iter()) == expected["history"]
        assert offline.list_subscriptions() == expected["subscriptions"]
        assert list(offline.list_cookies().auto_paging_iter()) == expected["cookies"]
        assert list(offline.list_recipients().auto_paging_iter()) == expected["recipients"]
        assert offline.get_recipient(recipient.id) == recipient
        assert list(offline.list_recipient_events(recipient.id).auto_paging_iter()) == events
        assert (
            list(offline.list_policy_versions().auto_paging_iter()) == expected["policy_versions"]
        )
        assert list(offline.list_notices().auto_paging_iter()) == expected["notices"]
        assert list(offline.list_incidents().auto_paging_iter()) == expected["incidents"]
        assert expected["incidents"]
        first_incident = expected["incidents"][0]
        assert offline.get_incident(first_incident.id) == first_incident
        assert offline.get_incident_counts() == shop_api.get_incident_counts()
        assert offline.list_guardian_links() == expected["guardian_links"]
        assert list(offline.list_requests().auto_paging_iter()) == expected["requests"]
        assert (
            list(offline.list_service_contacts().auto_paging_iter()) == expected["service_contacts"]
        )
        assert (
            list(offline.list_impact_assessments().auto_paging_iter())
            == expected["impact_assessments"]
        )
        # the new fields of older sections come along (agreements, exceptions, orders for others)
        assert any(
            r.data_protection_agreement and r.data_protection_agreement.exists
            for r in offline.list_recipients().auto_paging_iter()
        )
        assert any(o.placed_for for o in offline.list_orders().auto_paging_iter())
        log = list(offline.list_access_log().auto_paging_iter())
        assert log == live_log[: len(log)]
        assert log
        assert offline.get_access_log_head().seq == log[-1].seq

        # paging: the pages join up to the whole list, with any filter
        pages, cursor = [], None
        while True:
            page = offline.list_tracks(kind="view", limit=37, cursor=cursor)
            pages.extend(page.items)
            if not page.has_more:
                break
            cursor = page.next_cursor
        assert pages == [t for t in expected["tracks"] if t.kind == "view"]
        again = offline.list_tracks(kind="view", limit=37, cursor="37")
        assert again.items == pages[37:74]
        # two walks of one section, interleaved, each see the whole list once
        first = offline.list_tracks(kind="view", limit=10).auto_paging_iter()
        second = offline.list_tracks(kind="view", limit=10).auto_paging_iter()
        both = [(a, b) for a, b in zip(first, second, strict=True)]
        assert [a for a, _ in both] == [b for _, b in both] == pages
        newest_first = list(offline.list_access_log(order="desc", limit=7).auto_paging_iter())
        assert newest_first == log[::-1]

        for name in WRITE_METHODS:
            with pytest.raises(ReadOnlyArchive, match="it can only be read, not changed"):
                getattr(offline, name)("x")
        with pytest.raises(NotInArchive):
            offline.download_result("1", tmp_path / "x.zip")


def test_cancel_and_scope(shop_api: ShopApi, tmp_path: Path) -> None:
    tmp_path = fresh(tmp_path)
    seen: list[object] = []

    def cancel() -> bool:
        return len(seen) > 0

    with pytest.raises(ArchiveError) as caught:
        export_archive(
            shop_api,
            tmp_path / "c.zip",
            sections=["tracks"],
            progress=lambda d, t: seen.append(d),
            cancel=cancel,
        )
    assert caught.value.reason == "cancelled"
    assert list(tmp_path.iterdir()) == []

    start, end = datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 9, 1, tzinfo=UTC)
    result = export_archive(
        shop_api,
        tmp_path / "s.zip",
        sections=["tracks", "orders"],
        start=start,
        end=end,
        details=False,
    )
    with open_archive(result.path) as archive:
        assert archive.sections == ["tracks", "orders"]
        assert archive.manifest.scope["from"] == start.isoformat()
        offline = ArchiveApi(archive)
        assert list(offline.list_tracks().auto_paging_iter()) == list(
            shop_api.list_tracks(start=start, end=end).auto_paging_iter()
        )
        assert all(start <= o.placed_at < end for o in offline.list_orders().auto_paging_iter())
        with pytest.raises(NotInArchive):
            offline.get_me()
    with ArchiveApi.from_path(result.path) as viewer:
        assert viewer.has_section("tracks")
        assert not viewer.has_section("account")


def test_diff_shows_exactly_the_deleted_tracks(shop_api: ShopApi, tmp_path: Path) -> None:
    tmp_path = fresh(tmp_path)
    before = export_archive(shop_api, tmp_path / "before.zip", sections=["tracks", "tags"])
    victims = [t for t in shop_api.list_tracks().auto_paging_iter(max_items=40)][5:12]
    assert shop_api.delete_tracks(ids=[t.id for t in victims]) == len(victims)
    after = export_archive(
        shop_api, tmp_path / "after.zip", sections=["tracks", "tags"], passphrase="pw"
    )
    with open_archive(after.path, passphrase="pw") as new:
        result = diff_archives(before.path, new)
    tracks = result.sections["tracks"]
    assert sorted(item["id"] for item in tracks.removed) == sorted(t.id for t in victims)
    assert tracks.added == []
    assert tracks.changed == []
    assert result.sections["tags"].empty
    assert tracks.unchanged == before.counts["tracks"] - len(victims)


def test_sqlite_conversion(shop_api: ShopApi, tmp_path: Path) -> None:
    tmp_path = fresh(tmp_path)
    result = export_archive(shop_api, tmp_path / "me.zip")
    converted = archive_to_sqlite(result.path, tmp_path / "me.db")
    assert converted.fts
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.db", "me.zip"]
    db = sqlite3.connect(tmp_path / "me.db")
    try:
        for section, n in result.counts.items():
            query = f'SELECT count(*) FROM "{section}"'  # noqa: S608 - a known section name
            assert db.execute(query).fetchone()[0] == n
        assert converted.tables == result.counts
        word = next(t.text for t in shop_api.list_tracks().auto_paging_iter() if len(t.text) >= 3)[
            :3
        ]
        matched = db.execute(
            "SELECT count(*) FROM tracks_fts WHERE tracks_fts MATCH ?",
            ['"' + word.replace('"', '""') + '"'],
        ).fetchone()[0]
        assert (
            matched
            == db.execute(
                "SELECT count(*) FROM tracks WHERE instr(text, ?) > 0", [word]
            ).fetchone()[0]
            > 0
        )
        row = db.execute("SELECT items, payment FROM orders LIMIT 1").fetchone()
        assert isinstance(json.loads(row[0]), list)
        assert isinstance(json.loads(row[1]), dict)
        manifest = dict(db.execute("SELECT key, value FROM manifest").fetchall())
        assert json.loads(manifest["format"]) == "shop-privacy-archive"
        assert db.execute("SELECT count(*) FROM manifest_files").fetchone()[0] == len(
            result.manifest["files"]
        )
    finally:
        db.close()


def test_official_archive_verifies_opens_offline_and_tampering_fails(
    shop: RunningShop, shop_api: ShopApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = fresh(tmp_path)
    path = official_archive(shop, shop_api, tmp_path / "official.zip")
    keys = keys_from_shop(shop.url)
    report = verify_archive(path, keys=keys)
    assert report.ok, report.problems
    assert report.source == "shop"
    assert report.signature_ok
    assert report.kid in keys
    assert not verify_archive(path).ok  # signed, but no key given: not vouched for
    me, tracks = shop_api.get_me(), list(shop_api.list_tracks(limit=500).auto_paging_iter())
    orders = list(shop_api.list_orders().auto_paging_iter())
    order = shop_api.get_order(orders[0].id)
    categories, history = (
        shop_api.list_categories(),
        list(shop_api.list_consent_history().auto_paging_iter()),
    )
    requests_before = list(shop_api.list_requests().auto_paging_iter())
    shop_subscriptions = shop_api.list_subscriptions()
    no_network(monkeypatch)
    with open_archive(path, keys=keys, require_signature=True) as archive:
        offline = ArchiveApi(archive)
        assert offline.get_me() == me
        assert list(offline.list_tracks().auto_paging_iter()) == tracks
        assert list(offline.list_orders().auto_paging_iter()) == orders
        assert offline.get_order(orders[0].id) == order
        assert offline.list_consents()
        assert list(offline.list_access_log().auto_paging_iter())
        # every section of the shop's archive reads into the client's models
        # (counts aside: the shop's archive counts some categories differently from
        # GET /data/categories, e.g. consents as events, not states; a server matter)
        assert [c.model_copy(update={"count": 0}) for c in offline.list_categories()] == [
            c.model_copy(update={"count": 0}) for c in categories
        ]
        assert list(offline.list_consent_history().auto_paging_iter()) == history
        # the archive answers the access request, so it shows it still in progress
        in_archive = list(offline.list_requests().auto_paging_iter())
        assert [r.id for r in in_archive] == [r.id for r in requests_before]
        assert in_archive[0].status == "in_progress"
        assert offline.get_request(in_archive[0].id).type == "access"
        for reader in (
            offline.list_devices,
            offline.list_locations,
            offline.list_logs,
            offline.list_tags,
            offline.list_decisions,
            offline.list_cookies,
            offline.list_policy_versions,
            offline.list_notices,
        ):
            list(reader().auto_paging_iter())
        assert offline.list_subscriptions() == shop_subscriptions
        recipients = list(offline.list_recipients().auto_paging_iter())
        for r in recipients:
            assert (
                len(list(offline.list_recipient_events(r.id).auto_paging_iter())) == r.event_count
            )
        assert offline.get_policy().version
        assert offline.track_activity(bucket="month").buckets
    monkeypatch.undo()

    # a changed track, with the manifest's checksums updated but the signature left alone
    with open_archive(path) as archive:
        members = [
            (n, archive.read_member(n)) for n in archive.member_names if n != "manifest.json"
        ]
        raw = archive.manifest.raw
    first = tracks[0].text.encode()
    members = [(n, d.replace(first, "篡改".encode(), 1)) for n, d in members]
    forged = manifest_for(members, **{k: v for k, v in raw.items() if k != "files"})
    for entry, original in zip(forged["files"], raw["files"], strict=True):
        entry["records"], entry["media_type"] = original["records"], original["media_type"]
    craft(tmp_path / "forged.zip", members, manifest=forged)
    forged_report = verify_archive(tmp_path / "forged.zip", keys=keys)
    assert not forged_report.ok
    assert forged_report.reason == "bad_signature"

    # a byte changed in place
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    (tmp_path / "flipped.zip").write_bytes(bytes(data))
    assert not verify_archive(tmp_path / "flipped.zip", keys=keys).ok


def fresh(tmp_path: Path) -> Path:
    """A directory of its own (the shop's database lives in tmp_path too)."""
    out = tmp_path / "out"
    out.mkdir()
    return out


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_archive_commands(shop: RunningShop, shop_api: ShopApi, tmp_path: Path) -> None:
    tmp_path = fresh(tmp_path)
    token = token_for(shop, *SHOPPER)
    auth = [f"--token={token}", "--api-base", shop.url + "/v1"]
    secret = tmp_path / "pass.txt"
    secret.write_text("a long passphrase\n", encoding="utf-8")
    code, out, err = run_cli(
        *auth,
        "archive",
        "export",
        "--out",
        str(tmp_path / "a.zip"),
        "--sections",
        "tracks,consents",
        "--from",
        "2025-01-01",
    )
    assert code == 0, err
    assert "tracks" in out
    code, out, err = run_cli(
        *auth,
        "archive",
        "export",
        "--out",
        str(tmp_path / "b.zip"),
        "--sections",
        "tracks,consents",
        "--from",
        "2025-01-01",
        "--passphrase-file",
        str(secret),
    )
    assert code == 0, err
    code, out, err = run_cli("archive", "verify", str(tmp_path / "a.zip"))
    assert code == 0, err
    assert "verifies" in out, err
    code, out, err = run_cli("archive", "verify", str(tmp_path / "b.zip"))
    assert code == 1
    assert "[encrypted]" in err
    code, out, _ = run_cli(
        "archive", "verify", str(tmp_path / "b.zip"), "--json", "--passphrase-file", str(secret)
    )
    assert code == 0
    assert json.loads(out)["encrypted"] is True
    code, out, err = run_cli("archive", "diff", str(tmp_path / "a.zip"), str(tmp_path / "a.zip"))
    assert code == 0, err
    assert "No differences" in out, err
    code, out, err = run_cli(
        "archive", "to-sqlite", str(tmp_path / "a.zip"), str(tmp_path / "a.db")
    )
    assert code == 0, err
    assert (tmp_path / "a.db").exists(), err

    official = official_archive(shop, shop_api, tmp_path / "official.zip")
    keyfile = tmp_path / "keys.json"
    keyfile.write_text(
        json.dumps(
            {
                "signing_keys": [
                    {"kid": k.kid, "alg": k.alg, "public_key": k.public_key}
                    for k in fetch_discovery(shop.url).signing_keys
                ]
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run_cli("archive", "verify", str(official), "--key-file", str(keyfile))
    assert code == 0, err
    assert "signature valid" in out, err
    code, out, err = run_cli("archive", "verify", str(official), "--shop", shop.url, "--json")
    assert code == 0, err
    assert json.loads(out)["signature_ok"] is True, err
    with zipfile.ZipFile(official) as z:
        names = z.namelist()
    hostile = craft(tmp_path / "evil.zip", [("../evil", b"x")])
    code, _, err = run_cli("archive", "verify", str(hostile))
    assert code == 1
    assert "[unsafe_path]" in err
    code, _, err = run_cli("archive", "diff", str(hostile), str(official))
    assert code == 1
    assert "unsafe_path" in err
    assert "manifest.json" in names
    code, _, err = run_cli("archive", "export", "--out", "x.zip", "--sections", "nope")
    assert code == 2
