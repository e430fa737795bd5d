"""The personal-data archive format, as the app's archive code names it: everything here comes
from the shared `archive_format` package (also used by the shop's builder), plus `item_key`.

`ArchiveError.reason` is a stable, machine-readable code (see `REASONS`); `str(error)` is a
sentence a person can read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archive_format.manifest import (
    DEFAULT_LIMITS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_PATH,
    REASONS,
    SOURCES,
    ArchiveError,
    FileEntry,
    GiB,
    KiB,
    Limits,
    Manifest,
    MiB,
    check_member_name,
)
from archive_format.sections import NDJSON_SECTIONS, NO_CSV, SECTIONS, section_path


def item_key(item: Mapping[str, Any]) -> str:
    """An item's identity for diffs: its `id`, else its `key` (categories)."""
    for name in ("id", "key", "purpose", "channel"):
        value = item.get(name)
        if value is not None:
            return str(value)
    return ""


__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_PATH",
    "NDJSON_SECTIONS",
    "NO_CSV",
    "REASONS",
    "SECTIONS",
    "SOURCES",
    "ArchiveError",
    "FileEntry",
    "GiB",
    "KiB",
    "Limits",
    "Manifest",
    "MiB",
    "check_member_name",
    "item_key",
    "section_path",
]
