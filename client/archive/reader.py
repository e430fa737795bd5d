"""Reading an archive safely: nothing is extracted, everything is checked.

`open_archive(path)` parses the ZIP structure itself (never `zipfile`, never trusting a
header it has not cross-checked), refuses anything unusual with an `ArchiveError` whose
`reason` says what (see `format.REASONS`), reads and validates `manifest.json`, and, unless
`verify=False`, streams every member once through the decompressor, counting bytes against the
caps, checking CRC-32, size and SHA-256 against the manifest and parsing the JSON data members.
Data is then read member by member (`iter_items`, `open_member`), again hashed on the way.

The jobs are split: the ZIP structure is parsed and each member inflated in
`client/archive/zip_structure.py`, records are streamed out of a member by
`client/archive/json_stream.py` (ijson), and this module is the `Archive` type over both.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from client.archive.crypto import MAGIC, DecryptingReader
from client.archive.format import (
    DEFAULT_LIMITS,
    MANIFEST_PATH,
    ArchiveError,
    FileEntry,
    Limits,
    Manifest,
)
from client.archive.json_stream import MAX_ITEM_BYTES, iter_json_array, iter_ndjson, parse_object
from client.archive.zip_structure import Member, Source, inflate, parse_structure

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


# --- the archive ----------------------------------------------------------------------------


class Archive:
    """An opened, checked archive. Use as a context manager (or call `close()`).

    Reads are safe from several threads (one lock around the file); each read streams one
    member through the decompressor and checks its SHA-256 against the manifest at the end.
    """

    def __init__(
        self,
        path: Path,
        fileobj: BinaryIO,
        raw: BinaryIO,
        src: Source,
        members: list[Member],
        limits: Limits,
        encrypted: bool,
    ) -> None:
        self.path = path
        self.encrypted = encrypted
        self.limits = limits
        self._file = fileobj
        self._raw = raw
        self._src = src
        self._members = {m.name: m for m in members}
        self._order = [m.name for m in members]
        self.manifest = self._load_manifest()

    # -- life cycle
    def close(self) -> None:
        self._file.close()
        if self._raw is not self._file:
            self._raw.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- structure
    @property
    def member_names(self) -> list[str]:
        return list(self._order)

    @property
    def sections(self) -> list[str]:
        return self.manifest.sections

    def has_section(self, section: str) -> bool:
        return self.manifest.data_file(section) is not None

    def _load_manifest(self) -> Manifest:
        if MANIFEST_PATH not in self._members:
            raise ArchiveError(
                "missing_manifest",
                "The archive has no manifest.json; it is not a personal-data archive.",
            )
        member = self._members[MANIFEST_PATH]
        cap = min(self.limits.max_manifest_size, self.limits.max_member_size)
        data = b"".join(self._decompress(member, None, cap=cap))
        try:
            raw = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise ArchiveError(
                "malformed_json", "The archive's manifest.json is not valid JSON."
            ) from None
        manifest = Manifest.from_json(raw)
        listed = {f.path for f in manifest.files}
        for name in self._order:
            if name != MANIFEST_PATH and name not in listed:
                raise ArchiveError(
                    "unlisted_member",
                    f"The archive holds {name}, which its manifest does not list; it is refused.",
                )
        for f in manifest.files:
            if f.path not in self._members:
                raise ArchiveError(
                    "missing_member",
                    f"The manifest lists {f.path}, but the archive does not hold it.",
                )
        return manifest

    # -- reading
    def _decompress(
        self,
        member: Member,
        entry: FileEntry | None,
        *,
        cap: int | None = None,
        count: Callable[[int], None] | None = None,
    ) -> Iterator[bytes]:
        return inflate(self._src, member, entry, limits=self.limits, cap=cap, count=count)

    def open_member(self, path: str) -> Iterator[bytes]:
        """The bytes of one listed member, in chunks; checked against the manifest at the end."""
        entry = self.manifest.file(path)
        if entry is None:
            raise ArchiveError("missing_member", f"The archive has no member {path}.")
        return self._decompress(self._members[path], entry)

    def read_member(self, path: str) -> bytes:
        return b"".join(self.open_member(path))

    def iter_items(self, section: str) -> Iterator[dict[str, Any]]:
        """The items of one section, streamed (for `account`, its one object)."""
        entry = self.manifest.data_file(section)
        if entry is None:
            raise ArchiveError("unknown_section", f"The archive does not include {section}.")
        chunks = self.open_member(entry.path)
        if entry.path.endswith(".ndjson"):
            return iter_ndjson(chunks, entry.path)
        if section == "account":
            return iter([self._object(chunks, entry.path)])
        return iter_json_array(chunks, entry.path)

    def _object(self, chunks: Iterator[bytes], what: str) -> dict[str, Any]:
        return parse_object(b"".join(chunks), what)

    # -- checking everything
    def verify(self, *, progress: Progress | None = None, cancel: Cancel | None = None) -> None:
        """Stream every member once: caps, CRC, sizes, SHA-256, JSON and record counts."""
        total_bytes = sum(m.size for m in self._members.values())
        done = 0
        seen_total = 0

        def count(n: int) -> None:
            nonlocal done, seen_total
            seen_total += n
            done += n
            if seen_total > self.limits.max_total_size:
                raise ArchiveError(
                    "total_too_large",
                    f"The archive is larger than "
                    f"{self.limits.max_total_size} bytes "
                    "once decompressed; it is refused.",
                )
            if cancel is not None and cancel():
                raise ArchiveError("cancelled", "Checking the archive was cancelled.")

        for name in self._order:
            member = self._members[name]
            entry = self.manifest.file(name)
            chunks = self._decompress(member, entry, count=count)
            if entry is not None and entry.section is not None:
                self._check_items(entry, chunks)
            else:
                for _chunk in chunks:
                    pass
            if progress is not None:
                progress(min(done, total_bytes), total_bytes)

    def _check_items(self, entry: FileEntry, chunks: Iterator[bytes]) -> None:
        if entry.path.endswith(".ndjson"):
            n = sum(1 for _ in iter_ndjson(chunks, entry.path))
        elif entry.section == "account":
            self._object(chunks, entry.path)
            n = 1
        else:
            n = sum(1 for _ in iter_json_array(chunks, entry.path))
        if entry.records is not None and n != entry.records:
            raise ArchiveError(
                "record_count_mismatch",
                f"{entry.path} holds {n} records; the manifest says {entry.records}.",
            )

    # -- signature
    def check_signature(self, keys: Any) -> Any:
        """`client.verify.SignatureResult` of the manifest's signature with these keys."""
        from client.verify import verify_manifest_signature

        return verify_manifest_signature(self.manifest.raw, keys)


