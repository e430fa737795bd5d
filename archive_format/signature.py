"""Ed25519 signatures as the archive format uses them: the shop signs the canonical JSON of the
manifest without its `signature` key (`docs/ARCHIVE.md`); the same check serves consent
receipts. Public keys come from the discovery document's `signing_keys` (kid, alg `Ed25519`,
base64 raw 32 bytes).

Every check returns a small result with `ok` and a list of readable `problems`, never a bare
bool, so a screen can say what is wrong.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from archive_format.canonical import canonical_json


@dataclass(frozen=True)
class VerificationResult:
    """`ok` only when there are no problems; `problems` says what is wrong, in plain words."""

    ok: bool
    problems: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:  # so `if result:` reads naturally, though the problems matter
        return self.ok


@dataclass(frozen=True)
class SignatureResult(VerificationResult):
    kid: str | None = None


# --- keys -------------------------------------------------------------------------------------


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def load_public_keys(signing_keys: Iterable[Any]) -> dict[str, Ed25519PublicKey]:
    """`kid` -> key from discovery `signing_keys` (mappings or objects with kid/alg/public_key).

    Keys of another algorithm or with a malformed value are skipped: a signature by them then
    reports an unknown key rather than crashing.
    """
    keys: dict[str, Ed25519PublicKey] = {}
    for entry in signing_keys:
        kid, alg, raw = _get(entry, "kid"), _get(entry, "alg"), _get(entry, "public_key")
        if not isinstance(kid, str) or not isinstance(raw, str) or alg != "Ed25519":
            continue
        try:
            keys[kid] = Ed25519PublicKey.from_public_bytes(base64.b64decode(raw, validate=True))
        except (binascii.Error, ValueError):
            continue
    return keys


KeySource = Mapping[str, Ed25519PublicKey] | Iterable[Any]


def _keys(keys: KeySource) -> Mapping[str, Ed25519PublicKey]:
    if isinstance(keys, Mapping) and all(isinstance(v, Ed25519PublicKey) for v in keys.values()):
        return keys
    return load_public_keys(keys)


def verify_signature(
    payload: bytes, signature_b64: str, kid: str, keys: KeySource, *, what: str
) -> SignatureResult:
    """Check one base64 Ed25519 signature over `payload` by key `kid`."""
    key = _keys(keys).get(kid)
    if key is None:
        return SignatureResult(
            False,
            [f"The {what} is signed with key {kid!r}, which the shop does not publish."],
            kid=kid,
        )
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError):
        return SignatureResult(False, [f"The {what}'s signature is not valid base64."], kid=kid)
    try:
        key.verify(signature, payload)
    except InvalidSignature:
        return SignatureResult(
            False,
            [f"The {what}'s signature does not match its content: it was changed or forged."],
            kid=kid,
        )
    return SignatureResult(True, [], kid=kid)


def verify_manifest_signature(manifest: Mapping[str, Any], keys: KeySource) -> SignatureResult:
    """Check a shop archive's `manifest.json` signature (`docs/ARCHIVE.md`)."""
    signature = manifest.get("signature")
    if signature is None:
        return SignatureResult(False, ["The archive is not signed (it was not made by the shop)."])
    if not isinstance(signature, Mapping):
        return SignatureResult(False, ["The manifest's signature is malformed."])
    kid, alg, value = signature.get("kid"), signature.get("alg"), signature.get("value")
    if alg != "Ed25519":
        return SignatureResult(False, [f"Unsupported signature algorithm {alg!r}."])
    if not isinstance(kid, str) or not isinstance(value, str):
        return SignatureResult(False, ["The manifest's signature lacks its kid or value."])
    unsigned = {key: item for key, item in manifest.items() if key != "signature"}
    return verify_signature(canonical_json(unsigned), value, kid, keys, what="archive manifest")


class KeySigner:
    """Signs manifests with a private key held in memory (the app's own signed test archives)."""

    def __init__(self, key: Ed25519PrivateKey, kid: str = "k-local") -> None:
        self.kid = kid
        self._key = key

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self._key.sign(payload)).decode()


__all__ = [
    "KeySigner",
    "KeySource",
    "SignatureResult",
    "VerificationResult",
    "load_public_keys",
    "verify_manifest_signature",
    "verify_signature",
]
