"""The subject's hash-chained access log (see `client.verify.verify_access_log`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from client.models.common import ClientModel, ExactTimestamp, parse_rfc3339

Role = Literal["subject", "agent", "guardian", "system"]
GENESIS_HASH = "0" * 64


class AccessWhat(ClientModel):
    """What an entry looked at, in the language the app asked for (not hashed)."""

    kind: str
    name: str | None = None
    text: str


class AccessLogEntry(ClientModel):
    """One access; `at` stays the exact string the shop hashed.

    `what` and `actor_display` are the shop's words next to the hashed fields; an older shop
    or archive has neither, and the app then words the `resource` path itself.
    """

    id: str
    seq: int
    at: ExactTimestamp
    actor: str
    role: Role
    action: str
    resource: str
    reason: str | None = None
    prev_hash: str
    hash: str
    what: AccessWhat | None = None
    actor_display: str | None = None
    assist_session_id: str | None = None

    @property
    def time(self) -> datetime:
        return parse_rfc3339(self.at)

    def hashed_fields(self) -> dict[str, Any]:
        """The object whose canonical JSON is hashed into `hash`."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "role": self.role,
            "action": self.action,
            "resource": self.resource,
            "reason": self.reason,
            "prev_hash": self.prev_hash,
        }


class AccessLogHead(ClientModel):
    seq: int
    hash: str


__all__ = ["GENESIS_HASH", "AccessLogEntry", "AccessLogHead", "AccessWhat", "Role"]
