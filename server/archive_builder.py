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

import contextvars
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from archive_format.sections import SECTIONS
from archive_format.writer import COMPRESS_LEVEL, ArchiveWriter, Deflater
from server import bulk
from server.archive_sections import account_item, section_chunks
from server.context import ShopContext
from server.demo.policies import policy_for
from server.i18n import current_language
from server.models import User

_isal: Any
try:  # ISA-L: raw deflate, as zlib writes it, for about a third of zlib's CPU at level 1
    from isal import isal_zlib as _isal
except ImportError:  # pragma: no cover - a dependency of the server; zlib then
    _isal = None


def fast_deflater() -> Deflater:
    """A level-1 raw-deflate encoder for archive members (zipfile's own stream format)."""
    compressor: Deflater = _isal.compressobj(COMPRESS_LEVEL, _isal.DEFLATED, -15)
    return compressor


# Sections read from the start of the build on a second connection, on a thread, into
# temporary files, while this thread writes the sections before them (SQLite lets go of the GIL
# while it steps): orders, the costliest after My Tracks, whose turn comes after it.
AHEAD: tuple[str, ...] = ("orders",)

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
        deflater=fast_deflater if _isal is not None else None,
    )
    ahead: dict[str, _ReadAhead] = {}
    try:
        with writer:
            for s in wanted:
                if s in AHEAD and _can_read_ahead(ctx.engine):
                    ahead[s] = _ReadAhead(ctx.engine, s, user.id, ctx.shop.id, target_dir, writer)
                    ahead[s].start()
            for section in wanted:
                if section == "account":
                    writer.write_account(account_item(db, user, ctx.shop.id))
                elif section in ahead:
                    ahead[section].write_to(writer)
                else:
                    columns, chunks = section_chunks(db, ctx, user, section)
                    writer.write_chunks(section, chunks, columns)
    finally:
        for reader in ahead.values():
            reader.close()
    result = writer.result
    assert result is not None
    manifest: dict[str, Any] = result.manifest
    return ArchiveInfo(path=result.path, sha256=result.sha256, size=result.size, manifest=manifest)


def _can_read_ahead(engine: Engine) -> bool:
    # A second connection to an in-memory database would see another, empty database.
    return engine.dialect.name == "sqlite" and ":memory:" not in str(engine.url)


class _ReadAhead:
    """One bulk section made on a thread of its own, on a connection of its own.

    Its connection reads in a transaction of its own that starts with the build, not in the
    session's: a write committed in between may show in one and not the other (as between any
    two reads of the API). Memory stays flat: the section's data member and CSV copy are
    deflated and hashed as the chunks come, on threads of their own, into temporary files
    (removed when closed), which `write_section_spool` copies into the ZIP as they are."""

    def __init__(
        self,
        engine: Engine,
        section: str,
        subject_id: int,
        shop_id: str,
        directory: Path,
        writer: ArchiveWriter,
    ):
        directory.mkdir(parents=True, exist_ok=True)
        self._engine, self._section, self._subject_id = engine, section, subject_id
        self._policy = policy_for(shop_id)
        self._spool = writer.section_spool(section, bulk.COLUMNS[section])
        self._error: BaseException | None = None
        self._stop = threading.Event()
        # the request's language (a context variable) goes along
        context = contextvars.copy_context()
        self._thread = threading.Thread(
            target=context.run, args=(self._read,), name=f"archive-{section}", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def _read(self) -> None:
        try:
            with self._engine.connect() as conn:
                for chunk in bulk.chunks(
                    bulk.session_connect(conn),
                    self._section,
                    self._subject_id,
                    with_rows=True,
                    policy=self._policy,
                ):
                    if self._stop.is_set():
                        return
                    self._spool.add(chunk)
            self._spool.end()
        except BaseException as exc:  # raised again in the building thread
            self._error = exc

    def write_to(self, writer: ArchiveWriter) -> None:
        """Wait for the section, then write its data and CSV members."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        writer.write_section_spool(self._spool)

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._spool.close()
