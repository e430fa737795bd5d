"""Parsing the opaque string ids of the API back into row keys."""

from __future__ import annotations

from server.errors import not_found

_MAX_ID = 2**63 - 1


def parse_id(raw: str, what: str = "resource") -> int:
    """An id the server never issued (not a positive integer) is simply not found."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        raise not_found(what)
    value = int(raw)
    if value <= 0 or value > _MAX_ID:
        raise not_found(what)
    return value
