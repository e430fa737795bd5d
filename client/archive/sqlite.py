"""Loading an archive into a SQLite database, for anyone's own tools (`sqlite3`, Datasette…).

- one table per section, named after it (`tracks`, `orders`, …), one row per item, one
  column per item key (in the order first seen; a key that shows up later adds a column);
  nested values (objects, lists) are stored as JSON text, booleans as 0/1; an index on `id`;
- `tracks_fts`: an FTS5 index over `tracks.text` (external content, `rowid` = the row of
  `tracks`; tokenizer `trigram`, so any substring of 3+ characters matches, CJK included):
  `SELECT t.* FROM tracks_fts JOIN tracks t ON t.rowid = tracks_fts.rowid
   WHERE tracks_fts MATCH '蓝牙耳'`;
- `manifest` (`key`, `value` as JSON) with every top-level key of `manifest.json`, and
  `manifest_files` (`path`, `sha256`, `size`, `records`, `media_type`).

Items are streamed from the archive into batched inserts (memory stays flat). The database is
written as `OUT.part` and renamed into place when complete; a failure or cancel removes it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from client.archive.format import DEFAULT_LIMITS, ArchiveError, Limits
from client.archive.reader import Archive, open_archive

BATCH = 2000


@dataclass(frozen=True)
class SqliteResult:
    path: Path
    tables: dict[str, int]  # section -> rows
    fts: bool


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def archive_to_sqlite(
    source: Archive | str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    passphrase: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SqliteResult:
    """Convert an archive (opened, or a path: opened and verified first) to a SQLite file.

    `progress(done, total)` counts records against the manifest's record counts.
    """
    archive = (
        source
        if isinstance(source, Archive)
        else open_archive(source, passphrase=passphrase, limits=limits)
    )
    out = Path(out_path)
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    tables: dict[str, int] = {}
    fts = False
    try:
        db = sqlite3.connect(part)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            entries = [archive.manifest.data_file(s) for s in archive.sections]
            total = sum((e.records or 0) for e in entries if e is not None)
            done = 0
            for section in archive.sections:
                rows = 0
                for count in _load_section(db, archive, section, cancel):
                    rows += count
                    done += count
                    if progress is not None:
                        progress(done, max(total, done))
                tables[section] = rows
            if "tracks" in tables:
                fts = _tracks_fts(db)
            _manifest(db, archive)
            db.commit()
        finally:
            db.close()
        with open(part, "rb") as f:
            os.fsync(f.fileno())
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        if not isinstance(source, Archive):
            archive.close()
    return SqliteResult(out, tables, fts)


def _load_section(
    db: sqlite3.Connection, archive: Archive, section: str, cancel: Callable[[], bool] | None
) -> Iterator[int]:
    """Insert one section's items; yields how many rows each batch added."""
    table = _quote(section)
    columns: list[str] = []
    known: set[str] = set()
    batch: list[list[Any]] = []

    def flush() -> int:
        if not batch:
            return 0
        marks = ",".join("?" * len(columns))
        names = ",".join(_quote(c) for c in columns)
        width = len(columns)
        db.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
            [row + [None] * (width - len(row)) for row in batch],
        )
        n = len(batch)
        batch.clear()
        return n

    created = False
    for item in archive.iter_items(section):
        if cancel is not None and cancel():
            raise ArchiveError("cancelled", "The conversion was cancelled.")
        new = [str(k) for k in item if str(k) not in known]
        if new:
            n = flush()
            if n:
                yield n
            if not created:
                db.execute(f"CREATE TABLE {table} (" + ", ".join(_quote(c) for c in new) + ")")
                created = True
            else:
                for c in new:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {_quote(c)}")
            columns.extend(new)
            known.update(new)
        batch.append([_value(item.get(c)) for c in columns])
        if len(batch) >= BATCH:
            yield flush()
    n = flush()
    if n:
        yield n
    if not created:
        db.execute(f"CREATE TABLE {table} (id)")
        known.add("id")
    if "id" in known:
        db.execute(f"CREATE INDEX {_quote('ix_' + section + '_id')} ON {table} (id)")


def _tracks_fts(db: sqlite3.Connection) -> bool:
    columns = {row[1] for row in db.execute("PRAGMA table_info(tracks)")}
    if "text" not in columns:
        return False
    for tokenizer in ("trigram", "unicode61"):
        try:
            db.execute(
                "CREATE VIRTUAL TABLE tracks_fts USING fts5(text, content='tracks', "
                f"content_rowid='rowid', tokenize='{tokenizer}')"
            )
        except sqlite3.OperationalError:
            continue
        db.execute("INSERT INTO tracks_fts(tracks_fts) VALUES ('rebuild')")
        return True
    return False


def _manifest(db: sqlite3.Connection, archive: Archive) -> None:
    db.execute("CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT)")
    db.executemany(
        "INSERT INTO manifest VALUES (?, ?)",
        [(k, json.dumps(v, ensure_ascii=False)) for k, v in archive.manifest.raw.items()],
    )
    db.execute(
        "CREATE TABLE manifest_files (path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, "
        "records INTEGER, media_type TEXT)"
    )
    db.executemany(
        "INSERT INTO manifest_files VALUES (?, ?, ?, ?, ?)",
        [(f.path, f.sha256, f.size, f.records, f.media_type) for f in archive.manifest.files],
    )


__all__ = ["SqliteResult", "archive_to_sqlite"]
