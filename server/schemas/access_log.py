"""The subject's hash-chained access log."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.schemas.common import ApiModel


class AccessWhat(ApiModel):
    """What an entry looked at, in the language asked for (`Accept-Language`)."""

    kind: str = Field(
        description="What sort of thing: `orders`, `order`, `recipient_events`, `tracks`, "
        "`assist_session`… (`other` when the shop has no word for it)."
    )
    name: str | None = Field(
        description="The one object looked at, by the name the shopper knows it "
        "(a recipient's name, an order's number); null for a list or when unknown."
    )
    text: str = Field(
        description="The whole phrase, e.g. “what Shunda Logistics received”, “your orders”."
    )


class AccessLogItem(ApiModel):
    """`hash` = SHA-256 hex of the canonical JSON of `{seq, at, actor, role, action, resource,
    reason, prev_hash}` (`at` formatted `YYYY-MM-DDTHH:MM:SS.ffffffZ`); the first `prev_hash` is
    64 zeros."""

    id: str
    seq: int
    at: str = Field(description="RFC 3339 UTC with microseconds, exactly as hashed.")
    actor: str
    role: Literal["subject", "agent", "system"]
    action: str
    resource: str
    reason: str | None
    prev_hash: str
    hash: str
    what: AccessWhat = Field(
        description="Not hashed: the shop's words for `resource`, written with the entry "
        "(entries older than this field get words from `resource` alone)."
    )
    actor_display: str | None = Field(
        description="An agent's display name as it was when the entry was written (`actor` "
        "is their login); null for the subject and the system."
    )
    assist_session_id: str | None = Field(
        description="The assisted session an agent's look was made in, or that the entry "
        "started or ended; null otherwise."
    )


class AccessLogHead(ApiModel):
    seq: int = Field(description="The latest entry's `seq` (0 while the log is empty).")
    hash: str = Field(description="The latest entry's `hash` (64 zeros while empty).")
