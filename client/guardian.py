"""A guardian's session on a ward's data: its own transport, the token in memory only.

The guardian's own sign-in opens it (`ShopApi.open_ward_session`); when the short ward token
expires (401), `WardTokens` asks the guardian's sign-in for a fresh one once, so a guardian who
stays signed in keeps the ward's dashboard. Ending it simply forgets the token; signing the
guardian out at the shop revokes it there too (the same token family).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from client.errors import ApiError
from client.models.guardians import Ward
from client.transport import Transport

if TYPE_CHECKING:
    from client.api import ShopApi

log = logging.getLogger(__name__)


class WardTokens:
    """TokenSource for a ward session: the current token, renewed through the guardian."""

    def __init__(self, guardian: ShopApi, ward_id: str, token: str) -> None:
        self._guardian = guardian
        self._ward_id = ward_id
        self._token = token
        self._lock = threading.Lock()

    def access_token(self) -> str | None:
        with self._lock:
            return self._token or None

    def refresh_access_token(self) -> str | None:
        try:
            opened = self._guardian.open_ward_session(self._ward_id)
        except ApiError as exc:
            log.info("renewing the ward session failed (%s)", type(exc).__name__)
            return None
        with self._lock:
            if not self._token:  # ended meanwhile: stay ended
                return None
            self._token = opened.access_token
            return self._token

    def clear(self) -> None:
        with self._lock:
            self._token = ""

    def __repr__(self) -> str:
        return "WardTokens(<hidden>)"


@dataclass
class WardSession:
    """The ward whose data the guardian is viewing, and an API on it."""

    ward: Ward
    guardian_name: str
    transport: Transport
    _tokens: WardTokens = field(repr=False)

    @property
    def api(self) -> ShopApi:
        from client.api import ShopApi

        return ShopApi(self.transport)

    def close(self) -> None:
        self._tokens.clear()
        self.transport.close()


def open_ward(
    guardian: ShopApi,
    ward_id: str,
    *,
    guardian_name: str,
    transport_options: Mapping[str, Any] | None = None,
) -> WardSession:
    """Open a session on one ward of the signed-in guardian."""
    opened = guardian.open_ward_session(ward_id)
    tokens = WardTokens(guardian, opened.ward.id, opened.access_token)
    base = guardian.transport.base_url
    options = dict(transport_options or {})
    transport = Transport(base, tokens=tokens, **options)
    language = guardian.transport.session.headers.get("Accept-Language")
    if language:
        transport.session.headers["Accept-Language"] = language
    log.info("ward session opened")
    return WardSession(opened.ward, guardian_name, transport, tokens)


__all__ = ["WardSession", "WardTokens", "open_ward"]
