"""The manifest and its checks: format constants, reader limits, `ArchiveError` with its stable
`reason` codes, member-name safety, and the parsed `Manifest` (`docs/ARCHIVE.md`).

`ArchiveError.reason` is a stable, machine-readable code (see `REASONS`); `str(error)` is a
sentence a person can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archive_format.sections import SECTIONS

FORMAT = "shop-privacy-archive"
FORMAT_VERSION = 1
MANIFEST_PATH = "manifest.json"
SOURCES: frozenset[str] = frozenset({"shop", "client"})

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

# Every reason an archive can be refused (ArchiveError.reason).
REASONS: dict[str, str] = {
    "not_found": "the file does not exist or cannot be read",
    "not_an_archive": "the file is not a personal-data archive (not a ZIP)",
    "truncated": "the file is cut short",
    "corrupt": "the ZIP structure is damaged or inconsistent",
    "unsupported_zip": "the ZIP uses a feature archives never use",
    "unsafe_path": "a member has an absolute path, '..', a backslash or a drive letter",
    "symlink": "a member is a symbolic link",
    "not_regular": "a member is not a regular file (a directory, device, ...)",
    "duplicate_member": "two members have the same name",
    "too_many_members": "more members than allowed",
    "member_too_large": "a member is larger than allowed once decompressed",
    "total_too_large": "the members together are larger than allowed once decompressed",
    "compression_ratio": "a member decompresses far more than real data does (a ZIP bomb)",
    "missing_manifest": "there is no manifest.json",
    "malformed_manifest": "manifest.json does not have the documented shape",
    "wrong_format": "manifest.json is not of this format",
    "unsupported_version": "the archive is of a format version this app does not read",
    "unlisted_member": "a member is not listed in the manifest",
    "missing_member": "a member listed in the manifest is missing",
    "size_mismatch": "a member's size differs from the manifest",
    "checksum_mismatch": "a member's SHA-256 differs from the manifest",
    "record_count_mismatch": "a section has another number of records than the manifest says",
    "malformed_json": "a data member is not valid JSON (or not the expected items)",
    "bad_signature": "the shop's signature does not match",
    "unsigned": "the archive is not signed but a signature was required",
    "unknown_key": "the archive is signed with a key that is not known",
    "encrypted": "the archive is encrypted and needs its passphrase",
    "wrong_passphrase": "the passphrase is wrong (or the encrypted file was changed)",
    "kdf_too_costly": "the encrypted file demands a key derivation above the documented cap",
    "unknown_section": "no such section",
    "different_account": "the two archives are of different accounts or shops",
    "cancelled": "the operation was cancelled",
    "write_failed": "the file could not be written",
}


class ArchiveError(Exception):
    """Anything wrong with an archive: `reason` is a stable code, the message is plain words."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ArchiveError({self.reason!r}, {self.message!r})"


@dataclass(frozen=True)
class Limits:
    """Caps on what a reader accepts, all counted while decompressing (never from headers).

    `ratio_min_bytes`: the ratio cap applies once a member has produced this many bytes (tiny
    members of a few bytes legitimately have odd ratios); tests set it to 0.
    """

    max_entries: int = 10_000
    max_member_size: int = 2 * GiB
    max_total_size: int = 8 * GiB
    max_ratio: float = 200.0
    ratio_min_bytes: int = 1 * MiB
    max_manifest_size: int = 16 * MiB


DEFAULT_LIMITS = Limits()

_DRIVE = re.compile(r"^[A-Za-z]:")


def check_member_name(name: str) -> None:
    """Refuse names that could point outside the archive when extracted (`unsafe_path`)."""
    problem = None
    if not name:
        problem = "an empty name"
    elif "\\" in name:
        problem = "a backslash"
    elif name.startswith("/"):
        problem = "an absolute path"
    elif _DRIVE.match(name):
        problem = "a drive letter"
    elif "\x00" in name or any(ord(c) < 32 for c in name):
        problem = "a control character"
    else:
        parts = name.split("/")
        if any(p == ".." for p in parts):
            problem = "a '..' part"
        elif any(p in ("", ".") for p in parts[:-1]) or parts[-1] == ".":
            problem = "an empty or '.' part"
    if problem is not None:
        raise ArchiveError(
            "unsafe_path",
            f"The archive member {name!r} has {problem} in its path; the archive is refused.",
        )


