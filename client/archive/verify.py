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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from client.archive.format import DEFAULT_LIMITS, ArchiveError, Limits, Manifest
from client.archive.reader import open_archive
from client.verify import load_public_keys, verify_manifest_signature

ANY_KID = "*"


@dataclass(frozen=True)
class ArchiveReport:
    """The outcome of `verify_archive`: `ok` only when nothing is wrong."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    reason: str | None = None
    source: str | None = None
    signed: bool = False
    signature_ok: bool | None = None  # None: not signed, or not checked (no key)
    kid: str | None = None
    files_checked: int = 0
    encrypted: bool = False
    manifest: Manifest | None = None

    def __bool__(self) -> bool:
        return self.ok


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


def _resolve(keys: Any, kid: str | None) -> Any:
    if isinstance(keys, Mapping) and ANY_KID in keys and kid is not None:
        return {**{k: v for k, v in keys.items() if k != ANY_KID}, kid: keys[ANY_KID]}
    return keys


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
        manifest = archive.manifest
        base: dict[str, Any] = {
            "source": manifest.source,
            "signed": manifest.signed,
            "files_checked": len(manifest.files) + 1,
            "encrypted": archive.encrypted,
            "manifest": manifest,
        }
        need = manifest.source == "shop" if require_signature is None else require_signature
        if manifest.signature is None:
            if need:
                return ArchiveReport(
                    False,
                    [
                        "The archive is not signed, but it should be (it "
                        "says it was made by the shop)."
                    ],
                    reason="unsigned",
                    **base,
                )
            return ArchiveReport(True, [], **base)
        kid = manifest.signature.get("kid")
        kid = kid if isinstance(kid, str) else None
        if keys is None:
            return ArchiveReport(
                False,
                [
                    "The shop's signature was not checked: no key was "
                    "given (use the shop's published keys or a key "
                    "file)."
                ],
                reason="unknown_key",
                kid=kid,
                **base,
            )
        keys = _resolve(keys, kid)
        result = verify_manifest_signature(manifest.raw, keys)
        if not result.ok:
            known = keys if isinstance(keys, Mapping) else load_public_keys(keys)
            reason = "bad_signature" if kid in known else "unknown_key"
            return ArchiveReport(
                False, list(result.problems), reason=reason, signature_ok=False, kid=kid, **base
            )
        return ArchiveReport(True, [], signature_ok=True, kid=kid, **base)


__all__ = ["ArchiveReport", "keys_from_shop", "load_key_file", "verify_archive"]
