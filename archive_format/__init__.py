"""The personal-data archive format (`docs/ARCHIVE.md`), in one place for both sides.

The shop's builder (`server/archive_builder.py`), the app's export and reader (`client/archive/`)
and the app's dialogs all take the format from here: the section list (`sections`), the manifest
model and `ArchiveError` (`manifest`), canonical JSON (`canonical`), the writer (`writer`), the
index page (`index_page`, `labels`), signatures (`signature`) and the verification verdict
(`verdict`).

This package imports neither Qt, nor a web framework, nor `server`, `client` or `ui` (a test
checks it): the standard library and `cryptography` only, so the server and the app can both
depend on it without depending on each other.
"""

from __future__ import annotations

from archive_format.canonical import canonical_json, compact_json, rfc3339
from archive_format.manifest import (
    DEFAULT_LIMITS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_PATH,
    REASONS,
    ArchiveError,
    FileEntry,
    Limits,
    Manifest,
    check_member_name,
)
from archive_format.sections import (
    NDJSON_SECTIONS,
    NO_CSV,
    SECTION_LIST,
    SECTIONS,
    Section,
    section_path,
    section_title,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_PATH",
    "NDJSON_SECTIONS",
    "NO_CSV",
    "REASONS",
    "SECTIONS",
    "SECTION_LIST",
    "ArchiveError",
    "FileEntry",
    "Limits",
    "Manifest",
    "Section",
    "canonical_json",
    "check_member_name",
    "compact_json",
    "rfc3339",
    "section_path",
    "section_title",
]