@dataclass(frozen=True)
class FileEntry:
    path: str
    sha256: str
    size: int
    records: int | None
    media_type: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "size": self.size,
            "records": self.records,
            "media_type": self.media_type,
        }

    @property
    def section(self) -> str | None:
        """The section of a `data/<section>.json(l)` member, else None."""
        if not self.path.startswith("data/"):
            return None
        stem = self.path.removeprefix("data/")
        for suffix in (".ndjson", ".json"):
            if stem.endswith(suffix):
                return stem.removesuffix(suffix)
        return None


@dataclass(frozen=True)
class Manifest:
    """A parsed, validated `manifest.json`; `raw` is the exact object (for the signature)."""

    source: str
    created_at: str
    shop: dict[str, Any]
    subject: dict[str, Any]
    request_id: str | None
    scope: dict[str, Any]
    files: tuple[FileEntry, ...]
    signature: dict[str, Any] | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def sections(self) -> list[str]:
        """Sections with a data member, in the documented order."""
        present = {f.section for f in self.files}
        return [s for s in SECTIONS if s in present]

    def data_file(self, section: str) -> FileEntry | None:
        for f in self.files:
            if f.section == section:
                return f
        return None

    def file(self, path: str) -> FileEntry | None:
        return next((f for f in self.files if f.path == path), None)

    @property
    def signed(self) -> bool:
        return self.signature is not None

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        def bad(what: str) -> ArchiveError:
            return ArchiveError(
                "malformed_manifest", f"The archive's manifest.json is malformed: {what}."
            )

        if not isinstance(data, dict):
            raise bad("it is not a JSON object")
        if data.get("format") != FORMAT:
            raise ArchiveError(
                "wrong_format",
                f"This is not a personal-data archive (format "
                f"{data.get('format')!r}, expected {FORMAT!r}).",
            )
        version = data.get("format_version")
        if version != FORMAT_VERSION or isinstance(version, bool):
            raise ArchiveError(
                "unsupported_version",
                f"The archive is of format version {version!r}; this app reads "
                f"version {FORMAT_VERSION}.",
            )
        source = data.get("source")
        if source not in SOURCES:
            raise bad(f"unknown source {source!r}")
        for key in ("shop", "subject", "scope"):
            if not isinstance(data.get(key), dict):
                raise bad(f"`{key}` is not an object")
        if not isinstance(data.get("created_at"), str):
            raise bad("`created_at` is not a string")
        request_id = data.get("request_id")
        if request_id is not None and not isinstance(request_id, str):
            raise bad("`request_id` is not a string")
        signature = data.get("signature")
        if signature is not None and not isinstance(signature, dict):
            raise bad("`signature` is not an object")
        raw_files = data.get("files")
        if not isinstance(raw_files, list):
            raise bad("`files` is not a list")
        files: list[FileEntry] = []
        seen: set[str] = set()
        for position, entry in enumerate(raw_files):
            if not isinstance(entry, dict):
                raise bad(f"files[{position}] is not an object")
            path, digest, size = entry.get("path"), entry.get("sha256"), entry.get("size")
            records, media = entry.get("records"), entry.get("media_type", "")
            if not isinstance(path, str):
                raise bad(f"files[{position}].path is not a string")
            check_member_name(path)
            if path == MANIFEST_PATH:
                raise bad("it lists itself")
            if path in seen:
                raise bad(f"{path} is listed twice")
            seen.add(path)
            if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise bad(f"{path}: sha256 is not 64 lowercase hex digits")
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                raise bad(f"{path}: size is not a non-negative integer")
            if records is not None and (
                not isinstance(records, int) or isinstance(records, bool) or records < 0
            ):
                raise bad(f"{path}: records is not a non-negative integer")
            if not isinstance(media, str):
                raise bad(f"{path}: media_type is not a string")
            files.append(FileEntry(path, digest, size, records, media))
        sections = [f.section for f in files if f.section is not None]
        if len(sections) != len(set(sections)):
            raise bad("a section has two data members")
        for name in sections:
            if name not in SECTIONS:
                raise bad(f"unknown section {name!r}")
        return cls(
            source=source,
            created_at=data["created_at"],
            shop=dict(data["shop"]),
            subject=dict(data["subject"]),
            request_id=request_id,
            scope=dict(data["scope"]),
            files=tuple(files),
            signature=dict(signature) if signature is not None else None,
            raw=data,
        )


__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_PATH",
    "REASONS",
    "SOURCES",
    "ArchiveError",
    "FileEntry",
    "GiB",
    "KiB",
    "Limits",
    "Manifest",
    "MiB",
    "check_member_name",
]
