"""The access archive download: checked independently of the server's code, and resumable."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import uuid
import zipfile

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select

from archive_format.sections import SECTIONS
from server.models import Track, User
from server.processor import RequestProcessor


def completed_access(shop, api) -> str:
    req = api.post(
        "/requests",
        json={"type": "access", "details": {}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    ).json()
    code = api.get(f"/requests/{req['id']}/demo-verification-code").json()["code"]
    assert api.post(f"/requests/{req['id']}/verify", json={"code": code}).status_code == 200
    processor = RequestProcessor(shop.ctx)
    processor.run_once()
    processor.run_once()
    assert api.get(f"/requests/{req['id']}").json()["status"] == "completed"
    return str(req["id"])


def canonical(value) -> bytes:
    # written out here on purpose, from docs/ARCHIVE.md, not imported from the server
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def test_archive_is_complete_checksummed_and_signed(shop, api):
    rid = completed_access(shop, api)
    response = api.get(f"/requests/{rid}/result")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    blob = response.content
    digest = hashlib.sha256(blob).hexdigest()
    assert int(response.headers["Content-Length"]) == len(blob)
    assert response.headers["X-Content-SHA256"] == digest
    assert response.headers["ETag"] == f'"{digest}"'
    assert (
        response.headers["Digest"]
        == "sha-256=" + base64.b64encode(hashlib.sha256(blob).digest()).decode()
    )
    assert response.headers["Accept-Ranges"] == "bytes"
    summary = api.get(f"/requests/{rid}").json()["result"]
    assert summary["sha256"] == digest
    assert summary["size"] == len(blob)

    archive = zipfile.ZipFile(io.BytesIO(blob))
    names = archive.namelist()
    assert len(names) == len(set(names))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "shop-privacy-archive"
    assert manifest["format_version"] == 1
    assert manifest["source"] == "shop"
    assert manifest["request_id"] == rid
    assert manifest["subject"]["customer_no"] == "SM100001"
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for name, entry in listed.items():
        data = archive.read(name)
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert len(data) == entry["size"], name
        assert not name.startswith("/")
        assert ".." not in name
        assert "\\" not in name

    discovery = requests.get(f"{shop.url}/.well-known/privacy-api", timeout=10).json()
    keys = {k["kid"]: k for k in discovery["signing_keys"]}
    signature = manifest["signature"]
    assert signature["alg"] == "Ed25519"
    public = Ed25519PublicKey.from_public_bytes(
        base64.b64decode(keys[signature["kid"]]["public_key"])
    )
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    public.verify(base64.b64decode(signature["value"]), canonical(unsigned))

    sections = set(SECTIONS)  # archive_format/sections.py: the one list
    assert len(sections) >= 19
    assert {"incidents", "guardian_links"} <= sections
    assert set(manifest["scope"]["sections"]) == sections
    for section in sections:
        ndjson = f"data/{section}.ndjson"
        path = ndjson if ndjson in listed else f"data/{section}.json"
        assert path in listed, section
    tracks = archive.read("data/tracks.ndjson").decode().splitlines()
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == "lin.mei")).one()
        stored = db.scalar(select(func.count()).select_from(Track).where(Track.user_id == me))
    assert len(tracks) == stored == listed["data/tracks.ndjson"]["records"]
    first = json.loads(tracks[0])
    assert set(first) == {"id", "kind", "text", "item_ref", "at"}
    api_first = api.get("/tracks", params={"limit": 1}).json()["items"][0]
    assert set(api_first) == set(first)
    account = json.loads(archive.read("data/account.json"))
    assert account["customer_no"] == "SM100001"
    # the shopper's own incident notices, as GET /incidents has them (unread first)
    incidents = json.loads(archive.read("data/incidents.json"))
    assert incidents == api.get("/incidents").json()["items"]
    assert len(incidents) == 2
    assert set(account) >= {"age_years", "legal_capacity", "guardians", "guardian_rule"}
    assert json.loads(archive.read("data/guardian_links.json")) == []
    assert {f["key"] for f in account["fields"]} == {
        f["key"] for f in api.get("/me").json()["fields"]
    }
    requests_section = json.loads(archive.read("data/requests.json"))
    assert rid in {r["id"] for r in requests_section}
    text = archive.read("csv/tracks.csv")
    assert text.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows[0] == ["id", "kind", "text", "item_ref", "at"]
    assert len(rows) == stored + 1
    index = archive.read("index.html").decode()
    assert "<script" not in index.lower()
    assert "林美" in index
    assert "http://" not in index
    assert "https://" not in index


def test_range_downloads_reassemble_the_archive(shop, api):
    rid = completed_access(shop, api)
    full = api.get(f"/requests/{rid}/result").content
    size = len(full)
    etag = f'"{hashlib.sha256(full).hexdigest()}"'
    third = size // 3
    parts = []
    first = api.get(f"/requests/{rid}/result", headers={"Range": f"bytes=0-{third - 1}"})
    assert first.status_code == 206
    assert first.headers["Content-Range"] == f"bytes 0-{third - 1}/{size}"
    assert int(first.headers["Content-Length"]) == third
    parts.append(first.content)
    middle = api.get(
        f"/requests/{rid}/result",
        headers={"Range": f"bytes={third}-{2 * third - 1}", "If-Range": etag},
    )
    assert middle.status_code == 206
    parts.append(middle.content)
    rest = api.get(f"/requests/{rid}/result", headers={"Range": f"bytes={2 * third}-"})
    assert rest.status_code == 206
    assert rest.headers["Content-Range"] == f"bytes {2 * third}-{size - 1}/{size}"
    parts.append(rest.content)
    assert b"".join(parts) == full

    tail = api.get(f"/requests/{rid}/result", headers={"Range": "bytes=-100"})
    assert tail.status_code == 206
    assert tail.content == full[-100:]
    beyond_end = api.get(f"/requests/{rid}/result", headers={"Range": f"bytes=10-{size * 2}"})
    assert beyond_end.status_code == 206
    assert beyond_end.content == full[10:]

    unsatisfiable = api.get(f"/requests/{rid}/result", headers={"Range": f"bytes={size}-"})
    assert unsatisfiable.status_code == 416
    assert unsatisfiable.headers["content-type"].startswith("application/problem+json")
    assert unsatisfiable.headers["Content-Range"] == f"bytes */{size}"
    assert unsatisfiable.json()["code"] == "range_not_satisfiable"
    assert api.get(f"/requests/{rid}/result", headers={"Range": "bytes=-0"}).status_code == 416

    # a stale If-Range gets the whole (new) file instead of a mismatched piece
    stale = api.get(f"/requests/{rid}/result", headers={"Range": "bytes=0-9", "If-Range": '"0000"'})
    assert stale.status_code == 200
    assert stale.content == full
    # several ranges or nonsense: the whole file
    multi = api.get(f"/requests/{rid}/result", headers={"Range": "bytes=0-1,5-6"})
    assert multi.status_code == 200
    assert len(multi.content) == size
