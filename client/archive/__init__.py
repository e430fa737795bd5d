"""Personal-data archives (`docs/ARCHIVE.md`): export, open offline, verify, compare, SQLite.

No Qt here: the dialogs call these from a worker thread and forward `progress(done, total)`;
`cancel` is any `() -> bool` (e.g. `threading.Event().is_set`).

    open_archive(path, *, passphrase=None, limits=Limits(), verify=True, keys=None,
                 require_signature=False, progress=None, cancel=None) -> Archive
    verify_archive(path, *, keys=None, passphrase=None, ...) -> ArchiveReport
    export_archive(api, out_path, *, sections=None, start=None, end=None, passphrase=None,
                   progress=None, cancel=None, details=True, resume=False) -> ExportResult
    diff_archives(old, new, *, sections=None, ...) -> ArchiveDiff
    archive_to_sqlite(source, out_path, *, passphrase=None, progress=None, cancel=None)
    ArchiveApi(archive, owned=False)  # a client.reader.ShopReader, offline

Every failure about an archive is an `ArchiveError(reason, message)`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from client.archive.diff import ArchiveDiff, ItemChange, SectionDiff, diff_archives
    from client.archive.export import ExportResult, export_archive
    from client.archive.format import (
        DEFAULT_LIMITS,
        REASONS,
        SECTIONS,
        ArchiveError,
        FileEntry,
        Limits,
        Manifest,
    )
    from client.archive.offline_api import ArchiveApi, NotInArchive, ReadOnlyArchive
    from client.archive.reader import Archive, open_archive
    from client.archive.sqlite import SqliteResult, archive_to_sqlite
    from client.archive.verify import ArchiveReport, keys_from_shop, load_key_file, verify_archive
    from client.archive.writer import ArchiveWriter, WrittenArchive, write_archive

# Which submodule defines each public name. The package loads a submodule only when one of its
# names is first used: `client.archive.format` (ArchiveError) is cheap, while the reader, the
# offline API and diff pull in the pydantic models, which the app's first window must not wait
# for.
_SOURCES: dict[str, str] = {
    "ArchiveDiff": "diff",
    "ItemChange": "diff",
    "SectionDiff": "diff",
    "diff_archives": "diff",
    "ExportResult": "export",
    "export_archive": "export",
    "DEFAULT_LIMITS": "format",
    "REASONS": "format",
    "SECTIONS": "format",
    "ArchiveError": "format",
    "FileEntry": "format",
    "Limits": "format",
    "Manifest": "format",
    "ArchiveApi": "offline_api",
    "NotInArchive": "offline_api",
    "ReadOnlyArchive": "offline_api",
    "Archive": "reader",
    "open_archive": "reader",
    "SqliteResult": "sqlite",
    "archive_to_sqlite": "sqlite",
    "ArchiveReport": "verify",
    "keys_from_shop": "verify",
    "load_key_file": "verify",
    "verify_archive": "verify",
    "ArchiveWriter": "writer",
    "WrittenArchive": "writer",
    "write_archive": "writer",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DEFAULT_LIMITS",
    "REASONS",
    "SECTIONS",
    "Archive",
    "ArchiveApi",
    "ArchiveDiff",
    "ArchiveError",
    "ArchiveReport",
    "ArchiveWriter",
    "ExportResult",
    "FileEntry",
    "ItemChange",
    "Limits",
    "Manifest",
    "NotInArchive",
    "ReadOnlyArchive",
    "SectionDiff",
    "SqliteResult",
    "WrittenArchive",
    "archive_to_sqlite",
    "diff_archives",
    "export_archive",
    "keys_from_shop",
    "load_key_file",
    "open_archive",
    "verify_archive",
    "write_archive",
]
