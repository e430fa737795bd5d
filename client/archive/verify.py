"""Checking an archive: every checksum and size, the ZIP structure, and the shop's signature.

`verify_archive(path, keys=…)` never raises for a bad archive: it returns an `ArchiveReport`
whose `problems` say in plain words what is wrong and whose `reason` is the stable code of
the first one (`client.archive.format.REASONS`).

Keys: the shop's discovery `signing_keys` (`keys_from_shop(url)`), or a key file
(`load_key_file`): a saved discovery document or any JSON with `signing_keys`, a JSON list of
`{kid, alg, public_key}`, one such object, or a PEM Ed25519 public key (for any kid).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from archive_format.verdict import ANY_KID, ArchiveReport, signature_verdict
from client.archive.format import DEFAULT_LIMITS, ArchiveError, Limits
from client.archive.reader import open_archive
from client.verify import load_public_keys


def load_key_file(path: str | os.PathLike[str]) -> dict[str, Ed25519PublicKey]:
    """Public keys from a file (see the module doc); a PEM key is filed under `"*"`."""
    data = Path(path).read_bytes()
    if b"-----BEGIN" in data:
        try:
            key = load_pem_public_key(data)
        except ValueError as exc:
            raise ArchiveError(
                "unknown_key", f"The key file is not a valid PEM key: {exc}"
            ) from None
        if not isinstance(key, Ed25519PublicKey):
            raise ArchiveError("unknown_key", "The key file does not hold an Ed25519 key.")
        return {ANY_KID: key}
    try:
        value: Any = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        text = data.decode("ascii", "replace").strip()
        try:  # a bare base64 raw 32-byte key
            return {
                ANY_KID: Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
            }
        except (binascii.Error, ValueError):
            raise ArchiveError(
                "unknown_key", "The key file is neither JSON nor a PEM or base64 Ed25519 key."
            ) from None
    if isinstance(value, Mapping) and "signing_keys" in value:
        value = value["signing_keys"]
    if isinstance(value, Mapping):
        value = [value]
    keys = load_public_keys(value if isinstance(value, list) else [])
    if not keys:
        raise ArchiveError("unknown_key", "The key file holds no Ed25519 signing key.")
    return keys


def keys_from_shop(shop_url: str) -> dict[str, Ed25519PublicKey]:
    """The shop's published signing keys, from its `/.well-known/privacy-api` (network)."""
    from client.discovery import fetch_discovery

    return load_public_keys(fetch_discovery(shop_url).signing_keys)


def verify_archive(
    path: str | os.PathLike[str],
    *,
    keys: Any = None,
    passphrase: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
    require_signature: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ArchiveReport:
    """Check everything; see the module doc.

    `require_signature`: None (default) requires a valid signature for archives whose manifest
    says `source: shop` and accepts unsigned client archives; True/False force it.
    """
    try:
        archive = open_archive(
            path,
            passphrase=passphrase,
            limits=limits,
            verify=True,
            progress=progress,
            cancel=cancel,
        )
    except ArchiveError as exc:
        return ArchiveReport(False, [exc.message], reason=exc.reason)
    with archive:
        if keys is not None and not isinstance(keys, Mapping):
            keys = load_public_keys(keys)
        return signature_verdict(
            archive.manifest,
            encrypted=archive.encrypted,
            keys=keys,
            require_signature=require_signature,
        )


__all__ = ["ANY_KID", "ArchiveReport", "keys_from_shop", "load_key_file", "verify_archive"]
