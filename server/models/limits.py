"""Rate-limit state shared by every worker process: one row per limited key, expiring."""

from __future__ import annotations

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base


class RateLimitEntry(Base):
    """A counter (fixed window) or a back-off for one key; purged once `expires_at` passes.

    Times are epoch seconds (floats), so the atomic upsert in `server.ratelimit` can compare
    and add them in plain SQL on every backend. The key is a SHA-256 of the logical key: the
    table holds no usernames or addresses.
    """

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[float] = mapped_column(Float)  # window start, or the last failure
    blocked_until: Mapped[float] = mapped_column(Float, default=0.0)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
