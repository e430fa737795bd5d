"""Helpers for the archive tests: small archives, and hand-made (hostile) ZIP files."""

from __future__ import annotations

import hashlib
import json
import warnings
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from client.archive.writer import write_archive

SHOP = {"id": "test-shop", "name": "测试商店", "api_base": "http://127.0.0.1:1/v1"}
SUBJECT = {"customer_no": "SM100001", "display_name": "林美"}
WHEN = (2026, 11, 22, 3, 0, 0)


def sample_sections(n_tracks: int = 5) -> dict[str, list[dict[str, Any]]]:
    return {
        "account": [
            {
                "id": "1",
                "customer_no": "SM100001",
                "display_name": "林美",
                "fields": [{"key": "phone", "value": "138****0000"}],
            }
        ],
        "tracks": [
            {
                "id": str(i),
                "kind": "search" if i % 2 else "view",
                "text": ["蓝牙耳机", "🎧 headphones", "مرحبا بالعالم", "running shoes"][i % 4],
                "item_ref": None,
                "at": f"2026-01-{1 + i % 28:02d}T10:00:00Z",
            }
            for i in range(n_tracks)
        ],
        "orders": [{"id": "o1", "number": "N1", "items": [{"id": "i1", "title": "耳机"}]}],
    }


def small_archive(path: Path, **options: Any) -> Path:
    return write_archive(path, sample_sections(), shop=SHOP, subject=SUBJECT, **options).path


def _info(name: str, *, mode: int = 0o100644, system: int = 3) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=WHEN)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = mode << 16
    info.create_system = system
    return info


def manifest_for(members: Iterable[tuple[str, bytes]], **changes: Any) -> dict[str, Any]:
    files = []
    for name, data in members:
        records = None
        if name.endswith(".ndjson"):
            records = data.count(b"\n")
        files.append(
            {
                "path": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "records": records,
                "media_type": "",
            }
        )
    manifest: dict[str, Any] = {
        "format": "shop-privacy-archive",
        "format_version": 1,
        "source": "client",
        "created_at": "2026-11-22T03:00:00.000000Z",
        "shop": SHOP,
        "subject": SUBJECT,
        "request_id": None,
        "scope": {"sections": [], "from": None, "to": None},
        "files": files,
        "signature": None,
    }
    manifest.update(changes)
    return manifest


def craft(
    path: Path,
    members: list[tuple[str, bytes]],
    *,
    manifest: dict[str, Any] | None = None,
    edit: Callable[[dict[str, Any]], None] | None = None,
    modes: dict[str, int] | None = None,
    extra_unlisted: list[tuple[str, bytes]] | None = None,
) -> Path:
    """A ZIP with these members and a manifest listing them (edited by `edit`)."""
    manifest = manifest if manifest is not None else manifest_for(members)
    if edit is not None:
        edit(manifest)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names on purpose
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in [*members, *(extra_unlisted or [])]:
                info = _info(name, mode=(modes or {}).get(name, 0o100644))
                with archive.open(info, "w", force_zip64=True) as out:
                    out.write(data)
            archive.writestr(_info("manifest.json"), json.dumps(manifest).encode())
    return path


def tracks_ndjson(n: int = 3) -> bytes:
    return b"".join(
        json.dumps(
            {"id": str(i), "kind": "view", "text": "x", "at": "2026-01-01T00:00:00Z"}
        ).encode()
        + b"\n"
        for i in range(n)
    )
