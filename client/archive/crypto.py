"""Optional passphrase encryption of an archive (`docs/ARCHIVE.md`, "Encryption").

The whole ZIP is encrypted as a stream of chunks: scrypt (n=2**18, r=8, p=1: age's default
cost) turns the passphrase and a random 16-byte salt into a 256-bit key; each chunk of up to
64 KiB of plaintext is sealed with AES-256-GCM under the nonce `prefix (8 random bytes) || counter
(4 bytes, big-endian, from 0)`, with the associated data `header || counter || last flag`, so
chunks cannot be reordered, dropped, or the file cut at a chunk boundary without detection.

    header  = magic "PDAENC\\x00\\x01" (8) | version 1 (1) | kdf 1 = scrypt (1) | log2(n) (1)
              | r (1) | p (1) | salt (16) | nonce prefix (8) | chunk size (4, big-endian)
    chunk_i = AES-256-GCM(plaintext_i) = ciphertext_i || tag (16)

Every chunk but the last holds exactly `chunk size` bytes of plaintext; the last holds 0 to
`chunk size` bytes (an empty file is one empty last chunk). Because chunks have a fixed size,
`DecryptingReader` reads at any offset (the ZIP reader seeks) without decrypting to disk.

The scrypt parameters come from the file, so a crafted file could demand gigabytes of memory
and minutes of work before the passphrase is even checked. Reading refuses parameters above
the documented cap (`MAX_SCRYPT_MEMORY`, `MAX_SCRYPT_WORK`) before deriving anything, with the
reason `kdf_too_costly`; files written by this app (and by earlier versions, at 2**15) are well
inside it.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Callable
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from client.archive.format import ArchiveError

MAGIC = b"PDAENC\x00\x01"
VERSION = 1
KDF_SCRYPT = 1
# What is written: age's default work factor (log2 N = 18, r = 8, p = 1; 256 MiB of memory).
# Never lower: `EncryptingWriter` refuses a smaller log2 N than this constant.
SCRYPT_LOG2_N = 18
SCRYPT_R = 8
SCRYPT_P = 1
SALT_SIZE = 16
PREFIX_SIZE = 8
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
_HEADER = struct.Struct(">8sBBBBB16s8sI")
HEADER_SIZE = _HEADER.size  # 41
MAX_CHUNK_SIZE = 16 * 1024 * 1024
# What is read at most (documented in docs/ARCHIVE.md): memory 128·r·N and work N·r·p, i.e.
# twice age's default memory and four times its work; every field is range-checked too.
MAX_LOG2_N = 20
MAX_SCRYPT_R = 32
MAX_SCRYPT_P = 16
MAX_SCRYPT_MEMORY = 512 * 1024 * 1024
MAX_SCRYPT_WORK = 2**23


def check_scrypt_cost(log2_n: int, r: int, p: int) -> None:
    """Refuse scrypt parameters above the cap (before any memory is spent on them)."""
    if not (1 <= log2_n <= MAX_LOG2_N and 1 <= r <= MAX_SCRYPT_R and 1 <= p <= MAX_SCRYPT_P):
        raise ArchiveError(
            "kdf_too_costly",
            "The encrypted archive asks for key-derivation "
            f"parameters out of range (scrypt log2 N = {log2_n}, r = {r}, "
            f"p = {p}; at most {MAX_LOG2_N}, {MAX_SCRYPT_R}, {MAX_SCRYPT_P}).",
        )
    memory = 128 * r * 2**log2_n
    work = 2**log2_n * r * p
    if memory > MAX_SCRYPT_MEMORY or work > MAX_SCRYPT_WORK:
        raise ArchiveError(
            "kdf_too_costly",
            "The encrypted archive asks for a key derivation "
            f"costlier than this app allows (scrypt log2 N = {log2_n}, r = {r}, "
            f"p = {p}: {memory // 2**20} MiB of memory; the limit is "
            f"{MAX_SCRYPT_MEMORY // 2**20} MiB and N·r·p ≤ 2^23). It was not "
            "made by this app; nothing was decrypted.",
        )


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _derive(passphrase: str | bytes, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(secret)


def _aad(header: bytes, counter: int, last: bool) -> bytes:
    return header + struct.pack(">IB", counter, 1 if last else 0)


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + struct.pack(">I", counter)


class EncryptingWriter(io.RawIOBase):
    """A write-only stream that encrypts into `raw` (tell() works; seeking does not).

    `close()` seals the last chunk; `abort()` stops without sealing (the output is useless).
    """

    def __init__(
        self,
        raw: BinaryIO,
        passphrase: str | bytes,
        *,
        chunk_size: int = CHUNK_SIZE,
        log2_n: int | None = None,
    ) -> None:
        super().__init__()
        if not passphrase:
            raise ValueError("an empty passphrase protects nothing")
        # Read at call time (not as a default argument) so the cost is the module's setting.
        log2_n = SCRYPT_LOG2_N if log2_n is None else log2_n
        if log2_n < SCRYPT_LOG2_N:
            raise ValueError(f"scrypt log2 N below {SCRYPT_LOG2_N} is weaker than age's default")
        check_scrypt_cost(log2_n, SCRYPT_R, SCRYPT_P)
        self._raw = raw
        salt, prefix = os.urandom(SALT_SIZE), os.urandom(PREFIX_SIZE)
        self._header = _HEADER.pack(
            MAGIC, VERSION, KDF_SCRYPT, log2_n, SCRYPT_R, SCRYPT_P, salt, prefix, chunk_size
        )
        self._aes = AESGCM(_derive(passphrase, salt, log2_n, SCRYPT_R, SCRYPT_P))
        self._prefix = prefix
        self._chunk = chunk_size
        self._buffer = bytearray()
        self._counter = 0
        self._position = 0
        self._sealed = False
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("an encrypting stream cannot seek")

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self._sealed:
            raise ValueError("write to a closed encrypting stream")
        view = bytes(data)
        self._buffer += view
        self._position += len(view)
        # Keep at least one byte back: the last chunk must be sealed with the last flag.
        while len(self._buffer) > self._chunk:
            self._seal(bytes(self._buffer[: self._chunk]), last=False)
            del self._buffer[: self._chunk]
        return len(view)

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._counter)
        self._raw.write(self._aes.encrypt(nonce, plain, _aad(self._header, self._counter, last)))
        self._counter += 1
        if self._counter >= 2**32:
            raise ArchiveError("write_failed", "The archive is too large to encrypt.")

    def close(self) -> None:
        if not self._sealed and not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._sealed = True
        super().close()

    def abort(self) -> None:
        self._sealed = True
        super().close()


class DecryptingReader(io.RawIOBase):
    """A seekable, read-only view of the plaintext of an encrypted archive.

    Opening derives the key and checks the last chunk (a wrong passphrase or a cut file fails
    at once, `wrong_passphrase` / `truncated`); every chunk is authenticated when read. Call
    `authenticate_all()` to check every chunk up front.
    """

    def __init__(self, raw: BinaryIO, passphrase: str | bytes) -> None:
        super().__init__()
        self._raw = raw
        raw.seek(0, os.SEEK_END)
        file_size = raw.tell()
        raw.seek(0)
        header = raw.read(HEADER_SIZE)
        if len(header) < len(MAGIC) or header[: len(MAGIC)] != MAGIC:
            raise ArchiveError("not_an_archive", "This is not an encrypted archive.")
        if len(header) < HEADER_SIZE:
            raise ArchiveError(
                "truncated", "The encrypted archive is cut short (its header is incomplete)."
            )
        _magic, version, kdf, log2_n, r, p, salt, prefix, chunk = _HEADER.unpack(header)
        if version != VERSION or kdf != KDF_SCRYPT:
            raise ArchiveError(
                "unsupported_version",
                f"The archive is encrypted with format "
                f"{version}/{kdf}, which this app does "
                "not read.",
            )
        if not 1 <= chunk <= MAX_CHUNK_SIZE:
            raise ArchiveError(
                "unsupported_version",
                "The encrypted archive's chunk size is out of the supported range.",
            )
        check_scrypt_cost(log2_n, r, p)  # before any memory is spent on the derivation
        self._header = header
        self._prefix = prefix
        self._chunk = chunk
        body = file_size - HEADER_SIZE
        sealed = chunk + TAG_SIZE
        if body < TAG_SIZE:
            raise ArchiveError("truncated", "The encrypted archive is cut short.")
        count = -(-body // sealed)
        last_sealed = body - (count - 1) * sealed
        if last_sealed < TAG_SIZE:
            raise ArchiveError(
                "truncated", "The encrypted archive is cut short (its last chunk is incomplete)."
            )
        self._count = count
        self._size = (count - 1) * chunk + last_sealed - TAG_SIZE
        self._aes = AESGCM(_derive(passphrase, salt, log2_n, r, p))
        self._cache: dict[int, bytes] = {}  # the last two chunks (reads straddle them)
        self._position = 0
        try:
            self._chunk_plain(count - 1)
        except ArchiveError as exc:
            if count > 1:
                try:  # the first chunk opens: right passphrase, so the end was cut or changed
                    self._chunk_plain(0)
                except ArchiveError:
                    raise exc from None
                raise ArchiveError(
                    "truncated", "The encrypted archive is cut short or its end was changed."
                ) from None
            raise

    @property
    def size(self) -> int:
        return self._size

    def _chunk_plain(self, index: int) -> bytes:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        sealed = self._chunk + TAG_SIZE
        self._raw.seek(HEADER_SIZE + index * sealed)
        data = self._raw.read(sealed)
        last = index == self._count - 1
        try:
            plain = self._aes.decrypt(
                _nonce(self._prefix, index), data, _aad(self._header, index, last)
            )
        except InvalidTag:
            raise ArchiveError(
                "wrong_passphrase",
                "The archive cannot be decrypted: the "
                "passphrase is wrong, or the encrypted file "
                "was changed.",
            ) from None
        if len(self._cache) >= 2:
            self._cache.pop(next(iter(self._cache)))
        self._cache[index] = plain
        return plain

    def authenticate_all(self, cancel: Callable[[], bool] | None = None) -> None:
        for index in range(self._count):
            if cancel is not None and cancel():
                raise ArchiveError("cancelled", "Cancelled.")
            self._chunk_plain(index)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == os.SEEK_SET:
            target = offset
        elif whence == os.SEEK_CUR:
            target = self._position + offset
        else:
            target = self._size + offset
        if target < 0:
            raise OSError("negative seek position")
        self._position = target
        return target

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self._size - self._position
        out = bytearray()
        while size > 0 and self._position < self._size:
            index, within = divmod(self._position, self._chunk)
            plain = self._chunk_plain(index)
            piece = plain[within : within + size]
            if not piece:
                break
            out += piece
            self._position += len(piece)
            size -= len(piece)
        return bytes(out)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


__all__ = [
    "CHUNK_SIZE",
    "HEADER_SIZE",
    "MAGIC",
    "MAX_SCRYPT_MEMORY",
    "MAX_SCRYPT_WORK",
    "SCRYPT_LOG2_N",
    "DecryptingReader",
    "EncryptingWriter",
    "check_scrypt_cost",
    "is_encrypted",
]
