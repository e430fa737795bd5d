"""Writing an archive from the app: the shared writer (`archive_format.writer`) plus what only the
app does, encrypting as it writes and signing with a key held in memory (test archives).

    with ArchiveWriter(path, shop={...}, subject={...}) as writer:
        writer.write_section("tracks", iter_of_dicts)
    writer.result  # WrittenArchive(path, size, sha256, manifest)

With `passphrase`, the ZIP is encrypted as it is written (`client.archive.crypto`); the
plaintext never touches the disk. Everything else (streaming, atomic rename, the manifest,
`index.html`) is the shared writer's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, BinaryIO

from archive_format.canonical import compact_json, rfc3339
from archive_format.signature import KeySigner
from archive_format.writer import (
    COMPRESS_LEVEL,
    ManifestSigner,
    WrittenArchive,
    set_compress_level,
)
from archive_format.writer import (
    ArchiveWriter as SharedWriter,
)
from archive_format.writer import (
    write_archive as shared_write_archive,
)
from client.archive.crypto import EncryptingWriter

dumps = compact_json


class ArchiveWriter(SharedWriter):
    """The shared writer, encrypting with `passphrase` and signing with `signing_key`/`kid`."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        shop: Mapping[str, Any],
        subject: Mapping[str, Any],
        passphrase: str | bytes | None = None,
        signing_key: Any = None,
        kid: str | None = None,
        signer: ManifestSigner | None = None,
        created_at: datetime | None = None,
        **options: Any,
    ) -> None:
        if signer is None and signing_key is not None:
            signer = KeySigner(signing_key, kid or "k-local")
        super().__init__(
            path, shop=shop, subject=subject, signer=signer, created_at=created_at, **options
        )
        self._passphrase = passphrase
        self._crypt: EncryptingWriter | None = None

    def _wrap_output(self, raw: BinaryIO) -> Any:
        if not self._passphrase:
            return raw
        self._crypt = EncryptingWriter(raw, self._passphrase)
        return self._crypt

    def _close_output(self) -> None:
        if self._crypt is not None:
            self._crypt.close()

    def _abort_output(self) -> None:
        if self._crypt is not None:
            self._crypt.abort()


def write_archive(
    path: str | os.PathLike[str],
    sections: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    shop: Mapping[str, Any],
    subject: Mapping[str, Any],
    **options: Any,
) -> WrittenArchive:
    """The shared `write_archive` with the app's writer (`passphrase`, `signing_key`, `kid`)."""
    return shared_write_archive(
        path, sections, shop=shop, subject=subject, writer_class=ArchiveWriter, **options
    )


__all__ = [
    "COMPRESS_LEVEL",
    "ArchiveWriter",
    "WrittenArchive",
    "dumps",
    "rfc3339",
    "set_compress_level",
    "write_archive",
]
