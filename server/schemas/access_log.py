"""The subject's hash-chained access log."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.schemas.common import ApiModel


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


class AccessLogHead(ApiModel):
    seq: int = Field(description="The latest entry's `seq` (0 while the log is empty).")
    hash: str = Field(description="The latest entry's `hash` (64 zeros while empty).")
