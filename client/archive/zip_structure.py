"""The ZIP structure of an archive, parsed by hand and cross-checked (never `zipfile`).

`parse_structure(src, limits)` reads the end record, the central directory and every local
header, and refuses anything unusual with an `ArchiveError` (see `archive_format.REASONS`):
the layout must be *canonical*, as the one writer (`archive_format/writer.py`) makes it:
members back to back from offset 0, the central directory right after them in the same order,
then the end record (no comment, no gaps, no extra bytes anywhere), local and central headers
agreeing on every field, only ZIP64 extra fields, stored or deflated data, regular files with no
execute bits. So a changed byte anywhere in the file is caught, not only inside the members.
`inflate(src, member, entry, limits=...)` streams one member through the decompressor.
"""

from __future__ import annotations

import hashlib
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from archive_format.manifest import ArchiveError, FileEntry, Limits, check_member_name

READ_SIZE = 64 * 1024
MAX_ENTRY_BYTES = 46 + 4096  # a directory entry: fixed part, name and ZIP64 extra, generously

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


class Source:
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


def parse_structure(src: Source, limits: Limits) -> list[Member]:
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
    src: Source,
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


def _check_descriptor(src: Source, at: int, crc: int, csize: int, usize: int) -> int:
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


def inflate(
    src: Source,
    member: Member,
    entry: FileEntry | None,
    *,
    limits: Limits,
    cap: int | None = None,
    count: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """One member's bytes, decompressed as they are read: counted against the caps, checked
    against its CRC-32 and size and, with `entry`, against the manifest's size and SHA-256."""
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
        if out > limits.ratio_min_bytes and out > limits.max_ratio * max(member.compressed_size, 1):
            raise ArchiveError(
                "compression_ratio",
                f"{member.name} decompresses more than "
                f"{limits.max_ratio:g} times its size "
                "(a ZIP bomb); the archive is refused.",
            )
        if expected is not None and out > expected:
            raise ArchiveError("size_mismatch", f"{member.name} is larger than the manifest says.")
        if out > member.size:
            raise _corrupt(f"{member.name} is larger than its header says")
        crc = zlib.crc32(data, crc)
        hasher.update(data)
        if count is not None:
            count(len(data))
        return data

    while remaining > 0:
        piece = src.read_at(position, min(READ_SIZE, remaining))
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


__all__ = ["READ_SIZE", "Member", "Source", "inflate", "parse_structure"]
