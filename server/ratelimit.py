"""A small in-process sliding-window rate limiter (one server process serves one shop).

Each shop context owns its limiters, and they read the shop's clock, so tests can move past a
window by shifting the clock.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from server.errors import Problem


class RateLimiter:
    """At most `limit` hits per `window` seconds for each key."""

    def __init__(
        self, limit: int, window: float, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._now = now
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int:
        """Record one hit; return 0 if allowed, else the seconds to wait."""
        now = self._now()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            hits.append(now)
            return 0

    def blocked_for(self, key: str) -> int:
        """Seconds until `key` may try again, without recording a hit (0: allowed now)."""
        now = self._now()
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 0
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            return 0

    def check(self, key: str, what: str) -> None:
        """Raise a 429 problem with Retry-After when `key` is over its limit."""
        wait = self.retry_after(key)
        if wait:
            raise Problem(
                429,
                "rate_limited",
                f"Too many {what}. Try again in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