def open_archive(
    path: str | os.PathLike[str],
    *,
    passphrase: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
    verify: bool = True,
    keys: Any = None,
    require_signature: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Archive:
    """Open and check an archive (plain, or encrypted with `passphrase`); see the module doc.

    With `keys` (discovery `signing_keys`, or kid -> Ed25519PublicKey), a signed manifest's
    signature must verify (`bad_signature`, `unknown_key`); with `require_signature` an
    unsigned archive is refused too (`unsigned`). Raises `ArchiveError`; writes nothing.
    """
    target = Path(path)
    try:
        raw: BinaryIO = open(target, "rb")  # noqa: SIM115 - owned by the Archive
    except OSError as exc:
        raise ArchiveError(
            "not_found", f"The archive {target} cannot be opened: {exc.strerror or exc}."
        ) from None
    try:
        encrypted = raw.read(len(MAGIC)) == MAGIC
        raw.seek(0)
        fileobj: BinaryIO
        if encrypted:
            if not passphrase:
                raise ArchiveError(
                    "encrypted", "This archive is encrypted: enter its passphrase to open it."
                )
            reader = DecryptingReader(raw, passphrase)
            reader.authenticate_all(cancel)
            fileobj = reader  # type: ignore[assignment]
            size = reader.size
        else:
            fileobj = raw
            size = os.fstat(raw.fileno()).st_size
        src = Source(fileobj, size)
        members = parse_structure(src, limits)
        archive = Archive(target, fileobj, raw, src, members, limits, encrypted)
    except BaseException:
        raw.close()
        raise
    try:
        if verify:
            archive.verify(progress=progress, cancel=cancel)
        if keys is not None or require_signature:
            _require_signature(archive, keys, require_signature)
    except BaseException:
        archive.close()
        raise
    return archive


def _require_signature(archive: Archive, keys: Any, required: bool) -> None:
    manifest = archive.manifest
    if manifest.signature is None:
        if required:
            raise ArchiveError("unsigned", "The archive is not signed by the shop.")
        return
    if keys is None:
        raise ArchiveError(
            "unknown_key", "The shop's signing keys are needed to check this archive's signature."
        )
    result = archive.check_signature(keys)
    if not result.ok:
        kid = manifest.signature.get("kid")
        from client.verify import load_public_keys

        known = keys if isinstance(keys, Mapping) else load_public_keys(keys)
        reason = "bad_signature" if kid in known else "unknown_key"
        raise ArchiveError(reason, " ".join(result.problems))


__all__ = [
    "MAX_ITEM_BYTES",
    "Archive",
    "Member",
    "iter_json_array",
    "iter_ndjson",
    "open_archive",
]
