"""The archive builder on its own: scoped sections, NDJSON records, atomic writing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

from sqlalchemy import select

from server.archive_builder import build_archive, results_dir
from server.models import User


def test_scoped_archive_is_written_atomically(shop, tmp_path):
    ctx = shop.ctx
    tmp_path = tmp_path / "out"
    with ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == "lin.mei")).one()
        info = build_archive(
            db,
            ctx,
            user,
            request_id=None,
            sections=["tracks", "consents", "account"],
            out_dir=tmp_path,
        )
    assert info.path.parent == tmp_path
    assert [p.name for p in tmp_path.iterdir()] == [info.path.name]  # no temp file left over
    blob = info.path.read_bytes()
    assert hashlib.sha256(blob).hexdigest() == info.sha256
    assert len(blob) == info.size
    with zipfile.ZipFile(info.path) as archive:
        names = set(archive.namelist())
        assert names == {
            "manifest.json",
            "index.html",
            "data/account.json",
            "csv/account.csv",
            "data/tracks.ndjson",
            "csv/tracks.csv",
            "data/consents.json",
            "csv/consents.csv",
        }
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["scope"]["sections"] == ["account", "tracks", "consents"]
        assert manifest["request_id"] is None
        for entry in manifest["files"]:
            data = archive.read(entry["path"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            if entry["path"].endswith(".ndjson"):
                lines = data.decode().splitlines()
                assert len(lines) == entry["records"]
                assert all(json.loads(line)["id"] for line in lines)
            if entry["path"] == "data/consents.json":
                consents = json.loads(data)
                assert len(consents) == entry["records"] > 0
                assert {"purpose", "granted", "legal_basis"} <= set(consents[0])
        for info_entry in archive.infolist():
            assert not info_entry.is_dir()
            assert (info_entry.external_attr >> 16) & 0o170000 in (0, 0o100000)


def test_results_live_next_to_the_database(shop):
    db_path = shop.ctx.config.db_url.removeprefix("sqlite:///")
    assert str(results_dir(shop.ctx)).startswith(db_path.rsplit("/", 1)[0])


def test_large_sections_equal_the_api_and_their_csv(shop, api, tmp_path):
    """The shop's archive serialises orders, decisions, tracks, logs and locations with the
    bulk export's code: the same items as the API's detail resources, CSV row for row."""
    from client.archive import keys_from_shop, open_archive, verify_archive
    from tests.server.test_export import add_awkward_tracks
    from tests.server.test_orders import collect

    add_awkward_tracks(shop)  # quotes, commas, line breaks, control characters
    ctx = shop.ctx
    with ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == "lin.mei")).one()
        info = build_archive(db, ctx, user, request_id=None, out_dir=tmp_path / "out")
    report = verify_archive(info.path, keys=keys_from_shop(shop.url))
    assert report.ok, report.problems
    assert report.signature_ok
    api_items = {
        "tracks": collect(api, "/tracks", limit=500),
        "logs": collect(api, "/data/logs", limit=500),
        "locations": collect(api, "/data/locations", limit=500),
        "orders": [
            api.get(f"/orders/{o['id']}").json() for o in collect(api, "/orders", limit=500)
        ],
        "decisions": [
            api.get(f"/decisions/{d['id']}").json() for d in collect(api, "/decisions", limit=500)
        ],
    }
    with open_archive(info.path) as archive, zipfile.ZipFile(info.path) as raw:
        for section, expected in api_items.items():
            assert expected, section
            assert list(archive.iter_items(section)) == expected, section
            text = raw.read(f"csv/{section}.csv").decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == list(expected[0]), section
            assert [r[0] for r in rows[1:]] == [item["id"] for item in expected], section
            # byte for byte what Python's csv module writes for the same values
            want = io.StringIO()
            writer = csv.writer(want, lineterminator="\r\n")
            writer.writerow(list(expected[0]))
            if section in ("tracks", "logs"):
                writer.writerows(
                    [["" if v is None else v for v in item.values()] for item in expected]
                )
                assert text == want.getvalue(), section
        order_rows = list(
            csv.DictReader(io.StringIO(raw.read("csv/orders.csv").decode("utf-8-sig")))
        )
        first = api_items["orders"][0]
        assert json.loads(order_rows[0]["items"]) == first["items"]
        assert order_rows[0]["for_other"] == str(first["for_other"]).lower()
