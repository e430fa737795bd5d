"""Checking what the shop claims: the access-log hash chain and the shop's Ed25519 signatures.

- Access log (`server/audit.py`): each entry's `hash` is the SHA-256 (hex) of the canonical JSON
  of `{"seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash"}`, and its
  `prev_hash` is the previous entry's `hash` (64 zeros before the first). `seq` counts up by one.
- Consent receipts: Ed25519 by key `kid` over the canonical JSON of
  `{"id", "purpose", "granted", "at", "policy_version", "subject"}`.
- Archive manifests (`docs/ARCHIVE.md`): Ed25519 over the canonical JSON of the manifest
  without its `signature` key.

Canonical JSON: sorted keys, separators `(",", ":")`, non-ASCII as itself, UTF-8. Public keys
come from the discovery document's `signing_keys` (kid, alg `Ed25519`, base64 raw 32 bytes).

Every check returns a small result with `ok` and a list of readable `problems`, never a bare
bool, so the UI can say what is wrong.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from archive_format.canonical import canonical_json
from archive_format.signature import (
    KeySource,
    SignatureResult,
    VerificationResult,
    load_public_keys,
    verify_manifest_signature,
    verify_signature,
)
from client.models.access_log import GENESIS_HASH, AccessLogEntry, AccessLogHead
from client.models.consents import ConsentReceipt

HASHED_FIELDS = ("seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash")
RECEIPT_FIELDS = ("id", "purpose", "granted", "at", "policy_version", "subject")


@dataclass(frozen=True)
class ChainResult(VerificationResult):
    """The access-log check: how many entries were checked and where the chain first breaks.

    `first_broken_seq` is the `seq` of the first entry that does not fit; `reason` is one of
    `edited` (its content does not match its hash), `missing` (entries are absent before it),
    `reordered` (it is out of order or repeated), `unlinked` (its `prev_hash` is not the hash of
    the entry before it), `malformed`, or `head_mismatch` (the shop's head disagrees).
    """

    checked: int = 0
    first_broken_seq: int | None = None
    reason: str | None = None
    last_hash: str = GENESIS_HASH


# --- consent receipts -------------------------------------------------------------------------


def verify_consent_receipt(
    receipt: ConsentReceipt | Mapping[str, Any], keys: KeySource
) -> SignatureResult:
    """Check a consent receipt's shop signature (a model or the raw JSON object)."""
    if isinstance(receipt, ConsentReceipt):
        payload: dict[str, Any] = receipt.signed_payload()
        kid, signature = receipt.kid, receipt.signature
    else:
        missing = [name for name in (*RECEIPT_FIELDS, "kid", "signature") if name not in receipt]
        if missing:
            return SignatureResult(False, [f"The receipt lacks {', '.join(missing)}."])
        payload = {name: receipt[name] for name in RECEIPT_FIELDS}
        kid, signature = receipt["kid"], receipt["signature"]
        if not isinstance(kid, str) or not isinstance(signature, str):
            return SignatureResult(False, ["The receipt's kid or signature is not a string."])
    return verify_signature(
        canonical_json(payload), signature, kid, keys, what=f"consent receipt {payload['id']}"
    )


# --- archive manifests ------------------------------------------------------------------------


# --- access log -------------------------------------------------------------------------------


def entry_hash(fields: Mapping[str, Any]) -> str:
    hashed = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(hashed)).hexdigest()


def _as_fields(entry: AccessLogEntry | Mapping[str, Any]) -> dict[str, Any] | None:
    if isinstance(entry, AccessLogEntry):
        return {**entry.hashed_fields(), "hash": entry.hash}
    if not isinstance(entry, Mapping):
        return None
    if any(name not in entry for name in (*HASHED_FIELDS, "hash")):
        return None
    if not isinstance(entry["seq"], int) or isinstance(entry["seq"], bool):
        return None
    if not isinstance(entry["hash"], str) or not isinstance(entry["prev_hash"], str):
        return None
    return {name: entry[name] for name in (*HASHED_FIELDS, "hash")}


def verify_access_log(
    entries: Iterable[AccessLogEntry | Mapping[str, Any]],
    *,
    head: AccessLogHead | None = None,
    after_seq: int = 0,
    after_hash: str = GENESIS_HASH,
) -> ChainResult:
    """Verify the hash chain of access-log entries given oldest first.

    By default the entries must start at `seq` 1 on the genesis hash; to check a continuation,
    pass the last verified `after_seq` and `after_hash`. With `head` (from `/access-log/head`),
    the last entry must also match the shop's pinned tip. Every problem is listed; the first
    one decides `first_broken_seq` and `reason`.
    """
    problems: list[str] = []
    first: tuple[int | None, str] | None = None
    expected_seq = after_seq + 1
    prev_hash = after_hash
    checked = 0
    seen: set[int] = set()
    hashes: dict[int, str] = {}
    items = [_as_fields(raw) for raw in entries]
    present = {fields["seq"] for fields in items if fields is not None}

    def broken(seq: int | None, reason: str, message: str) -> None:
        nonlocal first
        if first is None:
            first = (seq, reason)
        problems.append(message)

    for position, fields in enumerate(items):
        if fields is None:
            broken(None, "malformed", f"Entry {position + 1} is malformed (fields are missing).")
            continue
        checked += 1
        seq = fields["seq"]
        in_place = seq == expected_seq
        if seq in seen or seq < expected_seq:
            broken(
                seq,
                "reordered",
                f"Entry {seq} is out of order or repeated (expected {expected_seq} next).",
            )
        elif seq > expected_seq:
            if expected_seq in present:
                broken(
                    seq,
                    "reordered",
                    f"Entry {seq} comes before entry {expected_seq}: the log was reordered.",
                )
            else:
                gap = f"{expected_seq}" if seq - expected_seq == 1 else f"{expected_seq}–{seq - 1}"
                broken(seq, "missing", f"Entries {gap} are missing before entry {seq}.")
        seen.add(seq)
        if entry_hash(fields) != fields["hash"]:
            broken(
                seq,
                "edited",
                f"Entry {seq} was changed after it was written (its hash "
                "does not match its content).",
            )
        elif in_place and fields["prev_hash"] != prev_hash:
            broken(
                seq,
                "unlinked",
                f"Entry {seq} does not follow the entry before it "
                "(its prev_hash does not match): entries were removed, "
                "replaced or rewritten.",
            )
        hashes.setdefault(seq, fields["hash"])
        prev_hash = fields["hash"]
        expected_seq = max(expected_seq, seq + 1)

    if head is not None and head.seq > after_seq:
        # The head may be older than the list (every read appends an entry), never newer.
        if head.seq not in hashes:
            broken(
                head.seq,
                "missing",
                f"The shop's latest entry is {head.seq}, but the list ends at "
                f"{expected_seq - 1}: entries are missing at the end.",
            )
        elif hashes[head.seq] != head.hash:
            broken(
                head.seq,
                "head_mismatch",
                f"Entry {head.seq} differs from the one the shop pinned as its head: the "
                "log was rewritten.",
            )
    first_seq, reason = first if first is not None else (None, None)
    return ChainResult(
        ok=not problems,
        problems=problems,
        checked=checked,
        first_broken_seq=first_seq,
        reason=reason,
        last_hash=prev_hash,
    )


__all__ = [
    "ChainResult",
    "SignatureResult",
    "VerificationResult",
    "canonical_json",
    "entry_hash",
    "load_public_keys",
    "verify_access_log",
    "verify_consent_receipt",
    "verify_manifest_signature",
    "verify_signature",
]
