"""Build the shop's signed personal-data archive (docs/ARCHIVE.md) for one subject.

The records come from `server/archive_sections.py` (one producer per section); the ZIP, the
manifest, its signature and `index.html` from the shared `archive_format.writer`, the same
writer the app's export uses. Every section is streamed into its member (large sections item by
item from the database), hashing as it goes; the manifest lists each member's SHA-256, size and
record count and is signed with the shop's Ed25519 key over its canonical JSON without
`signature`. The file is written under a temporary name and renamed into place, so a reader
never sees half an archive.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from archive_format.sections import SECTIONS
from archive_format.writer import ArchiveWriter
from server.archive_sections import account_item, section_chunks
from server.context import ShopContext
from server.i18n import current_language
from server.models import User

__all__ = ["SECTIONS", "ArchiveInfo", "build_archive", "results_dir"]


@dataclass(frozen=True)
class ArchiveInfo:
    path: Path
    sha256: str
    size: int
    manifest: dict[str, Any]


def results_dir(ctx: ShopContext) -> Path:
    """Where results live: `config.extra["results_dir"]`, else `<db dir>/<db stem>-results`."""
    configured = ctx.config.extra.get("results_dir")
    if configured:
        return Path(configured)
    url = ctx.config.db_url
    if url.startswith("sqlite:///") and ":memory:" not in url:
        db_path = Path(url.removeprefix("sqlite:///"))
        return db_path.parent / f"{db_path.stem}-results"
    return Path(tempfile.gettempdir()) / "shop-privacy-results" / ctx.shop.id


def build_archive(
    db: Session,
    ctx: ShopContext,
    user: User,
    *,
    request_id: int | None,
    sections: Iterable[str] | None = None,
    out_dir: Path | None = None,
) -> ArchiveInfo:
    """Write the subject's archive; returns where it is and its SHA-256 and size."""
    chosen = set(sections) if sections is not None else None
    wanted = [s for s in SECTIONS if chosen is None or s in chosen]
    now = ctx.clock.now()
    target_dir = out_dir or results_dir(ctx)
    name = f"archive-{request_id or 'adhoc'}-{now.strftime('%Y%m%dT%H%M%S%f')}.zip"
    # One language, the one the archive was asked for in (server/i18n.py).
    language = current_language()
    writer = ArchiveWriter(
        target_dir / name,
        shop={"id": ctx.shop.id, "name": ctx.shop.name, "api_base": ctx.api_base},
        subject={"customer_no": user.customer_no, "display_name": user.display_name},
        source="shop",
        scope={"sections": wanted, "from": None, "to": None},
        request_id=str(request_id) if request_id is not None else None,
        created_at=now,
        signer=ctx.signer,
        language=language,
        shop_name=ctx.shop.name_zh if language == "zh-CN" else ctx.shop.name,
        threaded=True,
    )
    with writer:
        for section in wanted:
            if section == "account":
                writer.write_account(account_item(db, user, ctx.shop.id))
                continue
            columns, chunks = section_chunks(db, ctx, user, section)
            writer.write_chunks(section, chunks, columns)
    result = writer.result
    assert result is not None
    manifest: dict[str, Any] = result.manifest
    return ArchiveInfo(path=result.path, sha256=result.sha256, size=result.size, manifest=manifest)
