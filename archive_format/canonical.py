"""The two JSON spellings of the archive format.

`canonical_json`: what is signed and hashed (sorted keys, no insignificant spaces, non-ASCII as
itself, UTF-8): the manifest signature, the access-log hash chain, consent receipts.
`compact_json`: how a record is written into a data member (the keys in the item's order).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no insignificant spaces, non-ASCII as itself, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def compact_json(value: Any) -> bytes:
    """One record as written into `data/`: its own key order, no spaces, UTF-8."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rfc3339(moment: datetime) -> str:
    """RFC 3339 UTC with microseconds (`2026-01-02T03:04:05.000006Z`); naive means UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


__all__ = ["canonical_json", "compact_json", "rfc3339"]
