"""Reading an archive safely: nothing is extracted, everything is checked.

`open_archive(path)` parses the ZIP structure itself (never `zipfile`, never trusting a
header it has not cross-checked), refuses anything unusual with an `ArchiveError` whose
`reason` says what (see `format.REASONS`), reads and validates `manifest.json`, and, unless
`verify=False`, streams every member once through the decompressor, counting bytes against the
caps, checking CRC-32, size and SHA-256 against the manifest and parsing the JSON data members.
Data is then read member by member (`iter_items`, `open_member`), again hashed on the way.

The ZIP must be *canonical*, as both the shop and the app write it: members back to back from
offset 0, the central directory right after them in the same order, then the end record (no
comment, no gaps, no extra bytes anywhere), local and central headers agreeing on every field,
only ZIP64 extra fields, stored or deflated data, regular files with no execute bits. So a
changed byte anywhere in the file is caught, not only inside the members.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
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
    check_member_name,
)

READ_SIZE = 64 * 1024
MAX_ENTRY_BYTES = 46 + 4096  # a directory entry: fixed part, name and ZIP64 extra, generously
MAX_ITEM_BYTES = 64 * 1024 * 1024  # one JSON record (an NDJSON line, an array item)
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

_LOCAL = struct.Struct("<IHHHHHIIIHH")  # 30 bytes
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # 46 bytes
_EOCD = struct.Struct("<IHHHHIIH")  # 22 bytes
_LOC64 = struct.Struct("<IIQI")  # 20 bytes
_EOCD64 = struct.Struct("<IQHHIIQQQQ")  # 56 bytes
SIG_LOCAL, SIG_CENTRAL, SIG_EOCD = 0x04034B50, 0x02014B50, 0x06054B50
SIG_LOC64, SIG_EOCD64, SIG_DD = 0x07064B50, 0x06064B50, 0x08074B50
U32, U16 = 0xFFFFFFFF, 0xFFFF
_ALLOWED_FLAGS = 0x0008 | 0x0800 | 0x0006
_S_IFMT, _S_IFREG, _S_IFLNK, _S_IFDIR = 0o170000, 0o100000, 0o120000, 0o040000


def _corrupt(message: str) -> ArchiveError:
    return ArchiveError("corrupt", f"The archive is damaged: {message}.")


def _truncated() -> ArchiveError:
    return ArchiveError(
        "truncated", "The archive is cut short (or its end is damaged): it cannot be read."
    )


@dataclass(frozen=True)
class Member:
    """One member as found in the (cross-checked) ZIP structure."""

    name: str
    method: int
    crc: int
    compressed_size: int
    size: int  # as the central directory says; checked while decompressing
    data_offset: int


def _parse_extra(extra: bytes) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    pos = 0
    while pos < len(extra):
        if pos + 4 > len(extra):
            raise _corrupt("an extra field is cut short")
        kind, length = struct.unpack_from("<HH", extra, pos)
        pos += 4
        if pos + length > len(extra):
            raise _corrupt("an extra field is cut short")
        if kind != 0x0001:
            raise ArchiveError(
                "unsupported_zip",
                f"A member carries a ZIP extra field (0x{kind:04x}) archives never use.",
            )
        if kind in fields:
            raise _corrupt("an extra field is repeated")
        fields[kind] = extra[pos : pos + length]
        pos += length
    return fields


def _zip64_values(fields: dict[int, bytes], count: int) -> list[int]:
    data = fields.get(0x0001)
    if count == 0:
        if data is not None:
            raise _corrupt("a ZIP64 field is present where none is needed")
        return []
    if data is None or len(data) != 8 * count:
        raise _corrupt("a ZIP64 field does not have the expected length")
    return list(struct.unpack(f"<{count}Q", data))


def _decode_name(raw: bytes, flags: int) -> str:
    try:
        return raw.decode("utf-8") if flags & 0x0800 else raw.decode("ascii")
    except UnicodeDecodeError:
        raise ArchiveError("unsafe_path", "A member's name is not valid text.") from None


class _Source:
    """Random reads from the (plain or decrypted) file, under a lock."""

    def __init__(self, fileobj: BinaryIO, size: int) -> None:
        self.f = fileobj
        self.size = size
        self.lock = threading.Lock()

    def read_at(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset + length > self.size:
            raise _truncated()
        with self.lock:
            self.f.seek(offset)
            data = self.f.read(length)
        if len(data) != length:
            raise _truncated()
        return data


def _parse_structure(src: _Source, limits: Limits) -> list[Member]:
    size = src.size
    if size < _EOCD.size:
        head = src.read_at(0, min(size, 4))
        if head[:2] == b"PK":
            raise _truncated()
        raise ArchiveError("not_an_archive", "This file is not a personal-data archive.")
    eocd = _EOCD.unpack(src.read_at(size - _EOCD.size, _EOCD.size))
    if eocd[0] != SIG_EOCD:
        if src.read_at(0, 4) != struct.pack("<I", SIG_LOCAL):
            raise ArchiveError(
                "not_an_archive", "This file is not a personal-data archive (not a ZIP file)."
            )
        tail_size = min(size, 65536 + _EOCD.size)
        if struct.pack("<I", SIG_EOCD) in src.read_at(size - tail_size, tail_size):
            raise _corrupt("there are bytes after the end record (a comment or appended data)")
        raise _truncated()
    _sig, disk, cd_disk, on_disk, total, cd_size, cd_offset, comment = eocd
    if comment != 0:
        raise _corrupt("the end record has a comment length")
    if disk != 0 or cd_disk != 0:
        raise ArchiveError("unsupported_zip", "The archive is split over several files.")
    end_of_cd = size - _EOCD.size
    loc_at = end_of_cd - _LOC64.size
    zip64 = loc_at >= 0 and src.read_at(loc_at, 4) == struct.pack("<I", SIG_LOC64)
    if zip64:
        _s, loc_disk, rec_offset, disks = _LOC64.unpack(src.read_at(loc_at, _LOC64.size))
        if loc_disk != 0 or disks != 1 or rec_offset != loc_at - _EOCD64.size:
            raise _corrupt("the ZIP64 locator is inconsistent")
        rec = _EOCD64.unpack(src.read_at(rec_offset, _EOCD64.size))
        (
            sig64,
            rec_size,
            made,
            needed,
            disk64,
            cd_disk64,
            on_disk64,
            total64,
            cd_size64,
            cd_offset64,
        ) = rec
        if (
            sig64 != SIG_EOCD64
            or rec_size != _EOCD64.size - 12
            or disk64 != 0
            or cd_disk64 != 0
            or on_disk64 != total64
            or needed > 63
            or (made & 0xFF) > 63
        ):
            raise _corrupt("the ZIP64 end record is inconsistent")
        for claimed, actual, cap in (
            (on_disk, total64, U16),
            (total, total64, U16),
            (cd_size, cd_size64, U32),
            (cd_offset, cd_offset64, U32),
        ):
            if claimed != min(actual, cap):
                raise _corrupt("the end records disagree")
        total, cd_size, cd_offset = total64, cd_size64, cd_offset64
        end_of_cd = rec_offset
    elif on_disk != total:
        raise _corrupt("the end record's member counts disagree")
    if total > limits.max_entries:
        raise ArchiveError(
            "too_many_members",
            f"The archive has {total} members; at most {limits.max_entries} are allowed.",
        )
    if cd_offset + cd_size != end_of_cd:
        raise _corrupt("the central directory is not where the end record says")
    if cd_size > limits.max_entries * MAX_ENTRY_BYTES:
        raise ArchiveError(
            "too_many_members",
            f"The archive's directory is larger than {limits.max_entries} members can need.",
        )
    directory = src.read_at(cd_offset, cd_size)
    members: list[Member] = []
    names: set[str] = set()
    pos = 0
    expected_offset = 0
    while pos < len(directory):
        if len(members) >= limits.max_entries:
            raise ArchiveError(
                "too_many_members", f"The archive has more than {limits.max_entries} members."
            )
        if pos + _CENTRAL.size > len(directory):
            raise _corrupt("a central directory entry is cut short")
        (
            sig,
            made,
            needed,
            flags,
            method,
            mtime,
            mdate,
            crc,
            csize,
            usize,
            name_len,
            extra_len,
            comment_len,
            disk_start,
            internal,
            external,
            offset,
        ) = _CENTRAL.unpack_from(directory, pos)
        if sig != SIG_CENTRAL:
            raise _corrupt("a central directory entry has no signature")
        pos += _CENTRAL.size
        if pos + name_len + extra_len + comment_len > len(directory):
            raise _corrupt("a central directory entry is cut short")
        raw_name = directory[pos : pos + name_len]
        extra = directory[pos + name_len : pos + name_len + extra_len]
        pos += name_len + extra_len + comment_len
        if flags & 0x0001:
            raise ArchiveError("unsupported_zip", "A member is encrypted with ZIP encryption.")
        if flags & ~_ALLOWED_FLAGS:
            raise ArchiveError("unsupported_zip", "A member uses ZIP options archives never use.")
        if method not in (0, 8):
            raise ArchiveError(
                "unsupported_zip",
                f"A member uses compression method {method}; only stored and deflated are read.",
            )
        name = _decode_name(raw_name, flags)
        check_member_name(name)
        system, spec = made >> 8, made & 0xFF
        if comment_len or disk_start or internal not in (0, 1) or spec > 63 or needed > 63:
            raise _corrupt(f"the directory entry of {name} has unexpected values")
        if system not in (0, 3):
            raise ArchiveError("unsupported_zip", f"{name} was written by an unknown system.")
        unix_mode = external >> 16
        kind = unix_mode & _S_IFMT
        if system == 3 and kind == _S_IFLNK:
            raise ArchiveError(
                "symlink", f"The archive member {name} is a symbolic link; the archive is refused."
            )
        if (external & 0x10) or name.endswith("/") or (system == 3 and kind == _S_IFDIR):
            raise ArchiveError(
                "not_regular", f"The archive member {name} is a directory, not a file."
            )
        if system == 3 and kind not in (0, _S_IFREG):
            raise ArchiveError("not_regular", f"The archive member {name} is not a regular file.")
        if (unix_mode & 0o7111) or (external & 0xFFFF) & ~0x21 or (system == 0 and unix_mode):
            raise _corrupt(f"{name} has unexpected file attributes")
        if name in names:
            raise ArchiveError(
                "duplicate_member", f"The archive has two members named {name}; it is refused."
            )
        names.add(name)
        fields = _parse_extra(extra)
        wanted = [usize == U32, csize == U32, offset == U32]
        values = iter(_zip64_values(fields, sum(wanted)))
        usize = next(values) if wanted[0] else usize
        csize = next(values) if wanted[1] else csize
        offset = next(values) if wanted[2] else offset
        if offset != expected_offset:
            raise _corrupt(f"{name} is not where the directory says (or there is a gap)")
        data_offset = _check_local(
            src, offset, raw_name, needed, flags, method, mtime, mdate, crc, csize, usize
        )
        expected_offset = data_offset + csize
        if flags & 0x0008:
            expected_offset = _check_descriptor(src, expected_offset, crc, csize, usize)
        members.append(Member(name, method, crc, csize, usize, data_offset))
    if len(members) != total:
        raise _corrupt("the end record's member count differs from the directory")
    if expected_offset != cd_offset:
        raise _corrupt("there are bytes between the last member and the directory")
    return members


def _check_local(
    src: _Source,
    offset: int,
    raw_name: bytes,
    needed: int,
    flags: int,
    method: int,
    mtime: int,
    mdate: int,
    crc: int,
    csize: int,
    usize: int,
) -> int:
    (
        sig,
        l_needed,
        l_flags,
        l_method,
        l_mtime,
        l_mdate,
        l_crc,
        l_csize,
        l_usize,
        name_len,
        extra_len,
    ) = _LOCAL.unpack(src.read_at(offset, _LOCAL.size))
    name = raw_name.decode("utf-8", "replace")
    if sig != SIG_LOCAL:
        raise _corrupt(f"the local header of {name} is missing")
    if (l_needed, l_flags, l_method, l_mtime, l_mdate) != (needed, flags, method, mtime, mdate):
        raise _corrupt(f"the local header of {name} disagrees with the directory")
    tail = src.read_at(offset + _LOCAL.size, name_len + extra_len)
    if tail[:name_len] != raw_name:
        raise _corrupt(f"the local header of {name} has another name")
    fields = _parse_extra(tail[name_len:])
    descriptor = bool(flags & 0x0008)
    want_crc, want_csize, want_usize = (0, 0, 0) if descriptor else (crc, csize, usize)
    if l_crc != want_crc:
        raise _corrupt(f"the local header of {name} has another checksum")
    if l_csize == U32 and l_usize == U32:
        if _zip64_values(fields, 2) != [want_usize, want_csize]:
            raise _corrupt(f"the local header of {name} has other sizes")
    elif (l_csize, l_usize) != (want_csize, want_usize) or fields:
        raise _corrupt(f"the local header of {name} has other sizes")
    return offset + _LOCAL.size + name_len + extra_len


def _check_descriptor(src: _Source, at: int, crc: int, csize: int, usize: int) -> int:
    # Python writes the signature and, for ZIP64 members (all of ours), 8-byte sizes; the
    # local header tells which: it has a ZIP64 extra exactly when the sizes are 8 bytes.
    first = src.read_at(at, 4)
    if struct.unpack("<I", first)[0] != SIG_DD:
        raise _corrupt("a data descriptor has no signature")
    body24 = src.read_at(at + 4, 20) if at + 24 <= src.size else b""
    if len(body24) == 20:
        d_crc, d_csize, d_usize = struct.unpack("<IQQ", body24)
        if (d_crc, d_csize, d_usize) == (crc, csize, usize):
            return at + 24
    d_crc, d_csize, d_usize = struct.unpack("<III", src.read_at(at + 4, 12))
    if (d_crc, d_csize, d_usize) == (crc, csize, usize):
        return at + 16
    raise _corrupt("a data descriptor disagrees with the directory")


# --- streaming JSON -----------------------------------------------------------------------------


def iter_ndjson(chunks: Iterable[bytes], what: str) -> Iterator[dict[str, Any]]:
    """One JSON object per line."""
    pending = b""
    line_no = 0
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            line_no += 1
            yield _object_line(line, what, line_no)
        if len(pending) > MAX_ITEM_BYTES:
            raise ArchiveError(
                "malformed_json",
                f"{what}: line {line_no + 1} is longer than {MAX_ITEM_BYTES} bytes.",
            )
    if pending:
        raise ArchiveError(
            "malformed_json", f"{what}: the last line has no line end (the file is cut short)."
        )


def _object_line(line: bytes, what: str, line_no: int) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError("malformed_json", f"{what}: line {line_no} is not valid JSON.") from None
    if not isinstance(value, dict):
        raise ArchiveError("malformed_json", f"{what}: line {line_no} is not a JSON object.")
    return value


_WS = " \t\r\n"


def iter_json_array(chunks: Iterable[bytes], what: str) -> Iterator[dict[str, Any]]:
    """The objects of one top-level JSON array, parsed incrementally (memory stays flat)."""
    decoder = json.JSONDecoder()
    text_decoder = codecs.getincrementaldecoder("utf-8")()
    source = iter(chunks)
    buffer = ""
    pos = 0
    done = False

    def bad(detail: str) -> ArchiveError:
        return ArchiveError("malformed_json", f"{what} is not valid JSON: {detail}.")

    def more() -> bool:
        nonlocal buffer, pos, done
        if done:
            return False
        try:
            chunk = next(source)
        except StopIteration:
            done = True
            try:
                buffer = buffer[pos:] + text_decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise bad("it is not UTF-8") from None
            pos = 0
            return False
        try:
            buffer = buffer[pos:] + text_decoder.decode(chunk)
        except UnicodeDecodeError:
            raise bad("it is not UTF-8") from None
        pos = 0
        return True

    def skip_ws() -> str | None:
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in _WS:
                pos += 1
            if pos < len(buffer):
                return buffer[pos]
            if not more() and pos >= len(buffer):
                return None

    if skip_ws() != "[":
        raise bad("it is not an array")
    pos += 1
    first = True
    while True:
        char = skip_ws()
        if char is None:
            raise bad("it ends early")
        if char == "]":
            pos += 1
            break
        if not first:
            if char != ",":
                raise bad("items are not separated by commas")
            pos += 1
            if skip_ws() is None:
                raise bad("it ends early")
        while True:
            # A complete object ends in "}", so a chunk boundary cannot cut it short unseen.
            try:
                item, end = decoder.raw_decode(buffer, pos)
                break
            except json.JSONDecodeError:
                if len(buffer) - pos > MAX_ITEM_BYTES:
                    raise bad(f"an item is longer than {MAX_ITEM_BYTES} bytes") from None
                if not more():
                    raise bad("an item is malformed or cut short") from None
        if not isinstance(item, dict):
            raise bad("an item is not an object")
        pos = end
        first = False
        yield item
    if skip_ws() is not None:
        raise bad("there is more after the array")


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
        src: _Source,
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
        limits = self.limits
        cap = limits.max_member_size if cap is None else cap
        expected = entry.size if entry is not None else None
        inflater = zlib.decompressobj(-15) if member.method == 8 else None
        hasher = hashlib.sha256()
        crc = 0
        out = 0
        position = member.data_offset
        remaining = member.compressed_size

        def produced(data: bytes) -> bytes:
            nonlocal crc, out
            out += len(data)
            if out > cap:
                raise ArchiveError(
                    "member_too_large",
                    f"{member.name} is larger than "
                    f"{cap} bytes once decompressed; the "
                    "archive is refused.",
                )
            if out > limits.ratio_min_bytes and out > limits.max_ratio * max(
                member.compressed_size, 1
            ):
                raise ArchiveError(
                    "compression_ratio",
                    f"{member.name} decompresses more than "
                    f"{limits.max_ratio:g} times its size "
                    "(a ZIP bomb); the archive is refused.",
                )
            if expected is not None and out > expected:
                raise ArchiveError(
                    "size_mismatch", f"{member.name} is larger than the manifest says."
                )
            if out > member.size:
                raise _corrupt(f"{member.name} is larger than its header says")
            crc = zlib.crc32(data, crc)
            hasher.update(data)
            if count is not None:
                count(len(data))
            return data

        while remaining > 0:
            piece = self._src.read_at(position, min(READ_SIZE, remaining))
            position += len(piece)
            remaining -= len(piece)
            if inflater is None:
                yield produced(piece)
                continue
            data = piece
            while data:
                try:
                    chunk = inflater.decompress(data, READ_SIZE)
                except zlib.error:
                    raise _corrupt(f"{member.name} cannot be decompressed") from None
                if chunk:
                    yield produced(chunk)
                data = inflater.unconsumed_tail
                if inflater.eof:
                    if data or inflater.unused_data or remaining:
                        raise _corrupt(f"{member.name} has bytes after its end")
                    break
        if inflater is not None:
            while not inflater.eof:
                try:
                    chunk = inflater.decompress(b"", READ_SIZE)
                except zlib.error:
                    raise _corrupt(f"{member.name} cannot be decompressed") from None
                if not chunk:
                    raise _corrupt(f"{member.name} is cut short")
                yield produced(chunk)
        if out != member.size or crc != member.crc:
            raise _corrupt(f"{member.name} does not match its ZIP checksum or size")
        if entry is not None:
            if out != entry.size:
                raise ArchiveError(
                    "size_mismatch",
                    f"{member.name} has {out} bytes; the manifest says {entry.size}.",
                )
            if hasher.hexdigest() != entry.sha256:
                raise ArchiveError(
                    "checksum_mismatch",
                    f"{member.name} was changed: its SHA-256 does not match the manifest.",
                )

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
        try:
            value = json.loads(b"".join(chunks))
        except (ValueError, UnicodeDecodeError):
            raise ArchiveError("malformed_json", f"{what} is not valid JSON.") from None
        if not isinstance(value, dict):
            raise ArchiveError("malformed_json", f"{what} is not a JSON object.")
        return value

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
        src = _Source(fileobj, size)
        members = _parse_structure(src, limits)
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


__all__ = ["Archive", "Member", "iter_json_array", "iter_ndjson", "open_archive"]
