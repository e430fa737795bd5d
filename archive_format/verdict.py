"""The verdict on an archive whose members all checked out: is its signature what it should be?

One function, `signature_verdict`, used by `client.archive.verify_archive` (a path and keys) and
by the app's verify dialog (keys of the signed-in shops or a key file), so both say the same:

- not signed: fine for the app's own export, refused (`unsigned`) when it says the shop made it;
- signed, no key to check with: `unknown_key`, with the caller's words for how to get one;
- signed by a key that is not among the keys: `unknown_key`; by a known key that does not match:
  `bad_signature`; else good.

A key file holding one bare key is filed under `ANY_KID` and stands for whichever kid the
manifest names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archive_format.manifest import Manifest
from archive_format.signature import load_public_keys, verify_manifest_signature

ANY_KID = "*"
NO_KEY_GIVEN = (
    "The shop's signature was not checked: no key was given (use the shop's published keys or "
    "a key file)."
)
NOT_SIGNED = "The archive is not signed, but it should be (it says it was made by the shop)."


@dataclass(frozen=True)
class ArchiveReport:
    """The outcome of a check: `ok` only when nothing is wrong."""

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


def resolve_keys(keys: Any, kid: str | None) -> Mapping[str, Any]:
    """`kid` -> public key; discovery-style entries are loaded, `ANY_KID` stands for `kid`."""
    if not isinstance(keys, Mapping):
        keys = load_public_keys(keys)
    if ANY_KID in keys and kid is not None:
        return {**{k: v for k, v in keys.items() if k != ANY_KID}, kid: keys[ANY_KID]}
    return dict(keys)


def signature_verdict(
    manifest: Manifest,
    *,
    encrypted: bool,
    keys: Any,
    require_signature: bool | None = None,
    no_key_message: str = NO_KEY_GIVEN,
) -> ArchiveReport:
    """The report for an archive whose structure, sizes and checksums are already verified.

    `keys`: None when there is no key to check with; else a `kid -> key` mapping or discovery
    `signing_keys` entries. `require_signature`: None requires a signature when the manifest
    says `source: shop`; True/False force it.
    """
    base: dict[str, Any] = {
        "source": manifest.source,
        "signed": manifest.signed,
        "files_checked": len(manifest.files) + 1,  # and the manifest itself
        "encrypted": encrypted,
        "manifest": manifest,
    }
    need = manifest.source == "shop" if require_signature is None else require_signature
    if manifest.signature is None:
        if need:
            return ArchiveReport(False, [NOT_SIGNED], reason="unsigned", **base)
        return ArchiveReport(True, [], **base)
    raw_kid = manifest.signature.get("kid")
    kid = raw_kid if isinstance(raw_kid, str) else None
    if keys is None:
        return ArchiveReport(False, [no_key_message], reason="unknown_key", kid=kid, **base)
    resolved = resolve_keys(keys, kid)
    result = verify_manifest_signature(manifest.raw, resolved)
    if not result.ok:
        reason = "bad_signature" if kid in resolved else "unknown_key"
        return ArchiveReport(
            False, list(result.problems), reason=reason, signature_ok=False, kid=kid, **base
        )
    return ArchiveReport(True, [], signature_ok=True, kid=kid, **base)


__all__ = [
    "ANY_KID",
    "NOT_SIGNED",
    "NO_KEY_GIVEN",
    "ArchiveReport",
    "resolve_keys",
    "signature_verdict",
]
